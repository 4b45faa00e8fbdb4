/* itlc.h: internal declarations shared by the itlc stages
 * (lex -> parse -> check -> emit -> wasm_writer | wat, or check -> bindings,
 * driven by main).
 *
 * Ownership: everything a stage allocates comes from one arena (arena_alloc)
 * that main frees once at exit; no stage frees anything itself.
 * Errors: a stage reports each user error through diag_error (file:line:col,
 * message from errors.def) and returns ITLC_OK or the first error code.
 */
#ifndef ITLC_H
#define ITLC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "errors.def"
#include "forms.def"
#include "wasm_ops.def"

#define ITLC_VERSION "0.1.0" /* the project's version (Makefile VERSION), as wrun's and itrun's */
#define ITLC_ABI_VERSION 3

#if defined(__GNUC__)
#define ITLC_MUST_CHECK __attribute__((warn_unused_result))
#define ITLC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ITLC_MUST_CHECK
#define ITLC_PRINTF(f, a)
#endif

/* ---- arena.c: one allocator, freed once -------------------------------- */

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

/* Zeroed memory that lives until arena_free; aborts (exit 2) when out of memory. */
void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *text, size_t length);
char *arena_printf(arena *a, const char *format, ...) ITLC_PRINTF(2, 3);
/* Returns an array of at least count + 1 elements holding the first count of
 * items (moved if it had to grow); *capacity is updated. */
void *arena_grow(arena *a, void *items, size_t count, size_t *capacity, size_t element_size);
void arena_free(arena *a);

/* A byte string (not NUL-terminated in general; names may hold any UTF-8). */
typedef struct itlc_str {
    const char *bytes;
    size_t length;
} itlc_str;

bool str_equal(itlc_str a, itlc_str b);

/* A hash map from byte strings to uint32_t, in an arena: every lookup by
 * name in itlc (functions, modules, exports, labels, interned data, types)
 * is O(1), so compile time stays linear on any input. Keys are not copied:
 * they must live as long as the map (arena text does). */
typedef struct map_entry {
    const char *key; /* NULL: empty */
    size_t length;
    uint32_t value;
} map_entry;
typedef struct itlc_map {
    map_entry *entries;
    size_t count, capacity; /* capacity: 0 or a power of two */
} itlc_map;

/* The value stored for key[0, length), or NULL. */
uint32_t *map_find(const itlc_map *m, const char *key, size_t length);
/* The value of key[0, length), inserting `value` first if the key is new
 * (*inserted says which, if not NULL). */
uint32_t *map_insert(itlc_map *m, arena *a, const char *key, size_t length, uint32_t value, bool *inserted);
/* A key of two parts, "a\0b" in the arena (names hold no NUL byte). */
itlc_str map_pair_key(arena *a, itlc_str first, itlc_str second);
bool str_equal_cstr(itlc_str a, const char *b);

/* A growable byte buffer in the arena (wasm_writer.c). */
typedef struct bytes {
    uint8_t *data;
    size_t size, capacity;
} bytes;

void bytes_put(arena *a, bytes *b, const void *data, size_t size);
void bytes_byte(arena *a, bytes *b, uint8_t byte);
void bytes_uleb(arena *a, bytes *b, uint64_t value);
void bytes_sleb(arena *a, bytes *b, int64_t value);
void bytes_name(arena *a, bytes *b, itlc_str name); /* LEB length + bytes */
/* Appends printf-style text (no terminator). */
void bytes_printf(arena *a, bytes *b, const char *format, ...) ITLC_PRINTF(3, 4);
/* Appends the rest of `file` to `b` and closes it: 0, or the errno of a
 * failed read. */
/* Appends the regular file at `path`, read by tools/read_file (at most
 * READ_FILE_MAX bytes; devices, FIFOs and sockets refused without
 * blocking): 0, or an errno value for read_file_strerror. */
int bytes_read_path(arena *a, bytes *b, const char *path);

/* ---- diag.c: diagnostics ----------------------------------------------- */

typedef enum itlc_error {
    ITLC_OK = 0,
#define X(id, format) ITLC_ERR_##id,
    ITLC_ERRORS(X)
#undef X
} itlc_error;

