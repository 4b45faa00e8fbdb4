/* emit.c: a checked program to the adapter module of docs/abi.md (as an
 * in-memory wasm module that wasm_writer.c encodes and wat.c prints). */
#include <string.h>

#include "itlc.h"

/* The _it_runtime functions (docs/abi.md), in import order. Signatures use
 * i = i32, I = i64, e = externref. Only the ones a program uses are imported. */
#define RUNTIME_IMPORTS(X) \
    X(LOAD_WASM,      "load_wasm",      "ii",    "e") \
    X(SET_TABLE_FUNC, "set_table_func", "iei",   "") \
    X(REF_TO_I32,     "ref_to_i32",     "e",     "i") \
    X(I32_TO_REF,     "i32_to_ref",     "i",     "e") \
    X(STRING_LEN,     "string_len",     "e",     "i") \
    X(MEM_TO_STRING,  "mem_to_string",  "iiii",  "e") \
    X(STRING_TO_MEM,  "string_to_mem",  "iiei",  "") \
    X(MEM_LOAD,       "mem_load",       "iiii",  "I") \
    X(MEM_STORE,      "mem_store",      "iiiiI", "") \
    X(SCOPE_ENTER,    "scope_enter",    "",      "i") \
    X(SCOPE_EXIT,     "scope_exit",     "ei",    "e") \
    X(VALUE_LIFT,     "value_lift",     "iiii",  "e") \
    X(VALUE_LOWER,    "value_lower",    "iiiiei", "") \
    X(VALUE_LIFT_FLAT, "value_lift_flat", "iiii", "e") \
    X(VALUE_LOWER_FLAT, "value_lower_flat", "iiiiei", "") \
    X(STRING_CONST,   "string_const",   "i",     "e") \
    X(VALUE_MAKE,     "value_make",     "iii",   "e") \
    X(VALUE_TAKE,     "value_take",     "eiii",  "i")

typedef enum runtime_id {
#define X(id, name, params, results) RUNTIME_##id,
    RUNTIME_IMPORTS(X)
#undef X
    RUNTIME_COUNT,
} runtime_id;

static const struct {
    const char *name, *params, *results;
} runtime_imports[] = {
#define X(id, name, params, results) { name, params, results },
    RUNTIME_IMPORTS(X)
#undef X
};

static const wasm_op_info wasm_op_table[] = {
#define X(id, name, prefix, code, immediate) { name, prefix, code, IMM_##immediate },
    WASM_OPS(X)
#undef X
};

const wasm_op_info *wasm_op_get(wasm_op op)
{
    return &wasm_op_table[op];
}

/* Calls are emitted against references, resolved to function indices once
 * the used runtime imports are known: refs 0..RUNTIME_COUNT-1 are runtime
 * imports, RUNTIME_COUNT + i is program->funcs[i], then _it_init. */

/* it.interface's type table (docs/abi.md "Types"): the types the
 * signatures and the value forms use, each after the types it is built
 * from, numbered in the order written. */
typedef struct type_table {
    uint32_t *index; /* itlc_type -> its index + 1, 0 if not written yet */
    uint32_t count;
    bytes entries;
    bytes text;      /* the same, decoded, for the WAT comment */
} type_table;

/* An i32.const of the flat-value cells' address, known once the data is. */
typedef struct cells_patch {
    wasm_function *function;
    size_t at;
} cells_patch;

typedef struct emitter {
    const itlc_program *program;
    arena *arena;
    wasm_module *m;
    wasm_function *function; /* being emitted */
    type_table it_types;     /* it.interface's type table */
    cells_patch *patches;    /* uses of the cells' address */
    size_t patch_count, patch_capacity;
    uint32_t cells;          /* the most flat values or members one value form moves */
    uint32_t refs;           /* the most _it_refs slots one form uses (0: no _it_refs) */
    uint32_t next_temp;      /* the next lift-flat temporary local of the function */
    itlc_map names;  /* text interned in _it_memory -> its offset */
    itlc_map types;  /* a function type's bytes (params, 0xff, results) -> its index */
    itlc_map labels; /* WAT labels given -> the next suffix to try for that label */
    size_t export_capacity;
} emitter;

/* ---- module pieces ----------------------------------------------------- */

static uint32_t emit_type(emitter *e, const uint8_t *params, size_t param_count, const uint8_t *results,
                          size_t result_count)
{
    wasm_module *m = e->m;
    /* The key: params, a byte no value type has, results. */
    char *key = arena_alloc(e->arena, param_count + result_count + 1);
    if (param_count)
        memcpy(key, params, param_count);
    key[param_count] = (char)0xff;
    if (result_count)
        memcpy(key + param_count + 1, results, result_count);
    bool inserted;
    uint32_t *index = map_insert(&e->types, e->arena, key, param_count + result_count + 1, (uint32_t)m->type_count,
                                 &inserted);
    if (!inserted)
        return *index;
    m->types = arena_grow(e->arena, m->types, m->type_count, &m->type_capacity, sizeof *m->types);
    wasm_functype *t = &m->types[m->type_count];
    t->params = arena_alloc(e->arena, param_count + 1);
    t->results = arena_alloc(e->arena, result_count + 1);
    if (param_count)
        memcpy(t->params, params, param_count);
    if (result_count)
        memcpy(t->results, results, result_count);
    t->param_count = param_count;
    t->result_count = result_count;
    return (uint32_t)m->type_count++;
}

static uint8_t *emit_lower(emitter *e, const itlc_type *types, size_t count)
{
    uint8_t *lowered = arena_alloc(e->arena, count + 1);
    for (size_t i = 0; i < count; i++)
        lowered[i] = (uint8_t)type_get(types[i])->lowered;
    return lowered;
}

static uint32_t emit_sig_type(emitter *e, const itlc_sig *sig)
{
    return emit_type(e, emit_lower(e, sig->params, sig->param_count), sig->param_count,
                     emit_lower(e, sig->results, sig->result_count), sig->result_count);
}

static uint32_t emit_runtime_type(emitter *e, runtime_id id)
{
    uint8_t params[8], results[2];
    size_t param_count = strlen(runtime_imports[id].params), result_count = strlen(runtime_imports[id].results);
    for (size_t i = 0; i < param_count + result_count; i++) {
        char c = i < param_count ? runtime_imports[id].params[i] : runtime_imports[id].results[i - param_count];
        uint8_t v = c == 'i' ? VAL_I32 : c == 'I' ? VAL_I64 : VAL_EXTERNREF;
        if (i < param_count)
            params[i] = v;
        else
            results[i - param_count] = v;
    }
    return emit_type(e, params, param_count, results, result_count);
}

/* The address in _it_memory of an LEB128-length-prefixed copy of text
 * (each distinct text stored once). */
static uint32_t emit_name(emitter *e, itlc_str text)
{
    bool inserted;
    uint32_t *offset = map_insert(&e->names, e->arena, text.bytes, text.length, (uint32_t)e->m->data.size, &inserted);
    if (inserted)
        bytes_name(e->arena, &e->m->data, text);
    return *offset;
}

/* A WAT identifier ($ + idchars) from text, made unique. */
static const char *emit_label(emitter *e, const char *prefix, itlc_str text)
{
    char *label = arena_printf(e->arena, "%s%.*s", prefix, (int)text.length, text.bytes ? text.bytes : "");
    for (char *p = label; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!(c > 0x20 && c < 0x7f) || strchr("\"(),;[]{}", c))
            *p = '_';
    }
    bool inserted;
    uint32_t *next = map_insert(&e->labels, e->arena, label, strlen(label), 2, &inserted);
    if (inserted)
        return label;
    /* Taken: label.N for the first N not taken, counting on from the last
     * suffix this label got (so n equal labels cost O(n), not O(n^2)). */
    for (uint32_t n = *next;; n++) {
        const char *unique = arena_printf(e->arena, "%s.%u", label, n);
        if (map_insert(&e->labels, e->arena, unique, strlen(unique), 2, &inserted), inserted) {
            *map_find(&e->labels, label, strlen(label)) = n + 1;
            return unique;
        }
    }
}

