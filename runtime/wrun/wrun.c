/* wrun.c: run or check a plain wasm module from the shell (invoke an export, validate, list). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "wrt.h"
#include "wrt_wasi.h"
#include "read_file.h"
#include "run_limits.h"
#include "../src/opcode.h" /* the one opcode table, for instruction names */

static const char usage[] =
    "usage: wrun [OPTIONS] MODULE.wasm [PROGRAM-ARGS...]\n"
    "       wrun [OPTIONS] MODULE.wasm --invoke NAME [ARGS...]\n"
    "       wrun MODULE.wasm --validate | --check\n"
    "       wrun MODULE.wasm --list\n"
    "       wrun MODULE.wasm --disasm FUNC\n"
    "       wrun --help | --version\n"
    "\n"
    "  (no mode)           run a WASI command: call export _start with the\n"
    "                      program's arguments (argv[0] is MODULE.wasm as\n"
    "                      given) and exit with its exit code (proc_exit's,\n"
    "                      or 0 when _start returns); after MODULE, the first\n"
    "                      argument that is not a wrun option, or what\n"
    "                      follows '--', starts the program's arguments\n"
    "  --invoke NAME ARGS  instantiate the module and call export NAME (after\n"
    "                      _initialize, if the module exports one); each\n"
    "                      argument is read as the export's parameter type:\n"
    "                      integers in decimal or 0x hex (negative allowed),\n"
    "                      floats as decimal/hex floats, nan, nan:0xPAYLOAD,\n"
    "                      inf, -inf; references as null\n"
    "  --timeout SECONDS   stop the module (start function and calls) after\n"
    "                      SECONDS, a trap 'interrupted'\n"
    "  --max-memory BYTES  cap the module's linear memory; memory.grow past\n"
    "                      it returns -1\n"
    "  --dir HOST[::GUEST] give the program host directory HOST, named GUEST\n"
    "                      (default: HOST); it sees nothing outside it\n"
    "  --env NAME=VALUE    set a variable of the program's environment\n"
    "  --inherit-env       give the program wrun's whole environment\n"
    "  --validate, --check decode and validate only\n"
    "  --list              print the module's imports and exports with types\n"
    "  --disasm FUNC       print the JIT's x86-64 code for function FUNC (an\n"
    "                      export name, a name-section name or an index),\n"
    "                      each wasm instruction's code under a ';; @OFFSET\n"
    "                      NAME' line (disassembled by binutils' objdump)\n"
    "  --help, -h          print this help\n"
    "  --version           print the version\n"
    "\n"
    "Results are printed one per line (floats: shortest exact decimal, NaNs as\n"
    "nan:0xPAYLOAD; references: null, funcref or externref). wrun provides\n"
    "WASI preview1 (wasi_snapshot_preview1: stdio, clocks, random, and files\n"
    "under --dir only; an empty environment unless --env/--inherit-env) and no\n"
    "other imports. MODULE must be a regular file of at most 1 GiB.\n"
    "Errors are one line on stderr: wrun: MODULE: error: WHAT, where a trap\n"
    "names its kind, wasm function index and byte offset in the module.\n"
    "Exit status: the program's exit code when it exits (run or --invoke);\n"
    "otherwise 0 success, 1 error or trap, 2 usage.\n";

static const char *program_path = "";
static double timeout_seconds; /* --timeout; 0: none */

/* Prints "wrun: MODULE: error: TEXT" and returns 1 (the exit status). */
static int error(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "wrun: %s%serror: ", program_path, *program_path ? ": " : "");
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    return 1;
}

/* Prints "wrun: ...: error: usage text" on one line and returns 2. */
static int usage_error(const char *format, const char *arg)
{
    fputs("wrun: error: ", stderr);
    fprintf(stderr, format, arg);
    fputs(" (see wrun --help)\n", stderr);
    return 2;
}

/* The store's error. Decode/validate messages already say where; traps say
 * "trap:" and get their function (index, and name from the name section
 * when there is one) and byte offset appended when known. */
