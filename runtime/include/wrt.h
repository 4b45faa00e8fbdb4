/* wrt.h: the public C API of the wrt WebAssembly runtime (Wasm 2.0 core). */
#ifndef WRT_H
#define WRT_H

/*
 * OWNERSHIP (the one rule)
 *
 *   - An object you get from a function named wrt_X_new (through its `out`
 *     parameter or return value) is YOURS: release it with wrt_X_delete.
 *     Those are: engine, store, module, imports.
 *   - Runtime objects (instances, funcs, tables, memories, globals) belong to
 *     the STORE they were created in and live until wrt_store_delete. There is
 *     no per-object delete; a wasm program links them freely (an imported
 *     global points at its exporter's cell), so they die together.
 *   - Everything else you are handed (types, names, the error record, memory
 *     data) is BORROWED from the object it came from and valid as long as that
 *     object (a memory's data pointer stays valid across grows: the memory is
 *     reserved once and never moves).
 *   - Everything you pass in (wasm bytes, names, value arrays, types) is
 *     COPIED; you may free it when the call returns.
 *   - A module is reference-counted internally: you may delete it while
 *     instances made from it are still alive.
 *
 * ERRORS
 *
 *   Functions that can fail return a wrt_status (WRT_OK == 0). The details of
 *   the last failure (message, function index, byte offset, trap kind) are
 *   kept ONCE, on the store: wrt_store_error(store). They stay until the next
 *   failing call on that store. Traps are such errors with status WRT_TRAP.
 *
 * THREADS
 *
 *   An engine, its stores and everything in them are used by one thread at
 *   a time (nothing in them is locked). Different engines may run on
 *   different threads at once. Wasm code runs on the calling thread's stack,
 *   down to 256 KiB above its end; deeper recursion traps with
 *   WRT_TRAP_STACK_EXHAUSTED (docs/runtime.md, "Stack").
 *
 * TRAPS
 *
 *   The first call into wasm installs SIGSEGV, SIGBUS, SIGILL and SIGFPE
 *   handlers (process-wide) that turn faults in generated code into traps
 *   and pass every other fault on to the handler installed before them.
 *   Each memory reserves 8 GiB of address space (guard regions instead of
 *   bounds checks), so its data pointer never moves.
 *
 * NAMES
 *
 *   Import and export names are byte strings with a length (wrt_name):
 *   "" and names containing NUL are valid. They are not NUL-terminated.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define WRT_MUST_USE __attribute__((warn_unused_result))
#else
#define WRT_MUST_USE
#endif

/* The library's version (the Makefile's VERSION; libwrt.so.MAJOR). */
#define WRT_VERSION_MAJOR 0
#define WRT_VERSION_MINOR 1
#define WRT_VERSION_PATCH 0
#define WRT_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

/* X(name, message): every way a public call can fail. */
#define WRT_STATUS_LIST(X)                                                     \
    X(WRT_OK, "ok")                                                            \
    X(WRT_ERR_NO_MEMORY, "out of memory")                                      \
    X(WRT_ERR_ARGUMENT, "invalid argument")                                    \
    X(WRT_ERR_MALFORMED, "malformed module")                                   \
    X(WRT_ERR_INVALID, "invalid module")                                       \
    X(WRT_ERR_UNKNOWN_IMPORT, "unknown import")                                \
    X(WRT_ERR_INCOMPATIBLE_IMPORT, "incompatible import type")                 \
    X(WRT_ERR_NOT_FOUND, "no such export")                                     \
    X(WRT_ERR_TYPE_MISMATCH, "type mismatch")                                  \
    X(WRT_ERR_IMMUTABLE, "global is immutable")                                \
    X(WRT_ERR_OUT_OF_BOUNDS, "out of bounds")                                  \
    X(WRT_ERR_LIMIT, "resource limit exceeded")                                \
    X(WRT_TRAP, "trap")

