/* runtime_example.c: the wrt C API end to end: host function and global, a module from bytes, linking, memory, globals, calls, a trap. */
#include <stdio.h>
#include <string.h>

#include "wrt.h"

/* The module, as wat2wasm writes it for:
 *
 *   (module
 *     (import "env" "add" (func $add (param i32 i32) (result i32)))
 *     (import "env" "base" (global $base i32))
 *     (memory (export "memory") 1)
 *     (global $counter (export "counter") (mut i32) (i32.const 0))
 *     (data (global.get $base) "Hello from wasm")
 *     (func $square (export "square") (param i32) (result i32)
 *       local.get 0 local.get 0 i32.mul)
 *     (func $peek (export "peek") (param i32) (result i32)
 *       local.get 0 i32.load8_u)
 *     (export "add" (func $add)))
 */
static const uint8_t module_bytes[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,             /* header */
    0x01, 0x0c, 0x02, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,       /* types */
    0x60, 0x01, 0x7f, 0x01, 0x7f,
    0x02, 0x17, 0x02, 0x03, 'e', 'n', 'v', 0x03, 'a', 'd',      /* imports */
    'd', 0x00, 0x00, 0x03, 'e', 'n', 'v', 0x04, 'b', 'a', 's',
    'e', 0x03, 0x7f, 0x00,
    0x03, 0x03, 0x02, 0x01, 0x01,                               /* funcs */
    0x05, 0x03, 0x01, 0x00, 0x01,                               /* memory */
    0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b,             /* globals */
    0x07, 0x2a, 0x05, 0x06, 'm', 'e', 'm', 'o', 'r', 'y',       /* exports */
    0x02, 0x00, 0x07, 'c', 'o', 'u', 'n', 't', 'e', 'r', 0x03,
    0x01, 0x06, 's', 'q', 'u', 'a', 'r', 'e', 0x00, 0x01,
    0x04, 'p', 'e', 'e', 'k', 0x00, 0x02, 0x03, 'a', 'd', 'd',
    0x00, 0x00,
    0x0a, 0x11, 0x02, 0x07, 0x00, 0x20, 0x00, 0x20, 0x00,       /* code */
    0x6c, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x2d, 0x00, 0x00,
    0x0b,
    0x0b, 0x15, 0x01, 0x00, 0x23, 0x00, 0x0b, 0x0f, 'H', 'e',   /* data */
    'l', 'l', 'o', ' ', 'f', 'r', 'o', 'm', ' ', 'w', 'a',
    's', 'm',
};

/* A host function: results[] arrive with their types set. */
static wrt_status add(const wrt_host_call *call, const wrt_val *args,
                      wrt_val *results)
{
    int *calls = call->user;
    ++*calls;
    results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
    return WRT_OK;
}

static wrt_name name(const char *text)
{
    wrt_name result = {text, strlen(text)};
    return result;
}

/* Prints what failed (the store keeps the details) and returns 1. */
static int fail(wrt_store *store, const char *what)
{
    const wrt_error *error = wrt_store_error(store);
    fprintf(stderr, "runtime_example: %s: %s\n", what, error->message);
    return 1;
}

