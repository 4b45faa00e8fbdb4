/* loader_test.c: unit tests of the native loader (it_loader.h): every error path, handles, UTF-8, bounds, host functions, linking. */
#include "../check.h"
#include "it_loader.h"
#include "loader.h" /* internal: the live string count, for the memory bound */

#include <ftw.h>
#include <math.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * usage: loader_test FIXTURE_DIR
 *
 * FIXTURE_DIR holds tests/loader/fixtures/NAME.wat compiled to NAME.wasm.
 * Each test copies the adapter it needs into a fresh temporary directory,
 * appends the it.interface section described by a small text spec (below),
 * and puts the core modules next to it.
 */

static const char *fixtures;
static char temp_root[256];


/* The call returned `expected` and the context's message contains `text`. */
static void check_error(it_context *context, it_status status, it_status expected,
                        const char *text, const char *what)
{
    const char *message = it_context_error(context)->message;
    check(status == expected && strstr(message, text) != NULL,
          "%s: expected %s containing \"%s\", got %s: %s", what,
          it_status_message(expected), text, it_status_message(status),
          status ? message : "(ok)");
}

/* ---------------------------------------------------------------- fixtures */

typedef struct buffer {
    uint8_t *data;
    size_t size, capacity;
} buffer;

static void put(buffer *b, const void *bytes, size_t size)
{
    if (b->size + size > b->capacity) {
        b->capacity = (b->size + size) * 2 + 64;
        b->data = realloc(b->data, b->capacity);
        if (!b->data) abort();
    }
    memcpy(b->data + b->size, bytes, size);
    b->size += size;
}

static void put_leb(buffer *b, uint64_t value)
{
    do {
        uint8_t byte = value & 0x7f;
        value >>= 7;
        if (value) byte |= 0x80;
        put(b, &byte, 1);
    } while (value);
}

static void put_string(buffer *b, const char *text)
{
    put_leb(b, strlen(text));
    put(b, text, strlen(text));
}

/* The type table every spec's section has: one unnamed entry per
 * primitive, in this order (docs/abi.md "Types"). */
static const uint8_t PRIMITIVES[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                     0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x10, 0x11};

static void put_primitive_table(buffer *b)
{
    put_leb(b, sizeof PRIMITIVES);
    for (size_t i = 0; i < sizeof PRIMITIVES; i++) {
        put_string(b, "");
        put(b, &PRIMITIVES[i], 1);
    }
}

/* Types "s32 u1 -> string" from words[from..] as indices into that table
 * (a number stands for itself: an index). */
static void put_types(buffer *b, char **words, size_t count)
{
    size_t arrow = 0;
    while (arrow < count && strcmp(words[arrow], "->") != 0) arrow++;
    for (int part = 0; part < 2; part++) {
        size_t start = part ? arrow + 1 : 0, end = part ? count : arrow;
        if (start > end) start = end;
        put_leb(b, end - start);
        for (size_t i = start; i < end; i++) {
            it_type type = it_type_from_name(words[i]);
            uint64_t index = strtoull(words[i], NULL, 0);
            for (size_t k = 0; type && k < sizeof PRIMITIVES; k++)
                if (PRIMITIVES[k] == type) index = k;
            put_leb(b, index);
        }
    }
}

/*
 * The it.interface payload for a spec, one item a line:
 *   version N                      (default IT_ABI_VERSION)
 *   component NAME
 *   export NAME TYPES -> TYPES
 *   import MODULE NAME TYPES -> TYPES
 *   module PATH
 *   wire MODULE NAME SHIM          (a core import of the last module)
 */
static buffer build_interface(const char *spec)
{
    char *copy = strdup(spec);
    char *lines[64];
    size_t line_count = 0;
    for (char *line = strtok(copy, "\n"); line && line_count < 64; line = strtok(NULL, "\n"))
        lines[line_count++] = line;
    char *words[64][40];
    size_t word_count[64];
    for (size_t i = 0; i < line_count; i++) {
        word_count[i] = 0;
        for (char *word = strtok(lines[i], " "); word && word_count[i] < 40; word = strtok(NULL, " "))
            words[i][word_count[i]++] = word;
    }
    buffer b = {0};
    uint64_t version = IT_ABI_VERSION;
    const char *component = "probe";
    for (size_t i = 0; i < line_count; i++) {
        if (strcmp(words[i][0], "version") == 0) version = strtoull(words[i][1], NULL, 0);
        if (strcmp(words[i][0], "component") == 0) component = words[i][1];
    }
    put_leb(&b, version);
    put_string(&b, component);
    put_primitive_table(&b);
    const char *kinds[] = {"export", "import", "module"};
    for (int kind = 0; kind < 3; kind++) {
        size_t count = 0;
        for (size_t i = 0; i < line_count; i++) count += strcmp(words[i][0], kinds[kind]) == 0;
        put_leb(&b, count);
        for (size_t i = 0; i < line_count; i++) {
            if (strcmp(words[i][0], kinds[kind]) != 0) continue;
            if (kind == 0) {
                put_string(&b, words[i][1]);
                put_types(&b, words[i] + 2, word_count[i] - 2);
            } else if (kind == 1) {
                put_string(&b, words[i][1]);
                put_string(&b, words[i][2]);
                put_types(&b, words[i] + 3, word_count[i] - 3);
            } else {
                put_string(&b, words[i][1]);
                size_t wires = 0;
                for (size_t k = i + 1; k < line_count && strcmp(words[k][0], "wire") == 0; k++) wires++;
                put_leb(&b, wires);
                for (size_t k = i + 1; k <= i + wires; k++) {
                    put_string(&b, words[k][1]);
                    put_string(&b, words[k][2]);
                    put_string(&b, words[k][3]);
                }
            }
        }
    }
    free(copy);
    return b;
}

static buffer read_whole(const char *path)
{
    buffer b = {0};
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "loader_test: cannot read %s\n", path);
        exit(2);
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) put(&b, chunk, n);
    fclose(file);
    return b;
}

static void write_whole(const char *path, const void *data, size_t size)
{
    FILE *file = fopen(path, "wb");
    if (!file || fwrite(data, 1, size, file) != size || fclose(file)) {
        fprintf(stderr, "loader_test: cannot write %s\n", path);
        exit(2);
    }
}

static void append_section(buffer *wasm, const uint8_t *payload, size_t size)
{
    buffer body = {0};
    put_string(&body, "it.interface");
    put(&body, payload, size);
    uint8_t id = 0;
    put(wasm, &id, 1);
    put_leb(wasm, body.size);
    put(wasm, body.data, body.size);
    free(body.data);
}

/* A fresh directory holding adapter `name`.wasm as it_NAME.wasm with the
 * section of `spec` (sections: how many copies; payload: raw bytes instead
 * of the spec), returning the adapter's path in `path`. */
static void make_adapter_ex(const char *name, const char *spec, int sections,
                            const buffer *payload, char *path, size_t size)
{
    static int serial;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/t%d", temp_root, ++serial);
    if (mkdir(dir, 0700)) abort();
    char source[512];
    snprintf(source, sizeof source, "%s/%s.wasm", fixtures, name);
    buffer wasm = read_whole(source);
    buffer section = payload ? *payload : build_interface(spec);
    for (int i = 0; i < sections; i++) append_section(&wasm, section.data, section.size);
    if (!payload) free(section.data);
    snprintf(path, size, "%s/it_%s.wasm", dir, name);
    write_whole(path, wasm.data, wasm.size);
    free(wasm.data);
}

/* Loading an adapter whose it.interface payload is bytes[0, size) fails
 * with IT_ERR_INTERFACE and a message containing `text`. */
static void check_interface_error(it_context *context, const char *bytes, size_t size,
                                  const char *text, const char *what)
{
    char path[4096];
    buffer raw = {0};
    put(&raw, bytes, size);
    make_adapter_ex("probe", NULL, 1, &raw, path, sizeof path);
    free(raw.data);
    it_adapter *adapter;
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE, text, what);
}