/* A source position: 1-based line and column (columns count characters),
 * and the byte offset, for printing the line. line 0 means "no position". */
typedef struct itlc_loc {
    uint32_t line, column;
    size_t offset;
} itlc_loc;

typedef struct itlc_diag {
    const char *file;   /* name used in messages */
    const char *source; /* the file's text (may be NULL before it is read) */
    size_t source_size;
    FILE *out;          /* stderr */
    int error_count;
    int max_errors;     /* after this many, further errors are counted only */
} itlc_diag;

/* Prints "file:line:col: error: MESSAGE", the source line and a caret, and
 * counts the error. Returns code, so callers can `return diag_error(...)`. */
itlc_error diag_error(itlc_diag *d, itlc_loc loc, itlc_error code, ...);
/* The same as a "note:" attached to the previous error (not counted). */
void diag_note(itlc_diag *d, itlc_loc loc, itlc_error code, ...);
const char *diag_format(itlc_error code);

/* ---- check.c: types ----------------------------------------------------- */

typedef enum wasm_valtype {
    VAL_I32 = 0x7f,
    VAL_I64 = 0x7e,
    VAL_F32 = 0x7d,
    VAL_F64 = 0x7c,
    VAL_FUNCREF = 0x70,
    VAL_EXTERNREF = 0x6f,
} wasm_valtype;

/* What a value type is to arithmetic, literals and conversions (types.def). */
typedef enum type_kind {
    KIND_NONE,
    KIND_INTEGER,
    KIND_FLOAT,
    KIND_STRING,
    KIND_CHAR,      /* a Unicode scalar value in an i32 */
    KIND_LABELS,    /* enum (the case's index) or flags (a bit per flag) in an i32 */
    KIND_AGGREGATE, /* record, tuple, list, variant, option, result: a host value (externref) */
} type_kind;

/* An IT type: a primitive of types.def, or (from TYPE_DEFINED on) an entry
 * of the interned table of constructed types (types.c). */
typedef enum itlc_type {
    TYPE_NONE = 0,
#define X(id, name, code, kind, lowered, bits, is_signed, is_core, is_memory) TYPE_##id,
#include "types.def"
#undef X
    TYPE_BOTTOM,  /* the value of `unreachable`: matches any type */
    TYPE_ERROR,   /* an expression that already had an error: matches any type */
    TYPE_DEFINED, /* the first constructed type */
} itlc_type;

typedef enum type_ctor {
    CTOR_NONE = 0,
#define C(id, keyword, code, kind, lowered) CTOR_##id,
#include "types.def"
#undef C
    CTOR_COUNT
} type_ctor;

/* A member of a constructed type: a record field, a variant case, an enum
 * case or flag (no type), a tuple, list or option element (no label), the
 * ok and err sides of a result. type TYPE_NONE: none (a case without a
 * payload, an empty result side, a label). */
typedef struct type_member {
    itlc_str label;
    itlc_type type;
} type_member;

typedef struct type_info {
    const char *name; /* a primitive's, the definition's, or the rendered structure */
    bool named;       /* constructed: name comes from a (types ...) definition */
    uint8_t code;     /* it.interface: the primitive's byte or the constructor's */
    type_kind kind;
    wasm_valtype lowered; /* how the adapter holds a value */
    int bits;
    bool is_signed, is_core, is_memory;
    type_ctor ctor;   /* CTOR_NONE for primitives */
    const type_member *members;
    size_t member_count;
    uint32_t size, align; /* canonical ABI layout in memory (constructed types) */
    uint32_t depth;       /* 1 for a primitive, 1 + the deepest member's */
    uint32_t flat_count;  /* constructed: its canonical flat values, ITLC_MAX_VALUES + 1 if more */
} type_info;

/* Deepest type nesting allowed (loaders recurse over types; wasmtime's limit). */
#define ITLC_MAX_TYPE_DEPTH 100
/* Most flags in one flags type (one i32 of bits, as the canonical ABI allows). */
#define ITLC_MAX_FLAGS 32

