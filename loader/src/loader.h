/* loader.h: internal declarations shared by the native loader's files (interface, refs, runtime, component). */
#ifndef IT_LOADER_INTERNAL_H
#define IT_LOADER_INTERNAL_H

#include "it_loader.h"
#include "wrt.h"

#include <stdarg.h>

/* ------------------------------------------------------------ interface.c */

/* One core import wiring of it.interface: module.name gets adapter export `shim`. */
typedef struct iface_core_import {
    char *module;
    char *name;
    char *shim;
} iface_core_import;

typedef struct iface_module {
    char *path;
    iface_core_import *imports;
    size_t import_count;
} iface_module;

/* A parsed it.interface section (docs/abi.md). Owns every string and type
 * array it points to. */
/* A type's canonical ABI layout (docs/abi.md "Layout in memory"). */
typedef struct iface_layout {
    uint32_t size, align;  /* in memory; sizes saturate past 4 GiB (no such value fits) */
    uint32_t disc;         /* variant, option, result, enum: the discriminant's bytes */
    uint32_t payload;      /* variant, option, result: the payload's offset */
    uint32_t *offsets;     /* record, tuple: each member's offset (owned) */
    uint32_t flat_count;   /* its flat core values, IFACE_MAX_FLAT + 1 if more */
} iface_layout;

#define IFACE_MAX_FLAT 1000

typedef struct iface {
    uint32_t version;
    char *component;
    it_typedesc *types;  /* the type table; signatures point into it */
    uint32_t *depths;    /* types[i] nests depths[i] levels (1: a primitive) */
    iface_layout *layouts; /* types[i]'s layout */
    size_t type_count;
    it_signature *exports;
    size_t export_count;
    it_signature *imports;
    size_t import_count;
    iface_module *modules;
    size_t module_count;
} iface;

/* Where a parse failed: byte offset in the section and what. */
typedef struct iface_failure {
    it_status status; /* IT_ERR_INTERFACE, IT_ERR_VERSION, IT_ERR_NO_MEMORY */
    size_t offset;
    char what[160];
} iface_failure;

/* Finds the it.interface custom section in a wasm binary that wrt has
 * already decoded (so section headers are well-formed). Returns how many
 * there are; payload and payload_size describe the first. */
size_t iface_find_section(const uint8_t *bytes, size_t size,
                          const uint8_t **payload, size_t *payload_size);
/* Parses a section payload into `out` (zeroed first). On failure fills
 * `failure`, frees what was built and returns its status. */
it_status iface_parse(const uint8_t *bytes, size_t size, iface *out,
                      iface_failure *failure);
void iface_free(iface *parsed);

/* The lowered core type of an IT type kind (u1..u32, i32 -> i32, ...). */
wrt_valtype iface_lowered(it_type type);
/* Whether a byte is the code of a primitive / of a type constructor. */
bool iface_type_primitive(uint8_t code);
bool iface_type_constructor(uint8_t code);
/* Structural equality: kinds, labels and member types (not the names of
 * definitions), as the Component Model compares types. */
bool iface_same_type(const it_typedesc *a, const it_typedesc *b);
/* The layout of a type of `table` (a pointer into table->types). */
const iface_layout *iface_layout_of(const iface *table, const it_typedesc *type);
/* Its flat core types, if at most `max` (returns the count, IFACE_MAX_FLAT
 * + 1 past it, SIZE_MAX if out of memory). */
size_t iface_flatten(const iface *table, const it_typedesc *type, wrt_valtype *out, size_t max);
/* Deepest type nesting an adapter may use (as itlc's): the conversions
 * recurse over types, so this bounds their stack. */
#define IFACE_MAX_TYPE_DEPTH 100
#define IFACE_MAX_FLAGS 32
/* Appends "(s32, u1) -> (string)" to `buffer` (NUL-terminated, truncated). */
void iface_signature_text(const it_signature *signature, char *buffer,
                          size_t size);
bool iface_same_signature(const it_signature *a, const it_signature *b);

/* --------------------------------------------------------------- utf8.c */

