/* canon.c: the canonical ABI of the Component Model between host values and
 * a core module (docs/abi.md "Layout in memory", "Flattening"): values read
 * from its memory (lift) or from their flat core values, and written to its
 * memory (lower) or as flat values, strings and lists allocated through its
 * realloc. The core module is untrusted: every pointer, length, alignment,
 * case, char and string is checked, and a lift copies at most a budget of
 * string bytes and list elements (many list elements may point at one huge
 * string).
 *
 * A lift walks the memory twice with one function, lift_walk: first to
 * check everything and measure the copy (out == NULL), then to fill the
 * host_value block. No wasm runs between the two walks, so memory is the
 * same for both. */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIFT_BUDGET ((uint64_t)1 << 30)

static bool fail(canon_context *cx, it_status status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(canon_context *cx, it_status status, const char *format, ...)
{
    cx->status = status;
    va_list args;
    va_start(args, format);
    vsnprintf(cx->error, sizeof cx->error, format, args);
    va_end(args);
    return false;
}

static const iface_layout *layout(const canon_context *cx, const it_typedesc *type)
{
    return iface_layout_of(cx->table, type);
}

/* The bytes [at, at + size) of the memory, or NULL after failing. */
static uint8_t *span(canon_context *cx, uint64_t at, uint64_t size)
{
    uint64_t length = wrt_memory_size(cx->memory);
    if (at > length || size > length - at) {
        fail(cx, IT_ERR_TRAP, "out of bounds memory access (%llu bytes at %llu in %s, %llu bytes long)",
             (unsigned long long)size, (unsigned long long)at, cx->where, (unsigned long long)length);
        return NULL;
    }
    return wrt_memory_data(cx->memory) + at;
}

static uint32_t read_uint(const uint8_t *at, uint32_t size)
{
    uint32_t value = 0;
    memcpy(&value, at, size); /* little-endian hosts (docs/runtime.md) */
    return value;
}

static void write_uint(uint8_t *at, uint32_t size, uint32_t value)
{
    memcpy(at, &value, size);
}

/* The type as messages write it: "(option u32)", "point". */
static const char *type_text(const it_typedesc *type, char *buffer, size_t size)
{
    it_typedesc_text(type, buffer, size);
    return buffer;
}

static bool is_scalar_value(uint32_t code)
{
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
}

/* ------------------------------------------------------------------ lift */

/* Where a lift's build walk puts members and string bytes. */
typedef struct builder {
    it_value *values;
    char *bytes;
} builder;

static bool spend(canon_context *cx, uint64_t units)
{
    if (units > cx->budget)
        return fail(cx, IT_ERR_TRAP, "the value is too large to lift (more than %llu string bytes and list elements)",
                    (unsigned long long)LIFT_BUDGET);
    cx->budget -= units;
    return true;
}

/* A string of `length` UTF-8 bytes at `pointer`. */
static bool lift_string(canon_context *cx, uint32_t pointer, uint32_t length, it_value *out, builder *b,
                        value_size *size)
{
    const uint8_t *bytes = span(cx, pointer, length);
    if (!bytes) return false;
    if (!out) {
        size_t bad;
        const char *why;
        if (!utf8_check(bytes, length, &bad, &why))
            return fail(cx, IT_ERR_TRAP, "invalid UTF-8 in %s at offset %llu (string at %u, %u bytes): %s", cx->where,
                        (unsigned long long)pointer + bad, pointer, length, why);
        if (!spend(cx, length)) return false;
        size->bytes += (size_t)length + 1;
        return true;
    }
    out->type = IT_STRING;
    if (length) memcpy(b->bytes, bytes, length);
    b->bytes[length] = '\0';
    out->of.string.data = b->bytes;
    out->of.string.size = length;
    b->bytes += (size_t)length + 1;
    return true;
}

static bool lift_walk(canon_context *cx, const it_typedesc *type, uint32_t at, it_value *out, builder *b,
                      value_size *size);

/* The `count` member values of a record or tuple v: taken from the block
 * when building (and v pointed at them), counted when measuring (NULL). */
static it_value *take_members(it_value *v, size_t count, bool building, builder *b, value_size *size)
{
    if (!building) {
        size->values += count;
        return NULL;
    }
    it_value *items = b->values;
    b->values += count;
    v->of.list.items = items;
    v->of.list.count = count;
    v->of.list.data = NULL;
    return items;
}

static bool lift_list(canon_context *cx, const it_typedesc *type, uint32_t pointer, uint32_t count, it_value *out,
                      builder *b, value_size *size)
{
    const it_typedesc *element = type->members[0].type;
    const iface_layout *el = layout(cx, element);
    uint64_t bytes = (uint64_t)count * el->size;
    char text[128];
    if (pointer % el->align)
        return fail(cx, IT_ERR_TRAP, "a %s at %u in %s is not aligned to %u", type_text(type, text, sizeof text),
                    pointer, cx->where, el->align);
    if (!span(cx, pointer, bytes)) return false;
    size_t number = value_number_size(element->kind);
    if (number) { /* a list of numbers: one copy, packed (it_value's of.list.data) */
        if (!out) {
            size->bytes += (size_t)bytes + 7;
            return true;
        }
        uint8_t *data = (uint8_t *)(((uintptr_t)b->bytes + 7) & ~(uintptr_t)7);
        if (bytes) memcpy(data, wrt_memory_data(cx->memory) + pointer, (size_t)bytes);
        b->bytes = (char *)data + bytes;
        out->type = IT_LIST;
        out->of.list.count = count;
        out->of.list.items = NULL;
        out->of.list.data = data;
        return true;
    }
    if (!out) {
        if (!spend(cx, count)) return false;
        size->values += count;
        for (uint32_t i = 0; i < count; i++)
            if (!lift_walk(cx, element, pointer + i * el->size, NULL, b, size)) return false;
        return true;
    }
    out->type = IT_LIST;
    out->of.list.count = count;
    out->of.list.items = count ? b->values : NULL;
    out->of.list.data = NULL;
    it_value *items = b->values;
    b->values += count;
    for (uint32_t i = 0; i < count; i++)
        if (!lift_walk(cx, element, pointer + i * el->size, &items[i], b, size)) return false;
    return true;
}

/* Checks and measures (out NULL) or builds the value of `type` at `at`
 * (whose layout's size is in bounds: the caller checked). */
static bool lift_walk(canon_context *cx, const it_typedesc *type, uint32_t at, it_value *out, builder *b,
                      value_size *size)
{
    const uint8_t *p = wrt_memory_data(cx->memory) + at;
    const iface_layout *l = layout(cx, type);
    it_value scratch;
    it_value *v = out ? out : &scratch;
    v->type = type->kind;
    switch (type->kind) {
    case IT_U1: v->of.u1 = p[0] != 0; return true;
    case IT_S8: v->of.s8 = (int8_t)p[0]; return true;
    case IT_U8: v->of.u8 = p[0]; return true;
    case IT_S16: memcpy(&v->of.s16, p, 2); return true;
    case IT_U16: memcpy(&v->of.u16, p, 2); return true;
    case IT_S32: memcpy(&v->of.s32, p, 4); return true;
    case IT_U32: memcpy(&v->of.u32, p, 4); return true;
    case IT_I32: memcpy(&v->of.i32, p, 4); return true;
    case IT_S64: memcpy(&v->of.s64, p, 8); return true;
    case IT_U64: memcpy(&v->of.u64, p, 8); return true;
    case IT_I64: memcpy(&v->of.i64, p, 8); return true;
    case IT_F32: memcpy(&v->of.f32, p, 4); return true;
    case IT_F64: memcpy(&v->of.f64, p, 8); return true;
    case IT_CHAR: {
        uint32_t code = read_uint(p, 4);
        if (!is_scalar_value(code))
            return fail(cx, IT_ERR_TRAP, "the char at %u in %s is %u (0x%x), not a Unicode scalar value", at,
                        cx->where, code, code);
        v->of.code_point = code;
        return true;
    }
    case IT_STRING: return lift_string(cx, read_uint(p, 4), read_uint(p + 4, 4), out, b, size);
    case IT_LIST: return lift_list(cx, type, read_uint(p, 4), read_uint(p + 4, 4), out, b, size);
    case IT_FLAGS:
        v->of.flags = read_uint(p, l->size) &
                      (type->member_count >= 32 ? UINT32_MAX : (UINT32_C(1) << type->member_count) - 1);
        return true;
    case IT_ENUM: {
        uint32_t index = read_uint(p, l->disc);
        char text[128];
        if (index >= type->member_count)
            return fail(cx, IT_ERR_TRAP, "the %s at %u in %s is case %u, but it has %zu",
                        type_text(type, text, sizeof text), at, cx->where, index, type->member_count);
        v->of.case_index = index;
        return true;
    }
    case IT_RECORD: case IT_TUPLE: {
        size_t count = type->member_count;
        it_value *items = take_members(v, count, out != NULL, b, size);
        for (size_t i = 0; i < count; i++)
            if (!lift_walk(cx, type->members[i].type, at + l->offsets[i], out ? &items[i] : NULL, b, size))
                return false;
        return true;
    }
    default: { /* variant, option, result */
        uint32_t index = read_uint(p, l->disc);
        bool valid;
        const it_typedesc *payload = value_case_type(type, index, &valid);
        char text[128];
        if (!valid)
            return fail(cx, IT_ERR_TRAP, "the %s at %u in %s is case %u, but it has %zu",
                        type_text(type, text, sizeof text), at, cx->where, index,
                        type->kind == IT_VARIANT ? type->member_count : (size_t)2);
        v->of.variant.index = index;
        v->of.variant.payload = NULL;
        if (!payload) return true;
        if (!out) {
            size->values += 1;
            return lift_walk(cx, payload, at + l->payload, NULL, b, size);
        }
        it_value *slot = b->values++;
        v->of.variant.payload = slot;
        return lift_walk(cx, payload, at + l->payload, slot, b, size);
    }
    }
}

/* Both walks of a lift: `walk(cx, type, state, out, b, size)` measures
 * (out NULL) or builds. */
typedef bool (*walk_fn)(canon_context *cx, const it_typedesc *type, const void *state, it_value *out, builder *b,
                        value_size *size);

static host_value *lift_with(canon_context *cx, const it_typedesc *type, const void *state, walk_fn walk)
{
    cx->budget = LIFT_BUDGET;
    value_size size = {0, 0};
    if (!walk(cx, type, state, NULL, NULL, &size)) return NULL;
    size_t total = sizeof(host_value) + size.values * sizeof(it_value) + size.bytes;
    host_value *value = malloc(total);
    if (!value) {
        fail(cx, IT_ERR_NO_MEMORY, "out of memory (a value of %zu bytes)", total);
        return NULL;
    }
    value->type = type;
    builder b = {value->members, (char *)(value->members + size.values)};
    if (!walk(cx, type, state, &value->root, &b, &size)) { /* cannot fail: the same walk checked it */
        free(value);
        return NULL;
    }
    return value;
}

static bool walk_memory(canon_context *cx, const it_typedesc *type, const void *state, it_value *out, builder *b,
                        value_size *size)
{
    return lift_walk(cx, type, *(const uint32_t *)state, out, b, size);
}

host_value *canon_lift(canon_context *cx, const it_typedesc *type, uint32_t pointer)
{
    const iface_layout *l = layout(cx, type);
    char text[128];
    if (pointer % l->align) {
        fail(cx, IT_ERR_TRAP, "pointer %u is not aligned to %u, as %s is", pointer, l->align,
             type_text(type, text, sizeof text));
        return NULL;
    }
    if (!span(cx, pointer, l->size)) return NULL;
    return lift_with(cx, type, &pointer, walk_memory);
}

/* ------------------------------------------------------------- flat lift */

/* Flat values being read: cells[i] holds one of type types[i]. */
typedef struct flat_reader {
    const wrt_raw *cells;
    const wrt_valtype *types;
    size_t at;
} flat_reader;

/* The next flat value as one of type `want` (the canonical ABI's coercion
 * from the joined type of a variant's payload). */
static wrt_raw flat_next(flat_reader *r, wrt_valtype want)
{
    wrt_raw cell = r->cells[r->at];
    wrt_valtype have = r->types[r->at++];
    wrt_raw out = cell;
    if (have == WRT_I64 && want == WRT_I32) out.i32 = (int32_t)(uint32_t)cell.i64;
    else if (have == WRT_I32 && want == WRT_F32) memcpy(&out.f32, &cell.i32, 4);
    else if (have == WRT_I64 && want == WRT_F32) {
        uint32_t low = (uint32_t)cell.i64;
        memcpy(&out.f32, &low, 4);
    } else if (have == WRT_I64 && want == WRT_F64)
        memcpy(&out.f64, &cell.i64, 8);
    return out;
}

static bool flat_walk(canon_context *cx, const it_typedesc *type, flat_reader *r, it_value *out, builder *b,
                      value_size *size)
{
    it_value scratch;
    it_value *v = out ? out : &scratch;
    v->type = type->kind;
    switch (type->kind) {
    case IT_U1: v->of.u1 = flat_next(r, WRT_I32).i32 != 0; return true;
    case IT_S8: v->of.s8 = (int8_t)flat_next(r, WRT_I32).i32; return true;
    case IT_U8: v->of.u8 = (uint8_t)flat_next(r, WRT_I32).i32; return true;
    case IT_S16: v->of.s16 = (int16_t)flat_next(r, WRT_I32).i32; return true;
    case IT_U16: v->of.u16 = (uint16_t)flat_next(r, WRT_I32).i32; return true;
    case IT_S32: v->of.s32 = flat_next(r, WRT_I32).i32; return true;
    case IT_U32: v->of.u32 = (uint32_t)flat_next(r, WRT_I32).i32; return true;
    case IT_I32: v->of.i32 = flat_next(r, WRT_I32).i32; return true;
    case IT_S64: v->of.s64 = flat_next(r, WRT_I64).i64; return true;
    case IT_U64: v->of.u64 = (uint64_t)flat_next(r, WRT_I64).i64; return true;
    case IT_I64: v->of.i64 = flat_next(r, WRT_I64).i64; return true;
    case IT_F32: v->of.f32 = flat_next(r, WRT_F32).f32; return true;
    case IT_F64: v->of.f64 = flat_next(r, WRT_F64).f64; return true;
    case IT_CHAR: {
        uint32_t code = (uint32_t)flat_next(r, WRT_I32).i32;
        if (!is_scalar_value(code))
            return fail(cx, IT_ERR_TRAP, "a char of %u (0x%x) is not a Unicode scalar value", code, code);
        v->of.code_point = code;
        return true;
    }
    case IT_STRING: case IT_LIST: {
        uint32_t pointer = (uint32_t)flat_next(r, WRT_I32).i32;
        uint32_t length = (uint32_t)flat_next(r, WRT_I32).i32;
        return type->kind == IT_STRING ? lift_string(cx, pointer, length, out, b, size)
                                       : lift_list(cx, type, pointer, length, out, b, size);
    }
    case IT_FLAGS:
        v->of.flags = (uint32_t)flat_next(r, WRT_I32).i32 &
                      (type->member_count >= 32 ? UINT32_MAX : (UINT32_C(1) << type->member_count) - 1);
        return true;
    case IT_ENUM: {
        uint32_t index = (uint32_t)flat_next(r, WRT_I32).i32;
        char text[128];
        if (index >= type->member_count)
            return fail(cx, IT_ERR_TRAP, "%s case %u, but it has %zu", type_text(type, text, sizeof text), index,
                        type->member_count);
        v->of.case_index = index;
        return true;
    }
    case IT_RECORD: case IT_TUPLE: {
        size_t count = type->member_count;
        it_value *items = take_members(v, count, out != NULL, b, size);
        for (size_t i = 0; i < count; i++)
            if (!flat_walk(cx, type->members[i].type, r, out ? &items[i] : NULL, b, size)) return false;
        return true;
    }
    default: { /* variant, option, result: the case, its payload's values, the joined rest */
        size_t end = r->at + layout(cx, type)->flat_count;
        uint32_t index = (uint32_t)flat_next(r, WRT_I32).i32;
        bool valid;
        const it_typedesc *payload = value_case_type(type, index, &valid);
        char text[128];
        if (!valid)
            return fail(cx, IT_ERR_TRAP, "%s case %u, but it has %zu", type_text(type, text, sizeof text), index,
                        type->kind == IT_VARIANT ? type->member_count : (size_t)2);
        v->of.variant.index = index;
        v->of.variant.payload = NULL;
        if (payload) {
            it_value *slot = NULL;
            if (out) {
                slot = b->values++;
                v->of.variant.payload = slot;
            } else {
                size->values += 1;
            }
            if (!flat_walk(cx, payload, r, slot, b, size)) return false;
        }
        r->at = end;
        return true;
    }
    }
}

typedef struct flat_state {
    const wrt_raw *cells;
    const wrt_valtype *types;
} flat_state;

static bool walk_flat(canon_context *cx, const it_typedesc *type, const void *state, it_value *out, builder *b,
                      value_size *size)
{
    const flat_state *s = state;
    flat_reader r = {s->cells, s->types, 0};
    return flat_walk(cx, type, &r, out, b, size);
}

host_value *canon_lift_flat(canon_context *cx, const it_typedesc *type, const wrt_raw *flats)
{
    wrt_valtype types[IFACE_MAX_FLAT];
    size_t count = iface_flatten(cx->table, type, types, IFACE_MAX_FLAT);
    if (count == SIZE_MAX) {
        fail(cx, IT_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    flat_state state = {flats, types};
    return lift_with(cx, type, &state, walk_flat);
}

/* ----------------------------------------------------------------- lower */

/* Room for `size` bytes aligned to `align`, from the core module's realloc
 * (a call into it: it may grow the memory, which stays where it is). */
static bool allocate(canon_context *cx, uint32_t align, uint64_t size, uint32_t *out)
{
    if (!cx->realloc)
        return fail(cx, IT_ERR_TRAP, "the value holds a string or list, and no realloc was given to allocate it");
    if (size > UINT32_MAX) return fail(cx, IT_ERR_TRAP, "%llu bytes do not fit in 32-bit memory", (unsigned long long)size);
    wrt_val args[4] = {{WRT_I32, {.i32 = 0}}, {WRT_I32, {.i32 = 0}}, {WRT_I32, {.i32 = (int32_t)align}},
                       {WRT_I32, {.i32 = (int32_t)size}}};
    wrt_val result;
    if (wrt_func_call(cx->store, cx->realloc, args, 4, &result, 1)) {
        const wrt_error *error = wrt_store_error(cx->store);
        return fail(cx, status_of_wrt(error, IT_ERR_TRAP), "the realloc failed: %s", error->message);
    }
    uint32_t pointer = (uint32_t)result.of.i32;
    if (pointer % align) return fail(cx, IT_ERR_TRAP, "realloc returned %u, which is not aligned to %u", pointer, align);
    if (!span(cx, pointer, size)) return false;
    *out = pointer;
    return true;
}

static bool lower_string(canon_context *cx, const it_string *string, uint32_t *pointer)
{
    if (!allocate(cx, 1, string->size, pointer)) return false;
    if (string->size) memcpy(wrt_memory_data(cx->memory) + *pointer, string->data, string->size);
    return true;
}

static bool lower_walk(canon_context *cx, const it_typedesc *type, const it_value *v, uint32_t at);

static bool lower_list(canon_context *cx, const it_typedesc *type, const it_value *v, uint32_t *pointer)
{
    const it_typedesc *element = type->members[0].type;
    const iface_layout *el = layout(cx, element);
    if (!allocate(cx, el->align, (uint64_t)v->of.list.count * el->size, pointer)) return false;
    size_t number = value_number_size(element->kind);
    if (number && !v->of.list.items) { /* packed numbers: one copy */
        if (v->of.list.count)
            memcpy(wrt_memory_data(cx->memory) + *pointer, v->of.list.data, v->of.list.count * number);
        return true;
    }
    for (size_t i = 0; i < v->of.list.count; i++)
        if (!lower_walk(cx, element, &v->of.list.items[i], *pointer + (uint32_t)(i * el->size))) return false;
    return true;
}

/* Stores checked value v of `type` at `at` (in bounds). The memory's base
 * is read again for each write: an allocation may grow the memory. */
static bool lower_walk(canon_context *cx, const it_typedesc *type, const it_value *v, uint32_t at)
{
    const iface_layout *l = layout(cx, type);
#define AT (wrt_memory_data(cx->memory) + at)
    switch (type->kind) {
    case IT_U1: *AT = v->of.u1 ? 1 : 0; return true;
    case IT_S8: case IT_U8: *AT = v->of.u8; return true;
    case IT_S16: case IT_U16: memcpy(AT, &v->of.u16, 2); return true;
    case IT_S32: case IT_U32: case IT_I32: case IT_F32: case IT_CHAR: memcpy(AT, &v->of.u32, 4); return true;
    case IT_S64: case IT_U64: case IT_I64: case IT_F64: memcpy(AT, &v->of.u64, 8); return true;
    case IT_STRING: case IT_LIST: {
        uint32_t pointer, length = (uint32_t)(type->kind == IT_STRING ? v->of.string.size : v->of.list.count);
        if (!(type->kind == IT_STRING ? lower_string(cx, &v->of.string, &pointer) : lower_list(cx, type, v, &pointer)))
            return false;
        write_uint(AT, 4, pointer);
        write_uint(AT + 4, 4, length);
        return true;
    }
    case IT_FLAGS: write_uint(AT, l->size, v->of.flags); return true;
    case IT_ENUM: write_uint(AT, l->disc, v->of.case_index); return true;
    case IT_RECORD: case IT_TUPLE:
        for (size_t i = 0; i < type->member_count; i++)
            if (!lower_walk(cx, type->members[i].type, &v->of.list.items[i], at + l->offsets[i])) return false;
        return true;
    default: {
        bool valid;
        const it_typedesc *payload = value_case_type(type, v->of.variant.index, &valid);
        write_uint(AT, l->disc, v->of.variant.index);
        return !payload || lower_walk(cx, payload, v->of.variant.payload, at + l->payload);
    }
    }
#undef AT
}

bool canon_lower(canon_context *cx, const it_typedesc *type, const it_value *value, uint32_t pointer)
{
    const iface_layout *l = layout(cx, type);
    char text[128];
    if (pointer % l->align)
        return fail(cx, IT_ERR_TRAP, "pointer %u is not aligned to %u, as %s is", pointer, l->align,
                    type_text(type, text, sizeof text));
    return span(cx, pointer, l->size) && lower_walk(cx, type, value, pointer);
}

/* ------------------------------------------------------------ flat lower */

/* flats[*at] = a value of type `have` as one of the joined type `want`. */
static void flat_put(wrt_raw *flats, size_t *at, const wrt_valtype *types, wrt_valtype have, wrt_raw value)
{
    wrt_valtype want = types[*at];
    wrt_raw out = value;
    if (have == WRT_F32 && want == WRT_I32) memcpy(&out.i32, &value.f32, 4);
    else if (have == WRT_I32 && want == WRT_I64) out.i64 = (int64_t)(uint32_t)value.i32;
    else if (have == WRT_F32 && want == WRT_I64) {
        uint32_t bits;
        memcpy(&bits, &value.f32, 4);
        out.i64 = (int64_t)bits;
    } else if (have == WRT_F64 && want == WRT_I64)
        memcpy(&out.i64, &value.f64, 8);
    flats[(*at)++] = out;
}

static bool flat_lower_walk(canon_context *cx, const it_typedesc *type, const it_value *v, wrt_raw *flats,
                            size_t *at, const wrt_valtype *types)
{
    wrt_raw cell;
    memset(&cell, 0, sizeof cell);
    switch (type->kind) {
    case IT_S64: case IT_U64: case IT_I64: cell.i64 = v->of.i64; flat_put(flats, at, types, WRT_I64, cell); return true;
    case IT_F32: cell.f32 = v->of.f32; flat_put(flats, at, types, WRT_F32, cell); return true;
    case IT_F64: cell.f64 = v->of.f64; flat_put(flats, at, types, WRT_F64, cell); return true;
    case IT_U1: cell.i32 = v->of.u1; break;
    case IT_S8: cell.i32 = v->of.s8; break;
    case IT_U8: cell.i32 = v->of.u8; break;
    case IT_S16: cell.i32 = v->of.s16; break;
    case IT_U16: cell.i32 = v->of.u16; break;
    case IT_S32: case IT_U32: case IT_I32: case IT_CHAR: case IT_FLAGS: case IT_ENUM:
        cell.i32 = (int32_t)v->of.u32;
        break;
    case IT_STRING: case IT_LIST: {
        uint32_t pointer;
        if (!(type->kind == IT_STRING ? lower_string(cx, &v->of.string, &pointer) : lower_list(cx, type, v, &pointer)))
            return false;
        cell.i32 = (int32_t)pointer;
        flat_put(flats, at, types, WRT_I32, cell);
        cell.i32 = (int32_t)(type->kind == IT_STRING ? v->of.string.size : v->of.list.count);
        break;
    }
    case IT_RECORD: case IT_TUPLE:
        for (size_t i = 0; i < type->member_count; i++)
            if (!flat_lower_walk(cx, type->members[i].type, &v->of.list.items[i], flats, at, types)) return false;
        return true;
    default: {
        size_t end = *at + layout(cx, type)->flat_count;
        bool valid;
        const it_typedesc *payload = value_case_type(type, v->of.variant.index, &valid);
        cell.i32 = (int32_t)v->of.variant.index;
        flat_put(flats, at, types, WRT_I32, cell);
        if (payload && !flat_lower_walk(cx, payload, v->of.variant.payload, flats, at, types)) return false;
        while (*at < end) { /* the joined values past this case's: zero */
            memset(&flats[*at], 0, sizeof flats[*at]);
            (*at)++;
        }
        return true;
    }
    }
    flat_put(flats, at, types, WRT_I32, cell);
    return true;
}

bool canon_lower_flat(canon_context *cx, const it_typedesc *type, const it_value *value, wrt_raw *flats)
{
    wrt_valtype types[IFACE_MAX_FLAT];
    if (iface_flatten(cx->table, type, types, IFACE_MAX_FLAT) == SIZE_MAX)
        return fail(cx, IT_ERR_NO_MEMORY, "out of memory");
    size_t at = 0;
    return flat_lower_walk(cx, type, value, flats, &at, types);
}
