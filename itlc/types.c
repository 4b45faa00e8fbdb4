/* types.c: the type model. Every IT type is an itlc_type: the primitives of
 * types.def at fixed indices, and after TYPE_DEFINED the types built with the
 * constructors (record, list, variant, ...), interned so that a structure
 * exists once and type equality is index equality. Each entry carries what
 * every later stage asks of a type: how the adapter holds it (lowered), what
 * arithmetic and `as` make of it (kind) and its canonical ABI layout (size,
 * align), computed once, here (docs/abi.md "Types").
 *
 * The table lives for one compilation (types_reset at its start, entries in
 * that compilation's arena): itlc compiles one file at a time, and every
 * stage reads types through type_get without carrying a table around. */
#include <string.h>

#include "itlc.h"

static const type_info primitive_table[] = {
    { .name = "(none)", .kind = KIND_NONE, .lowered = VAL_I32 },
#define X(id, name_, code_, kind_, lowered_, bits_, signed_, core_, memory_)                                  \
    { .name = name_, .code = code_, .kind = kind_, .lowered = lowered_, .bits = bits_, .is_signed = signed_, \
      .is_core = core_, .is_memory = memory_, .depth = 1 },
#include "types.def"
#undef X
    { .name = "unreachable", .kind = KIND_NONE, .lowered = VAL_I32 },
    { .name = "(error)", .kind = KIND_NONE, .lowered = VAL_I32 },
};

static const struct ctor_row {
    const char *keyword;
    uint8_t code;
    type_kind kind;
    wasm_valtype lowered;
} ctor_table[] = {
    [CTOR_NONE] = { "", 0, KIND_NONE, VAL_I32 },
#define C(id, keyword_, code_, kind_, lowered_) [CTOR_##id] = { keyword_, code_, kind_, lowered_ },
#include "types.def"
#undef C
};

/* A named definition of (types ...), resolved on first use. */
typedef struct pending_type {
    const sx *def;        /* (record NAME ...), (type NAME T), ... */
    itlc_loc name_loc;
    itlc_type type;       /* TYPE_NONE until resolved (or after an error) */
    bool resolving, done;
} pending_type;

static const char *type_render(const type_info *t);
static uint32_t count_flat(const type_info *t);

static struct {
    arena *arena;
    type_info *defined; /* entry i is type TYPE_DEFINED + i */
    size_t count, capacity;
    itlc_map interned;  /* structure key -> type */
    itlc_map names;     /* type name -> index in pending */
    pending_type *pending;
    size_t pending_count, pending_capacity;
} types;

void types_reset(arena *a)
{
    memset(&types, 0, sizeof types);
    types.arena = a;
}

const type_info *type_get(itlc_type type)
{
    if (type >= TYPE_DEFINED)
        return &types.defined[type - TYPE_DEFINED];
    return &primitive_table[type];
}

size_t types_defined_count(void)
{
    return types.count;
}

type_ctor type_ctor_lookup(itlc_str keyword)
{
    for (int c = CTOR_NONE + 1; c < CTOR_COUNT; c++)
        if (str_equal_cstr(keyword, ctor_table[c].keyword))
            return (type_ctor)c;
    return CTOR_NONE;
}

const char *type_ctor_keyword(type_ctor ctor)
{
    return ctor_table[ctor].keyword;
}

/* A constructed type as text: "(list u32)", "(record (field x f64) ...)". */
const char *type_structure(itlc_type type)
{
    const type_info *t = type_get(type);
    return t->ctor ? type_render(t) : t->name;
}

