/* interface.c: IT types and the it.interface custom section (docs/abi.md). */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ types */

const char *it_type_name(it_type type)
{
    switch (type) {
#define IT_TYPE_NAME(name, code, text) case name: return text;
        IT_TYPE_LIST(IT_TYPE_NAME)
        IT_CTOR_LIST(IT_TYPE_NAME)
#undef IT_TYPE_NAME
    case IT_TYPE_NONE: break;
    }
    return NULL;
}

it_type it_type_from_name(const char *name)
{
    if (!name) return IT_TYPE_NONE;
#define IT_TYPE_MATCH(type, code, text) if (strcmp(name, text) == 0) return type;
    IT_TYPE_LIST(IT_TYPE_MATCH)
#undef IT_TYPE_MATCH
    if (strcmp(name, "u1") == 0) return IT_BOOL; /* bool's older name */
    return IT_TYPE_NONE;
}

bool iface_type_primitive(uint8_t code)
{
    switch (code) {
#define IT_TYPE_CASE(name, code, text) case name:
        IT_TYPE_LIST(IT_TYPE_CASE)
#undef IT_TYPE_CASE
        return true;
    }
    return false;
}

bool iface_type_constructor(uint8_t code)
{
    switch (code) {
#define IT_TYPE_CASE(name, code, text) case name:
        IT_CTOR_LIST(IT_TYPE_CASE)
#undef IT_TYPE_CASE
        return true;
    }
    return false;
}

wrt_valtype iface_lowered(it_type type)
{
    switch (type) {
    case IT_S64: case IT_U64: case IT_I64: return WRT_I64;
    case IT_F32: return WRT_F32;
    case IT_F64: return WRT_F64;
    case IT_STRING: case IT_RECORD: case IT_TUPLE: case IT_LIST: return WRT_EXTERNREF;
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: return WRT_EXTERNREF;
    default: return WRT_I32; /* the narrow integers, char, enum, flags */
    }
}

/* Appends the text of `type` at buffer[*used] (the rendering of docs/itl.md:
 * its definition's name, or "(list u32)"); stops at the end of the buffer. */
static void type_text(const it_typedesc *type, char *buffer, size_t size, size_t *used)
{
#define PUT(...)                                                                         \
    do {                                                                                 \
        if (*used >= size) return;                                                       \
        int n = snprintf(buffer + *used, size - *used, __VA_ARGS__);                     \
        if (n < 0) return;                                                               \
        *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;                \
    } while (0)
    if (type->name || type->member_count == 0 || !iface_type_constructor((uint8_t)type->kind)) {
        PUT("%s", type->name ? type->name : it_type_name(type->kind));
        return;
    }
    PUT("(%s", it_type_name(type->kind));
    /* (result), (result T), (result _ E), (result T E) */
    size_t count = type->kind == IT_RESULT && !type->members[1].type ? (type->members[0].type ? 1 : 0)
                                                                       : type->member_count;
    for (size_t i = 0; i < count; i++) {
        const it_member *m = &type->members[i];
        switch (type->kind) {
        case IT_RECORD: PUT(" (field %s ", m->label); type_text(m->type, buffer, size, used); PUT(")"); break;
        case IT_VARIANT:
            PUT(" (case %s", m->label);
            if (m->type) {
                PUT(" ");
                type_text(m->type, buffer, size, used);
            }
            PUT(")");
            break;
        case IT_ENUM: case IT_FLAGS: PUT(" %s", m->label); break;
        default:
            PUT(" ");
            if (m->type)
                type_text(m->type, buffer, size, used);
            else
                PUT("_");
            break;
        }
    }
    PUT(")");
#undef PUT
}

void it_typedesc_text(const it_typedesc *type, char *buffer, size_t size)
{
    if (size == 0) return;
    size_t used = 0;
    buffer[0] = '\0';
    if (type) type_text(type, buffer, size, &used);
}

bool iface_same_type(const it_typedesc *a, const it_typedesc *b)
{
    if (a == b) return true;
    if (!a || !b || a->kind != b->kind || a->member_count != b->member_count) return false;
    for (size_t i = 0; i < a->member_count; i++) {
        const it_member *x = &a->members[i], *y = &b->members[i];
        if ((x->label == NULL) != (y->label == NULL) || (x->label && strcmp(x->label, y->label) != 0))
            return false;
        if ((x->type == NULL) != (y->type == NULL) || (x->type && !iface_same_type(x->type, y->type)))
            return false;
    }
    return true;
}

