/* module.h: the decoded, immutable WebAssembly 2.0 module and its diagnostics. */
#ifndef WRT_MODULE_H
#define WRT_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Ownership and lifetime
 * ----------------------
 * module_decode() copies the input bytes into the module (module->bytes), so
 * the caller may free its buffer at once. Every pointer inside a wasm_module
 * (names, type arrays, segment payloads) points into memory the module owns,
 * and stays valid until module_delete(). After decoding, a module is never
 * written again: it may be validated, compiled and instantiated any number of
 * times, from any number of threads.
 *
 * Decoding checks the binary format (the spec's "malformed" errors) only.
 * validate_module() (validate.h) checks the typing rules ("invalid"). A module
 * must be validated before it is instantiated or compiled: the fields below
 * documented as "meaningful only after validation" (constant expressions)
 * are only guaranteed to be well-formed then.
 *
 * Index spaces follow the spec: imported functions/tables/memories/globals
 * come first, in import order, then the module's own definitions.
 */

/* ---- status codes (declared once, each with its message) ---- */

#define WASM_STATUS_LIST(X)                                          \
    X(WASM_OK,            "ok")                                      \
    X(WASM_MALFORMED,     "malformed module")    /* binary format */ \
    X(WASM_INVALID,       "invalid module")      /* typing rules */  \
    X(WASM_UNSUPPORTED,   "unsupported feature") /* e.g. SIMD, JIT bailout */ \
    X(WASM_OUT_OF_MEMORY, "out of memory")

typedef enum {
#define WASM_STATUS_ENUM(code, message) code,
    WASM_STATUS_LIST(WASM_STATUS_ENUM)
#undef WASM_STATUS_ENUM
} wasm_status;

/* The generic message of a status code ("malformed module", ...). */
const char *wasm_status_message(wasm_status status);

/* "No function": the value of wasm_diag.func_index for module-level errors. */
#define WASM_NO_FUNC UINT32_MAX

/*
 * The one diagnostic record of a decode/validate/compile run. Filled by the
 * first error only (later errors are ignored), so the caller sees the root
 * cause. `message` is the specific text in the wording of the spec tests
 * ("unexpected end", "integer too large", "type mismatch: expected i32,
 * got f64", "unknown function 3"), without the location.
 */
typedef struct {
    wasm_status status;      /* WASM_OK when nothing went wrong */
    uint32_t    func_index;  /* function index space, or WASM_NO_FUNC */
    size_t      offset;      /* byte offset in the module binary */
    char        message[240];
} wasm_diag;

/* Clears `diag` to WASM_OK. */
void wasm_diag_clear(wasm_diag *diag);

/* Records an error in `diag` unless it already holds one; returns `status`. */
wasm_status wasm_diag_set(wasm_diag *diag, wasm_status status,
                          uint32_t func_index, size_t offset,
                          const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Formats "function 3 at offset 0x2a: type mismatch: expected i32, got f64"
 * (or "at offset 0x2a: ..." without a function) into buffer. Returns buffer. */
char *wasm_diag_format(const wasm_diag *diag, char *buffer, size_t size);

/* ---- types ---- */

/* A value type, stored as its binary encoding byte. */
typedef uint8_t wasm_value_type;
enum {
    WASM_TYPE_NONE      = 0x00, /* "no value"/unknown (polymorphic stack) */
    WASM_TYPE_I32       = 0x7F,
    WASM_TYPE_I64       = 0x7E,
    WASM_TYPE_F32       = 0x7D,
    WASM_TYPE_F64       = 0x7C,
    WASM_TYPE_V128      = 0x7B, /* never produced: SIMD is rejected */
    WASM_TYPE_FUNCREF   = 0x70,
    WASM_TYPE_EXTERNREF = 0x6F
};

/* "i32", "funcref", ...; "unknown" for WASM_TYPE_NONE and bad bytes. */
const char *wasm_value_type_name(wasm_value_type type);
/* True for funcref/externref. */
bool wasm_value_type_is_ref(wasm_value_type type);

/* A function type. `params` and `results` point into module-owned memory. */
typedef struct {
    uint32_t               param_count;
    uint32_t               result_count;
    const wasm_value_type *params;
    const wasm_value_type *results;
    /* The smallest type index of this module with the same signature, so
     * that call_indirect inside one module compares two integers. */
    uint32_t               canonical_index;
} wasm_func_type;

/* Limits of a table (in elements) or memory (in 64 KiB pages). */
typedef struct {
    uint32_t min;
    uint32_t max;      /* meaningful only if has_max */
    bool     has_max;
} wasm_limits;

typedef struct {
    wasm_value_type elem_type; /* WASM_TYPE_FUNCREF or WASM_TYPE_EXTERNREF */
    wasm_limits     limits;
} wasm_table_type;

typedef struct {
    wasm_limits limits;        /* pages; validation checks <= 65536 */
} wasm_memory_type;

typedef struct {
    wasm_value_type type;
    bool            mutable_;  /* `mutable` is a C++ keyword */
} wasm_global_type;

/* External kinds, as encoded in import/export descriptors. */
typedef enum {
    WASM_EXTERN_FUNC   = 0,
    WASM_EXTERN_TABLE  = 1,
    WASM_EXTERN_MEMORY = 2,
    WASM_EXTERN_GLOBAL = 3
} wasm_extern_kind;

/* "func", "table", "memory", "global". */
const char *wasm_extern_kind_name(wasm_extern_kind kind);

/* A name: UTF-8, validated, NUL-terminated copy (length excludes the NUL;
 * names may contain NUL bytes, so use `length`). */
typedef struct {
    const char *chars;
    uint32_t    length;
} wasm_name;

/* ---- constant expressions ---- */

/*
 * A constant expression (global initializer, segment offset, element item).
 * Wasm 2.0 allows exactly one constant instruction followed by `end`. The
 * decoder records the byte range and, when the expression has that shape,
 * the instruction; otherwise kind is WASM_CONST_OTHER and validation rejects
 * it ("constant expression required" / "type mismatch"). After validation,
 * kind is never WASM_CONST_OTHER and its type matches where it is used.
 */
typedef enum {
    WASM_CONST_OTHER = 0,   /* not a single constant instruction */
    WASM_CONST_I32,         /* value.i32 */
    WASM_CONST_I64,         /* value.i64 */
    WASM_CONST_F32,         /* value.f32_bits */
    WASM_CONST_F64,         /* value.f64_bits */
    WASM_CONST_REF_NULL,    /* value.ref_type: null of that type */
    WASM_CONST_REF_FUNC,    /* index: a function index */
    WASM_CONST_GLOBAL_GET   /* index: a global index (imported, immutable) */
} wasm_const_kind;

typedef struct {
    wasm_const_kind kind;
    uint32_t        index;          /* REF_FUNC, GLOBAL_GET */
    union {
        int32_t         i32;
        int64_t         i64;
        uint32_t        f32_bits;
        uint64_t        f64_bits;
        wasm_value_type ref_type;
    } value;
    uint32_t        offset;         /* first instruction byte in module bytes */
    uint32_t        end;            /* one past the terminating `end` (0x0B) */
} wasm_const_expr;

/* ---- module contents ---- */

typedef struct {
    wasm_name        module_name;
    wasm_name        field_name;
    wasm_extern_kind kind;
    /* The descriptor: which member is used depends on kind. */
    uint32_t         func_type_index;   /* WASM_EXTERN_FUNC */
    wasm_table_type  table;             /* WASM_EXTERN_TABLE */
    wasm_memory_type memory;            /* WASM_EXTERN_MEMORY */
    wasm_global_type global;            /* WASM_EXTERN_GLOBAL */
    uint32_t         index;             /* its index in its kind's index space */
} wasm_import;

typedef struct {
    wasm_name        name;
    wasm_extern_kind kind;
    uint32_t         index;             /* in kind's index space */
} wasm_export;

/* A run of locals of one type, as declared in the code section. */
typedef struct {
    uint32_t        count;
    wasm_value_type type;
} wasm_local_run;

/*
 * A function of the function index space. Imported ones have no body.
 * For defined functions, the body is the byte range [body_offset, body_end)
 * of module->bytes: instructions start at code_offset (after the local
 * declarations) and the last byte, at body_end - 1, is the final `end`
 * (checked by validation, not by the decoder).
 */
typedef struct {
    uint32_t              type_index;
    bool                  imported;
    /* Defined functions only: */
    uint32_t              body_offset;  /* first byte after the body size */
    uint32_t              code_offset;  /* first instruction */
    uint32_t              body_end;     /* one past the body's last byte */
    uint32_t              local_run_count;
    const wasm_local_run *local_runs;
    uint32_t              local_count;  /* sum of runs: declared locals, no params */
} wasm_func;

typedef enum {
    WASM_SEGMENT_ACTIVE,
    WASM_SEGMENT_PASSIVE,
    WASM_SEGMENT_DECLARATIVE            /* element segments only */
} wasm_segment_mode;

/*
 * An element segment. Every item is a constant expression of type elem_type:
 * the function-index encodings (flags 0-3) become WASM_CONST_REF_FUNC items.
 */
typedef struct {
    wasm_segment_mode      mode;
    wasm_value_type        elem_type;
    uint32_t               table_index; /* ACTIVE */
    wasm_const_expr        offset;      /* ACTIVE: i32 offset expression */
    uint32_t               item_count;
    const wasm_const_expr *items;
    uint32_t               section_offset; /* where the segment starts */
} wasm_elem_segment;

typedef struct {
    wasm_segment_mode mode;             /* ACTIVE or PASSIVE */
    uint32_t          memory_index;     /* ACTIVE */
    wasm_const_expr   offset;           /* ACTIVE: i32 offset expression */
    uint32_t          size;
    const uint8_t    *bytes;            /* `size` bytes inside module->bytes */
    uint32_t          section_offset;
} wasm_data_segment;

/* A global of the global index space. Defined globals have an initializer. */
typedef struct {
    wasm_global_type type;
    bool             imported;
    wasm_const_expr  init;              /* defined globals only */
} wasm_global;

typedef struct wasm_module {
    /* The module's own copy of the binary. */
    const uint8_t *bytes;
    size_t         size;

    uint32_t        type_count;
    wasm_func_type *types;

    uint32_t     import_count;
    wasm_import *imports;

    /* Index spaces (imports first). */
    uint32_t          func_count;
    uint32_t          imported_func_count;
    wasm_func        *funcs;
    uint32_t          table_count;
    uint32_t          imported_table_count;
    wasm_table_type  *tables;
    uint32_t          memory_count;
    uint32_t          imported_memory_count;
    wasm_memory_type *memories;
    uint32_t          global_count;
    uint32_t          imported_global_count;
    wasm_global      *globals;

    uint32_t     export_count;
    wasm_export *exports;

    bool     has_start;
    uint32_t start_func;

    uint32_t           elem_count;
    wasm_elem_segment *elems;

    bool               has_data_count;  /* a data count section was present */
    uint32_t           data_count;      /* its value, if present */
    uint32_t           data_segment_count;
    wasm_data_segment *data;

    /* From the `name` custom section: func_names[i].chars is NULL when
     * function i has no name. Always func_count entries. A malformed name
     * section is ignored (custom sections are not validated). */
    wasm_name *func_names;
    wasm_name  module_name;             /* chars NULL if absent */

    /* Byte range of the code section's contents (0, 0 if absent). */
    uint32_t code_section_offset;
    uint32_t code_section_end;
} wasm_module;

typedef wasm_module module_t;

/*
 * Decodes `size` bytes. On success returns WASM_OK and stores a new module
 * in *out (free it with module_delete). On failure returns the status
 * (WASM_MALFORMED, WASM_UNSUPPORTED, WASM_OUT_OF_MEMORY), fills `diag`, and
 * sets *out to NULL. `diag` may not be NULL.
 */
wasm_status module_decode(const uint8_t *bytes, size_t size,
                          wasm_module **out, wasm_diag *diag)
#if defined(__GNUC__)
    __attribute__((warn_unused_result))
#endif
    ;

/* Frees a module and everything it owns. NULL is allowed. */
void module_delete(wasm_module *module);

/* The function's type (any function index < func_count). */
static inline const wasm_func_type *module_func_type(const wasm_module *module,
                                                     uint32_t func_index)
{
    return &module->types[module->funcs[func_index].type_index];
}

/* The function's name from the name section, or NULL. */
static inline const char *module_func_name(const wasm_module *module,
                                           uint32_t func_index)
{
    return func_index < module->func_count ? module->func_names[func_index].chars
                                           : NULL;
}

#endif /* WRT_MODULE_H */
