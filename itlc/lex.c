/* lex.c: ITL source text to tokens (parentheses, symbols, strings, integers). */
#include <string.h>

#include "itlc.h"

void lex_init(lexer *lx, const char *source, size_t size, itlc_diag *diag, arena *a)
{
    memset(lx, 0, sizeof *lx);
    lx->source = source;
    lx->size = size;
    lx->line = 1;
    lx->column = 1;
    lx->diag = diag;
    lx->arena = a;
}

/* The position of byte offset `at` (which must be on the current line).
 * Tokens come in order, so the column is counted on from the last one
 * asked for (a long line costs its length once, not once per token). */
static itlc_loc lex_loc(lexer *lx, size_t at)
{
    if (at < lx->column_at) {
        lx->column_at = lx->line_start;
        lx->column = 1;
    }
    for (size_t i = lx->column_at; i < at; i++)
        if (((unsigned char)lx->source[i] & 0xc0) != 0x80)
            lx->column++;
    lx->column_at = at;
    return (itlc_loc){ lx->line, lx->column, at };
}

static int lex_peek(const lexer *lx, size_t ahead)
{
    return lx->pos + ahead < lx->size ? (unsigned char)lx->source[lx->pos + ahead] : -1;
}

static void lex_newline(lexer *lx)
{
    lx->line++;
    lx->line_start = lx->pos;
    lx->column_at = lx->pos;
    lx->column = 1;
}

static bool lex_is_delimiter(int c)
{
    return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' ||
           c == '"' || c == ';';
}

/* Skips whitespace and comments; a block comment `(; ... ;)` may nest. */
static itlc_error lex_skip_space(lexer *lx)
{
    for (;;) {
        int c = lex_peek(lx, 0);
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->pos++;
        } else if (c == '\n') {
            lx->pos++;
            lex_newline(lx);
        } else if (c == ';' && lex_peek(lx, 1) == ';') {
            while (lx->pos < lx->size && lx->source[lx->pos] != '\n')
                lx->pos++;
        } else if (c == '(' && lex_peek(lx, 1) == ';') {
            itlc_loc start = lex_loc(lx, lx->pos);
            int depth = 0;
            do {
                if (lx->pos >= lx->size) {
                    lx->pos = lx->size;
                    return diag_error(lx->diag, start, ITLC_ERR_UNTERMINATED_COMMENT);
                }
                if (lex_peek(lx, 0) == '(' && lex_peek(lx, 1) == ';') {
                    depth++;
                    lx->pos += 2;
                } else if (lex_peek(lx, 0) == ';' && lex_peek(lx, 1) == ')') {
                    depth--;
                    lx->pos += 2;
                } else {
                    if (lx->source[lx->pos++] == '\n')
                        lex_newline(lx);
                }
            } while (depth > 0);
        } else {
            return ITLC_OK;
        }
    }
}

static int lex_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void lex_put_utf8(arena *a, bytes *out, uint32_t code_point)
{
    uint8_t buffer[4];
    size_t n;
    if (code_point < 0x80) {
        buffer[0] = (uint8_t)code_point;
        n = 1;
    } else if (code_point < 0x800) {
        buffer[0] = (uint8_t)(0xc0 | code_point >> 6);
        buffer[1] = (uint8_t)(0x80 | (code_point & 0x3f));
        n = 2;
    } else if (code_point < 0x10000) {
        buffer[0] = (uint8_t)(0xe0 | code_point >> 12);
        buffer[1] = (uint8_t)(0x80 | ((code_point >> 6) & 0x3f));
        buffer[2] = (uint8_t)(0x80 | (code_point & 0x3f));
        n = 3;
    } else {
        buffer[0] = (uint8_t)(0xf0 | code_point >> 18);
        buffer[1] = (uint8_t)(0x80 | ((code_point >> 12) & 0x3f));
        buffer[2] = (uint8_t)(0x80 | ((code_point >> 6) & 0x3f));
        buffer[3] = (uint8_t)(0x80 | (code_point & 0x3f));
        n = 4;
    }
    bytes_put(a, out, buffer, n);
}

/* Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
bool lex_valid_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t extra;
        uint32_t min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1, min = 0x80, cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2, min = 0x800, cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= extra)
            return false;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

/* A string literal; the opening quote is at lx->pos. Bad escapes are
 * reported and skipped; a string running into the end of the line is fatal. */