typedef enum wrt_status {
#define WRT_STATUS_ENUM(name, message) name,
    WRT_STATUS_LIST(WRT_STATUS_ENUM)
#undef WRT_STATUS_ENUM
    WRT_STATUS_COUNT
} wrt_status;

/* The fixed message of a status ("unknown import", ...); never NULL. */
const char *wrt_status_message(wrt_status status);

/* X(name, message): the kinds of trap; messages are the spec's wording. */
#define WRT_TRAP_LIST(X)                                                       \
    X(WRT_TRAP_NONE, "no trap")                                                \
    X(WRT_TRAP_UNREACHABLE, "unreachable")                                     \
    X(WRT_TRAP_MEMORY_OUT_OF_BOUNDS, "out of bounds memory access")            \
    X(WRT_TRAP_TABLE_OUT_OF_BOUNDS, "out of bounds table access")              \
    X(WRT_TRAP_UNINITIALIZED_ELEMENT, "uninitialized element")                 \
    X(WRT_TRAP_UNDEFINED_ELEMENT, "undefined element")                         \
    X(WRT_TRAP_INDIRECT_CALL_TYPE, "indirect call type mismatch")              \
    X(WRT_TRAP_DIVIDE_BY_ZERO, "integer divide by zero")                       \
    X(WRT_TRAP_INTEGER_OVERFLOW, "integer overflow")                           \
    X(WRT_TRAP_INVALID_CONVERSION, "invalid conversion to integer")            \
    X(WRT_TRAP_STACK_EXHAUSTED, "call stack exhausted")                        \
    X(WRT_TRAP_HOST, "host function trapped")                                  \
    X(WRT_TRAP_INTERRUPTED, "interrupted")

typedef enum wrt_trap_kind {
#define WRT_TRAP_ENUM(name, message) name,
    WRT_TRAP_LIST(WRT_TRAP_ENUM)
#undef WRT_TRAP_ENUM
    WRT_TRAP_COUNT
} wrt_trap_kind;

const char *wrt_trap_message(wrt_trap_kind kind);

#define WRT_NO_INDEX UINT32_MAX  /* wrt_error.func_index when unknown */
#define WRT_NO_OFFSET UINT64_MAX /* wrt_error.offset when unknown */

/* The details of the last failure on a store (borrowed from the store). */
typedef struct wrt_error {
    wrt_status status;       /* WRT_OK if nothing failed yet */
    wrt_trap_kind trap;      /* WRT_TRAP_NONE unless status == WRT_TRAP */
    uint32_t func_index;     /* wasm function index, or WRT_NO_INDEX */
    uint64_t offset;         /* byte offset in the module, or WRT_NO_OFFSET */
    const char *message;     /* full text, NUL-terminated, never NULL */
} wrt_error;

/* ----------------------------------------------------------------- types */

typedef enum wrt_valtype {
    WRT_I32,
    WRT_I64,
    WRT_F32,
    WRT_F64,
    WRT_V128,
    WRT_FUNCREF,
    WRT_EXTERNREF
} wrt_valtype;

/* "i32", "funcref", ... */
const char *wrt_valtype_name(wrt_valtype type);

typedef enum wrt_externkind {
    WRT_EXTERN_FUNC,
    WRT_EXTERN_TABLE,
    WRT_EXTERN_MEMORY,
    WRT_EXTERN_GLOBAL
} wrt_externkind;

/* "func", "table", "memory", "global" */
const char *wrt_externkind_name(wrt_externkind kind);

typedef struct wrt_name {
    const char *data; /* may contain NUL; not NUL-terminated */
    size_t size;
} wrt_name;

typedef struct wrt_functype {
    size_t param_count;
    const wrt_valtype *params;
    size_t result_count;
    const wrt_valtype *results;
} wrt_functype;

typedef struct wrt_limits {
    uint32_t min;
    uint32_t max; /* meaningful only if has_max */
    bool has_max;
} wrt_limits;

typedef struct wrt_tabletype {
    wrt_valtype element; /* WRT_FUNCREF or WRT_EXTERNREF */
    wrt_limits limits;   /* in elements */
} wrt_tabletype;