/* Empties the table for a new compilation, whose arena holds its entries. */
void types_reset(arena *a);
const type_info *type_get(itlc_type type);
const char *type_name(itlc_type type);
/* Its structure, whatever its name: "(record (field x f64) (field y f64))". */
const char *type_structure(itlc_type type);
/* A primitive (or its alias bool) by name; TYPE_NONE if text names none. */
itlc_type type_lookup(itlc_str text);
bool type_is_integer(itlc_type type); /* u1 .. u64, i32, i64 */
bool type_is_float(itlc_type type);
bool type_is_numeric(itlc_type type); /* integer or float: what `as` converts */
bool type_is_ref(itlc_type type);     /* held as an externref: string and the aggregates */
type_ctor type_ctor_lookup(itlc_str keyword);
const char *type_ctor_keyword(type_ctor ctor);
/* The canonical ABI's flat core types of a value of `type` (docs/abi.md
 * "Flattening"): returns how many there are (ITLC_MAX_VALUES + 1 for more
 * than ITLC_MAX_VALUES) and writes them if that is at most `max`. */
size_t type_flatten(itlc_type type, wasm_valtype *out, size_t max);
/* Whether storing a value of `type` in memory allocates (it holds a string
 * or list). */
bool type_allocates(itlc_type type);
/* The constructed type with these members (interned: one index per structure). */
itlc_type type_intern(type_ctor ctor, const type_member *members, size_t count);
/* Names constructed type `type` `name` (arena text), unless it has a name
 * already: the first name given to a structure is the one it keeps. */
void type_set_name(itlc_type type, const char *name);
/* How many constructed types there are (types TYPE_DEFINED + 0 .. count - 1). */
size_t types_defined_count(void);

struct sx;
/* The type a type expression names: a primitive, a name from (types ...), or
 * a constructor form ((list u32), (option string), (record (field x f64))).
 * Reports and returns TYPE_NONE if it names none. */
itlc_type type_from_sx(itlc_diag *diag, const struct sx *node);
/* Registers the names defined by a (types ...) form (resolved on first use,
 * so they may refer to each other in any order). */
itlc_error types_declare(itlc_diag *diag, const struct sx *types_form);
/* Resolves every declared name (reporting errors in those never used). */
itlc_error types_resolve_all(itlc_diag *diag);

/* ---- lex.c: characters to tokens ---------------------------------------- */

typedef enum token_kind {
    TOKEN_OPEN,
    TOKEN_CLOSE,
    TOKEN_SYMBOL,
    TOKEN_STRING,
    TOKEN_INTEGER,
    TOKEN_EOF,
} token_kind;

typedef struct token {
    token_kind kind;
    itlc_loc loc;
    itlc_str text;      /* symbol or integer spelling; decoded string bytes */
    bool negative;      /* integer: sign and magnitude */
    uint64_t magnitude;
} token;

typedef struct lexer {
    const char *source;
    size_t size, pos;
    uint32_t line;
    size_t line_start;
    size_t column_at;       /* lex_loc's last offset on this line, and its */
    uint32_t column;        /* column: columns are counted on from there */
    itlc_diag *diag;
    arena *arena;
} lexer;

void lex_init(lexer *lx, const char *source, size_t size, itlc_diag *diag, arena *a);
/* Whether s[0..n) is valid UTF-8 (no overlong forms, surrogates or values past 10FFFF). */
bool lex_valid_utf8(const uint8_t *s, size_t n);
/* The next token. Recoverable errors (bad escapes) are reported and the token
 * is still returned; a fatal one (unterminated string or comment) returns its
 * code and an EOF token. */
itlc_error lex_next(lexer *lx, token *out) ITLC_MUST_CHECK;

/* ---- parse.c: tokens to S-expressions to declarations ------------------ */

typedef enum sx_kind {
    SX_LIST,
    SX_SYMBOL,
    SX_STRING,
    SX_INTEGER,
} sx_kind;

typedef struct sx {
    sx_kind kind;
    itlc_loc loc;
    itlc_str text;
    bool negative;
    uint64_t magnitude;
    struct sx **items;
    size_t count;
} sx;