const char *it_status_message(it_status status)
{
    switch (status) {
#define IT_STATUS_TEXT(name, message) case name: return message;
        IT_STATUS_LIST(IT_STATUS_TEXT)
#undef IT_STATUS_TEXT
    case IT_STATUS_COUNT: break;
    }
    return "unknown status";
}

static void append_types(char *buffer, size_t size, size_t *used,
                         const it_type *types, const it_typedesc *const *descs,
                         size_t count)
{
    for (size_t i = 0; i < count && *used + 1 < size; i++) {
        if (i) {
            int n = snprintf(buffer + *used, size - *used, ", ");
            if (n < 0) return;
            *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
        }
        if (descs) {
            type_text(descs[i], buffer, size, used);
        } else {
            int n = snprintf(buffer + *used, size - *used, "%s", it_type_name(types[i]));
            if (n < 0) return;
            *used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
        }
    }
}

void iface_signature_text(const it_signature *signature, char *buffer,
                          size_t size)
{
    if (size == 0) return;
    size_t used = 0;
    buffer[0] = '\0';
    const char *parts[] = {"(", ") -> (", ")"};
    for (int part = 0; part < 3 && used < size; part++) {
        int n = snprintf(buffer + used, size - used, "%s", parts[part]);
        if (n < 0) return;
        used += (size_t)n;
        if (used >= size) used = size - 1;
        if (part == 0)
            append_types(buffer, size, &used, signature->params, signature->param_types,
                         signature->param_count);
        if (part == 1)
            append_types(buffer, size, &used, signature->results, signature->result_types,
                         signature->result_count);
    }
}

bool iface_same_signature(const it_signature *a, const it_signature *b)
{
    if (a->param_count != b->param_count || a->result_count != b->result_count)
        return false;
    for (size_t i = 0; i < a->param_count; i++)
        if (a->params[i] != b->params[i] ||
            (a->param_types && b->param_types && !iface_same_type(a->param_types[i], b->param_types[i])))
            return false;
    for (size_t i = 0; i < a->result_count; i++)
        if (a->results[i] != b->results[i] ||
            (a->result_types && b->result_types && !iface_same_type(a->result_types[i], b->result_types[i])))
            return false;
    return true;
}

/* ------------------------------------------------------- finding the section */

/* Reads an unsigned LEB128 of at most 32 bits; false at the end or if too long. */
static bool read_u32(const uint8_t *bytes, size_t size, size_t *pos,
                     uint32_t *out)
{
    uint64_t result = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (*pos >= size) return false;
        uint8_t byte = bytes[(*pos)++];
        result |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            if (result > UINT32_MAX) return false;
            *out = (uint32_t)result;
            return true;
        }
    }
    return false;
}

static const char SECTION_NAME[] = "it.interface";

size_t iface_find_section(const uint8_t *bytes, size_t size,
                          const uint8_t **payload, size_t *payload_size)
{
    size_t pos = 8, found = 0;
    while (pos < size) {
        uint8_t id = bytes[pos++];
        uint32_t length;
        if (!read_u32(bytes, size, &pos, &length) || length > size - pos)
            break;
        size_t end = pos + length;
        if (id == 0) {
            uint32_t name_length;
            size_t at = pos;
            if (read_u32(bytes, end, &at, &name_length) &&
                name_length <= end - at && name_length == strlen(SECTION_NAME) &&
                memcmp(bytes + at, SECTION_NAME, name_length) == 0) {
                if (found++ == 0) {
                    *payload = bytes + at + name_length;
                    *payload_size = end - (at + name_length);
                }
            }
        }
        pos = end;
    }
    return found;
}

/* ---------------------------------------------------------------- parsing */

typedef struct parser {
    const uint8_t *bytes;
    size_t size, pos;
    iface_failure *failure;
} parser;

static bool parse_fail(parser *p, it_status status, const char *format,
                       const char *what)
{
    p->failure->status = status;
    p->failure->offset = p->pos;
    snprintf(p->failure->what, sizeof p->failure->what, format, what);
    return false;
}

static bool parse_u32(parser *p, const char *what, uint32_t *out)
{
    size_t start = p->pos;
    if (read_u32(p->bytes, p->size, &p->pos, out)) return true;
    bool at_end = p->pos >= p->size;
    p->pos = start;
    return parse_fail(p, IT_ERR_INTERFACE,
                      at_end ? "unexpected end while reading %s"
                             : "%s is not a valid 32-bit LEB128",
                      what);
}