/* The first invalid UTF-8 sequence in bytes[0, size): false if there is
 * one, with its offset and what is wrong (a static string). The fastest
 * version this CPU runs. */
bool utf8_check(const uint8_t *bytes, size_t size, size_t *bad_offset,
                const char **why);
/* Each version, for tests/utf8 and the bench: the same answers, offsets
 * and reasons. The scalar one is the reference; the others only on a CPU
 * with SSSE3 (resp. AVX2). */
bool utf8_check_scalar(const uint8_t *bytes, size_t size, size_t *bad_offset,
                       const char **why);
#if defined(__x86_64__)
bool utf8_check_ssse3(const uint8_t *bytes, size_t size, size_t *bad_offset,
                      const char **why);
bool utf8_check_avx2(const uint8_t *bytes, size_t size, size_t *bad_offset,
                     const char **why);
/* Their vector halves alone: true if valid, else false with where the
 * scalar check resumes: the start of the 64-byte chunk (or of the shorter
 * rest) where the first error showed, or `size` if the input ends inside a
 * sequence. */
bool utf8_scan_ssse3(const uint8_t *bytes, size_t size, size_t *resume);
bool utf8_scan_avx2(const uint8_t *bytes, size_t size, size_t *resume);
#endif
/* Which version utf8_check runs on strings of 16 bytes or more: "avx2",
 * "ssse3" or "scalar". */
const char *utf8_check_kind(void);

/* ------------------------------------------------------------- values.c */

/* A value of a constructed type, copied into one block: `root` and the
 * members it points at (then the string bytes) all live in it, and it is
 * freed as one. `type` is what it was checked against (it belongs to an
 * adapter, which lives as long as the context). */
typedef struct host_value {
    const it_typedesc *type;
    it_value root;
    it_value members[];
} host_value;

/* How much a copy takes besides the root: member values and string bytes. */
typedef struct value_size {
    size_t values, bytes;
} value_size;

/* Why a value is not of its type: `what` ("must be f64, got s32") at
 * `path` below the value (".x[2]", see value_failure_path). */
typedef struct value_failure {
    it_status status; /* IT_ERR_TYPE, IT_ERR_UTF8, IT_ERR_ARGUMENT, IT_ERR_NO_MEMORY */
    char what[200];
    char path[256];
    size_t path_start;
} value_failure;

/* The C size of one element of a list of numbers of this kind (packed in
 * of.list.data), or 0 if a list of it holds it_values. */
size_t value_number_size(it_type kind);
/* Checks a value given from C against `type` (every member, to the leaves)
 * and adds the room its copy needs to *size; false with *failure filled. */
bool value_check(const it_typedesc *type, const it_value *value, value_size *size,
                 value_failure *failure);
const char *value_failure_path(const value_failure *failure);
/* A copy of a checked value in one block (NULL if out of memory). */
host_value *value_copy(const it_typedesc *type, const it_value *value, const value_size *size);
/* The payload type of case `index` of a variant, option or result (NULL:
 * none); *valid says whether the type has that case. */
const it_typedesc *value_case_type(const it_typedesc *type, uint32_t index, bool *valid);

/* -------------------------------------------------------------- canon.c */

/* What the canonical ABI functions of _it_runtime work on: one core
 * module's memory, the type table, the core module's realloc. */
typedef struct canon_context {
    const iface *table;
    wrt_store *store;
    wrt_memory *memory;
    const char *where;   /* "sample.wasm memory 'memory'", for messages */
    wrt_func *realloc;   /* NULL: lowering a string or list traps */
    uint64_t budget;     /* string bytes and list elements a lift may still copy */
    it_status status;    /* on failure: IT_ERR_TRAP, IT_ERR_NO_MEMORY, ... */
    char error[400];
} canon_context;

/* The value of `type` stored at `pointer` in the canonical layout, checked
 * (bounds, alignment, cases, chars, UTF-8) and copied; NULL on failure. */
host_value *canon_lift(canon_context *cx, const it_typedesc *type, uint32_t pointer);
/* The value from its flat core values (flats[i] of the i-th flat type). */
host_value *canon_lift_flat(canon_context *cx, const it_typedesc *type, const wrt_raw *flats);
/* Stores `value` (checked to be of `type`) at `pointer`, allocating its
 * strings and lists with the realloc; false on failure. */
