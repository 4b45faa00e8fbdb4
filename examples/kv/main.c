/* main.c: runs the kv example natively (it_loader.h): option, list, record
 * and result values through the C API. Prints exactly what
 * examples/kv/main.js prints in Node (examples/kv/expected.txt).
 *
 *   build/bin/kv_native [ADAPTER_DIR]   (default: build/examples/kv)
 */
/* examples/build.mk compiles every examples/NAME/NAME.c into a wasm core
 * module, this file included; for that target it is empty. */
#ifndef __wasm__

#include "it_loader.h"

#include <stdio.h>
#include <string.h>

static it_context *context;
static it_component *kv;

static int fail(void)
{
    fflush(stdout);
    fprintf(stderr, "kv: %s\n", it_context_error(context)->message);
    it_context_delete(context);
    return 1;
}

/* Calls export `name` (looked up each time: this is an example, not a benchmark). */
static it_status call(const char *name, const it_value *args, size_t arg_count, it_value *result)
{
    it_func *func;
    it_status status = it_component_func(kv, name, &func);
    return status ? status : it_call(func, args, arg_count, result, result ? 1 : 0);
}

static void print_string(it_string s) { printf("%.*s", (int)s.size, s.data); }

/* A string as JSON.stringify writes it. */
static void print_json(const char *text)
{
    putchar('"');
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\') putchar('\\');
        putchar(*p);
    }
    putchar('"');
}

static it_status print_get(const char *key)
{
    it_value arg = it_value_cstring(key), result;
    it_status status = call("get", &arg, 1, &result);
    if (status) return status;
    /* option<string>: case 1 (some) has the string as its payload */
    printf("get(\"%s\"): ", key);
    if (result.of.variant.index == 1) print_string(result.of.variant.payload->of.string);
    else fputs("undefined", stdout);
    putchar('\n');
    return IT_OK;
}

static it_status print_keys(void)
{
    it_value result;
    it_status status = call("keys", NULL, 0, &result);
    if (status) return status;
    fputs("keys(): ", stdout);
    for (size_t i = 0; i < result.of.list.count; i++) {
        if (i) fputs(", ", stdout);
        print_string(result.of.list.items[i].of.string);
    }
    putchar('\n');
    return IT_OK;
}

static it_status print_remove(const char *key)
{
    it_value arg = it_value_cstring(key), result;
    it_status status = call("remove", &arg, 1, &result);
    if (!status) printf("remove(\"%s\"): %s\n", key, result.of.u1 ? "true" : "false");
    return status;
}

static it_status print_row(const char *line)
{
    it_value arg = it_value_cstring(line), result;
    it_status status = call("parseRow", &arg, 1, &result);
    if (status) return status;
    fputs("parseRow(", stdout);
    print_json(line);
    /* result<person, string>: 0 ok (a person), 1 err (a string) */
    const it_value *payload = result.of.variant.payload;
    if (result.of.variant.index == 1) {
        fputs(") failed: ", stdout);
        print_string(payload->of.string);
        putchar('\n');
        return IT_OK;
    }
    const it_value *fields = payload->of.list.items; /* name, age, email */
    fputs("): ", stdout);
    print_string(fields[0].of.string);
    printf(", %u, ", fields[1].of.u32);
    if (fields[2].of.variant.index == 1) print_string(fields[2].of.variant.payload->of.string);
    else fputs("(no email)", stdout);
    putchar('\n');
    return IT_OK;
}

static it_status print_get_or(const char *key, const char *otherwise)
{
    it_value args[2] = {it_value_cstring(key), it_value_cstring(otherwise)}, result;
    it_status status = call("getOr", args, 2, &result);
    if (status) return status;
    printf("getOr(\"%s\", \"%s\"): ", key, otherwise);
    print_string(result.of.string);
    putchar('\n');
    return IT_OK;
}

static it_status print_name(const char *line)
{
    it_value arg = it_value_cstring(line), result;
    it_status status = call("nameOf", &arg, 1, &result);
    if (status) return status;
    /* result<string, string>: 0 ok, 1 err, a string either way */
    fputs("nameOf(", stdout);
    print_json(line);
    fputs(result.of.variant.index == 0 ? "): " : ") failed: ", stdout);
    print_string(result.of.variant.payload->of.string);
    putchar('\n');
    return IT_OK;
}

static it_status set(const char *key, const char *value)
{
    it_value args[2] = {it_value_cstring(key), it_value_cstring(value)};
    return call("set", args, 2, NULL);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/examples/kv";
    char path[4096];
    snprintf(path, sizeof path, "%s/it_kv.wasm", dir);
    if (it_context_new(&context)) {
        fprintf(stderr, "kv: out of memory\n");
        return 1;
    }
    if (it_load(context, path, &kv)) return fail();
    if (set("language", "C") || set("engine", "wrt") || set("greeting", "h\xc3\xa9llo \xf0\x9f\x8e\x89") ||
        set("engine", "wrt, a baseline JIT"))
        return fail();
    if (print_get("engine") || print_get("greeting") || print_get("missing") || print_keys() ||
        print_remove("language") || print_remove("language") || print_keys())
        return fail();
    if (print_get_or("engine", "none") || print_get_or("missing", "none") ||
        print_name("Ada Lovelace,36,ada@example.org") || print_name("Grace Hopper,x"))
        return fail();
    const char *lines[] = {"Ada Lovelace,36,ada@example.org", "Alan Turing,41", "Grace Hopper,x", ",3", "nobody"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        if (print_row(lines[i])) return fail();
    it_context_delete(context);
    return 0;
}

#endif
