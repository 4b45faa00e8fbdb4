/* itrun.c: run one export of an adapted component from the shell, printing like JS console.log. */
#include "it_loader.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "run_limits.h"
#include "value_text.h"

/*
 *   itrun [--link NAME=ADAPTER.wasm]... [--console NAME]... [--timeout SECONDS]
 *         [--max-memory BYTES] ADAPTER.wasm EXPORT [ARGS...]
 *   itrun --list ADAPTER.wasm
 *
 * Arguments are read by the export's IT signature; the result is printed the
 * way Node's console.log prints the value the JS loader returns (booleans,
 * numbers in JS notation, 64-bit integers as BigInts with an `n`, strings
 * raw, several results as an array). Imports from `console` (and from each
 * module named by --console) are served by itrun: each prints its arguments
 * separated by spaces, like console.log.
 * Every error is one line on stderr: exit status 1, or 2 for bad usage.
 */

static const char USAGE[] =
    "usage: itrun [--link NAME=ADAPTER.wasm]... [--console NAME]... [--timeout SECONDS]\n"
    "             [--max-memory BYTES] [--dir HOST[::GUEST]]... [--env NAME=VALUE]...\n"
    "             [--inherit-env] ADAPTER.wasm EXPORT [ARGS...]\n"
    "       itrun --list ADAPTER.wasm\n"
    "       itrun --help | --version\n";

static const char HELP[] =
    "Runs export EXPORT of an adapted component (an adapter written by itlc,\n"
    "docs/abi.md) on the wrt engine and prints its result like JS console.log.\n"
    "\n"
    "options:\n"
    "  --link NAME=ADAPTER.wasm  load ADAPTER.wasm first and give its exports to\n"
    "                            the components loaded after it as imports NAME.*\n"
    "                            (repeatable, in order)\n"
    "  --console NAME            serve the imports from module NAME like those\n"
    "                            from console: print the arguments (repeatable)\n"
    "  --timeout SECONDS         stop the component (its _it_init and the call)\n"
    "                            after SECONDS (decimal, above 0), an error\n"
    "                            'interrupted'\n"
    "  --max-memory BYTES        cap the linear memory of all the modules loaded\n"
    "                            together: memory.grow past it returns -1, a\n"
    "                            module that needs more fails to load\n"
    "  --dir HOST[::GUEST]       give the core modules' WASI host directory HOST,\n"
    "                            named GUEST (default HOST); they see nothing else\n"
    "                            (repeatable)\n"
    "  --env NAME=VALUE          set a variable of the core modules' WASI\n"
    "                            environment, otherwise empty (repeatable)\n"
    "  --inherit-env             give them itrun's whole environment\n"
    "  --list                    print the component's exports and imports with\n"
    "                            their IT signatures, and its core modules\n"
    "  --help, -h, --version\n"
    "\n"
    "ARGS are read by the export's IT signature: bool (u1) as true/false (or 1/0);\n"
    "integers in decimal or 0x hex with at most one sign, range-checked\n"
    "(s64/u64/i64 may end in n); floats as decimal (1.5, -2e-3, .5) or hex\n"
    "(0x1.8p3) numbers, Infinity, -Infinity or NaN, nothing else (no spaces,\n"
    "no inf or nan); strings, chars (one code point) and enum cases as given\n"
    "(UTF-8). The whole argument must be the value. Values of the other\n"
    "constructed types are written as in JS, and so is every value inside\n"
    "one (strings quoted):\n"
    "  record   {x: 1, y: 2.5}         (every field, any order)\n"
    "  tuple    [true, 'a']            list  [1, 2, 3] or []\n"
    "  flags    {read: true}           (flags left out are false)\n"
    "  variant  {tag: 'circle', val: 2}  or {tag: 'empty'}  (tag first)\n"
    "  result   {tag: 'ok', val: 1}    or {tag: 'err', val: 'why'}\n"
    "  option   undefined (or null) for none, else the value; the inner option\n"
    "           of option<option<T>> is {tag: 'some', val: V} or {tag: 'none'}\n"
    "  inside   'text' or \"text\" (JS escapes), 7n, true, enum cases 'red'\n"
    "Results print as console.log prints the Node loader's values ({ x: 1 },\n"
    "[ 1, 2 ], Uint8Array(2) [ 1, 2 ] for lists of numbers, undefined), laid out\n"
    "as Node 20 does: a value longer than about 72 columns over several lines,\n"
    "arrays of more than 6 short items in columns, nesting past depth 2 as\n"
    "[Object], arrays cut after 100 items and strings inside after 10000\n"
    "characters; several results print as an array. A result<T, E> result\n"
    "prints T's value, or its error on one line on stderr with exit status 1\n"
    "(the Node loader throws it). Imports from `console` (log, or any other\n"
    "name) and from the modules named by --console print their arguments\n"
    "separated by spaces.\n"
    "\n"
    "Core modules that import WASI (wasi_snapshot_preview1) get it from itrun:\n"
    "argv is [ADAPTER.wasm], stdin, stdout and stderr are itrun's.\n"
    "\n"
    "Exit status: 0 on success, 1 on errors (a missing file, an import not\n"
    "provided, a bad argument, a trap), 2 on bad usage.\n";

