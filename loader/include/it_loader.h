/* it_loader.h: the public C API of the native Interface Types loader (docs/loader.md, docs/abi.md). */
#ifndef IT_LOADER_H
#define IT_LOADER_H

/*
 * WHAT IT DOES
 *
 *   Loads adapted components (an adapter it_NAME.wasm written by itlc plus
 *   the core modules it names, see docs/abi.md) on the wrt engine and lets C
 *   call their exports with C values: `bool`, integers, floats, UTF-8
 *   strings. No wasm knowledge is needed.
 *
 *     it_context *context;      -- owns everything below
 *     it_adapter *adapter;      -- a parsed adapter file: names and IT signatures
 *     it_component *component;  -- an adapter instantiated, its core modules loaded
 *     it_func *func;            -- one export of a component, looked up once
 *
 * OWNERSHIP (the one rule)
 *
 *   - The context from it_context_new is YOURS: release it with
 *     it_context_delete. It is the only object you free.
 *   - Adapters, components and funcs BELONG TO THEIR CONTEXT and live until
 *     it_context_delete.
 *   - Everything you pass in (paths, names, wasm bytes, type arrays, string
 *     arguments of it_call, string results of host functions) is COPIED
 *     before the call returns: you may free or reuse it right after.
 *   - Everything you are handed is BORROWED:
 *       * names and signatures (it_signature, it_adapter_name, ...) from the
 *         adapter, valid until it_context_delete;
 *       * the error record (it_context_error) until the next failing call on
 *         the context;
 *       * a string RESULT of it_call (it_value.of.string) until the next
 *         OUTERMOST call into the context RETURNS (an it_call or
 *         it_instantiate made outside any host function), or
 *         it_context_delete: so it may be an argument of that next call
 *         (f(g(x)) as two calls), even several times, and its host
 *         functions may read it; the result of an it_call made INSIDE a
 *         host function at least until that host function returns;
 *       * a string ARGUMENT of a host function until that host function
 *         returns (copy it to keep it).
 *     Strings the loader hands you are UTF-8, not NUL-terminated by
 *     contract (use `size`), though data[size] happens to be '\0'; they may
 *     contain NUL bytes.
 *   - Strings made by wasm code are freed as the adapter function that
 *     made them returns (_it_runtime.scope_enter/scope_exit, docs/abi.md
 *     "String lifetime"), so one long call stays bounded; what is left of a
 *     call is freed when the next outermost call returns, so memory stays
 *     bounded however many calls you make. (A string a component keeps in a
 *     handle, through _it_runtime.ref_to_i32, lives as long as the context.)
 *
 * ERRORS
 *
 *   Functions that can fail return an it_status (IT_OK == 0), marked
 *   warn_unused_result. The details of the last failure are kept once, on the
 *   context: it_context_error(context)->message says where and what, e.g.
 *   "it_fizzbuzz.wasm: fizzbuzz imports fizz.isFizz, which was not provided"
 *   or "fizz.fizzStr: mem_to_string: invalid UTF-8 in fizz.wasm memory
 *   'memory' at offset 1030 (string at 1024, 8 bytes): overlong encoding".
 *   No function of this API crashes, exits or longjmps on bad input.
 *
 * THREADS
 *
 *   A context and everything in it is used by one thread at a time, except
 *   it_context_interrupt, which any thread (or a signal handler) may call.
 *
 * UNTRUSTED COMPONENTS (docs/loader.md, "Security model")
 *
 *   A component cannot read or write outside its own linear memories, and
 *   its traps come back as IT_ERR_TRAP. To bound what it may take, give the
 *   context limits (it_context_set_limits: memory, tables, instances,
 *   stack) and stop a call that runs too long from another thread with
 *   it_context_interrupt (IT_ERR_INTERRUPTED).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define IT_MUST_USE __attribute__((warn_unused_result))
#else
#define IT_MUST_USE
#endif

/* The library's version (the Makefile's VERSION; libitloader.so.MAJOR). */
#define IT_LOADER_VERSION_MAJOR 0
#define IT_LOADER_VERSION_MINOR 1
#define IT_LOADER_VERSION_PATCH 0
#define IT_LOADER_VERSION "0.1.0"
/* The it.interface section version this loader reads (docs/abi.md). */
#define IT_ABI_VERSION 3

