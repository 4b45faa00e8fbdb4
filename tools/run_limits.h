/* run_limits.h: --timeout SECONDS and --max-memory BYTES, the same for the command-line runners (wrun, itrun). */
#ifndef TOOLS_RUN_LIMITS_H
#define TOOLS_RUN_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

/* The largest --timeout: a million seconds (about 11 days). */
#define RUN_TIMEOUT_MAX 1e6

/* Reads --timeout's value: all of `text` a decimal number of seconds
 * (digits and one '.'), above 0 and at most RUN_TIMEOUT_MAX. */
bool run_parse_seconds(const char *text, double *seconds);

/* Reads --max-memory's value: all of `text` decimal digits, above 0. */
bool run_parse_bytes(const char *text, uint64_t *bytes);

/* Calls `on_alarm` (a SIGALRM handler: async-signal-safe code only) once,
 * `seconds` from now. */
void run_alarm_after(double seconds, void (*on_alarm)(int));

#endif
