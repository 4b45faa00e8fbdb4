/* instance.h: the runtime object model (store, module, instance, func, memory, table, global). */
#ifndef WRT_INSTANCE_H
#define WRT_INSTANCE_H

/*
 * These are the definitions behind the opaque handles of wrt.h. Generated
 * code reaches them through a vmctx (jit/vmctx.h) that points at the plain
 * arrays and cells below; every address it may cache is stable:
 *   - a wrt_memory never moves and its `base` never changes (the memory is
 *     reserved once, MEMORY_RESERVATION bytes of PROT_NONE, and committed
 *     page by page as it grows), `size` is the accessible byte count;
 *   - a wrt_table never moves; its element arrays may be reallocated by a
 *     grow, so code reloads them from the table after any call;
 *   - a wrt_global's value is its first member (a 16-byte cell); an imported
 *     global is the exporter's wrt_global itself (instance->globals[i]
 *     points at it), so every importer sees writes at once;
 *   - instance->funcs[i] is the wrt_func of function index i (imports
 *     first); a wrt_func carries everything a call needs: the engine-wide
 *     signature id for call_indirect, and the code/context pair.
 * All objects belong to their store (store.c) and are freed with it.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "module.h"
#include "trap.h"
#include "wrt.h"

/* ------------------------------------------------------------ engine */

/* A canonical function signature; the engine hands out one per distinct
 * (params, results) pair, so equal types have equal ids across modules. */
typedef struct engine_signature {
    wrt_functype type;     /* params/results point into `valtypes` */
    wrt_valtype *valtypes; /* params then results */
} engine_signature;

struct wrt_engine {
    engine_signature **signatures; /* index = signature id */
    uint32_t signature_count;
    uint32_t signature_capacity;
};

/* The id of the signature (params, results); UINT32_MAX if out of memory. */
uint32_t engine_signature_id(wrt_engine *engine, const wrt_valtype *params,
                             size_t param_count, const wrt_valtype *results,
                             size_t result_count);
/* The canonical type of a signature id (borrowed from the engine). */
const wrt_functype *engine_signature_type(const wrt_engine *engine,
                                          uint32_t id);

/* ------------------------------------------------------------- store */

/* A growable array of owned pointers. */
typedef struct pointer_list {
    void **items;
    size_t count;
    size_t capacity;
} pointer_list;

struct wrt_store {
    wrt_engine *engine;
    /* The stack limit generated code compares with and the interrupt
     * request (jit/vmctx.h's guard points here); trap.c sets the limit on
     * every entry. */
    trap_guard guard;
    wrt_store_limits limits;
    uint64_t memory_bytes;   /* committed by all its memories (limits) */
    uint64_t table_elements; /* held by all its tables (limits) */
    wrt_error error;
    char message[512];
    uint64_t error_count; /* failures recorded so far (store_fail/trap) */
    pointer_list funcs, tables, memories, globals, instances;
};