static itlc_error lex_string(lexer *lx, token *out)
{
    itlc_loc start = lex_loc(lx, lx->pos);
    bytes text = { 0 };
    bool escape_error = false;
    lx->pos++;
    for (;;) {
        int c = lex_peek(lx, 0);
        if (c < 0 || c == '\n') {
            out->kind = TOKEN_EOF;
            return diag_error(lx->diag, start, ITLC_ERR_UNTERMINATED_STRING);
        }
        if (c == '"') {
            lx->pos++;
            break;
        }
        if (c != '\\') {
            bytes_byte(lx->arena, &text, (uint8_t)c);
            lx->pos++;
            continue;
        }
        itlc_loc escape_loc = lex_loc(lx, lx->pos);
        int e = lex_peek(lx, 1);
        lx->pos += 2;
        switch (e) {
        case 'n': bytes_byte(lx->arena, &text, '\n'); continue;
        case 't': bytes_byte(lx->arena, &text, '\t'); continue;
        case 'r': bytes_byte(lx->arena, &text, '\r'); continue;
        case '"': bytes_byte(lx->arena, &text, '"'); continue;
        case '\'': bytes_byte(lx->arena, &text, '\''); continue;
        case '\\': bytes_byte(lx->arena, &text, '\\'); continue;
        default: break;
        }
        if (lex_hex_digit(e) >= 0 && lex_hex_digit(lex_peek(lx, 0)) >= 0) {
            bytes_byte(lx->arena, &text, (uint8_t)(lex_hex_digit(e) * 16 + lex_hex_digit(lex_peek(lx, 0))));
            lx->pos++;
            continue;
        }
        if (e == 'u' && lex_peek(lx, 0) == '{') {
            size_t digits_start = lx->pos + 1, p = digits_start;
            uint32_t cp = 0;
            bool too_big = false;
            while (p < lx->size && lex_hex_digit((unsigned char)lx->source[p]) >= 0) {
                cp = cp * 16 + (uint32_t)lex_hex_digit((unsigned char)lx->source[p]);
                if (cp > 0x10ffff)
                    too_big = true, cp = 0x110000;
                p++;
            }
            if (p > digits_start && p < lx->size && lx->source[p] == '}' && !too_big &&
                !(cp >= 0xd800 && cp <= 0xdfff)) {
                lex_put_utf8(lx->arena, &text, cp);
                lx->pos = p + 1;
                continue;
            }
            size_t shown = p - digits_start + 2 + (p < lx->size && lx->source[p] == '}');
            diag_error(lx->diag, escape_loc, ITLC_ERR_BAD_ESCAPE,
                       arena_strndup(lx->arena, lx->source + digits_start - 2, shown));
            lx->pos = p;
            escape_error = true;
            continue;
        }
        if (e < 0 || e == '\n') {
            lx->pos--; /* back to the line end: reported as an unterminated string */
            continue;
        }
        /* show the offending escape character, printable or as \xNN */
        char shown[8];
        if (e >= 0x20 && e < 0x7f)
            snprintf(shown, sizeof shown, "%c", e);
        else
            snprintf(shown, sizeof shown, "x%02x?", e);
        diag_error(lx->diag, escape_loc, ITLC_ERR_BAD_ESCAPE, shown);
        escape_error = true;
    }
    out->kind = TOKEN_STRING;
    out->loc = start;
    out->text.bytes = arena_strndup(lx->arena, (const char *)text.data, text.size);
    out->text.length = text.size;
    if (!escape_error && !lex_valid_utf8(text.data, text.size))
        diag_error(lx->diag, start, ITLC_ERR_BAD_UTF8, "string");
    return ITLC_OK;
}

/* Parses an integer spelling: [+-] then decimal digits or 0x hex digits, `_`
 * allowed between digits. Reports and returns false if it is malformed. */
static bool lex_integer(lexer *lx, token *out)
{
    const char *s = out->text.bytes;
    size_t n = out->text.length, i = 0;
    if (s[0] == '-' || s[0] == '+') {
        out->negative = s[0] == '-';
        i++;
    }
    unsigned base = 10;
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    }
    uint64_t value = 0;
    bool any = false, overflow = false, previous_digit = false;
    for (; i < n; i++) {
        int digit = lex_hex_digit((unsigned char)s[i]);
        if (s[i] == '_' && previous_digit && i + 1 < n) {
            previous_digit = false;
            continue;
        }
        if (digit < 0 || (unsigned)digit >= base) {
            diag_error(lx->diag, out->loc, ITLC_ERR_BAD_INTEGER, s);
            return false;
        }
        if (value > (UINT64_MAX - (uint64_t)digit) / base)
            overflow = true;
        value = value * base + (uint64_t)digit;
        any = previous_digit = true;
    }
    if (!any || !previous_digit) {
        diag_error(lx->diag, out->loc, ITLC_ERR_BAD_INTEGER, s);
        return false;
    }
    if (overflow) {
        diag_error(lx->diag, out->loc, ITLC_ERR_INTEGER_TOO_BIG, s);
        return false;
    }
    out->magnitude = value;
    return true;
}

itlc_error lex_next(lexer *lx, token *out)
{
    memset(out, 0, sizeof *out);
    for (;;) {
        itlc_error status = lex_skip_space(lx);
        if (status) {
            out->kind = TOKEN_EOF;
            out->loc = lex_loc(lx, lx->pos);
            return status;
        }
        out->loc = lex_loc(lx, lx->pos);
        int c = lex_peek(lx, 0);
        if (c < 0) {
            out->kind = TOKEN_EOF;
            return ITLC_OK;
        }
        if (c == '(' || c == ')') {
            out->kind = c == '(' ? TOKEN_OPEN : TOKEN_CLOSE;
            out->text.bytes = c == '(' ? "(" : ")";
            out->text.length = 1;
            lx->pos++;
            return ITLC_OK;
        }
        if (c == '"')
            return lex_string(lx, out);
        if (c < 0x20 || c == 0x7f || c == ';') {
            /* a lone ';' (comments are ';;' and '(; ;)') or a control character */
            diag_error(lx->diag, out->loc, ITLC_ERR_BAD_CHARACTER,
                       c == ';' ? ";" : arena_printf(lx->arena, "\\x%02x", c));
            lx->pos++;
            continue;
        }
        size_t start = lx->pos;
        while (!lex_is_delimiter(lex_peek(lx, 0)) && lex_peek(lx, 0) >= 0x20 && lex_peek(lx, 0) != 0x7f)
            lx->pos++;
        out->text.bytes = arena_strndup(lx->arena, lx->source + start, lx->pos - start);
        out->text.length = lx->pos - start;
        const char *s = out->text.bytes;
        bool numeric = (s[0] >= '0' && s[0] <= '9') ||
                       ((s[0] == '-' || s[0] == '+') && s[1] >= '0' && s[1] <= '9');
        if (!numeric) {
            out->kind = TOKEN_SYMBOL;
            return ITLC_OK;
        }
        out->kind = TOKEN_INTEGER;
        if (!lex_integer(lx, out))
            out->magnitude = 0; /* reported; keep going with a harmless value */
        return ITLC_OK;
    }
}