typedef struct wrt_memorytype {
    wrt_limits limits; /* in 64 KiB pages */
} wrt_memorytype;

typedef struct wrt_globaltype {
    wrt_valtype type;
    bool is_mutable;
} wrt_globaltype;

typedef struct wrt_externtype {
    wrt_externkind kind;
    union {
        wrt_functype func;
        wrt_tabletype table;
        wrt_memorytype memory;
        wrt_globaltype global;
    } of;
} wrt_externtype;

/* ---------------------------------------------------------------- values */

typedef struct wrt_func wrt_func;

/* A typed value. Floats are carried bit-exactly (NaN payloads survive).
 * externref: any host pointer; NULL is the null reference, every other
 * pointer is a non-null reference compared by identity. funcref: NULL is
 * ref.null func. */
typedef struct wrt_val {
    wrt_valtype type;
    union {
        int32_t i32;
        int64_t i64;
        float f32;
        double f64;
        uint8_t v128[16];
        wrt_func *funcref;
        void *externref;
    } of;
} wrt_val;

/* A value as a raw 8-byte cell, for wrt_func_call_raw and raw host
 * functions (wrt_func_new_raw): the member of the
 * value's type holds it (i32 and f32 in the low 4 bytes; `bits` is the whole
 * cell). The type is not in the cell: it is the function's. */
typedef union wrt_raw {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    wrt_func *funcref; /* NULL: ref.null func */
    void *externref;   /* NULL: ref.null extern */
    uint64_t bits;
} wrt_raw;

/* --------------------------------------------------------- engine, store */

typedef struct wrt_engine wrt_engine;
typedef struct wrt_store wrt_store;

/* NULL if out of memory. */
wrt_engine *wrt_engine_new(void);
void wrt_engine_delete(wrt_engine *engine);

/* NULL if out of memory. The engine must outlive the store. */
wrt_store *wrt_store_new(wrt_engine *engine);
/* Frees every instance, func, table, memory and global of the store. */
void wrt_store_delete(wrt_store *store);

/* The last failure on this store (borrowed). */
const wrt_error *wrt_store_error(const wrt_store *store);

/* What a store may take; 0 in a field means no cap of the store's own (the
 * engine's limits still hold: docs/runtime.md, "Limits"). */
typedef struct wrt_store_limits {
    uint64_t memory_bytes;   /* all its linear memories together */
    uint64_t table_elements; /* all its tables together */
    uint32_t instances;      /* instances created in it */
    size_t stack_bytes;      /* stack wasm may use per call from the host
                                (on any thread it never goes below that
                                thread's own limit) */
} wrt_store_limits;

/* Sets the store's limits (copied) for what is created or grown from now
 * on: past a cap, memory.grow and table.grow return -1, wrt_memory_grow
 * and wrt_table_grow WRT_ERR_LIMIT, and creating a memory, table or
 * instance fails with WRT_ERR_LIMIT and a message naming the cap. */
void wrt_store_set_limits(wrt_store *store, const wrt_store_limits *limits);

/* Stops wasm code running in the store: the call from the host traps with
 * WRT_TRAP_INTERRUPTED at its next function entry or loop iteration, and
 * the store stays usable. If no call is running, the next one stops at
 * once; a call that returns before it sees the request consumes it. Safe
 * from any thread and from a signal handler (two atomic stores). */
void wrt_store_interrupt(wrt_store *store);

/* ---------------------------------------------------------------- module */

typedef struct wrt_module wrt_module;

/* Decodes and validates `bytes` (copied). On failure the store's error has
 * status WRT_ERR_MALFORMED or WRT_ERR_INVALID, the function index and byte
 * offset (when known) and a message saying what was expected. The module
 * can be instantiated in any store of the same engine. */
WRT_MUST_USE wrt_status wrt_module_new(wrt_store *store, const uint8_t *bytes,
                                       size_t size, wrt_module **out);
void wrt_module_delete(wrt_module *module);