/* The type table is checked as it is read (docs/abi.md "Types"). */
static void test_type_table_errors(it_context *context)
{
    /* version 3, component "x", then types */
    check_interface_error(context, "\x03\x01x\x01\x00\x42\x00\x00\x00\x00", 10,
                          "a member type is type 0, which is not defined before it (0 types so far)",
                          "a type that refers to itself");
    check_interface_error(context, "\x03\x01x\x01\x00\x40\x00\x00\x00\x00", 10,
                          "at byte 5: a record needs at least one member", "an empty record");
    check_interface_error(context, "\x03\x01x\x01\x00\x43\x02\x01" "a\x01" "a\x00\x00\x00", 14,
                          "label 'a' appears twice in one type", "a duplicate enum case");
    check_interface_error(context, "\x03\x01x\x01\x00\x45\x01\x01" "a\x02\x00\x00\x00", 13,
                          "a case type flag must be 0 (none) or 1 (a type)", "a bad case flag");
    buffer flags = {0};
    put(&flags, "\x03\x01x\x01\x00\x44\x21", 7);
    for (int i = 0; i < 33; i++) {
        char label[2] = {(char)('A' + i), 0};
        put_string(&flags, label);
    }
    put(&flags, "\x00\x00\x00", 3);
    check_interface_error(context, (const char *)flags.data, flags.size, "more than 32 flags", "33 flags");
    free(flags.data);
    /* u32, then 100 lists each of the one before: 101 levels */
    buffer deep = {0};
    put(&deep, "\x03\x01x", 3);
    put_leb(&deep, 101);
    put(&deep, "\x00\x07", 2);
    for (int i = 1; i <= 100; i++) {
        put(&deep, "\x00\x42", 2);
        put_leb(&deep, (uint64_t)i - 1);
    }
    put(&deep, "\x00\x00\x00", 3);
    check_interface_error(context, (const char *)deep.data, deep.size,
                          "type nested more than 100 levels deep", "a type 101 levels deep");
    deep.size -= 3 + 2 + (100 >= 0x80 ? 2 : 1); /* drop the last list: 100 levels load */
    deep.data[3] = 100;
    put(&deep, "\x00\x00\x00", 3);
    char path[4096];
    make_adapter_ex("probe", NULL, 1, &deep, path, sizeof path);
    it_adapter *adapter;
    /* the section reads (the probe's imports are not listed in it: an ABI error, not a type one) */
    it_status status = it_adapter_load(context, path, &adapter);
    check(status != IT_ERR_INTERFACE, "a type 100 levels deep reads: %s", it_context_error(context)->message);
    free(deep.data);
}

static void make_adapter(const char *name, const char *spec, char *path, size_t size)
{
    make_adapter_ex(name, spec, 1, NULL, path, size);
}

/* Copies fixture core module `name`.wasm next to `adapter` as `as`. */
static void put_core(const char *adapter, const char *name, const char *as)
{
    char source[512], target[512];
    snprintf(source, sizeof source, "%s/%s.wasm", fixtures, name);
    buffer wasm = read_whole(source);
    snprintf(target, sizeof target, "%.*s/%s", (int)(strrchr(adapter, '/') - adapter), adapter, as);
    write_whole(target, wasm.data, wasm.size);
    free(wasm.data);
}

static void put_file(const char *adapter, const char *as, const char *text)
{
    char target[512];
    snprintf(target, sizeof target, "%.*s/%s", (int)(strrchr(adapter, '/') - adapter), adapter, as);
    write_whole(target, text, strlen(text));
}

/* --------------------------------------------------------------- the probe */

static const char PROBE_SPEC[] =
    "component probe\n"
    "export load_wasm i32 i32 -> string\n"
    "export set_table_func i32 string i32 ->\n"
    "export ref_to_i32 string -> i32\n"
    "export i32_to_ref i32 -> string\n"
    "export string_len string -> u32\n"
    "export mem_to_string i32 i32 i32 i32 -> string\n"
    "export string_to_mem i32 i32 string i32 ->\n"
    "export mem_load i32 i32 i32 i32 -> i64\n"
    "export mem_store i32 i32 i32 i32 i64 ->\n"
    "export scope_enter -> i32\n"
    "export scope_exit string i32 -> string\n"
    "export echo string -> string\n"
    "export pair string string -> string\n"
    "export all u1 s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 string i32 i64 -> "
    "u1 s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 string i32 i64\n"
    "import host init ->\n"
    "import host echo string -> string\n"
    "import host pair string string -> string\n"
    "import host all u1 s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 string i32 i64 -> "
    "u1 s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 string i32 i64\n"
    "module core.wasm\n"
    "wire env callback _it_shim\n";

static const it_type ALL_TYPES[] = {IT_U1, IT_S8, IT_U8, IT_S16, IT_U16, IT_S32, IT_U32,
                                    IT_S64, IT_U64, IT_F32, IT_F64, IT_STRING, IT_I32, IT_I64};
#define ALL_COUNT (sizeof ALL_TYPES / sizeof ALL_TYPES[0])

typedef struct host_state {
    int init_calls, echo_calls, all_calls;
    const char *echo_fail;      /* it_host_fail with this message */
    bool echo_bad_utf8;         /* return invalid UTF-8 */
    bool echo_wrong_type;       /* return an s32 instead of a string */
    const it_string *echo_instead; /* return this string instead of the argument */
    it_func *nested_exit;       /* echo first calls this scope_exit("inner", nested_mark) */
    int32_t nested_mark;
    it_status nested_status;
    char nested_message[300];
    bool nested_kept;           /* its result was "inner" */
    it_value all_seen[ALL_COUNT];
    char pair[256];             /* host pair's result: its arguments joined */
} host_state;

static it_status host_init(const it_host_call *call, const it_value *args, it_value *results)
{
    ((host_state *)call->user)->init_calls++;
    return IT_OK;
}

static bool string_is(it_value value, const char *data, size_t size);

static it_status host_echo(const it_host_call *call, const it_value *args, it_value *results)
{
    host_state *state = call->user;
    state->echo_calls++;
    if (state->echo_fail) return it_host_fail(call, state->echo_fail);
    if (state->nested_exit) {
        it_value nested[2] = {it_value_cstring("inner"), it_value_i32(state->nested_mark)}, kept;
        state->nested_status = it_call(state->nested_exit, nested, 2, &kept, 1);
        snprintf(state->nested_message, sizeof state->nested_message, "%s",
                 state->nested_status ? it_context_error(call->context)->message : "");
        state->nested_kept = !state->nested_status && string_is(kept, "inner", 5);
    }
    if (state->echo_bad_utf8) results[0].of.string = (it_string){"\xc0\xaf", 2};
    else if (state->echo_wrong_type) results[0] = it_value_s32(1);
    else if (state->echo_instead) results[0].of.string = *state->echo_instead;
    else results[0].of.string = args[0].of.string;
    return IT_OK;
}

static it_status host_pair(const it_host_call *call, const it_value *args, it_value *results)
{
    host_state *state = call->user;
    int size = snprintf(state->pair, sizeof state->pair, "%.*s%.*s", (int)args[0].of.string.size,
                        args[0].of.string.data, (int)args[1].of.string.size, args[1].of.string.data);
    if (size < 0 || (size_t)size >= sizeof state->pair) return it_host_fail(call, "pair: too long");
    results[0].of.string = (it_string){state->pair, (size_t)size};
    return IT_OK;
}

static it_status host_all(const it_host_call *call, const it_value *args, it_value *results)
{
    host_state *state = call->user;
    state->all_calls++;
    for (size_t i = 0; i < ALL_COUNT; i++) {
        state->all_seen[i] = args[i];
        results[i] = args[i];
    }
    return IT_OK;
}

static void define_probe_hosts(it_context *context, host_state *state)
{
    it_type string = IT_STRING;
    check(it_define_host(context, "host", "init", NULL, 0, NULL, 0, host_init, state) == IT_OK &&
              it_define_host(context, "host", "echo", &string, 1, &string, 1, host_echo, state) == IT_OK &&
              it_define_host(context, "host", "pair", (it_type[]){IT_STRING, IT_STRING}, 2, &string, 1,
                             host_pair, state) == IT_OK &&
              it_define_host(context, "host", "all", ALL_TYPES, ALL_COUNT, ALL_TYPES, ALL_COUNT,
                             host_all, state) == IT_OK,
          "define the probe's host functions");
}

/* A probe component in a fresh context (hosts defined from `state`). */
static it_component *probe(it_context **context, host_state *state, char *path, size_t size)
{
    make_adapter("probe", PROBE_SPEC, path, size);
    if (it_context_new(context)) abort();
    define_probe_hosts(*context, state);
    it_component *component = NULL;
    it_status status = it_load(*context, path, &component);
    check(status == IT_OK && state->init_calls == 1, "load the probe: %s",
          it_context_error(*context)->message);
    return component;
}

static it_status call1(it_component *component, const char *name, it_value arg, it_value *result)
{
    it_func *func;
    it_status status = it_component_func(component, name, &func);
    if (status) return status;
    return it_call(func, &arg, 1, result, result ? 1 : 0);
}

static it_status call_n(it_component *component, const char *name, const it_value *args,
                        size_t count, it_value *results, size_t result_count)
{
    it_func *func;
    it_status status = it_component_func(component, name, &func);
    if (status) return status;
    return it_call(func, args, count, results, result_count);
}

static bool string_is(it_value value, const char *data, size_t size)
{
    return value.type == IT_STRING && value.of.string.size == size &&
           memcmp(value.of.string.data, data, size) == 0;
}

