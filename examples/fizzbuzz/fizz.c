/* fizz.c: core module of the fizz component: is a number a multiple of 3, and the word for it. */
#include <stdbool.h>
#include <string.h>

#include "it_core.h"

EXPORT("isFizz") bool is_fizz(int n) { return n % 3 == 0; }

/* A NUL-terminated string in this module's memory; the ITL reads it with
 * mem-to-string, taking its length from the strlen export. */
EXPORT("fizzStr") const char *fizz_str(void) { return "Fizz"; }

EXPORT("strlen") size_t fizz_strlen(const char *text) { return strlen(text); }