static const char *type_render(const type_info *t)
{
    bytes out = { 0 };
    bytes_printf(types.arena, &out, "(%s", ctor_table[t->ctor].keyword);
    /* (result), (result T), (result _ E), (result T E) */
    size_t count = t->ctor == CTOR_RESULT && !t->members[1].type ? (t->members[0].type ? 1 : 0) : t->member_count;
    for (size_t i = 0; i < count; i++) {
        const type_member *m = &t->members[i];
        const char *child = m->type ? type_name(m->type) : "_";
        switch (t->ctor) {
        case CTOR_RECORD: bytes_printf(types.arena, &out, " (field %s %s)", m->label.bytes, child); break;
        case CTOR_VARIANT:
            if (m->type)
                bytes_printf(types.arena, &out, " (case %s %s)", m->label.bytes, child);
            else
                bytes_printf(types.arena, &out, " (case %s)", m->label.bytes);
            break;
        case CTOR_ENUM: case CTOR_FLAGS: bytes_printf(types.arena, &out, " %s", m->label.bytes); break;
        default: bytes_printf(types.arena, &out, " %s", child); break;
        }
    }
    bytes_byte(types.arena, &out, ')');
    bytes_byte(types.arena, &out, 0);
    return (const char *)out.data;
}

const char *type_name(itlc_type type)
{
    if (type < TYPE_DEFINED)
        return primitive_table[type].name;
    type_info *t = &types.defined[type - TYPE_DEFINED];
    if (!t->name)
        t->name = type_render(t);
    return t->name;
}

bool type_is_float(itlc_type type)
{
    return type_get(type)->kind == KIND_FLOAT;
}

bool type_is_integer(itlc_type type)
{
    return type_get(type)->kind == KIND_INTEGER;
}

bool type_is_numeric(itlc_type type)
{
    return type_is_integer(type) || type_is_float(type);
}

bool type_is_ref(itlc_type type)
{
    return type != TYPE_NONE && type < TYPE_BOTTOM ? type_get(type)->lowered == VAL_EXTERNREF
                                                   : type >= TYPE_DEFINED && type_get(type)->lowered == VAL_EXTERNREF;
}

/* ---- canonical ABI layout (docs/abi.md "Layout in memory") ---------------- */

static uint32_t align_to(uint32_t offset, uint32_t align)
{
    return (offset + align - 1) / align * align;
}

static void member_layout(itlc_type type, uint32_t *size, uint32_t *align)
{
    const type_info *t = type_get(type);
    if (type >= TYPE_DEFINED) {
        *size = t->size, *align = t->align;
        return;
    }
    switch (t->kind) {
    case KIND_STRING: *size = 8, *align = 4; return;
    case KIND_INTEGER: case KIND_FLOAT: case KIND_CHAR:
        *size = t->bits <= 8 ? 1 : (uint32_t)t->bits / 8;
        *align = *size;
        return;
    default: *size = 0, *align = 1; return;
    }
}

static uint32_t discriminant_size(size_t cases)
{
    return cases <= 0x100 ? 1 : cases <= 0x10000 ? 2 : 4;
}

/* Size, alignment and the number of flat core values of a new entry (its
 * members are interned already). Sizes saturate at UINT32_MAX: such a type
 * cannot be in a 32-bit memory, and the loaders refuse values, not types. */
static void layout(type_info *t)
{
    uint64_t size = 0;
    uint32_t align = 1;
    switch (t->ctor) {
    case CTOR_RECORD: case CTOR_TUPLE:
        for (size_t i = 0; i < t->member_count; i++) {
            uint32_t member_size, member_align;
            member_layout(t->members[i].type, &member_size, &member_align);
            if (size > UINT32_MAX - member_align)
                size = UINT32_MAX - member_align;
            size = align_to((uint32_t)size, member_align) + (uint64_t)member_size;
            if (member_align > align)
                align = member_align;
        }
        break;
    case CTOR_LIST: size = 8, align = 4; break;
    case CTOR_FLAGS: size = align = t->member_count <= 8 ? 1 : t->member_count <= 16 ? 2 : 4; break;
    case CTOR_ENUM: size = align = discriminant_size(t->member_count); break;
    case CTOR_VARIANT: case CTOR_OPTION: case CTOR_RESULT: {
        uint32_t disc = discriminant_size(t->ctor == CTOR_VARIANT ? t->member_count : 2);
        uint32_t payload_size = 0, payload_align = 1;
        for (size_t i = 0; i < t->member_count; i++) {
            if (!t->members[i].type)
                continue;
            uint32_t member_size, member_align;
            member_layout(t->members[i].type, &member_size, &member_align);
            if (member_size > payload_size)
                payload_size = member_size;
            if (member_align > payload_align)
                payload_align = member_align;
        }
        align = disc > payload_align ? disc : payload_align;
        size = (uint64_t)align_to(disc, payload_align) + payload_size;
        break;
    }
    default: break;
    }
    if (size > UINT32_MAX - align)
        size = UINT32_MAX - align;
    t->size = align_to((uint32_t)size, align);
    t->align = align;
}

