/* fizzbuzz.c: core module of the fizzbuzz component. It knows nothing of fizz
 * and buzz beyond the functions it imports: fizzbuzz.itl wires them to the
 * fizz and buzz components and turns their strings into bytes in this
 * module's memory, and turns the lines this module logs back into strings. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "it_core.h"

IMPORT("fizz", "isFizz") bool is_fizz(int n);
/* A NUL-terminated copy in this module's memory, from malloc: free it. */
IMPORT("fizz", "fizzStr") char *fizz_str(void);
IMPORT("buzz", "isBuzz") bool is_buzz(int n);
IMPORT("buzz", "buzzStr") char *buzz_str(void);
IMPORT("console", "log") void console_log(const char *text, size_t length);

EXPORT("malloc") void *fizzbuzz_malloc(size_t size) { return malloc(size); }

/* Appends word (then frees it) to line, which holds *length bytes of at most capacity. */
static void append_word(char *line, size_t *length, size_t capacity, char *word)
{
    size_t size = strlen(word);
    if (*length + size > capacity) size = capacity - *length;
    memcpy(line + *length, word, size);
    *length += size;
    free(word);
}

/* Writes the decimal digits of n (n >= 0) into text; returns how many. */
static size_t format_decimal(char *text, int n)
{
    char digits[12];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    for (size_t i = 0; i < count; i++) text[i] = digits[count - 1 - i];
    return count;
}

/* Logs one line for each of 1..count: Fizz, Buzz, FizzBuzz or the number. */
EXPORT("fizzbuzz") void fizzbuzz(int count)
{
    for (int i = 1; i <= count; i++) {
        char line[64];
        size_t length = 0;
        if (is_fizz(i)) append_word(line, &length, sizeof line, fizz_str());
        if (is_buzz(i)) append_word(line, &length, sizeof line, buzz_str());
        if (length == 0) length = format_decimal(line, i);
        console_log(line, length);
    }
}