static int usage_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("itrun: ", stderr);
    vfprintf(stderr, format, args);
    fputs("\n", stderr);
    va_end(args);
    fputs(USAGE, stderr);
    return 2;
}

/* Writes `text` with its control characters as \xHH (tools/escape): names
 * come from adapters, and a newline or a terminal escape in one must not
 * forge a line of output or hide the rest. */
static void put_escaped(const char *text, FILE *out)
{
    char *escaped = escape_controls(text);
    fputs(escaped ? escaped : "(out of memory)", out);
    free(escaped);
}

/* Every error is one line on stderr (names in it escaped). */
static int fail(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *message = NULL;
    int length = vasprintf(&message, format, args);
    va_end(args);
    fflush(stdout);
    fputs("itrun: ", stderr);
    put_escaped(length < 0 ? "out of memory" : message, stderr);
    fputs("\n", stderr);
    free(message);
    return 1;
}

/* ------------------------------------------------------------ formatting */

/* The results of a call: nothing, one value, or an array of several,
 * which prints as the tuple of their types would (both are JS arrays).
 * 0, or the exit status after saying why not. */
static int print_results(const it_signature *sig, const it_value *results)
{
    size_t count = sig->result_count;
    if (count == 0) return 0;
    if (count == 1) {
        if (!value_print(sig->result_types[0], &results[0], VALUE_CONSOLE, stdout)) return fail("out of memory");
        fputc('\n', stdout);
        return 0;
    }
    it_member *members = calloc(count, sizeof *members);
    if (!members) return fail("out of memory");
    for (size_t i = 0; i < count; i++) members[i].type = sig->result_types[i];
    it_typedesc tuple = {.kind = IT_TUPLE, .member_count = count, .members = members};
    it_value array = {.type = IT_TUPLE, .of.list = {.items = results, .count = count}};
    bool printed = value_print(&tuple, &array, VALUE_CONSOLE, stdout);
    free(members);
    if (!printed) return fail("out of memory");
    fputc('\n', stdout);
    return 0;
}

static void signature_text(const it_signature *sig, char *out, size_t size)
{
    char type[256];
    size_t used = (size_t)snprintf(out, size, "(");
    for (size_t i = 0; i < sig->param_count && used < size; i++) {
        it_typedesc_text(sig->param_types[i], type, sizeof type);
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", type);
    }
    if (used < size) used += (size_t)snprintf(out + used, size - used, ") -> (");
    for (size_t i = 0; i < sig->result_count && used < size; i++) {
        it_typedesc_text(sig->result_types[i], type, sizeof type);
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", type);
    }
    if (used < size) snprintf(out + used, size - used, ")");
}

/* ------------------------------------------------------------ console */

/* console.NAME(...): prints the arguments separated by spaces. */
static it_status console_print(const it_host_call *call, const it_value *args,
                               it_value *results)
{
    (void)results;
    for (size_t i = 0; i < call->import->param_count; i++) {
        if (i) fputc(' ', stdout);
        if (!value_print(call->import->param_types[i], &args[i], VALUE_CONSOLE, stdout))
            return it_host_fail(call, "out of memory");
    }
    fputc('\n', stdout);
    return IT_OK;
}