/* The value of a non-string IT value as 64 bits, for comparisons. */
static uint64_t value_bits(it_value value)
{
    switch (value.type) {
    case IT_U1: return value.of.u1;
    case IT_S8: return (uint64_t)(int64_t)value.of.s8;
    case IT_U8: return value.of.u8;
    case IT_S16: return (uint64_t)(int64_t)value.of.s16;
    case IT_U16: return value.of.u16;
    case IT_S32: return (uint64_t)(int64_t)value.of.s32;
    case IT_U32: return value.of.u32;
    case IT_I32: return (uint64_t)(int64_t)value.of.i32;
    case IT_S64: return (uint64_t)value.of.s64;
    case IT_U64: return value.of.u64;
    case IT_I64: return (uint64_t)value.of.i64;
    case IT_F64: {
        uint64_t bits;
        memcpy(&bits, &value.of.f64, sizeof bits);
        return bits;
    }
    default: return 0;
    }
}

/* ------------------------------------------------------- reading adapters */

static void test_adapter_errors(void)
{
    it_context *context;
    if (it_context_new(&context)) abort();
    it_adapter *adapter;
    char path[512], bad[512];

    check_error(context, it_adapter_load(context, "/nonexistent/it_x.wasm", &adapter),
                IT_ERR_FILE, "cannot read adapter /nonexistent/it_x.wasm: No such file",
                "missing adapter");
    check(adapter == NULL, "a failed load returns no adapter");

    make_adapter("probe", PROBE_SPEC, path, sizeof path);
    put_file(path, "text.wasm", "not wasm at all");
    snprintf(bad, sizeof bad, "%.*s/text.wasm", (int)(strrchr(path, '/') - path), path);
    check_error(context, it_adapter_load(context, bad, &adapter), IT_ERR_WASM,
                "text.wasm: not a valid wasm module: malformed module", "not wasm");

    snprintf(bad, sizeof bad, "%s/memory_core.wasm", fixtures);
    check_error(context, it_adapter_load(context, bad, &adapter), IT_ERR_INTERFACE,
                "memory_core.wasm: no it.interface custom section", "no section");

    make_adapter_ex("probe", PROBE_SPEC, 2, NULL, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                "2 it.interface sections (there must be exactly one)", "two sections");

    make_adapter("probe", "version 4\ncomponent probe", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_VERSION,
                "it_probe.wasm: it.interface version 4 is not supported (this loader supports version 3)",
                "version 4");
    check(strstr(it_context_error(context)->message, "rebuild") == NULL,
          "a newer version is not told to rebuild: %s", it_context_error(context)->message);
    /* Version 1 adapters have no string scopes, version 2 ones no type
     * table: itlc rebuilds them. */
    make_adapter("probe", "version 2\ncomponent probe", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_VERSION,
                "it_probe.wasm: it.interface version 2 is not supported (this loader supports "
                "version 3); rebuild it with this itlc",
                "version 2");

    buffer good = build_interface(PROBE_SPEC);
    for (size_t cut = 0; cut < good.size; cut += good.size / 7 + 1) {
        buffer truncated = {good.data, cut, cut};
        make_adapter_ex("probe", NULL, 1, &truncated, path, sizeof path);
        check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                    "malformed it.interface section at byte", "truncated section");
    }
    buffer longer = {0};
    put(&longer, good.data, good.size);
    put(&longer, "\x01\x02", 2);
    make_adapter_ex("probe", NULL, 1, &longer, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                "2 unexpected bytes after the core modules", "trailing bytes");
    free(longer.data);
    free(good.data);

    make_adapter("probe", "component probe\nexport echo 99 -> string", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                "a type index is type 99, which is not defined before it (15 types so far)",
                "type index past the table");
    check_interface_error(context, "\x03\x01x\x01\x00\x0e\x00\x00\x00", 9,
                          "at byte 5: unknown IT type code 0x0e", "unknown type code");
    test_type_table_errors(context);

    buffer bad_name = {0};
    put_leb(&bad_name, IT_ABI_VERSION);
    put_leb(&bad_name, 2);
    put(&bad_name, "\xc0\x80", 2);
    make_adapter_ex("probe", NULL, 1, &bad_name, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                "the component name is not valid UTF-8", "component name not UTF-8");
    free(bad_name.data);

    char spec[2048];
    snprintf(spec, sizeof spec, "%sexport nosuch ->\n", PROBE_SPEC);
    make_adapter("probe", spec, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "it.interface lists export nosuch, which is not a function export of the adapter",
                "export not in the adapter");

    /* Counts past what a wasm function takes are refused as the section is
     * read (the adapter check overflowed a 1000-entry stack array). */
    for (int kind = 0; kind < 4; kind++) {
        buffer section = {0};
        put_leb(&section, IT_ABI_VERSION);
        put_string(&section, "probe");
        put_primitive_table(&section);
        for (int part = 0; part < 2; part++) { /* exports, then imports */
            bool here = part == (kind >= 2);
            put_leb(&section, here);
            if (!here) continue;
            if (part) put_string(&section, "host");
            put_string(&section, "echo");
            for (int list = 0; list < 2; list++) {
                size_t count = list == kind % 2 ? 5000 : 1;
                put_leb(&section, count);
                for (size_t i = 0; i < count; i++) put(&section, "\x05", 1); /* s32 */
            }
        }
        put_leb(&section, 0);
        make_adapter_ex("probe", NULL, 1, &section, path, sizeof path);
        free(section.data);
        check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_INTERFACE,
                    kind % 2 ? "the result count 5000 is more than a wasm function takes (1000)"
                             : "the parameter count 5000 is more than a wasm function takes (1000)",
                    "an it.interface signature with 5000 values");
    }

    make_adapter("probe", "component probe\nexport echo string -> u32\nimport host init ->\n"
                 "import host echo string -> string\n", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "imports host.pair (a func), which its it.interface section does not list",
                "import not listed");

    snprintf(spec, sizeof spec, "%sexport echo2 ->\n", PROBE_SPEC);
    char *at = strstr(spec, "export echo string -> string");
    memcpy(at, "export echo string -> u32   ", strlen("export echo string -> string"));
    make_adapter("probe", spec, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "export echo has core type (externref) -> (externref), but it.interface says (string) -> (u32)",
                "export core type");

    snprintf(spec, sizeof spec, "%s", PROBE_SPEC);
    at = strstr(spec, "import host echo string -> string");
    memcpy(at, "import host echo string -> s32   ", strlen("import host echo string -> string"));
    make_adapter("probe", spec, path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "import host.echo has core type (externref) -> (externref), but it.interface says (string) -> (s32)",
                "import core type");

    make_adapter("bad_runtime", "component bad", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "imports _it_runtime.frobnicate (a func), which this loader does not provide",
                "unknown _it_runtime import");

    make_adapter("bad_init", "component bad", path, sizeof path);
    check_error(context, it_adapter_load(context, path, &adapter), IT_ERR_ADAPTER,
                "export _it_init has core type (i32) -> (), but docs/abi.md says () -> ()",
                "_it_init type");

    /* From bytes, with introspection. */
    make_adapter("probe", PROBE_SPEC, path, sizeof path);
    buffer bytes = read_whole(path);
    it_status status = it_adapter_from_bytes(context, bytes.data, bytes.size, path, &adapter);
    free(bytes.data);
    check(status == IT_OK, "adapter from bytes: %s", it_context_error(context)->message);
    if (!status) {
        const it_signature *echo = it_adapter_find_export(adapter, "echo");
        const it_signature *all = it_adapter_find_export(adapter, "all");
        check(strcmp(it_adapter_name(adapter), "probe") == 0 &&
                  strcmp(it_adapter_file(adapter), "it_probe.wasm") == 0 &&
                  it_adapter_export_count(adapter) == 14 && it_adapter_import_count(adapter) == 4 &&
                  it_adapter_module_count(adapter) == 1 &&
                  strcmp(it_adapter_module_path(adapter, 0), "core.wasm") == 0 &&
                  it_adapter_export(adapter, 14) == NULL && it_adapter_find_export(adapter, "x") == NULL,
              "adapter introspection");
        check(echo && echo->module == NULL && echo->param_count == 1 &&
                  echo->params[0] == IT_STRING && echo->result_count == 1,
              "export signature of echo");
        check(all && all->param_count == ALL_COUNT && all->params[0] == IT_U1 &&
                  all->params[13] == IT_I64 && all->results[11] == IT_STRING,
              "export signature of all");
        const it_signature *import = it_adapter_import(adapter, 1);
        check(import && strcmp(import->module, "host") == 0 && strcmp(import->name, "echo") == 0,
              "import signature");
    }
    check(it_type_from_name("s64") == IT_S64 && it_type_from_name("bogus") == IT_TYPE_NONE &&
              strcmp(it_type_name(IT_STRING), "string") == 0 && it_type_name((it_type)0x30) == NULL &&
              strcmp(it_type_name(IT_LIST), "list") == 0 && it_type_from_name("bool") == IT_BOOL &&
              it_type_from_name("list") == IT_TYPE_NONE,
          "type names");
    check(strcmp(it_status_message(IT_ERR_MISSING_IMPORT), "import not provided") == 0,
          "status messages");
    it_context_delete(context);
}

/* ------------------------------------------------------------------ linking */