static void emit_export(emitter *e, itlc_str name, uint8_t kind, uint32_t index)
{
    wasm_module *m = e->m;
    m->exports = arena_grow(e->arena, m->exports, m->export_count, &e->export_capacity, sizeof *m->exports);
    m->exports[m->export_count].name = name;
    m->exports[m->export_count].kind = kind;
    m->exports[m->export_count++].index = index;
}

/* ---- instructions ------------------------------------------------------- */

static void emit_instr(emitter *e, wasm_op op, uint32_t index, uint64_t bits)
{
    wasm_function *f = e->function;
    f->code = arena_grow(e->arena, f->code, f->code_count, &f->code_capacity, sizeof *f->code);
    f->code[f->code_count].op = op;
    f->code[f->code_count].index = index;
    f->code[f->code_count++].bits = bits;
}

static void emit_op(emitter *e, wasm_op op)
{
    emit_instr(e, op, 0, 0);
}

static void emit_i32_const(emitter *e, uint32_t value)
{
    emit_instr(e, WASM_I32_CONST, 0, value);
}

static void emit_call_runtime(emitter *e, runtime_id id)
{
    emit_instr(e, WASM_CALL, (uint32_t)id, 0);
}

static size_t emit_push(wasm_instr *out, size_t n, wasm_op op, uint64_t bits)
{
    out[n].op = op;
    out[n].index = 0;
    out[n].bits = bits;
    return n + 1;
}

/* Brings an i32 holding any 32-bit pattern into the range of narrow type
 * `to` (s8 s16 sign-extend, u8 u16 mask); 32-bit types need nothing. */
static size_t emit_normalise(itlc_type to, wasm_instr *out, size_t n)
{
    const type_info *info = type_get(to);
    if (info->bits == 8 || info->bits == 16) {
        if (info->is_signed)
            return emit_push(out, n, info->bits == 8 ? WASM_I32_EXTEND8_S : WASM_I32_EXTEND16_S, 0);
        n = emit_push(out, n, WASM_I32_CONST, info->bits == 8 ? 0xff : 0xffff);
        return emit_push(out, n, WASM_I32_AND, 0);
    }
    return n;
}

/* Whether every value of integer type `from` is a value of `to`. */
static bool emit_range_fits(itlc_type from, itlc_type to)
{
    const type_info *f = type_get(from), *t = type_get(to);
    if (f->is_signed && !t->is_signed)
        return false;
    if (!f->is_signed && t->is_signed)
        return f->bits < t->bits;
    return f->bits <= t->bits;
}

static uint64_t emit_float_bits(itlc_type type, double value)
{
    uint64_t bits = 0;
    if (type == TYPE_F32) {
        float narrow = (float)value;
        uint32_t bits32;
        memcpy(&bits32, &narrow, sizeof bits32);
        bits = bits32;
    } else {
        memcpy(&bits, &value, sizeof bits);
    }
    return bits;
}

/* The instructions of (as to e) for an operand of type from; the table in
 * docs/itl.md describes exactly this function. Float to integer saturates
 * (NaN gives 0); integer to u1 and float to u1 test for nonzero. */
size_t emit_conversion(itlc_type from, itlc_type to, wasm_instr out[6])
{
    size_t n = 0;
    const type_info *f = type_get(from), *t = type_get(to);
    if (from == to || !type_is_numeric(from) || from == TYPE_BOTTOM)
        return 0;
    bool f64 = from == TYPE_F64;
    if (to == TYPE_U1) {
        if (from == TYPE_U1)
            return 0;
        if (type_is_float(from)) {
            n = emit_push(out, n, f64 ? WASM_F64_CONST : WASM_F32_CONST, 0);
            return emit_push(out, n, f64 ? WASM_F64_NE : WASM_F32_NE, 0);
        }
        n = emit_push(out, n, f->lowered == VAL_I64 ? WASM_I64_EQZ : WASM_I32_EQZ, 0);
        return emit_push(out, n, WASM_I32_EQZ, 0);
    }
    if (type_is_float(from) && type_is_float(to))
        return emit_push(out, n, f64 ? WASM_F32_DEMOTE_F64 : WASM_F64_PROMOTE_F32, 0);
    if (type_is_float(from)) {
        if (t->bits == 64)
            return emit_push(out, n,
                             t->is_signed ? (f64 ? WASM_I64_TRUNC_SAT_F64_S : WASM_I64_TRUNC_SAT_F32_S)
                                          : (f64 ? WASM_I64_TRUNC_SAT_F64_U : WASM_I64_TRUNC_SAT_F32_U),
                             0);
        if (t->bits == 32)
            return emit_push(out, n,
                             t->is_signed ? (f64 ? WASM_I32_TRUNC_SAT_F64_S : WASM_I32_TRUNC_SAT_F32_S)
                                          : (f64 ? WASM_I32_TRUNC_SAT_F64_U : WASM_I32_TRUNC_SAT_F32_U),
                             0);
        /* narrow: clamp in the float domain (NaN stays NaN, then gives 0) */
        double max = t->is_signed ? (double)((1 << (t->bits - 1)) - 1) : (double)((1 << t->bits) - 1);
        double min = t->is_signed ? -(double)(1 << (t->bits - 1)) : 0.0;
        n = emit_push(out, n, f64 ? WASM_F64_CONST : WASM_F32_CONST, emit_float_bits(from, max));
        n = emit_push(out, n, f64 ? WASM_F64_MIN : WASM_F32_MIN, 0);
        n = emit_push(out, n, f64 ? WASM_F64_CONST : WASM_F32_CONST, emit_float_bits(from, min));
        n = emit_push(out, n, f64 ? WASM_F64_MAX : WASM_F32_MAX, 0);
        return emit_push(out, n, f64 ? WASM_I32_TRUNC_SAT_F64_S : WASM_I32_TRUNC_SAT_F32_S, 0);
    }
    bool from64 = f->lowered == VAL_I64;
    bool is_signed = f->is_signed && from != TYPE_U1;
    if (type_is_float(to)) {
        static const wasm_op converts[2][2][2] = {
            /* [to f64][from 64][signed] */
            { { WASM_F32_CONVERT_I32_U, WASM_F32_CONVERT_I32_S }, { WASM_F32_CONVERT_I64_U, WASM_F32_CONVERT_I64_S } },
            { { WASM_F64_CONVERT_I32_U, WASM_F64_CONVERT_I32_S }, { WASM_F64_CONVERT_I64_U, WASM_F64_CONVERT_I64_S } },
        };
        return emit_push(out, n, converts[to == TYPE_F64][from64][is_signed], 0);
    }
    bool to64 = t->lowered == VAL_I64;
    if (from64 && to64)
        return 0; /* s64 u64 i64 share the bit pattern */
    if (!from64 && to64)
        return emit_push(out, n, is_signed ? WASM_I64_EXTEND_I32_S : WASM_I64_EXTEND_I32_U, 0);
    if (from64) {
        n = emit_push(out, n, WASM_I32_WRAP_I64, 0);
        return emit_normalise(to, out, n);
    }
    if (emit_range_fits(from, to))
        return 0;
    return emit_normalise(to, out, n);
}

static void emit_instrs(emitter *e, const wasm_instr *instrs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        emit_instr(e, instrs[i].op, instrs[i].index, instrs[i].bits);
}

