/* bindings.c: typed bindings of a checked program (itlc --emit-dts,
 * --emit-header): a TypeScript declaration file of the values
 * loader/js/it_loader.js takes and gives, and a C header of typed wrappers
 * over it_loader.h's it_call. Both read only what it.interface holds: the
 * exports' and imports' signatures and their types (types.c), visited in the
 * order emit.c writes the section's type table, so they describe exactly the
 * adapter itlc writes for the same file (docs/itl.md "Typed bindings"). */
#include <string.h>

#include "itlc.h"

typedef struct bindings {
    const itlc_program *program;
    arena *arena;
    bytes *out;
    const char *source;    /* the .itl file's base name, for the first line */
    itlc_type *order;      /* the signatures' types, members first: it.interface's type table */
    size_t order_count;
    uint32_t *position;    /* itlc_type -> its index in order + 1; 0: in no signature */
    uint8_t *differs;      /* itlc_type -> 0 not known yet, 1 no, 2 yes: its TS argument form differs */
    const char **names;    /* itlc_type -> TS or C name of a named type, or NULL */
    const char **in_names; /* itlc_type -> TS name of the argument form, where it differs */
    const char **constants; /* itlc_type -> C: the prefix of its constants ("RICH_COLOR"), or NULL */
    itlc_map taken;        /* top-level names given out */
} bindings;

/* ---- text ----------------------------------------------------------------- */

static void put(bindings *b, const char *text)
{
    bytes_put(b->arena, b->out, text, strlen(text));
}

static bool is_alpha(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static char to_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Text for a comment line of either language: control characters as \xHH,
 * and neither a comment's end nor a C trigraph can form. */
static const char *comment_text(bindings *b, const char *text)
{
    bytes o = { 0 };
    for (const uint8_t *p = (const uint8_t *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            bytes_printf(b->arena, &o, "\\x%02x", *p);
        } else {
            bytes_byte(b->arena, &o, *p);
            if ((*p == '*' && p[1] == '/') || (*p == '?' && p[1] == '?'))
                bytes_byte(b->arena, &o, '\\');
        }
    }
    bytes_byte(b->arena, &o, 0);
    return (const char *)o.data;
}

/* A name made of ASCII letters, digits and `extra` (TS: "_$", C: "_"), not
 * starting with a digit. */
static bool is_identifier(itlc_str name, const char *extra)
{
    if (name.length == 0 || is_digit((uint8_t)name.bytes[0]))
        return false;
    for (size_t i = 0; i < name.length; i++) {
        uint8_t c = (uint8_t)name.bytes[i];
        if (!is_alpha(c) && !is_digit(c) && !(c && strchr(extra, c)))
            return false;
    }
    return true;
}

/* `base`, else base2, base3, ... (with `separator` before the number): the
 * first not in `taken`, which it is from then on. */
static const char *unique_name(bindings *b, itlc_map *taken, const char *base, const char *separator)
{
    const char *name = base;
    for (unsigned n = 2;; n++) {
        bool inserted;
        map_insert(taken, b->arena, name, strlen(name), 1, &inserted);
        if (inserted)
            return name;
        name = arena_printf(b->arena, "%s%s%u", base, separator, n);
    }
}

static void take_all(bindings *b, itlc_map *taken, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        map_insert(taken, b->arena, words[i], strlen(words[i]), 1, NULL);
}

static itlc_str cstr(const char *text)
{
    return (itlc_str){ text, strlen(text) };
}

/* A parameter's ITL name without its '$', or none (bytes NULL). */
static itlc_str param_name(const itlc_func *func, size_t i)
{
    itlc_str name = { NULL, 0 };
    if (i < func->param_name_count && func->param_names[i].bytes)
        name = (itlc_str){ func->param_names[i].bytes + 1, func->param_names[i].length - 1 };
    return name;
}

/* (func "NAME" (param T...) (result T...)), the types by their ITL names. */
static const char *signature_text(bindings *b, const itlc_func *func)
{
    bytes o = { 0 };
    bytes_printf(b->arena, &o, "(func \"%s\"", func->field.bytes);
    for (int side = 0; side < 2; side++) {
        size_t count = side ? func->sig.result_count : func->sig.param_count;
        const itlc_type *types = side ? func->sig.results : func->sig.params;
        if (count)
            bytes_printf(b->arena, &o, " (%s", side ? "result" : "param");
        for (size_t i = 0; i < count; i++)
            bytes_printf(b->arena, &o, " %s", type_name(types[i]));
        if (count)
            bytes_byte(b->arena, &o, ')');
    }
    bytes_byte(b->arena, &o, ')');
    bytes_byte(b->arena, &o, 0);
    return comment_text(b, (const char *)o.data);
}

/* ---- the types of the signatures -------------------------------------------- */

static void visit(bindings *b, itlc_type type)
{
    if (b->position[type])
        return;
    const type_info *t = type_get(type);
    for (size_t i = 0; i < t->member_count; i++)
        if (t->members[i].type)
            visit(b, t->members[i].type);
    b->order[b->order_count] = type;
    b->position[type] = (uint32_t)++b->order_count;
}

/* The exports', then the imports' types, as emit.c's emit_collect_types
 * numbers them (the value forms' types come after them there, and are not
 * part of the interface). */
static void bindings_init(bindings *b, const itlc_program *program, const char *source, arena *a, bytes *out)
{
    memset(b, 0, sizeof *b);
    b->program = program;
    b->arena = a;
    b->out = out;
    const char *slash = source ? strrchr(source, '/') : NULL;
    b->source = comment_text(b, slash ? slash + 1 : source ? source : "");
    size_t type_count = TYPE_DEFINED + types_defined_count();
    b->order = arena_alloc(a, type_count * sizeof *b->order);
    b->position = arena_alloc(a, type_count * sizeof *b->position);
    b->differs = arena_alloc(a, type_count);
    b->names = arena_alloc(a, type_count * sizeof *b->names);
    b->in_names = arena_alloc(a, type_count * sizeof *b->in_names);
    b->constants = arena_alloc(a, type_count * sizeof *b->constants);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < program->func_count; i++) {
            const itlc_func *func = program->funcs[i];
            if (func->kind != (pass == 0 ? FUNC_EXPORT : FUNC_IMPORT))
                continue;
            for (size_t k = 0; k < func->sig.param_count; k++)
                visit(b, func->sig.params[k]);
            for (size_t k = 0; k < func->sig.result_count; k++)
                visit(b, func->sig.results[k]);
        }
}