typedef struct wrt_import_desc {
    wrt_name module;
    wrt_name name;
    wrt_externtype type;
} wrt_import_desc;

typedef struct wrt_export_desc {
    wrt_name name;
    wrt_externtype type;
    uint32_t index; /* in the index space of its kind (imports first) */
} wrt_export_desc;

/* Introspection; the descriptions are borrowed from the module. */
size_t wrt_module_import_count(const wrt_module *module);
void wrt_module_import(const wrt_module *module, size_t index,
                       wrt_import_desc *out);
size_t wrt_module_export_count(const wrt_module *module);
void wrt_module_export(const wrt_module *module, size_t index,
                       wrt_export_desc *out);
/* The export named `name` into *out: false if there is none. O(log n)
 * (as is wrt_instance_export). */
bool wrt_module_export_find(const wrt_module *module, wrt_name name,
                            wrt_export_desc *out);
/* The number of functions, imports included (the function index space). */
size_t wrt_module_func_count(const wrt_module *module);
/* The `name` section's name of function `func_index`, or {NULL, 0}. */
wrt_name wrt_module_func_name(const wrt_module *module, uint32_t func_index);

/* ------------------------------------------------------- runtime objects */

typedef struct wrt_instance wrt_instance;
typedef struct wrt_table wrt_table;
typedef struct wrt_memory wrt_memory;
typedef struct wrt_global wrt_global;

/* A reference to one of the four kinds of runtime object (borrowed). */
typedef struct wrt_extern {
    wrt_externkind kind;
    union {
        wrt_func *func;
        wrt_table *table;
        wrt_memory *memory;
        wrt_global *global;
    } of;
} wrt_extern;

/* What a host function is handed on each call. */
typedef struct wrt_host_call {
    wrt_store *store;
    wrt_instance *caller; /* instance whose code called, NULL from the API */
    void *user;           /* the pointer given to wrt_func_new */
} wrt_host_call;

/* A host function. `args` has the type's param_count values, `results` has
 * room for result_count values whose `type` fields are already set. Return
 * WRT_OK, or trap with `return wrt_host_trap(call, "message");`. */
typedef wrt_status (*wrt_host_callback)(const wrt_host_call *call,
                                        const wrt_val *args, wrt_val *results);

/* Records a trap of kind WRT_TRAP_HOST with `message` on the call's store
 * and returns WRT_TRAP, for a host callback to return. */
wrt_status wrt_host_trap(const wrt_host_call *call, const char *message);

/* Host objects, owned by the store. */
WRT_MUST_USE wrt_status wrt_func_new(wrt_store *store, const wrt_functype *type,
                                     wrt_host_callback callback, void *user,
                                     wrt_func **out);

/* A raw host function: the arguments and results in untyped 8-byte cells
 * (wrt_raw), for a host that knows its types when it makes the
 * function and need not tag every value on every call. `cells` has room
 * for the arguments and the results, max(param_count, result_count) cells
 * (none for a () -> () function called from wasm): on entry
 * cells[i] holds argument i in the member of the i-th parameter type (the
 * other bytes of an i32 or f32 argument are unspecified); on WRT_OK the
 * callback has written result i into cells[i] in the member of the i-th
 * result type (the other bytes of an i32 or f32 result are ignored). The
 * results are the callback's promise, not checked: a result it does not
 * write is whatever the cell held, and a funcref result must be NULL or a
 * function of the call's store. Failures and everything else are as for
 * wrt_host_callback. */
typedef wrt_status (*wrt_host_raw_callback)(const wrt_host_call *call,
                                            wrt_raw *cells);

/* A host function with a raw callback. Called from wasm, the callback gets
 * the caller's argument slots in place (no conversion); from wrt_func_call
 * the values are converted to cells and back around it. */
WRT_MUST_USE wrt_status wrt_func_new_raw(wrt_store *store,
                                         const wrt_functype *type,
                                         wrt_host_raw_callback callback,
                                         void *user, wrt_func **out);