static void emit_arithmetic(emitter *e, expr_form form, itlc_type type)
{
    static const wasm_op ops[4][5] = {
        /* add, sub, mul, div_s, div_u for i32 i64 f32 f64 */
        { WASM_I32_ADD, WASM_I32_SUB, WASM_I32_MUL, WASM_I32_DIV_S, WASM_I32_DIV_U },
        { WASM_I64_ADD, WASM_I64_SUB, WASM_I64_MUL, WASM_I64_DIV_S, WASM_I64_DIV_U },
        { WASM_F32_ADD, WASM_F32_SUB, WASM_F32_MUL, WASM_F32_DIV, WASM_F32_DIV },
        { WASM_F64_ADD, WASM_F64_SUB, WASM_F64_MUL, WASM_F64_DIV, WASM_F64_DIV },
    };
    const type_info *info = type_get(type);
    int row = info->lowered == VAL_I32 ? 0 : info->lowered == VAL_I64 ? 1 : info->lowered == VAL_F32 ? 2 : 3;
    int column = form == EXPR_ADD ? 0 : form == EXPR_SUB ? 1 : form == EXPR_MUL ? 2 : info->is_signed ? 3 : 4;
    emit_op(e, ops[row][column]);
    wasm_instr normalise[2];
    emit_instrs(e, normalise, emit_normalise(type, normalise, 0));
}

static void emit_expr(emitter *e, const expr *x);
static bool emit_as_checks(itlc_type from, itlc_type to);

/* (as to e): the conversion table's instructions between numbers; char,
 * enum and flags are their i32, converted as a u32 would be, and checked
 * on the way in: a char must be a scalar value, an enum one of its cases
 * (else a trap), a flags value keeps only its flags' bits. */
static void emit_as(emitter *e, itlc_type from, itlc_type to, uint32_t temp)
{
    wasm_instr instrs[6];
    const type_info *t = type_get(to);
    bool from_i32 = type_get(from)->kind == KIND_CHAR || type_get(from)->kind == KIND_LABELS;
    if (from == to)
        return;
    if (from_i32) {
        emit_instrs(e, instrs, emit_conversion(TYPE_U32, to, instrs));
        return;
    }
    if (t->kind != KIND_CHAR && t->kind != KIND_LABELS) {
        emit_instrs(e, instrs, emit_conversion(from, to, instrs));
        return;
    }
    emit_instrs(e, instrs, emit_conversion(from, TYPE_U32, instrs));
    if (t->ctor == CTOR_FLAGS) {
        if (t->member_count < 32) {
            emit_i32_const(e, (uint32_t)((UINT64_C(1) << t->member_count) - 1));
            emit_op(e, WASM_I32_AND);
        }
        return;
    }
    emit_instr(e, WASM_LOCAL_TEE, temp, 0);
    if (t->kind == KIND_CHAR) { /* above U+10FFFF, or a surrogate */
        emit_i32_const(e, 0x110000);
        emit_op(e, WASM_I32_GE_U);
        emit_instr(e, WASM_LOCAL_GET, temp, 0);
        emit_i32_const(e, 0xd800);
        emit_op(e, WASM_I32_SUB);
        emit_i32_const(e, 0x800);
        emit_op(e, WASM_I32_LT_U);
        emit_op(e, WASM_I32_OR);
    } else {
        emit_i32_const(e, (uint32_t)t->member_count);
        emit_op(e, WASM_I32_GE_U);
    }
    emit_op(e, WASM_IF);
    emit_op(e, WASM_UNREACHABLE);
    emit_op(e, WASM_END);
    emit_instr(e, WASM_LOCAL_GET, temp, 0);
}

/* i32.const of the flat-value cells' address (patched once the data's size is known). */
static void emit_cells(emitter *e, uint32_t offset)
{
    e->patches = arena_grow(e->arena, e->patches, e->patch_count, &e->patch_capacity, sizeof *e->patches);
    e->patches[e->patch_count++] = (cells_patch){ e->function, e->function->code_count };
    emit_i32_const(e, 0);
    if (offset) {
        emit_i32_const(e, offset);
        emit_op(e, WASM_I32_ADD);
    }
}

static const wasm_op cell_loads[] = { WASM_I32_LOAD, WASM_I64_LOAD, WASM_F32_LOAD, WASM_F64_LOAD };
static const wasm_op cell_stores[] = { WASM_I32_STORE, WASM_I64_STORE, WASM_F32_STORE, WASM_F64_STORE };

static int cell_kind(wasm_valtype type)
{
    return type == VAL_I32 ? 0 : type == VAL_I64 ? 1 : type == VAL_F32 ? 2 : 3;
}

/* The load or store of cell `slot` as a `type`, after the cells' address
 * (emit_cells) and, for a store, the value. */
static void emit_cell_op(emitter *e, bool store, wasm_valtype type, uint32_t slot)
{
    int kind = cell_kind(type);
    emit_instr(e, (store ? cell_stores : cell_loads)[kind], 8 * slot, kind == 0 || kind == 2 ? 2 : 3);
}

/* lift, lower, lift-flat, lower-flat: calls of the _it_runtime value
 * functions (docs/abi.md), with the module's instance handle, the memory's
 * name, its realloc's table slot (-1: none) and the type's index. The flat
 * values pass through the cells in _it_memory, 8 bytes each: lower-flat
 * loads them right after the call writes them, lift-flat stores its
 * operands (kept in temporaries while they are evaluated, as one may hold
 * another value form) right before the call reads them. */
static void emit_value_form(emitter *e, const expr *x)
{
    uint32_t type_index = e->it_types.index[x->type] - 1;
    uint32_t realloc_slot = x->module->realloc ? x->module->realloc->slot : UINT32_MAX;
    wasm_valtype flats[ITLC_MAX_VALUES];
    size_t flat_count = x->form == EXPR_LIFT_FLAT || x->form == EXPR_LOWER_FLAT
                            ? type_flatten(x->type, flats, ITLC_MAX_VALUES) : 0;
    uint32_t temps = e->next_temp;
    if (x->form == EXPR_LIFT_FLAT) {
        e->next_temp += (uint32_t)flat_count; /* ours, then the operands' (emit_collect_temps) */
        for (size_t i = 0; i < flat_count; i++) {
            emit_expr(e, x->operands[i]);
            emit_instr(e, WASM_LOCAL_SET, temps + (uint32_t)i, 0);
        }
        for (size_t i = 0; i < flat_count; i++) {
            emit_cells(e, 0);
            emit_instr(e, WASM_LOCAL_GET, temps + (uint32_t)i, 0);
            emit_cell_op(e, true, flats[i], (uint32_t)i);
        }
    }
    emit_instr(e, WASM_GLOBAL_GET, (uint32_t)x->module->index, 0);
    emit_i32_const(e, emit_name(e, x->memory));
    switch (x->form) {
    case EXPR_LIFT:
        emit_expr(e, x->operands[0]);
        emit_i32_const(e, type_index);
        emit_call_runtime(e, RUNTIME_VALUE_LIFT);
        return;
    case EXPR_LOWER:
        emit_i32_const(e, realloc_slot);
        emit_expr(e, x->operands[0]);
        emit_expr(e, x->operands[1]);
        emit_i32_const(e, type_index);
        emit_call_runtime(e, RUNTIME_VALUE_LOWER);
        return;
    case EXPR_LIFT_FLAT:
        emit_cells(e, 0);
        emit_i32_const(e, type_index);
        emit_call_runtime(e, RUNTIME_VALUE_LIFT_FLAT);
        return;
    default: /* EXPR_LOWER_FLAT */
        emit_i32_const(e, realloc_slot);
        emit_cells(e, 0);
        emit_expr(e, x->operands[0]);
        emit_i32_const(e, type_index);
        emit_call_runtime(e, RUNTIME_VALUE_LOWER_FLAT);
        for (size_t i = 0; i < flat_count; i++) {
            emit_cells(e, 0);
            emit_cell_op(e, false, flats[i], (uint32_t)i);
        }
        return;
    }
}

