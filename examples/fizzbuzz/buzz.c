/* buzz.c: core module of the buzz component: is a number a multiple of 5, and the word for it. */
#include <stdbool.h>
#include <string.h>

#include "it_core.h"

EXPORT("isBuzz") bool is_buzz(int n) { return n % 5 == 0; }

/* A NUL-terminated string in this module's memory (see fizz.c). */
EXPORT("buzzStr") const char *buzz_str(void) { return "Buzz"; }

EXPORT("strlen") size_t buzz_strlen(const char *text) { return strlen(text); }