static int store_error(wrt_store *store, const wrt_module *module,
                       const char *what)
{
    const wrt_error *details = wrt_store_error(store);
    char where[160] = "";
    bool is_trap = details->status == WRT_TRAP;
    if (is_trap && details->func_index != WRT_NO_INDEX) {
        wrt_name name = module ? wrt_module_func_name(module, details->func_index)
                               : (wrt_name){NULL, 0};
        int used = snprintf(where, sizeof where, " (function %" PRIu32,
                            details->func_index);
        if (name.size && name.size < 64)
            used += snprintf(where + used, sizeof where - (size_t)used,
                             " '%.*s'", (int)name.size, name.data);
        if (details->offset != WRT_NO_OFFSET)
            used += snprintf(where + used, sizeof where - (size_t)used,
                             ", offset 0x%" PRIx64, details->offset);
        snprintf(where + used, sizeof where - (size_t)used, ")");
    } else if (is_trap && details->offset != WRT_NO_OFFSET) {
        snprintf(where, sizeof where, " (module offset 0x%" PRIx64 ")",
                 details->offset);
    }
    char because[80] = "";
    if (is_trap && details->trap == WRT_TRAP_INTERRUPTED && timeout_seconds > 0)
        snprintf(because, sizeof because, ": the --timeout of %g s ran out", timeout_seconds);
    return error("%s%s%s%s%s", what, is_trap ? "trap: " : "", details->message,
                 where, because);
}

/* ----------------------------------------------------------- arguments */

static bool parse_integer(const char *text, uint64_t limit_bits, int64_t *out)
{
    const char *digits = text;
    bool negative = false;
    if (*digits == '-' || *digits == '+')
        negative = *digits++ == '-';
    if (!*digits || *digits == '-' || *digits == '+' || *digits == ' ')
        return false;
    char *end;
    errno = 0;
    uint64_t magnitude = strtoull(digits, &end, 0);
    if (errno || *end)
        return false;
    uint64_t max_unsigned = limit_bits == 64 ? UINT64_MAX
                                             : (UINT64_C(1) << limit_bits) - 1;
    uint64_t max_negative = UINT64_C(1) << (limit_bits - 1);
    if ((!negative && magnitude > max_unsigned) ||
        (negative && magnitude > max_negative))
        return false;
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return true;
}

/* Floats: what strtod reads, plus "nan:0xPAYLOAD" with an exact payload. */
static bool parse_float(const char *text, bool is_f64, wrt_val *out)
{
    const char *body = text;
    bool negative = false;
    if (*body == '-' || *body == '+')
        negative = *body++ == '-';
    if (!strncmp(body, "nan:0x", 6)) {
        char *end;
        errno = 0;
        uint64_t payload = strtoull(body + 6, &end, 16);
        uint64_t mask = is_f64 ? (UINT64_C(1) << 52) - 1 : (UINT64_C(1) << 23) - 1;
        if (errno || *end || payload == 0 || payload > mask)
            return false;
        if (is_f64) {
            uint64_t bits = (UINT64_C(0x7ff) << 52) | payload |
                            ((uint64_t)negative << 63);
            memcpy(&out->of.f64, &bits, 8);
        } else {
            uint32_t bits = (UINT32_C(0xff) << 23) | (uint32_t)payload |
                            ((uint32_t)negative << 31);
            memcpy(&out->of.f32, &bits, 4);
        }
        return true;
    }
    char *end;
    errno = 0;
    if (is_f64) {
        out->of.f64 = strtod(text, &end);
    } else {
        out->of.f32 = strtof(text, &end);
    }
    /* ERANGE on underflow still gives the right (subnormal or zero) value;
     * overflow gives inf, which is what a float literal that big means. */
    return end != text && !*end;
}

static bool parse_argument(const char *text, wrt_valtype type, wrt_val *out)
{
    memset(out, 0, sizeof *out);
    out->type = type;
    int64_t integer;
    switch (type) {
    case WRT_I32:
        if (!parse_integer(text, 32, &integer))
            return false;
        out->of.i32 = (int32_t)(uint32_t)(uint64_t)integer;
        return true;
    case WRT_I64:
        if (!parse_integer(text, 64, &integer))
            return false;
        out->of.i64 = integer;
        return true;
    case WRT_F32: return parse_float(text, false, out);
    case WRT_F64: return parse_float(text, true, out);
    case WRT_FUNCREF:
    case WRT_EXTERNREF: return !strcmp(text, "null");
    case WRT_V128: return false;
    }
    return false;
}