/* Whether imports from `module` print: `console` and the --console names. */
static bool is_console(const char *module, char **consoles, size_t count)
{
    if (strcmp(module, "console") == 0) return true;
    for (size_t i = 0; i < count; i++)
        if (strcmp(module, consoles[i]) == 0) return true;
    return false;
}

/* Defines every console import of `adapter` (see is_console) as console_print. */
static int define_console(it_context *context, const it_adapter *adapter,
                          char **consoles, size_t console_count)
{
    for (size_t i = 0; i < it_adapter_import_count(adapter); i++) {
        const it_signature *import = it_adapter_import(adapter, i);
        if (!is_console(import->module, consoles, console_count)) continue;
        if (import->result_count) {
            char text[256];
            signature_text(import, text, sizeof text);
            return fail("%s imports %s.%s as %s, but itrun's console "
                        "functions return nothing",
                        it_adapter_file(adapter), import->module, import->name, text);
        }
        if (it_define_host_any(context, import->module, import->name, console_print, NULL))
            return fail("%s", it_context_error(context)->message);
    }
    return 0;
}

/* ------------------------------------------------------------ --list */

static void list_adapter(const it_adapter *adapter)
{
    char text[512];
    fputs("component ", stdout);
    put_escaped(it_adapter_name(adapter), stdout);
    fputs(" (", stdout);
    put_escaped(it_adapter_file(adapter), stdout);
    fputs(")\n", stdout);
    for (size_t i = 0; i < it_adapter_export_count(adapter); i++) {
        const it_signature *sig = it_adapter_export(adapter, i);
        signature_text(sig, text, sizeof text);
        fputs("export ", stdout);
        put_escaped(sig->name, stdout);
        printf(" %s\n", text);
    }
    for (size_t i = 0; i < it_adapter_import_count(adapter); i++) {
        const it_signature *sig = it_adapter_import(adapter, i);
        signature_text(sig, text, sizeof text);
        fputs("import ", stdout);
        put_escaped(sig->module, stdout);
        fputc('.', stdout);
        put_escaped(sig->name, stdout);
        printf(" %s\n", text);
    }
    for (size_t i = 0; i < it_adapter_module_count(adapter); i++) {
        fputs("core module ", stdout);
        put_escaped(it_adapter_module_path(adapter, i), stdout);
        fputc('\n', stdout);
    }
}

/* ------------------------------------------------------------ main */

/* --timeout: a watchdog thread interrupts the context (it_context_interrupt
 * is safe from any thread). */
static double timeout_seconds; /* 0: none */

static void on_timeout(void *context)
{
    it_context_interrupt(context);
}

/* The context's error, saying why when --timeout stopped it. */
static int fail_context(it_context *context)
{
    const it_error *error = it_context_error(context);
    if (error->status == IT_ERR_INTERRUPTED && timeout_seconds > 0)
        return fail("%s (the --timeout of %g s ran out)", error->message, timeout_seconds);
    return fail("%s", error->message);
}

typedef struct link_arg {
    char *name;
    const char *path;
    it_adapter *adapter;
} link_arg;

/* What run() allocates; main frees it on every path. */
typedef struct run_state {
    it_context *context;
    link_arg *links;
    size_t link_count;
    char **consoles; /* the --console module names (borrowed from argv) */
    size_t console_count;
    it_value *args, *results;
    run_watchdog *watchdog; /* --timeout's, stopped before the context goes */
    const char **dirs, **env; /* --dir and --env values (borrowed from argv) */
    size_t dir_count, env_count;
    bool inherit_env;
    text_arena arena; /* what parsed arguments point into */
} run_state;

/* Sets the context's WASI from --dir, --env and --inherit-env (argv: the
 * adapter's path); 0, or the exit status after saying why not. */
static int set_wasi(run_state *state, const char *path)
{
    size_t env_count = 0;
    const char **env = run_environment(state->inherit_env, state->env, state->env_count, &env_count);
    if (!env) return fail("out of memory");
    it_wasi_config config = {
        .arg_count = 1, .args = &path,
        .env_count = env_count, .env = env,
        .dir_count = state->dir_count, .dirs = state->dirs,
    };
    it_status status = it_context_set_wasi(state->context, &config);
    free(env);
    return status ? fail("%s", it_context_error(state->context)->message) : 0;
}

