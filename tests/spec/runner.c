/* runner.c: runs wast2json spec scripts against libwrt and counts every command. */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "spectest.h"
#include "wrt.h"
#include "read_file.h"

/*
 * Usage: spec_runner [--known FILE] [--verbose] FILE.json...
 *
 * Every command of every script is one of:
 *   passed   - it did what the script asserts;
 *   failed   - it did not (printed with file:line and why);
 *   known    - it failed and tests/spec/known-failures.txt lists it by an
 *              exact `file.wast:LINE` entry with its reason (the list is
 *              empty today and may only shrink);
 *   skipped  - assert_malformed on a text module: there is no text parser
 *              by design.
 * A known-failure entry that no longer fails (or matches nothing) is an
 * error: it is printed loudly and counted as failed, so the list shrinks.
 */

/* X(name, json type): the command kinds of wast2json. */
#define COMMAND_LIST(X)                                                        \
    X(COMMAND_MODULE, "module")                                                \
    X(COMMAND_REGISTER, "register")                                            \
    X(COMMAND_ACTION, "action")                                                \
    X(COMMAND_ASSERT_RETURN, "assert_return")                                  \
    X(COMMAND_ASSERT_TRAP, "assert_trap")                                      \
    X(COMMAND_ASSERT_EXHAUSTION, "assert_exhaustion")                          \
    X(COMMAND_ASSERT_MALFORMED, "assert_malformed")                            \
    X(COMMAND_ASSERT_INVALID, "assert_invalid")                                \
    X(COMMAND_ASSERT_UNLINKABLE, "assert_unlinkable")                          \
    X(COMMAND_ASSERT_UNINSTANTIABLE, "assert_uninstantiable")

typedef enum command_kind {
#define COMMAND_ENUM(name, text) name,
    COMMAND_LIST(COMMAND_ENUM)
#undef COMMAND_ENUM
    COMMAND_COUNT
} command_kind;

static const char *const command_names[] = {
#define COMMAND_NAME(name, text) text,
    COMMAND_LIST(COMMAND_NAME)
#undef COMMAND_NAME
};

typedef enum outcome {
    OUTCOME_PASS,
    OUTCOME_FAIL,
    OUTCOME_SKIP
} outcome;

typedef struct counts {
    size_t passed, failed, known, skipped;
} counts;

/* ------------------------------------------------------- known failures */

typedef struct known_entry {
    char file[128];
    unsigned long line;
    char reason[256];
    size_t source_line; /* in known-failures.txt */
    bool file_run;      /* its file was among the scripts run */
    bool seen, failed;
} known_entry;

typedef struct known_list {
    const char *path;
    known_entry *entries;
    size_t count;
} known_list;

static bool known_load(known_list *known, const char *path)
{
    known->path = path;
    FILE *file = fopen(path, "r");
    if (!file) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return false;
    }
    char line[512];
    size_t number = 0;
    bool ok = true;
    while (fgets(line, sizeof line, file)) {
        number++;
        char *text = line + strspn(line, " \t");
        text[strcspn(text, "\r\n")] = 0;
        if (!*text || *text == '#')
            continue;
        char word[160];
        int used = 0;
        if (sscanf(text, "%159s %n", word, &used) < 1 || !text[used]) {
            fprintf(stderr, "%s:%zu: error: an entry needs a reason\n", path,
                    number);
            ok = false;
            continue;
        }
        char *colon = strrchr(word, ':');
        char *end = NULL;
        unsigned long at = colon ? strtoul(colon + 1, &end, 10) : 0;
        if (!colon || !end || *end || at == 0 ||
            (size_t)(colon - word) >= sizeof known->entries->file) {
            fprintf(stderr,
                    "%s:%zu: error: expected 'FILE.wast:LINE REASON'\n",
                    path, number);
            ok = false;
            continue;
        }
        known_entry *entries =
            realloc(known->entries, (known->count + 1) * sizeof *entries);
        if (!entries) {
            ok = false;
            break;
        }
        known->entries = entries;
        known_entry *entry = &entries[known->count++];
        memset(entry, 0, sizeof *entry);
        memcpy(entry->file, word, (size_t)(colon - word));
        entry->line = at;
        snprintf(entry->reason, sizeof entry->reason, "%s", text + used);
        entry->source_line = number;
    }
    fclose(file);
    return ok;
}

