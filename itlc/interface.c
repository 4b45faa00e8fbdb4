/* interface.c: an adapter module's it.interface section (docs/abi.md) read
 * back into a program of exports and imports with their types, so that
 * `itlc --emit-dts it_x.wasm` and `--emit-header` write the bindings of an
 * adapter whose .itl is not at hand (bindings.c writes them, as for an .itl).
 * The section is untrusted input: every count, index, label and nesting is
 * checked as the loaders check them, and the first problem is the error. */
#include <string.h>

#include "itlc.h"

typedef struct reader {
    const uint8_t *data;
    size_t size, pos;
    arena *arena;
    const char *error; /* the first problem, then nothing more is read */
    size_t error_offset;
    size_t base;       /* the offset of data[0] in the file, for messages */
} reader;

static bool fail(reader *r, const char *message)
{
    if (!r->error) {
        r->error = message;
        r->error_offset = r->base + r->pos;
    }
    return false;
}

static bool read_byte(reader *r, uint8_t *out)
{
    if (r->error)
        return false;
    if (r->pos >= r->size)
        return fail(r, "unexpected end");
    *out = r->data[r->pos++];
    return true;
}

/* An unsigned LEB128 of at most 32 bits. */
static bool read_u32(reader *r, uint32_t *out)
{
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
        uint8_t byte;
        if (!read_byte(r, &byte))
            return false;
        if (shift == 28 && (byte & 0x70))
            return fail(r, "integer too large");
        value |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            break;
        if (shift == 28)
            return fail(r, "integer too large");
    }
    *out = (uint32_t)value;
    return true;
}

/* A count of items of at least one byte each: never more than the bytes left. */
static bool read_count(reader *r, uint32_t *out)
{
    if (!read_u32(r, out))
        return false;
    if (*out > r->size - r->pos)
        return fail(r, "count larger than the section");
    return true;
}

/* A name: UTF-8 without NUL (the one name rule), copied NUL-terminated. */
static bool read_name(reader *r, itlc_str *out)
{
    uint32_t length;
    if (!read_count(r, &length))
        return false;
    const char *text = (const char *)r->data + r->pos;
    if (!lex_valid_utf8((const uint8_t *)text, length) || memchr(text, 0, length))
        return fail(r, "a name is not UTF-8 without NUL");
    out->bytes = arena_strndup(r->arena, text, length);
    out->length = length;
    r->pos += length;
    return true;
}

/* The constructors' it.interface bytes (types.def). */
static const uint8_t ctor_codes[CTOR_COUNT] = {
#define C(id, keyword, code, kind, lowered) [CTOR_##id] = code,
#include "types.def"
#undef C
};

/* The primitive of it.interface byte `code`, or TYPE_NONE. */
static itlc_type primitive_of(uint8_t code)
{
    for (int t = TYPE_NONE + 1; t < TYPE_BOTTOM; t++)
        if (type_get((itlc_type)t)->code == code)
            return (itlc_type)t;
    return TYPE_NONE;
}

/* A type index of an entry before entry `count`. */
static bool read_index(reader *r, const itlc_type *table, uint32_t count, itlc_type *out)
{
    uint32_t index;
    if (!read_u32(r, &index))
        return false;
    if (index >= count)
        return fail(r, "a type refers to itself or to a type after it");
    *out = table[index];
    return true;
}

/* opttype := 0x00 | 0x01 typeidx */
static bool read_opttype(reader *r, const itlc_type *table, uint32_t count, itlc_type *out)
{
    uint8_t flag;
    if (!read_byte(r, &flag))
        return false;
    *out = TYPE_NONE;
    if (flag > 1)
        return fail(r, "a type flag is neither 0 nor 1");
    return flag == 0 || read_index(r, table, count, out);
}

/* Entry `count` of the type table (after `count` entries). */
static bool read_typedef(reader *r, itlc_type *table, uint32_t count)
{
    itlc_str name;
    uint8_t code;
    if (!read_name(r, &name) || !read_byte(r, &code))
        return false;
    type_ctor ctor = CTOR_NONE;
    for (int c = CTOR_NONE + 1; c < CTOR_COUNT; c++)
        if (code == ctor_codes[c])
            ctor = (type_ctor)c;
    if (!ctor) {
        table[count] = primitive_of(code);
        return table[count] ? true : fail(r, "unknown type code");
    }
    uint32_t member_count = 1;
    if (ctor == CTOR_RESULT)
        member_count = 2;
    else if (ctor != CTOR_LIST && ctor != CTOR_OPTION && !read_count(r, &member_count))
        return false;
    if (member_count == 0)
        return fail(r, "a record, tuple, enum, flags or variant without members");
    if (ctor == CTOR_FLAGS && member_count > ITLC_MAX_FLAGS)
        return fail(r, "flags of more than 32 flags");
    type_member *members = arena_alloc(r->arena, member_count * sizeof *members);
    itlc_map labels = { 0 };
    for (uint32_t i = 0; i < member_count; i++) {
        type_member *m = &members[i];
        bool labelled = ctor == CTOR_RECORD || ctor == CTOR_ENUM || ctor == CTOR_FLAGS || ctor == CTOR_VARIANT;
        if (labelled) {
            bool inserted;
            if (!read_name(r, &m->label))
                return false;
            map_insert(&labels, r->arena, m->label.bytes, m->label.length, 1, &inserted);
            if (!inserted)
                return fail(r, "a label appears twice in one type");
        }
        bool ok = true;
        switch (ctor) {
        case CTOR_ENUM: case CTOR_FLAGS: break;
        case CTOR_VARIANT: case CTOR_RESULT: ok = read_opttype(r, table, count, &m->type); break;
        default: ok = read_index(r, table, count, &m->type); break;
        }
        if (!ok)
            return false;
        if (m->type && type_get(m->type)->depth >= ITLC_MAX_TYPE_DEPTH)
            return fail(r, "types nested more than 100 levels deep");
    }
    if (ctor == CTOR_RESULT) {
        members[0].label = (itlc_str){ "ok", 2 };
        members[1].label = (itlc_str){ "err", 3 };
    }
    table[count] = type_intern(ctor, members, member_count);
    if (name.length)
        type_set_name(table[count], name.bytes);
    return true;
}