/* A string: LEB128 length then UTF-8, copied NUL-terminated. Names with a
 * NUL byte are rejected: the C API passes names as C strings. */
static bool parse_string(parser *p, const char *what, char **out)
{
    uint32_t length;
    if (!parse_u32(p, what, &length)) return false;
    if (length > p->size - p->pos)
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s runs past the end of the section", what);
    const uint8_t *start = p->bytes + p->pos;
    size_t bad;
    const char *why;
    if (!utf8_check(start, length, &bad, &why))
        return parse_fail(p, IT_ERR_INTERFACE, "%s is not valid UTF-8", what);
    if (memchr(start, 0, length))
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s contains a NUL byte (not supported)", what);
    char *copy = malloc((size_t)length + 1);
    if (!copy) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    memcpy(copy, start, length);
    copy[length] = '\0';
    p->pos += length;
    *out = copy;
    return true;
}

/* A vector count, checked against the bytes left (each item takes >= 1). */
static bool parse_count(parser *p, const char *what, uint32_t *count)
{
    if (!parse_u32(p, what, count)) return false;
    if (*count > p->size - p->pos)
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s cannot fit in the rest of the section", what);
    return true;
}

#define IFACE_MAX_VALUES 1000u

/* A byte: 0 (no type) or 1 (a type index follows). */
static bool parse_flag(parser *p, const char *what, bool *out)
{
    if (p->pos >= p->size)
        return parse_fail(p, IT_ERR_INTERFACE, "unexpected end while reading %s", what);
    uint8_t flag = p->bytes[p->pos];
    if (flag > 1) return parse_fail(p, IT_ERR_INTERFACE, "%s must be 0 (none) or 1 (a type)", what);
    p->pos++;
    *out = flag;
    return true;
}

/* A type index of the table read so far (`count` entries). */
static bool parse_type_ref(parser *p, const iface *out, size_t count, const char *what,
                           const it_typedesc **type)
{
    size_t start = p->pos;
    uint32_t index;
    if (!parse_u32(p, what, &index)) return false;
    if (index >= count) {
        p->pos = start;
        char text[120];
        snprintf(text, sizeof text, "%s is type %u, which is not defined before it (%zu types so far)",
                 what, index, count);
        return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
    }
    *type = &out->types[index];
    return true;
}

/* 1 + the depth of its deepest member (theirs are known: earlier entries). */
static uint32_t type_depth(const iface *out, const it_typedesc *type)
{
    uint32_t depth = 0;
    for (size_t i = 0; i < type->member_count; i++)
        if (type->members[i].type) {
            uint32_t d = out->depths[type->members[i].type - out->types];
            if (d > depth) depth = d;
        }
    return depth + 1;
}

static uint32_t align_to(uint64_t offset, uint32_t align)
{
    uint64_t aligned = (offset + align - 1) / align * align;
    return aligned > UINT32_MAX - 8 ? UINT32_MAX - 8 : (uint32_t)aligned;
}

static uint32_t discriminant_size(size_t cases)
{
    return cases <= 0x100 ? 1 : cases <= 0x10000 ? 2 : 4;
}

const iface_layout *iface_layout_of(const iface *table, const it_typedesc *type)
{
    return &table->layouts[type - table->types];
}