WRT_MUST_USE wrt_status wrt_memory_new(wrt_store *store,
                                       const wrt_memorytype *type,
                                       wrt_memory **out);
/* Every element starts as `init` (must have the table's element type). */
WRT_MUST_USE wrt_status wrt_table_new(wrt_store *store,
                                      const wrt_tabletype *type, wrt_val init,
                                      wrt_table **out);
WRT_MUST_USE wrt_status wrt_global_new(wrt_store *store,
                                       const wrt_globaltype *type, wrt_val init,
                                       wrt_global **out);

/* ------------------------------------------------------- linking, instance */

/* A name -> object map used to satisfy a module's imports by name. It
 * borrows the objects and instances defined in it: delete it before (or
 * with) their store. */
typedef struct wrt_imports wrt_imports;

/* NULL if out of memory. */
wrt_imports *wrt_imports_new(void);
void wrt_imports_delete(wrt_imports *imports);
/* Defines module.name; a later definition of the same pair replaces it. */
WRT_MUST_USE wrt_status wrt_imports_define(wrt_imports *imports,
                                           wrt_name module, wrt_name name,
                                           wrt_extern object);
/* Defines every export of `instance` under `module` (like the spec's
 * `register`). */
WRT_MUST_USE wrt_status wrt_imports_define_instance(wrt_imports *imports,
                                                    wrt_name module,
                                                    const wrt_instance *instance);

/* Instantiates `module`: resolves each import by name in `imports` (may be
 * NULL when there are none) with the Wasm linking rules, creates memories,
 * tables and globals, applies element then data segments, then runs the start
 * function. Fails with WRT_ERR_UNKNOWN_IMPORT / WRT_ERR_INCOMPATIBLE_IMPORT
 * (the message names module.field), WRT_TRAP (a segment out of bounds or a
 * trapping start function: writes made before it into imported objects
 * persist, as the spec says) or WRT_ERR_NO_MEMORY (e.g. the address space
 * for a memory could not be reserved). */
WRT_MUST_USE wrt_status wrt_instance_new(wrt_store *store,
                                         wrt_module *module,
                                         const wrt_imports *imports,
                                         wrt_instance **out);

/* The instance's module (borrowed). */
wrt_module *wrt_instance_module(const wrt_instance *instance);

/* Export lookup by name; WRT_ERR_NOT_FOUND if there is none. */
WRT_MUST_USE wrt_status wrt_instance_export(const wrt_instance *instance,
                                            wrt_name name, wrt_extern *out);
size_t wrt_instance_export_count(const wrt_instance *instance);
/* The index-th export, in the module's order. */
void wrt_instance_export_at(const wrt_instance *instance, size_t index,
                            wrt_name *name, wrt_extern *out);

/* ------------------------------------------------------------- functions */

/* The function's type (borrowed from the function). */
const wrt_functype *wrt_func_type(const wrt_func *func);

/* Calls `func`. args[i].type must equal the i-th parameter type
 * (WRT_ERR_TYPE_MISMATCH otherwise) and arg_count/result_count must match
 * the type; results get their types set. A trap returns WRT_TRAP with the
 * kind, message and (when known) wasm function index and offset in the
 * store's error. */
WRT_MUST_USE wrt_status wrt_func_call(wrt_store *store, wrt_func *func,
                                      const wrt_val *args, size_t arg_count,
                                      wrt_val *results, size_t result_count);

/* The number of cells wrt_func_call_raw needs for `func`:
 * max(parameter count, result count, 1). */
size_t wrt_func_raw_count(const wrt_func *func);

