/* api_test.c: tests of the public API (wrt.h): linking, segments, host objects, calls, traps, errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrt.h"

/* Usage: api_test MODULE_DIR (holding the .wasm files built from
 * tests/api/modules, one per .wat). */

static int passed, failed;
static const char *module_dir;

#define CHECK(condition)                                                       \
    check((condition), __FILE__, __LINE__, #condition)

static bool check(bool ok, const char *file, int line, const char *text)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("%s:%d: FAIL: %s\n", file, line, text);
    }
    return ok;
}

static wrt_name name_of(const char *text)
{
    wrt_name name = {text, strlen(text)};
    return name;
}

static wrt_val i32_val(int32_t value)
{
    wrt_val result;
    memset(&result, 0, sizeof result);
    result.type = WRT_I32;
    result.of.i32 = value;
    return result;
}

static wrt_val null_of(wrt_valtype type)
{
    wrt_val result;
    memset(&result, 0, sizeof result);
    result.type = type;
    return result;
}

static wrt_module *load(wrt_store *store, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.wasm", module_dir, name);
    FILE *file = fopen(path, "rb");
    if (!file) {
        printf("cannot open %s: %s\n", path, strerror(errno));
        failed++;
        return NULL;
    }
    static uint8_t bytes[65536];
    size_t size = fread(bytes, 1, sizeof bytes, file);
    fclose(file);
    wrt_module *module = NULL;
    if (wrt_module_new(store, bytes, size, &module) != WRT_OK) {
        printf("%s: %s\n", path, wrt_store_error(store)->message);
        failed++;
    }
    return module;
}

/* ------------------------------------------------------------- the host */

static int ticks;

static wrt_instance *last_caller;

static wrt_status host_add(const wrt_host_call *call, const wrt_val *args,
                           wrt_val *results)
{
    last_caller = call->caller;
    results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
    return WRT_OK;
}

static wrt_status host_tick(const wrt_host_call *call, const wrt_val *args,
                            wrt_val *results)
{
    (void)args;
    (void)results;
    ticks += *(int *)call->user;
    return WRT_OK;
}

static wrt_status host_fail(const wrt_host_call *call, const wrt_val *args,
                            wrt_val *results)
{
    (void)args;
    (void)results;
    return wrt_host_trap(call, "the host says no");
}

typedef struct host {
    wrt_store *store;
    wrt_imports *imports;
    wrt_func *add, *tick, *fail;
    wrt_memory *memory;
    wrt_table *table;
    wrt_global *global, *base;
} host;

static bool define(host *h, const char *name, wrt_externkind kind, void *object)
{
    wrt_extern value;
    value.kind = kind;
    switch (kind) {
    case WRT_EXTERN_FUNC: value.of.func = object; break;
    case WRT_EXTERN_TABLE: value.of.table = object; break;
    case WRT_EXTERN_MEMORY: value.of.memory = object; break;
    case WRT_EXTERN_GLOBAL: value.of.global = object; break;
    }
    return wrt_imports_define(h->imports, name_of("host"), name_of(name),
                              value) == WRT_OK;
}

/* A store with host.add, host.tick, host.mem (1..4 pages), host.table
 * (2..8 funcref), host.g (mut i32 = 7), host.base (i32 = 20). */
static bool host_new(host *h, wrt_engine *engine, uint32_t memory_pages)
{
    static const wrt_valtype two_i32[] = {WRT_I32, WRT_I32}, one_i32[] = {WRT_I32};
    static int step = 1;
    memset(h, 0, sizeof *h);
    h->store = wrt_store_new(engine);
    h->imports = wrt_imports_new();
    wrt_functype add_type = {2, two_i32, 1, one_i32};
    wrt_functype tick_type = {0, NULL, 0, NULL};
    wrt_memorytype memory_type = {{memory_pages, 4, true}};
    wrt_tabletype table_type = {WRT_FUNCREF, {2, 8, true}};
    wrt_globaltype global_type = {WRT_I32, true};
    wrt_globaltype base_type = {WRT_I32, false};
    return h->store && h->imports &&
           wrt_func_new(h->store, &add_type, host_add, NULL, &h->add) == WRT_OK &&
           wrt_func_new(h->store, &tick_type, host_tick, &step, &h->tick) == WRT_OK &&
           wrt_func_new(h->store, &tick_type, host_fail, NULL, &h->fail) == WRT_OK &&
           wrt_memory_new(h->store, &memory_type, &h->memory) == WRT_OK &&
           wrt_table_new(h->store, &table_type, null_of(WRT_FUNCREF), &h->table) == WRT_OK &&
           wrt_global_new(h->store, &global_type, i32_val(7), &h->global) == WRT_OK &&
           wrt_global_new(h->store, &base_type, i32_val(20), &h->base) == WRT_OK &&
           define(h, "add", WRT_EXTERN_FUNC, h->add) &&
           define(h, "tick", WRT_EXTERN_FUNC, h->tick) &&
           define(h, "fail", WRT_EXTERN_FUNC, h->fail) &&
           define(h, "mem", WRT_EXTERN_MEMORY, h->memory) &&
           define(h, "table", WRT_EXTERN_TABLE, h->table) &&
           define(h, "g", WRT_EXTERN_GLOBAL, h->global) &&
           define(h, "base", WRT_EXTERN_GLOBAL, h->base);
}

static void host_delete(host *h)
{
    wrt_imports_delete(h->imports);
    wrt_store_delete(h->store);
}

/* ---------------------------------------------------------------- tests */

static void test_messages(void)
{
    CHECK(!strcmp(wrt_status_message(WRT_ERR_UNKNOWN_IMPORT), "unknown import"));
    CHECK(!strcmp(wrt_status_message(WRT_ERR_INCOMPATIBLE_IMPORT),
                  "incompatible import type"));
    CHECK(!strcmp(wrt_trap_message(WRT_TRAP_MEMORY_OUT_OF_BOUNDS),
                  "out of bounds memory access"));
    CHECK(!strcmp(wrt_status_message((wrt_status)999), "unknown status"));
    CHECK(!strcmp(wrt_valtype_name(WRT_EXTERNREF), "externref"));
}

