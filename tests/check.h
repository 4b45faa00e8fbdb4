/* check.h: the pass/fail count of the C test programs: check(ok, format, ...) counts one check and prints "FAIL: what" when it fails; check_summary() prints the "N passed, M failed" line the suites read and gives the exit status. */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int check_passed, check_failed;

__attribute__((format(printf, 2, 3))) static inline void check(bool ok, const char *format, ...)
{
    if (ok) {
        check_passed++;
        return;
    }
    check_failed++;
    va_list args;
    va_start(args, format);
    fputs("FAIL: ", stdout);
    vprintf(format, args);
    fputs("\n", stdout);
    va_end(args);
}

/* Prints the counts; 0 if every check passed, else 1 (the exit status). */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}

#endif