/* ---------------------------------------------------------------- status */

/* X(name, message): every way a call can fail. */
#define IT_STATUS_LIST(X)                                                      \
    X(IT_OK, "ok")                                                             \
    X(IT_ERR_NO_MEMORY, "out of memory")                                       \
    X(IT_ERR_ARGUMENT, "invalid argument")                                     \
    X(IT_ERR_FILE, "cannot read file")                                         \
    X(IT_ERR_WASM, "not a valid wasm module")                                  \
    X(IT_ERR_INTERFACE, "missing or malformed it.interface section")           \
    X(IT_ERR_VERSION, "unsupported it.interface version")                      \
    X(IT_ERR_ADAPTER, "adapter does not follow the ABI")                       \
    X(IT_ERR_MISSING_IMPORT, "import not provided")                            \
    X(IT_ERR_IMPORT_TYPE, "import signature mismatch")                         \
    X(IT_ERR_NOT_FOUND, "no such export")                                      \
    X(IT_ERR_TYPE, "wrong argument count or type")                             \
    X(IT_ERR_UTF8, "invalid UTF-8")                                            \
    X(IT_ERR_TRAP, "trap")                                                     \
    X(IT_ERR_HOST, "host function failed")                                     \
    X(IT_ERR_INTERRUPTED, "interrupted")                                       \
    X(IT_ERR_LIMIT, "resource limit exceeded")

typedef enum it_status {
#define IT_STATUS_ENUM(name, message) name,
    IT_STATUS_LIST(IT_STATUS_ENUM)
#undef IT_STATUS_ENUM
    IT_STATUS_COUNT
} it_status;

/* The fixed message of a status ("import not provided", ...); never NULL. */
const char *it_status_message(it_status status);

/* The details of the last failure on a context (borrowed, see OWNERSHIP). */
typedef struct it_error {
    it_status status;    /* IT_OK if nothing failed yet */
    const char *message; /* full text, NUL-terminated, never NULL */
} it_error;

/* ---------------------------------------------------------------- types */

/* X(name, code in it.interface, IT name): the primitive IT types
 * (docs/abi.md). IT_U1 is bool (u1, its older name, is an alias). */
#define IT_TYPE_LIST(X)                                                        \
    X(IT_U1, 0x01, "bool")                                                     \
    X(IT_S8, 0x02, "s8")                                                       \
    X(IT_U8, 0x03, "u8")                                                       \
    X(IT_S16, 0x04, "s16")                                                     \
    X(IT_U16, 0x05, "u16")                                                     \
    X(IT_S32, 0x06, "s32")                                                     \
    X(IT_U32, 0x07, "u32")                                                     \
    X(IT_S64, 0x08, "s64")                                                     \
    X(IT_U64, 0x09, "u64")                                                     \
    X(IT_F32, 0x0a, "f32")                                                     \
    X(IT_F64, 0x0b, "f64")                                                     \
    X(IT_STRING, 0x0c, "string")                                               \
    X(IT_CHAR, 0x0d, "char")                                                   \
    X(IT_I32, 0x10, "i32")                                                     \
    X(IT_I64, 0x11, "i64")

/* The same for the type constructors: a value of one of these kinds has an
 * it_typedesc saying what its members are. */
#define IT_CTOR_LIST(X)                                                        \
    X(IT_RECORD, 0x40, "record")                                               \
    X(IT_TUPLE, 0x41, "tuple")                                                 \
    X(IT_LIST, 0x42, "list")                                                   \
    X(IT_ENUM, 0x43, "enum")                                                   \
    X(IT_FLAGS, 0x44, "flags")                                                 \
    X(IT_VARIANT, 0x45, "variant")                                             \
    X(IT_OPTION, 0x46, "option")                                               \
    X(IT_RESULT, 0x47, "result")

/* The kind of an IT type: a primitive, or a constructor. */
typedef enum it_type {
#define IT_TYPE_ENUM(name, code, text) name = code,
    IT_TYPE_LIST(IT_TYPE_ENUM)
    IT_CTOR_LIST(IT_TYPE_ENUM)
#undef IT_TYPE_ENUM
    IT_TYPE_NONE = 0, /* never a valid type */
    IT_BOOL = IT_U1
} it_type;

