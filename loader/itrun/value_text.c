/* value_text.c: itrun's text form of IT values (value_text.h): the
 * type-directed parser of command-line arguments and the printer that
 * writes what Node's console.log writes for the value it_loader.js gives
 * (util.inspect: { x: 1 }, [ 1, 2 ], 'quoted' strings inside, 7n, Uint8Array(2) [ 1, 2 ],
 * nesting past depth 2 as [Object] / [Array], arrays past 100 items cut).
 * Node breaks a value longer than about 72 characters over several lines;
 * this printer keeps one line. */
#include "value_text.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A double the way JS Number.prototype.toString writes it: the shortest
 * digits that read back to the same value, in plain notation for exponents
 * -7 < n <= 21, else d.ddde+n. */
void format_number(double value, char *out, size_t size)
{
    if (isnan(value)) {
        snprintf(out, size, "NaN");
        return;
    }
    if (isinf(value)) {
        snprintf(out, size, value < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (value == 0) {
        snprintf(out, size, signbit(value) ? "-0" : "0");
        return;
    }
    char text[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        if (strtod(text, NULL) == value) break;
    }
    /* text is [-]d[.ddd]e[+-]x */
    const char *p = text;
    bool negative = *p == '-';
    if (negative) p++;
    char digits[24];
    int k = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits[k++] = *p;
    while (k > 1 && digits[k - 1] == '0') k--;
    digits[k] = '\0';
    int n = atoi(p + 1) + 1; /* value = 0.digits * 10^n */
    size_t used = (size_t)snprintf(out, size, "%s", negative ? "-" : "");
    if (k <= n && n <= 21) {
        used += (size_t)snprintf(out + used, size - used, "%s", digits);
        for (int i = k; i < n && used + 1 < size; i++) out[used++] = '0';
        out[used] = '\0';
    } else if (0 < n && n <= 21) {
        snprintf(out + used, size - used, "%.*s.%s", n, digits, digits + n);
    } else if (-6 < n && n <= 0) {
        used += (size_t)snprintf(out + used, size - used, "0.");
        for (int i = 0; i < -n && used + 1 < size; i++) out[used++] = '0';
        snprintf(out + used, size - used, "%s", digits);
    } else {
        snprintf(out + used, size - used, "%c%s%s%se%c%d", digits[0],
                 k > 1 ? "." : "", digits + 1, "", n - 1 >= 0 ? '+' : '-',
                 abs(n - 1));
    }
}

/* Writes a string the way Node's util.inspect quotes one inside an array. */
static void print_quoted(it_string string, FILE *out)
{
    bool has_single = memchr(string.data, '\'', string.size) != NULL;
    bool has_double = memchr(string.data, '"', string.size) != NULL;
    char quote = !has_single ? '\'' : !has_double ? '"' : '\'';
    fputc(quote, out);
    for (size_t i = 0; i < string.size; i++) {
        unsigned char c = (unsigned char)string.data[i];
        if (c == (unsigned char)quote || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\t') fputs("\\t", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c == '\b') fputs("\\b", out);
        else if (c == '\f') fputs("\\f", out);
        else if (c == '\v') fputs("\\v", out);
        else if (c < 0x20 || c == 0x7f) fprintf(out, "\\x%02X", c);
        else fputc(c, out);
    }
    fputc(quote, out);
}


/* ------------------------------------------------------------ printing */

static bool is_identifier(const char *text)
{
    if (!(isalpha((unsigned char)text[0]) || text[0] == '_' || text[0] == '$')) return false;
    for (const char *p = text + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$')) return false;
    return true;
}

static void print_key(const char *label, FILE *out)
{
    if (is_identifier(label)) {
        fputs(label, out);
    } else {
        it_string text = {label, strlen(label)};
        print_quoted(text, out);
    }
    fputs(": ", out);
}

/* The typed array a list of this element type is in JS (it_loader.js's
 * TYPED_ARRAYS), or NULL for an Array. */
static const char *typed_array_name(const it_typedesc *element)
{
    switch (element->kind) {
    case IT_S8: return "Int8Array";
    case IT_U8: return "Uint8Array";
    case IT_S16: return "Int16Array";
    case IT_U16: return "Uint16Array";
    case IT_S32: case IT_I32: return "Int32Array";
    case IT_U32: return "Uint32Array";
    case IT_S64: case IT_I64: return "BigInt64Array";
    case IT_U64: return "BigUint64Array";
    case IT_F32: return "Float32Array";
    case IT_F64: return "Float64Array";
    default: return NULL;
    }
}

static void utf8_put(uint32_t code, FILE *out)
{
    if (code < 0x80) {
        fputc((int)code, out);
    } else if (code < 0x800) {
        fputc((int)(0xc0 | code >> 6), out), fputc((int)(0x80 | (code & 0x3f)), out);
    } else if (code < 0x10000) {
        fputc((int)(0xe0 | code >> 12), out), fputc((int)(0x80 | (code >> 6 & 0x3f)), out);
        fputc((int)(0x80 | (code & 0x3f)), out);
    } else {
        fputc((int)(0xf0 | code >> 18), out), fputc((int)(0x80 | (code >> 12 & 0x3f)), out);
        fputc((int)(0x80 | (code >> 6 & 0x3f)), out), fputc((int)(0x80 | (code & 0x3f)), out);
    }
}

/* Element i of a list or tuple: from items, or built from a list of
 * numbers packed in data (of.list.data). */
static const it_value *element_at(const it_typedesc *member, const it_value *value, size_t i, it_value *scratch)
{
    if (value->of.list.items) return &value->of.list.items[i];
    static const size_t sizes[] = {[IT_S8] = 1, [IT_U8] = 1, [IT_S16] = 2, [IT_U16] = 2, [IT_S32] = 4, [IT_U32] = 4,
                                   [IT_I32] = 4, [IT_F32] = 4, [IT_S64] = 8, [IT_U64] = 8, [IT_I64] = 8, [IT_F64] = 8};
    size_t size = member->kind < sizeof sizes / sizeof *sizes ? sizes[member->kind] : 0;
    memset(scratch, 0, sizeof *scratch);
    scratch->type = member->kind;
    if (size) memcpy(&scratch->of, (const char *)value->of.list.data + i * size, size);
    return scratch;
}

#define INSPECT_DEPTH 2     /* console.log's util.inspect depth */

static void print_tagged(const it_typedesc *type, const it_value *value, int depth, FILE *out);
#define INSPECT_ITEMS 100   /* its maxArrayLength */

/* `depth` counts the objects and arrays around the value. */
static void print_at(const it_typedesc *type, const it_value *value, bool top, int depth, bool tagged,
                     FILE *out)
{
    char text[64];
    bool is_object = type->kind == IT_RECORD || type->kind == IT_FLAGS || type->kind == IT_VARIANT ||
                     type->kind == IT_RESULT || (type->kind == IT_OPTION && tagged);
    bool is_array = type->kind == IT_TUPLE || type->kind == IT_LIST;
    if ((is_object || is_array) && depth > INSPECT_DEPTH) {
        fputs(is_array ? "[Array]" : "[Object]", out);
        return;
    }
    switch (type->kind) {
    case IT_U1: fputs(value->of.u1 ? "true" : "false", out); break;
    case IT_S8: fprintf(out, "%d", value->of.s8); break;
    case IT_U8: fprintf(out, "%u", value->of.u8); break;
    case IT_S16: fprintf(out, "%d", value->of.s16); break;
    case IT_U16: fprintf(out, "%u", value->of.u16); break;
    case IT_S32: fprintf(out, "%" PRId32, value->of.s32); break;
    case IT_U32: fprintf(out, "%" PRIu32, value->of.u32); break;
    case IT_I32: fprintf(out, "%" PRId32, value->of.i32); break;
    case IT_S64: fprintf(out, "%" PRId64 "n", value->of.s64); break;
    case IT_U64: fprintf(out, "%" PRIu64 "n", value->of.u64); break;
    case IT_I64: fprintf(out, "%" PRId64 "n", value->of.i64); break;
    case IT_F32: format_number(value->of.f32, text, sizeof text); fputs(text, out); break;
    case IT_F64: format_number(value->of.f64, text, sizeof text); fputs(text, out); break;
    case IT_STRING:
        if (top) fwrite(value->of.string.data, 1, value->of.string.size, out);
        else print_quoted(value->of.string, out);
        break;
    case IT_CHAR: {
        char bytes[8];
        FILE *memory = fmemopen(bytes, sizeof bytes, "w");
        if (!memory) break;
        utf8_put(value->of.code_point, memory);
        long size = ftell(memory);
        fclose(memory);
        it_string string = {bytes, (size_t)size};
        if (top) fwrite(bytes, 1, (size_t)size, out);
        else print_quoted(string, out);
        break;
    }
    case IT_ENUM: {
        const char *label = type->members[value->of.case_index].label;
        it_string string = {label, strlen(label)};
        if (top) fputs(label, out);
        else print_quoted(string, out);
        break;
    }
    case IT_FLAGS:
        fputs("{ ", out);
        for (size_t i = 0; i < type->member_count; i++) {
            if (i) fputs(", ", out);
            print_key(type->members[i].label, out);
            fputs(value->of.flags >> i & 1 ? "true" : "false", out);
        }
        fputs(" }", out);
        break;
    case IT_RECORD:
        fputs("{ ", out);
        for (size_t i = 0; i < type->member_count; i++) {
            if (i) fputs(", ", out);
            print_key(type->members[i].label, out);
            print_at(type->members[i].type, &value->of.list.items[i], false, depth + 1, false, out);
        }
        fputs(" }", out);
        break;
    case IT_TUPLE: case IT_LIST: {
        size_t count = value->of.list.count;
        const char *typed = type->kind == IT_LIST ? typed_array_name(type->members[0].type) : NULL;
        if (typed) fprintf(out, "%s(%zu) ", typed, count);
        if (count == 0) {
            fputs("[]", out);
            break;
        }
        fputs("[ ", out);
        size_t shown = count > INSPECT_ITEMS ? INSPECT_ITEMS : count;
        for (size_t i = 0; i < shown; i++) {
            if (i) fputs(", ", out);
            const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[i].type;
            it_value scratch;
            print_at(member, element_at(member, value, i, &scratch), false, depth + 1, false, out);
        }
        if (count > shown) fprintf(out, ", ... %zu more item%s", count - shown, count - shown == 1 ? "" : "s");
        fputs(" ]", out);
        break;
    }
    case IT_OPTION: {
        /* The payload of an option is the value itself, but the inner
         * option of option<option<T>> is tagged (it_loader.js). */
        const it_typedesc *inner = type->members[0].type;
        if (!tagged) {
            if (!value->of.variant.payload) fputs("undefined", out);
            else print_at(inner, value->of.variant.payload, top, depth, inner->kind == IT_OPTION, out);
            break;
        }
        print_tagged(type, value, depth, out); /* a tagged option prints as a variant */
        break;
    }
    case IT_VARIANT: case IT_RESULT: print_tagged(type, value, depth, out); break;
    case IT_TYPE_NONE: break;
    }
}

/* { tag: 'NAME', val: V } of a variant, a result or a tagged option. */
static void print_tagged(const it_typedesc *type, const it_value *value, int depth, FILE *out)
{
    uint32_t index = value->of.variant.index;
    const char *tag = type->kind == IT_RESULT   ? (index ? "err" : "ok")
                      : type->kind == IT_OPTION ? (index ? "some" : "none")
                                                : type->members[index].label;
    const it_typedesc *payload = type->kind == IT_OPTION ? type->members[0].type : type->members[index].type;
    it_string string = {tag, strlen(tag)};
    fputs("{ tag: ", out);
    print_quoted(string, out);
    if (value->of.variant.payload) {
        fputs(", val: ", out);
        print_at(payload, value->of.variant.payload, false, depth + 1,
                 type->kind == IT_OPTION && payload->kind == IT_OPTION, out);
    }
    fputs(" }", out);
}

void value_print(const it_typedesc *type, const it_value *value, bool top, FILE *out)
{
    print_at(type, value, top, 0, false, out);
}

/* ------------------------------------------------------------ parsing */

typedef struct text_block {
    struct text_block *next;
    max_align_t data[];
} text_block;

static void *arena_new(text_arena *arena, size_t size)
{
    text_block *block = malloc(sizeof *block + (size ? size : 1));
    if (!block) return NULL;
    block->next = arena->blocks;
    arena->blocks = block;
    return block->data;
}

void text_arena_free(text_arena *arena)
{
    while (arena->blocks) {
        text_block *next = arena->blocks->next;
        free(arena->blocks);
        arena->blocks = next;
    }
}

typedef struct parser {
    const char *start, *p;
    text_arena *arena;
    char *error;
    size_t error_size;
    bool whole; /* the text is one top-level number: messages without a position */
} parser;

static bool parse_fail(parser *ps, const char *format, ...) __attribute__((format(printf, 2, 3)));

static bool parse_fail(parser *ps, const char *format, ...)
{
    char what[200];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    if (ps->whole)
        snprintf(ps->error, ps->error_size, "%s", what);
    else
        snprintf(ps->error, ps->error_size, "at character %zu: %s", (size_t)(ps->p - ps->start) + 1, what);
    return false;
}

static void skip_space(parser *ps)
{
    while (isspace((unsigned char)*ps->p)) ps->p++;
}

static bool eat(parser *ps, char c)
{
    skip_space(ps);
    if (*ps->p != c) return false;
    ps->p++;
    return true;
}

/* A word: [A-Za-z0-9_$.+-]+ (numbers, true, undefined, identifiers). */
static size_t word_length(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '$' || p[n] == '.' || p[n] == '+' ||
           p[n] == '-')
        n++;
    return n;
}

static bool word_is(parser *ps, const char *word)
{
    skip_space(ps);
    size_t n = word_length(ps->p);
    if (n != strlen(word) || strncmp(ps->p, word, n) != 0) return false;
    ps->p += n;
    return true;
}

/* A quoted string ('...' or "...", with JS escapes) into the arena. */
static bool parse_quoted(parser *ps, it_string *out)
{
    skip_space(ps);
    char quote = *ps->p;
    if (quote != '\'' && quote != '"') return parse_fail(ps, "expected a quoted string");
    const char *p = ps->p + 1;
    size_t capacity = strlen(p) * 4 + 1;
    char *text = arena_new(ps->arena, capacity), *q = text;
    if (!text) return parse_fail(ps, "out of memory");
    for (;; p++) {
        if (!*p) return parse_fail(ps, "unterminated string");
        if (*p == quote) break;
        if (*p != '\\') {
            *q++ = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'n': *q++ = '\n'; break;
        case 't': *q++ = '\t'; break;
        case 'r': *q++ = '\r'; break;
        case 'b': *q++ = '\b'; break;
        case 'f': *q++ = '\f'; break;
        case 'v': *q++ = '\v'; break;
        case '0': *q++ = '\0'; break;
        case 'u': {
            char hex[5] = {0};
            for (int i = 0; i < 4; i++) {
                if (!isxdigit((unsigned char)p[1 + i])) return parse_fail(ps, "bad \\u escape");
                hex[i] = p[1 + i];
            }
            p += 4;
            uint32_t code = (uint32_t)strtoul(hex, NULL, 16);
            if (code >= 0xd800 && code <= 0xdfff) return parse_fail(ps, "a \\u escape of a surrogate");
            char bytes[8];
            FILE *memory = fmemopen(bytes, sizeof bytes, "w");
            if (!memory) return parse_fail(ps, "out of memory");
            utf8_put(code, memory);
            long size = ftell(memory);
            fclose(memory);
            memcpy(q, bytes, (size_t)size);
            q += size;
            break;
        }
        case '\0': return parse_fail(ps, "unterminated string");
        default: *q++ = *p; break; /* \\ \' \" and the rest stand for themselves */
        }
    }
    ps->p = p + 1;
    *q = '\0';
    out->data = text;
    out->size = (size_t)(q - text);
    return true;
}

/* The first code point of a UTF-8 string that holds exactly one. */
static bool one_code_point(it_string text, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)text.data;
    size_t need = !text.size ? 0 : s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (!need || text.size != need) return false;
    uint32_t code = need == 1 ? s[0] : need == 2 ? s[0] & 0x1fu : need == 3 ? s[0] & 0x0fu : s[0] & 0x07u;
    for (size_t i = 1; i < need; i++) code = code << 6 | (s[i] & 0x3fu);
    *out = code;
    return true;
}

/* Whether a kind is a number (what parse_number reads). */
static bool value_number_kind(it_type kind)
{
    switch (kind) {
    case IT_S8: case IT_U8: case IT_S16: case IT_U16: case IT_S32: case IT_U32: case IT_S64: case IT_U64:
    case IT_I32: case IT_I64: case IT_F32: case IT_F64:
        return true;
    default:
        return false;
    }
}

static bool parse_number(parser *ps, const it_typedesc *type, it_value *out)
{
    skip_space(ps);
    size_t n = word_length(ps->p);
    char buffer[80], *word = n < sizeof buffer ? buffer : arena_new(ps->arena, n + 1);
    if (n == 0) return parse_fail(ps, "expected a number");
    if (!word) return parse_fail(ps, "out of memory");
    memcpy(word, ps->p, n);
    word[n] = '\0';
    bool wide = type->kind == IT_S64 || type->kind == IT_U64 || type->kind == IT_I64;
    if (type->kind == IT_F32 || type->kind == IT_F64) {
        const char *digits = word[0] == '-' || word[0] == '+' ? word + 1 : word;
        double value;
        if (strcmp(digits, "Infinity") == 0) value = word[0] == '-' ? -INFINITY : INFINITY;
        else if (strcmp(digits, "NaN") == 0) value = NAN;
        else {
            char *end;
            bool starts = isdigit((unsigned char)*digits) || (*digits == '.' && isdigit((unsigned char)digits[1]));
            value = starts ? strtod(word, &end) : 0;
            if (!starts || *end) return parse_fail(ps, "'%s' is not a number", word);
        }
        if (type->kind == IT_F32) out->of.f32 = (float)value;
        else out->of.f64 = value;
        ps->p += n;
        return true;
    }
    const char *p = word;
    bool negative = false;
    if (*p == '-' || *p == '+') negative = *p++ == '-';
    int base = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') ? 16 : 10;
    if (base == 16) p += 2;
    size_t count = strspn(p, base == 16 ? "0123456789abcdefABCDEF" : "0123456789");
    const char *rest = p + count;
    if (wide && *rest == 'n') rest++;
    if (!count || *rest) return parse_fail(ps, "'%s' is not an integer", word);
    errno = 0;
    uint64_t magnitude = strtoull(p, NULL, base);
    bool overflow = errno == ERANGE;
    int64_t min;
    uint64_t max;
    switch (type->kind) {
    case IT_S8: min = INT8_MIN, max = INT8_MAX; break;
    case IT_U8: min = 0, max = UINT8_MAX; break;
    case IT_S16: min = INT16_MIN, max = INT16_MAX; break;
    case IT_U16: min = 0, max = UINT16_MAX; break;
    case IT_S32: case IT_I32: min = INT32_MIN, max = INT32_MAX; break;
    case IT_U32: min = 0, max = UINT32_MAX; break;
    case IT_S64: case IT_I64: min = INT64_MIN, max = INT64_MAX; break;
    default: min = 0, max = UINT64_MAX; break;
    }
    if (overflow || (negative ? magnitude > (uint64_t)0 - (uint64_t)min : magnitude > max)) {
        if (min < 0)
            return parse_fail(ps, "%s is out of range (%" PRId64 "..%" PRIu64 ")", word, min, max);
        return parse_fail(ps, "%s is out of range (0..%" PRIu64 ")", word, max);
    }
    uint64_t bits = negative ? (uint64_t)0 - magnitude : magnitude;
    switch (type->kind) {
    case IT_S8: out->of.s8 = (int8_t)bits; break;
    case IT_U8: out->of.u8 = (uint8_t)bits; break;
    case IT_S16: out->of.s16 = (int16_t)bits; break;
    case IT_U16: out->of.u16 = (uint16_t)bits; break;
    case IT_S32: out->of.s32 = (int32_t)bits; break;
    case IT_I32: out->of.i32 = (int32_t)bits; break;
    case IT_U32: out->of.u32 = (uint32_t)bits; break;
    case IT_S64: out->of.s64 = (int64_t)bits; break;
    case IT_I64: out->of.i64 = (int64_t)bits; break;
    default: out->of.u64 = bits; break;
    }
    ps->p += n;
    return true;
}

/* An object key: an identifier or a quoted string, then ':'. */
static bool parse_key(parser *ps, it_string *key)
{
    skip_space(ps);
    if (*ps->p == '\'' || *ps->p == '"') {
        if (!parse_quoted(ps, key)) return false;
    } else {
        size_t n = 0;
        while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_' || ps->p[n] == '$' || ps->p[n] == '-') n++;
        if (!n) return parse_fail(ps, "expected a key");
        key->data = ps->p;
        key->size = n;
        ps->p += n;
    }
    if (!eat(ps, ':')) return parse_fail(ps, "expected ':' after a key");
    return true;
}

static bool key_is(it_string key, const char *label)
{
    return key.size == strlen(label) && memcmp(key.data, label, key.size) == 0;
}

static bool parse_typed(parser *ps, const it_typedesc *type, bool tagged, it_value *out);

/* "red, green, blue": the cases of an enum, variant, option or result. */
static void case_list(const it_typedesc *type, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    size_t count = type->kind == IT_OPTION ? 2 : type->member_count;
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        const char *label = type->kind == IT_OPTION ? (i ? "some" : "none") : type->members[i].label;
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", label);
        if (n < 0) break;
        used += (size_t)n;
    }
}

/* { tag: 'NAME', val: V }: tag first, so that val's type is known. */
static bool parse_tagged(parser *ps, const it_typedesc *type, it_value *out)
{
    if (!eat(ps, '{')) return parse_fail(ps, "expected { tag: ..., val: ... }");
    it_string key, tag;
    if (!parse_key(ps, &key)) return false;
    if (!key_is(key, "tag")) return parse_fail(ps, "expected 'tag' first in { tag: ..., val: ... }");
    if (!parse_quoted(ps, &tag)) return false;
    size_t count = type->kind == IT_VARIANT ? type->member_count : 2;
    uint32_t index = UINT32_MAX;
    for (uint32_t i = 0; i < count; i++) {
        const char *label = type->kind == IT_OPTION ? (i ? "some" : "none")
                            : type->kind == IT_RESULT ? (i ? "err" : "ok")
                                                      : type->members[i].label;
        if (key_is(tag, label)) index = i;
    }
    if (index == UINT32_MAX) {
        char cases[200];
        case_list(type, cases, sizeof cases);
        return parse_fail(ps, "'%.*s' is not a case (%s)", (int)tag.size, tag.data, cases);
    }
    const it_typedesc *payload = type->kind == IT_OPTION ? (index ? type->members[0].type : NULL)
                                                         : type->members[index].type;
    out->type = type->kind;
    out->of.variant.index = index;
    out->of.variant.payload = NULL;
    if (payload) {
        if (!eat(ps, ',')) return parse_fail(ps, "expected ', val: ...': this case has a payload");
        if (!parse_key(ps, &key)) return false;
        if (!key_is(key, "val")) return parse_fail(ps, "expected 'val'");
        it_value *slot = arena_new(ps->arena, sizeof *slot);
        if (!slot) return parse_fail(ps, "out of memory");
        if (!parse_typed(ps, payload, type->kind == IT_OPTION && payload->kind == IT_OPTION, slot)) return false;
        out->of.variant.payload = slot;
    }
    eat(ps, ',');
    if (!eat(ps, '}')) return parse_fail(ps, "expected '}'");
    return true;
}

static bool parse_typed(parser *ps, const it_typedesc *type, bool tagged, it_value *out)
{
    memset(out, 0, sizeof *out);
    out->type = type->kind;
    skip_space(ps);
    switch (type->kind) {
    case IT_U1:
        if (word_is(ps, "true")) out->of.u1 = true;
        else if (word_is(ps, "false")) out->of.u1 = false;
        else return parse_fail(ps, "expected true or false");
        return true;
    case IT_STRING: return parse_quoted(ps, &out->of.string);
    case IT_CHAR: {
        it_string text;
        if (!parse_quoted(ps, &text)) return false;
        if (!one_code_point(text, &out->of.code_point)) return parse_fail(ps, "a char is one code point");
        return true;
    }
    case IT_ENUM: {
        it_string text;
        if (!parse_quoted(ps, &text)) return false;
        for (uint32_t i = 0; i < type->member_count; i++)
            if (key_is(text, type->members[i].label)) {
                out->of.case_index = i;
                return true;
            }
        char cases[200];
        case_list(type, cases, sizeof cases);
        return parse_fail(ps, "'%.*s' is not a case (%s)", (int)text.size, text.data, cases);
    }
    case IT_FLAGS:
        if (!eat(ps, '{')) return parse_fail(ps, "expected { flag: true, ... }");
        while (!eat(ps, '}')) {
            it_string key;
            if (!parse_key(ps, &key)) return false;
            uint32_t i = 0;
            while (i < type->member_count && !key_is(key, type->members[i].label)) i++;
            if (i == type->member_count) return parse_fail(ps, "'%.*s' is not a flag", (int)key.size, key.data);
            if (word_is(ps, "true")) out->of.flags |= UINT32_C(1) << i;
            else if (!word_is(ps, "false")) return parse_fail(ps, "expected true or false");
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != '}')) return parse_fail(ps, "expected ',' or '}'");
        }
        return true;
    case IT_RECORD: {
        it_value *items = arena_new(ps->arena, type->member_count * sizeof *items);
        bool *seen = arena_new(ps->arena, type->member_count);
        if (!items || !seen) return parse_fail(ps, "out of memory");
        memset(seen, 0, type->member_count);
        if (!eat(ps, '{')) return parse_fail(ps, "expected { field: value, ... }");
        while (!eat(ps, '}')) {
            it_string key;
            if (!parse_key(ps, &key)) return false;
            size_t i = 0;
            while (i < type->member_count && !key_is(key, type->members[i].label)) i++;
            if (i == type->member_count) return parse_fail(ps, "'%.*s' is not a field", (int)key.size, key.data);
            if (seen[i]) return parse_fail(ps, "field '%s' given twice", type->members[i].label);
            seen[i] = true;
            if (!parse_typed(ps, type->members[i].type, false, &items[i])) return false;
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != '}')) return parse_fail(ps, "expected ',' or '}'");
        }
        for (size_t i = 0; i < type->member_count; i++)
            if (!seen[i]) return parse_fail(ps, "field '%s' is missing", type->members[i].label);
        out->of.list.items = items;
        out->of.list.count = type->member_count;
        return true;
    }
    case IT_TUPLE: case IT_LIST: {
        if (!eat(ps, '[')) return parse_fail(ps, "expected [ ... ]");
        size_t count = 0, capacity = 0;
        it_value *items = NULL;
        while (!eat(ps, ']')) {
            if (count == capacity) {
                size_t next = capacity ? capacity * 2 : 8;
                it_value *bigger = arena_new(ps->arena, next * sizeof *bigger);
                if (!bigger) return parse_fail(ps, "out of memory");
                if (count) memcpy(bigger, items, count * sizeof *items);
                items = bigger, capacity = next;
            }
            if (type->kind == IT_TUPLE && count == type->member_count)
                return parse_fail(ps, "the tuple has %zu elements", type->member_count);
            const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[count].type;
            if (!parse_typed(ps, member, false, &items[count])) return false;
            count++;
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != ']')) return parse_fail(ps, "expected ',' or ']'");
        }
        if (type->kind == IT_TUPLE && count != type->member_count)
            return parse_fail(ps, "the tuple has %zu elements, found %zu", type->member_count, count);
        out->of.list.items = items;
        out->of.list.count = count;
        return true;
    }
    case IT_OPTION: {
        if (tagged) return parse_tagged(ps, type, out);
        if (word_is(ps, "undefined") || word_is(ps, "null")) return true; /* none */
        it_value *slot = arena_new(ps->arena, sizeof *slot);
        if (!slot) return parse_fail(ps, "out of memory");
        const it_typedesc *inner = type->members[0].type;
        if (!parse_typed(ps, inner, inner->kind == IT_OPTION, slot)) return false;
        out->of.variant.index = 1;
        out->of.variant.payload = slot;
        return true;
    }
    case IT_VARIANT: case IT_RESULT: return parse_tagged(ps, type, out);
    case IT_TYPE_NONE: return parse_fail(ps, "no type");
    default: return parse_number(ps, type, out);
    }
}