/* ---- constructed values inside a body: value_make and value_take ---------- */

/* make-*, read-field, list-len, list-get and match: they emit their own operands. */
static bool emit_is_constructed_form(expr_form form)
{
    return form == EXPR_MAKE_RECORD || form == EXPR_MAKE_TUPLE || form == EXPR_MAKE_LIST ||
           form == EXPR_MAKE_VARIANT || form == EXPR_MAKE_FLAGS || form == EXPR_READ_FIELD ||
           form == EXPR_LIST_LEN || form == EXPR_LIST_GET || form == EXPR_MATCH;
}

/* Whether the value a make- form builds is a host value (a value_make
 * call), not an i32 constant (an enum case, a flags value). */
static bool emit_makes_value(const expr *x)
{
    return (x->form == EXPR_MAKE_RECORD || x->form == EXPR_MAKE_TUPLE || x->form == EXPR_MAKE_LIST ||
            x->form == EXPR_MAKE_VARIANT) && type_is_ref(x->type);
}

/* Whether x calls value_take: the forms taking a host value apart (match
 * on an enum compares its i32). */
static bool emit_takes_value(const expr *x)
{
    return x->form == EXPR_READ_FIELD || x->form == EXPR_LIST_LEN || x->form == EXPR_LIST_GET ||
           (x->form == EXPR_MATCH && type_is_ref(x->type));
}

/* The member types of the value a value_make builds: a record's or tuple's
 * fields, the list's element once per operand, the case's payload (if any). */
static itlc_type emit_member_type(const expr *x, size_t i)
{
    const type_info *t = type_get(x->type);
    switch (t->ctor) {
    case CTOR_RECORD: case CTOR_TUPLE: return t->members[i].type;
    case CTOR_LIST: return t->members[0].type;
    case CTOR_OPTION: return t->members[0].type;
    default: return t->members[x->member].type; /* variant, result */
    }
}

static void emit_local_load(emitter *e, wasm_valtype type, uint32_t slot)
{
    if (type == VAL_EXTERNREF) {
        emit_i32_const(e, slot);
        emit_instr(e, WASM_TABLE_GET, 1, 0);
        return;
    }
    emit_cells(e, 0);
    emit_cell_op(e, false, type, slot);
}

/* The members of the value: member i in cell i of _it_memory, or in slot i
 * of _it_refs (a table of externref) if the adapter holds it as a
 * reference; value_make(type, case, cells) then builds the value (checking
 * each member). The operands are evaluated into temporaries first, as one
 * may itself be a value form using the cells. An enum case and a flags
 * value are i32 constants. */
static void emit_make(emitter *e, const expr *x)
{
    if (!emit_makes_value(x)) {
        emit_i32_const(e, x->form == EXPR_MAKE_FLAGS ? (uint32_t)x->bits : x->member);
        return;
    }
    uint32_t temps = e->next_temp;
    e->next_temp += (uint32_t)x->operand_count; /* ours, then the operands' (emit_collect_temps) */
    for (size_t i = 0; i < x->operand_count; i++) {
        emit_expr(e, x->operands[i]);
        emit_instr(e, WASM_LOCAL_SET, temps + (uint32_t)i, 0);
    }
    for (size_t i = 0; i < x->operand_count; i++) {
        wasm_valtype lowered = type_get(emit_member_type(x, i))->lowered;
        if (lowered == VAL_EXTERNREF) {
            emit_i32_const(e, (uint32_t)i);
            emit_instr(e, WASM_LOCAL_GET, temps + (uint32_t)i, 0);
            emit_instr(e, WASM_TABLE_SET, 1, 0);
            continue;
        }
        emit_cells(e, 0);
        emit_instr(e, WASM_LOCAL_GET, temps + (uint32_t)i, 0);
        emit_cell_op(e, true, lowered, (uint32_t)i);
    }
    uint32_t which = x->form == EXPR_MAKE_LIST ? (uint32_t)x->operand_count
                     : x->form == EXPR_MAKE_VARIANT ? x->member : 0;
    emit_i32_const(e, e->it_types.index[x->type] - 1);
    emit_i32_const(e, which);
    emit_cells(e, 0);
    emit_call_runtime(e, RUNTIME_VALUE_MAKE);
}

/* value_take(value, type, cells, index): writes member `index` of a record,
 * tuple or list (-1: none, for list-len), or a variant's payload, to cell 0
 * or _it_refs slot 0, and returns the case index or the list's length. */
static void emit_take(emitter *e, const expr *x)
{
    emit_expr(e, x->operands[0]);
    emit_i32_const(e, e->it_types.index[x->type] - 1);
    emit_cells(e, 0);
    if (x->form == EXPR_LIST_GET)
        emit_expr(e, x->operands[1]);
    else
        emit_i32_const(e, x->form == EXPR_READ_FIELD ? x->member : UINT32_MAX);
    emit_call_runtime(e, RUNTIME_VALUE_TAKE);
    if (x->form == EXPR_LIST_LEN)
        return;
    emit_op(e, WASM_DROP);
    emit_local_load(e, type_get(x->types[0])->lowered, 0);
}

static void emit_block_type(emitter *e, wasm_op op, const expr *x)
{
    uint8_t *results = emit_lower(e, x->types, x->type_count);
    if (x->type_count == 0)
        emit_instr(e, op, 0, 0);
    else if (x->type_count == 1)
        emit_instr(e, op, results[0], 1);
    else
        emit_instr(e, op, emit_type(e, NULL, 0, results, x->type_count), 2);
}

/* match: the case index (value_take's result, or the enum's i32) in a
 * temporary, then a chain of ifs testing it, one per case; the last case
 * of a match that covers every case (or its else) needs no test. A case
 * binding its payload loads it (value_take wrote it) before its body. */
static void emit_match(emitter *e, const expr *x)
{
    uint32_t index = e->next_temp++;
    if (emit_takes_value(x)) {
        emit_expr(e, x->operands[0]);
        emit_i32_const(e, e->it_types.index[x->type] - 1);
        emit_cells(e, 0);
        emit_i32_const(e, UINT32_MAX);
        emit_call_runtime(e, RUNTIME_VALUE_TAKE);
    } else {
        emit_expr(e, x->operands[0]);
    }
    emit_instr(e, WASM_LOCAL_SET, index, 0);
    for (size_t k = 0; k < x->case_count; k++) {
        const match_case *mc = &x->cases[k];
        bool tested = k + 1 < x->case_count;
        if (tested) {
            emit_instr(e, WASM_LOCAL_GET, index, 0);
            emit_i32_const(e, mc->index);
            emit_op(e, WASM_I32_EQ);
            emit_block_type(e, WASM_IF, x);
        }
        if (mc->binding != UINT32_MAX) {
            emit_local_load(e, type_get(mc->payload)->lowered, 0);
            emit_instr(e, WASM_LOCAL_SET, mc->binding, 0);
        }
        for (size_t i = 0; i < mc->count; i++)
            emit_expr(e, x->operands[mc->first + i]);
        if (tested)
            emit_op(e, WASM_ELSE);
    }
    for (size_t k = 0; k + 1 < x->case_count; k++)
        emit_op(e, WASM_END);
}

/* = != < <= > >=: signed or unsigned as the type is (char, enum and flags
 * as their unsigned i32). */