/* "bool", "record", ...; NULL for a value that is not an it_type. */
const char *it_type_name(it_type type);
/* The primitive type named `name` ("s32", "bool" or its alias "u1"), or IT_TYPE_NONE. */
it_type it_type_from_name(const char *name);

/* A whole IT type (docs/abi.md "Types"), as an adapter's it.interface
 * defines it (borrowed from the adapter). Members, by kind:
 *   IT_RECORD   the fields, in order: label and type
 *   IT_TUPLE    the elements (label NULL)
 *   IT_LIST, IT_OPTION   one: the element type (label NULL)
 *   IT_ENUM, IT_FLAGS    the case / flag labels (type NULL)
 *   IT_VARIANT  the cases: label, and type NULL for a case without payload
 *   IT_RESULT   two: "ok" and "err", type NULL for a side without one
 *   primitives  none */
typedef struct it_typedesc it_typedesc;
typedef struct it_member {
    const char *label;
    const it_typedesc *type;
} it_member;
struct it_typedesc {
    it_type kind;
    const char *name; /* the name of its (types ...) definition, or NULL */
    size_t member_count;
    const it_member *members;
};

/* Writes the type as text ("u32", "point", "(list string)") into buffer
 * (NUL-terminated, truncated to size). */
void it_typedesc_text(const it_typedesc *type, char *buffer, size_t size);

/* UTF-8 text with a length; `data` may be NULL when `size` is 0. */
typedef struct it_string {
    const char *data;
    size_t size;
} it_string;

/* A value of an IT type: `type` says which member of `of` holds it. A
 * narrow integer is its C type, so it is always in range. A value of a
 * constructed type points at its members (arrays you own when you pass
 * them in; borrowed, like strings, when the loader hands them out). */
typedef struct it_value it_value;
struct it_value {
    it_type type;
    union {
        bool u1;
        int8_t s8;
        uint8_t u8;
        int16_t s16;
        uint16_t u16;
        int32_t s32;
        uint32_t u32;
        int64_t s64;
        uint64_t u64;
        float f32;
        double f64;
        it_string string;
        uint32_t code_point; /* IT_CHAR: a Unicode scalar value */
        int32_t i32;
        int64_t i64;
        uint32_t case_index; /* IT_ENUM: the case, 0-based */
        uint32_t flags;      /* IT_FLAGS: bit i is flag i */
        struct {
            const it_value *items; /* IT_RECORD: the fields in order; IT_TUPLE, IT_LIST: the elements */
            size_t count;
            /* IT_LIST of numbers (s8 u8 s16 u16 s32 u32 s64 u64 i32 i64 f32
             * f64): the elements packed as their C types (int8_t ...
             * double), one copy. The loader hands such lists out this way
             * (items NULL); you may pass either (items, or items NULL and
             * data). */
            const void *data;
        } list;
        struct {
            uint32_t index;          /* the case; IT_OPTION: 0 none, 1 some; IT_RESULT: 0 ok, 1 err */
            const it_value *payload; /* NULL for a case without one */
        } variant;
    } of;
};

/* Constructors: it_value_s32(9), it_value_cstring("text"), ... */
#define IT_VALUE_CONSTRUCTORS(X)                                               \
    X(u1, IT_U1, bool)                                                         \
    X(s8, IT_S8, int8_t)                                                       \
    X(u8, IT_U8, uint8_t)                                                      \
    X(s16, IT_S16, int16_t)                                                    \
    X(u16, IT_U16, uint16_t)                                                   \
    X(s32, IT_S32, int32_t)                                                    \
    X(u32, IT_U32, uint32_t)                                                   \
    X(s64, IT_S64, int64_t)                                                    \
    X(u64, IT_U64, uint64_t)                                                   \
    X(f32, IT_F32, float)                                                      \
    X(f64, IT_F64, double)                                                     \
    X(i32, IT_I32, int32_t)                                                    \
    X(i64, IT_I64, int64_t)

#define IT_VALUE_CONSTRUCTOR(member, tag, ctype)                               \
    static inline it_value it_value_##member(ctype value)                      \
    {                                                                          \
        it_value result;                                                       \
        result.type = tag;                                                     \
        result.of.member = value;                                              \
        return result;                                                         \
    }
