/* value_text.h: itrun's text form of IT values: parsing command-line
 * arguments of any type (a JSON-like syntax) and printing results as Node's
 * console.log prints the same values from it_loader.js. */
#ifndef ITRUN_VALUE_TEXT_H
#define ITRUN_VALUE_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "it_loader.h"

/* Blocks that parsed values point into, freed together. */
typedef struct text_arena {
    struct text_block *blocks;
} text_arena;

void text_arena_free(text_arena *arena);

/* Parses `text` as a value of `type` into *out (its members in `arena`).
 * At the top level a string, char or enum is the text itself; everything
 * else, and every nested value, is written as in JS: 42, -1.5, 7n, true,
 * 'text' or "text", [1, 2], { x: 1, y: 2 }, { tag: 'circle', val: 2 },
 * undefined (an option's none). False with a message in `error`. */
bool value_parse(const it_typedesc *type, const char *text, it_value *out, text_arena *arena, char *error,
                 size_t error_size);

/* How value_print writes a value:
 *   VALUE_CONSOLE   as console.log(value) prints it from it_loader.js: a
 *                   string as it is, anything else as util.inspect writes
 *                   it by default (broken over lines past 80 columns,
 *                   arrays of more than 6 short items in columns)
 *   VALUE_ONE_LINE  as util.inspect(value, { compact: true, breakLength:
 *                   Infinity }) writes it: strings quoted, one line (for
 *                   messages) */
typedef enum value_layout { VALUE_CONSOLE, VALUE_ONE_LINE } value_layout;

/* Prints a value (no newline after it). False, having printed nothing, if
 * memory ran out. */
IT_MUST_USE bool value_print(const it_typedesc *type, const it_value *value, value_layout layout, FILE *out);

/* The shortest decimal that reads back as `value`, as JS's Number#toString. */
void format_number(double value, char *out, size_t size);

#endif