static void test_linking(void)
{
    char path[512];
    host_state state = {0};
    it_context *context;
    make_adapter("probe", PROBE_SPEC, path, sizeof path);
    if (it_context_new(&context)) abort();
    it_component *component;
    it_adapter *adapter;
    check(it_adapter_load(context, path, &adapter) == IT_OK, "load probe adapter");
    check_error(context, it_instantiate(context, adapter, &component), IT_ERR_MISSING_IMPORT,
                "it_probe.wasm: probe imports host.init, which was not provided", "missing import");
    check(component == NULL, "a failed instantiation returns no component");

    it_type s32 = IT_S32, string = IT_STRING;
    define_probe_hosts(context, &state);
    check(it_define_host(context, "host", "echo", &s32, 1, &string, 1, host_echo, &state) == IT_OK,
          "redefine host.echo");
    check_error(context, it_instantiate(context, adapter, &component), IT_ERR_IMPORT_TYPE,
                "probe imports host.echo as (string) -> (string), but the host function defined "
                "for it is (s32) -> (string)",
                "host signature mismatch");
    check_error(context, it_define_host(context, "host", "x", (const it_type[]){(it_type)99}, 1,
                                        NULL, 0, host_init, NULL),
                IT_ERR_ARGUMENT, "99 is not an IT type", "define with a bad type");

    /* Component A serves B's host.echo and host.all straight through. */
    define_probe_hosts(context, &state);
    it_component *a = NULL, *b = NULL;
    it_status status = it_instantiate(context, adapter, &a);
    check(status == IT_OK, "instantiate A: %s", it_context_error(context)->message);
    it_func *a_echo, *a_all, *a_len;
    if (!a || it_component_func(a, "echo", &a_echo) || it_component_func(a, "all", &a_all) ||
        it_component_func(a, "string_len", &a_len)) {
        check(false, "A's exports");
        it_context_delete(context);
        return;
    }
    check(it_define_func(context, "host", "echo", a_len) == IT_OK, "define host.echo as A.string_len");
    check_error(context, it_instantiate(context, adapter, &b), IT_ERR_IMPORT_TYPE,
                "probe imports host.echo as (string) -> (string), but the function given is "
                "probe.string_len (string) -> (u32)",
                "func signature mismatch");
    check(it_define_component(context, "host", a) == IT_OK, "define host as component A");
    check_error(context, it_instantiate(context, adapter, &b), IT_ERR_MISSING_IMPORT,
                "probe imports host.init, but component probe (given as 'host') has no export init",
                "component without the export");
    check(it_define_host(context, "host", "init", NULL, 0, NULL, 0, host_init, &state) == IT_OK &&
              it_define_func(context, "host", "echo", a_echo) == IT_OK &&
              it_define_func(context, "host", "all", a_all) == IT_OK,
          "define host.* from A");
    status = it_instantiate(context, adapter, &b);
    check(status == IT_OK, "instantiate B linked to A: %s", it_context_error(context)->message);
    if (b) {
        int before = state.echo_calls;
        it_value result;
        status = call1(b, "echo", it_value_cstring("through"), &result);
        check(status == IT_OK && string_is(result, "through", 7) && state.echo_calls == before + 1,
              "B.echo goes through A's export to the host once: %s",
              it_context_error(context)->message);
    }
    it_context *other;
    if (it_context_new(&other)) abort();
    check_error(other, it_define_component(other, "x", a), IT_ERR_ARGUMENT,
                "must belong to this context", "component from another context");
    check_error(other, it_instantiate(other, adapter, &b), IT_ERR_ARGUMENT,
                "must belong to this context", "adapter from another context");
    it_context_delete(other);
    it_context_delete(context);
}

/* -------------------------------------------------------- calls and values */

static void test_calls(void)
{
    char path[512];
    host_state state = {0};
    it_context *context;
    it_component *component = probe(&context, &state, path, sizeof path);
    if (!component) {
        it_context_delete(context);
        return;
    }
    it_func *echo, *all;
    it_value result, results[ALL_COUNT];
    check_error(context, it_component_func(component, "nope", &echo), IT_ERR_NOT_FOUND,
                "probe has no export nope", "unknown export");
    if (it_component_func(component, "echo", &echo) || it_component_func(component, "all", &all))
        abort();
    check(it_func_signature(echo)->param_count == 1, "func signature");

    check_error(context, it_call(echo, NULL, 0, &result, 1), IT_ERR_TYPE,
                "probe.echo expects 1 argument (string) -> (string), got 0", "argument count");
    it_value arg = it_value_s32(5);
    check_error(context, it_call(echo, &arg, 1, &result, 1), IT_ERR_TYPE,
                "probe.echo: argument 1 must be string, got s32", "argument type");
    arg = it_value_cstring("x");
    check_error(context, it_call(echo, &arg, 1, NULL, 0), IT_ERR_TYPE,
                "probe.echo returns 1 result (string) -> (string), but room for 0 was given",
                "result count");
    arg.type = (it_type)77;
    check_error(context, it_call(echo, &arg, 1, &result, 1), IT_ERR_TYPE,
                "got a value of unknown type 77", "unknown argument type");
    arg = it_value_string(NULL, 3);
    check_error(context, it_call(echo, &arg, 1, &result, 1), IT_ERR_ARGUMENT,
                "a string of 3 bytes with a NULL pointer", "NULL string");

    /* UTF-8 validation of string arguments. */
    static const struct {
        const char *bytes;
        size_t size;
        const char *why; /* NULL: valid */
    } utf8[] = {
        {"plain", 5, NULL},
        {"h\xc3\xa9llo \xf0\x9f\x8e\x89", 11, NULL},
        {"a\0b", 3, NULL},
        {"\xef\xbb\xbf", 3, NULL},                 /* U+FEFF is content */
        {"\xf4\x8f\xbf\xbf", 4, NULL},             /* U+10FFFF */
        {"a\xc0\x80", 3, "byte 1: overlong encoding"},
        {"\xe0\x80\xaf", 3, "byte 0: overlong encoding"},
        {"\xed\xa0\x80", 3, "encoded surrogate"},
        {"\xf4\x90\x80\x80", 4, "code point above U+10FFFF"},
        {"ab\xe2\x82", 4, "byte 2: truncated sequence at the end"},
        {"\xe2\x28\xa1", 3, "a byte is not a continuation"},
        {"\x80", 1, "unexpected continuation byte"},
        {"\xff", 1, "invalid lead byte"},
    };
    for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
        arg = it_value_string(utf8[i].bytes, utf8[i].size);
        it_status status = it_call(echo, &arg, 1, &result, 1);
        if (utf8[i].why)
            check_error(context, status, IT_ERR_UTF8, utf8[i].why, "invalid UTF-8 argument");
        else
            check(status == IT_OK && string_is(result, utf8[i].bytes, utf8[i].size) &&
                      result.of.string.data[result.of.string.size] == '\0',
                  "valid UTF-8 case %zu round-trips", i);
    }

    /* Every IT type, with extremes, through a host function and back. */
    it_value values[ALL_COUNT] = {
        it_value_u1(true), it_value_s8(-128), it_value_u8(255), it_value_s16(-32768),
        it_value_u16(65535), it_value_s32(INT32_MIN), it_value_u32(UINT32_MAX),
        it_value_s64(INT64_MIN), it_value_u64(UINT64_MAX), it_value_f32(-0.0f),
        it_value_f64(1e308), it_value_cstring("\xf0\x9f\x8e\x89"), it_value_i32(-1),
        it_value_i64(INT64_MAX)};
    it_status status = it_call(all, values, ALL_COUNT, results, ALL_COUNT);
    check(status == IT_OK && state.all_calls == 1, "call all: %s", it_context_error(context)->message);
    if (!status) {
        bool same = true;
        for (size_t i = 0; i < ALL_COUNT; i++) {
            it_value expected = values[i], got = results[i], seen = state.all_seen[i];
            same &= got.type == expected.type && seen.type == expected.type;
            if (expected.type == IT_STRING)
                same &= string_is(got, "\xf0\x9f\x8e\x89", 4);
            else if (expected.type == IT_F32)
                same &= got.of.f32 == 0 && signbit(got.of.f32);
            else
                same &= value_bits(got) == value_bits(expected) &&
                        value_bits(seen) == value_bits(expected);
        }
        check(same, "every IT type round-trips through a host function");
    }
    values[11] = it_value_s32(1);
    check_error(context, it_call(all, values, ALL_COUNT, results, ALL_COUNT), IT_ERR_TYPE,
                "probe.all: argument 12 must be string, got s32", "argument 12 type");

    /* Host failures. */
    arg = it_value_cstring("x");
    state.echo_fail = "the host says no";
    status = it_call(echo, &arg, 1, &result, 1);
    check(status == IT_ERR_HOST && strcmp(it_context_error(context)->message, "the host says no") == 0,
          "a host failure passes through unchanged: %s", it_context_error(context)->message);
    state.echo_fail = NULL;
    state.echo_bad_utf8 = true;
    check_error(context, it_call(echo, &arg, 1, &result, 1), IT_ERR_UTF8,
                "probe import host.echo: the host function's result 1 is not valid UTF-8: byte 0: overlong",
                "host result not UTF-8");
    state.echo_bad_utf8 = false;
    state.echo_wrong_type = true;
    check_error(context, it_call(echo, &arg, 1, &result, 1), IT_ERR_TYPE,
                "the host function's result 1 must be string, got s32", "host result type");
    state.echo_wrong_type = false;
    check(it_call(echo, &arg, 1, &result, 1) == IT_OK && string_is(result, "x", 1),
          "echo works again after failures");

    /* Memory stays bounded: a million calls returning a string. */
    size_t peak = 0;
    for (int i = 0; i < 1000000; i++) {
        arg = it_value_cstring("a string made anew on every call");
        if (it_call(echo, &arg, 1, &result, 1)) {
            check(false, "call %d failed: %s", i, it_context_error(context)->message);
            break;
        }
        if (context->refs.live_strings > peak) peak = context->refs.live_strings;
    }
    check(peak <= 4 && context->refs.slot_count <= 8,
          "a million string calls keep at most 4 strings alive (peak %zu, %u slots)", peak,
          context->refs.slot_count);
    it_context_delete(context);
}

