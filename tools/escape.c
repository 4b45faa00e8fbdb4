/* escape.c: control characters written visibly, so that a name from untrusted input cannot forge or hide lines (the native loader's messages, itrun). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* Whether `p` starts a control character; its length in *length. */
static bool is_control(const unsigned char *p, size_t *length)
{
    *length = p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f ? 2 : 1;
    return p[0] < 0x20 || p[0] == 0x7f || *length == 2;
}

char *escape_controls(const char *text)
{
    size_t extra = 0, length;
    for (const unsigned char *p = (const unsigned char *)text; *p; p += length)
        if (is_control(p, &length)) extra += 3 * length;
    char *escaped = malloc(strlen(text) + extra + 1), *out = escaped;
    if (!escaped) return NULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p += length) {
        if (!is_control(p, &length)) {
            *out++ = (char)*p;
            continue;
        }
        for (size_t i = 0; i < length; i++)
            out += sprintf(out, "\\x%02x", p[i]);
    }
    *out = '\0';
    return escaped;
}
