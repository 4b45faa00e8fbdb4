/* run_limits.c: --timeout SECONDS and --max-memory BYTES, the same for the command-line runners (wrun, itrun). */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "run_limits.h"

bool run_parse_seconds(const char *text, double *seconds)
{
    char *end;
    errno = 0;
    *seconds = strtod(text, &end);
    /* Only digits and '.' (strtod alone takes spaces, signs, hex, inf);
     * strtod stops at a second '.'. */
    return end != text && !*end && !errno && strspn(text, "0123456789.") == strlen(text) && *seconds > 0 &&
           *seconds <= RUN_TIMEOUT_MAX;
}

bool run_parse_bytes(const char *text, uint64_t *bytes)
{
    char *end;
    errno = 0;
    *bytes = strtoull(text, &end, 10);
    return end != text && !*end && !errno && strspn(text, "0123456789") == strlen(text) && *bytes > 0;
}

void run_alarm_after(double seconds, void (*on_alarm)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
    double whole = floor(seconds);
    struct itimerval timer = {{0, 0}, {(time_t)whole, (suseconds_t)((seconds - whole) * 1e6)}};
    if (!timer.it_value.tv_sec && !timer.it_value.tv_usec)
        timer.it_value.tv_usec = 1;
    setitimer(ITIMER_REAL, &timer, NULL);
}