/* --------------------------------------------- runtime functions, no wasm */

static void test_runtime_direct(void)
{
    char path[512];
    host_state state = {0};
    it_context *context;
    it_component *component = probe(&context, &state, path, sizeof path);
    if (!component) {
        it_context_delete(context);
        return;
    }
    it_value result, r64;
    /* scope_enter / scope_exit: marks outside [floor, height] trap. An
     * outermost call's floor is the number of strings left of the call
     * before it (alive until this one returns); its arguments come next. */
    char expected[200];
    size_t base = context->refs.young_count;
    check(call_n(component, "scope_enter", NULL, 0, &result, 1) == IT_OK && result.of.i32 == (int32_t)base,
          "scope_enter with %zu strings left of the last call is %zu (got %d)", base, base, result.of.i32);
    it_value exit_args[2] = {it_value_cstring("k"), it_value_i32(2)};
    base = context->refs.young_count;
    exit_args[1] = it_value_i32((int32_t)base + 2);
    snprintf(expected, sizeof expected,
             "probe.scope_exit: scope_exit: mark %zu is above the %zu strings alive (not a mark "
             "scope_enter gave, or its scope already ended)", base + 2, base + 1);
    check_error(context, call_n(component, "scope_exit", exit_args, 2, &result, 1), IT_ERR_TRAP, expected,
                "scope_exit: mark above the height");
    base = context->refs.young_count;
    exit_args[1] = it_value_i32((int32_t)base - 1);
    snprintf(expected, sizeof expected, "probe.scope_exit: scope_exit: mark %d is below %zu, where this call into wasm began",
             (int32_t)base - 1, base);
    check_error(context, call_n(component, "scope_exit", exit_args, 2, &result, 1), IT_ERR_TRAP, expected,
                "scope_exit: a mark below the call's floor");
    exit_args[1] = it_value_i32(-1);
    check_error(context, call_n(component, "scope_exit", exit_args, 2, &result, 1), IT_ERR_TRAP,
                "probe.scope_exit: scope_exit: mark -1 is below", "scope_exit: negative mark");
    for (int32_t mark = 0; mark <= 1; mark++) {
        base = context->refs.young_count;
        exit_args[1] = it_value_i32((int32_t)base + mark);
        check(call_n(component, "scope_exit", exit_args, 2, &result, 1) == IT_OK &&
                  string_is(result, "k", 1) && context->refs.young_count == 1,
              "scope_exit at the floor + %d keeps its string (%zu on the stack): %s", mark,
              context->refs.young_count, it_context_error(context)->message);
    }
    /* A nested call (host function -> it_call) cannot reach below its floor:
     * the outer call's argument "outer" is out of its reach. */
    it_func *exit_func;
    check(it_component_func(component, "scope_exit", &exit_func) == IT_OK, "scope_exit export");
    state.nested_exit = exit_func;
    base = context->refs.young_count;
    state.nested_mark = (int32_t)base;
    snprintf(expected, sizeof expected, "probe.scope_exit: scope_exit: mark %zu is below %zu, where this call into wasm began",
             base, base + 1);
    check(call1(component, "echo", it_value_cstring("outer"), &result) == IT_OK &&
              string_is(result, "outer", 5) && state.nested_status == IT_ERR_TRAP &&
              strstr(state.nested_message, expected) && context->refs.young_floor == 0,
          "a nested scope_exit below its floor traps (%s; floor %zu)", state.nested_message,
          context->refs.young_floor);
    /* It freed nothing: "outer" (argument and result) and "inner" are left
     * (what the call before it left is freed as it returns). */
    check(context->refs.live_strings == 3,
          "a nested scope_exit below its floor frees nothing (%zu alive)", context->refs.live_strings);
    base = context->refs.young_count;
    state.nested_mark = (int32_t)base + 1;
    check(call1(component, "echo", it_value_cstring("outer"), &result) == IT_OK &&
              string_is(result, "outer", 5) && state.nested_status == IT_OK && state.nested_kept,
          "a nested scope_exit at its floor keeps its string: %s", state.nested_message);
    state.nested_exit = NULL;
    /* Handles: forged, stale, of another component. */
    static const int32_t forged[] = {0, -1, 1, 12345, INT32_MIN};
    for (size_t i = 0; i < sizeof forged / sizeof forged[0]; i++) {
        char text[80];
        snprintf(text, sizeof text, "i32_to_ref: unknown handle %d (never returned", forged[i]);
        check_error(context, call1(component, "i32_to_ref", it_value_i32(forged[i]), &result),
                    IT_ERR_TRAP, text, "forged handle");
    }
    it_value handle;
    check(call1(component, "ref_to_i32", it_value_cstring("kept"), &handle) == IT_OK &&
              handle.of.i32 > 0,
          "ref_to_i32 gives a handle");
    check(call1(component, "i32_to_ref", handle, &result) == IT_OK &&
              string_is(result, "kept", 4),
          "i32_to_ref gives the string back in a later call (handles pin their string)");
    check_error(context,
                call_n(component, "mem_load",
                       (it_value[]){handle, it_value_i32(16), it_value_i32(0), it_value_i32(IT_S32)},
                       4, &r64, 1),
                IT_ERR_TRAP, "probe.mem_load: mem_load: handle 1 is not a core module instance (it is a string)",
                "a string's handle used as an instance");
    static const int32_t bad_codes[] = {IT_U1, IT_STRING, 0, 99, -1};
    for (size_t i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
        char text[80];
        snprintf(text, sizeof text, "mem_load: type code %d is not a memory type", bad_codes[i]);
        check_error(context,
                    call_n(component, "mem_load",
                           (it_value[]){handle, it_value_i32(16), it_value_i32(0),
                                        it_value_i32(bad_codes[i])},
                           4, &r64, 1),
                    IT_ERR_TRAP, text, "bad type code");
        snprintf(text, sizeof text, "mem_store: type code %d is not a memory type", bad_codes[i]);
        check_error(context,
                    call_n(component, "mem_store",
                           (it_value[]){handle, it_value_i32(16), it_value_i32(0),
                                        it_value_i32(bad_codes[i]), it_value_i64(0)},
                           5, NULL, 0),
                    IT_ERR_TRAP, text, "bad type code (store)");
    }
    check_error(context,
                call_n(component, "mem_to_string",
                       (it_value[]){it_value_i32(77), it_value_i32(16), it_value_i32(0), it_value_i32(1)},
                       4, &result, 1),
                IT_ERR_TRAP, "mem_to_string: unknown handle 77", "mem_to_string forged handle");
    check_error(context,
                call_n(component, "string_to_mem",
                       (it_value[]){it_value_i32(77), it_value_i32(16), it_value_cstring("x"),
                                    it_value_i32(0)},
                       4, NULL, 0),
                IT_ERR_TRAP, "string_to_mem: unknown handle 77", "string_to_mem forged handle");
    check(call1(component, "string_len", it_value_cstring("h\xc3\xa9llo"), &result) == IT_OK &&
              result.of.u32 == 6,
          "string_len counts UTF-8 bytes");
    check_error(context,
                call_n(component, "set_table_func",
                       (it_value[]){it_value_i32(0), it_value_cstring("x"), it_value_i32(32)}, 3,
                       NULL, 0),
                IT_ERR_TRAP, "set_table_func: not a core module instance of this component (got a string)",
                "set_table_func with a string");

    /* A handle from another component is unknown here. */
    host_state other_state = {0};
    it_context *other_context = context;
    it_component *other;
    define_probe_hosts(context, &other_state);
    it_adapter *adapter;
    if (!it_adapter_load(context, path, &adapter) && !it_instantiate(context, adapter, &other))
        check_error(other_context, call1(other, "i32_to_ref", handle, &result), IT_ERR_TRAP,
                    "i32_to_ref: unknown handle 1 (never returned by ref_to_i32 in this component)",
                    "handle of another component");
    else
        check(false, "second probe: %s", it_context_error(context)->message);

    /* load_wasm: every failure before running core code. */
    it_value load_args[2] = {it_value_i32(0), it_value_i32(0)};
    char text[600];
    snprintf(text, sizeof text, "probe.load_wasm: load_wasm: cannot read core module %.*s/core.wasm: No such file",
             (int)(strrchr(path, '/') - path), path);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                text, "missing core module");
    put_file(path, "core.wasm", "\0asm\2\0\0\0");
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "core.wasm is not a valid wasm module: malformed module", "invalid core module");
    put_core(path, "unadapted_core", "core.wasm");
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "load_wasm: core.wasm imports env.abort, which probe.itl does not adapt",
                "unadapted core import");
    put_core(path, "shim_core", "core.wasm");
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "probe.load_wasm: result 1 is not a string (it is a core module instance)",
                "load_wasm succeeds (its result is an instance, not a string)");
    load_args[1] = it_value_i32(3);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "load_wasm: core module index 3 is not in the it.interface section of it_probe.wasm (1 modules)",
                "core module index");
    load_args[0] = it_value_i32(48);
    load_args[1] = it_value_i32(0);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "core module 0 is 'other.wasm' in _it_memory but 'core.wasm' in it.interface",
                "core path mismatch");
    load_args[0] = it_value_i32(65533);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "name at 65533 in _it_memory of it_probe.wasm runs out of bounds", "name out of bounds");
    load_args[0] = it_value_i32(80);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "name at 80 in _it_memory of it_probe.wasm is not valid UTF-8", "name not UTF-8");
    load_args[0] = it_value_i32(70000);
    check_error(context, call_n(component, "load_wasm", load_args, 2, &result, 1), IT_ERR_TRAP,
                "bad name pointer 70000", "name pointer out of memory");

    char spec[2048];
    snprintf(spec, sizeof spec, "%s", PROBE_SPEC);
    char *at = strstr(spec, "_it_shim");
    memcpy(at, "_it_nope", 8);
    make_adapter("probe", spec, path, sizeof path);
    put_core(path, "shim_core", "core.wasm");
    if (!it_load(context, path, &component))
        check_error(context,
                    call_n(component, "load_wasm", (it_value[]){it_value_i32(0), it_value_i32(0)}, 2,
                           &result, 1),
                    IT_ERR_TRAP,
                    "core.wasm import env.callback (a func) is wired to '_it_nope', which is not a "
                    "function export of it_probe.wasm",
                    "shim missing");
    else
        check(false, "probe with a bad wire: %s", it_context_error(context)->message);
    it_context_delete(context);
}