static void test_decode_errors(wrt_engine *engine)
{
    wrt_store *store = wrt_store_new(engine);
    wrt_module *module = NULL;
    static const uint8_t bad_magic[] = {0, 'a', 's', 'n', 1, 0, 0, 0};
    CHECK(wrt_module_new(store, bad_magic, sizeof bad_magic, &module) ==
          WRT_ERR_MALFORMED);
    CHECK(module == NULL);
    const wrt_error *error = wrt_store_error(store);
    CHECK(error->status == WRT_ERR_MALFORMED);
    CHECK(error->offset == 0);
    CHECK(error->func_index == WRT_NO_INDEX);
    CHECK(strstr(error->message, "magic") != NULL);

    /* (func (result i32) i64.const 0): invalid in function 0. */
    static const uint8_t invalid[] = {0, 'a', 's', 'm', 1, 0, 0, 0,
                                      1, 5, 1, 0x60, 0, 1, 0x7f,
                                      3, 2, 1, 0,
                                      10, 6, 1, 4, 0, 0x42, 0, 0x0b};
    CHECK(wrt_module_new(store, invalid, sizeof invalid, &module) ==
          WRT_ERR_INVALID);
    CHECK(error->func_index == 0);
    CHECK(error->offset != WRT_NO_OFFSET && error->offset < sizeof invalid);
    CHECK(strstr(error->message, "type mismatch") != NULL);
    wrt_store_delete(store);
}

static void test_reexport(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *module = load(h.store, "reexport");
    if (!module)
        goto done;

    /* Introspection. */
    CHECK(wrt_module_import_count(module) == 5);
    wrt_import_desc import;
    wrt_module_import(module, 2, &import);
    CHECK(import.module.size == 4 && !memcmp(import.module.data, "host", 4));
    CHECK(import.type.kind == WRT_EXTERN_TABLE &&
          import.type.of.table.limits.min == 2 &&
          !import.type.of.table.limits.has_max);
    wrt_export_desc export_;
    bool found_nul_name = false;
    for (size_t i = 0; i < wrt_module_export_count(module); i++) {
        wrt_module_export(module, i, &export_);
        if (export_.name.size == 3 && !memcmp(export_.name.data, "a\0b", 3))
            found_nul_name = export_.type.kind == WRT_EXTERN_GLOBAL &&
                             export_.type.of.global.is_mutable;
    }
    CHECK(found_nul_name);

    wrt_instance *instance = NULL;
    if (!CHECK(wrt_instance_new(h.store, module, h.imports, &instance) == WRT_OK)) {
        printf("  %s\n", wrt_store_error(h.store)->message);
        goto done;
    }
    CHECK(wrt_instance_module(instance) == module);

    /* A re-exported host function can be called, under "" as well. */
    wrt_extern object;
    wrt_name empty = {"", 0};
    CHECK(wrt_instance_export(instance, empty, &object) == WRT_OK &&
          object.kind == WRT_EXTERN_FUNC && object.of.func == h.add);
    wrt_val args[2] = {i32_val(40), i32_val(2)}, result;
    CHECK(wrt_func_call(h.store, object.of.func, args, 2, &result, 1) == WRT_OK &&
          result.type == WRT_I32 && result.of.i32 == 42);
    /* Calls are type-checked. */
    wrt_val wrong[2] = {i32_val(1), null_of(WRT_EXTERNREF)};
    CHECK(wrt_func_call(h.store, h.add, wrong, 2, &result, 1) ==
          WRT_ERR_TYPE_MISMATCH);
    CHECK(wrt_func_call(h.store, h.add, args, 1, &result, 1) ==
          WRT_ERR_TYPE_MISMATCH);

    /* Names are byte strings: "a\0b" differs from "a". */
    wrt_name nul_name = {"a\0b", 3};
    CHECK(wrt_instance_export(instance, nul_name, &object) == WRT_OK &&
          object.of.global == h.global);
    CHECK(wrt_instance_export(instance, name_of("a"), &object) ==
          WRT_ERR_NOT_FOUND);

    /* Segments wrote into the imported table and memory. */
    wrt_val element;
    CHECK(wrt_table_get(h.table, 1, &element) == WRT_OK &&
          element.type == WRT_FUNCREF && element.of.funcref == h.add);
    CHECK(wrt_table_get(h.table, 0, &element) == WRT_OK &&
          element.of.funcref == NULL);
    CHECK(wrt_table_get(h.table, 2, &element) == WRT_ERR_OUT_OF_BOUNDS);
    char text[6] = {0};
    CHECK(wrt_memory_read(h.memory, 10, text, 5) == WRT_OK &&
          !strcmp(text, "hello"));
    CHECK(wrt_memory_data(h.memory)[20] == '!');

    /* Globals: constant expressions, shared cells, mutability. */
    CHECK(wrt_instance_export(instance, name_of("copy"), &object) == WRT_OK &&
          wrt_global_get(object.of.global).of.i32 == 20);
    CHECK(wrt_instance_export(instance, name_of("pi"), &object) == WRT_OK &&
          wrt_global_get(object.of.global).of.f32 == 3.25f);
    CHECK(wrt_instance_export(instance, name_of("wide"), &object) == WRT_OK &&
          wrt_global_get(object.of.global).of.i64 == -5);
    CHECK(wrt_instance_export(instance, name_of("self"), &object) == WRT_OK &&
          wrt_global_get(object.of.global).of.funcref == h.add);
    CHECK(wrt_instance_export(instance, name_of("nothing"), &object) == WRT_OK &&
          wrt_global_get(object.of.global).type == WRT_EXTERNREF &&
          wrt_global_get(object.of.global).of.externref == NULL);
    CHECK(wrt_global_set(object.of.global, null_of(WRT_EXTERNREF)) ==
          WRT_ERR_IMMUTABLE);
    CHECK(wrt_instance_export(instance, name_of("g"), &object) == WRT_OK &&
          object.of.global == h.global);
    CHECK(wrt_global_set(h.global, i32_val(99)) == WRT_OK &&
          wrt_global_get(object.of.global).of.i32 == 99);
    CHECK(wrt_global_set(h.global, null_of(WRT_I64)) == WRT_ERR_TYPE_MISMATCH);

    /* Memory growth keeps the data pointer; the maximum holds. */
    uint8_t *data = wrt_memory_data(h.memory);
    uint32_t old = 0;
    CHECK(wrt_memory_grow(h.memory, 2, &old) == WRT_OK && old == 1);
    CHECK(wrt_memory_data(h.memory) == data && wrt_memory_pages(h.memory) == 3);
    CHECK(wrt_memory_size(h.memory) == 3 * 65536ull);
    data[3 * 65536 - 1] = 1; /* the last committed byte is writable */
    CHECK(wrt_memory_grow(h.memory, 2, &old) == WRT_ERR_LIMIT &&
          wrt_memory_pages(h.memory) == 3);
    CHECK(wrt_memory_write(h.memory, 3 * 65536 - 1, "ab", 2) ==
          WRT_ERR_OUT_OF_BOUNDS);
    CHECK(wrt_memory_grow(h.memory, 0, &old) == WRT_OK && old == 3);

    /* Table growth. */
    CHECK(wrt_table_grow(h.table, 6, null_of(WRT_FUNCREF), &old) == WRT_OK &&
          old == 2 && wrt_table_size(h.table) == 8);
    CHECK(wrt_table_grow(h.table, 1, null_of(WRT_FUNCREF), &old) == WRT_ERR_LIMIT);
    CHECK(wrt_table_set(h.table, 7, null_of(WRT_EXTERNREF)) ==
          WRT_ERR_TYPE_MISMATCH);

    /* A second instance of the same module in the same store. */
    wrt_instance *second = NULL;
    CHECK(wrt_instance_new(h.store, module, h.imports, &second) == WRT_OK &&
          second != instance);
done:
    wrt_module_delete(module);
    host_delete(&h);
}