typedef enum func_kind {
    FUNC_CORE,   /* a core module export, called through _it_table */
    FUNC_SHIM,   /* the adapter for a core module import */
    FUNC_IMPORT, /* a component import (an adapter import) */
    FUNC_HELPER, /* a component-local function */
    FUNC_EXPORT, /* a component export */
} func_kind;

typedef struct itlc_sig {
    itlc_type *params;
    size_t param_count;
    itlc_type *results;
    size_t result_count;
} itlc_sig;

struct itlc_module;
struct expr;

typedef struct itlc_func {
    func_kind kind;
    itlc_loc loc;              /* the (func ...) form */
    itlc_str name;             /* bytes NULL for `_` (anonymous) */
    itlc_loc name_loc;
    itlc_str field;            /* export, core export or import field name */
    itlc_loc field_loc;
    itlc_str import_module;    /* FUNC_SHIM, FUNC_IMPORT: the namespace */
    struct itlc_module *module; /* FUNC_CORE, FUNC_SHIM */
    itlc_sig sig;
    itlc_str *param_names;     /* the first param_name_count parameters: $name, or bytes NULL */
    itlc_loc *param_name_locs;
    size_t param_name_count;
    sx **body;
    size_t body_count;
    bool broken;               /* its declaration had errors: not checked, calls to it unchecked */
    /* check.c */
    struct expr **exprs;
    size_t expr_count;
    itlc_type *locals; /* params, then one per let */
    size_t local_count;
    /* emit.c */
    uint32_t ref;  /* call reference (see emit.c) */
    uint32_t slot; /* FUNC_CORE: _it_table slot */
} itlc_func;

typedef struct itlc_module {
    itlc_str name;
    itlc_loc loc;
    itlc_str path;
    size_t index;
    itlc_str realloc_name;  /* (realloc NAME): bytes NULL if none */
    itlc_loc realloc_loc;
    struct itlc_func *realloc; /* check.c: the core export it names */
} itlc_module;

typedef struct itlc_program {
    itlc_str component;
    itlc_module **modules;
    size_t module_count;
    itlc_func **funcs; /* in declaration order */
    size_t func_count;
} itlc_program;

/* Reads the whole token stream as S-expressions (fatal on unbalanced
 * parentheses), then turns each top-level form into declarations, reporting
 * each malformed form and going on with the next. Returns an error code only
 * for fatal errors; the others show in diag->error_count, and checking may
 * go on to find more. */
itlc_error parse_program(lexer *lx, itlc_program *program) ITLC_MUST_CHECK;
const char *sx_describe(arena *a, const sx *node); /* "symbol 'x'", "a list (x ...)", ... */
/* The one name rule (every string in ITL is a name: of an export, import,
 * core module file or memory): valid UTF-8 (the lexer checks that) and no
 * NUL byte. Reports `what` ("the export name") at the string otherwise. */
bool parse_name_ok(itlc_diag *diag, const sx *string, const char *what);
/* The most parameters, and results, a function may have: wasm engines'
 * limit (the JS API's, wrt's), as each IT value lowers to one core value. */
#define ITLC_MAX_VALUES 1000

/* ---- check.c: names and types ------------------------------------------ */

typedef enum expr_form {
#define X(id, keyword, operands, semantics) EXPR_##id,
    ITLC_INSTRS(X)
#undef X
    EXPR_LITERAL,
    EXPR_TEXT,    /* a string literal: "text" */
} expr_form;

/* One case of a match: its expressions are operands [first, first + count)
 * of the match (operand 0 is the value matched). */
typedef struct match_case {
    uint32_t index;   /* the case's index in its type; UINT32_MAX for (else ...) */
    uint32_t binding; /* the local its payload is bound to, UINT32_MAX if none */
    itlc_type payload;
    size_t first, count;
    itlc_loc loc;
} match_case;

