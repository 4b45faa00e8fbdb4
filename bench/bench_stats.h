/* bench_stats.h: what the C drivers share: arguments, a monotonic clock, the median and the output line. */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stdint.h>

/* Drivers time at most this many repetitions (BENCH_RUNS). */
#define BENCH_MAX_RUNS 100

typedef struct bench_args {
    int64_t n;  /* the argument of run() */
    int runs;   /* timed calls, 1..BENCH_MAX_RUNS */
    int warmup; /* untimed calls before them, 0..BENCH_MAX_RUNS */
} bench_args;

/* Parses "N RUNS WARMUP" (argc must be 3); non-zero if malformed. */
int bench_parse_args(int argc, char **argv, bench_args *out);

/* Milliseconds on CLOCK_MONOTONIC (wall time). */
double bench_now_ms(void);

/* Milliseconds of CPU time used by the calling thread: unlike wall time,
 * it does not grow while other processes hold the (shared) cores. */
double bench_cpu_now_ms(void);

/* The median of `count` (>= 1) times; sorts `times_ms` in place. */
double bench_median(double *times_ms, int count);

/* Prints "median_ms=<ms> runs_ms=<ms>,... cpu_median_ms=<ms>
 * cpu_runs_ms=<ms>,..." (wall and CPU times, in call order). */
void bench_print_times(const double *wall_ms, const double *cpu_ms, int count);

#endif /* BENCH_STATS_H */