/* The layout of entry `index`, from its members' (earlier entries). */
static bool compute_layout(iface *out, size_t index)
{
    const it_typedesc *type = &out->types[index];
    iface_layout *l = &out->layouts[index];
    uint64_t flats = 0;
    switch (type->kind) {
    case IT_U1: case IT_S8: case IT_U8: l->size = l->align = 1; l->flat_count = 1; return true;
    case IT_S16: case IT_U16: l->size = l->align = 2; l->flat_count = 1; return true;
    case IT_S64: case IT_U64: case IT_I64: case IT_F64: l->size = l->align = 8; l->flat_count = 1; return true;
    case IT_STRING: case IT_LIST: l->size = 8, l->align = 4; l->flat_count = 2; return true;
    case IT_FLAGS:
        l->size = l->align = type->member_count <= 8 ? 1 : type->member_count <= 16 ? 2 : 4;
        l->flat_count = 1;
        return true;
    case IT_ENUM:
        l->size = l->align = l->disc = discriminant_size(type->member_count);
        l->flat_count = 1;
        return true;
    case IT_RECORD: case IT_TUPLE: {
        l->offsets = calloc(type->member_count, sizeof *l->offsets);
        if (!l->offsets) return false;
        uint64_t size = 0;
        l->align = 1;
        for (size_t i = 0; i < type->member_count; i++) {
            const iface_layout *m = iface_layout_of(out, type->members[i].type);
            size = align_to(size, m->align);
            l->offsets[i] = (uint32_t)size;
            size += m->size;
            if (m->align > l->align) l->align = m->align;
            flats += m->flat_count;
        }
        l->size = align_to(size, l->align);
        break;
    }
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        size_t cases = type->kind == IT_VARIANT ? type->member_count : 2;
        l->disc = discriminant_size(cases);
        uint32_t payload_size = 0, payload_align = 1;
        for (size_t i = 0; i < type->member_count; i++) {
            if (!type->members[i].type) continue;
            const iface_layout *m = iface_layout_of(out, type->members[i].type);
            if (m->size > payload_size) payload_size = m->size;
            if (m->align > payload_align) payload_align = m->align;
            if (m->flat_count > flats) flats = m->flat_count;
        }
        l->align = l->disc > payload_align ? l->disc : payload_align;
        l->payload = align_to(l->disc, payload_align);
        l->size = align_to((uint64_t)l->payload + payload_size, l->align);
        flats += 1;
        break;
    }
    default: l->size = l->align = 4; l->flat_count = 1; return true; /* 32-bit numbers, char */
    }
    l->flat_count = flats > IFACE_MAX_FLAT ? IFACE_MAX_FLAT + 1 : (uint32_t)flats;
    return true;
}

static wrt_valtype flat_join(wrt_valtype a, wrt_valtype b)
{
    if (a == b) return a;
    if ((a == WRT_I32 && b == WRT_F32) || (a == WRT_F32 && b == WRT_I32)) return WRT_I32;
    return WRT_I64;
}

/* Appends the flat types at out[at...] (room made by the caller); SIZE_MAX
 * if out of memory. */
static size_t flatten_into(const iface *table, const it_typedesc *type, wrt_valtype *out, size_t at)
{
    switch (type->kind) {
    case IT_STRING: case IT_LIST:
        out[at++] = WRT_I32;
        out[at++] = WRT_I32;
        return at;
    case IT_RECORD: case IT_TUPLE:
        for (size_t i = 0; i < type->member_count && at != SIZE_MAX; i++)
            at = flatten_into(table, type->members[i].type, out, at);
        return at;
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        out[at++] = WRT_I32;
        size_t width = 0;
        for (size_t i = 0; i < type->member_count; i++) {
            if (!type->members[i].type) continue;
            /* each case's own types, joined with the others' (on the heap:
             * this recursion may be 100 levels deep) */
            wrt_valtype *one = malloc(iface_layout_of(table, type->members[i].type)->flat_count * sizeof *one);
            size_t n = one ? flatten_into(table, type->members[i].type, one, 0) : SIZE_MAX;
            for (size_t k = 0; n != SIZE_MAX && k < n; k++)
                out[at + k] = k < width ? flat_join(out[at + k], one[k]) : one[k];
            free(one);
            if (n == SIZE_MAX) return SIZE_MAX;
            if (n > width) width = n;
        }
        return at + width;
    }
    default:
        out[at++] = iface_lowered(type->kind);
        return at;
    }
}

size_t iface_flatten(const iface *table, const it_typedesc *type, wrt_valtype *out, size_t max)
{
    size_t count = iface_layout_of(table, type)->flat_count;
    if (count <= max && flatten_into(table, type, out, 0) == SIZE_MAX) return SIZE_MAX;
    return count;
}

/* Entry `index` of the type table (docs/abi.md "Types"): its members may
 * only be earlier entries, so types are never recursive. */