/* ============================================================================
 * TypeScript (--emit-dts): loader/js/it_loader.js's values
 * ========================================================================== */

/* The global types the declarations name: never a named type's name. */
static const char *const ts_globals[] = {
    "Array", "ReadonlyArray", "Int8Array", "Uint8Array", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "BigInt64Array", "BigUint64Array", "Float32Array", "Float64Array", NULL,
};

/* Words a parameter may not be named in strict code. */
static const char *const js_reserved[] = {
    "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
    "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function",
    "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package",
    "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true",
    "try", "typeof", "var", "void", "while", "with", "yield", NULL,
};

/* A TS string literal, in single quotes. */
static void ts_quote(bindings *b, itlc_str text)
{
    bytes_byte(b->arena, b->out, '\'');
    for (size_t i = 0; i < text.length; i++) {
        uint8_t c = (uint8_t)text.bytes[i];
        if (c == '\'' || c == '\\')
            bytes_printf(b->arena, b->out, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            bytes_printf(b->arena, b->out, "\\x%02x", c);
        else if (c == 0xe2 && i + 2 < text.length && (uint8_t)text.bytes[i + 1] == 0x80 &&
                 ((uint8_t)text.bytes[i + 2] == 0xa8 || (uint8_t)text.bytes[i + 2] == 0xa9))
            bytes_printf(b->arena, b->out, "\\u%s", (uint8_t)text.bytes[(i += 2)] == 0xa8 ? "2028" : "2029");
        else
            bytes_byte(b->arena, b->out, c);
    }
    bytes_byte(b->arena, b->out, '\'');
}

/* A property name: as it is if it is an identifier, else quoted. */
static void ts_key(bindings *b, itlc_str name)
{
    if (is_identifier(name, "_$"))
        bytes_put(b->arena, b->out, name.bytes, name.length);
    else
        ts_quote(b, name);
}

/* "point" -> "Point", "maybe-maybe" -> "MaybeMaybe", "http_status" ->
 * "HttpStatus": ASCII letters and digits, each word capitalised. */
static const char *ts_pascal(bindings *b, const char *name, const char *fallback)
{
    bytes o = { 0 };
    bool word_start = true;
    for (const uint8_t *p = (const uint8_t *)name; *p; p++) {
        if (!is_alpha(*p) && !is_digit(*p)) {
            word_start = true;
            continue;
        }
        if (o.size == 0 && is_digit(*p))
            bytes_byte(b->arena, &o, 'T');
        bytes_byte(b->arena, &o, word_start ? (uint8_t)to_upper((char)*p) : *p);
        word_start = false;
    }
    if (o.size == 0)
        bytes_put(b->arena, &o, fallback, strlen(fallback));
    bytes_byte(b->arena, &o, 0);
    return (const char *)o.data;
}

/* The typed array of list<T> for a number type T (TYPED_ARRAYS in
 * it_loader.js), or NULL: bool and char lists are arrays. */
static const char *ts_typed_array(bindings *b, itlc_type element)
{
    const type_info *t = type_get(element);
    if (t->ctor != CTOR_NONE || (t->kind != KIND_INTEGER && t->kind != KIND_FLOAT) || t->bits == 1)
        return NULL;
    if (t->kind == KIND_FLOAT)
        return arena_printf(b->arena, "Float%dArray", t->bits);
    return arena_printf(b->arena, "%s%s%dArray", t->bits == 64 ? "Big" : "", t->is_signed ? "Int" : "Uint", t->bits);
}

/* Whether the TS form of an argument of `type` (what make_lower and
 * value_converter accept) differs from the form the loader gives out: 64-bit
 * integers take numbers too, flags may leave flags out, lists and tuples
 * may be readonly (and lists of numbers plain arrays), options take null,
 * and so does everything holding one of these. */
static bool ts_differs(bindings *b, itlc_type type)
{
    if (b->differs[type])
        return b->differs[type] == 2;
    const type_info *t = type_get(type);
    bool differs = false;
    switch (t->ctor) {
    case CTOR_NONE: differs = t->kind == KIND_INTEGER && t->bits == 64; break;
    case CTOR_ENUM: break;
    case CTOR_FLAGS: case CTOR_TUPLE: case CTOR_LIST: case CTOR_OPTION: differs = true; break;
    default:
        for (size_t i = 0; i < t->member_count; i++)
            if (t->members[i].type && ts_differs(b, t->members[i].type))
                differs = true;
        break;
    }
    b->differs[type] = differs ? 2 : 1;
    return differs;
}

static void ts_structure(bindings *b, itlc_type type, bool in, bool multiline);

/* Appends the TS type of a value of `type`: `in` for what the loader
 * accepts (export arguments, host function results), else what it gives;
 * `tagged` for the inner option of option<option<T>>, which value_converter
 * writes { tag: 'some', val } / { tag: 'none' }. */
static void ts_type(bindings *b, itlc_type type, bool in, bool tagged)
{
    const type_info *t = type_get(type);
    if (tagged) {
        itlc_type some = t->members[0].type;
        put(b, "{ tag: 'some'; val: ");
        ts_type(b, some, in, type_get(some)->ctor == CTOR_OPTION);
        put(b, " } | { tag: 'none' }");
    } else if (b->names[type]) {
        put(b, in && ts_differs(b, type) ? b->in_names[type] : b->names[type]);
    } else {
        ts_structure(b, type, in, false);
    }
}

/* { tag: 'LABEL' } or { tag: 'LABEL'; val: T }. */
static void ts_case(bindings *b, itlc_str label, itlc_type payload, bool in)
{
    put(b, "{ tag: ");
    ts_quote(b, label);
    if (payload) {
        put(b, "; val: ");
        ts_type(b, payload, in, false);
    }
    put(b, " }");
}

/* The type itself, never its name; `multiline` lays a record's or flags'
 * fields and a variant's cases out one a line, for a named declaration. */
static void ts_structure(bindings *b, itlc_type type, bool in, bool multiline)
{
    const type_info *t = type_get(type);
    const char *field_open = multiline ? "{\n" : "{ ", *field_close = multiline ? "}" : " }";
    const char *field_before = multiline ? "  " : "", *field_after = multiline ? ";\n" : "; ";
    switch (t->ctor) {
    case CTOR_NONE:
        if (t->kind == KIND_STRING || t->kind == KIND_CHAR)
            put(b, "string");
        else if (t->kind == KIND_INTEGER && t->bits == 1)
            put(b, "boolean");
        else if (t->kind == KIND_INTEGER && t->bits == 64)
            put(b, in ? "bigint | number" : "bigint");
        else
            put(b, "number");
        return;
    case CTOR_RECORD: case CTOR_FLAGS:
        put(b, field_open);
        for (size_t i = 0; i < t->member_count; i++) {
            const type_member *m = &t->members[i];
            put(b, field_before);
            ts_key(b, m->label);
            /* an argument may leave a flag or an option field out */
            bool optional = in && (t->ctor == CTOR_FLAGS || type_get(m->type)->ctor == CTOR_OPTION);
            put(b, optional ? "?: " : ": ");
            if (t->ctor == CTOR_FLAGS)
                put(b, "boolean");
            else
                ts_type(b, m->type, in, false);
            put(b, multiline || i + 1 < t->member_count ? field_after : "");
        }
        put(b, field_close);
        return;
    case CTOR_TUPLE:
        put(b, in ? "readonly [" : "[");
        for (size_t i = 0; i < t->member_count; i++) {
            put(b, i ? ", " : "");
            ts_type(b, t->members[i].type, in, false);
        }
        put(b, "]");
        return;
    case CTOR_LIST: {
        const char *typed = ts_typed_array(b, t->members[0].type);
        if (typed && !in) {
            put(b, typed);
            return;
        }
        if (typed)
            bytes_printf(b->arena, b->out, "%s | ", typed);
        put(b, in ? "ReadonlyArray<" : "Array<");
        ts_type(b, t->members[0].type, in, false);
        put(b, ">");
        return;
    }
    case CTOR_ENUM:
        for (size_t i = 0; i < t->member_count; i++) {
            put(b, i ? " | " : "");
            ts_quote(b, t->members[i].label);
        }
        return;
    case CTOR_VARIANT:
        for (size_t i = 0; i < t->member_count; i++) {
            put(b, multiline ? "\n  | " : i ? " | " : "");
            ts_case(b, t->members[i].label, t->members[i].type, in);
        }
        return;
    case CTOR_OPTION: {
        itlc_type some = t->members[0].type;
        ts_type(b, some, in, type_get(some)->ctor == CTOR_OPTION);
        put(b, in ? " | undefined | null" : " | undefined");
        return;
    }
    case CTOR_RESULT:
        ts_case(b, cstr("ok"), t->members[0].type, in);
        put(b, " | ");
        ts_case(b, cstr("err"), t->members[1].type, in);
        return;
    default:
        return;
    }
}

/* export interface NAME { ... } or export type NAME = ...; for a named type. */
static void ts_declare(bindings *b, itlc_type type, bool in)
{
    const type_info *t = type_get(type);
    const char *name = in ? b->in_names[type] : b->names[type];
    if (in)
        bytes_printf(b->arena, b->out, "/** %s as an argument: what the loader accepts. */\n", b->names[type]);
    else
        bytes_printf(b->arena, b->out, "/** %s: %s */\n", comment_text(b, t->name),
                     comment_text(b, type_structure(type)));
    if (t->ctor == CTOR_RECORD || t->ctor == CTOR_FLAGS) {
        bytes_printf(b->arena, b->out, "export interface %s ", name);
        ts_structure(b, type, in, true);
        put(b, "\n\n");
        return;
    }
    bytes_printf(b->arena, b->out, "export type %s =%s", name, t->ctor == CTOR_VARIANT ? "" : " ");
    ts_structure(b, type, in, true);
    put(b, ";\n\n");
}

/* The name and form of a function's parameters and results. An export
 * (method syntax) takes argument forms and gives the loader's; a host
 * function for an import (property syntax, so that --strict checks its
 * parameters) is given the loader's forms and returns argument forms. */
static void ts_function(bindings *b, const itlc_func *func, bool host, const char *indent)
{
    const itlc_sig *sig = &func->sig;
    bool returns_result = sig->result_count == 1 && type_get(sig->results[0])->ctor == CTOR_RESULT;
    if (!returns_result) {
        bytes_printf(b->arena, b->out, "%s/** %s */\n", indent, signature_text(b, func));
    } else {
        itlc_type err = type_get(sig->results[0])->members[1].type;
        bytes_printf(b->arena, b->out, "%s/**\n%s * %s\n%s * %s", indent, indent, signature_text(b, func), indent,
                     host ? "Return the ok value; for an err, throw an error with a `payload` property (a "
                            "ComponentError) holding the error value: "
                          : "Returns the ok value; for an err, throws a ComponentError whose `payload` is the "
                            "error value: ");
        if (err)
            ts_type(b, err, host, false);
        else
            put(b, "undefined");
        bytes_printf(b->arena, b->out, "\n%s */\n", indent);
    }
    put(b, indent);
    ts_key(b, func->field);
    put(b, host ? ": (" : "(");
    itlc_map params = { 0 };
    take_all(b, &params, js_reserved);
    for (size_t i = 0; i < sig->param_count; i++) {
        itlc_str name = param_name(func, i);
        const char *text = NULL;
        if (name.bytes && is_identifier(name, "_$")) {
            bool inserted;
            map_insert(&params, b->arena, name.bytes, name.length, 1, &inserted);
            if (inserted)
                text = arena_strndup(b->arena, name.bytes, name.length);
        }
        if (!text)
            text = unique_name(b, &params, arena_printf(b->arena, "arg%zu", i + 1), "_");
        bytes_printf(b->arena, b->out, "%s%s: ", i ? ", " : "", text);
        ts_type(b, sig->params[i], !host, false);
    }
    put(b, host ? ") => " : "): ");
    if (sig->result_count == 0) {
        put(b, "void");
    } else if (returns_result) {
        itlc_type ok = type_get(sig->results[0])->members[0].type;
        if (ok)
            ts_type(b, ok, host, false);
        else
            put(b, "void");
    } else if (sig->result_count == 1) {
        ts_type(b, sig->results[0], host, false);
    } else {
        put(b, host ? "readonly [" : "[");
        for (size_t i = 0; i < sig->result_count; i++) {
            put(b, i ? ", " : "");
            ts_type(b, sig->results[i], host, false);
        }
        put(b, "]");
    }
    put(b, ";\n");
}

/* The imports, grouped by namespace in the order of first appearance
 * (a counting sort: linear in the number of imports). */
static const itlc_func **group_imports(bindings *b, size_t *count, size_t **group_start, size_t *group_count)
{
    const itlc_program *program = b->program;
    itlc_map namespaces = { 0 };
    uint32_t *group_of = arena_alloc(b->arena, (program->func_count + 1) * sizeof *group_of);
    size_t groups = 0, imports = 0;
    for (size_t i = 0; i < program->func_count; i++) {
        const itlc_func *func = program->funcs[i];
        if (func->kind != FUNC_IMPORT)
            continue;
        bool inserted;
        uint32_t *group = map_insert(&namespaces, b->arena, func->import_module.bytes, func->import_module.length,
                                     (uint32_t)groups, &inserted);
        groups += inserted;
        group_of[i] = *group;
        imports++;
    }
    size_t *start = arena_alloc(b->arena, (groups + 2) * sizeof *start);
    for (size_t i = 0; i < program->func_count; i++)
        if (program->funcs[i]->kind == FUNC_IMPORT)
            start[group_of[i] + 1]++;
    for (size_t g = 0; g < groups; g++)
        start[g + 1] += start[g];
    size_t *next = arena_alloc(b->arena, (groups + 1) * sizeof *next);
    memcpy(next, start, groups * sizeof *next);
    const itlc_func **sorted = arena_alloc(b->arena, (imports + 1) * sizeof *sorted);
    for (size_t i = 0; i < program->func_count; i++)
        if (program->funcs[i]->kind == FUNC_IMPORT)
            sorted[next[group_of[i]]++] = program->funcs[i];
    *count = imports;
    *group_start = start;
    *group_count = groups;
    return sorted;
}

static void write_dts(bindings *b)
{
    const itlc_program *program = b->program;
    const char *component = arena_strndup(b->arena, program->component.bytes, program->component.length);
    take_all(b, &b->taken, ts_globals);
    const char *base = ts_pascal(b, component, "Component");
    const char *exports_name = unique_name(b, &b->taken, arena_printf(b->arena, "%sExports", base), "");
    const char *imports_name = unique_name(b, &b->taken, arena_printf(b->arena, "%sImports", base), "");
    for (size_t i = 0; i < b->order_count; i++) {
        itlc_type type = b->order[i];
        const type_info *t = type_get(type);
        if (!t->named)
            continue;
        b->names[type] = unique_name(b, &b->taken, ts_pascal(b, t->name, "Type"), "");
        if (ts_differs(b, type))
            b->in_names[type] = unique_name(b, &b->taken, arena_printf(b->arena, "%sIn", b->names[type]), "");
    }

    const char *escaped = comment_text(b, component);
    bytes_printf(b->arena, b->out,
                 "// it_%s.d.ts: TypeScript declarations of component %s (%s), written by itlc --emit-dts:\n"
                 "// the values loader/js/it_loader.js takes and gives (loader/js/README.md, \"Typed components:\n"
                 "// itlc --emit-dts\"). A named type NAME is a value as the loader gives it out; NAMEIn, where\n"
                 "// it differs, what the loader accepts as an argument (every NAME is a NAMEIn too).\n\n",
                 escaped, escaped, b->source);
    for (size_t i = 0; i < b->order_count; i++) {
        itlc_type type = b->order[i];
        if (!b->names[type])
            continue;
        ts_declare(b, type, false);
        if (b->in_names[type])
            ts_declare(b, type, true);
    }

    bytes_printf(b->arena, b->out,
                 "/** The exports of component %s: what instantiate(path, imports) gives (a frozen object). */\n"
                 "export interface %s {\n",
                 escaped, exports_name);
    for (size_t i = 0; i < program->func_count; i++)
        if (program->funcs[i]->kind == FUNC_EXPORT)
            ts_function(b, program->funcs[i], false, "  ");
    put(b, "}\n\n");

    size_t import_count, group_count, *group_start;
    const itlc_func **imports = group_imports(b, &import_count, &group_start, &group_count);
    bytes_printf(b->arena, b->out,
                 "/** The imports of component %s: instantiate's second argument. Each namespace is an object of\n"
                 " * these host functions, or another component whose exports have these signatures. (A type alias,\n"
                 " * not an interface: it also fits parameters typed `{ [namespace: string]: object }`.) */\n"
                 "export type %s = {%s",
                 escaped, imports_name, group_count ? "\n" : "");
    for (size_t g = 0; g < group_count; g++) {
        put(b, "  ");
        ts_key(b, imports[group_start[g]]->import_module);
        put(b, ": {\n");
        for (size_t i = group_start[g]; i < group_start[g + 1]; i++)
            ts_function(b, imports[i], true, "    ");
        put(b, "  };\n");
    }
    put(b, "};\n");
}

/* ============================================================================
 * C (--emit-header): typed wrappers over it_call (it_loader.h)
 * ========================================================================== */

/* Words a struct member or parameter may not be: C11's and C++17's
 * keywords (and alternative tokens), and the standard macros a host's own
 * includes may define. */
static const char *const c_reserved[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
    "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary",
    "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof", "and", "and_eq", "asm", "bitand",
    "bitor", "bool", "catch", "char16_t", "char32_t", "class", "compl", "constexpr", "const_cast",
    "decltype", "delete", "dynamic_cast", "explicit", "export", "false", "friend", "mutable", "namespace",
    "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected",
    "public", "reinterpret_cast", "static_assert", "static_cast", "template", "this", "thread_local",
    "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq", "NULL",
    "EOF", "errno", "assert", "offsetof", "stdin", "stdout", "stderr", "complex", "imaginary", "I", NULL,
};

/* The names the wrappers use inside themselves. */
static const char *const c_locals[] = { "exports", "args", "results", "status", "out", NULL };

/* The part of a C identifier a name gives: its ASCII letters and digits,
 * each run of anything else one '_' between them ("y-pos" -> "y_pos",
 * "*\/" -> ""), so that no "__" (reserved in C++) can form; `fallback` if
 * nothing is left. */
static const char *c_sanitize(bindings *b, itlc_str name, const char *fallback)
{
    char *text = arena_alloc(b->arena, name.length + 1);
    size_t length = 0;
    bool gap = false;
    for (size_t i = 0; i < name.length; i++) {
        uint8_t c = (uint8_t)name.bytes[i];
        if (!is_alpha(c) && !is_digit(c)) {
            gap = true;
            continue;
        }
        if (gap && length)
            text[length++] = '_';
        text[length++] = (char)c;
        gap = false;
    }
    return length ? text : fallback;
}

static const char *c_upper(bindings *b, const char *text)
{
    char *upper = arena_strndup(b->arena, text, strlen(text));
    for (char *p = upper; *p; p++)
        *p = to_upper(*p);
    return upper;
}

/* A C string literal: printable ASCII as it is but for " \ and ? (no
 * trigraph can form), the other bytes in octal. */
static void c_quote(bindings *b, itlc_str text)
{
    bytes_byte(b->arena, b->out, '"');
    for (size_t i = 0; i < text.length; i++) {
        uint8_t c = (uint8_t)text.bytes[i];
        if (c == '"' || c == '\\' || c == '?')
            bytes_printf(b->arena, b->out, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            bytes_byte(b->arena, b->out, c);
        else
            bytes_printf(b->arena, b->out, "\\%03o", c);
    }
    bytes_byte(b->arena, b->out, '"');
}

/* The it_type constant of a type's kind: IT_S32, IT_RECORD, ... */
static const char *c_kind(bindings *b, itlc_type type)
{
    const type_info *t = type_get(type);
    return arena_printf(b->arena, "IT_%s", c_upper(b, t->ctor ? type_ctor_keyword(t->ctor) : type_name(type)));
}

/* it_value's member for a primitive (its ITL name; bool's is u1). */
static const char *c_member(itlc_type type)
{
    return type == TYPE_U1 ? "u1" : type_name(type);
}

/* The C type of a value of `type`: a C type for a primitive, the header's
 * enum or flags type, else it_value. */
static const char *c_type(bindings *b, itlc_type type)
{
    const type_info *t = type_get(type);
    if (b->names[type])
        return b->names[type];
    if (t->ctor != CTOR_NONE)
        return "it_value";
    switch (t->kind) {
    case KIND_STRING: return "it_string";
    case KIND_CHAR: return "uint32_t";
    case KIND_FLOAT: return t->bits == 32 ? "float" : "double";
    default:
        if (t->bits == 1)
            return "bool";
        return arena_printf(b->arena, "%sint%d_t", t->is_signed ? "" : "u", t->bits);
    }
}

/* The it_value of C argument `name` of `type`. */
static const char *c_lower(bindings *b, itlc_type type, const char *name)
{
    const type_info *t = type_get(type);
    switch (t->ctor) {
    case CTOR_ENUM: return arena_printf(b->arena, "it_value_enum((uint32_t)%s)", name);
    case CTOR_FLAGS: return arena_printf(b->arena, "it_value_flags(%s)", name);
    case CTOR_NONE: break;
    default: return name;
    }
    if (t->kind == KIND_STRING)
        return arena_printf(b->arena, "it_value_string(%s.data, %s.size)", name, name);
    if (t->kind == KIND_CHAR)
        return arena_printf(b->arena, "it_value_char(%s)", name);
    return arena_printf(b->arena, "it_value_%s(%s)", c_member(type), name);
}

/* The C value of result `value` (an it_value) of `type`. */
static const char *c_lift(bindings *b, itlc_type type, const char *value)
{
    const type_info *t = type_get(type);
    switch (t->ctor) {
    case CTOR_ENUM: return arena_printf(b->arena, "(%s)%s.of.case_index", b->names[type], value);
    case CTOR_FLAGS: return arena_printf(b->arena, "%s.of.flags", value);
    case CTOR_NONE: break;
    default: return value;
    }
    if (t->kind == KIND_STRING)
        return arena_printf(b->arena, "%s.of.string", value);
    if (t->kind == KIND_CHAR)
        return arena_printf(b->arena, "%s.of.code_point", value);
    return arena_printf(b->arena, "%s.of.%s", value, c_member(type));
}

/* What the header needs once, in any number of generated headers: the
 * signature check of the bind functions. Versioned: a header of another
 * itlc brings its own. */
static const char c_common[] =
    "#ifndef IT_BINDINGS_COMMON_1\n"
    "#define IT_BINDINGS_COMMON_1\n"
    "/* What a generated header expects of a parameter or result: its kind and,\n"
    " * for an enum or flags, its labels in order. */\n"
    "typedef struct it_bindings_type {\n"
    "    it_type kind;\n"
    "    size_t label_count;\n"
    "    const char *const *labels;\n"
    "} it_bindings_type;\n"
    "\n"
    "static inline bool it_bindings_same_type(const it_typedesc *type, const it_bindings_type *expected)\n"
    "{\n"
    "    size_t i;\n"
    "    if (!type || type->kind != expected->kind)\n"
    "        return false;\n"
    "    if (expected->kind != IT_ENUM && expected->kind != IT_FLAGS)\n"
    "        return true;\n"
    "    if (type->member_count != expected->label_count)\n"
    "        return false;\n"
    "    for (i = 0; i < expected->label_count; i++)\n"
    "        if (strcmp(type->members[i].label, expected->labels[i]) != 0)\n"
    "            return false;\n"
    "    return true;\n"
    "}\n"
    "\n"
    "/* Whether an export's signature has the kinds (and enum and flags labels)\n"
    " * a generated header was written for. */\n"
    "static inline bool it_bindings_same_signature(const it_signature *signature, const it_bindings_type *params,\n"
    "                                              size_t param_count, const it_bindings_type *results,\n"
    "                                              size_t result_count)\n"
    "{\n"
    "    size_t i;\n"
    "    if (signature->param_count != param_count || signature->result_count != result_count)\n"
    "        return false;\n"
    "    for (i = 0; i < param_count; i++)\n"
    "        if (!it_bindings_same_type(signature->param_types[i], &params[i]))\n"
    "            return false;\n"
    "    for (i = 0; i < result_count; i++)\n"
    "        if (!it_bindings_same_type(signature->result_types[i], &results[i]))\n"
    "            return false;\n"
    "    return true;\n"
    "}\n"
    "\n"
    "/* A NUL-terminated C string as an it_string (its bytes up to the NUL). */\n"
    "static inline it_string it_bindings_string(const char *text)\n"
    "{\n"
    "    it_string string;\n"
    "    string.data = text;\n"
    "    string.size = strlen(text);\n"
    "    return string;\n"
    "}\n"
    "#endif\n";

typedef struct c_export {
    const itlc_func *func;
    const char *function; /* PREFIX_NAME */
    const char *member;   /* its it_func in PREFIX_exports */
} c_export;

/* What the bind function expects of export `e`: a local array
 * signature_E of it_bindings_type, the parameters then the results. */
static void c_expected(bindings *b, size_t e, const itlc_sig *sig)
{
    if (!sig->param_count && !sig->result_count)
        return;
    bytes_printf(b->arena, b->out, "    static const it_bindings_type signature_%zu[] = {", e);
    for (size_t i = 0; i < sig->param_count + sig->result_count; i++) {
        itlc_type type = i < sig->param_count ? sig->params[i] : sig->results[i - sig->param_count];
        const type_info *t = type_get(type);
        bool labels = t->ctor == CTOR_ENUM || t->ctor == CTOR_FLAGS;
        bytes_printf(b->arena, b->out, "%s{ %s, %zu, %s }", i ? ", " : " ", c_kind(b, type),
                     labels ? t->member_count : 0,
                     labels ? arena_printf(b->arena, "labels_%u", b->position[type] - 1) : "NULL");
    }
    put(b, " };\n");
}

static void c_bind(bindings *b, const char *exports_type, const char *bind,
                   const c_export *exports, size_t export_count)
{
    bytes_printf(b->arena, b->out,
                 "/* Looks every export of the component up once, into *exports. IT_ERR_NOT_FOUND (message on\n"
                 " * the context) for an export it lacks; IT_ERR_TYPE, with exports->mismatch naming the export,\n"
                 " * if one's signature is not this header's: rebuild the header from the component's ITL. */\n"
                 "static inline IT_MUST_USE it_status %s(const it_component *component, %s *exports)\n{\n",
                 bind, exports_type);
    /* the labels of the enums and flags the signatures use, by position */
    uint8_t *labels_written = arena_alloc(b->arena, b->order_count + 1);
    for (size_t e = 0; e < export_count; e++)
        for (int side = 0; side < 2; side++) {
            const itlc_sig *sig = &exports[e].func->sig;
            size_t count = side ? sig->result_count : sig->param_count;
            for (size_t i = 0; i < count; i++) {
                itlc_type type = side ? sig->results[i] : sig->params[i];
                const type_info *t = type_get(type);
                uint32_t position = b->position[type] - 1;
                if ((t->ctor != CTOR_ENUM && t->ctor != CTOR_FLAGS) || labels_written[position])
                    continue;
                labels_written[position] = 1;
                bytes_printf(b->arena, b->out, "    static const char *const labels_%u[] = {", position);
                for (size_t k = 0; k < t->member_count; k++) {
                    put(b, k ? ", " : " ");
                    c_quote(b, t->members[k].label);
                }
                put(b, " };\n");
            }
        }
    for (size_t e = 0; e < export_count; e++)
        c_expected(b, e, &exports[e].func->sig);
    put(b, "    it_status status;\n    exports->mismatch = NULL;\n");
    for (size_t e = 0; e < export_count; e++) {
        const c_export *x = &exports[e];
        const itlc_sig *sig = &x->func->sig;
        put(b, "    if ((status = it_component_func(component, ");
        c_quote(b, x->func->field);
        bytes_printf(b->arena, b->out, ", &exports->%s)) != IT_OK)\n        return status;\n", x->member);
        const char *expected = arena_printf(b->arena, "signature_%zu", e);
        bytes_printf(b->arena, b->out,
                     "    if (!it_bindings_same_signature(it_func_signature(exports->%s), %s, %zu, %s%s, %zu)) {\n",
                     x->member, sig->param_count ? expected : "NULL", sig->param_count,
                     sig->result_count ? expected : "NULL",
                     sig->result_count && sig->param_count ? arena_printf(b->arena, " + %zu", sig->param_count) : "",
                     sig->result_count);
        put(b, "        exports->mismatch = ");
        c_quote(b, x->func->field);
        put(b, ";\n        return IT_ERR_TYPE;\n    }\n");
    }
    put(b, "    return IT_OK;\n}\n\n");
}

/* One export's wrapper: the arguments as C values, the results through
 * pointers (each may be NULL). */
static void c_wrapper(bindings *b, const char *exports_type, const c_export *x)
{
    const itlc_sig *sig = &x->func->sig;
    itlc_map locals = { 0 };
    take_all(b, &locals, c_reserved);
    take_all(b, &locals, c_locals);
    const char **outs = arena_alloc(b->arena, (sig->result_count + 1) * sizeof *outs);
    for (size_t i = 0; i < sig->result_count; i++)
        outs[i] = sig->result_count == 1 ? "out" : unique_name(b, &locals, arena_printf(b->arena, "out%zu", i + 1), "_");
    const char **params = arena_alloc(b->arena, (sig->param_count + 1) * sizeof *params);
    for (size_t i = 0; i < sig->param_count; i++) {
        itlc_str name = param_name(x->func, i);
        params[i] = NULL;
        if (name.bytes && is_identifier(name, "_")) {
            bool inserted;
            map_insert(&locals, b->arena, name.bytes, name.length, 1, &inserted);
            if (inserted)
                params[i] = arena_strndup(b->arena, name.bytes, name.length);
        }
        if (!params[i])
            params[i] = unique_name(b, &locals, arena_printf(b->arena, "arg%zu", i + 1), "_");
    }
    /* the declaration, its parameters wrapped past 100 columns */
    bytes line = { 0 };
    bytes_printf(b->arena, &line, "static inline IT_MUST_USE it_status %s(const %s *exports", x->function,
                 exports_type);
    size_t line_start = 0;
    for (size_t i = 0; i < sig->param_count + sig->result_count; i++) {
        const char *part = i < sig->param_count
            ? arena_printf(b->arena, "%s %s", c_type(b, sig->params[i]), params[i])
            : arena_printf(b->arena, "%s *%s", c_type(b, sig->results[i - sig->param_count]),
                           outs[i - sig->param_count]);
        bytes_byte(b->arena, &line, ',');
        if (line.size - line_start + strlen(part) + 3 > 100) {
            line_start = line.size + 1;
            bytes_put(b->arena, &line, "\n   ", 4);
        }
        bytes_printf(b->arena, &line, " %s", part);
    }
    bytes_byte(b->arena, &line, 0);
    bytes_printf(b->arena, b->out, "/* %s */\n%s)\n{\n", signature_text(b, x->func), (const char *)line.data);
    if (sig->param_count)
        bytes_printf(b->arena, b->out, "    it_value args[%zu];\n", sig->param_count);
    if (sig->result_count)
        bytes_printf(b->arena, b->out, "    it_value results[%zu];\n    it_status status;\n", sig->result_count);
    for (size_t i = 0; i < sig->param_count; i++)
        bytes_printf(b->arena, b->out, "    args[%zu] = %s;\n", i, c_lower(b, sig->params[i], params[i]));
    const char *call = arena_printf(b->arena, "it_call(exports->%s, %s, %zu, %s, %zu)", x->member,
                                    sig->param_count ? "args" : "NULL", sig->param_count,
                                    sig->result_count ? "results" : "NULL", sig->result_count);
    if (!sig->result_count) {
        bytes_printf(b->arena, b->out, "    return %s;\n}\n\n", call);
        return;
    }
    bytes_printf(b->arena, b->out, "    status = %s;\n    if (status != IT_OK)\n        return status;\n", call);
    for (size_t i = 0; i < sig->result_count; i++)
        bytes_printf(b->arena, b->out, "    if (%s)\n        *%s = %s;\n", outs[i], outs[i],
                     c_lift(b, sig->results[i], arena_printf(b->arena, "results[%zu]", i)));
    put(b, "    return IT_OK;\n}\n\n");
}

/* The name of constant k of a type: its prefix and its member's label
 * ("RICH_COLOR_RED"), unique. */
static const char *c_constant(bindings *b, itlc_type type, size_t k)
{
    itlc_str label = type_get(type)->members[k].label;
    const char *part = c_upper(b, c_sanitize(b, label, arena_printf(b->arena, "%zu", k)));
    return unique_name(b, &b->taken, arena_printf(b->arena, "%s_%s", b->constants[type], part), "_");
}

/* The header's C types and constants of the named (and unnamed enum and
 * flags) types the signatures use. */
static void c_types(bindings *b)
{
    bool any = false;
    for (size_t i = 0; i < b->order_count; i++) {
        itlc_type type = b->order[i];
        const type_info *t = type_get(type);
        if (!b->constants[type])
            continue;
        if (!any)
            put(b, "/* ---- types */\n\n");
        any = true;
        const char *what = t->named ? arena_printf(b->arena, "%s: ", comment_text(b, t->name)) : "";
        const char *structure = comment_text(b, type_structure(type));
        switch (t->ctor) {
        case CTOR_ENUM:
            bytes_printf(b->arena, b->out, "/* %s%s */\ntypedef enum %s {\n", what, structure, b->names[type]);
            for (size_t k = 0; k < t->member_count; k++)
                bytes_printf(b->arena, b->out, "    %s = %zu,\n",
                             c_constant(b, type, k), k);
            bytes_printf(b->arena, b->out, "} %s;\n\n", b->names[type]);
            break;
        case CTOR_FLAGS:
            bytes_printf(b->arena, b->out, "/* %s%s: bit i is flag i */\ntypedef uint32_t %s;\n", what, structure,
                         b->names[type]);
            for (size_t k = 0; k < t->member_count; k++)
                bytes_printf(b->arena, b->out, "#define %s UINT32_C(0x%lx)\n",
                             c_constant(b, type, k),
                             1ul << k);
            put(b, "\n");
            break;
        default: /* a named record (its fields' indices) or variant (its cases') */
            bytes_printf(b->arena, b->out, "/* %s%s: an it_value; %s */\n", what, structure,
                         t->ctor == CTOR_RECORD ? "field i is of.list.items[i]" : "of.variant.index is the case");
            for (size_t k = 0; k < t->member_count; k++)
                bytes_printf(b->arena, b->out, "#define %s %zu\n",
                             c_constant(b, type, k), k);
            put(b, "\n");
            break;
        }
    }
}

/* The imports a host must define before instantiating, as a comment. */
static void c_imports(bindings *b)
{
    size_t count, group_count, *group_start;
    const itlc_func **imports = group_imports(b, &count, &group_start, &group_count);
    if (!count)
        return;
    put(b, "/* ---- imports: define each on the context before it_instantiate (it_define_host,\n"
           " * it_define_host_any for constructed types, it_define_component, it_define_func):\n");
    for (size_t i = 0; i < count; i++)
        bytes_printf(b->arena, b->out, " *   %s %s\n", comment_text(b, imports[i]->import_module.bytes),
                     signature_text(b, imports[i]));
    put(b, " */\n\n");
}

static void write_header(bindings *b)
{
    const itlc_program *program = b->program;
    const char *prefix = c_sanitize(b, program->component, "component");
    if (is_digit((uint8_t)prefix[0]))
        prefix = arena_printf(b->arena, "c_%s", prefix);
    const char *upper = c_upper(b, prefix);
    const char *guard = unique_name(b, &b->taken, arena_printf(b->arena, "IT_BINDINGS_%s_H", upper), "_");
    const char *exports_type = unique_name(b, &b->taken, arena_printf(b->arena, "%s_exports", prefix), "_");
    const char *bind = unique_name(b, &b->taken, arena_printf(b->arena, "%s_bind", prefix), "_");

    size_t export_count = 0;
    for (size_t i = 0; i < program->func_count; i++)
        export_count += program->funcs[i]->kind == FUNC_EXPORT;
    c_export *exports = arena_alloc(b->arena, (export_count + 1) * sizeof *exports);
    itlc_map members = { 0 }, reserved = { 0 }, constant_prefixes = { 0 };
    take_all(b, &reserved, c_reserved);
    take_all(b, &members, c_reserved);
    map_insert(&members, b->arena, "mismatch", 8, 1, NULL);
    size_t e = 0;
    for (size_t i = 0; i < program->func_count; i++) {
        const itlc_func *func = program->funcs[i];
        if (func->kind != FUNC_EXPORT)
            continue;
        const char *name = c_sanitize(b, func->field, arena_printf(b->arena, "export%zu", e));
        exports[e].func = func;
        exports[e].function = unique_name(b, &b->taken, arena_printf(b->arena, "%s_%s", prefix, name), "_");
        if (is_digit((uint8_t)name[0]))
            name = arena_printf(b->arena, "_%s", name);
        else if (map_find(&reserved, name, strlen(name)))
            name = arena_printf(b->arena, "%s_", name);
        exports[e].member = unique_name(b, &members, name, "_");
        e++;
    }
    for (size_t i = 0; i < b->order_count; i++) {
        itlc_type type = b->order[i];
        const type_info *t = type_get(type);
        bool labels = t->ctor == CTOR_ENUM || t->ctor == CTOR_FLAGS;
        if (!labels && !(t->named && (t->ctor == CTOR_RECORD || t->ctor == CTOR_VARIANT)))
            continue;
        const char *type_part = arena_printf(b->arena, "type%zu", i);
        const char *base = arena_printf(b->arena, "%s_%s", prefix,
                                        t->named ? c_sanitize(b, cstr(t->name), type_part) : type_part);
        if (labels)
            b->names[type] = unique_name(b, &b->taken, arena_printf(b->arena, "%s_t", base), "_");
        /* one prefix per type, so that two types' constants never mix */
        b->constants[type] = unique_name(b, &constant_prefixes, c_upper(b, base), "_");
    }

    const char *component = comment_text(b, arena_strndup(b->arena, program->component.bytes, program->component.length));
    bytes_printf(b->arena, b->out,
                 "/* it_%s.h: typed C bindings of component %s (%s), written by itlc --emit-header: its\n"
                 " * exports looked up once by %s, and one function per export over it_call, taking\n"
                 " * and giving C values (docs/loader.md, \"Typed C bindings\"). Strings and constructed\n"
                 " * values it hands out are borrowed as it_call's results are (OWNERSHIP in it_loader.h). */\n"
                 "#ifndef %s\n#define %s\n\n"
                 "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n\n"
                 "#include \"it_loader.h\"\n\n"
                 "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
                 component, component, b->source, bind, guard, guard);
    put(b, c_common);
    put(b, "\n");
    c_types(b);
    c_imports(b);
    bytes_printf(b->arena, b->out, "/* ---- exports */\n\n/* The exports, filled by %s. */\ntypedef struct %s {\n", bind,
                 exports_type);
    for (size_t i = 0; i < export_count; i++)
        bytes_printf(b->arena, b->out, "    it_func *%s;\n", exports[i].member);
    bytes_printf(b->arena, b->out,
                 "    const char *mismatch; /* after %s failed with IT_ERR_TYPE: the export whose signature\n"
                 "                             is not this header's */\n} %s;\n\n",
                 bind, exports_type);
    c_bind(b, exports_type, bind, exports, export_count);
    for (size_t i = 0; i < export_count; i++)
        c_wrapper(b, exports_type, &exports[i]);
    bytes_printf(b->arena, b->out, "#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s */\n", guard);
}

void bindings_write(const itlc_program *program, itlc_output output, const char *source, arena *a, bytes *out)
{
    bindings b;
    bindings_init(&b, program, source, a, out);
    if (output == ITLC_OUTPUT_DTS)
        write_dts(&b);
    else
        write_header(&b);
}
