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

/* Whether `text` is a --dir value, HOST[::GUEST] with both parts non-empty. */
bool run_dir_is_valid(const char *text);

/* The guest environment of --inherit-env (when `inherit`: this process's
 * entries that are NAME=VALUE, others skipped) followed by the `extra`
 * entries (--env), as a malloc'd array of borrowed strings (*count of
 * them); NULL if out of memory. */
const char **run_environment(bool inherit, const char *const *extra, size_t extra_count, size_t *count);

/* A watchdog: calls fire(argument) once, `seconds` from now, on a thread
 * of its own, unless stopped first. A thread, not a signal: no handler runs
 * inside guest code (the runtime's traps stay the only signals wasm meets),
 * and ThreadSanitizer, which defers asynchronous signals to its next
 * interceptor, still sees the timeout. NULL (errno set) if the thread could
 * not start. */
typedef struct run_watchdog run_watchdog;
run_watchdog *run_watchdog_start(double seconds, void (*fire)(void *argument), void *argument);

/* Stops and frees a watchdog (NULL: nothing): once this returns, fire is
 * not running and never will, so what it touches may be freed. */
void run_watchdog_stop(run_watchdog *dog);

#endif