/* ---- interning ------------------------------------------------------------ */

itlc_type type_intern(type_ctor ctor, const type_member *members, size_t count)
{
    /* The key: the constructor's code, then each member's label and type. */
    bytes key = { 0 };
    bytes_byte(types.arena, &key, ctor_table[ctor].code);
    for (size_t i = 0; i < count; i++) {
        bytes_name(types.arena, &key, members[i].label);
        bytes_uleb(types.arena, &key, members[i].type);
    }
    bool inserted;
    uint32_t *slot = map_insert(&types.interned, types.arena, (const char *)key.data, key.size,
                                (uint32_t)(TYPE_DEFINED + types.count), &inserted);
    if (!inserted)
        return (itlc_type)*slot;
    types.defined = arena_grow(types.arena, types.defined, types.count, &types.capacity, sizeof *types.defined);
    type_info *t = &types.defined[types.count++];
    memset(t, 0, sizeof *t);
    t->ctor = ctor;
    t->code = ctor_table[ctor].code;
    t->kind = ctor_table[ctor].kind;
    t->lowered = ctor_table[ctor].lowered;
    type_member *copy = arena_alloc(types.arena, (count ? count : 1) * sizeof *copy);
    memcpy(copy, members, count * sizeof *copy);
    t->members = copy;
    t->member_count = count;
    t->depth = 1;
    for (size_t i = 0; i < count; i++)
        if (members[i].type && type_get(members[i].type)->depth + 1 > t->depth)
            t->depth = type_get(members[i].type)->depth + 1;
    layout(t);
    t->flat_count = count_flat(t);
    return (itlc_type)*slot;
}

/* ---- type expressions and (types ...) ------------------------------------- */

static bool is_list_of(const sx *node)
{
    return node->kind == SX_LIST && node->count > 0 && node->items[0]->kind == SX_SYMBOL;
}

static const char *describe(const sx *node)
{
    return sx_describe(types.arena, node);
}

static itlc_type resolve_pending(itlc_diag *diag, pending_type *pending);

itlc_type type_lookup(itlc_str text)
{
    for (int t = TYPE_NONE + 1; t < TYPE_BOTTOM; t++)
        if (str_equal_cstr(text, primitive_table[t].name))
            return (itlc_type)t;
    if (str_equal_cstr(text, "u1")) /* bool's older name */
        return TYPE_U1;
    return TYPE_NONE;
}

/* A label of a record, variant, enum or flags: a symbol, unique in its type. */
static bool member_label(itlc_diag *diag, const sx *node, const char *what, const type_member *members,
                         size_t count, const char *in)
{
    if (node->kind != SX_SYMBOL) {
        diag_error(diag, node->loc, ITLC_ERR_EXPECTED, what, describe(node));
        return false;
    }
    /* labels are written to it.interface, where names are UTF-8 */
    if (!lex_valid_utf8((const uint8_t *)node->text.bytes, node->text.length)) {
        diag_error(diag, node->loc, ITLC_ERR_BAD_UTF8, what);
        return false;
    }
    for (size_t i = 0; i < count; i++)
        if (str_equal(members[i].label, node->text)) {
            diag_error(diag, node->loc, ITLC_ERR_DUPLICATE_LABEL, what, node->text.bytes, in);
            return false;
        }
    return true;
}

/* The type of items[first...] of a constructor form; TYPE_NONE after
 * reporting. `ctor_loc` is where the keyword is, for "needs at least one". */