IT_VALUE_CONSTRUCTORS(IT_VALUE_CONSTRUCTOR)
#undef IT_VALUE_CONSTRUCTOR

static inline it_value it_value_string(const char *data, size_t size)
{
    it_value result;
    result.type = IT_STRING;
    result.of.string.data = data;
    result.of.string.size = size;
    return result;
}

/* A NUL-terminated C string (its bytes up to the NUL). */
it_value it_value_cstring(const char *text);

static inline it_value it_value_char(uint32_t code_point)
{
    it_value result;
    result.type = IT_CHAR;
    result.of.code_point = code_point;
    return result;
}

static inline it_value it_value_enum(uint32_t case_index)
{
    it_value result;
    result.type = IT_ENUM;
    result.of.case_index = case_index;
    return result;
}

static inline it_value it_value_flags(uint32_t flags)
{
    it_value result;
    result.type = IT_FLAGS;
    result.of.flags = flags;
    return result;
}

/* A record, tuple or list (kind) of `count` values at `items`. */
static inline it_value it_value_items(it_type kind, const it_value *items, size_t count)
{
    it_value result;
    result.type = kind;
    result.of.list.items = items;
    result.of.list.count = count;
    result.of.list.data = NULL;
    return result;
}

/* A list of numbers packed as their C types: `count` uint32_t at `data`
 * for a list<u32>, ... (see of.list.data). */
static inline it_value it_value_numbers(const void *data, size_t count)
{
    it_value result;
    result.type = IT_LIST;
    result.of.list.items = NULL;
    result.of.list.count = count;
    result.of.list.data = data;
    return result;
}

/* Element i of a list (or tuple) value whose elements are of kind
 * `element`, whichever way it holds them: items, or numbers packed in
 * of.list.data (as the loader hands lists of numbers out). */
static inline it_value it_value_element(const it_value *list, it_type element, size_t i)
{
    if (list->of.list.items) return list->of.list.items[i];
    const void *data = list->of.list.data;
    it_value v;
    v.type = element;
    v.of.u64 = 0;
    switch (element) {
    case IT_S8: v.of.s8 = ((const int8_t *)data)[i]; break;
    case IT_U8: v.of.u8 = ((const uint8_t *)data)[i]; break;
    case IT_S16: v.of.s16 = ((const int16_t *)data)[i]; break;
    case IT_U16: v.of.u16 = ((const uint16_t *)data)[i]; break;
    case IT_S32: v.of.s32 = ((const int32_t *)data)[i]; break;
    case IT_U32: v.of.u32 = ((const uint32_t *)data)[i]; break;
    case IT_I32: v.of.i32 = ((const int32_t *)data)[i]; break;
    case IT_S64: v.of.s64 = ((const int64_t *)data)[i]; break;
    case IT_U64: v.of.u64 = ((const uint64_t *)data)[i]; break;
    case IT_I64: v.of.i64 = ((const int64_t *)data)[i]; break;
    case IT_F32: v.of.f32 = ((const float *)data)[i]; break;
    case IT_F64: v.of.f64 = ((const double *)data)[i]; break;
    default: break; /* only numbers are packed */
    }
    return v;
}

/* A variant, option or result (kind) of case `index` with `payload` (NULL:
 * none): it_value_case(IT_OPTION, 1, &x) is some(x). */
static inline it_value it_value_case(it_type kind, uint32_t index, const it_value *payload)
{
    it_value result;
    result.type = kind;
    result.of.variant.index = index;
    result.of.variant.payload = payload;
    return result;
}

/* An export's or an import's name and IT signature (borrowed from its
 * adapter). */
typedef struct it_signature {
    const char *module; /* an import's namespace ("console"); NULL for exports */
    const char *name;   /* "log", "isFizz" */
    size_t param_count;
    const it_type *params;   /* the kinds */
    size_t result_count;
    const it_type *results;
    const it_typedesc *const *param_types; /* the whole types (NULL in a */
    const it_typedesc *const *result_types; /* host's it_define_host signature) */
} it_signature;

/* --------------------------------------------------------------- context */

typedef struct it_context it_context;
typedef struct it_adapter it_adapter;
typedef struct it_component it_component;
typedef struct it_func it_func;

