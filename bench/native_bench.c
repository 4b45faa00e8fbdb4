/* native_bench.c: times run(n) of one kernel compiled natively (linked in), as the baseline. */
#include <inttypes.h>
#include <stdio.h>

#include "bench_stats.h"

/* The kernel's entry point, from bench/kernels/NAME.c compiled natively. */
int64_t run(int64_t n);

/*
 * native_bench N RUNS WARMUP
 *
 * Calls run(N) WARMUP times untimed, then RUNS times timed, and prints one
 * line of key=value pairs (the format bench/run.js reads):
 *
 *   checksum=<i64> median_ms=<ms> runs_ms=<ms>,... cpu_median_ms=<ms>
 *   cpu_runs_ms=<ms>,...
 *
 * Every call must return the same checksum (kernels start from scratch);
 * a difference is reported as error=... and exit status 1.
 */
int main(int argc, char **argv)
{
    bench_args args;
    if (bench_parse_args(argc - 1, argv + 1, &args)) {
        fprintf(stderr, "usage: %s N RUNS WARMUP\n", argv[0]);
        return 2;
    }
    int64_t checksum = 0;
    for (int i = 0; i < args.warmup; i++)
        checksum = run(args.n);
    double wall_ms[BENCH_MAX_RUNS], cpu_ms[BENCH_MAX_RUNS];
    for (int i = 0; i < args.runs; i++) {
        double start = bench_now_ms(), cpu_start = bench_cpu_now_ms();
        int64_t result = run(args.n);
        cpu_ms[i] = bench_cpu_now_ms() - cpu_start;
        wall_ms[i] = bench_now_ms() - start;
        if ((i > 0 || args.warmup > 0) && result != checksum) {
            printf("error=run(%" PRId64 ") returned %" PRId64
                   " after %" PRId64 ": the kernel keeps state between calls\n",
                   args.n, result, checksum);
            return 1;
        }
        checksum = result;
    }
    printf("checksum=%" PRId64 " ", checksum);
    bench_print_times(wall_ms, cpu_ms, args.runs);
    printf("\n");
    return 0;
}