static itlc_type ctor_body(itlc_diag *diag, type_ctor ctor, const sx *node, size_t first)
{
    const char *keyword = ctor_table[ctor].keyword;
    size_t count = node->count - first;
    /* at least two: a result always has its ok and err members */
    type_member *members = arena_alloc(types.arena, (count > 2 ? count : 2) * sizeof *members);
    if ((ctor == CTOR_LIST || ctor == CTOR_OPTION) && count != 1) {
        diag_error(diag, node->loc, ITLC_ERR_CTOR_ARITY, keyword, count);
        return TYPE_NONE;
    }
    size_t n = 0;
    bool ok = true;
    for (size_t i = first; i < node->count; i++) {
        const sx *item = node->items[i];
        type_member *m = &members[n];
        switch (ctor) {
        case CTOR_RECORD: case CTOR_VARIANT: {
            const char *part = ctor == CTOR_RECORD ? "field" : "case";
            if (!is_list_of(item) || !str_equal_cstr(item->items[0]->text, part) ||
                item->count < 2 || item->count > 3 || (ctor == CTOR_RECORD && item->count != 3)) {
                diag_error(diag, item->loc, ITLC_ERR_EXPECTED,
                           ctor == CTOR_RECORD ? "(field NAME TYPE)" : "(case NAME) or (case NAME TYPE)",
                           describe(item));
                ok = false;
                continue;
            }
            if (!member_label(diag, item->items[1], ctor == CTOR_RECORD ? "a field name" : "a case name", members, n,
                              keyword)) {
                ok = false;
                continue;
            }
            m->label = item->items[1]->text;
            if (item->count == 3 && !(m->type = type_from_sx(diag, item->items[2]))) {
                ok = false;
                continue;
            }
            break;
        }
        case CTOR_ENUM: case CTOR_FLAGS:
            if (!member_label(diag, item, ctor == CTOR_ENUM ? "an enum case" : "a flag name", members, n,
                              keyword)) {
                ok = false;
                continue;
            }
            m->label = item->text;
            break;
        case CTOR_RESULT:
            /* (result), (result T), (result T E), (result _ E) */
            if (count > 2) {
                diag_error(diag, item->loc, ITLC_ERR_UNEXPECTED_ITEM, describe(item),
                           "(result OK ERROR) (it has at most two types)");
                return TYPE_NONE;
            }
            if (item->kind == SX_SYMBOL && str_equal_cstr(item->text, "_"))
                break;
            if (!(m->type = type_from_sx(diag, item)))
                ok = false;
            break;
        default:
            if (!(m->type = type_from_sx(diag, item)))
                ok = false;
            break;
        }
        n++;
    }
    if (!ok)
        return TYPE_NONE;
    if (ctor == CTOR_RESULT) {
        n = 2; /* members: ok, err; TYPE_NONE for a side without a type */
    } else if (n == 0) {
        const char *part = ctor == CTOR_RECORD ? "field" : ctor == CTOR_VARIANT || ctor == CTOR_ENUM ? "case"
                           : ctor == CTOR_FLAGS ? "flag" : "type";
        diag_error(diag, node->loc, ITLC_ERR_EMPTY_TYPE, keyword, part);
        return TYPE_NONE;
    }
    if (ctor == CTOR_FLAGS && n > ITLC_MAX_FLAGS) {
        diag_error(diag, node->loc, ITLC_ERR_TOO_MANY_FLAGS, n, ITLC_MAX_FLAGS);
        return TYPE_NONE;
    }
    uint32_t depth = 1;
    for (size_t i = 0; i < n; i++)
        if (members[i].type && type_get(members[i].type)->depth + 1 > depth)
            depth = type_get(members[i].type)->depth + 1;
    if (depth > ITLC_MAX_TYPE_DEPTH) {
        diag_error(diag, node->loc, ITLC_ERR_TYPE_TOO_DEEP, ITLC_MAX_TYPE_DEPTH);
        return TYPE_NONE;
    }
    return type_intern(ctor, members, n);
}