typedef struct expr {
    expr_form form;
    itlc_loc loc;
    itlc_type *types; /* the values it leaves, in order */
    size_t type_count;
    struct expr **operands;
    size_t operand_count;
    itlc_func *callee;      /* CALL */
    itlc_module *module;    /* memory forms */
    itlc_str memory;        /* memory forms: the memory export name */
    itlc_type type;         /* AS target, LOAD/STORE type, LITERAL type, arithmetic type */
    itlc_type from;         /* AS: the operand's type */
    uint32_t local_index;   /* LOCAL, LET */
    uint64_t bits;          /* LITERAL: the lowered constant's bit pattern; SIZE_OF, ALIGN_OF: the value;
                               IF: how many operands after the condition are the then branch */
    itlc_str text;          /* TEXT: the string */
    bool statement;         /* UNREACHABLE at statement level */
    uint32_t member;        /* MAKE_VARIANT: the case; READ_FIELD: the field */
    match_case *cases;      /* MATCH, in source order */
    size_t case_count;
} expr;

itlc_error check_program(itlc_program *program, itlc_diag *diag, arena *a) ITLC_MUST_CHECK;
/* Whether `as` accepts from -> to (every numeric pair, and string -> string). */
bool check_conversion_allowed(itlc_type from, itlc_type to);

/* ---- core.c: the core modules, checked when their files are found ------ */

/* Where to look for a module's file (its path in (module NAME "path" ...)):
 * each of dirs in order, then beside the .itl file. An absolute path is
 * looked for only as it is. */
typedef struct core_search {
    const char *const *dirs; /* --core-dir options */
    size_t dir_count;
    const char *itl_dir;    /* the .itl file's directory with a trailing '/', or "" */
    bool require;           /* --require-core: a module not found is an error */
    const char *output;     /* the file itlc will write, or NULL: a core module
                               that is this file is an error */
    /* If set, the modules come from here instead of the file system (the
     * fuzzer): the bytes of the module at `path` (as written in the ITL),
     * valid until the compilation ends, or false if there is none. */
    bool (*read)(void *context, const char *path, const uint8_t **data, size_t *size);
    void *read_context;
} core_search;

/* For each module whose file is found: every declared core export exists with
 * the declared signature, every core import has an adapter with its
 * signature, and every memory the memory forms name is a memory export.
 * A module not found is skipped (an error with search->require). Reports each
 * problem at its declaration; runs after check_program (it reads the typed
 * bodies for the memory names). */
itlc_error core_check_program(const itlc_program *program, const core_search *search, itlc_diag *diag,
                              arena *a) ITLC_MUST_CHECK;

/* ---- emit.c: the adapter as a wasm module -------------------------------- */

typedef enum wasm_op {
#define X(id, name, prefix, code, immediate) WASM_##id,
    WASM_OPS(X)
#undef X
} wasm_op;

typedef enum wasm_immediate {
    IMM_NONE,
    IMM_INDEX,
    IMM_CALL_INDIRECT,
    IMM_I32,
    IMM_I64,
    IMM_F32,
    IMM_F64,
    IMM_HEAP_TYPE, /* bits: VAL_EXTERNREF or VAL_FUNCREF */
    IMM_MEMARG,    /* index: offset, bits: log2 of the alignment (memory 0) */
    IMM_BLOCK,     /* a block type: bits 0 empty (0x40), 1 the value type in index, 2 type index `index` */
} wasm_immediate;

typedef struct wasm_op_info {
    const char *name;
    uint8_t prefix, code;
    wasm_immediate immediate;
} wasm_op_info;

const wasm_op_info *wasm_op_get(wasm_op op);

typedef struct wasm_instr {
    wasm_op op;
    uint32_t index; /* local, global, function or type index */
    uint64_t bits;  /* constants */
} wasm_instr;

typedef struct wasm_functype {
    uint8_t *params;
    size_t param_count;
    uint8_t *results;
    size_t result_count;
} wasm_functype;

typedef struct wasm_import {
    itlc_str module, name;
    uint32_t type_index;
    const char *label; /* WAT $name, unique */
} wasm_import;

typedef struct wasm_function {
    uint32_t type_index;
    uint8_t *locals; /* beyond the parameters */
    size_t local_count;
    wasm_instr *code; /* without the final `end` */
    size_t code_count, code_capacity;
    const char *label;
} wasm_function;

