/* json.c: a recursive-descent JSON reader (RFC 8259), enough for wast2json files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

typedef struct json_parser {
    const char *text;
    size_t size, at;
    json_error *error;
    int depth;
} json_parser;

static bool parse_value(json_parser *parser, json_value *out);

static bool fail(json_parser *parser, const char *message)
{
    size_t line = 1, column = 1;
    for (size_t i = 0; i < parser->at && i < parser->size; i++) {
        if (parser->text[i] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    parser->error->line = line;
    parser->error->column = column;
    parser->error->message = message;
    return false;
}

static void skip_space(json_parser *parser)
{
    while (parser->at < parser->size &&
           (parser->text[parser->at] == ' ' || parser->text[parser->at] == '\n' ||
            parser->text[parser->at] == '\r' || parser->text[parser->at] == '\t'))
        parser->at++;
}

static int peek(json_parser *parser)
{
    return parser->at < parser->size ? (unsigned char)parser->text[parser->at]
                                     : -1;
}

static bool expect_word(json_parser *parser, const char *word)
{
    size_t length = strlen(word);
    if (parser->size - parser->at < length ||
        memcmp(parser->text + parser->at, word, length))
        return fail(parser, "unexpected word");
    parser->at += length;
    return true;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool read_hex4(json_parser *parser, uint32_t *out)
{
    if (parser->size - parser->at < 4)
        return fail(parser, "short \\u escape");
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_digit((unsigned char)parser->text[parser->at + i]);
        if (digit < 0)
            return fail(parser, "bad \\u escape");
        value = value * 16 + (uint32_t)digit;
    }
    parser->at += 4;
    *out = value;
    return true;
}

static size_t put_utf8(char *dst, uint32_t code)
{
    if (code < 0x80) {
        dst[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        dst[0] = (char)(0xc0 | (code >> 6));
        dst[1] = (char)(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        dst[0] = (char)(0xe0 | (code >> 12));
        dst[1] = (char)(0x80 | ((code >> 6) & 0x3f));
        dst[2] = (char)(0x80 | (code & 0x3f));
        return 3;
    }
    dst[0] = (char)(0xf0 | (code >> 18));
    dst[1] = (char)(0x80 | ((code >> 12) & 0x3f));
    dst[2] = (char)(0x80 | ((code >> 6) & 0x3f));
    dst[3] = (char)(0x80 | (code & 0x3f));
    return 4;
}

/* A string: the decoded bytes are never longer than the source text. */
static bool parse_string(json_parser *parser, char **out, size_t *length)
{
    parser->at++; /* the opening quote */
    size_t start = parser->at, end = start;
    while (end < parser->size && parser->text[end] != '"')
        end += parser->text[end] == '\\' ? 2 : 1;
    char *buffer = malloc(end - start + 1);
    if (!buffer)
        return fail(parser, "out of memory");
    size_t used = 0;
    for (;;) {
        if (parser->at >= parser->size) {
            free(buffer);
            return fail(parser, "unterminated string");
        }
        unsigned char c = (unsigned char)parser->text[parser->at++];
        if (c == '"')
            break;
        if (c < 0x20) {
            free(buffer);
            return fail(parser, "control character in string");
        }
        if (c != '\\') {
            buffer[used++] = (char)c;
            continue;
        }
        if (parser->at >= parser->size) {
            free(buffer);
            return fail(parser, "unterminated escape");
        }
        c = (unsigned char)parser->text[parser->at++];
        switch (c) {
        case '"': buffer[used++] = '"'; break;
        case '\\': buffer[used++] = '\\'; break;
        case '/': buffer[used++] = '/'; break;
        case 'b': buffer[used++] = '\b'; break;
        case 'f': buffer[used++] = '\f'; break;
        case 'n': buffer[used++] = '\n'; break;
        case 'r': buffer[used++] = '\r'; break;
        case 't': buffer[used++] = '\t'; break;
        case 'u': {
            uint32_t code;
            if (!read_hex4(parser, &code)) {
                free(buffer);
                return false;
            }
            if (code >= 0xd800 && code < 0xdc00 && parser->size - parser->at >= 6 &&
                parser->text[parser->at] == '\\' &&
                parser->text[parser->at + 1] == 'u') {
                size_t save = parser->at;
                uint32_t low;
                parser->at += 2;
                if (read_hex4(parser, &low) && low >= 0xdc00 && low < 0xe000)
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                else
                    parser->at = save;
            }
            used += put_utf8(buffer + used, code);
            break;
        }
        default:
            free(buffer);
            return fail(parser, "bad escape");
        }
    }
    buffer[used] = 0;
    *out = buffer;
    *length = used;
    return true;
}