static void emit_compare(emitter *e, expr_form form, itlc_type type)
{
    static const wasm_op ops[4][6][2] = {
        /* [i32 i64 f32 f64][= != < <= > >=][unsigned, signed] */
        { { WASM_I32_EQ, WASM_I32_EQ }, { WASM_I32_NE, WASM_I32_NE }, { WASM_I32_LT_U, WASM_I32_LT_S },
          { WASM_I32_LE_U, WASM_I32_LE_S }, { WASM_I32_GT_U, WASM_I32_GT_S }, { WASM_I32_GE_U, WASM_I32_GE_S } },
        { { WASM_I64_EQ, WASM_I64_EQ }, { WASM_I64_NE, WASM_I64_NE }, { WASM_I64_LT_U, WASM_I64_LT_S },
          { WASM_I64_LE_U, WASM_I64_LE_S }, { WASM_I64_GT_U, WASM_I64_GT_S }, { WASM_I64_GE_U, WASM_I64_GE_S } },
        { { WASM_F32_EQ, WASM_F32_EQ }, { WASM_F32_NE, WASM_F32_NE }, { WASM_F32_LT, WASM_F32_LT },
          { WASM_F32_LE, WASM_F32_LE }, { WASM_F32_GT, WASM_F32_GT }, { WASM_F32_GE, WASM_F32_GE } },
        { { WASM_F64_EQ, WASM_F64_EQ }, { WASM_F64_NE, WASM_F64_NE }, { WASM_F64_LT, WASM_F64_LT },
          { WASM_F64_LE, WASM_F64_LE }, { WASM_F64_GT, WASM_F64_GT }, { WASM_F64_GE, WASM_F64_GE } },
    };
    const type_info *info = type_get(type);
    int row = info->lowered == VAL_I32 ? 0 : info->lowered == VAL_I64 ? 1 : info->lowered == VAL_F32 ? 2 : 3;
    bool is_signed = info->kind == KIND_INTEGER && info->is_signed && type != TYPE_U1;
    emit_op(e, ops[row][form - EXPR_EQ][is_signed]);
}

static void emit_expr(emitter *e, const expr *x)
{
    /* a checked as takes its temporary before its operand does */
    uint32_t as_temp = x->form == EXPR_AS && emit_as_checks(x->from, x->type) ? e->next_temp++ : 0;
    bool own_operands = x->form == EXPR_LOAD || x->form == EXPR_STORE || x->form == EXPR_MEM_TO_STRING ||
                        x->form == EXPR_STRING_TO_MEM || x->form == EXPR_LIFT || x->form == EXPR_LOWER ||
                        x->form == EXPR_LIFT_FLAT || x->form == EXPR_LOWER_FLAT || x->form == EXPR_IF ||
                        emit_is_constructed_form(x->form);
    for (size_t i = 0; i < x->operand_count && !own_operands; i++)
        emit_expr(e, x->operands[i]);
    switch (x->form) {
    case EXPR_LITERAL: {
        wasm_valtype lowered = type_get(x->type)->lowered;
        wasm_op op = lowered == VAL_I32 ? WASM_I32_CONST : lowered == VAL_I64 ? WASM_I64_CONST
                     : lowered == VAL_F32 ? WASM_F32_CONST : WASM_F64_CONST;
        emit_instr(e, op, 0, x->bits);
        return;
    }
    case EXPR_AS:
        emit_as(e, x->from, x->type, as_temp);
        return;
    case EXPR_LOCAL:
        emit_instr(e, WASM_LOCAL_GET, x->local_index, 0);
        return;
    case EXPR_CALL:
        if (x->callee->kind == FUNC_CORE) {
            emit_i32_const(e, x->callee->slot);
            emit_instr(e, WASM_CALL_INDIRECT, emit_sig_type(e, &x->callee->sig), 0);
        } else {
            emit_instr(e, WASM_CALL, x->callee->ref, 0);
        }
        return;
    case EXPR_LET:
        emit_instr(e, WASM_LOCAL_SET, x->local_index, 0);
        return;
    case EXPR_STRING_LEN:
        emit_call_runtime(e, RUNTIME_STRING_LEN);
        return;
    case EXPR_MEM_TO_STRING:
    case EXPR_STRING_TO_MEM:
    case EXPR_LOAD:
    case EXPR_STORE:
        break;
    case EXPR_ADD:
    case EXPR_SUB:
    case EXPR_MUL:
    case EXPR_DIV:
        emit_arithmetic(e, x->form, x->type);
        return;
    case EXPR_UNREACHABLE:
        emit_op(e, WASM_UNREACHABLE);
        return;
    case EXPR_SIZE_OF:
    case EXPR_ALIGN_OF:
        emit_i32_const(e, (uint32_t)x->bits);
        return;
    case EXPR_TEXT:
        emit_i32_const(e, emit_name(e, x->text));
        emit_call_runtime(e, RUNTIME_STRING_CONST);
        return;
    case EXPR_IF: {
        emit_expr(e, x->operands[0]);
        emit_block_type(e, WASM_IF, x);
        size_t then_end = 1 + (size_t)x->bits;
        for (size_t i = 1; i < then_end; i++)
            emit_expr(e, x->operands[i]);
        if (x->statement) {
            emit_op(e, WASM_ELSE);
            for (size_t i = then_end; i < x->operand_count; i++)
                emit_expr(e, x->operands[i]);
        }
        emit_op(e, WASM_END);
        return;
    }
    case EXPR_LIFT:
    case EXPR_LOWER:
    case EXPR_LIFT_FLAT:
    case EXPR_LOWER_FLAT:
        emit_value_form(e, x);
        return;
    case EXPR_MAKE_RECORD:
    case EXPR_MAKE_TUPLE:
    case EXPR_MAKE_LIST:
    case EXPR_MAKE_VARIANT:
    case EXPR_MAKE_FLAGS:
        emit_make(e, x);
        return;
    case EXPR_READ_FIELD:
    case EXPR_LIST_LEN:
    case EXPR_LIST_GET:
        emit_take(e, x);
        return;
    case EXPR_MATCH:
        emit_match(e, x);
        return;
    case EXPR_EQ:
    case EXPR_NE:
    case EXPR_LT:
    case EXPR_LE:
    case EXPR_GT:
    case EXPR_GE:
        emit_compare(e, x->form, x->type);
        return;
    }
    /* the memory forms: (instance handle, memory name, operands...) */
    emit_instr(e, WASM_GLOBAL_GET, (uint32_t)x->module->index, 0);
    emit_i32_const(e, emit_name(e, x->memory));
    emit_expr(e, x->operands[0]);
    const type_info *info = type_get(x->type);
    switch (x->form) {
    case EXPR_MEM_TO_STRING:
        emit_expr(e, x->operands[1]);
        emit_call_runtime(e, RUNTIME_MEM_TO_STRING);
        return;
    case EXPR_STRING_TO_MEM:
        emit_expr(e, x->operands[1]);
        emit_call_runtime(e, RUNTIME_STRING_TO_MEM);
        return;
    case EXPR_LOAD:
        emit_i32_const(e, info->code);
        emit_call_runtime(e, RUNTIME_MEM_LOAD);
        if (info->lowered == VAL_I32 || info->lowered == VAL_F32)
            emit_op(e, WASM_I32_WRAP_I64);
        if (info->lowered == VAL_F32)
            emit_op(e, WASM_F32_REINTERPRET_I32);
        if (info->lowered == VAL_F64)
            emit_op(e, WASM_F64_REINTERPRET_I64);
        return;
    default: /* EXPR_STORE */
        emit_i32_const(e, info->code);
        emit_expr(e, x->operands[1]);
        if (info->lowered == VAL_F32)
            emit_op(e, WASM_I32_REINTERPRET_F32);
        if (info->lowered == VAL_I32 || info->lowered == VAL_F32)
            emit_op(e, WASM_I64_EXTEND_I32_U);
        if (info->lowered == VAL_F64)
            emit_op(e, WASM_I64_REINTERPRET_F64);
        emit_call_runtime(e, RUNTIME_MEM_STORE);
        return;
    }
}

/* ---- the adapter ------------------------------------------------------- */

/* _it_init: load each core module in order, keep its handle in global k,
 * and fill its table slots before loading the next (docs/abi.md). */