enum { WASM_EXPORT_FUNC = 0, WASM_EXPORT_TABLE = 1, WASM_EXPORT_MEMORY = 2 };

typedef struct wasm_export {
    itlc_str name;
    uint8_t kind;
    uint32_t index;
} wasm_export;

typedef struct wasm_module {
    wasm_functype *types;
    size_t type_count, type_capacity;
    wasm_import *imports;
    size_t import_count;
    wasm_function *functions;
    size_t function_count;
    uint32_t table_size;   /* table 0, _it_table: funcref, min = max */
    uint32_t ref_table_size; /* table 1, _it_refs: externref, min = max; 0: no such table */
    uint32_t memory_pages;
    const char **globals;  /* labels; each a mutable i32 starting at 0 */
    size_t global_count;
    wasm_export *exports;
    size_t export_count;
    bytes data;            /* one active segment at offset 0 */
    const char *custom_name;
    bytes custom;
    const char *interface_text; /* it.interface, decoded, for WAT comments */
} wasm_module;

itlc_error emit_program(const itlc_program *program, arena *a, wasm_module *out) ITLC_MUST_CHECK;
/* The core instructions `as` uses between two types (count returned; up to 6). */
size_t emit_conversion(itlc_type from, itlc_type to, wasm_instr out[6]);

/* ---- wasm_writer.c / wat.c: the two encodings --------------------------- */

void wasm_write_binary(const wasm_module *m, arena *a, bytes *out);
void wat_write(const wasm_module *m, arena *a, bytes *out);

/* ---- bindings.c: typed bindings of the exports and imports -------------- */

/* What itlc writes: the adapter (binary or text), or bindings of it. */
typedef enum itlc_output {
    ITLC_OUTPUT_WASM,   /* the adapter module */
    ITLC_OUTPUT_WAT,    /* its text form (-S) */
    ITLC_OUTPUT_DTS,    /* TypeScript declarations for loader/js (--emit-dts) */
    ITLC_OUTPUT_HEADER, /* a C header of typed wrappers over it_loader.h (--emit-header) */
} itlc_output;

/* Appends to `out` the bindings (ITLC_OUTPUT_DTS or ITLC_OUTPUT_HEADER) of a
 * checked program's exports and imports (docs/itl.md "Typed bindings");
 * `source` is the .itl file's name, for the first line. Cannot fail. */
void bindings_write(const itlc_program *program, itlc_output output, const char *source, arena *a, bytes *out);

/* ---- interface.c: an adapter's it.interface section, read back ---------- */

/* Whether data[0, size) is a wasm binary (its magic number). */
bool interface_is_wasm(const char *data, size_t size);
/* The bindings (ITLC_OUTPUT_DTS or ITLC_OUTPUT_HEADER) of the adapter module
 * data[0, size), from its it.interface section (docs/abi.md) alone: the same
 * as from its .itl file but for parameter names, which the section does not
 * keep. `file` names the adapter in messages. A module that is no adapter
 * of this ABI version, or whose section is malformed, is one error
 * (ITLC_ERR_BAD_ADAPTER) and `out` is left alone. */
itlc_error interface_bindings(const char *data, size_t size, const char *file, itlc_output output, itlc_diag *diag,
                              arena *a, bytes *out) ITLC_MUST_CHECK;

/* ---- compile.c: the pipeline on a buffer --------------------------------- */

/* Compiles the ITL text source[0, size) (no terminator needed) of component
 * `component` (it.interface's name) into `out`: the adapter's binary, its
 * text form, or its bindings, as `output` says. Core modules are checked
 * where `search` finds them (NULL: not checked). Every error is reported
 * through diag (whose source becomes this text); returns ITLC_OK, or an
 * error code and out untouched. Reads and writes no file unless `search`
 * does. */
itlc_error itlc_compile(const char *source, size_t size, itlc_str component, const core_search *search,
                        itlc_output output, itlc_diag *diag, arena *a, bytes *out) ITLC_MUST_CHECK;

#endif