static bool parse_number(json_parser *parser, json_value *out)
{
    size_t start = parser->at;
    while (parser->at < parser->size &&
           strchr("+-0123456789.eE", parser->text[parser->at]))
        parser->at++;
    if (parser->at == start)
        return fail(parser, "unexpected character");
    out->kind = JSON_NUMBER;
    out->length = parser->at - start;
    out->text = malloc(out->length + 1);
    if (!out->text)
        return fail(parser, "out of memory");
    memcpy(out->text, parser->text + start, out->length);
    out->text[out->length] = 0;
    return true;
}

static bool parse_array(json_parser *parser, json_value *out)
{
    parser->at++;
    out->kind = JSON_ARRAY;
    size_t capacity = 0;
    skip_space(parser);
    if (peek(parser) == ']') {
        parser->at++;
        return true;
    }
    for (;;) {
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 4;
            json_value *items = realloc(out->items, capacity * sizeof *items);
            if (!items)
                return fail(parser, "out of memory");
            out->items = items;
        }
        json_value *item = &out->items[out->count];
        memset(item, 0, sizeof *item);
        out->count++;
        if (!parse_value(parser, item))
            return false;
        skip_space(parser);
        int c = peek(parser);
        parser->at++;
        if (c == ']')
            return true;
        if (c != ',')
            return fail(parser, "expected ',' or ']'");
    }
}

static bool parse_object(json_parser *parser, json_value *out)
{
    parser->at++;
    out->kind = JSON_OBJECT;
    size_t capacity = 0;
    skip_space(parser);
    if (peek(parser) == '}') {
        parser->at++;
        return true;
    }
    for (;;) {
        skip_space(parser);
        if (peek(parser) != '"')
            return fail(parser, "expected a key");
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 4;
            json_member *members =
                realloc(out->members, capacity * sizeof *members);
            if (!members)
                return fail(parser, "out of memory");
            out->members = members;
        }
        json_member *member = &out->members[out->count];
        memset(member, 0, sizeof *member);
        out->count++;
        if (!parse_string(parser, &member->key, &member->key_length))
            return false;
        skip_space(parser);
        if (peek(parser) != ':')
            return fail(parser, "expected ':'");
        parser->at++;
        if (!parse_value(parser, &member->value))
            return false;
        skip_space(parser);
        int c = peek(parser);
        parser->at++;
        if (c == '}')
            return true;
        if (c != ',')
            return fail(parser, "expected ',' or '}'");
    }
}

static bool parse_value(json_parser *parser, json_value *out)
{
    if (++parser->depth > 200)
        return fail(parser, "nesting too deep");
    skip_space(parser);
    bool ok;
    switch (peek(parser)) {
    case '{': ok = parse_object(parser, out); break;
    case '[': ok = parse_array(parser, out); break;
    case '"':
        out->kind = JSON_STRING;
        ok = parse_string(parser, &out->text, &out->length);
        break;
    case 't':
        out->kind = JSON_BOOL;
        out->boolean = true;
        ok = expect_word(parser, "true");
        break;
    case 'f':
        out->kind = JSON_BOOL;
        ok = expect_word(parser, "false");
        break;
    case 'n':
        out->kind = JSON_NULL;
        ok = expect_word(parser, "null");
        break;
    case -1: ok = fail(parser, "unexpected end"); break;
    default: ok = parse_number(parser, out); break;
    }
    parser->depth--;
    return ok;
}

bool json_parse(const char *text, size_t size, json_value *out,
                json_error *error)
{
    json_parser parser = {text, size, 0, error, 0};
    memset(out, 0, sizeof *out);
    if (!parse_value(&parser, out)) {
        json_free(out);
        return false;
    }
    skip_space(&parser);
    if (parser.at != size) {
        json_free(out);
        return fail(&parser, "trailing characters");
    }
    return true;
}

void json_free(json_value *value)
{
    free(value->text);
    for (size_t i = 0; i < value->count; i++) {
        if (value->kind == JSON_ARRAY) {
            json_free(&value->items[i]);
        } else {
            free(value->members[i].key);
            json_free(&value->members[i].value);
        }
    }
    free(value->items);
    free(value->members);
    memset(value, 0, sizeof *value);
}

const json_value *json_get(const json_value *object, const char *key)
{
    if (!object || object->kind != JSON_OBJECT)
        return NULL;
    size_t length = strlen(key);
    for (size_t i = 0; i < object->count; i++)
        if (object->members[i].key_length == length &&
            !memcmp(object->members[i].key, key, length))
            return &object->members[i].value;
    return NULL;
}

const char *json_get_string(const json_value *object, const char *key)
{
    const json_value *value = json_get(object, key);
    return value && value->kind == JSON_STRING ? value->text : NULL;
}