/* Calls `func` like wrt_func_call, for embedders that call one function
 * many times: arguments and results are untyped 8-byte cells, and the
 * argument types are NOT checked per call. The caller guarantees them, by
 * building the cells from wrt_func_type(func) (typically once, when it
 * looks the function up): on entry cells[i] holds argument i in the member
 * of the i-th parameter type (the other bytes of an i32 or f32 cell are
 * ignored); on WRT_OK cells[i] holds result i in the member of the i-th
 * result type (the other bytes of an i32 or f32 result are unspecified).
 * Still checked, before anything runs: `func` belongs to `store`
 * (WRT_ERR_ARGUMENT), there are at least wrt_func_raw_count(func) cells
 * (WRT_ERR_TYPE_MISMATCH), and a non-null funcref argument is a function of
 * `store` (WRT_ERR_ARGUMENT). Traps, host functions and nested calls behave
 * exactly as with wrt_func_call. */
WRT_MUST_USE wrt_status wrt_func_call_raw(wrt_store *store, wrt_func *func,
                                          wrt_raw *cells, size_t cell_count);

/* ---------------------------------------------------------------- memory */

wrt_memorytype wrt_memory_type(const wrt_memory *memory); /* current min */
uint8_t *wrt_memory_data(wrt_memory *memory); /* stable across grows */
uint64_t wrt_memory_size(const wrt_memory *memory); /* in bytes */
uint32_t wrt_memory_pages(const wrt_memory *memory);
/* Grows by `delta` pages; *old_pages gets the previous size. Fails with
 * WRT_ERR_LIMIT beyond the maximum (the memory is then unchanged). */
WRT_MUST_USE wrt_status wrt_memory_grow(wrt_memory *memory, uint32_t delta,
                                        uint32_t *old_pages);
/* Bounds-checked copies; WRT_ERR_OUT_OF_BOUNDS copies nothing. */
WRT_MUST_USE wrt_status wrt_memory_read(const wrt_memory *memory,
                                        uint64_t offset, void *dst,
                                        size_t size);
WRT_MUST_USE wrt_status wrt_memory_write(wrt_memory *memory, uint64_t offset,
                                         const void *src, size_t size);

/* ----------------------------------------------------------------- table */

wrt_tabletype wrt_table_type(const wrt_table *table); /* current min */
uint32_t wrt_table_size(const wrt_table *table);
WRT_MUST_USE wrt_status wrt_table_get(const wrt_table *table, uint32_t index,
                                      wrt_val *out);
WRT_MUST_USE wrt_status wrt_table_set(wrt_table *table, uint32_t index,
                                      wrt_val value);
/* Grows by `delta` elements set to `init`; WRT_ERR_LIMIT past the max. */
WRT_MUST_USE wrt_status wrt_table_grow(wrt_table *table, uint32_t delta,
                                       wrt_val init, uint32_t *old_size);

/* ---------------------------------------------------------------- global */

wrt_globaltype wrt_global_type(const wrt_global *global);
wrt_val wrt_global_get(const wrt_global *global);
/* WRT_ERR_IMMUTABLE or WRT_ERR_TYPE_MISMATCH on misuse. */
WRT_MUST_USE wrt_status wrt_global_set(wrt_global *global, wrt_val value);

/* ------------------------------------------------------------- debugging */

/* Where the machine code of one wasm instruction starts. */
typedef struct wrt_code_position {
    uint32_t code_offset; /* from the function's first byte */
    uint32_t wasm_offset; /* byte offset of the instruction in the module */
} wrt_code_position;

/* The generated machine code of one function, for disassemblers and
 * debugging tools (wrun --disasm). `code` is borrowed from the module and
 * valid while it lives; `positions` is allocated for the caller, who frees
 * it with free() (NULL when position_count is 0). */
typedef struct wrt_func_code {
    const uint8_t *code;
    size_t size;
    wrt_code_position *positions; /* ascending code offsets */
    size_t position_count;
} wrt_func_code;

/* The code of defined function `func_index` (imports first in the index
 * space, as in the module). WRT_ERR_NOT_FOUND for an import or an index out
 * of range, WRT_ERR_NO_MEMORY if the positions cannot be allocated. */
WRT_MUST_USE wrt_status wrt_module_func_code(const wrt_module *module,
                                             uint32_t func_index,
                                             wrt_func_code *out);

#ifdef __cplusplus
}
#endif

#endif /* WRT_H */