itlc_type type_from_sx(itlc_diag *diag, const sx *node)
{
    if (node->kind == SX_SYMBOL) {
        itlc_type type = type_lookup(node->text);
        if (type)
            return type;
        uint32_t *index = map_find(&types.names, node->text.bytes, node->text.length);
        if (index)
            return resolve_pending(diag, &types.pending[*index]);
        diag_error(diag, node->loc, ITLC_ERR_UNKNOWN_TYPE, node->text.bytes);
        return TYPE_NONE;
    }
    type_ctor ctor = is_list_of(node) ? type_ctor_lookup(node->items[0]->text) : CTOR_NONE;
    if (!ctor) {
        diag_error(diag, node->loc, ITLC_ERR_EXPECTED, "a type", describe(node));
        return TYPE_NONE;
    }
    return ctor_body(diag, ctor, node, 1);
}

static itlc_type resolve_pending(itlc_diag *diag, pending_type *pending)
{
    if (pending->done)
        return pending->type;
    const sx *def = pending->def;
    if (pending->resolving) {
        diag_error(diag, pending->name_loc, ITLC_ERR_RECURSIVE_TYPE, def->items[1]->text.bytes);
        pending->done = true;
        return TYPE_NONE;
    }
    pending->resolving = true;
    itlc_type type;
    if (str_equal_cstr(def->items[0]->text, "type")) {
        if (def->count != 3) {
            diag_error(diag, def->loc, ITLC_ERR_EXPECTED, "(type NAME TYPE)", describe(def));
            type = TYPE_NONE;
        } else {
            type = type_from_sx(diag, def->items[2]);
        }
    } else {
        type = ctor_body(diag, type_ctor_lookup(def->items[0]->text), def, 2);
    }
    pending->resolving = false;
    if (pending->done) /* reported as recursive while resolving */
        return TYPE_NONE;
    pending->done = true;
    pending->type = type;
    /* The first name given to a structure is the one messages and
     * it.interface use. */
    if (type >= TYPE_DEFINED && !types.defined[type - TYPE_DEFINED].named) {
        types.defined[type - TYPE_DEFINED].name = def->items[1]->text.bytes;
        types.defined[type - TYPE_DEFINED].named = true;
    }
    return type;
}

void type_set_name(itlc_type type, const char *name)
{
    type_info *t = &types.defined[type - TYPE_DEFINED];
    if (!t->named) {
        t->name = name;
        t->named = true;
    }
}

itlc_error types_declare(itlc_diag *diag, const sx *types_form)
{
    itlc_error status = ITLC_OK;
    for (size_t i = 1; i < types_form->count; i++) {
        const sx *def = types_form->items[i];
        bool known = is_list_of(def) &&
                     (str_equal_cstr(def->items[0]->text, "type") || type_ctor_lookup(def->items[0]->text));
        if (!known) {
            status = diag_error(diag, def->loc, ITLC_ERR_EXPECTED,
                                "a type definition ((record NAME ...), (variant NAME ...), (enum NAME ...), "
                                "(flags NAME ...) or (type NAME TYPE))",
                                describe(def));
            continue;
        }
        if (def->count < 2 || def->items[1]->kind != SX_SYMBOL) {
            status = diag_error(diag, def->count < 2 ? def->loc : def->items[1]->loc, ITLC_ERR_EXPECTED,
                                "a type name", def->count < 2 ? "the end of the list" : describe(def->items[1]));
            continue;
        }
        const sx *name = def->items[1];
        if (!lex_valid_utf8((const uint8_t *)name->text.bytes, name->text.length)) {
            status = diag_error(diag, name->loc, ITLC_ERR_BAD_UTF8, "a type name");
            continue;
        }
        if (type_lookup(name->text) || str_equal_cstr(name->text, "_")) {
            status = diag_error(diag, name->loc, ITLC_ERR_RESERVED_TYPE_NAME, name->text.bytes);
            continue;
        }
        bool inserted;
        uint32_t *index = map_insert(&types.names, types.arena, name->text.bytes, name->text.length,
                                     (uint32_t)types.pending_count, &inserted);
        if (!inserted) {
            status = diag_error(diag, name->loc, ITLC_ERR_DUPLICATE_TYPE, name->text.bytes);
            diag_note(diag, types.pending[*index].name_loc, ITLC_ERR_PREVIOUS_DEFINITION);
            continue;
        }
        types.pending = arena_grow(types.arena, types.pending, types.pending_count, &types.pending_capacity,
                                   sizeof *types.pending);
        types.pending[types.pending_count++] = (pending_type){ .def = def, .name_loc = name->loc };
    }
    return status;
}