static bool parse_typedef(parser *p, iface *out, size_t index)
{
    it_typedesc *type = &out->types[index];
    char *name;
    if (!parse_string(p, "a type name", &name)) return false;
    if (name[0]) type->name = name;
    else free(name);
    if (p->pos >= p->size) return parse_fail(p, IT_ERR_INTERFACE, "%s", "unexpected end while reading a type");
    size_t start = p->pos;
    uint8_t code = p->bytes[p->pos++];
    type->kind = (it_type)code;
    out->depths[index] = 1;
    if (iface_type_primitive(code)) return compute_layout(out, index) ||
                                           parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    if (!iface_type_constructor(code)) {
        p->pos = start;
        char text[48];
        snprintf(text, sizeof text, "unknown IT type code 0x%02x", code);
        return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
    }
    uint32_t count = 1;
    bool labelled = code == IT_RECORD || code == IT_ENUM || code == IT_FLAGS || code == IT_VARIANT;
    if (code == IT_RESULT) count = 2;
    else if (code != IT_LIST && code != IT_OPTION && !parse_count(p, "the member count", &count))
        return false;
    if (count == 0) {
        p->pos = start;
        return parse_fail(p, IT_ERR_INTERFACE, "a %s needs at least one member", it_type_name(type->kind));
    }
    if (code == IT_FLAGS && count > IFACE_MAX_FLAGS) {
        p->pos = start;
        return parse_fail(p, IT_ERR_INTERFACE, "%s", "more than 32 flags");
    }
    it_member *members = calloc(count, sizeof *members);
    if (!members) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    type->members = members;
    type->member_count = count;
    for (uint32_t i = 0; i < count; i++) {
        it_member *m = &members[i];
        if (labelled) {
            char *label;
            if (!parse_string(p, "a member label", &label)) return false;
            m->label = label;
            for (uint32_t k = 0; k < i; k++)
                if (strcmp(members[k].label, label) == 0)
                    return parse_fail(p, IT_ERR_INTERFACE, "label '%s' appears twice in one type", label);
        } else if (code == IT_RESULT) {
            char *label = text_copy(i == 0 ? "ok" : "err");
            if (!label) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
            m->label = label;
        }
        bool has_type = code != IT_ENUM && code != IT_FLAGS;
        if ((code == IT_VARIANT || code == IT_RESULT) && !parse_flag(p, "a case type flag", &has_type))
            return false;
        if (has_type && !parse_type_ref(p, out, index, "a member type", &m->type)) return false;
    }
    out->depths[index] = type_depth(out, type);
    if (out->depths[index] > IFACE_MAX_TYPE_DEPTH) {
        p->pos = start;
        char text[64];
        snprintf(text, sizeof text, "type nested more than %d levels deep", IFACE_MAX_TYPE_DEPTH);
        return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
    }
    return compute_layout(out, index) || parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
}

static bool parse_types(parser *p, const iface *table, const char *what, const it_type **out,
                        const it_typedesc *const **descs_out, size_t *count_out)
{
    uint32_t count;
    if (!parse_count(p, what, &count)) return false;
    /* Each type lowers to one core value, and a wasm function type has at
     * most 1000 parameters and 1000 results (wrt, like the JS API). */
    if (count > IFACE_MAX_VALUES) {
        char text[120];
        snprintf(text, sizeof text, "%s %u is more than a wasm function takes (%u)", what, count,
                 IFACE_MAX_VALUES);
        return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
    }
    it_type *types = calloc(count ? count : 1, sizeof *types);
    const it_typedesc **descs = calloc(count ? count : 1, sizeof *descs);
    *out = types;
    *descs_out = descs;
    if (!types || !descs) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    *count_out = count;
    for (uint32_t i = 0; i < count; i++) {
        if (!parse_type_ref(p, table, table->type_count, "a type index", &descs[i])) return false;
        types[i] = descs[i]->kind;
    }
    return true;
}

static bool parse_signature(parser *p, const iface *table, it_signature *signature)
{
    return parse_types(p, table, "the parameter count", &signature->params, &signature->param_types,
                       &signature->param_count) &&
           parse_types(p, table, "the result count", &signature->results, &signature->result_types,
                       &signature->result_count);
}