/* params:vec(typeidx) results:vec(typeidx) */
static bool read_signature(reader *r, const itlc_type *table, uint32_t count, itlc_sig *sig)
{
    for (int side = 0; side < 2; side++) {
        uint32_t n;
        if (!read_count(r, &n))
            return false;
        if (n > ITLC_MAX_VALUES)
            return fail(r, "a signature of more than 1000 values");
        itlc_type *types = arena_alloc(r->arena, (n + 1) * sizeof *types);
        for (uint32_t i = 0; i < n; i++)
            if (!read_index(r, table, count, &types[i]))
                return false;
        if (side == 0)
            sig->params = types, sig->param_count = n;
        else
            sig->results = types, sig->result_count = n;
    }
    return true;
}

/* The section's component, type table, exports and imports (the modules
 * after them are not part of the interface). */
static bool read_interface(reader *r, itlc_program *program)
{
    uint32_t version, type_count;
    if (!read_u32(r, &version))
        return false;
    if (version != ITLC_ABI_VERSION)
        return fail(r, arena_printf(r->arena, "it.interface version %u (this itlc reads version %d)", version,
                                    ITLC_ABI_VERSION));
    if (!read_name(r, &program->component) || !read_count(r, &type_count))
        return false;
    itlc_type *table = arena_alloc(r->arena, (type_count + 1) * sizeof *table);
    for (uint32_t i = 0; i < type_count; i++)
        if (!read_typedef(r, table, i))
            return false;
    itlc_map names = { 0 };
    for (int pass = 0; pass < 2; pass++) {
        uint32_t count;
        if (!read_count(r, &count))
            return false;
        itlc_func **funcs = arena_alloc(r->arena, (program->func_count + count + 1) * sizeof *funcs);
        if (program->func_count)
            memcpy(funcs, program->funcs, program->func_count * sizeof *funcs);
        program->funcs = funcs;
        for (uint32_t i = 0; i < count; i++) {
            itlc_func *func = arena_alloc(r->arena, sizeof *func);
            func->kind = pass == 0 ? FUNC_EXPORT : FUNC_IMPORT;
            if ((pass == 1 && !read_name(r, &func->import_module)) || !read_name(r, &func->field) ||
                !read_signature(r, table, type_count, &func->sig))
                return false;
            /* exports by name, imports by namespace and name: each once */
            itlc_str key = map_pair_key(r->arena, pass == 0 ? (itlc_str){ "", 0 } : func->import_module, func->field);
            bool inserted;
            map_insert(&names, r->arena, key.bytes, key.length, 1, &inserted);
            if (!inserted)
                return fail(r, pass == 0 ? "an export appears twice" : "an import appears twice");
            program->funcs[program->func_count++] = func;
        }
    }
    return true;
}

bool interface_is_wasm(const char *data, size_t size)
{
    return size >= 4 && memcmp(data, "\0asm", 4) == 0;
}

itlc_error interface_bindings(const char *data, size_t size, const char *file, itlc_output output, itlc_diag *diag,
                              arena *a, bytes *out)
{
    itlc_diag no_position = *diag;
    no_position.file = NULL;
    itlc_loc nowhere = { 0, 0, 0 };
    reader module = { .data = (const uint8_t *)data, .size = size, .pos = 8, .arena = a };
    if (size < 8 || memcmp(data + 4, "\1\0\0\0", 4) != 0)
        return diag_error(&no_position, nowhere, ITLC_ERR_BAD_ADAPTER, file, "not a wasm module of version 1");
    types_reset(a);
    /* the sections, looking for the one it.interface custom section */
    reader section = { 0 };
    bool found = false;
    while (module.pos < module.size && !module.error) {
        size_t start = module.pos;
        uint8_t id;
        uint32_t length;
        if (!read_byte(&module, &id) || !read_count(&module, &length))
            break;
        size_t end = module.pos + length;
        itlc_str name = { NULL, 0 };
        if (id == 0) {
            reader limited = module;
            limited.size = end;
            if (!read_name(&limited, &name)) {
                module.error = limited.error, module.error_offset = limited.error_offset;
                break;
            }
            if (str_equal_cstr(name, "it.interface")) {
                if (found) {
                    module.pos = start;
                    fail(&module, "two it.interface sections");
                    break;
                }
                found = true;
                section = (reader){ .data = limited.data + limited.pos, .size = end - limited.pos, .arena = a,
                                    .base = limited.pos };
            }
        }
        module.pos = end;
    }
    const char *why = module.error ? arena_printf(a, "malformed at byte offset %zu: %s", module.error_offset,
                                                  module.error)
                      : !found ? "it has no it.interface custom section (itlc writes one in every adapter)"
                               : NULL;
    itlc_program program = { 0 };
    if (!why && !read_interface(&section, &program))
        why = arena_printf(a, "its it.interface section is malformed at byte offset %zu: %s", section.error_offset,
                           section.error);
    if (why)
        return diag_error(&no_position, nowhere, ITLC_ERR_BAD_ADAPTER, file, why);
    bindings_write(&program, output, file, a, out);
    return ITLC_OK;
}