/* The fewest significant digits (up to 17) that read back as `value`:
 * 0.1 prints as 0.1, not 0.10000000000000001. `is_f32` reads back as a
 * float. */
static void print_shortest(double value, bool is_f32)
{
    char text[40];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, value);
        if (is_f32 ? strtof(text, NULL) == (float)value : strtod(text, NULL) == value)
            break;
    }
    printf("%s\n", text);
}

static void print_value(const wrt_val *value)
{
    uint32_t f32_bits;
    uint64_t f64_bits;
    switch (value->type) {
    case WRT_I32: printf("%" PRId32 "\n", value->of.i32); break;
    case WRT_I64: printf("%" PRId64 "\n", value->of.i64); break;
    case WRT_F32:
        memcpy(&f32_bits, &value->of.f32, 4);
        if (isnan(value->of.f32))
            printf("%snan:0x%" PRIx32 "\n", f32_bits >> 31 ? "-" : "",
                   f32_bits & 0x7fffff);
        else
            print_shortest(value->of.f32, true);
        break;
    case WRT_F64:
        memcpy(&f64_bits, &value->of.f64, 8);
        if (isnan(value->of.f64))
            printf("%snan:0x%" PRIx64 "\n", f64_bits >> 63 ? "-" : "",
                   f64_bits & ((UINT64_C(1) << 52) - 1));
        else
            print_shortest(value->of.f64, false);
        break;
    case WRT_FUNCREF: printf("%s\n", value->of.funcref ? "funcref" : "null"); break;
    case WRT_EXTERNREF:
        printf("%s\n", value->of.externref ? "externref" : "null");
        break;
    case WRT_V128: printf("v128\n"); break;
    }
}

/* ----------------------------------------------------------------- list */