bool canon_lower(canon_context *cx, const it_typedesc *type, const it_value *value, uint32_t pointer);
/* Its flat core values into flats[0, flat count). */
bool canon_lower_flat(canon_context *cx, const it_typedesc *type, const it_value *value, wrt_raw *flats);

/* --------------------------------------------------------------- refs.c */

/* Host references handed to wasm as externref values: strings, values of
 * constructed types and core instances. An externref is never a pointer to host memory but an id
 * (generation << 32 | slot + 1), so a stale or foreign value is detected
 * (ref_get returns NULL) instead of being dereferenced. */
typedef enum ref_kind { REF_FREE, REF_STRING, REF_CORE, REF_VALUE } ref_kind;

/* An immutable UTF-8 string; data[size] is '\0'. */
typedef struct host_string {
    size_t size;
    char data[];
} host_string;

/* A core module instance loaded by load_wasm. */
typedef struct core_instance {
    wrt_instance *instance;
    char *path; /* as in it.interface */
    const it_component *owner;
} core_instance;

typedef struct ref_slot {
    void *object;
    uint32_t generation;
    uint8_t kind;   /* ref_kind */
    uint8_t freed;  /* REF_FREE: the kind it held last, for messages */
    bool pinned;    /* kept until the context dies (handles, core instances) */
    uint32_t next_free;
} ref_slot;

/* One handle of ref_to_i32: belongs to one component. */
typedef struct handle_entry {
    const it_component *owner;
    void *ref;
} handle_entry;

typedef struct ref_table {
    ref_slot *slots;
    uint32_t slot_count, slot_capacity;
    uint32_t free_head;      /* slot index + 1; 0: none */
    uint32_t *young;         /* unpinned slots made since the last sweep: a
                                stack, young_count is its height */
    size_t young_count, young_capacity;
    size_t young_floor;      /* marks below this belong to an enclosing call
                                into wasm (a nested it_call sets it) */
    size_t live_strings;     /* strings and values not yet freed (for tests) */
    handle_entry *handles;   /* handle h is handles[h - 1] */
    uint32_t handle_count, handle_capacity;
    uint32_t *handle_index;  /* open-addressed (owner, ref) -> handle */
    uint32_t handle_index_capacity;
} ref_table;

void refs_free(ref_table *refs);
/* A new string holding a copy of bytes[0, size) (UTF-8 already checked);
 * NULL if out of memory. Unpinned: freed by a scope_exit or a refs_sweep. */
void *refs_new_string(ref_table *refs, const char *bytes, size_t size);
/* The same for a value (taken over: freed with the reference, or at once
 * if this fails). */
void *refs_new_value(ref_table *refs, host_value *value);
/* A pinned reference to a core instance; NULL if out of memory. */
void *refs_new_core(ref_table *refs, core_instance *core);
/* The object behind `ref` if it is live and of `kind`, else NULL. */
void *refs_get(const ref_table *refs, void *ref, ref_kind kind);
/* What `ref` is, for messages: "null", "a string", "a core module instance",
 * "a string no longer alive (...)", "not a reference". */
const char *refs_describe(const ref_table *refs, void *ref);
/* Frees the unpinned references listed below position `below` of the young
 * stack and moves the rest down (refs_sweep(refs, refs->young_count) frees
 * them all); gives back the list's memory if it grew past REFS_YOUNG_KEPT
 * entries and is mostly empty now. */
void refs_sweep(ref_table *refs, size_t below);
#define REFS_YOUNG_KEPT 4096

/* Why refs_scope_exit refused (docs/abi.md, scope_exit). */
typedef enum scope_status {
    SCOPE_OK,
    SCOPE_BAD_KEEP,     /* keep is neither null nor a live string */
    SCOPE_BELOW_FLOOR,  /* mark < young_floor */
    SCOPE_ABOVE_HEIGHT, /* mark > young_count */
} scope_status;

