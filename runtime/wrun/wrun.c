/* wrun.c: run or check a plain wasm module from the shell (invoke an export, validate, list). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrt.h"
#include "read_file.h"

static const char usage[] =
    "usage: wrun MODULE.wasm --invoke NAME [ARGS...]\n"
    "       wrun MODULE.wasm --validate | --check\n"
    "       wrun MODULE.wasm --list\n"
    "       wrun --help | --version\n"
    "\n"
    "  --invoke NAME ARGS  instantiate the module and call export NAME; each\n"
    "                      argument is read as the export's parameter type:\n"
    "                      integers in decimal or 0x hex (negative allowed),\n"
    "                      floats as decimal/hex floats, nan, nan:0xPAYLOAD,\n"
    "                      inf, -inf; references as null\n"
    "  --validate, --check decode and validate only\n"
    "  --list              print the module's imports and exports with types\n"
    "  --help, -h          print this help\n"
    "  --version           print the version\n"
    "\n"
    "Results are printed one per line (floats: shortest exact decimal, NaNs as\n"
    "nan:0xPAYLOAD; references: null, funcref or externref). wrun provides no\n"
    "imports: a module that imports anything cannot be invoked.\n"
    "Errors are one line on stderr: wrun: MODULE: error: WHAT, where a trap\n"
    "names its kind, wasm function index and byte offset in the module.\n"
    "Exit status: 0 success, 1 error or trap, 2 usage.\n";

static const char *program_path = "";

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
    return error("%s%s%s%s", what, is_trap ? "trap: " : "", details->message,
                 where);
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
            printf("%.9g\n", (double)value->of.f32);
        break;
    case WRT_F64:
        memcpy(&f64_bits, &value->of.f64, 8);
        if (isnan(value->of.f64))
            printf("%snan:0x%" PRIx64 "\n", f64_bits >> 63 ? "-" : "",
                   f64_bits & ((UINT64_C(1) << 52) - 1));
        else
            printf("%.17g\n", value->of.f64);
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

static int invoke(wrt_store *store, wrt_module *module, const char *name,
                  char **texts, int text_count)
{
    wrt_instance *instance;
    if (wrt_instance_new(store, module, NULL, &instance) != WRT_OK) {
        if (wrt_store_error(store)->status == WRT_ERR_UNKNOWN_IMPORT)
            return error("cannot instantiate: %s (wrun provides no imports)",
                         wrt_store_error(store)->message);
        return store_error(store, module, "cannot instantiate: ");
    }
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
    int status = 0;
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
        status = store_error(store, module, "");
        goto done;
    }
    for (size_t i = 0; i < type->result_count; i++)
        print_value(&results[i]);
done:
    free(args);
    free(results);
    return status;
}

typedef enum mode { MODE_NONE, MODE_INVOKE, MODE_VALIDATE, MODE_LIST } mode;

int main(int argc, char **argv)
{
    const char *path = NULL, *name = NULL;
    mode action = MODE_NONE;
    int first_arg = argc, arg_count = 0;
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
        } else if (arg[0] == '-' && arg[1]) {
            return usage_error("unknown option '%s'", arg);
        } else if (path) {
            return usage_error("unexpected argument '%s'", arg);
        } else {
            path = arg;
        }
    }
    if (!path || action == MODE_NONE)
        return usage_error("%s", path ? "nothing to do: give --invoke, "
                                        "--validate or --list"
                                      : "no module given");
    program_path = path;

    size_t size = 0;
    uint8_t *bytes = read_file(path, &size);
    if (!bytes)
        return error("cannot read: %s", strerror(errno));
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    if (!store) {
        free(bytes);
        wrt_engine_delete(engine);
        return error("out of memory");
    }
    int status = 0;
    wrt_module *module = NULL;
    if (wrt_module_new(store, bytes, size, &module) != WRT_OK) {
        status = store_error(store, NULL, "");
    } else if (action == MODE_VALIDATE) {
        printf("%s: valid\n", path);
    } else if (action == MODE_LIST) {
        list_module(module);
    } else {
        status = invoke(store, module, name, argv + first_arg, arg_count);
    }
    free(bytes);
    wrt_module_delete(module);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    return status;
}