int main(void)
{
    int status = 1, calls = 0;
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    wrt_imports *imports = wrt_imports_new();
    wrt_module *module = NULL;
    if (!store || !imports)
        goto done;

    /* 1. Decode and validate. */
    if (wrt_module_new(store, module_bytes, sizeof module_bytes, &module)) {
        status = fail(store, "module");
        goto done;
    }
    printf("module: %zu imports, %zu exports\n",
           wrt_module_import_count(module), wrt_module_export_count(module));

    /* 2. Host objects, defined by name for the imports. */
    static const wrt_valtype two_i32[] = {WRT_I32, WRT_I32}, one_i32[] = {WRT_I32};
    wrt_functype add_type = {2, two_i32, 1, one_i32};
    wrt_globaltype base_type = {WRT_I32, false};
    wrt_val base_value;
    memset(&base_value, 0, sizeof base_value);
    base_value.type = WRT_I32;
    base_value.of.i32 = 16; /* where the data segment goes */
    wrt_extern add_func, base_global;
    add_func.kind = WRT_EXTERN_FUNC;
    base_global.kind = WRT_EXTERN_GLOBAL;
    if (wrt_func_new(store, &add_type, add, &calls, &add_func.of.func) ||
        wrt_global_new(store, &base_type, base_value, &base_global.of.global) ||
        wrt_imports_define(imports, name("env"), name("add"), add_func) ||
        wrt_imports_define(imports, name("env"), name("base"), base_global)) {
        status = fail(store, "host objects");
        goto done;
    }

    /* 3. Instantiate: imports resolved by name, data segment applied. */
    wrt_instance *instance;
    if (wrt_instance_new(store, module, imports, &instance)) {
        status = fail(store, "instantiate");
        goto done;
    }

    /* 4. Memory: the data segment landed at env.base. */
    wrt_extern memory, counter, add_export, square, peek;
    if (wrt_instance_export(instance, name("memory"), &memory) ||
        wrt_instance_export(instance, name("counter"), &counter) ||
        wrt_instance_export(instance, name("add"), &add_export) ||
        wrt_instance_export(instance, name("square"), &square) ||
        wrt_instance_export(instance, name("peek"), &peek)) {
        status = fail(store, "exports");
        goto done;
    }
    char text[16] = {0};
    if (wrt_memory_read(memory.of.memory, 16, text, 15)) {
        status = fail(store, "memory read");
        goto done;
    }
    printf("memory[16..31] = \"%s\" (%u page)\n", text,
           wrt_memory_pages(memory.of.memory));

    /* 5. Globals: read and write an exported mutable global. */
    wrt_val value = wrt_global_get(counter.of.global);
    value.of.i32 += 41;
    if (wrt_global_set(counter.of.global, value)) {
        status = fail(store, "global set");
        goto done;
    }
    printf("counter = %d\n", wrt_global_get(counter.of.global).of.i32);

    /* 6. Call the re-exported host function through the instance. */
    wrt_val args[2], result;
    memset(args, 0, sizeof args);
    args[0].type = args[1].type = WRT_I32;
    args[0].of.i32 = 40;
    args[1].of.i32 = 2;
    if (wrt_func_call(store, add_export.of.func, args, 2, &result, 1)) {
        status = fail(store, "call add");
        goto done;
    }
    printf("add(40, 2) = %d (host called %d time)\n", result.of.i32, calls);

    /* 7. Call a function defined in wasm (compiled by the JIT when the
     * module was made). */
    args[0].of.i32 = 12;
    if (wrt_func_call(store, square.of.func, args, 1, &result, 1)) {
        status = fail(store, "call square");
        goto done;
    }
    printf("square(12) = %d\n", result.of.i32);

    /* 8. A trap is a value: the kind, the wasm function index and the byte
     * offset of the trapping instruction; the store keeps working. */
    args[0].of.i32 = 0x10000; /* one past the end of the 1-page memory */
    if (wrt_func_call(store, peek.of.func, args, 1, &result, 1) != WRT_TRAP) {
        status = fail(store, "call peek");
        goto done;
    }
    const wrt_error *trap = wrt_store_error(store);
    if (trap->trap != WRT_TRAP_MEMORY_OUT_OF_BOUNDS) {
        status = fail(store, "peek trapped with another kind");
        goto done;
    }
    printf("peek(65536): trap: %s (function %u, offset 0x%llx)\n",
           trap->message, trap->func_index, (unsigned long long)trap->offset);
    args[0].of.i32 = 16;
    if (wrt_func_call(store, peek.of.func, args, 1, &result, 1)) {
        status = fail(store, "call peek");
        goto done;
    }
    printf("peek(16) = '%c'\n", result.of.i32);
    status = 0;
done:
    wrt_module_delete(module);
    wrt_imports_delete(imports);
    wrt_store_delete(store); /* frees the instance, host objects, memory */
    wrt_engine_delete(engine);
    return status;
}