static void print_name(wrt_name name)
{
    putchar('"');
    for (size_t i = 0; i < name.size; i++) {
        unsigned char c = (unsigned char)name.data[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            printf("\\%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void print_types(const wrt_valtype *types, size_t count)
{
    for (size_t i = 0; i < count; i++)
        printf(" %s", wrt_valtype_name(types[i]));
}

static void print_limits(const wrt_limits *limits)
{
    printf(" %" PRIu32, limits->min);
    if (limits->has_max)
        printf(" %" PRIu32, limits->max);
}

/* In the text format's words: (func (param i32) (result i32)), ... */
static void print_externtype(const wrt_externtype *type)
{
    switch (type->kind) {
    case WRT_EXTERN_FUNC:
        printf("(func");
        if (type->of.func.param_count) {
            printf(" (param");
            print_types(type->of.func.params, type->of.func.param_count);
            printf(")");
        }
        if (type->of.func.result_count) {
            printf(" (result");
            print_types(type->of.func.results, type->of.func.result_count);
            printf(")");
        }
        printf(")");
        break;
    case WRT_EXTERN_TABLE:
        printf("(table");
        print_limits(&type->of.table.limits);
        printf(" %s)", wrt_valtype_name(type->of.table.element));
        break;
    case WRT_EXTERN_MEMORY:
        printf("(memory");
        print_limits(&type->of.memory.limits);
        printf(")");
        break;
    case WRT_EXTERN_GLOBAL:
        if (type->of.global.is_mutable)
            printf("(global (mut %s))", wrt_valtype_name(type->of.global.type));
        else
            printf("(global %s)", wrt_valtype_name(type->of.global.type));
        break;
    }
}

static void list_module(const wrt_module *module)
{
    for (size_t i = 0; i < wrt_module_import_count(module); i++) {
        wrt_import_desc import;
        wrt_module_import(module, i, &import);
        printf("import ");
        print_name(import.module);
        putchar(' ');
        print_name(import.name);
        putchar(' ');
        print_externtype(&import.type);
        putchar('\n');
    }
    for (size_t i = 0; i < wrt_module_export_count(module); i++) {
        wrt_export_desc export_;
        wrt_module_export(module, i, &export_);
        printf("export ");
        print_name(export_.name);
        putchar(' ');
        print_externtype(&export_.type);
        putchar('\n');
    }
}

/* --------------------------------------------------------------- invoke */

/* --timeout: a watchdog thread interrupts the store (wrt_store_interrupt
 * is safe from any thread). */
static void on_timeout(void *store)
{
    wrt_store_interrupt(store);
}

/* The exit status for a failed call: the program's exit code if it called
 * proc_exit, else the error. */
static int call_failed(wrt_store *store, const wrt_module *module, const wrt_wasi *wasi, const char *what)
{
    uint32_t code;
    if (wrt_store_error(store)->status == WRT_TRAP && wrt_wasi_exit_code(wasi, &code)) {
        fflush(stdout);
        return (int)code;
    }
    return store_error(store, module, what);
}

/* Calls export `name` of `instance` with no arguments if it exists (true),
 * or says nothing (false). *status: its failure, or 0. */
static bool call_if_exported(wrt_store *store, wrt_instance *instance, const wrt_module *module,
                             const wrt_wasi *wasi, const char *name, int *status)
{
    wrt_extern object;
    *status = 0;
    if (wrt_instance_export(instance, (wrt_name){name, strlen(name)}, &object) != WRT_OK ||
        object.kind != WRT_EXTERN_FUNC)
        return false;
    const wrt_functype *type = wrt_func_type(object.of.func);
    if (type->param_count || type->result_count)
        *status = error("export '%s' should be a function () -> (), not of %zu params and %zu results",
                        name, type->param_count, type->result_count);
    else if (wrt_func_call(store, object.of.func, NULL, 0, NULL, 0) != WRT_OK)
        *status = call_failed(store, module, wasi, "");
    return true;
}

/* Instantiates `module` with WASI, then runs it as a command (name NULL:
 * _start) or calls export `name` with the arguments `texts`. */
static int run(wrt_store *store, wrt_module *module, wrt_wasi *wasi, const char *name,
               char **texts, int text_count)
{
    wrt_imports *imports = wrt_imports_new();
    if (!imports)
        return error("out of memory");
    if (wrt_wasi_define(wasi, store, imports) != WRT_OK) {
        wrt_imports_delete(imports);
        return error("%s", wrt_wasi_message(wasi));
    }
    wrt_instance *instance;
    wrt_status made = wrt_instance_new(store, module, imports, &instance);
    wrt_imports_delete(imports);
    if (made != WRT_OK) {
        if (wrt_store_error(store)->status == WRT_ERR_UNKNOWN_IMPORT)
            return error("cannot instantiate: %s (wrun provides WASI preview1 and nothing else)",
                         wrt_store_error(store)->message);
        return call_failed(store, module, wasi, "cannot instantiate: ");
    }
    int status;
    if (!name) {
        if (!call_if_exported(store, instance, module, wasi, "_start", &status))
            return error("no export '_start': not a WASI command (for a library, give --invoke NAME; try --list)");
        return status;
    }
    if (call_if_exported(store, instance, module, wasi, "_initialize", &status) && status)
        return status;
    wrt_name export_name = {name, strlen(name)};
    wrt_extern object;
    if (wrt_instance_export(instance, export_name, &object) != WRT_OK)
        return error("no export named '%s' (try --list)", name);
    if (object.kind != WRT_EXTERN_FUNC)
        return error("export '%s' is a %s, not a function", name,
                     wrt_externkind_name(object.kind));
    const wrt_functype *type = wrt_func_type(object.of.func);
    if ((size_t)text_count != type->param_count)
        return error("'%s' takes %zu argument%s, got %d", name,
                     type->param_count, type->param_count == 1 ? "" : "s",
                     text_count);
    wrt_val *args = calloc(type->param_count + 1, sizeof *args);
    wrt_val *results = calloc(type->result_count + 1, sizeof *results);
    status = 0;
    if (!args || !results) {
        status = error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < type->param_count; i++) {
        if (!parse_argument(texts[i], type->params[i], &args[i])) {
            status = error("argument %zu: '%s' is not a valid %s", i + 1,
                           texts[i], wrt_valtype_name(type->params[i]));
            goto done;
        }
    }
    wrt_status call = wrt_func_call(store, object.of.func, args,
                                    type->param_count, results,
                                    type->result_count);
    if (call != WRT_OK) {
        status = call_failed(store, module, wasi, "");
        goto done;
    }
    for (size_t i = 0; i < type->result_count; i++)
        print_value(&results[i]);
done:
    free(args);
    free(results);
    return status;
}

/* --------------------------------------------------------------- disasm */

static bool name_equals(wrt_name name, const char *text)
{
    return name.size == strlen(text) && !memcmp(name.data, text, name.size);
}

/* FUNC of --disasm: an export's name, else a name-section name, else a
 * decimal function index. */
static bool find_function(const wrt_module *module, const char *text,
                          uint32_t *out)
{
    for (size_t i = 0; i < wrt_module_export_count(module); i++) {
        wrt_export_desc export_;
        wrt_module_export(module, i, &export_);
        if (export_.type.kind == WRT_EXTERN_FUNC && name_equals(export_.name, text)) {
            *out = export_.index;
            return true;
        }
    }
    size_t count = wrt_module_func_count(module);
    for (size_t i = 0; i < count; i++) {
        if (name_equals(wrt_module_func_name(module, (uint32_t)i), text)) {
            *out = (uint32_t)i;
            return true;
        }
    }
    char *end;
    errno = 0;
    unsigned long index = strtoul(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || errno || index >= count)
        return false;
    *out = (uint32_t)index;
    return true;
}

/* The name of the instruction at `offset` of the module's bytes. */
static const char *instruction_name(const uint8_t *bytes, size_t size, uint32_t offset)
{
    if (offset >= size)
        return "(prologue)";
    unsigned op = wasm_opcode_plus1_by_byte[bytes[offset]];
    if (bytes[offset] == 0xFC && offset + 1 < size && bytes[offset + 1] < WASM_OPCODE_FC_COUNT)
        op = wasm_opcode_plus1_by_fc[bytes[offset + 1]];
    return op ? wasm_opcode_name((wasm_opcode)(op - 1)) : "?";
}

/* Disassembles `path` (the code) with objdump from byte `start` on,
 * printing each instruction's line after the wasm instructions whose code
 * starts there (`*next` indexes code.positions). Stops after a `ud2`,
 * which generated code follows with a trap-kind byte (x64/masm.c), and
 * returns where to resume, or `code->size` at the end; SIZE_MAX if objdump
 * could not be run. */
static size_t disassemble_from(const char *path, const wrt_func_code *code,
                               size_t start, size_t *next,
                               const uint8_t *bytes, size_t size)
{
    char command[4200];
    snprintf(command, sizeof command,
             "objdump -D -b binary -mi386:x86-64 --start-address=0x%zx '%s' 2>/dev/null",
             start, path);
    FILE *pipe = popen(command, "r");
    if (!pipe)
        return SIZE_MAX;
    char line[1024];
    bool started = false;
    size_t resume = code->size;
    while (fgets(line, sizeof line, pipe)) {
        if (!started) { /* objdump's header, up to "<.data...>:" */
            started = strstr(line, "<.data") != NULL;
            continue;
        }
        char *end;
        unsigned long address = strtoul(line, &end, 16);
        if (end == line || *end != ':')
            continue;
        for (; *next < code->position_count && code->positions[*next].code_offset <= address; ++*next)
            printf(";; @0x%" PRIx32 " %s\n", code->positions[*next].wasm_offset,
                   instruction_name(bytes, size, code->positions[*next].wasm_offset));
        fputs(line, stdout);
        if (strstr(line, "\tud2") && address + 2 < code->size) {
            uint8_t kind = code->code[address + 2];
            printf("%*lx:\t%02x                   \t(trap kind: %s)\n", 4, address + 2, kind,
                   kind < WRT_TRAP_COUNT ? wrt_trap_message((wrt_trap_kind)kind) : "?");
            resume = address + 3;
            break;
        }
    }
    int status = pclose(pipe);
    return started || status == 0 ? resume : SIZE_MAX;
}

/* Writes the code to a temporary file and has objdump disassemble it. */
static int disassemble(const wrt_module *module, const uint8_t *bytes,
                       size_t size, const char *text)
{
    uint32_t index;
    if (!find_function(module, text, &index))
        return error("no function '%s' (an export name, a name-section name "
                     "or an index below %zu)", text, wrt_module_func_count(module));
    wrt_func_code code;
    wrt_status status = wrt_module_func_code(module, index, &code);
    if (status == WRT_ERR_NOT_FOUND)
        return error("function %" PRIu32 " is an import: it has no code", index);
    if (status != WRT_OK)
        return error("out of memory");
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/wrun-disasm-XXXXXX", dir);
    int fd = mkstemp(path);
    FILE *file = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool written = file && fwrite(code.code, 1, code.size, file) == code.size;
    if (file ? fclose(file) != 0 || !written : true) {
        if (fd >= 0)
            unlink(path);
        free(code.positions);
        return error("cannot write a temporary file in %s: %s", dir, strerror(errno));
    }
    wrt_name name = wrt_module_func_name(module, index);
    printf(";; function %" PRIu32 " %.*s: %zu bytes of x86-64 code\n", index,
           (int)name.size, name.data ? name.data : "", code.size);
    size_t at = 0, next = 0;
    while (at < code.size)
        at = disassemble_from(path, &code, at, &next, bytes, size);
    unlink(path);
    free(code.positions);
    if (at == SIZE_MAX)
        return error("objdump (binutils) failed or is not installed: cannot disassemble");
    return 0;
}

typedef enum mode { MODE_NONE, MODE_RUN, MODE_INVOKE, MODE_VALIDATE, MODE_LIST, MODE_DISASM } mode;

/* The WASI configuration from --dir, --env and --inherit-env. */
typedef struct wasi_options {
    const char **dirs; /* the --dir values, HOST[::GUEST] */
    size_t dir_count;
    const char **env;  /* NAME=VALUE */
    size_t env_count;
    bool inherit_env;
} wasi_options;

/* A new wrt_wasi for `options` and the program's argv, or NULL after
 * printing why. */
static wrt_wasi *wasi_from(const wasi_options *options, const char *const *args, size_t arg_count)
{
    wrt_wasi *wasi = wrt_wasi_new();
    if (!wasi) {
        error("out of memory");
        return NULL;
    }
    size_t env_count = 0;
    const char **env = run_environment(options->inherit_env, options->env, options->env_count, &env_count);
    wrt_status status = env ? wrt_wasi_set_env(wasi, env_count, env) : WRT_ERR_NO_MEMORY;
    free(env);
    if (!status)
        status = wrt_wasi_set_args(wasi, arg_count, args);
    for (size_t i = 0; !status && i < options->dir_count; i++)
        status = wrt_wasi_preopen_spec(wasi, options->dirs[i]);
    if (status) {
        error("%s", status == WRT_ERR_NO_MEMORY ? "out of memory" : wrt_wasi_message(wasi));
        wrt_wasi_delete(wasi);
        return NULL;
    }
    return wasi;
}

/* main's work; `wasi_options` has room for argc --dir and --env values. */
static int wrun(int argc, char **argv, wasi_options *options)
{
    const char *path = NULL, *name = NULL;
    mode action = MODE_NONE;
    int first_arg = argc, arg_count = 0;
    wrt_store_limits limits = {0};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(arg, "--version")) {
            printf("wrun %s (wrt WebAssembly 2.0 runtime, x86-64 baseline JIT)\n",
                   WRT_VERSION);
            return 0;
        }
        if (action != MODE_NONE && action != MODE_INVOKE)
            return usage_error("unexpected argument '%s'", arg);
        if (!strcmp(arg, "--dir") || !strcmp(arg, "--env")) {
            if (i + 1 >= argc)
                return usage_error(!strcmp(arg, "--dir") ? "%s needs HOST[::GUEST]" : "%s needs NAME=VALUE", arg);
            const char *value = argv[++i];
            if (!strcmp(arg, "--dir")) {
                if (!run_dir_is_valid(value))
                    return usage_error("--dir takes HOST[::GUEST], both non-empty, not '%s'", value);
                options->dirs[options->dir_count++] = value;
            } else {
                const char *equals = strchr(value, '=');
                if (!equals || equals == value)
                    return usage_error("--env takes NAME=VALUE, not '%s'", value);
                options->env[options->env_count++] = value;
            }
            continue;
        }
        if (!strcmp(arg, "--inherit-env")) {
            options->inherit_env = true;
            continue;
        }
        if (!strcmp(arg, "--timeout") || !strcmp(arg, "--max-memory")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a number", arg);
            const char *value = argv[++i];
            if (!strcmp(arg, "--timeout")) {
                if (!run_parse_seconds(value, &timeout_seconds))
                    return usage_error("--timeout takes seconds (above 0, at most 1e6), not '%s'", value);
            } else if (!run_parse_bytes(value, &limits.memory_bytes)) {
                return usage_error("--max-memory takes a number of bytes above 0, not '%s'", value);
            }
            continue;
        }
        if (!strcmp(arg, "--invoke")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a function name", arg);
            action = MODE_INVOKE;
            name = argv[++i];
            first_arg = i + 1;
            arg_count = argc - first_arg;
            break; /* the rest are the function's arguments */
        } else if (!strcmp(arg, "--validate") || !strcmp(arg, "--check")) {
            action = MODE_VALIDATE;
        } else if (!strcmp(arg, "--list")) {
            action = MODE_LIST;
        } else if (!strcmp(arg, "--disasm")) {
            if (i + 1 >= argc)
                return usage_error("%s needs a function", arg);
            action = MODE_DISASM;
            name = argv[++i];
        } else if (path && !strcmp(arg, "--")) {
            first_arg = i + 1; /* the program's arguments */
            break;
        } else if (arg[0] == '-' && arg[1] && !path) {
            return usage_error("unknown option '%s'", arg);
        } else if (path) {
            first_arg = i; /* the program's arguments */
            break;
        } else {
            path = arg;
        }
    }
    if (!path)
        return usage_error("%s", "no module given");
    if (action == MODE_NONE) {
        action = MODE_RUN;
        arg_count = argc - first_arg;
    } else if (action != MODE_INVOKE && first_arg < argc) {
        return usage_error("unexpected argument '%s'", argv[first_arg]);
    }
    program_path = path;

    size_t size = 0;
    uint8_t *bytes = read_file(path, &size);
    if (!bytes)
        return error("cannot read: %s", read_file_strerror(errno));
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    if (!store) {
        free(bytes);
        wrt_engine_delete(engine);
        return error("out of memory");
    }
    wrt_store_set_limits(store, &limits);
    int status = 0;
    wrt_module *module = NULL;
    if (wrt_module_new(store, bytes, size, &module) != WRT_OK) {
        status = store_error(store, NULL, "");
    } else if (action == MODE_VALIDATE) {
        printf("%s: valid\n", path);
    } else if (action == MODE_LIST) {
        list_module(module);
    } else if (action == MODE_DISASM) {
        status = disassemble(module, bytes, size, name);
    } else {
        /* The program's argv: MODULE, then its arguments (run mode). */
        const char **program_args = calloc((size_t)arg_count + 1, sizeof *program_args);
        wrt_wasi *wasi = NULL;
        if (!program_args) {
            status = error("out of memory");
        } else {
            program_args[0] = path;
            for (int k = 0; action == MODE_RUN && k < arg_count; k++)
                program_args[k + 1] = argv[first_arg + k];
            wasi = wasi_from(options, program_args, action == MODE_RUN ? (size_t)arg_count + 1 : 1);
            status = wasi ? 0 : 1;
        }
        run_watchdog *watchdog = NULL;
        if (!wasi)
            ;
        else if (timeout_seconds > 0 && !(watchdog = run_watchdog_start(timeout_seconds, on_timeout, store)))
            status = error("cannot start the --timeout thread: %s", strerror(errno));
        else
            status = run(store, module, wasi, action == MODE_RUN ? NULL : name, argv + first_arg, arg_count);
        run_watchdog_stop(watchdog);
        fflush(stdout);
        wrt_module_delete(module);
        module = NULL;
        wrt_store_delete(store); /* before the wasi its functions point at */
        store = NULL;
        wrt_wasi_delete(wasi);
        free(program_args);
    }
    free(bytes);
    wrt_module_delete(module);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    return status;
}

int main(int argc, char **argv)
{
    wasi_options options = {0};
    options.dirs = calloc((size_t)argc, sizeof *options.dirs);
    options.env = calloc((size_t)argc, sizeof *options.env);
    int status = options.dirs && options.env ? wrun(argc, argv, &options) : error("out of memory");
    free(options.dirs);
    free(options.env);
    return status;
}
