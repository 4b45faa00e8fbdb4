/* bench_stats.c: arguments, clock, median and output line shared by the C benchmark drivers. */
#include "bench_stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parses a decimal integer in [min, max]; non-zero if it is not one. */
static int bench_parse_integer(const char *text, int64_t min, int64_t max,
                               int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno || end == text || *end || value < min || value > max)
        return 1;
    *out = value;
    return 0;
}

int bench_parse_args(int argc, char **argv, bench_args *out)
{
    int64_t runs = 0, warmup = 0;
    if (argc != 3 || bench_parse_integer(argv[0], 0, INT64_MAX, &out->n) ||
        bench_parse_integer(argv[1], 1, BENCH_MAX_RUNS, &runs) ||
        bench_parse_integer(argv[2], 0, BENCH_MAX_RUNS, &warmup))
        return 1;
    out->runs = (int)runs;
    out->warmup = (int)warmup;
    return 0;
}

double bench_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

double bench_cpu_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
}

static int bench_compare_doubles(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

double bench_median(double *times_ms, int count)
{
    qsort(times_ms, (size_t)count, sizeof *times_ms, bench_compare_doubles);
    if (count % 2)
        return times_ms[count / 2];
    return (times_ms[count / 2 - 1] + times_ms[count / 2]) / 2;
}

/* Prints "<prefix>median_ms=<ms> <prefix>runs_ms=<ms>,...". */
static void bench_print_series(const char *prefix, const double *times_ms,
                               int count)
{
    double sorted[BENCH_MAX_RUNS];
    memcpy(sorted, times_ms, (size_t)count * sizeof *times_ms);
    printf("%smedian_ms=%.3f %sruns_ms=", prefix, bench_median(sorted, count),
           prefix);
    for (int i = 0; i < count; i++)
        printf("%s%.3f", i ? "," : "", times_ms[i]);
}

void bench_print_times(const double *wall_ms, const double *cpu_ms, int count)
{
    bench_print_series("", wall_ms, count);
    printf(" ");
    bench_print_series("cpu_", cpu_ms, count);
}