/* Wasm 2.0 order: elem segments, then data; the failing segment writes
 * nothing and earlier writes into imported objects persist. */
static void test_partial_init(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *elem = load(h.store, "partial_elem");
    wrt_module *data = load(h.store, "partial_data");
    wrt_instance *instance = NULL;
    wrt_val element;
    if (elem) {
        CHECK(wrt_instance_new(h.store, elem, h.imports, &instance) == WRT_TRAP);
        const wrt_error *error = wrt_store_error(h.store);
        CHECK(error->trap == WRT_TRAP_TABLE_OUT_OF_BOUNDS);
        CHECK(!strncmp(error->message, "out of bounds table access", 26));
        CHECK(instance == NULL);
        CHECK(wrt_table_get(h.table, 0, &element) == WRT_OK &&
              element.of.funcref == h.add);
        CHECK(wrt_table_get(h.table, 1, &element) == WRT_OK &&
              element.of.funcref == NULL);
        CHECK(wrt_memory_data(h.memory)[0] == 0);
    }
    if (data) {
        CHECK(wrt_table_set(h.table, 0, null_of(WRT_FUNCREF)) == WRT_OK);
        CHECK(wrt_instance_new(h.store, data, h.imports, &instance) == WRT_TRAP);
        CHECK(wrt_store_error(h.store)->trap == WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
        CHECK(wrt_table_get(h.table, 0, &element) == WRT_OK &&
              element.of.funcref == h.add);
        CHECK(!memcmp(wrt_memory_data(h.memory) + 100, "abc", 3));
        CHECK(wrt_memory_data(h.memory)[65535] == 0);
        CHECK(wrt_memory_data(h.memory)[200] == 0);
    }
    wrt_module_delete(elem);
    wrt_module_delete(data);
    host_delete(&h);
}

static void test_linking(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *module = load(h.store, "limits");
    if (!module)
        goto done;
    wrt_instance *instance = NULL;
    /* host.mem has 1 page; (memory 2 3) needs at least 2 and at most 3. */
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
          WRT_ERR_INCOMPATIBLE_IMPORT);
    const char *message = wrt_store_error(h.store)->message;
    CHECK(strstr(message, "incompatible import type for host.mem") != NULL);
    uint32_t old;
    CHECK(wrt_memory_grow(h.memory, 1, &old) == WRT_OK);
    /* Now 2 pages, but max 4 > 3. */
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
          WRT_ERR_INCOMPATIBLE_IMPORT);
    wrt_memorytype fitting = {{2, 3, true}};
    wrt_extern object;
    object.kind = WRT_EXTERN_MEMORY;
    CHECK(wrt_memory_new(h.store, &fitting, &object.of.memory) == WRT_OK);
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("mem"),
                             object) == WRT_OK);
    /* host.table (2..8) fits (table 1 10). Wrong-kind and wrong-type
     * definitions are rejected one by one. */
    object.kind = WRT_EXTERN_GLOBAL;
    object.of.global = h.base; /* immutable, wanted mutable */
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("g"), object) ==
          WRT_OK);
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
          WRT_ERR_INCOMPATIBLE_IMPORT);
    CHECK(strstr(wrt_store_error(h.store)->message, "host.g") != NULL);
    object.of.global = h.global;
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("g"), object) ==
          WRT_OK);
    object.kind = WRT_EXTERN_FUNC;
    object.of.func = h.tick; /* [] -> [], wanted [i32 i32] -> [i32] */
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("add"), object) ==
          WRT_OK);
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
          WRT_ERR_INCOMPATIBLE_IMPORT);
    CHECK(strstr(wrt_store_error(h.store)->message, "host.add") != NULL);
    object.kind = WRT_EXTERN_TABLE;
    object.of.table = h.table; /* a table where a function is wanted */
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("add"), object) ==
          WRT_OK);
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
          WRT_ERR_INCOMPATIBLE_IMPORT);
    object.kind = WRT_EXTERN_FUNC;
    object.of.func = h.add;
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("add"), object) ==
          WRT_OK);
    CHECK(wrt_instance_new(h.store, module, h.imports, &instance) == WRT_OK);

    /* A table's type keeps its declared maximum even above the runtime's
     * growth cap, so limits subtyping sees the real type: (table 1 10)
     * cannot import a table whose maximum is 20000000. */
    wrt_tabletype huge = {WRT_FUNCREF, {1, 20000000, true}};
    wrt_val null_ref = {.type = WRT_FUNCREF};
    object.kind = WRT_EXTERN_TABLE;
    if (CHECK(wrt_table_new(h.store, &huge, null_ref, &object.of.table) == WRT_OK)) {
        CHECK(wrt_table_type(object.of.table).limits.max == 20000000);
        CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("table"),
                                 object) == WRT_OK);
        CHECK(wrt_instance_new(h.store, module, h.imports, &instance) ==
              WRT_ERR_INCOMPATIBLE_IMPORT);
        CHECK(strstr(wrt_store_error(h.store)->message, "host.table") != NULL);
        object.of.table = h.table;
        CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("table"),
                                 object) == WRT_OK);
    }

    /* Objects of another store cannot be imported. */
    wrt_store *other = wrt_store_new(engine);
    wrt_imports *foreign = wrt_imports_new();
    wrt_memorytype other_type = {{2, 3, true}};
    wrt_extern other_memory;
    other_memory.kind = WRT_EXTERN_MEMORY;
    if (CHECK(other && foreign) &&
        CHECK(wrt_memory_new(other, &other_type, &other_memory.of.memory) == WRT_OK)) {
        CHECK(wrt_imports_define(foreign, name_of("host"), name_of("mem"),
                                 other_memory) == WRT_OK);
        CHECK(wrt_instance_new(h.store, module, foreign, &instance) ==
              WRT_ERR_INCOMPATIBLE_IMPORT);
        CHECK(strstr(wrt_store_error(h.store)->message, "another store") != NULL);
    }
    wrt_imports_delete(foreign);
    wrt_store_delete(other);
    object.kind = WRT_EXTERN_FUNC;
    object.of.func = NULL;
    CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("x"), object) ==
          WRT_ERR_ARGUMENT);

    /* Unknown imports name module.field; NULL imports means none. */
    CHECK(wrt_instance_new(h.store, module, NULL, &instance) ==
          WRT_ERR_UNKNOWN_IMPORT);
    CHECK(strstr(wrt_store_error(h.store)->message,
                 "unknown import host.mem") != NULL);

    /* Exports of one instance satisfy another's imports. */
    wrt_module *reexport = load(h.store, "reexport");
    wrt_instance *first = NULL;
    if (reexport &&
        CHECK(wrt_instance_new(h.store, reexport, h.imports, &first) == WRT_OK)) {
        wrt_imports *chained = wrt_imports_new();
        CHECK(wrt_imports_define_instance(chained, name_of("host"), first) ==
              WRT_OK);
        /* reexport exports mem (1..4, grown?), table, g and add, but the
         * memory it re-exports is host.mem (2..3 now): all fit limits.wat. */
        CHECK(wrt_instance_new(h.store, module, chained, &instance) == WRT_OK);
        wrt_imports_delete(chained);
    }
    wrt_module_delete(reexport);