/* scope_exit: frees every unpinned string listed above `mark` except `keep`
 * (NULL: none), which moves down to position `mark` so it belongs to the
 * enclosing scope. Checks everything before freeing anything. */
scope_status refs_scope_exit(ref_table *refs, uint32_t mark, void *keep);
/* The handle of `ref` for `owner` (the same handle for the same pair),
 * pinning it; 0 if out of memory or out of handles. */
uint32_t refs_handle(ref_table *refs, const it_component *owner, void *ref);
/* The reference of `handle` if `owner` made it; false otherwise. */
bool refs_from_handle(const ref_table *refs, const it_component *owner,
                      uint32_t handle, void **ref);

/* component.c: an adapter's core value (the cell of its lowered type) and
 * the it_value of IT type `type`, as exports and host functions convert
 * them. cell_lift checks the value (false, with what is wrong in `why`);
 * cell_lower leaves references NULL: cell_reference makes one for a
 * checked string or aggregate (NULL if out of memory). */
bool cell_lift(const ref_table *refs, const it_typedesc *type, const wrt_raw *cell, it_value *out, char *why,
               size_t why_size);
void cell_lower(const it_value *value, wrt_raw *cell);
void *cell_reference(ref_table *refs, const it_typedesc *type, const it_value *value, const value_size *size);


/* ----------------------------------------------------------- component.c */

/* A definition made by it_define_*: satisfies imports by name. */
typedef enum definition_kind {
    DEFINE_HOST,
    DEFINE_FUNC,
    DEFINE_COMPONENT
} definition_kind;

typedef struct definition {
    definition_kind kind;
    char *module;
    char *name; /* NULL for DEFINE_COMPONENT */
    it_signature signature; /* DEFINE_HOST: owns its type arrays */
    bool any_signature;     /* DEFINE_HOST by it_define_host_any: serves any */
    it_host_func callback;
    void *user;
    const it_func *func;
    const it_component *component;
} definition;

/* A host function serving one import of one component. */
typedef struct host_binding {
    it_context *context;
    const it_signature *import;
    it_host_func callback;
    void *user;
    char *label; /* "fizzbuzz import console.log" */
} host_binding;

/* (core instance handle, memory name pointer) -> memory, cached. */
typedef struct memory_entry {
    int32_t handle;
    int32_t name_pointer;
    wrt_memory *memory;
    char *where; /* "fizz.wasm memory 'memory'" */
} memory_entry;

struct it_func {
    it_component *component;
    const it_signature *signature;
    wrt_func *raw;  /* the adapter's function export */
    size_t cell_count; /* wrt_func_raw_count(raw), for it_call */
    bool plain;        /* only plain numbers cross (it_call's fast path, call_plain) */
    char *label;    /* "fizz.isFizz" */
};

/* The _it_runtime functions: X(name, params, results) as core type letters
 * (i = i32, I = i64, e = externref). */
#define RUNTIME_LIST(X)                                                        \
    X(load_wasm, "ii", "e")                                                    \
    X(set_table_func, "iei", "")                                               \
    X(ref_to_i32, "e", "i")                                                    \
    X(i32_to_ref, "i", "e")                                                    \
    X(string_len, "e", "i")                                                    \
    X(mem_to_string, "iiii", "e")                                              \
    X(string_to_mem, "iiei", "")                                               \
    X(mem_load, "iiii", "I")                                                   \
    X(mem_store, "iiiiI", "")                                                  \
    X(scope_enter, "", "i")                                                    \
    X(scope_exit, "ei", "e")                                                   \
    X(value_lift, "iiii", "e")                                                 \
    X(value_lower, "iiiiei", "")                                               \
    X(value_lift_flat, "iiii", "e")                                            \
    X(value_lower_flat, "iiiiei", "")                                          \
    X(string_const, "i", "e")                                                  \
    X(value_make, "iii", "e")                                                  \
    X(value_take, "eiii", "i")

typedef enum runtime_id {
#define RUNTIME_ENUM(name, params, results) RUNTIME_##name,
    RUNTIME_LIST(RUNTIME_ENUM)
#undef RUNTIME_ENUM
    RUNTIME_COUNT
} runtime_id;