static void emit_init(emitter *e)
{
    const itlc_program *program = e->program;
    for (size_t k = 0; k < program->module_count; k++) {
        const itlc_module *module = program->modules[k];
        emit_i32_const(e, emit_name(e, module->path));
        emit_i32_const(e, (uint32_t)k);
        emit_call_runtime(e, RUNTIME_LOAD_WASM);
        emit_call_runtime(e, RUNTIME_REF_TO_I32);
        emit_instr(e, WASM_GLOBAL_SET, (uint32_t)k, 0);
        for (size_t i = 0; i < program->func_count; i++) {
            const itlc_func *func = program->funcs[i];
            if (func->kind != FUNC_CORE || func->module != module)
                continue;
            emit_i32_const(e, func->slot);
            emit_instr(e, WASM_GLOBAL_GET, (uint32_t)k, 0);
            emit_call_runtime(e, RUNTIME_I32_TO_REF);
            emit_i32_const(e, emit_name(e, func->field));
            emit_call_runtime(e, RUNTIME_SET_TABLE_FUNC);
        }
    }
}

/* Whether evaluating x makes a new string: a mem-to-string, or a call of a
 * function with a string result (a parameter passed on is not new). */
static bool emit_makes_string(const expr *x)
{
    if (x->form == EXPR_MEM_TO_STRING || x->form == EXPR_LIFT || x->form == EXPR_LIFT_FLAT || x->form == EXPR_TEXT ||
        emit_makes_value(x))
        return true;
    /* value_take hands out a new reference for a member held as one */
    if ((x->form == EXPR_READ_FIELD || x->form == EXPR_LIST_GET) && type_is_ref(x->types[0]))
        return true;
    if (x->form == EXPR_MATCH)
        for (size_t i = 0; i < x->case_count; i++)
            if (x->cases[i].binding != UINT32_MAX && type_is_ref(x->cases[i].payload))
                return true;
    if (x->form == EXPR_CALL)
        for (size_t i = 0; i < x->callee->sig.result_count; i++)
            if (type_is_ref(x->callee->sig.results[i]))
                return true;
    for (size_t i = 0; i < x->operand_count; i++)
        if (emit_makes_string(x->operands[i]))
            return true;
    return false;
}

/* Whether (as to e) of a value of `from` checks the value (to char or an
 * enum): it needs an i32 temporary. */
static bool emit_as_checks(itlc_type from, itlc_type to)
{
    type_kind kind = type_get(to)->kind;
    return from != to && (kind == KIND_CHAR || type_get(to)->ctor == CTOR_ENUM);
}

/* The temporaries x needs (lift-flat: one per flat value; a checked as:
 * one i32), in the order emission takes them: a form's own before its
 * operands'. */
static void emit_collect_temps(emitter *e, const expr *x, wasm_valtype **temps, size_t *count, size_t *capacity)
{
    wasm_valtype flats[ITLC_MAX_VALUES];
    size_t n = 0;
    if (x->form == EXPR_LIFT_FLAT)
        n = type_flatten(x->type, flats, ITLC_MAX_VALUES);
    else if (x->form == EXPR_AS && emit_as_checks(x->from, x->type))
        flats[n++] = VAL_I32;
    else if (x->form == EXPR_MATCH)
        flats[n++] = VAL_I32; /* the case index */
    else if (emit_makes_value(x))
        for (; n < x->operand_count; n++)
            flats[n] = type_get(emit_member_type(x, n))->lowered;
    for (size_t i = 0; i < n; i++) {
        *temps = arena_grow(e->arena, *temps, *count, capacity, sizeof **temps);
        (*temps)[(*count)++] = flats[i];
    }
    for (size_t i = 0; i < x->operand_count; i++)
        emit_collect_temps(e, x->operands[i], temps, count, capacity);
}

/* A function body, wrapped in a string scope (docs/abi.md, "String
 * lifetime") when it makes strings that are not its results (they would be
 * kept: a scope would free nothing) and has at most one string result:
 *
 *     call scope_enter, local.set $mark, BODY,
 *     [results above the string result saved to locals]
 *     local.get $mark, call scope_exit, [saved results back]
 *
 * scope_exit frees what the body made except the string result, which it
 * returns (and so stays where it was among the results); with no string
 * result it gets ref.null and its result is dropped. A function with two or
 * more string results opens no scope: one keep cannot hold them, so what it
 * makes belongs to its caller's scope, which always exists (calling it
 * makes strings) or is the host's outermost call. Number-only functions
 * (isFizz), those only passing their parameters on, and those whose only
 * strings made are their results (fizzStr) get no extra calls. */
static void emit_body(emitter *e, const itlc_func *func)
{
    wasm_function *f = e->function;
    size_t own_locals = func->local_count - func->sig.param_count;
    const itlc_sig *sig = &func->sig;
    size_t string_results = 0, keep = 0;
    for (size_t i = 0; i < sig->result_count; i++)
        if (type_is_ref(sig->results[i])) {
            string_results++;
            keep = i;
        }
    /* A string made by a top-level expression is a result of the function
     * (ITL drops nothing): kept anyway, so it needs no scope. Strings made
     * inside operands, or bound by let, are what a scope frees. */
    bool scoped = false;
    for (size_t i = 0; i < func->expr_count && string_results <= 1 && !scoped; i++) {
        const expr *x = func->exprs[i];
        if (x->form == EXPR_LET)
            scoped = emit_makes_string(x);
        for (size_t k = 0; k < x->operand_count && !scoped; k++)
            scoped = emit_makes_string(x->operands[k]);
    }
    size_t saved = scoped && string_results ? sig->result_count - keep - 1 : 0;
    /* lift-flat's temporaries come last, one per flat value of each */
    wasm_valtype *temps = NULL;
    size_t temp_count = 0, temp_capacity = 0;
    for (size_t i = 0; i < func->expr_count; i++)
        emit_collect_temps(e, func->exprs[i], &temps, &temp_count, &temp_capacity);
    size_t before_temps = own_locals + (scoped ? 1 + saved : 0);
    f->local_count = before_temps + temp_count;
    f->locals = arena_alloc(e->arena, f->local_count + 1);
    for (size_t i = 0; i < temp_count; i++)
        f->locals[before_temps + i] = (uint8_t)temps[i];
    e->next_temp = (uint32_t)(sig->param_count + before_temps);
    uint8_t *lowered = emit_lower(e, func->locals + sig->param_count, own_locals);
    if (own_locals)
        memcpy(f->locals, lowered, own_locals);
    uint32_t mark = (uint32_t)func->local_count;
    if (scoped) {
        f->locals[own_locals] = VAL_I32;
        for (size_t i = 0; i < saved; i++)
            f->locals[own_locals + 1 + i] = (uint8_t)type_get(sig->results[keep + 1 + i])->lowered;
        emit_call_runtime(e, RUNTIME_SCOPE_ENTER);
        emit_instr(e, WASM_LOCAL_SET, mark, 0);
    }
    for (size_t i = 0; i < func->expr_count; i++)
        emit_expr(e, func->exprs[i]);
    if (!scoped)
        return;
    for (size_t i = saved; i-- > 0;)
        emit_instr(e, WASM_LOCAL_SET, mark + 1 + (uint32_t)i, 0);
    if (!string_results)
        emit_instr(e, WASM_REF_NULL, 0, VAL_EXTERNREF);
    emit_instr(e, WASM_LOCAL_GET, mark, 0);
    emit_call_runtime(e, RUNTIME_SCOPE_EXIT);
    if (!string_results)
        emit_op(e, WASM_DROP);
    for (size_t i = 0; i < saved; i++)
        emit_instr(e, WASM_LOCAL_GET, mark + 1 + (uint32_t)i, 0);
}

static const char *emit_escaped(emitter *e, itlc_str text);