done:
    wrt_module_delete(module);
    host_delete(&h);
}

static void test_start_and_execution(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *start_host = load(h.store, "start_host");
    wrt_module *start_wasm = load(h.store, "start_wasm");
    wrt_module *start_trap = load(h.store, "start_trap");
    wrt_module *wasm_func = load(h.store, "wasm_func");
    wrt_instance *instance = NULL;
    ticks = 0;
    if (start_host)
        CHECK(wrt_instance_new(h.store, start_host, h.imports, &instance) ==
                  WRT_OK && ticks == 1);
    if (start_wasm)
        CHECK(wrt_instance_new(h.store, start_wasm, h.imports, &instance) ==
              WRT_OK);
    /* A trapping start function fails the instantiation with the trap. */
    if (start_trap) {
        instance = NULL;
        CHECK(wrt_instance_new(h.store, start_trap, NULL, &instance) == WRT_TRAP);
        CHECK(instance == NULL);
        CHECK(wrt_store_error(h.store)->trap == WRT_TRAP_UNREACHABLE);
        CHECK(wrt_store_error(h.store)->func_index == 0);
    }
    wrt_extern object;
    wrt_val arg = i32_val(21), result;
    if (wasm_func &&
        CHECK(wrt_instance_new(h.store, wasm_func, NULL, &instance) == WRT_OK) &&
        CHECK(wrt_instance_export(instance, name_of("double"), &object) == WRT_OK)) {
        CHECK(wrt_func_call(h.store, object.of.func, &arg, 1, &result, 1) ==
                  WRT_OK && result.type == WRT_I32 && result.of.i32 == 42);
        /* Argument count and types are checked before anything runs. */
        wrt_val wrong = null_of(WRT_I64);
        CHECK(wrt_func_call(h.store, object.of.func, &wrong, 1, &result, 1) ==
              WRT_ERR_TYPE_MISMATCH);
        CHECK(wrt_func_call(h.store, object.of.func, NULL, 0, &result, 1) ==
              WRT_ERR_TYPE_MISMATCH);
        CHECK(wrt_func_call(h.store, object.of.func, &arg, 1, NULL, 0) ==
              WRT_ERR_TYPE_MISMATCH);
    }

    wrt_module *call_host = load(h.store, "call_host");
    wrt_instance *caller = NULL;
    wrt_extern call_add, call_fail, div;
    if (call_host &&
        CHECK(wrt_instance_new(h.store, call_host, h.imports, &caller) == WRT_OK) &&
        CHECK(wrt_instance_export(caller, name_of("call_add"), &call_add) == WRT_OK &&
              wrt_instance_export(caller, name_of("call_fail"), &call_fail) == WRT_OK &&
              wrt_instance_export(caller, name_of("div"), &div) == WRT_OK)) {
        wrt_val forty = i32_val(40);
        wrt_val div_args[2] = {i32_val(1), i32_val(0)};
        /* Host functions called from wasm see their caller; host and
         * wasm traps come back as values with kind and message. */
        last_caller = NULL;
        CHECK(wrt_func_call(h.store, call_add.of.func, &forty, 1, &result, 1) ==
                  WRT_OK && result.of.i32 == 42 && last_caller == caller);
        CHECK(wrt_func_call(h.store, call_fail.of.func, NULL, 0, NULL, 0) ==
              WRT_TRAP);
        CHECK(wrt_store_error(h.store)->trap == WRT_TRAP_HOST &&
              !strcmp(wrt_store_error(h.store)->message, "the host says no"));
        CHECK(wrt_func_call(h.store, div.of.func, div_args, 2, &result, 1) ==
              WRT_TRAP);
        const wrt_error *error = wrt_store_error(h.store);
        CHECK(error->status == WRT_TRAP);
        CHECK(error->trap == WRT_TRAP_DIVIDE_BY_ZERO);
        /* Function 4 (two imports first), its i32.div_s at byte 0x70 of the
         * module (wasm-objdump -d call_host.wasm). */
        CHECK(error->func_index == 4);
        CHECK(error->offset == 0x70);
        CHECK(strstr(error->message, "integer divide by zero") != NULL);
        /* The store is usable after a trap. */
        CHECK(wrt_func_call(h.store, call_add.of.func, &forty, 1, &result, 1) ==
                  WRT_OK && result.of.i32 == 42);
    }
    wrt_module_delete(call_host);

    /* Host traps are values with a kind and a message. */
    CHECK(wrt_func_call(h.store, h.fail, NULL, 0, NULL, 0) == WRT_TRAP);
    CHECK(wrt_store_error(h.store)->trap == WRT_TRAP_HOST);
    CHECK(!strcmp(wrt_store_error(h.store)->message, "the host says no"));
    wrt_module_delete(start_host);
    wrt_module_delete(start_wasm);
    wrt_module_delete(start_trap);
    wrt_module_delete(wasm_func);
    host_delete(&h);
}

/* Every kind of trap from wasm code: kind, function index and byte offset,
 * and the instance keeps working afterwards. */
