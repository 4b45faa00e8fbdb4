/* escape.h: control characters written visibly, so that a name from untrusted input cannot forge or hide lines (the native loader's messages, itrun). */
#ifndef TOOLS_ESCAPE_H
#define TOOLS_ESCAPE_H

/* A malloc'd copy of `text` with every control character written as \xHH,
 * one per byte: C0 (below 0x20), DEL, and C1 (U+0080..U+009F, the UTF-8
 * bytes C2 80..C2 9F, which terminals may read as escapes). NULL if out of
 * memory. */
char *escape_controls(const char *text);

#endif