struct it_component {
    it_context *context;
    const it_adapter *adapter;
    wrt_instance *instance;
    wrt_memory *memory; /* _it_memory, or NULL */
    wrt_table *table;   /* _it_table (of funcref), or NULL */
    wrt_table *refs_table; /* _it_refs (of externref), or NULL */
    it_func *funcs;     /* one per export, it.interface order */
    core_instance **cores; /* every core instance load_wasm made */
    size_t core_count;
    memory_entry *memories;
    size_t memory_count, memory_capacity, last_memory;
    host_binding **bindings;
    size_t binding_count, binding_capacity;
    size_t core_capacity;
};

struct it_adapter {
    it_context *context;
    char *file; /* base name, for messages */
    char *dir;  /* absolute directory core modules resolve against */
    wrt_module *module;
    iface interface;
    /* interface.exports sorted by name, interface.imports by (module,
     * name): every lookup by name is a binary search, so loading an
     * adapter is O(n log n) in its export and import counts. */
    const it_signature **exports_by_name, **imports_by_name;
};

struct it_context {
    wrt_engine *engine;
    wrt_store *store;
    it_error error;
    char *message;          /* owned text of error.message */
    uint64_t error_serial;  /* counts recorded errors */
    definition *definitions;
    size_t definition_count, definition_capacity;
    it_adapter **adapters;
    size_t adapter_count, adapter_capacity;
    it_component **components;
    size_t component_count, component_capacity;
    ref_table refs;
    unsigned depth;          /* calls into wasm in progress */
    size_t call_base;        /* young strings older than the outermost call
                                in progress: the previous call's, freed as
                                this one returns */
    /* Why the last wrt call trapped, when a runtime or host function of
     * ours made it trap (wrt only knows "host function trapped"). */
    it_status pending_status;
    char *pending_message;
    bool pending_verbatim; /* a host function's failure: message unchanged */
    /* WASI for core modules: the current view, and the ones it replaced
     * (their functions may still be imported by live instances). */
    struct wrt_wasi *wasi; /* wrt_wasi.h */
    struct wrt_wasi **old_wasi;
    size_t old_wasi_count;
};

/* Records an error on the context (printf-style) and returns `status`. */
it_status context_fail(it_context *context, it_status status,
                       const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* The status for a failure the engine reported: out of memory, a limit, an
 * interruption, or `otherwise`. */
it_status status_of_wrt(const wrt_error *error, it_status otherwise);
/* Records the reason a runtime or host function is about to trap. */
void context_set_pending(it_context *context, it_status status,
                         const char *message);
/* Appends a pointer to a growable array; false if out of memory. */
bool array_push(void *array_pointer, size_t *count, size_t *capacity,
                size_t item_size, const void *item);
char *text_copy(const char *text);
/* A malloc'd copy of `path` normalised lexically as Node's path.normalize
 * does: no empty or `.` segments, `..` removes the segment before it (never
 * above the root of an absolute path), no trailing slash; "." if nothing is
 * left of a relative path. NULL if out of memory. */
char *path_normalised(const char *path);
char *text_format(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
/* The file at `path` (adapter or core module) in a malloc'd buffer, read by
 * tools/read_file: regular files only, at most READ_FILE_MAX bytes; "-" is
 * a file of that name, not standard input. NULL with errno set on failure
 * (say it with read_file_strerror). */
uint8_t *file_read(const char *path, size_t *size);

/* ------------------------------------------------------------- runtime.c */

/* Creates the component's _it_runtime host functions. */
it_status runtime_create(it_component *component, wrt_func **funcs);
#define RUNTIME_MAX_PARAMS 6
/* The core type of runtime function `id`: fills params (room for
 * RUNTIME_MAX_PARAMS) and results (room for 1), and `out` pointing at them. */
void runtime_type(runtime_id id, wrt_valtype *params, wrt_valtype *results,
                  wrt_functype *out);
const char *runtime_name(runtime_id id);

#endif /* IT_LOADER_INTERNAL_H */