static void test_traps(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *module = load(h.store, "traps");
    wrt_instance *instance = NULL;
    wrt_extern recurse, load_func, boom, ok;
    if (!module ||
        !CHECK(wrt_instance_new(h.store, module, NULL, &instance) == WRT_OK) ||
        !CHECK(wrt_instance_export(instance, name_of("recurse"), &recurse) == WRT_OK &&
               wrt_instance_export(instance, name_of("load"), &load_func) == WRT_OK &&
               wrt_instance_export(instance, name_of("boom"), &boom) == WRT_OK &&
               wrt_instance_export(instance, name_of("ok"), &ok) == WRT_OK))
        goto done;
    const wrt_error *error = wrt_store_error(h.store);
    wrt_val arg = i32_val(0), result;
    for (int round = 0; round < 3; round++) {
        /* Unbounded recursion: the stack limit check, not a host crash. */
        CHECK(wrt_func_call(h.store, recurse.of.func, &arg, 1, &result, 1) ==
              WRT_TRAP);
        CHECK(error->trap == WRT_TRAP_STACK_EXHAUSTED);
        CHECK(error->func_index == 0);
        CHECK(error->offset != WRT_NO_OFFSET);
        /* Out of bounds through the guard region (no explicit check). */
        wrt_val address = i32_val(65535);
        CHECK(wrt_func_call(h.store, load_func.of.func, &address, 1, &result, 1) ==
              WRT_TRAP);
        CHECK(error->trap == WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
        CHECK(error->func_index == 1 && error->offset == 0x54);
        address = i32_val(-1);
        CHECK(wrt_func_call(h.store, load_func.of.func, &address, 1, &result, 1) ==
              WRT_TRAP && error->trap == WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
        CHECK(wrt_func_call(h.store, boom.of.func, NULL, 0, NULL, 0) == WRT_TRAP);
        CHECK(error->trap == WRT_TRAP_UNREACHABLE);
        CHECK(error->func_index == 2 && error->offset == 0x5a);
        CHECK(wrt_func_call(h.store, ok.of.func, NULL, 0, &result, 1) == WRT_OK &&
              result.of.i32 == 7);
    }
done:
    wrt_module_delete(module);
    host_delete(&h);
}

/* host.reenter(x) = div(100, x) through wrt_func_call_raw (a nested call
 * from a host function); a trap in it is returned, so it propagates. */
static wrt_status host_reenter(const wrt_host_call *call, const wrt_val *args,
                               wrt_val *results)
{
    wrt_func *div = *(wrt_func **)call->user;
    wrt_raw cells[2];
    cells[0].i32 = 100;
    cells[1].i32 = args[0].of.i32;
    wrt_status status = wrt_func_call_raw(call->store, div, cells, 2);
    if (status == WRT_OK)
        results[0].of.i32 = cells[0].i32;
    return status;
}

static wrt_func *raw_export(wrt_instance *instance, const char *name)
{
    wrt_extern object;
    if (!CHECK(wrt_instance_export(instance, name_of(name), &object) == WRT_OK))
        return NULL;
    return object.of.func;
}

/* wrt_func_call_raw: values of every type both ways (result 0 from either
 * return register), the i32 zero-extension the calling convention needs,
 * the checks it keeps, host functions, traps and nested calls. Also that
 * wrt_func_call ignores the unused bytes of an i32 argument. */
static void test_raw_calls(wrt_engine *engine)
{
    static const wrt_valtype one_i32[] = {WRT_I32};
    static wrt_func *div_func;
    host h, other;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    if (!CHECK(host_new(&other, engine, 1))) {
        host_delete(&h);
        return;
    }
    wrt_functype reenter_type = {1, one_i32, 1, one_i32};
    wrt_func *reenter = NULL;
    wrt_extern reenter_object = {WRT_EXTERN_FUNC};
    wrt_module *module = load(h.store, "raw_call");
    wrt_instance *instance = NULL;
    if (!module ||
        !CHECK(wrt_func_new(h.store, &reenter_type, host_reenter, &div_func,
                            &reenter) == WRT_OK))
        goto done;
    reenter_object.of.func = reenter;
    if (!CHECK(wrt_imports_define(h.imports, name_of("host"), name_of("reenter"),
                                  reenter_object) == WRT_OK) ||
        !CHECK(wrt_instance_new(h.store, module, h.imports, &instance) == WRT_OK))
        goto done;
    wrt_func *mix = raw_export(instance, "mix"), *ints = raw_export(instance, "ints"),
             *f32 = raw_export(instance, "f32"), *widen = raw_export(instance, "widen"),
             *load_func = raw_export(instance, "load"), *refs = raw_export(instance, "refs"),
             *call_add = raw_export(instance, "call_add"),
             *call_fail = raw_export(instance, "call_fail"),
             *call_reenter = raw_export(instance, "call_reenter"),
             *recurse = raw_export(instance, "recurse"),
             *nothing = raw_export(instance, "nothing");
    div_func = raw_export(instance, "div");
    if (!mix || !ints || !f32 || !widen || !load_func || !refs || !call_add ||
        !call_fail || !call_reenter || !recurse || !nothing || !div_func)
        goto done;
    const wrt_error *error = wrt_store_error(h.store);
    CHECK(wrt_func_raw_count(mix) == 4 && wrt_func_raw_count(nothing) == 1 &&
          wrt_func_raw_count(refs) == 2 && wrt_func_raw_count(h.add) == 2);

    wrt_raw cells[4];
    memset(cells, 0, sizeof cells);
    /* (i32 i64 f32 f64) -> (f64 i32 i64 f32): a float result 0, others in
     * slots; floats bit-exact (a NaN payload survives). */
    uint32_t nan_bits = 0x7fa00001u;
    cells[0].i32 = -7;
    cells[1].i64 = INT64_MIN + 5;
    memcpy(&cells[2].f32, &nan_bits, 4);
    cells[3].f64 = -2.5;
    for (int round = 0; round < 2; round++) {
        CHECK(wrt_func_call_raw(h.store, mix, cells, 4) == WRT_OK);
        uint32_t bits;
        memcpy(&bits, &cells[3].f32, 4);
        CHECK(cells[0].f64 == -2.5 && cells[1].i32 == -7 &&
              cells[2].i64 == INT64_MIN + 5 && bits == nan_bits);
        /* Round two: the results become the arguments again. */
        cells[0].i32 = -7;
        cells[1].i64 = INT64_MIN + 5;
        memcpy(&cells[2].f32, &nan_bits, 4);
        cells[3].f64 = -2.5;
    }
    /* An integer result 0 next to a float register left over. */
    cells[0].i32 = 41;
    cells[1].i64 = 1ll << 40;
    CHECK(wrt_func_call_raw(h.store, ints, cells, 2) == WRT_OK &&
          cells[0].i64 == 1ll << 40 && cells[1].i32 == 41);
    cells[0].f32 = 1.5f;
    CHECK(wrt_func_call_raw(h.store, f32, cells, 1) == WRT_OK &&
          cells[0].f32 == 1.5f);
    /* The upper 4 bytes of an i32 argument are ignored: generated code
     * sees 16, not 0xdeadbeef00000010 (which would address far outside the
     * memory's reservation if it reached a load). */
    cells[0].bits = 0xdeadbeef00000010ull;
    CHECK(wrt_func_call_raw(h.store, widen, cells, 1) == WRT_OK &&
          cells[0].i64 == 16);
    cells[0].bits = 0xdeadbeef00000010ull;
    CHECK(wrt_func_call_raw(h.store, load_func, cells, 1) == WRT_OK &&
          cells[0].i32 == 42);
    wrt_val garbage;
    memset(&garbage, 0xa5, sizeof garbage);
    garbage.type = WRT_I32;
    garbage.of.i32 = 16;
    wrt_val result;
    CHECK(wrt_func_call(h.store, widen, &garbage, 1, &result, 1) == WRT_OK &&
          result.type == WRT_I64 && result.of.i64 == 16);
    CHECK(wrt_func_call(h.store, load_func, &garbage, 1, &result, 1) == WRT_OK &&
          result.type == WRT_I32 && result.of.i32 == 42);
    /* References: identity both ways, null included. */
    int token;
    cells[0].funcref = mix;
    cells[1].externref = &token;
    CHECK(wrt_func_call_raw(h.store, refs, cells, 2) == WRT_OK &&
          cells[0].externref == &token && cells[1].funcref == mix);
    cells[0].funcref = NULL;
    cells[1].externref = NULL;
    CHECK(wrt_func_call_raw(h.store, refs, cells, 2) == WRT_OK &&
          cells[0].externref == NULL && cells[1].funcref == NULL);
    CHECK(wrt_func_call_raw(h.store, nothing, cells, 1) == WRT_OK);
    /* Ten slots (the generic entry stub): every argument and result. */
    wrt_func *sum10 = raw_export(instance, "sum10"), *spread = raw_export(instance, "spread");
    if (sum10 && spread) {
        wrt_raw wide[10];
        memset(wide, 0, sizeof wide);
        wide[0].i32 = 1;
        wide[1].i64 = 20;
        wide[2].f32 = 0.25f;
        wide[3].f64 = 300;
        for (int k = 4; k < 9; k++)
            wide[k].bits = 0xffffffff00000000ull | (uint32_t)(1000 << (k - 4));
        wide[9].f64 = 0.5;
        CHECK(wrt_func_raw_count(sum10) == 10 &&
              wrt_func_call_raw(h.store, sum10, wide, 10) == WRT_OK &&
              wide[0].f64 == 1 + 20 + 0.25 + 300 + 31000 + 0.5);
        wide[0].i32 = -3;
        bool spread_ok = wrt_func_call_raw(h.store, spread, wide, 10) == WRT_OK &&
                         wide[0].f64 == 0.5 && wide[1].i32 == -3 && wide[9].i64 == -3;
        for (int k = 2; k < 9; k++)
            spread_ok = spread_ok && wide[k].i32 == k - 1;
        CHECK(spread_ok);
        wrt_val ten[10], out[10];
        for (int k = 0; k < 10; k++)
            ten[k] = i32_val(k);
        ten[1].type = WRT_I64;
        ten[1].of.i64 = 20;
        ten[2].type = WRT_F32;
        ten[2].of.f32 = 0.25f;
        ten[3].type = WRT_F64;
        ten[3].of.f64 = 300;
        ten[9].type = WRT_F64;
        ten[9].of.f64 = 0.5;
        CHECK(wrt_func_call(h.store, sum10, ten, 10, out, 1) == WRT_OK &&
              out[0].type == WRT_F64 && out[0].of.f64 == 0 + 20 + 0.25 + 300 + 30 + 0.5);
        CHECK(wrt_func_call(h.store, spread, ten, 1, out, 10) == WRT_OK &&
              out[0].type == WRT_F64 && out[0].of.f64 == 0.5 && out[1].of.i32 == 0 &&
              out[8].of.i32 == 7 && out[9].type == WRT_I64 && out[9].of.i64 == 0);
    }

    /* The checks it keeps; nothing runs when one fails. */
    cells[0].funcref = other.add;
    cells[1].externref = NULL;
    CHECK(wrt_func_call_raw(h.store, refs, cells, 2) == WRT_ERR_ARGUMENT &&
          strstr(error->message, "another store") != NULL);
    CHECK(wrt_func_call_raw(h.store, mix, cells, 3) == WRT_ERR_TYPE_MISMATCH &&
          strstr(error->message, "needs 4") != NULL);
    CHECK(wrt_func_call_raw(h.store, nothing, NULL, 0) == WRT_ERR_TYPE_MISMATCH);
    CHECK(wrt_func_call_raw(other.store, mix, cells, 4) == WRT_ERR_ARGUMENT &&
          strstr(wrt_store_error(other.store)->message, "another store") != NULL);

    /* Host functions, directly and from wasm. */
    cells[0].bits = 0xffffffff00000028ull; /* 40, upper bytes ignored */
    cells[1].i32 = 2;
    CHECK(wrt_func_call_raw(h.store, h.add, cells, 2) == WRT_OK &&
          cells[0].i32 == 42);
    cells[0].i32 = 40;
    CHECK(wrt_func_call_raw(h.store, call_add, cells, 1) == WRT_OK &&
          cells[0].i32 == 42);
    CHECK(wrt_func_call_raw(h.store, h.fail, cells, 1) == WRT_TRAP &&
          error->trap == WRT_TRAP_HOST &&
          !strcmp(error->message, "the host says no"));

    for (int round = 0; round < 3; round++) {
        /* Traps: kind and place as with wrt_func_call; the instance keeps
         * working. */
        CHECK(wrt_func_call_raw(h.store, call_fail, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_HOST &&
              !strcmp(error->message, "the host says no"));
        cells[0].i32 = 0;
        CHECK(wrt_func_call_raw(h.store, recurse, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_STACK_EXHAUSTED && error->func_index == 13);
        cells[0].i32 = 65535;
        CHECK(wrt_func_call_raw(h.store, load_func, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_MEMORY_OUT_OF_BOUNDS && error->func_index == 7);
        cells[0].i32 = 1;
        cells[1].i32 = 0;
        CHECK(wrt_func_call_raw(h.store, div_func, cells, 2) == WRT_TRAP &&
              error->trap == WRT_TRAP_DIVIDE_BY_ZERO && error->func_index == 12);
        /* Nested: wasm -> host -> wasm (raw), and a trap inside it comes
         * back through the host function with its own details. */
        cells[0].i32 = 5;
        CHECK(wrt_func_call_raw(h.store, call_reenter, cells, 1) == WRT_OK &&
              cells[0].i32 == 20);
        cells[0].i32 = 0;
        CHECK(wrt_func_call_raw(h.store, call_reenter, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_DIVIDE_BY_ZERO && error->func_index == 12);
        cells[0].i32 = 16;
        CHECK(wrt_func_call_raw(h.store, load_func, cells, 1) == WRT_OK &&
              cells[0].i32 == 42);
    }
    /* A failed wrt_func_call leaves typed zero results, as before. */
    wrt_val two[2] = {i32_val(1), i32_val(0)};
    result = i32_val(99);
    CHECK(wrt_func_call(h.store, div_func, two, 2, &result, 1) == WRT_TRAP &&
          result.type == WRT_I32 && result.of.i32 == 0);
done:
    wrt_module_delete(module);
    host_delete(&other);
    host_delete(&h);
}

/* ------------------------------------------------- raw host functions */

/* raw.mix: (i32 i64 f32 f64) -> (f64 i32 i64 f32), the arguments rotated,
 * read before any result is written (the cells are shared). */
static wrt_status raw_mix(const wrt_host_call *call, wrt_raw *cells)
{
    last_caller = call->caller;
    int32_t a = cells[0].i32;
    int64_t b = cells[1].i64;
    float c = cells[2].f32;
    double d = cells[3].f64;
    cells[0].f64 = d;
    cells[1].i32 = a;
    cells[2].i64 = b;
    cells[3].f32 = c;
    return WRT_OK;
}

/* raw.narrow(x) = x + 1, with garbage written above bit 31 (ignored). */
static wrt_status raw_narrow(const wrt_host_call *call, wrt_raw *cells)
{
    (void)call;
    cells[0].bits = 0xdeadbeef00000000ull | (uint32_t)(cells[0].i32 + 1);
    return WRT_OK;
}

static wrt_status raw_fail(const wrt_host_call *call, wrt_raw *cells)
{
    (void)cells;
    return *(int *)call->user ? wrt_host_trap(call, "the raw host says no")
                              : WRT_ERR_OUT_OF_BOUNDS; /* no details recorded */
}

static wrt_status raw_tick(const wrt_host_call *call, wrt_raw *cells)
{
    (void)cells;
    ticks += *(int *)call->user;
    return WRT_OK;
}

/* raw.reenter(x) = div(100, x), called back with wrt_func_call_raw. */
static wrt_status raw_reenter(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_func *div = *(wrt_func **)call->user;
    wrt_raw inner[2];
    inner[0].i32 = 100;
    inner[1].i32 = cells[0].i32;
    wrt_status status = wrt_func_call_raw(call->store, div, inner, 2);
    if (status == WRT_OK)
        cells[0].i32 = inner[0].i32;
    return status;
}

static wrt_status raw_refs(const wrt_host_call *call, wrt_raw *cells)
{
    (void)call;
    wrt_func *func = cells[0].funcref;
    cells[0].externref = cells[1].externref;
    cells[1].funcref = func;
    return WRT_OK;
}

/* wrt_func_new_raw: host functions on untyped cells, called from wasm (the
 * caller's slots in place), with wrt_func_call (converted) and with
 * wrt_func_call_raw; traps keep their details and location rules. */
static void test_raw_host(wrt_engine *engine)
{
    static const wrt_valtype four[] = {WRT_I32, WRT_I64, WRT_F32, WRT_F64},
                             rotated[] = {WRT_F64, WRT_I32, WRT_I64, WRT_F32},
                             one_i32[] = {WRT_I32},
                             refs_in[] = {WRT_FUNCREF, WRT_EXTERNREF},
                             refs_out[] = {WRT_EXTERNREF, WRT_FUNCREF};
    static wrt_func *div_func;
    static int say_why = 1, step = 3;
    wrt_functype mix_type = {4, four, 4, rotated}, narrow_type = {1, one_i32, 1, one_i32},
                 none_type = {0, NULL, 0, NULL}, refs_type = {2, refs_in, 2, refs_out};
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    const wrt_error *error = wrt_store_error(h.store);
    wrt_func *mix, *narrow, *fail, *tick, *reenter, *refs, *none;
    CHECK(wrt_func_new_raw(h.store, &none_type, NULL, NULL, &none) == WRT_ERR_ARGUMENT &&
          none == NULL);
    wrt_module *module = load(h.store, "raw_host");
    wrt_instance *instance = NULL;
    if (!module ||
        !CHECK(wrt_func_new_raw(h.store, &mix_type, raw_mix, NULL, &mix) == WRT_OK) ||
        !CHECK(wrt_func_new_raw(h.store, &narrow_type, raw_narrow, NULL, &narrow) == WRT_OK) ||
        !CHECK(wrt_func_new_raw(h.store, &none_type, raw_fail, &say_why, &fail) == WRT_OK) ||
        !CHECK(wrt_func_new_raw(h.store, &none_type, raw_tick, &step, &tick) == WRT_OK) ||
        !CHECK(wrt_func_new_raw(h.store, &narrow_type, raw_reenter, &div_func, &reenter) == WRT_OK) ||
        !CHECK(wrt_func_new_raw(h.store, &refs_type, raw_refs, NULL, &refs) == WRT_OK))
        goto done;
    const char *names[] = {"mix", "narrow", "fail", "tick", "reenter", "refs"};
    wrt_func *funcs[] = {mix, narrow, fail, tick, reenter, refs};
    for (int i = 0; i < 6; i++) {
        wrt_extern object = {WRT_EXTERN_FUNC, {.func = funcs[i]}};
        if (!CHECK(wrt_imports_define(h.imports, name_of("raw"), name_of(names[i]), object) ==
                   WRT_OK))
            goto done;
    }
    if (!CHECK(wrt_instance_new(h.store, module, h.imports, &instance) == WRT_OK))
        goto done;
    wrt_func *call_mix = raw_export(instance, "call_mix"),
             *call_narrow_load = raw_export(instance, "call_narrow_load"),
             *call_fail = raw_export(instance, "call_fail"),
             *call_tick = raw_export(instance, "call_tick"),
             *call_reenter = raw_export(instance, "call_reenter"),
             *call_refs = raw_export(instance, "call_refs");
    div_func = raw_export(instance, "div");
    if (!call_mix || !call_narrow_load || !call_fail || !call_tick || !call_reenter ||
        !call_refs || !div_func)
        goto done;
    CHECK(wrt_func_raw_count(mix) == 4 && wrt_func_raw_count(tick) == 1 &&
          wrt_func_type(mix)->result_count == 4);

    for (int round = 0; round < 2; round++) {
        /* From wasm: every type, bit-exact, result 0 a float. */
        wrt_raw cells[4];
        uint32_t nan_bits = 0x7fa00001u, bits;
        cells[0].i32 = -7;
        cells[1].i64 = INT64_MIN + 5;
        memcpy(&cells[2].f32, &nan_bits, 4);
        cells[3].f64 = -2.5;
        last_caller = NULL;
        CHECK(wrt_func_call_raw(h.store, call_mix, cells, 4) == WRT_OK);
        memcpy(&bits, &cells[3].f32, 4);
        CHECK(cells[0].f64 == -2.5 && cells[1].i32 == -7 &&
              cells[2].i64 == INT64_MIN + 5 && bits == nan_bits &&
              last_caller == instance);
        /* Directly, typed: converted both ways, results tagged. */
        wrt_val args[4], results[4];
        args[0] = i32_val(9);
        args[1].type = WRT_I64;
        args[1].of.i64 = -1;
        args[2].type = WRT_F32;
        args[2].of.f32 = 0.5f;
        args[3].type = WRT_F64;
        args[3].of.f64 = 1e300;
        last_caller = instance;
        CHECK(wrt_func_call(h.store, mix, args, 4, results, 4) == WRT_OK &&
              results[0].type == WRT_F64 && results[0].of.f64 == 1e300 &&
              results[1].type == WRT_I32 && results[1].of.i32 == 9 &&
              results[2].type == WRT_I64 && results[2].of.i64 == -1 &&
              results[3].type == WRT_F32 && results[3].of.f32 == 0.5f &&
              last_caller == NULL);
        /* The garbage above an i32 result never reaches generated code
         * (it would address far outside the memory); from the API an i32
         * result's upper bytes are cleared as well. */
        cells[0].i32 = 15;
        CHECK(wrt_func_call_raw(h.store, call_narrow_load, cells, 1) == WRT_OK &&
              cells[0].i32 == 42);
        cells[0].i32 = 15;
        CHECK(wrt_func_call_raw(h.store, narrow, cells, 1) == WRT_OK &&
              cells[0].bits == 16);
        /* () -> () from wasm: no slots at all. */
        ticks = 0;
        CHECK(wrt_func_call_raw(h.store, call_tick, cells, 1) == WRT_OK && ticks == 6);
        CHECK(wrt_func_call(h.store, tick, NULL, 0, NULL, 0) == WRT_OK && ticks == 9);
        /* References, identity both ways. */
        int token;
        cells[0].funcref = mix;
        cells[1].externref = &token;
        CHECK(wrt_func_call_raw(h.store, call_refs, cells, 2) == WRT_OK &&
              cells[0].externref == &token && cells[1].funcref == mix);
        /* Traps: the host's message, no wasm location, from wasm and
         * directly; a bare failing status gets a message naming it. */
        say_why = 1;
        CHECK(wrt_func_call_raw(h.store, call_fail, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_HOST && error->func_index == WRT_NO_INDEX &&
              error->offset == WRT_NO_OFFSET &&
              !strcmp(error->message, "the raw host says no"));
        CHECK(wrt_func_call(h.store, fail, NULL, 0, NULL, 0) == WRT_TRAP &&
              error->trap == WRT_TRAP_HOST && !strcmp(error->message, "the raw host says no"));
        say_why = 0;
        CHECK(wrt_func_call_raw(h.store, call_fail, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_HOST &&
              !strcmp(error->message, "host function failed: out of bounds"));
        /* Nested: wasm -> raw host -> wasm; a trap inside keeps its own
         * kind and location. */
        cells[0].i32 = 5;
        CHECK(wrt_func_call_raw(h.store, call_reenter, cells, 1) == WRT_OK &&
              cells[0].i32 == 20);
        cells[0].i32 = 0;
        CHECK(wrt_func_call_raw(h.store, call_reenter, cells, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_DIVIDE_BY_ZERO && error->func_index == 11);
        wrt_val zero = i32_val(0), result;
        CHECK(wrt_func_call(h.store, reenter, &zero, 1, &result, 1) == WRT_TRAP &&
              error->trap == WRT_TRAP_DIVIDE_BY_ZERO && error->func_index == 11 &&
              result.type == WRT_I32 && result.of.i32 == 0);
    }
done:
    wrt_module_delete(module);
    host_delete(&h);
}

/* Many live modules at once: each one's code is registered with the trap
 * handler (no fixed cap), so a trap in the last one is still a trap value. */
static void test_many_modules(wrt_engine *engine)
{
    /* (module (func (export "f") unreachable)) */
    static const uint8_t bytes[] = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01,
        0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01,
        0x66, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
    };
    enum { MODULE_COUNT = 5000 };
    wrt_store *store = wrt_store_new(engine);
    wrt_module **modules = calloc(MODULE_COUNT, sizeof *modules);
    if (!CHECK(store && modules))
        goto done;
    size_t made = 0;
    while (made < MODULE_COUNT &&
           wrt_module_new(store, bytes, sizeof bytes, &modules[made]) == WRT_OK)
        made++;
    CHECK(made == MODULE_COUNT);
    size_t probes[3] = {0, MODULE_COUNT / 2, MODULE_COUNT - 1};
    for (size_t i = 0; i < 3 && made == MODULE_COUNT; i++) {
        wrt_instance *instance;
        wrt_extern f;
        if (CHECK(wrt_instance_new(store, modules[probes[i]], NULL, &instance) ==
                  WRT_OK) &&
            CHECK(wrt_instance_export(instance, name_of("f"), &f) == WRT_OK)) {
            CHECK(wrt_func_call(store, f.of.func, NULL, 0, NULL, 0) == WRT_TRAP);
            CHECK(wrt_store_error(store)->trap == WRT_TRAP_UNREACHABLE);
        }
    }
done:
    for (size_t i = 0; modules && i < MODULE_COUNT; i++)
        wrt_module_delete(modules[i]);
    free(modules);
    wrt_store_delete(store);
}

/* A module deleted before its instances stays alive through them. */
static void test_module_lifetime(wrt_engine *engine)
{
    host h;
    if (!CHECK(host_new(&h, engine, 1)))
        return;
    wrt_module *module = load(h.store, "reexport");
    wrt_instance *instance = NULL;
    if (module && CHECK(wrt_instance_new(h.store, module, h.imports,
                                         &instance) == WRT_OK)) {
        wrt_module_delete(module);
        CHECK(wrt_module_export_count(wrt_instance_module(instance)) > 0);
        wrt_name name;
        wrt_extern object;
        wrt_instance_export_at(instance, 0, &name, &object);
        CHECK(name.size > 0);
    } else {
        wrt_module_delete(module);
    }
    host_delete(&h);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s MODULE_DIR\n", argv[0]);
        return 2;
    }
    module_dir = argv[1];
    wrt_engine *engine = wrt_engine_new();
    test_messages();
    test_decode_errors(engine);
    test_reexport(engine);
    test_partial_init(engine);
    test_linking(engine);
    test_start_and_execution(engine);
    test_traps(engine);
    test_raw_calls(engine);
    test_raw_host(engine);
    test_module_lifetime(engine);
    test_many_modules(engine);
    wrt_engine_delete(engine);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