/* ---------------------------------------------- with execution: memory.wat */

static const char MEMORY_SPEC[] =
    "component memory\n"
    "export core -> i32\n"
    "export read u32 u32 -> string\n"
    "export write string u32 ->\n"
    "export load u32 u32 -> i64\n"
    "export store u32 u32 i64 ->\n"
    "export load_with i32 i32 -> i64\n"
    "export grow u32 -> s32\n"
    "export call_empty_slot -> s32\n"
    "export keep string ->\n"
    "export kept_len -> u32\n"
    "export null_len -> u32\n"
    "export scoped u32 u32 -> string\n"
    "export many u32 u32 u32 ->\n"
    "export exit_kept i32 -> u1\n"
    "module memory_core.wasm\n";

/* Loads the memory adapter with core module `core` (or none): the component,
 * or NULL with the status in *status. */
static it_component *memory_component(it_context *context, const char *core, it_status *status)
{
    char path[512];
    make_adapter("memory", MEMORY_SPEC, path, sizeof path);
    if (core) put_core(path, core, "memory_core.wasm");
    it_component *component = NULL;
    *status = it_load(context, path, &component);
    return component;
}

static void test_memory(void)
{
    it_context *context;
    if (it_context_new(&context)) abort();
    it_status status;

    memory_component(context, NULL, &status);
    check_error(context, status, IT_ERR_TRAP,
                "memory._it_init: load_wasm: cannot read core module ", "missing core file");
    memory_component(context, "start_trap_core", &status);
    check_error(context, status, IT_ERR_TRAP,
                "memory._it_init: load_wasm: start function of ", "start function trap");

    it_component *component = memory_component(context, "memory_core", &status);
    check(status == IT_OK, "load memory adapter: %s", it_context_error(context)->message);
    if (!component) {
        it_context_delete(context);
        return;
    }
    it_value result, core;
    check(call_n(component, "core", NULL, 0, &core, 1) == IT_OK && core.of.i32 > 0, "core handle");
    status = call_n(component, "write", (it_value[]){it_value_cstring("h\xc3\xa9llo"), it_value_u32(100)},
                    2, NULL, 0);
    if (!status)
        status = call_n(component, "read", (it_value[]){it_value_u32(100), it_value_u32(6)}, 2, &result, 1);
    check(status == IT_OK && string_is(result, "h\xc3\xa9llo", 6),
          "string_to_mem then mem_to_string: %s", it_context_error(context)->message);
    check(call_n(component, "read", (it_value[]){it_value_u32(65536), it_value_u32(0)}, 2,
                 &result, 1) == IT_OK && string_is(result, "", 0),
          "an empty string at the very end of memory");
    check_error(context,
                call_n(component, "read", (it_value[]){it_value_u32(65530), it_value_u32(10)}, 2, &result, 1),
                IT_ERR_TRAP,
                "memory.read: mem_to_string: out of bounds memory access (10 bytes at 65530 in "
                "memory_core.wasm memory 'memory', 65536 bytes long)",
                "mem_to_string out of bounds");
    check_error(context,
                call_n(component, "read", (it_value[]){it_value_u32(UINT32_MAX), it_value_u32(2)}, 2, &result, 1),
                IT_ERR_TRAP, "out of bounds memory access (2 bytes at 4294967295", "no 32-bit wraparound");
    check_error(context,
                call_n(component, "write", (it_value[]){it_value_cstring("12345"), it_value_u32(65532)}, 2, NULL, 0),
                IT_ERR_TRAP, "string_to_mem: out of bounds memory access (5 bytes at 65532", "string_to_mem out of bounds");
    check_error(context,
                call_n(component, "load", (it_value[]){it_value_u32(65535), it_value_u32(IT_U16)}, 2, &result, 1),
                IT_ERR_TRAP, "mem_load: out of bounds memory access (2 bytes at 65535", "mem_load out of bounds");
    check_error(context,
                call_n(component, "store", (it_value[]){it_value_u32(65532), it_value_u32(IT_F64), it_value_i64(0)}, 3, NULL, 0),
                IT_ERR_TRAP, "mem_store: out of bounds memory access (8 bytes at 65532", "mem_store out of bounds");

    /* The memory grows: the cached lookup sees the new size. */
    check(call1(component, "grow", it_value_u32(1), &result) == IT_OK && result.of.s32 == 1,
          "grow the core memory");
    status = call_n(component, "write", (it_value[]){it_value_cstring("grown"), it_value_u32(70000)}, 2, NULL, 0);
    if (!status)
        status = call_n(component, "read", (it_value[]){it_value_u32(70000), it_value_u32(5)}, 2, &result, 1);
    check(status == IT_OK && string_is(result, "grown", 5),
          "access past the old size after growth: %s", it_context_error(context)->message);

    /* mem_load/mem_store of each type code. */
    static const struct {
        it_type code;
        int64_t store, load;
    } cases[] = {
        {IT_S8, -1, -1}, {IT_U8, -1, 255}, {IT_S16, 0x8000, -32768}, {IT_U16, -1, 65535},
        {IT_S32, 0x80000000, INT32_MIN}, {IT_U32, -1, 4294967295LL}, {IT_I32, -2, -2},
        {IT_F32, 0x3f800000, 0x3f800000}, {IT_S64, INT64_MIN, INT64_MIN},
        {IT_U64, -1, -1}, {IT_I64, 42, 42}, {IT_F64, 0x7ff8000000000001LL, 0x7ff8000000000001LL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        it_value zero = it_value_i64(0);
        call_n(component, "store", (it_value[]){it_value_u32(300), it_value_u32(IT_I64), zero}, 3, NULL, 0);
        status = call_n(component, "store",
                        (it_value[]){it_value_u32(300), it_value_u32(cases[i].code), it_value_i64(cases[i].store)},
                        3, NULL, 0);
        if (!status)
            status = call_n(component, "load", (it_value[]){it_value_u32(300), it_value_u32(cases[i].code)},
                            2, &result, 1);
        check(status == IT_OK && result.of.i64 == cases[i].load, "mem_store/mem_load %s: got %lld, %s",
              it_type_name(cases[i].code), (long long)result.of.i64, status ? it_context_error(context)->message : "");
    }
    call_n(component, "store", (it_value[]){it_value_u32(200), it_value_u32(IT_U16), it_value_i64(0x80c0)}, 3, NULL, 0);
    check_error(context,
                call_n(component, "read", (it_value[]){it_value_u32(200), it_value_u32(2)}, 2, &result, 1),
                IT_ERR_TRAP,
                "memory.read: mem_to_string: invalid UTF-8 in memory_core.wasm memory 'memory' at offset 200 "
                "(string at 200, 2 bytes): overlong encoding",
                "mem_to_string invalid UTF-8");

    /* Forged handles and names reaching the memory functions. */
    check_error(context,
                call_n(component, "load_with", (it_value[]){it_value_i32(999), it_value_i32(32)}, 2, &result, 1),
                IT_ERR_TRAP, "memory.load_with: mem_load: unknown handle 999", "forged instance handle");
    check_error(context,
                call_n(component, "load_with", (it_value[]){core, it_value_i32(64)}, 2, &result, 1),
                IT_ERR_TRAP, "mem_load: memory_core.wasm has no memory export 'nomem!'", "no such memory");
    check_error(context, call_n(component, "call_empty_slot", NULL, 0, &result, 1), IT_ERR_TRAP,
                "memory.call_empty_slot: ", "call through an empty table slot");

    /* A string kept past its life (the next call) is detected, not read. */
    check(call1(component, "keep", it_value_cstring("fleeting"), NULL) == IT_OK, "keep a string");
    check(call_n(component, "kept_len", NULL, 0, &result, 1) == IT_OK && result.of.u32 == 8,
          "a string lives until the next call returns: %s", it_context_error(context)->message);
    check_error(context, call_n(component, "kept_len", NULL, 0, &result, 1), IT_ERR_TRAP,
                "string_len: not a string (got a string no longer alive (its scope or call ended))",
                "stale string reference");
    check_error(context, call_n(component, "null_len", NULL, 0, &result, 1), IT_ERR_TRAP,
                "memory.null_len: string_len: not a string (got null)", "null string");

    /* String scopes: scope_exit frees what was made since scope_enter but
     * the string it keeps, within the call. */
    size_t before = context->refs.live_strings;
    check(call_n(component, "scoped", (it_value[]){it_value_u32(100), it_value_u32(6)}, 2, &result, 1) ==
                  IT_OK &&
              string_is(result, "h\xc3\xa9llo", 6) && context->refs.live_strings == 1,
          "scope_exit keeps one string and frees the other (%zu alive before, %zu after: %s)", before,
          context->refs.live_strings, it_context_error(context)->message);
    check_error(context, call_n(component, "kept_len", NULL, 0, &result, 1), IT_ERR_TRAP,
                "memory.kept_len: string_len: not a string (got a string no longer alive (its scope "
                "or call ended))",
                "a string freed by scope_exit is stale");
    check_error(context, call_n(component, "exit_kept", (it_value[]){it_value_i32(0)}, 1, &result, 1),
                IT_ERR_TRAP,
                "memory.exit_kept: scope_exit: the value to keep is not a string or value (got a string no "
                "longer alive",
                "scope_exit keeping a stale string");
    check(call_n(component, "many",
                 (it_value[]){it_value_u32(100), it_value_u32(6), it_value_u32(100000)}, 3, NULL, 0) ==
                  IT_OK &&
              context->refs.live_strings == 0 && context->refs.young_count == 0,
          "100000 scopes in one call leave no string alive (%zu alive, stack %zu): %s",
          context->refs.live_strings, context->refs.young_count, it_context_error(context)->message);

    /* Bounded memory with strings made by wasm code. */
    size_t peak = 0;
    it_value read_args[2] = {it_value_u32(100), it_value_u32(6)};
    for (int i = 0; i < 200000; i++) {
        if (call_n(component, "read", read_args, 2, &result, 1)) break;
        if (context->refs.live_strings > peak) peak = context->refs.live_strings;
    }
    check(peak <= 2 && string_is(result, "h\xc3\xa9llo", 6),
          "200000 mem_to_string calls keep at most 2 strings alive (peak %zu)", peak);
    it_context_delete(context);
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void)info, (void)flag, (void)ftw;
    return remove(path);
}