it_status iface_parse(const uint8_t *bytes, size_t size, iface *out,
                      iface_failure *failure)
{
    memset(out, 0, sizeof *out);
    parser p = {bytes, size, 0, failure};
    uint32_t count;
    if (!parse_u32(&p, "the version", &out->version)) goto fail;
    if (out->version != IT_ABI_VERSION) {
        p.pos = 0;
        char text[150];
        /* Older adapters lack what this version added (string scopes in
         * 2): itlc writes the current version, so a rebuild is the fix. */
        snprintf(text, sizeof text,
                 "version %u is not supported (this loader supports version %d)%s",
                 out->version, IT_ABI_VERSION,
                 out->version < IT_ABI_VERSION ? "; rebuild it with this itlc" : "");
        parse_fail(&p, IT_ERR_VERSION, "%s", text);
        goto fail;
    }
    if (!parse_string(&p, "the component name", &out->component)) goto fail;

    if (!parse_count(&p, "the type count", &count)) goto fail;
    out->types = calloc(count ? count : 1, sizeof *out->types);
    out->depths = calloc(count ? count : 1, sizeof *out->depths);
    out->layouts = calloc(count ? count : 1, sizeof *out->layouts);
    if (!out->types || !out->depths || !out->layouts) goto no_memory;
    out->type_count = count; /* zeroed: iface_free handles a partial parse */
    for (uint32_t i = 0; i < count; i++)
        if (!parse_typedef(&p, out, i)) goto fail;

    if (!parse_count(&p, "the export count", &count)) goto fail;
    out->exports = calloc(count ? count : 1, sizeof *out->exports);
    if (!out->exports) goto no_memory;
    out->export_count = count; /* items are zeroed: iface_free handles a partial parse */
    for (uint32_t i = 0; i < count; i++) {
        it_signature *item = &out->exports[i];
        char *name;
        if (!parse_string(&p, "an export name", &name)) goto fail;
        item->name = name;
        if (!parse_signature(&p, out, item)) goto fail;
    }

    if (!parse_count(&p, "the import count", &count)) goto fail;
    out->imports = calloc(count ? count : 1, sizeof *out->imports);
    if (!out->imports) goto no_memory;
    out->import_count = count;
    for (uint32_t i = 0; i < count; i++) {
        it_signature *item = &out->imports[i];
        char *module, *name;
        if (!parse_string(&p, "an import module", &module)) goto fail;
        item->module = module;
        if (!parse_string(&p, "an import name", &name)) goto fail;
        item->name = name;
        if (!parse_signature(&p, out, item)) goto fail;
    }

    if (!parse_count(&p, "the core module count", &count)) goto fail;
    out->modules = calloc(count ? count : 1, sizeof *out->modules);
    if (!out->modules) goto no_memory;
    out->module_count = count;
    for (uint32_t i = 0; i < count; i++) {
        iface_module *module = &out->modules[i];
        uint32_t import_count;
        if (!parse_string(&p, "a core module path", &module->path)) goto fail;
        if (!parse_count(&p, "the core import count", &import_count)) goto fail;
        module->imports =
            calloc(import_count ? import_count : 1, sizeof *module->imports);
        if (!module->imports) goto no_memory;
        module->import_count = import_count;
        for (uint32_t k = 0; k < import_count; k++) {
            iface_core_import *wire = &module->imports[k];
            if (!parse_string(&p, "a core import module", &wire->module) ||
                !parse_string(&p, "a core import name", &wire->name) ||
                !parse_string(&p, "a shim name", &wire->shim))
                goto fail;
        }
    }
    if (p.pos != size) {
        char text[80];
        snprintf(text, sizeof text, "%zu unexpected bytes after the core modules",
                 size - p.pos);
        parse_fail(&p, IT_ERR_INTERFACE, "%s", text);
        goto fail;
    }
    return IT_OK;

no_memory:
    parse_fail(&p, IT_ERR_NO_MEMORY, "%s", "out of memory");
fail:
    iface_free(out);
    return failure->status;
}

static void free_signature(it_signature *signature)
{
    free((char *)signature->module);
    free((char *)signature->name);
    free((it_type *)signature->params);
    free((it_type *)signature->results);
    free((void *)signature->param_types);
    free((void *)signature->result_types);
}

void iface_free(iface *parsed)
{
    free(parsed->component);
    for (size_t i = 0; i < parsed->type_count; i++) {
        it_typedesc *type = &parsed->types[i];
        free((char *)type->name);
        for (size_t k = 0; k < type->member_count; k++) free((char *)type->members[k].label);
        free((it_member *)type->members);
    }
    free(parsed->types);
    free(parsed->depths);
    for (size_t i = 0; parsed->layouts && i < parsed->type_count; i++) free(parsed->layouts[i].offsets);
    free(parsed->layouts);
    for (size_t i = 0; i < parsed->export_count; i++)
        free_signature(&parsed->exports[i]);
    free(parsed->exports);
    for (size_t i = 0; i < parsed->import_count; i++)
        free_signature(&parsed->imports[i]);
    free(parsed->imports);
    for (size_t i = 0; i < parsed->module_count; i++) {
        iface_module *module = &parsed->modules[i];
        free(module->path);
        for (size_t k = 0; k < module->import_count; k++) {
            free(module->imports[k].module);
            free(module->imports[k].name);
            free(module->imports[k].shim);
        }
        free(module->imports);
    }
    free(parsed->modules);
    memset(parsed, 0, sizeof *parsed);
}