/* A new, empty context (its own wrt engine and store). IT_ERR_NO_MEMORY. */
IT_MUST_USE it_status it_context_new(it_context **out);
/* Frees the context and every adapter, component, func and string in it. */
void it_context_delete(it_context *context);

/* The last failure on this context (borrowed). */
const it_error *it_context_error(const it_context *context);

/* What the components of a context may take together (every adapter and
 * core module instance counts: a component is one plus its core modules);
 * 0 in a field means no cap of the context's own (the engine's limits
 * still hold, docs/runtime.md "Limits"). */
typedef struct it_limits {
    uint64_t memory_bytes;   /* all linear memories together */
    uint64_t table_elements; /* all tables together */
    uint32_t instances;      /* wasm instances created */
    size_t stack_bytes;      /* stack wasm may use per call (never below the
                                calling thread's own limit) */
} it_limits;

/* Sets the context's limits (copied) for what is created or grown from now
 * on: past a cap, memory.grow in wasm returns -1, and instantiating a
 * component whose modules would exceed one fails with IT_ERR_LIMIT and a
 * message naming the cap. */
void it_context_set_limits(it_context *context, const it_limits *limits);

/* Stops the wasm code running in the context: the current outermost call
 * (it_call or it_instantiate) fails with IT_ERR_INTERRUPTED at the next
 * function entry or loop iteration of any of its modules, and the context
 * stays usable. If no call is running, the next one stops at once. Safe
 * from any thread and from a signal handler; the context must be alive. */
void it_context_interrupt(it_context *context);

/* WASI preview1 for the core modules (docs/loader.md, "WASI"): a core
 * module that imports wasi_snapshot_preview1 functions the ITL does not
 * adapt gets them from the context, one WASI view shared by every core
 * module of the context: these arguments, this environment, these
 * preopened directories, and the host's stdin, stdout and stderr. The
 * default (no call): no arguments, an empty environment, no directories. */
typedef struct it_wasi_config {
    size_t arg_count;
    const char *const *args; /* argv */
    size_t env_count;
    const char *const *env;  /* each "NAME=VALUE" */
    size_t dir_count;
    const char *const *dirs; /* each "HOST[::GUEST]": host directory HOST,
                                named GUEST in the guest (default HOST) */
    int stdio[3];            /* the host fds the guest's 0, 1, 2 are
                                (duplicated); -1 closes one; all three 0,
                                as in a zeroed config: the process's 0, 1, 2 */
} it_wasi_config;

/* Sets the WASI view (copied) for the components instantiated from now on.
 * IT_ERR_FILE if a directory cannot be opened, IT_ERR_ARGUMENT for an
 * environment entry that is not NAME=VALUE. */
IT_MUST_USE it_status it_context_set_wasi(it_context *context, const it_wasi_config *config);

/* --------------------------------------------------------------- adapters */

/* Reads the adapter at `path`, validates it and its it.interface section,
 * and checks that it follows docs/abi.md (function exports and imports with
 * the lowered types of their IT signatures, _it_init, _it_runtime imports
 * this loader provides). Runs no wasm code. Errors: IT_ERR_FILE,
 * IT_ERR_WASM, IT_ERR_INTERFACE, IT_ERR_VERSION, IT_ERR_ADAPTER. */
IT_MUST_USE it_status it_adapter_load(it_context *context, const char *path,
                                      it_adapter **out);
/* The same from bytes in memory. `path` (may be NULL) is the file the bytes
 * stand for: messages name its base name, and core modules resolve against
 * its directory (NULL: "adapter" in the current directory). */
IT_MUST_USE it_status it_adapter_from_bytes(it_context *context,
                                            const uint8_t *bytes, size_t size,
                                            const char *path, it_adapter **out);

/* The component name from it.interface ("fizz"). */
const char *it_adapter_name(const it_adapter *adapter);
/* The adapter file's base name ("it_fizz.wasm"). */
const char *it_adapter_file(const it_adapter *adapter);
/* The component's exports and imports, in it.interface order. */
size_t it_adapter_export_count(const it_adapter *adapter);
const it_signature *it_adapter_export(const it_adapter *adapter, size_t index);
size_t it_adapter_import_count(const it_adapter *adapter);
const it_signature *it_adapter_import(const it_adapter *adapter, size_t index);
/* The export named `name`, or NULL. */
const it_signature *it_adapter_find_export(const it_adapter *adapter,
                                           const char *name);