/* ------------------------------------------------------- string lifetime */

/* A string result stays valid while it is the argument of the next call,
 * inside that call's host functions, and until that call returns (issue 12:
 * reverse(reverse(s)) read a freed string). The strings are longer than a
 * malloc chunk's free-list header, so reading freed memory shows. */
static void test_string_lifetime(void)
{
    char path[512];
    host_state state = {0};
    it_context *context;
    it_component *component = probe(&context, &state, path, sizeof path);
    if (!component) {
        it_context_delete(context);
        return;
    }
    it_func *echo, *all;
    if (it_component_func(component, "echo", &echo) || it_component_func(component, "all", &all))
        abort();
    static const char text[] = "Hello World! A string result, passed on as an argument.";
    const size_t size = sizeof text - 1;

    /* echo(echo(text)): a result as the next call's argument. */
    it_value first = it_value_cstring(""), second = first, arg = it_value_cstring(text);
    check(it_call(echo, &arg, 1, &first, 1) == IT_OK && it_call(echo, &first, 1, &second, 1) == IT_OK &&
              string_is(second, text, size),
          "echo(echo(s)) is s (got \"%.*s\")", (int)second.of.string.size, second.of.string.data);

    /* A result passed twice in one call: pair(r, r) is r r. */
    it_func *pair;
    if (it_component_func(component, "pair", &pair)) abort();
    it_value twice[2] = {second, second}, joined = it_value_cstring("");
    check(it_call(pair, twice, 2, &joined, 1) == IT_OK && joined.of.string.size == 2 * size &&
              memcmp(joined.of.string.data, text, size) == 0 &&
              memcmp(joined.of.string.data + size, text, size) == 0,
          "pair(r, r) is r r (got \"%.*s\")", (int)joined.of.string.size, joined.of.string.data);

    /* A result among other arguments, and given back as a result. */
    it_value values[ALL_COUNT], results[ALL_COUNT];
    for (size_t i = 0; i < ALL_COUNT; i++) {
        memset(&values[i], 0, sizeof values[i]);
        values[i].type = ALL_TYPES[i];
        results[i] = values[i];
    }
    values[11] = it_value_cstring(text);
    results[11] = it_value_cstring("");
    check(it_call(echo, &values[11], 1, &values[11], 1) == IT_OK &&
              it_call(all, values, ALL_COUNT, results, ALL_COUNT) == IT_OK && string_is(results[11], text, size),
          "a result among other arguments (got \"%.*s\")", (int)results[11].of.string.size,
          results[11].of.string.data);

    /* A result read by a host function during the next call (kept by the
     * host between calls, returned as the host function's result). */
    it_string kept = results[11].of.string;
    state.echo_instead = &kept;
    arg = it_value_cstring("ignored");
    it_value from_host = it_value_cstring("");
    check(it_call(echo, &arg, 1, &from_host, 1) == IT_OK && string_is(from_host, text, size),
          "a host function returns the previous call's result (got \"%.*s\"; %s)",
          (int)from_host.of.string.size, from_host.of.string.data, it_context_error(context)->message);
    state.echo_instead = NULL;

    /* Bounded: after one more call only that call's strings are alive. */
    check(it_call(echo, &arg, 1, &from_host, 1) == IT_OK && context->refs.live_strings <= 2,
          "only the last call's strings are alive (%zu)", context->refs.live_strings);
    it_context_delete(context);
}


/* ------------------------------------------------------------- rich types */

static bool same_point(const it_value *v, double x, double y)
{
    return v->type == IT_RECORD && v->of.list.count == 2 && v->of.list.items[0].type == IT_F64 &&
           v->of.list.items[0].of.f64 == x && v->of.list.items[1].of.f64 == y;
}

/* host.point: swaps the fields; host.color: red <-> green; host.shape:
 * empty -> circle(1), else empty; host.bytes: each byte + 1; host.outcome:
 * ok(n) -> ok(2n), err -> err. What a call gets is kept to check it. */
static int host_calls;
static it_status host_rich(const it_host_call *call, const it_value *args, it_value *results)
{
    static it_value fields[2], payload, items[64];
    host_calls++;
    const char *name = call->import->name;
    if (strcmp(name, "point") == 0) {
        fields[0] = args[0].of.list.items[1];
        fields[1] = args[0].of.list.items[0];
        results[0] = it_value_items(IT_RECORD, fields, 2);
    } else if (strcmp(name, "color") == 0) {
        results[0] = it_value_enum(args[0].of.case_index == 0 ? 1 : 0);
    } else if (strcmp(name, "shape") == 0) {
        payload = it_value_f64(1);
        results[0] = args[0].of.variant.index == 2 ? it_value_case(IT_VARIANT, 0, &payload)
                                                   : it_value_case(IT_VARIANT, 2, NULL);
    } else if (strcmp(name, "bytes") == 0) {
        size_t count = args[0].of.list.count < 64 ? args[0].of.list.count : 64;
        /* a list of numbers comes packed (of.list.data) */
        const uint8_t *bytes = args[0].of.list.data;
        for (size_t i = 0; i < count; i++) items[i] = it_value_u8((uint8_t)(bytes[i] + 1));
        results[0] = it_value_items(IT_LIST, items, count);
    } else if (strcmp(name, "outcome") == 0) {
        if (args[0].of.variant.index == 0) {
            payload = it_value_u32(args[0].of.variant.payload->of.u32 * 2);
            results[0] = it_value_case(IT_RESULT, 0, &payload);
        } else {
            payload = it_value_cstring("host says no");
            results[0] = it_value_case(IT_RESULT, 1, &payload);
        }
    } else if (strcmp(name, "perms") == 0) {
        results[0] = it_value_flags(1u << 5); /* beyond the 3 flags: refused */
    } else {
        results[0] = args[0];
    }
    return IT_OK;
}