static uint32_t emit_it_type(emitter *e, type_table *table, itlc_type type)
{
    if (table->index[type])
        return table->index[type] - 1;
    arena *a = e->arena;
    const type_info *t = type_get(type);
    uint32_t *members = arena_alloc(a, (t->member_count + 1) * sizeof *members);
    for (size_t i = 0; i < t->member_count; i++)
        if (t->members[i].type)
            members[i] = emit_it_type(e, table, t->members[i].type);
    bytes *b = &table->entries;
    itlc_str name = { "", 0 };
    if (t->named)
        name = (itlc_str){ t->name, strlen(t->name) };
    bytes_name(a, b, name);
    bytes_byte(a, b, t->code);
    if (t->ctor != CTOR_NONE && t->ctor != CTOR_RESULT && t->ctor != CTOR_LIST && t->ctor != CTOR_OPTION)
        bytes_uleb(a, b, t->member_count);
    for (size_t i = 0; i < t->member_count; i++) {
        const type_member *m = &t->members[i];
        switch (t->ctor) {
        case CTOR_RECORD: bytes_name(a, b, m->label); bytes_uleb(a, b, members[i]); break;
        case CTOR_ENUM: case CTOR_FLAGS: bytes_name(a, b, m->label); break;
        case CTOR_VARIANT:
            bytes_name(a, b, m->label);
            bytes_byte(a, b, m->type != TYPE_NONE);
            if (m->type)
                bytes_uleb(a, b, members[i]);
            break;
        case CTOR_RESULT:
            bytes_byte(a, b, m->type != TYPE_NONE);
            if (m->type)
                bytes_uleb(a, b, members[i]);
            break;
        default: bytes_uleb(a, b, members[i]); break;
        }
    }
    bytes_printf(a, &table->text, ";;   type %u%s%s%s: %s\n", table->count, t->named ? " \"" : "",
                 t->named ? emit_escaped(e, name) : "", t->named ? "\"" : "",
                 type_structure(type));
    table->index[type] = ++table->count;
    return table->count - 1;
}

static void emit_types_vec(emitter *e, type_table *table, bytes *b, const itlc_type *types, size_t count)
{
    bytes_uleb(e->arena, b, count);
    for (size_t i = 0; i < count; i++)
        bytes_uleb(e->arena, b, emit_it_type(e, table, types[i]));
}

/* text as a WAT-style string body (printable ASCII as is, else \hh), so a
 * name can never break the comment it is printed in. */
static const char *emit_escaped(emitter *e, itlc_str text)
{
    bytes out = { 0 };
    for (size_t i = 0; i < text.length; i++) {
        uint8_t c = (uint8_t)text.bytes[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            bytes_byte(e->arena, &out, c);
        } else {
            char hex[4];
            snprintf(hex, sizeof hex, "\\%02x", c);
            bytes_put(e->arena, &out, hex, 3);
        }
    }
    bytes_byte(e->arena, &out, 0);
    return (const char *)out.data;
}

static void emit_sig_text(emitter *e, bytes *out, const itlc_sig *sig)
{
    bytes_printf(e->arena, out, "(param");
    for (size_t i = 0; i < sig->param_count; i++)
        bytes_printf(e->arena, out, " %s", type_name(sig->params[i]));
    bytes_printf(e->arena, out, ") (result");
    for (size_t i = 0; i < sig->result_count; i++)
        bytes_printf(e->arena, out, " %s", type_name(sig->results[i]));
    bytes_printf(e->arena, out, ")");
}

/* The types of the value forms in x (lift, lower, ...), into the table, and
 * the most flat values one of them moves. */
static void emit_collect_expr(emitter *e, const expr *x)
{
    for (size_t i = 0; i < x->operand_count; i++)
        emit_collect_expr(e, x->operands[i]);
    if (emit_makes_value(x) || emit_takes_value(x)) {
        uint32_t slots = emit_makes_value(x) ? (uint32_t)x->operand_count : 1;
        emit_it_type(e, &e->it_types, x->type);
        if (slots > e->cells)
            e->cells = slots;
        if (slots > e->refs || e->refs == 0)
            e->refs = slots ? slots : 1;
        return;
    }
    if (x->form != EXPR_LIFT && x->form != EXPR_LOWER && x->form != EXPR_LIFT_FLAT && x->form != EXPR_LOWER_FLAT)
        return;
    emit_it_type(e, &e->it_types, x->type);
    if (x->form == EXPR_LIFT_FLAT || x->form == EXPR_LOWER_FLAT) {
        uint32_t flats = (uint32_t)type_flatten(x->type, NULL, 0);
        if (flats > e->cells)
            e->cells = flats;
    }
}

/* The type table: the signatures' types first (exports, then imports, as
 * it.interface lists them), then those of the value forms in the bodies. */
static void emit_collect_types(emitter *e)
{
    const itlc_program *program = e->program;
    e->it_types.index = arena_alloc(e->arena, (TYPE_DEFINED + types_defined_count()) * sizeof *e->it_types.index);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < program->func_count; i++) {
            const itlc_func *func = program->funcs[i];
            if (func->kind != (pass == 0 ? FUNC_EXPORT : FUNC_IMPORT))
                continue;
            for (size_t k = 0; k < func->sig.param_count; k++)
                emit_it_type(e, &e->it_types, func->sig.params[k]);
            for (size_t k = 0; k < func->sig.result_count; k++)
                emit_it_type(e, &e->it_types, func->sig.results[k]);
        }
    for (size_t i = 0; i < program->func_count; i++)
        for (size_t k = 0; k < program->funcs[i]->expr_count; k++)
            emit_collect_expr(e, program->funcs[i]->exprs[k]);
}

/* The it.interface custom section (docs/abi.md), and the same decoded as
 * text for the WAT form (appended to one buffer: linear in its size).
 * shim_names[i] is the shim export of funcs[i]. */
static void emit_interface(emitter *e, itlc_str *shim_names)
{
    const itlc_program *program = e->program;
    arena *a = e->arena;
    bytes *b = &e->m->custom;
    bytes text = { 0 }, funcs = { 0 }, funcs_text = { 0 };
    type_table *table = &e->it_types;
    bytes_printf(a, &text, ";; it.interface version %d, component \"%s\"\n", ITLC_ABI_VERSION,
                 emit_escaped(e, program->component));
    bytes_uleb(a, b, ITLC_ABI_VERSION);
    bytes_name(a, b, program->component);
    for (int pass = 0; pass < 2; pass++) {
        func_kind kind = pass == 0 ? FUNC_EXPORT : FUNC_IMPORT;
        size_t count = 0;
        for (size_t i = 0; i < program->func_count; i++)
            count += program->funcs[i]->kind == kind;
        bytes_uleb(a, &funcs, count);
        for (size_t i = 0; i < program->func_count; i++) {
            const itlc_func *func = program->funcs[i];
            if (func->kind != kind)
                continue;
            if (kind == FUNC_IMPORT) {
                bytes_name(a, &funcs, func->import_module);
                bytes_printf(a, &funcs_text, ";;   import \"%s\" \"%s\" ", emit_escaped(e, func->import_module),
                             emit_escaped(e, func->field));
            } else {
                bytes_printf(a, &funcs_text, ";;   export \"%s\" ", emit_escaped(e, func->field));
            }
            emit_sig_text(e, &funcs_text, &func->sig);
            bytes_byte(a, &funcs_text, '\n');
            bytes_name(a, &funcs, func->field);
            emit_types_vec(e, table, &funcs, func->sig.params, func->sig.param_count);
            emit_types_vec(e, table, &funcs, func->sig.results, func->sig.result_count);
        }
    }
    bytes_uleb(a, b, table->count);
    bytes_put(a, b, table->entries.data, table->entries.size);
    bytes_put(a, b, funcs.data, funcs.size);
    /* The comment in the section's order: types, exports and imports. */
    if (table->text.size)
        bytes_put(a, &text, table->text.data, table->text.size);
    if (funcs_text.size)
        bytes_put(a, &text, funcs_text.data, funcs_text.size);
    bytes_uleb(a, b, program->module_count);
    for (size_t k = 0; k < program->module_count; k++) {
        const itlc_module *module = program->modules[k];
        bytes_name(a, b, module->path);
        bytes_printf(a, &text, ";;   module %zu \"%s\"\n", k, emit_escaped(e, module->path));
        size_t count = 0;
        for (size_t i = 0; i < program->func_count; i++)
            count += program->funcs[i]->kind == FUNC_SHIM && program->funcs[i]->module == module;
        bytes_uleb(a, b, count);
        for (size_t i = 0; i < program->func_count; i++) {
            const itlc_func *func = program->funcs[i];
            if (func->kind != FUNC_SHIM || func->module != module)
                continue;
            bytes_name(a, b, func->import_module);
            bytes_name(a, b, func->field);
            bytes_name(a, b, shim_names[i]);
            bytes_printf(a, &text, ";;     import \"%s\" \"%s\" -> export \"%s\"\n",
                         emit_escaped(e, func->import_module), emit_escaped(e, func->field), shim_names[i].bytes);
        }
    }
    bytes_byte(a, &text, 0);
    e->m->custom_name = "it.interface";
    e->m->interface_text = (const char *)text.data;
}