static known_entry *known_find(known_list *known, const char *file,
                               unsigned long line)
{
    for (size_t i = 0; i < known->count; i++)
        if (known->entries[i].line == line &&
            !strcmp(known->entries[i].file, file))
            return &known->entries[i];
    return NULL;
}

/* --------------------------------------------------------------- script */

typedef struct named_instance {
    char *name;              /* "$M1" or NULL */
    wrt_instance *instance;  /* NULL if it failed */
} named_instance;

typedef struct script {
    const char *file;        /* "i32.wast" */
    const char *directory;   /* of the JSON file */
    wrt_engine *engine;
    wrt_store *store;
    wrt_imports *registry;
    named_instance *modules;
    size_t module_count;
    named_instance current;
    bool has_current;
    unsigned long line;      /* of the command being run */
    char why[600];           /* why the command failed */
} script;

static outcome fail(script *run, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static outcome fail(script *run, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(run->why, sizeof run->why, format, args);
    va_end(args);
    return OUTCOME_FAIL;
}

static const char *error_text(script *run)
{
    return wrt_store_error(run->store)->message;
}

/* Loads the command's module file; *module NULL (and run->why set) if the
 * file cannot be read, otherwise the wrt_module_new status. */
static wrt_status load_module(script *run, const json_value *command,
                              wrt_module **module)
{
    *module = NULL;
    const char *filename = json_get_string(command, "filename");
    if (!filename) {
        fail(run, "command has no filename");
        return WRT_ERR_ARGUMENT;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", run->directory, filename);
    size_t size = 0;
    uint8_t *bytes = read_file(path, &size);
    if (!bytes) {
        fail(run, "cannot read %s: %s", path, read_file_strerror(errno));
        return WRT_ERR_ARGUMENT;
    }
    wrt_status status = wrt_module_new(run->store, bytes, size, module);
    free(bytes);
    return status;
}

/* The instance an action or register names (NULL name: the current one). */
static const named_instance *find_instance(script *run, const char *name)
{
    if (!name)
        return run->has_current ? &run->current : NULL;
    for (size_t i = run->module_count; i-- > 0;)
        if (run->modules[i].name && !strcmp(run->modules[i].name, name))
            return &run->modules[i];
    return NULL;
}

static void add_instance(script *run, const char *name, wrt_instance *instance)
{
    run->current.instance = instance;
    run->current.name = NULL;
    run->has_current = true;
    if (!name)
        return;
    named_instance *modules =
        realloc(run->modules, (run->module_count + 1) * sizeof *modules);
    if (!modules)
        return;
    run->modules = modules;
    named_instance *entry = &modules[run->module_count++];
    entry->name = strdup(name);
    entry->instance = instance;
}

/* ---------------------------------------------------------------- values */

typedef enum nan_kind { NAN_NONE, NAN_CANONICAL, NAN_ARITHMETIC } nan_kind;

static bool type_from_text(const char *text, wrt_valtype *out)
{
    static const struct { const char *name; wrt_valtype type; } types[] = {
        {"i32", WRT_I32},         {"i64", WRT_I64},
        {"f32", WRT_F32},         {"f64", WRT_F64},
        {"v128", WRT_V128},       {"funcref", WRT_FUNCREF},
        {"externref", WRT_EXTERNREF},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (text && !strcmp(text, types[i].name)) {
            *out = types[i].type;
            return true;
        }
    return false;
}

/* Host reference N of the script: a distinct non-null pointer per N. */
static void *extern_ref(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

/* Parses {"type": T, "value": V}; `nan` receives a NaN pattern for
 * expected values (NULL for arguments, where patterns are not allowed). */
static bool parse_value(script *run, const json_value *json, wrt_val *out,
                        nan_kind *nan)
{
    memset(out, 0, sizeof *out);
    const char *type = json_get_string(json, "type");
    const char *text = json_get_string(json, "value");
    if (!type_from_text(type, &out->type)) {
        fail(run, "unknown value type %s", type ? type : "(none)");
        return false;
    }
    if (nan)
        *nan = NAN_NONE;
    if (out->type == WRT_V128) {
        fail(run, "v128 values are not supported (no SIMD)");
        return false;
    }
    if (!text) {
        fail(run, "value without a \"value\"");
        return false;
    }
    if (nan && (out->type == WRT_F32 || out->type == WRT_F64)) {
        if (!strcmp(text, "nan:canonical")) {
            *nan = NAN_CANONICAL;
            return true;
        }
        if (!strcmp(text, "nan:arithmetic")) {
            *nan = NAN_ARITHMETIC;
            return true;
        }
    }
    if (!strcmp(text, "null") &&
        (out->type == WRT_FUNCREF || out->type == WRT_EXTERNREF))
        return true;
    char *end = NULL;
    errno = 0;
    unsigned long long bits = strtoull(text, &end, 10);
    if (errno || !end || *end || end == text) {
        fail(run, "bad %s value '%s'", type, text);
        return false;
    }
    switch (out->type) {
    case WRT_I32: out->of.i32 = (int32_t)(uint32_t)bits; break;
    case WRT_I64: out->of.i64 = (int64_t)(uint64_t)bits; break;
    case WRT_F32: {
        uint32_t f32_bits = (uint32_t)bits;
        memcpy(&out->of.f32, &f32_bits, 4);
        break;
    }
    case WRT_F64: {
        uint64_t f64_bits = (uint64_t)bits;
        memcpy(&out->of.f64, &f64_bits, 8);
        break;
    }
    case WRT_EXTERNREF: out->of.externref = extern_ref(bits); break;
    case WRT_FUNCREF:
        fail(run, "non-null funcref constants cannot be passed");
        return false;
    case WRT_V128: break;
    }
    return true;
}

static void format_value(const wrt_val *value, char *buffer, size_t size)
{
    uint32_t f32_bits;
    uint64_t f64_bits;
    switch (value->type) {
    case WRT_I32:
        snprintf(buffer, size, "i32:%" PRIu32, (uint32_t)value->of.i32);
        break;
    case WRT_I64:
        snprintf(buffer, size, "i64:%" PRIu64, (uint64_t)value->of.i64);
        break;
    case WRT_F32:
        memcpy(&f32_bits, &value->of.f32, 4);
        snprintf(buffer, size, "f32:0x%08" PRIx32 " (%g)", f32_bits,
                 (double)value->of.f32);
        break;
    case WRT_F64:
        memcpy(&f64_bits, &value->of.f64, 8);
        snprintf(buffer, size, "f64:0x%016" PRIx64 " (%g)", f64_bits,
                 value->of.f64);
        break;
    case WRT_FUNCREF:
        snprintf(buffer, size, "funcref:%s", value->of.funcref ? "func" : "null");
        break;
    case WRT_EXTERNREF:
        if (value->of.externref)
            snprintf(buffer, size, "externref:%" PRIuPTR,
                     (uintptr_t)value->of.externref - 1);
        else
            snprintf(buffer, size, "externref:null");
        break;
    case WRT_V128: snprintf(buffer, size, "v128"); break;
    }
}

static bool value_matches(const wrt_val *got, const wrt_val *want,
                          nan_kind nan)
{
    if (got->type != want->type)
        return false;
    uint32_t f32_bits;
    uint64_t f64_bits;
    switch (want->type) {
    case WRT_I32: return got->of.i32 == want->of.i32;
    case WRT_I64: return got->of.i64 == want->of.i64;
    case WRT_F32:
        memcpy(&f32_bits, &got->of.f32, 4);
        if (nan == NAN_CANONICAL)
            return (f32_bits & 0x7fffffffu) == 0x7fc00000u;
        if (nan == NAN_ARITHMETIC)
            return (f32_bits & 0x7fc00000u) == 0x7fc00000u;
        return !memcmp(&got->of.f32, &want->of.f32, 4);
    case WRT_F64:
        memcpy(&f64_bits, &got->of.f64, 8);
        if (nan == NAN_CANONICAL)
            return (f64_bits & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
        if (nan == NAN_ARITHMETIC)
            return (f64_bits & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
        return !memcmp(&got->of.f64, &want->of.f64, 8);
    case WRT_FUNCREF:
        /* Only "null" is written; a non-null expectation means "any". */
        return want->of.funcref ? got->of.funcref != NULL
                                : got->of.funcref == NULL;
    case WRT_EXTERNREF: return got->of.externref == want->of.externref;
    case WRT_V128: return false;
    }
    return false;
}

/* --------------------------------------------------------------- actions */

/* Runs an action; on OUTCOME_PASS `status` is the call's status (WRT_OK or
 * WRT_TRAP) and results[0..*result_count) are set. */
static outcome run_action(script *run, const json_value *action,
                          wrt_val *results, size_t capacity,
                          size_t *result_count, wrt_status *status)
{
    const char *type = json_get_string(action, "type");
    const json_value *field = json_get(action, "field");
    if (!type || !field || field->kind != JSON_STRING)
        return fail(run, "malformed action");
    const char *module_name = json_get_string(action, "module");
    const named_instance *target = find_instance(run, module_name);
    if (!target)
        return fail(run, "no module %s", module_name ? module_name : "(current)");
    if (!target->instance)
        return fail(run, "module %s failed to instantiate",
                    module_name ? module_name : "(current)");
    wrt_name name = {field->text, field->length};
    wrt_extern object;
    if (wrt_instance_export(target->instance, name, &object) != WRT_OK)
        return fail(run, "no export \"%s\"", field->text);

    if (!strcmp(type, "get")) {
        if (object.kind != WRT_EXTERN_GLOBAL)
            return fail(run, "export \"%s\" is not a global", field->text);
        results[0] = wrt_global_get(object.of.global);
        *result_count = 1;
        *status = WRT_OK;
        return OUTCOME_PASS;
    }
    if (strcmp(type, "invoke"))
        return fail(run, "unknown action type %s", type);
    if (object.kind != WRT_EXTERN_FUNC)
        return fail(run, "export \"%s\" is not a function", field->text);
    const json_value *args_json = json_get(action, "args");
    size_t arg_count = args_json && args_json->kind == JSON_ARRAY
                           ? args_json->count : 0;
    wrt_val args[64];
    if (arg_count > 64)
        return fail(run, "too many arguments");
    for (size_t i = 0; i < arg_count; i++)
        if (!parse_value(run, &args_json->items[i], &args[i], NULL))
            return OUTCOME_FAIL;
    const wrt_functype *func_type = wrt_func_type(object.of.func);
    if (func_type->result_count > capacity)
        return fail(run, "too many results");
    *result_count = func_type->result_count;
    *status = wrt_func_call(run->store, object.of.func, args, arg_count,
                            results, *result_count);
    if (*status != WRT_OK && *status != WRT_TRAP)
        return fail(run, "call failed: %s", error_text(run));
    return OUTCOME_PASS;
}

/* A trap whose kind's message starts the expected text passes (the spec's
 * prefix rule: "uninitialized element 2" is kind "uninitialized element"). */
static outcome check_trap(script *run, const char *expected)
{
    const wrt_error *error = wrt_store_error(run->store);
    const char *kind = wrt_trap_message(error->trap);
    if (expected && strncmp(expected, kind, strlen(kind)))
        return fail(run, "trapped with \"%s\", expected \"%s\"",
                    error->message, expected);
    return OUTCOME_PASS;
}

static outcome run_assert_return(script *run, const json_value *command)
{
    wrt_val results[64];
    size_t count = 0;
    wrt_status status = WRT_OK;
    outcome result = run_action(run, json_get(command, "action"), results, 64,
                                &count, &status);
    if (result != OUTCOME_PASS)
        return result;
    if (status == WRT_TRAP)
        return fail(run, "trapped: %s", error_text(run));
    const json_value *expected = json_get(command, "expected");
    size_t want_count = expected && expected->kind == JSON_ARRAY
                            ? expected->count : 0;
    if (want_count != count)
        return fail(run, "returned %zu values, expected %zu", count,
                    want_count);
    for (size_t i = 0; i < count; i++) {
        wrt_val want;
        nan_kind nan;
        if (!parse_value(run, &expected->items[i], &want, &nan))
            return OUTCOME_FAIL;
        if (!value_matches(&results[i], &want, nan)) {
            char got_text[80], want_text[80];
            format_value(&results[i], got_text, sizeof got_text);
            format_value(&want, want_text, sizeof want_text);
            return fail(run, "result %zu is %s, expected %s%s", i, got_text,
                        nan == NAN_CANONICAL    ? "nan:canonical"
                        : nan == NAN_ARITHMETIC ? "nan:arithmetic"
                                                : want_text, "");
        }
    }
    return OUTCOME_PASS;
}

static outcome run_assert_trap(script *run, const json_value *command,
                               bool exhaustion)
{
    wrt_val results[64];
    size_t count = 0;
    wrt_status status = WRT_OK;
    outcome result = run_action(run, json_get(command, "action"), results, 64,
                                &count, &status);
    if (result != OUTCOME_PASS)
        return result;
    if (status != WRT_TRAP)
        return fail(run, "returned normally, expected a trap \"%s\"",
                    json_get_string(command, "text"));
    if (exhaustion &&
        wrt_store_error(run->store)->trap != WRT_TRAP_STACK_EXHAUSTED)
        return fail(run, "trapped with \"%s\", expected call stack exhaustion",
                    error_text(run));
    return check_trap(run, json_get_string(command, "text"));
}

static outcome run_module(script *run, const json_value *command)
{
    wrt_module *module;
    wrt_status status = load_module(run, command, &module);
    const char *name = json_get_string(command, "name");
    if (status != WRT_OK) {
        if (module || status != WRT_ERR_ARGUMENT)
            fail(run, "module failed to load: %s", error_text(run));
        add_instance(run, name, NULL);
        return OUTCOME_FAIL;
    }
    wrt_instance *instance = NULL;
    status = wrt_instance_new(run->store, module, run->registry, &instance);
    wrt_module_delete(module);
    add_instance(run, name, instance);
    if (status != WRT_OK)
        return fail(run, "module failed to instantiate: %s", error_text(run));
    return OUTCOME_PASS;
}

static outcome run_register(script *run, const json_value *command)
{
    const char *as = json_get_string(command, "as");
    const char *name = json_get_string(command, "name");
    const named_instance *target = find_instance(run, name);
    if (!as || !target)
        return fail(run, "register of an unknown module");
    if (!target->instance)
        return fail(run, "registered module failed to instantiate");
    wrt_name module_name = {as, strlen(as)};
    if (wrt_imports_define_instance(run->registry, module_name,
                                    target->instance) != WRT_OK)
        return fail(run, "out of memory");
    return OUTCOME_PASS;
}

/* assert_malformed / assert_invalid: decoding+validation must fail. */
static outcome run_assert_rejected(script *run, const json_value *command,
                                   bool malformed)
{
    const char *module_type = json_get_string(command, "module_type");
    if (module_type && !strcmp(module_type, "text"))
        return OUTCOME_SKIP;
    wrt_module *module;
    wrt_status status = load_module(run, command, &module);
    if (status == WRT_OK) {
        wrt_module_delete(module);
        return fail(run, "module was accepted, expected \"%s\"",
                    json_get_string(command, "text"));
    }
    if (!module && status == WRT_ERR_ARGUMENT && run->why[0])
        return OUTCOME_FAIL;
    if (status == WRT_ERR_MALFORMED ||
        (!malformed && status == WRT_ERR_INVALID))
        return OUTCOME_PASS;
    return fail(run, "rejected with \"%s\", expected %s \"%s\"",
                error_text(run), malformed ? "malformed" : "invalid",
                json_get_string(command, "text"));
}

/* assert_unlinkable / assert_uninstantiable. */
static outcome run_assert_instantiation(script *run, const json_value *command,
                                        bool unlinkable)
{
    wrt_module *module;
    wrt_status status = load_module(run, command, &module);
    if (status != WRT_OK) {
        if (module || status != WRT_ERR_ARGUMENT)
            fail(run, "module failed to load: %s", error_text(run));
        return OUTCOME_FAIL;
    }
    wrt_instance *instance = NULL;
    status = wrt_instance_new(run->store, module, run->registry, &instance);
    wrt_module_delete(module);
    const char *text = json_get_string(command, "text");
    if (status == WRT_OK)
        return fail(run, "instantiation succeeded, expected \"%s\"", text);
    if (unlinkable) {
        if (status == WRT_ERR_UNKNOWN_IMPORT ||
            status == WRT_ERR_INCOMPATIBLE_IMPORT)
            return OUTCOME_PASS;
    } else if (status == WRT_TRAP) {
        return check_trap(run, text);
    }
    return fail(run, "instantiation failed with \"%s\", expected \"%s\"",
                error_text(run), text);
}

static outcome run_command(script *run, command_kind kind,
                           const json_value *command)
{
    wrt_val results[64];
    size_t count;
    wrt_status status;
    outcome result;
    switch (kind) {
    case COMMAND_MODULE: return run_module(run, command);
    case COMMAND_REGISTER: return run_register(run, command);
    case COMMAND_ACTION:
        result = run_action(run, json_get(command, "action"), results, 64,
                            &count, &status);
        if (result == OUTCOME_PASS && status != WRT_OK)
            return fail(run, "trapped: %s", error_text(run));
        return result;
    case COMMAND_ASSERT_RETURN: return run_assert_return(run, command);
    case COMMAND_ASSERT_TRAP: return run_assert_trap(run, command, false);
    case COMMAND_ASSERT_EXHAUSTION: return run_assert_trap(run, command, true);
    case COMMAND_ASSERT_MALFORMED: return run_assert_rejected(run, command, true);
    case COMMAND_ASSERT_INVALID: return run_assert_rejected(run, command, false);
    case COMMAND_ASSERT_UNLINKABLE:
        return run_assert_instantiation(run, command, true);
    case COMMAND_ASSERT_UNINSTANTIABLE:
        return run_assert_instantiation(run, command, false);
    case COMMAND_COUNT: break;
    }
    return fail(run, "unknown command");
}

/* ------------------------------------------------------------------ main */

typedef struct totals {
    counts all;
    counts by_kind[COMMAND_COUNT];
} totals;

static void count_add(counts *sum, const counts *part)
{
    sum->passed += part->passed;
    sum->failed += part->failed;
    sum->known += part->known;
    sum->skipped += part->skipped;
}

static void script_reset(script *run)
{
    for (size_t i = 0; i < run->module_count; i++)
        free(run->modules[i].name);
    free(run->modules);
    run->modules = NULL;
    run->module_count = 0;
    run->has_current = false;
    wrt_imports_delete(run->registry);
    wrt_store_delete(run->store);
    run->registry = NULL;
    run->store = NULL;
}

/* Runs one JSON script; adds to `sum` and prints its line. False if the
 * script itself could not be read. */
static bool run_script(const char *json_path, wrt_engine *engine,
                       known_list *known, bool verbose, totals *sum)
{
    size_t size;
    char *text = (char *)read_file(json_path, &size);
    if (!text) {
        printf("%s: FAIL: cannot read: %s (did wast2json fail?)\n", json_path,
               read_file_strerror(errno));
        sum->all.failed++;
        return false;
    }
    json_value root;
    json_error error;
    bool parsed = json_parse(text, size, &root, &error);
    free(text);
    if (!parsed) {
        printf("%s:%zu:%zu: error: %s\n", json_path, error.line, error.column,
               error.message);
        sum->all.failed++;
        return false;
    }

    char directory[4096];
    snprintf(directory, sizeof directory, "%s", json_path);
    char *slash = strrchr(directory, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(directory, ".");
    const char *source = json_get_string(&root, "source_filename");
    const char *file = source ? source : json_path;
    if (strrchr(file, '/'))
        file = strrchr(file, '/') + 1;

    for (size_t i = 0; i < known->count; i++)
        if (!strcmp(known->entries[i].file, file))
            known->entries[i].file_run = true;

    script run;
    memset(&run, 0, sizeof run);
    run.file = file;
    run.directory = directory;
    run.engine = engine;
    run.store = wrt_store_new(engine);
    run.registry = wrt_imports_new();
    counts here = {0, 0, 0, 0};
    size_t printed = 0;
    if (!run.store || !run.registry ||
        spectest_define(run.store, run.registry) != WRT_OK) {
        printf("%s: cannot create the spectest module\n", file);
        here.failed++;
    }

    const json_value *commands = json_get(&root, "commands");
    for (size_t i = 0; run.registry && commands &&
                       commands->kind == JSON_ARRAY && i < commands->count;
         i++) {
        const json_value *command = &commands->items[i];
        const char *type = json_get_string(command, "type");
        const json_value *line = json_get(command, "line");
        run.line = line && line->kind == JSON_NUMBER
                       ? strtoul(line->text, NULL, 10) : 0;
        run.why[0] = 0;
        command_kind kind = COMMAND_COUNT;
        for (int k = 0; k < COMMAND_COUNT; k++)
            if (type && !strcmp(type, command_names[k]))
                kind = (command_kind)k;
        outcome result = run_command(&run, kind, command);
        known_entry *entry = known_find(known, file, run.line);
        if (entry)
            entry->seen = true;
        counts *by_kind = kind < COMMAND_COUNT ? &sum->by_kind[kind] : NULL;
        counts one = {0, 0, 0, 0};
        const char *label = NULL;
        switch (result) {
        case OUTCOME_PASS:
            one.passed = 1;
            break;
        case OUTCOME_SKIP:
            one.skipped = 1;
            break;
        case OUTCOME_FAIL:
            if (entry) {
                entry->failed = true;
                one.known = 1;
                label = verbose ? "known failure" : NULL;
            } else {
                one.failed = 1;
                label = "FAIL";
            }
            break;
        }
        count_add(&here, &one);
        if (by_kind)
            count_add(by_kind, &one);
        if (label && (verbose || printed++ < 30))
            printf("  %s:%lu: %s: %s: %s\n", file, run.line, label,
                   type ? type : "?", run.why);
    }
    if (printed > 30)
        printf("  %s: ... %zu more failures\n", file, printed - 30);
    printf("%s: %zu passed, %zu failed (%zu known failures, %zu skipped)\n",
           file, here.passed, here.failed, here.known, here.skipped);
    count_add(&sum->all, &here);
    script_reset(&run);
    json_free(&root);
    return true;
}

/* Entries that no longer fail are errors: the list must shrink. */
static size_t check_stale_entries(known_list *known)
{
    size_t stale = 0;
    for (size_t i = 0; i < known->count; i++) {
        known_entry *entry = &known->entries[i];
        if (entry->failed || !entry->file_run)
            continue; /* still failing, or its file was not run */
        printf("%s:%zu: UNEXPECTED PASS: %s:%lu %s; remove it from the list\n",
               known->path, entry->source_line, entry->file, entry->line,
               entry->seen ? "now passes" : "matches no command");
        stale++;
    }
    return stale;
}

int main(int argc, char **argv)
{
    known_list known;
    memset(&known, 0, sizeof known);
    bool verbose = false;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--known") && first + 1 < argc) {
            if (!known_load(&known, argv[++first])) {
                printf("0 passed, 1 failed\n");
                return 1;
            }
        } else if (!strcmp(argv[first], "--verbose")) {
            verbose = true;
        } else {
            fprintf(stderr,
                    "usage: %s [--known FILE] [--verbose] FILE.json...\n",
                    argv[0]);
            return 2;
        }
    }
    wrt_engine *engine = wrt_engine_new();
    if (!engine) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    totals sum;
    memset(&sum, 0, sizeof sum);
    for (int i = first; i < argc; i++)
        run_script(argv[i], engine, &known, verbose, &sum);
    wrt_engine_delete(engine);
    if (known.path)
        sum.all.failed += check_stale_entries(&known);
    free(known.entries);

    printf("by command (passed/failed/known/skipped):\n");
    for (int k = 0; k < COMMAND_COUNT; k++)
        printf("  %-22s %6zu %6zu %6zu %6zu\n", command_names[k],
               sum.by_kind[k].passed, sum.by_kind[k].failed,
               sum.by_kind[k].known, sum.by_kind[k].skipped);
    printf("spec: %d files, %zu passed, %zu failed (%zu known failures, %zu "
           "skipped: text modules, no text parser by design)\n",
           argc - first, sum.all.passed, sum.all.failed, sum.all.known,
           sum.all.skipped);
    printf("%zu passed, %zu failed\n", sum.all.passed, sum.all.failed);
    return sum.all.failed ? 1 : 0;
}
