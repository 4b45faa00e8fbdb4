/* json.h: a small JSON reader (a tree of values) for wast2json output. */
#ifndef SPEC_JSON_H
#define SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_kind {
    JSON_NULL,
    JSON_BOOL,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_kind;

typedef struct json_member json_member;

/* STRING holds the decoded bytes (\u escapes become UTF-8, "\u0000" a NUL
 * byte: use `length`), always NUL-terminated. NUMBER holds its source text. */
typedef struct json_value {
    json_kind kind;
    bool boolean;
    char *text;
    size_t length;
    struct json_value *items; /* ARRAY */
    json_member *members;     /* OBJECT */
    size_t count;             /* items or members */
} json_value;

struct json_member {
    char *key;
    size_t key_length;
    json_value value;
};

/* Where parsing stopped and why. */
typedef struct json_error {
    size_t line, column;
    const char *message;
} json_error;

/* Parses `size` bytes into *out; false with *error filled on bad input. */
bool json_parse(const char *text, size_t size, json_value *out,
                json_error *error);
void json_free(json_value *value);

/* The member `key` of an object, or NULL (also if `object` is not one). */
const json_value *json_get(const json_value *object, const char *key);
/* The string member `key`, or NULL if missing or not a string. */
const char *json_get_string(const json_value *object, const char *key);

#endif /* SPEC_JSON_H */
