/* strings.c: core module of the strings example: UTF-8 text, 64-bit integers and floats.
 *
 * String functions take (pointer, length) of UTF-8 bytes the adapter copied
 * in, and return a malloc'd buffer whose length result_length() gives (so
 * results may hold any byte, NUL included); the adapter frees both.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "it_core.h"

static uint32_t last_length;

EXPORT("malloc") void *strings_malloc(size_t size) { return malloc(size ? size : 1); }
EXPORT("free") void strings_free(void *pointer) { free(pointer); }
EXPORT("result_length") uint32_t result_length(void) { return last_length; }

/* The length of the UTF-8 sequence starting with lead byte `lead` (the input
 * is valid UTF-8: the loader only writes valid UTF-8). */
static size_t sequence_length(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/* The code points of text in reverse order (each sequence kept intact). */
EXPORT("reverse") char *reverse(const char *text, uint32_t length)
{
    char *result = strings_malloc(length);
    size_t at = 0;
    while (at < length) {
        size_t size = sequence_length((unsigned char)text[at]);
        memcpy(result + length - at - size, text + at, size);
        at += size;
    }
    last_length = length;
    return result;
}

/* Uppercase: ASCII a-z, and U+00E0..U+00FE (but U+00F7 '÷') in Latin-1, which
 * map 32 code points down (à -> À); everything else unchanged. */
EXPORT("upper") char *upper(const char *text, uint32_t length)
{
    unsigned char *result = strings_malloc(length);
    memcpy(result, text, length);
    for (size_t i = 0; i < length; i++) {
        if (result[i] >= 'a' && result[i] <= 'z') {
            result[i] -= 32;
        } else if (result[i] == 0xc3 && i + 1 < length && result[i + 1] >= 0xa0 &&
                   result[i + 1] <= 0xbe && result[i + 1] != 0xb7) {
            result[i + 1] -= 32;   /* U+00E0..U+00FE are C3 A0..C3 BE */
            i++;
        }
    }
    last_length = length;
    return (char *)result;
}

EXPORT("count_code_points") uint32_t count_code_points(const char *text, uint32_t length)
{
    uint32_t count = 0;
    for (size_t i = 0; i < length; i++) count += ((unsigned char)text[i] & 0xc0) != 0x80;
    return count;
}

/* text repeated `times` times. */
EXPORT("repeat") char *repeat(const char *text, uint32_t length, uint32_t times)
{
    char *result = strings_malloc((size_t)length * times);
    for (uint32_t i = 0; i < times; i++) memcpy(result + (size_t)i * length, text, length);
    last_length = length * times;
    return result;
}

/* 64-bit integers. */
EXPORT("u64_add") uint64_t u64_add(uint64_t a, uint64_t b) { return a + b; /* wraps */ }
EXPORT("s64_negate") int64_t s64_negate(int64_t a) { return (int64_t)(0 - (uint64_t)a); /* wraps at INT64_MIN */ }

/* The decimal text of a u64 or an s64. */
static char *decimal(uint64_t magnitude, int negative)
{
    char digits[21];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    char *result = strings_malloc(count + (size_t)negative);
    size_t at = 0;
    if (negative) result[at++] = '-';
    while (count) result[at++] = digits[--count];
    last_length = (uint32_t)at;
    return result;
}

EXPORT("u64_to_string") char *u64_to_string(uint64_t value) { return decimal(value, 0); }
EXPORT("s64_to_string") char *s64_to_string(int64_t value)
{
    return value < 0 ? decimal(0 - (uint64_t)value, 1) : decimal((uint64_t)value, 0);
}

/* Floats. */
EXPORT("f64_average") double f64_average(double a, double b) { return a / 2 + b / 2; }
EXPORT("f32_scale") float f32_scale(float x, float factor) { return x * factor; }