itlc_error types_resolve_all(itlc_diag *diag)
{
    int errors = diag->error_count;
    for (size_t i = 0; i < types.pending_count; i++)
        resolve_pending(diag, &types.pending[i]);
    return diag->error_count > errors ? ITLC_ERR_UNKNOWN_TYPE : ITLC_OK;
}

/* ---- flattening (docs/abi.md "Flattening") ------------------------------- */

/* join(a, b) of the canonical ABI: the one core type both fit in. */
static wasm_valtype flat_join(wasm_valtype a, wasm_valtype b)
{
    if (a == b)
        return a;
    if ((a == VAL_I32 && b == VAL_F32) || (a == VAL_F32 && b == VAL_I32))
        return VAL_I32;
    return VAL_I64;
}

/* How many flat values a type has, saturating past ITLC_MAX_VALUES (a
 * type built by sharing can have far more: (tuple t t) nested). */
static uint32_t flat_count(itlc_type type)
{
    const type_info *t = type_get(type);
    if (type < TYPE_DEFINED)
        return t->kind == KIND_STRING ? 2 : 1;
    return t->flat_count;
}

static uint32_t count_flat(const type_info *t)
{
    uint64_t count = 0;
    switch (t->ctor) {
    case CTOR_LIST: return 2;
    case CTOR_ENUM: case CTOR_FLAGS: return 1;
    case CTOR_RECORD: case CTOR_TUPLE:
        for (size_t i = 0; i < t->member_count; i++)
            count += flat_count(t->members[i].type);
        break;
    default:
        for (size_t i = 0; i < t->member_count; i++)
            if (t->members[i].type && flat_count(t->members[i].type) > count)
                count = flat_count(t->members[i].type);
        count += 1;
        break;
    }
    return count > ITLC_MAX_VALUES ? ITLC_MAX_VALUES + 1 : (uint32_t)count;
}

/* Appends the flat types of `type` at out[at...]; the caller made room
 * (flat_count(type) <= ITLC_MAX_VALUES). */
static size_t flatten_into(itlc_type type, wasm_valtype *out, size_t at)
{
    const type_info *t = type_get(type);
    switch (t->ctor) {
    case CTOR_NONE:
        out[at++] = t->kind == KIND_STRING ? VAL_I32 : t->lowered;
        if (t->kind == KIND_STRING)
            out[at++] = VAL_I32;
        return at;
    case CTOR_LIST:
        out[at++] = VAL_I32;
        out[at++] = VAL_I32;
        return at;
    case CTOR_ENUM: case CTOR_FLAGS:
        out[at++] = VAL_I32;
        return at;
    case CTOR_RECORD: case CTOR_TUPLE:
        for (size_t i = 0; i < t->member_count; i++)
            at = flatten_into(t->members[i].type, out, at);
        return at;
    default: { /* variant, option, result: the discriminant, then the cases joined */
        out[at++] = VAL_I32;
        size_t width = 0;
        for (size_t i = 0; i < t->member_count; i++) {
            if (!t->members[i].type)
                continue;
            wasm_valtype *one = arena_alloc(types.arena, flat_count(t->members[i].type) * sizeof *one);
            size_t n = flatten_into(t->members[i].type, one, 0);
            for (size_t k = 0; k < n; k++)
                out[at + k] = k < width ? flat_join(out[at + k], one[k]) : one[k];
            if (n > width)
                width = n;
        }
        return at + width;
    }
    }
}

size_t type_flatten(itlc_type type, wasm_valtype *out, size_t max)
{
    size_t count = flat_count(type);
    if (count <= max)
        flatten_into(type, out, 0);
    return count;
}

bool type_allocates(itlc_type type)
{
    const type_info *t = type_get(type);
    if (t->kind == KIND_STRING || t->ctor == CTOR_LIST)
        return true;
    for (size_t i = 0; i < t->member_count; i++)
        if (t->members[i].type && type_allocates(t->members[i].type))
            return true;
    return false;
}