/* The core modules' paths, as written in it.interface. */
size_t it_adapter_module_count(const it_adapter *adapter);
const char *it_adapter_module_path(const it_adapter *adapter, size_t index);

/* ---------------------------------------------------------------- linking */

/* What a host function is handed on each call. */
typedef struct it_host_call {
    it_context *context;
    const it_signature *import; /* the import being served (module, name, types) */
    void *user;                 /* the pointer given to it_define_host */
} it_host_call;

/* A host function. `args` holds the import's parameters (strings borrowed
 * until it returns); `results` has room for its results, their `type`
 * already set: fill `of`. Return IT_OK, or fail with
 * `return it_host_fail(call, "why");`. A failure (or an error status from an
 * it_call it made) ends the call that led here with that status and message,
 * unchanged. */
typedef it_status (*it_host_func)(const it_host_call *call,
                                  const it_value *args, it_value *results);

/* Records `message` as the context's error (status IT_ERR_HOST) and returns
 * IT_ERR_HOST, for a host function to return. */
it_status it_host_fail(const it_host_call *call, const char *message);

/* Defines host function `module`.`name` with IT signature params -> results
 * for components instantiated from now on. An import with this name must
 * have exactly this signature (IT_ERR_IMPORT_TYPE at it_instantiate
 * otherwise). A later definition of the same name replaces this one. */
IT_MUST_USE it_status it_define_host(it_context *context, const char *module,
                                     const char *name, const it_type *params,
                                     size_t param_count, const it_type *results,
                                     size_t result_count, it_host_func callback,
                                     void *user);
/* Defines host function `module`.`name` for whatever signature the import
 * of that name has (read it from call->import: its param_types and
 * result_types): the way to serve imports of constructed types. The
 * callback gets the arguments as it_values of those types and fills
 * results whose `type` is set to the result kinds; what it hands back
 * (strings, members) is copied after it returns. */
IT_MUST_USE it_status it_define_host_any(it_context *context, const char *module,
                                         const char *name, it_host_func callback,
                                         void *user);

/* Makes every export of `provider` available as `module`.EXPORT to
 * components instantiated from now on: its adapter functions are passed
 * straight through (no conversion; the IT signatures must be equal). */
IT_MUST_USE it_status it_define_component(it_context *context,
                                          const char *module,
                                          const it_component *provider);
/* The same for one export, under `module`.`name`. */
IT_MUST_USE it_status it_define_func(it_context *context, const char *module,
                                     const char *name, const it_func *func);

/* ---------------------------------------------------------------- running */

/* Instantiates `adapter`: resolves each import of its it.interface from the
 * definitions above (IT_ERR_MISSING_IMPORT, IT_ERR_IMPORT_TYPE, naming
 * both sides), instantiates it with _it_runtime, and runs _it_init, which
 * loads the core modules (IT_ERR_TRAP naming the file and what, e.g. a
 * missing core file or an import the ITL does not adapt). */
IT_MUST_USE it_status it_instantiate(it_context *context,
                                     const it_adapter *adapter,
                                     it_component **out);
/* it_adapter_load then it_instantiate. */
IT_MUST_USE it_status it_load(it_context *context, const char *path,
                              it_component **out);

const it_adapter *it_component_adapter(const it_component *component);

/* The export named `name` (IT_ERR_NOT_FOUND). Look it up once, call it
 * many times. */
IT_MUST_USE it_status it_component_func(const it_component *component,
                                        const char *name, it_func **out);
const it_signature *it_func_signature(const it_func *func);

/* Calls `func`. The counts must equal the signature's and args[i].type the
 * i-th parameter type, string arguments must be valid UTF-8 (IT_ERR_TYPE,
 * IT_ERR_UTF8, naming the function and the argument); `results` gets the
 * results (types set; strings borrowed, see OWNERSHIP). A trap in the
 * component is IT_ERR_TRAP, its message naming the export (IT_ERR_INTERRUPTED
 * if it_context_interrupt stopped it). */
IT_MUST_USE it_status it_call(it_func *func, const it_value *args,
                              size_t arg_count, it_value *results,
                              size_t result_count);

#ifdef __cplusplus
}
#endif

#endif /* IT_LOADER_H */