/* Records a failure on the store (first "%s"-style text) and returns it. */
wrt_status store_fail(wrt_store *store, wrt_status status, const char *format,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Records a trap with where it happened (WRT_NO_INDEX/WRT_NO_OFFSET when
 * unknown); returns WRT_TRAP. A NULL format uses the kind's message. */
wrt_status store_trap(wrt_store *store, wrt_trap_kind kind,
                      uint32_t func_index, uint64_t offset,
                      const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Adds `object` to one of the store's lists; false if out of memory. */
bool store_adopt(pointer_list *list, void *object);

/* ------------------------------------------------------------ module */

struct wrt_module {
    wrt_engine *engine;
    wasm_module *decoded;
    size_t references;       /* the user's handle + one per instance */
    wrt_functype *types;     /* public view of decoded->types */
    wrt_valtype *valtypes;   /* backing arrays of `types` */
    uint32_t *signature_ids; /* engine signature id per type index */
    void *compiled;          /* the execution engine's code, or NULL */
    uint32_t *export_order;  /* export indices sorted by name (length, then
                                bytes): lookups by name in O(log n) */
};

void module_retain(wrt_module *module);
/* The index of the export named `name`, or UINT32_MAX. */
uint32_t module_find_export(const wrt_module *module, wrt_name name);
void module_release(wrt_module *module);

/* ------------------------------------------------------------ values */

wrt_valtype value_type_from_wasm(wasm_value_type type);
bool value_type_is_ref(wrt_valtype type);
/* The zero value / null reference of a type. */
wrt_val value_default(wrt_valtype type);
/* Writes "i32", "[i32 i64] -> [f32]", "table 1..2 funcref" etc. */
void value_format_functype(const wrt_functype *type, char *buffer, size_t size);
void value_format_externtype(const wrt_externtype *type, char *buffer,
                             size_t size);
/* A value as the 8-byte slot of jit/vmctx.h's calling convention (i32/f32
 * in the low half, the upper half zero; references as pointers) and back;
 * bit-exact. Inline: every call across the boundary converts each value.
 * The union's first 8 bytes hold every type's bits (asserted in value.c);
 * the rest of a value made here is zero, as value_default's. */
static inline bool value_type_is_narrow(wrt_valtype type)
{
    return type == WRT_I32 || type == WRT_F32;
}

/* Reads *value in place, a narrow one with a 4-byte load: the caller has
 * usually just written those 4 bytes, and a wider load of them (or a copy
 * of the whole wrt_val) would wait for the store to retire instead of
 * forwarding from it, about 15 cycles per value. */
static inline uint64_t value_slot_of(const wrt_val *value)
{
    if (value_type_is_narrow(value->type)) {
        uint32_t narrow;
        memcpy(&narrow, &value->of, sizeof narrow);
        return narrow;
    }
    uint64_t slot;
    memcpy(&slot, &value->of, sizeof slot);
    return slot;
}

static inline uint64_t value_to_slot(wrt_val value)
{
    return value_slot_of(&value);
}

/* Writes a value of `type` from `slot` into *out (no temporary: a whole
 * wrt_val built and copied costs a store-forwarding stall per value). */
static inline void value_store_slot(wrt_val *out, wrt_valtype type,
                                    uint64_t slot)
{
    uint64_t bits = value_type_is_narrow(type) ? (uint32_t)slot : slot;
    uint64_t zero = 0;
    out->type = type;
    memcpy(&out->of, &bits, sizeof bits);
    memcpy((unsigned char *)&out->of + sizeof bits, &zero, sizeof zero);
}

static inline wrt_val value_from_slot(wrt_valtype type, uint64_t slot)
{
    wrt_val value;
    value_store_slot(&value, type, slot);
    return value;
}
/* Appends a printable form of a name (bytes outside printable ASCII escaped
 * as \xx) to buffer. */
void value_format_name(wrt_name name, char *buffer, size_t size);

/* ---------------------------------------------------------- functions */

struct wrt_func {
    /* The first three fields are jit/vmctx.h's vmctx_func, at the same
     * offsets (instance.c asserts it): generated code calls through them.
     * Filled by the execution engine (exec.h): for wasm functions by
     * exec_instance_prepare, for host functions by exec_host_func_prepare
     * (code = the host trampoline, vmctx = this object). */
    const void *code;
    void *vmctx;
    uint32_t signature_id;    /* engine-wide: equal ids <=> equal types */
    const wrt_functype *type; /* canonical, owned by the engine */
    /* The shape of a call, cached from `type` by func_init_call_shape so
     * that a call from the host computes nothing per call. */
    uint32_t slot_count;      /* max(params, results, 1) 8-byte slots */
    bool result0_is_float;    /* result 0 comes back in a float register */
    bool has_funcref_param;   /* arguments whose store must be checked */
    bool has_narrow_param;    /* i32/f32 arguments whose cells' upper bytes are cleared */
    wrt_store *store;
    /* A wasm function: its defining instance and index there. */
    wrt_instance *instance;   /* NULL for a host function */
    uint32_t func_index;
    /* A host function: one of the two callbacks is set. */
    wrt_host_callback callback;
    wrt_host_raw_callback raw_callback;
    void *user;
};

/* Sets the cached call shape of `func` from func->type (both makers of a
 * wrt_func call it once the type is set). */
void func_init_call_shape(wrt_func *func);

/* Calls a host function (no checks of argument types); `results` gets
 * typed zeros first, then what the callback writes. */
wrt_status func_call_host(wrt_store *store, wrt_func *func,
                          wrt_instance *caller, const wrt_val *args,
                          wrt_val *results);
/* Calls a host function of either kind with its arguments in `cells`
 * (wrt_func_raw_count of them; the upper half of an i32/f32 argument is
 * ignored) and leaves result i in cells[i], an i32/f32 result zero-extended
 * (as generated code wants it). A failure is recorded on the store as a
 * WRT_TRAP_HOST trap and returns WRT_TRAP. */
wrt_status func_call_host_cells(wrt_store *store, wrt_func *func,
                                wrt_instance *caller, wrt_raw *cells);

/* ------------------------------------------------------------- memory */

#define MEMORY_PAGE_SIZE 65536u
#define MEMORY_MAX_PAGES 65536u
/* base + any u32 index + any u32 offset stays inside the reservation. */
#define MEMORY_RESERVATION (8ull << 30)

struct wrt_memory {
    uint8_t *base;      /* stable for the memory's life */
    uint64_t size;      /* accessible bytes = pages * 64 KiB */
    uint32_t pages;
    uint32_t max_pages; /* the effective maximum: limit or 65536 */
    bool has_max;       /* the type declared a maximum */
    wrt_store *store;
};

/* Creates a zeroed memory of `type` (owned by the store). */
wrt_status memory_create(wrt_store *store, const wrt_memorytype *type,
                         wrt_memory **out);
void memory_destroy(wrt_memory *memory);
/* memory.grow: the old size in pages, or -1 (memory unchanged) if the new
 * size would pass the maximum or cannot be committed. */
int32_t memory_grow(wrt_memory *memory, uint32_t delta);
/* memory.init / memory.fill / memory.copy with the spec's bounds checks:
 * WRT_TRAP_NONE, or WRT_TRAP_MEMORY_OUT_OF_BOUNDS having written nothing. */
wrt_trap_kind memory_init(wrt_memory *memory, uint32_t dst,
                          const uint8_t *data, uint32_t data_size,
                          uint32_t src, uint32_t count);
wrt_trap_kind memory_fill(wrt_memory *memory, uint32_t dst, uint8_t value,
                          uint32_t count);
wrt_trap_kind memory_copy(wrt_memory *dst_memory, uint32_t dst,
                          wrt_memory *src_memory, uint32_t src,
                          uint32_t count);

/* -------------------------------------------------------------- table */

#define TABLE_MAX_ELEMENTS 10000000u /* sanity cap on table growth */

/* A table is parallel arrays, one entry per element, so that generated code
 * indexes each with the element index itself (jit/vmctx.h's vmctx_table;
 * instance.c asserts the offsets): call_indirect loads its target straight
 * from `codes` (one load from the index), checks `signature_ids` and only
 * then, on a mismatch, looks at `refs` to tell a null element apart. For a
 * function the arrays hold copies of its code, vmctx and signature id (a
 * wrt_func's never change once it can be referenced); null and externref
 * elements have TABLE_NO_SIGNATURE, which the engine never hands out, and
 * NULL code and vmctx. Write elements only with table_write. */
#define TABLE_NO_SIGNATURE UINT32_MAX

struct wrt_table {
    const void **codes;      /* `capacity` entries each, `size` in use */
    void **vmctxs;
    uint32_t *signature_ids;
    void **refs;             /* wrt_func * or host pointer; NULL = null ref */
    uint32_t size;
    uint32_t max;       /* the effective maximum: min(declared, cap) */
    uint32_t declared_max; /* the type's maximum, as declared (has_max) */
    bool has_max;
    wrt_valtype element_type;
    uint32_t capacity;
    wrt_store *store;
};

/* Element `index` (< capacity) := `ref`, with its call copies. */
void table_write(wrt_table *table, uint32_t index, void *ref);
wrt_status table_create(wrt_store *store, const wrt_tabletype *type,
                        void *init, wrt_table **out);
void table_destroy(wrt_table *table);
/* table.grow: the old size, or -1 (table unchanged). */
int32_t table_grow(wrt_table *table, uint32_t delta, void *init);
/* table.init / table.fill / table.copy with the spec's bounds checks:
 * WRT_TRAP_NONE, or WRT_TRAP_TABLE_OUT_OF_BOUNDS having written nothing. */
wrt_trap_kind table_init(wrt_table *table, uint32_t dst, void *const *items,
                         uint32_t item_count, uint32_t src, uint32_t count);
wrt_trap_kind table_fill(wrt_table *table, uint32_t dst, void *value,
                         uint32_t count);
wrt_trap_kind table_copy(wrt_table *dst_table, uint32_t dst,
                         wrt_table *src_table, uint32_t src, uint32_t count);
/* wrt_val <-> element conversion for a table of `type`. */
void *table_ref_from_val(wrt_val value);
wrt_val table_val_from_ref(wrt_valtype type, void *ref);

/* ------------------------------------------------------------- global */

typedef union global_cell {
    int32_t i32;
    int64_t i64;
    uint32_t f32_bits;
    uint64_t f64_bits;
    uint8_t v128[16];
    void *ref;
} global_cell;

struct wrt_global {
    global_cell value; /* first member: code loads it at offset 0 */
    wrt_globaltype type;
    wrt_store *store;
};

wrt_status global_create(wrt_store *store, const wrt_globaltype *type,
                         wrt_val init, wrt_global **out);
void global_destroy(wrt_global *global);
global_cell global_cell_from_val(wrt_val value);
wrt_val global_val_from_cell(wrt_valtype type, global_cell cell);

/* ----------------------------------------------------------- instance */

struct wrt_instance {
    wrt_store *store;
    wrt_module *module;        /* retained */
    const wasm_module *decoded;
    /* Index spaces, imports first (sizes as in the decoded module). */
    wrt_func **funcs;
    wrt_table **tables;
    wrt_memory **memories;
    wrt_global **globals;
    uint32_t *signature_ids;   /* per type index (the module's) */
    /* Passive element segments' references; element_sizes[i] = 0 once
     * dropped (active and declarative ones are dropped after init). */
    void ***element_items;
    uint32_t *element_sizes;
    /* Data segments: data_sizes[i] = 0 once dropped. */
    uint32_t *data_sizes;
    wrt_extern *exports;       /* per export of the module */
    void *vmctx;               /* the execution engine's context, or NULL */
};

void instance_destroy(wrt_instance *instance);
/* Evaluates a validated constant expression in `instance` (globals and
 * funcs below the expression's index must already exist). */
wrt_val instance_eval_const(const wrt_instance *instance,
                            const wasm_const_expr *expr, wrt_valtype type);

/* Bulk-memory instructions on the instance's segments, for generated code
 * (through vmctx helpers): the spec's bounds checks, WRT_TRAP_NONE or the
 * trap kind having written nothing. A dropped segment has size 0. */
wrt_trap_kind instance_table_init(wrt_instance *instance, uint32_t table_index,
                                  uint32_t segment, uint32_t dst, uint32_t src,
                                  uint32_t count);
wrt_trap_kind instance_memory_init(wrt_instance *instance,
                                   uint32_t memory_index, uint32_t segment,
                                   uint32_t dst, uint32_t src, uint32_t count);
void instance_elem_drop(wrt_instance *instance, uint32_t segment);
void instance_data_drop(wrt_instance *instance, uint32_t segment);

/* ---------------------------------------------------------------- link */

/* Resolves import `index` of the module in `imports`, with the Wasm type
 * matching rules. Fails with WRT_ERR_UNKNOWN_IMPORT or
 * WRT_ERR_INCOMPATIBLE_IMPORT naming module.field. */
wrt_status link_resolve_import(wrt_store *store, const wrt_module *module,
                               uint32_t index, const wrt_imports *imports,
                               wrt_extern *out);
/* The current type of a runtime object (memory/table min = current size). */
wrt_externtype link_extern_type(const wrt_extern *object);

#endif /* WRT_INSTANCE_H */