static int run(int argc, char **argv, run_state *state)
{
    it_context *context = state->context;
    link_arg *links = state->links = calloc((size_t)argc, sizeof *links);
    char **consoles = state->consoles = calloc((size_t)argc, sizeof *consoles);
    state->dirs = calloc((size_t)argc, sizeof *state->dirs);
    state->env = calloc((size_t)argc, sizeof *state->env);
    bool list = false;
    it_limits limits = {0};
    int i = 1;
    if (!links || !consoles || !state->dirs || !state->env) return fail("out of memory");
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(option, "--list") == 0) {
            list = true;
            continue;
        }
        if (strcmp(option, "--console") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0]) return usage_error("--console needs a module NAME");
            consoles[state->console_count++] = argv[++i];
            continue;
        }
        if (strncmp(option, "--console=", 10) == 0) {
            if (!option[10]) return usage_error("--console needs a module NAME");
            consoles[state->console_count++] = argv[i] + 10;
            continue;
        }
        if (strcmp(option, "--timeout") == 0 || strcmp(option, "--max-memory") == 0) {
            bool seconds = option[2] == 't';
            if (i + 1 >= argc) return usage_error("%s needs a number", option);
            const char *value = argv[++i];
            if (seconds ? !run_parse_seconds(value, &timeout_seconds) : !run_parse_bytes(value, &limits.memory_bytes))
                return usage_error(seconds ? "--timeout takes seconds (above 0, at most 1e6), not '%s'"
                                           : "--max-memory takes a number of bytes above 0, not '%s'",
                                   value);
            continue;
        }
        if (strcmp(option, "--dir") == 0 || strcmp(option, "--env") == 0) {
            bool dir = option[2] == 'd';
            if (i + 1 >= argc) return usage_error(dir ? "--dir needs HOST[::GUEST]" : "--env needs NAME=VALUE");
            const char *value = argv[++i], *equals = strchr(value, '=');
            if (dir && !run_dir_is_valid(value))
                return usage_error("--dir takes HOST[::GUEST], both non-empty, not '%s'", value);
            if (!dir && (!equals || equals == value))
                return usage_error("--env takes NAME=VALUE, not '%s'", value);
            if (dir) state->dirs[state->dir_count++] = value;
            else state->env[state->env_count++] = value;
            continue;
        }
        if (strcmp(option, "--inherit-env") == 0) {
            state->inherit_env = true;
            continue;
        }
        const char *value = NULL;
        if (strcmp(option, "--link") == 0) {
            if (i + 1 >= argc) return usage_error("--link needs NAME=ADAPTER.wasm");
            value = argv[++i];
        } else if (strncmp(option, "--link=", 7) == 0) {
            value = option + 7;
        } else {
            return usage_error("unknown option %s", option);
        }
        const char *equals = strchr(value, '=');
        if (!equals || equals == value || !equals[1])
            return usage_error("--link %s: expected NAME=ADAPTER.wasm", value);
        link_arg *entry = &links[state->link_count++];
        entry->name = strndup(value, (size_t)(equals - value));
        entry->path = equals + 1;
        if (!entry->name) return fail("out of memory");
    }
    if (i >= argc) return usage_error("no adapter given");
    const char *path = argv[i++];
    if (set_wasi(state, path)) return 1;
    it_adapter *adapter;
    if (it_adapter_load(context, path, &adapter))
        return fail("%s", it_context_error(context)->message);
    if (list) {
        if (i < argc) return usage_error("--list takes only the adapter");
        list_adapter(adapter);
        return 0;
    }
    if (i >= argc) return usage_error("no export given (itrun --list %s shows them)", path);
    const char *export_name = argv[i++];
    const it_signature *sig = it_adapter_find_export(adapter, export_name);
    if (!sig) {
        char names[1024] = "";
        size_t used = 0;
        for (size_t k = 0; k < it_adapter_export_count(adapter) && used < sizeof names; k++)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                     k ? ", " : "", it_adapter_export(adapter, k)->name);
        return fail("%s: %s has no export %s (its exports: %s)", it_adapter_file(adapter),
                    it_adapter_name(adapter), export_name, used ? names : "none");
    }

    /* Arguments first: a bad one is reported before anything runs. */
    char label[512], text[512];
    snprintf(label, sizeof label, "%s.%s", it_adapter_name(adapter), sig->name);
    size_t given = (size_t)(argc - i);
    if (given != sig->param_count) {
        signature_text(sig, text, sizeof text);
        return fail("%s expects %zu argument%s %s, got %zu", label, sig->param_count,
                    sig->param_count == 1 ? "" : "s", text, given);
    }
    it_value *args = state->args = calloc(given + 1, sizeof *args);
    it_value *results = state->results = calloc(sig->result_count + 1, sizeof *results);
    size_t link_count = state->link_count;
    if (!args || !results) return fail("out of memory");
    for (size_t k = 0; k < given; k++) {
        const it_typedesc *type = sig->param_types[k];
        char why[300];
        if (!value_parse(type, argv[i + (int)k], &args[k], &state->arena, why, sizeof why)) {
            it_typedesc_text(type, text, sizeof text);
            return fail("%s: argument %zu (%s): %s", label, k + 1, text, why);
        }
    }

    for (size_t k = 0; k < link_count; k++)
        if (it_adapter_load(context, links[k].path, &links[k].adapter))
            return fail("%s", it_context_error(context)->message);
    it_context_set_limits(context, &limits);
    if (timeout_seconds > 0 && !(state->watchdog = run_watchdog_start(timeout_seconds, on_timeout, context)))
        return fail("cannot start the --timeout thread: %s", strerror(errno));
    for (size_t k = 0; k < link_count; k++) {
        it_component *component;
        if (define_console(context, links[k].adapter, consoles, state->console_count)) return 1;
        if (it_instantiate(context, links[k].adapter, &component))
            return fail_context(context);
        if (it_define_component(context, links[k].name, component))
            return fail("%s", it_context_error(context)->message);
    }
    it_component *component;
    it_func *func;
    if (define_console(context, adapter, consoles, state->console_count)) return 1;
    if (it_instantiate(context, adapter, &component) ||
        it_component_func(component, export_name, &func) ||
        it_call(func, args, given, results, sig->result_count))
        return fail_context(context);
    /* A result<T, E> result: T's value, or E's as the error (as the Node
     * loader returns or throws). */
    if (sig->result_count == 1 && sig->results[0] == IT_RESULT) {
        const it_typedesc *type = sig->result_types[0];
        uint32_t index = results[0].of.variant.index;
        if (index == 1) {
            fflush(stdout);
            fprintf(stderr, "itrun: %s returned an error: ", label);
            if (!results[0].of.variant.payload)
                fputs("undefined", stderr);
            else if (!value_print(type->members[1].type, results[0].of.variant.payload, VALUE_ONE_LINE, stderr))
                fputs("(out of memory)", stderr);
            fputc('\n', stderr);
            return 1;
        }
        if (!results[0].of.variant.payload)
            fputs("undefined", stdout);
        else if (!value_print(type->members[0].type, results[0].of.variant.payload, VALUE_CONSOLE, stdout))
            return fail("out of memory");
        fputc('\n', stdout);
    } else if (print_results(sig, results)) {
        return 1;
    }
    fflush(stdout);
    return ferror(stdout) ? fail("cannot write the output") : 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(USAGE, stdout);
        fputs("\n", stdout);
        fputs(HELP, stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("itrun %s (it.interface version %d)\n", IT_LOADER_VERSION,
               IT_ABI_VERSION);
        return 0;
    }
    run_state state = {0};
    if (it_context_new(&state.context)) return fail("out of memory");
    int status = run(argc, argv, &state);
    for (size_t k = 0; k < state.link_count; k++) free(state.links[k].name);
    free(state.links);
    text_arena_free(&state.arena);
    free(state.consoles);
    free(state.dirs);
    free(state.env);
    free(state.args);
    free(state.results);
    run_watchdog_stop(state.watchdog);
    it_context_delete(state.context);
    return status;
}