static itlc_str emit_cstr(const char *text)
{
    itlc_str s = { text, strlen(text) };
    return s;
}

itlc_error emit_program(const itlc_program *program, arena *a, wasm_module *m)
{
    emitter e = { .program = program, .arena = a, .m = m };
    memset(m, 0, sizeof *m);
    size_t func_count = program->func_count;
    itlc_str *shim_names = arena_alloc(a, (func_count + 1) * sizeof *shim_names);
    uint32_t init_ref = RUNTIME_COUNT + (uint32_t)func_count;

    emit_collect_types(&e);

    /* table slots, call references, and one wasm function per body */
    uint32_t slot = 0;
    size_t body_count = 1; /* _it_init */
    for (size_t i = 0; i < func_count; i++) {
        itlc_func *func = program->funcs[i];
        func->ref = RUNTIME_COUNT + (uint32_t)i;
        if (func->kind == FUNC_CORE)
            func->slot = slot++;
        else if (func->kind != FUNC_IMPORT)
            body_count++;
    }
    m->table_size = slot;
    m->ref_table_size = e.refs;
    m->functions = arena_alloc(a, body_count * sizeof *m->functions);
    m->function_count = body_count;
    uint32_t *function_refs = arena_alloc(a, body_count * sizeof *function_refs);
    m->globals = arena_alloc(a, (program->module_count + 1) * sizeof *m->globals);
    m->global_count = program->module_count;
    for (size_t k = 0; k < program->module_count; k++)
        m->globals[k] = emit_label(&e, "core.", program->modules[k]->name);

    e.function = &m->functions[0];
    e.function->type_index = emit_type(&e, NULL, 0, NULL, 0);
    e.function->label = emit_label(&e, "_it_init", emit_cstr(""));
    function_refs[0] = init_ref;
    emit_init(&e);
    size_t next = 1;
    size_t *shim_counts = arena_alloc(a, (program->module_count + 1) * sizeof *shim_counts);
    for (size_t i = 0; i < func_count; i++) {
        const itlc_func *func = program->funcs[i];
        if (func->kind == FUNC_CORE || func->kind == FUNC_IMPORT)
            continue;
        e.function = &m->functions[next];
        function_refs[next++] = func->ref;
        e.function->type_index = emit_sig_type(&e, &func->sig);
        if (func->kind == FUNC_SHIM) {
            shim_names[i] = emit_cstr(arena_printf(a, "_it_shim_%zu_%zu", func->module->index,
                                                   shim_counts[func->module->index]++));
            e.function->label = emit_label(&e, "shim.", func->name.bytes ? func->name : func->field);
        } else {
            e.function->label = emit_label(&e, func->kind == FUNC_EXPORT ? "export." : "",
                                           func->name.bytes ? func->name : func->field);
        }
        emit_body(&e, func);
    }

    /* imports: the runtime functions used, then the component imports */
    bool used[RUNTIME_COUNT] = { false };
    for (size_t f = 0; f < m->function_count; f++)
        for (size_t i = 0; i < m->functions[f].code_count; i++)
            if (m->functions[f].code[i].op == WASM_CALL && m->functions[f].code[i].index < RUNTIME_COUNT)
                used[m->functions[f].code[i].index] = true;
    size_t total_refs = RUNTIME_COUNT + func_count + 1;
    uint32_t *index_of_ref = arena_alloc(a, total_refs * sizeof *index_of_ref);
    m->imports = arena_alloc(a, total_refs * sizeof *m->imports);
    for (int r = 0; r < RUNTIME_COUNT; r++) {
        if (!used[r])
            continue;
        wasm_import *import = &m->imports[m->import_count];
        import->module = emit_cstr("_it_runtime");
        import->name = emit_cstr(runtime_imports[r].name);
        import->type_index = emit_runtime_type(&e, (runtime_id)r);
        import->label = emit_label(&e, "rt.", import->name);
        index_of_ref[r] = (uint32_t)m->import_count++;
    }
    for (size_t i = 0; i < func_count; i++) {
        const itlc_func *func = program->funcs[i];
        if (func->kind != FUNC_IMPORT)
            continue;
        wasm_import *import = &m->imports[m->import_count];
        import->module = func->import_module;
        import->name = func->field;
        import->type_index = emit_sig_type(&e, &func->sig);
        import->label = emit_label(&e, "import.", func->name.bytes ? func->name : func->field);
        index_of_ref[func->ref] = (uint32_t)m->import_count++;
    }
    for (size_t f = 0; f < m->function_count; f++)
        index_of_ref[function_refs[f]] = (uint32_t)(m->import_count + f);
    for (size_t f = 0; f < m->function_count; f++)
        for (size_t i = 0; i < m->functions[f].code_count; i++)
            if (m->functions[f].code[i].op == WASM_CALL)
                m->functions[f].code[i].index = index_of_ref[m->functions[f].code[i].index];

    /* exports: the component's, the shims, then the ABI's own */
    for (size_t i = 0; i < func_count; i++)
        if (program->funcs[i]->kind == FUNC_EXPORT)
            emit_export(&e, program->funcs[i]->field, WASM_EXPORT_FUNC, index_of_ref[program->funcs[i]->ref]);
    for (size_t i = 0; i < func_count; i++)
        if (program->funcs[i]->kind == FUNC_SHIM)
            emit_export(&e, shim_names[i], WASM_EXPORT_FUNC, index_of_ref[program->funcs[i]->ref]);
    emit_export(&e, emit_cstr("_it_init"), WASM_EXPORT_FUNC, index_of_ref[init_ref]);
    emit_export(&e, emit_cstr("_it_table"), WASM_EXPORT_TABLE, 0);
    emit_export(&e, emit_cstr("_it_memory"), WASM_EXPORT_MEMORY, 0);
    if (m->ref_table_size)
        emit_export(&e, emit_cstr("_it_refs"), WASM_EXPORT_TABLE, 1);

    emit_interface(&e, shim_names);
    /* The flat-value cells after the data, 8 bytes each (docs/abi.md
     * "value_lift_flat"). */
    uint32_t cells = (uint32_t)((m->data.size + 7) / 8 * 8);
    for (size_t i = 0; i < e.patch_count; i++)
        e.patches[i].function->code[e.patches[i].at].bits = cells;
    m->memory_pages = (uint32_t)((cells + (uint64_t)e.cells * 8 + 65535) / 65536);
    if (m->memory_pages == 0)
        m->memory_pages = 1;
    return ITLC_OK;
}