bool value_parse(const it_typedesc *type, const char *text, it_value *out, text_arena *arena, char *error,
                 size_t error_size)
{
    parser ps = {text, text, arena, error, error_size, false};
    memset(out, 0, sizeof *out);
    out->type = type->kind;
    /* The top-level text forms: the string itself. */
    switch (type->kind) {
    case IT_STRING:
        *out = it_value_cstring(text);
        return true;
    case IT_CHAR: {
        it_string string = {text, strlen(text)};
        if (!one_code_point(string, &out->of.code_point))
            return snprintf(error, error_size, "'%s' is not one character (one code point)", text), false;
        return true;
    }
    case IT_ENUM:
        for (uint32_t i = 0; i < type->member_count; i++)
            if (strcmp(text, type->members[i].label) == 0) {
                out->of.case_index = i;
                return true;
            }
        if (text[0] != '\'' && text[0] != '"') {
            char cases[200];
            case_list(type, cases, sizeof cases);
            snprintf(error, error_size, "'%s' is not a case (%s)", text, cases);
            return false;
        }
        break;
    case IT_U1:
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0 || strcmp(text, "false") == 0 ||
            strcmp(text, "0") == 0) {
            out->of.u1 = text[0] == 't' || text[0] == '1';
            return true;
        }
        return snprintf(error, error_size, "'%s' is not true, false, 1 or 0", text), false;
    default:
        if (value_number_kind(type->kind)) {
            /* a number: the whole text, strictly (no spaces, one sign, one 0x) */
            ps.whole = true;
            if (!*text || word_length(text) != strlen(text))
                return parse_fail(&ps, type->kind == IT_F32 || type->kind == IT_F64 ? "'%s' is not a number"
                                                                                    : "'%s' is not an integer",
                                  text);
            return parse_number(&ps, type, out);
        }
        break;
    }
    if (!parse_typed(&ps, type, false, out)) return false;
    skip_space(&ps);
    if (*ps.p) return parse_fail(&ps, "unexpected text after the value");
    return true;
}