static void test_rich_types(void)
{
    it_context *context;
    if (it_context_new(&context)) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/it_rich_host.wasm", fixtures);
    const char *imports[] = {"point", "person", "color", "perms", "shape", "outcome", "bytes"};
    for (size_t i = 0; i < sizeof imports / sizeof *imports; i++)
        check(it_define_host_any(context, "host", imports[i], host_rich, NULL) == IT_OK, "define host.%s",
              imports[i]);
    it_component *component;
    it_status loaded = it_load(context, path, &component);
    check(loaded == IT_OK, "load rich_host: %s", it_context_error(context)->message);
    if (loaded) {
        it_context_delete(context);
        return;
    }
    it_func *via_point, *via_color, *via_shape, *via_bytes, *via_outcome, *via_perms;
    check(it_component_func(component, "viaPoint", &via_point) == IT_OK &&
              it_component_func(component, "viaColor", &via_color) == IT_OK &&
              it_component_func(component, "viaShape", &via_shape) == IT_OK &&
              it_component_func(component, "viaBytes", &via_bytes) == IT_OK &&
              it_component_func(component, "viaOutcome", &via_outcome) == IT_OK &&
              it_component_func(component, "viaPerms", &via_perms) == IT_OK,
          "rich_host exports");

    /* The signature's types are there, with names and members. */
    const it_signature *sig = it_func_signature(via_point);
    check(sig->params[0] == IT_RECORD && sig->param_types[0]->name && strcmp(sig->param_types[0]->name, "point") == 0 &&
              sig->param_types[0]->member_count == 2 && strcmp(sig->param_types[0]->members[1].label, "y") == 0 &&
              sig->param_types[0]->members[1].type->kind == IT_F64,
          "the type of viaPoint's parameter");
    char text[128];
    it_typedesc_text(it_func_signature(via_bytes)->param_types[0], text, sizeof text);
    check(strcmp(text, "(list u8)") == 0, "it_typedesc_text: %s", text);

    it_value fields[2] = {it_value_f64(1.5), it_value_f64(-2)}, result;
    it_value point = it_value_items(IT_RECORD, fields, 2);
    check(it_call(via_point, &point, 1, &result, 1) == IT_OK && same_point(&result, -2, 1.5),
          "a record through a host function: %s", it_context_error(context)->message);
    fields[0].of.f64 = 99; /* the call copied it */
    it_value color = it_value_enum(0);
    check(it_call(via_color, &color, 1, &result, 1) == IT_OK && result.type == IT_ENUM && result.of.case_index == 1,
          "an enum through a host function");
    it_value empty = it_value_case(IT_VARIANT, 2, NULL);
    check(it_call(via_shape, &empty, 1, &result, 1) == IT_OK && result.of.variant.index == 0 &&
              result.of.variant.payload && result.of.variant.payload->of.f64 == 1,
          "a variant through a host function");
    it_value bytes[3] = {it_value_u8(1), it_value_u8(2), it_value_u8(254)};
    it_value list = it_value_items(IT_LIST, bytes, 3);
    check(it_call(via_bytes, &list, 1, &result, 1) == IT_OK && result.of.list.count == 3 && !result.of.list.items &&
              ((const uint8_t *)result.of.list.data)[2] == 255,
          "a list through a host function (given as items, handed back packed)");
    static const uint8_t packed[4] = {0, 9, 99, 200};
    it_value numbers = it_value_numbers(packed, 4);
    check(it_call(via_bytes, &numbers, 1, &result, 1) == IT_OK && result.of.list.count == 4 &&
              memcmp(result.of.list.data, (const uint8_t[]){1, 10, 100, 201}, 4) == 0,
          "a list of numbers given packed");
    it_value null_data = it_value_numbers(NULL, 2);
    check_error(context, it_call(via_bytes, &null_data, 1, &result, 1), IT_ERR_ARGUMENT,
                "rich_host.viaBytes: argument 1 has 2 elements but NULL items and data", "NULL data");
    it_value n = it_value_u32(21), ok = it_value_case(IT_RESULT, 0, &n);
    check(it_call(via_outcome, &ok, 1, &result, 1) == IT_OK && result.of.variant.index == 0 &&
              result.of.variant.payload->of.u32 == 42,
          "a result through a host function");
    it_value why = it_value_cstring("x"), err = it_value_case(IT_RESULT, 1, &why);
    check(it_call(via_outcome, &err, 1, &result, 1) == IT_OK && result.of.variant.index == 1 &&
              result.of.variant.payload->type == IT_STRING &&
              strcmp(result.of.variant.payload->of.string.data, "host says no") == 0,
          "an err with a string payload");

    /* What the host returns is checked like an argument. */
    it_value perms = it_value_flags(1);
    check_error(context, it_call(via_perms, &perms, 1, &result, 1), IT_ERR_TYPE,
                "rich_host import host.perms: the host function's result 1 has bits set beyond the 3 flags of perms (0x20)",
                "flags out of range from a host function");

    /* Bad values from C: the function, the argument and the path. */
    it_value bad_fields[2] = {it_value_f64(1), it_value_s32(2)};
    it_value bad_point = it_value_items(IT_RECORD, bad_fields, 2);
    check_error(context, it_call(via_point, &bad_point, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaPoint: argument 1.y must be f64, got s32", "a field of the wrong type");
    bad_point.of.list.count = 1;
    check_error(context, it_call(via_point, &bad_point, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaPoint: argument 1 must have 2 fields (point), got 1", "a field missing");
    it_value bad_color = it_value_enum(3);
    check_error(context, it_call(via_color, &bad_color, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaColor: argument 1 must be a case of color (0..2), got 3", "an enum out of range");
    it_value circle_without = it_value_case(IT_VARIANT, 0, NULL);
    check_error(context, it_call(via_shape, &circle_without, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaShape: argument 1 case 0 of shape needs a payload, got NULL", "a payload missing");
    it_value rect_fields[2] = {it_value_f64(0), it_value_cstring("y")};
    it_value rect_point = it_value_items(IT_RECORD, rect_fields, 2), rect = it_value_case(IT_VARIANT, 1, &rect_point);
    check_error(context, it_call(via_shape, &rect, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaShape: argument 1.rect.y must be f64, got string", "a path through a variant");
    it_value bad_bytes[2] = {it_value_u8(1), it_value_u16(2)};
    it_value bad_list = it_value_items(IT_LIST, bad_bytes, 2);
    check_error(context, it_call(via_bytes, &bad_list, 1, &result, 1), IT_ERR_TYPE,
                "rich_host.viaBytes: argument 1[1] must be u8, got u16", "a list element of the wrong type");
    it_value bad_utf8 = it_value_string("\xc0\x80", 2), bad_err = it_value_case(IT_RESULT, 1, &bad_utf8);
    check_error(context, it_call(via_outcome, &bad_err, 1, &result, 1), IT_ERR_UTF8,
                "rich_host.viaOutcome: argument 1.err is not valid UTF-8", "bad UTF-8 inside a value");
    it_value null_items = it_value_items(IT_LIST, NULL, 2);
    check_error(context, it_call(via_bytes, &null_items, 1, &result, 1), IT_ERR_ARGUMENT,
                "rich_host.viaBytes: argument 1 has 2 elements but NULL items and data", "a NULL items pointer");

    /* Values are freed as strings are: none left after the next call. */
    size_t before = context->refs.live_strings;
    bool all_ok = true;
    for (int i = 0; i < 1000; i++) all_ok &= it_call(via_point, &point, 1, &result, 1) == IT_OK;
    check(all_ok, "1000 calls");
    check(context->refs.live_strings <= before + 4, "values stay bounded over 1000 calls (%zu live, %zu before)",
          context->refs.live_strings, before);
    it_context_delete(context);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: loader_test FIXTURE_DIR\n");
        return 2;
    }
    fixtures = argv[1];
    const char *tmp = getenv("TMPDIR");
    snprintf(temp_root, sizeof temp_root, "%s/it-loader-test-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(temp_root)) {
        perror("mkdtemp");
        return 2;
    }
    test_adapter_errors();
    test_linking();
    test_calls();
    test_string_lifetime();
    test_runtime_direct();
    test_memory();
    test_rich_types();
    nftw(temp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return check_summary();
}
