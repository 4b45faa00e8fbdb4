/* wasi_api_test.c: wrt_wasi.h's configuration and exit paths (the WASI functions themselves are tested by the official suite, run.sh). */
#include "../check.h"
#include "read_file.h"
#include "wrt_wasi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static wrt_func *export_func(wrt_instance *instance, const char *name)
{
    wrt_extern object;
    if (wrt_instance_export(instance, (wrt_name){ name, strlen(name) }, &object) || object.kind != WRT_EXTERN_FUNC)
        return NULL;
    return object.of.func;
}

/* Usage: wasi_api_test API.wasm (tests/wasi/api.wat) */
int main(int argc, char **argv)
{
    size_t module_size = 0;
    uint8_t *module_bytes = argc == 2 ? read_file(argv[1], &module_size) : NULL;
    if (!module_bytes) {
        fprintf(stderr, "usage: wasi_api_test API.wasm (%s)\n", argc == 2 ? read_file_strerror(errno) : "no file");
        return 2;
    }
    wrt_wasi *wasi = wrt_wasi_new();
    check(wasi != NULL, "wrt_wasi_new");
    if (!wasi)
        return 1;
    uint32_t code = 99;
    check(!wrt_wasi_exit_code(wasi, &code) && code == 99, "no exit before running");

    const char *bad_env[] = { "GOOD=1", "NOEQUALS" };
    check(wrt_wasi_set_env(wasi, 2, bad_env) == WRT_ERR_ARGUMENT &&
              strstr(wrt_wasi_message(wasi), "'NOEQUALS' is not NAME=VALUE"),
          "an environment entry without '=' is refused, by name");
    const char *empty_name[] = { "=x" };
    check(wrt_wasi_set_env(wasi, 1, empty_name) == WRT_ERR_ARGUMENT, "an empty variable name is refused");
    check(wrt_wasi_preopen(wasi, "/nonexistent/dir", "/d") == WRT_ERR_ARGUMENT &&
              strstr(wrt_wasi_message(wasi), "cannot open directory '/nonexistent/dir'"),
          "a missing directory is refused, by name");
    check(wrt_wasi_preopen(wasi, "/dev/null", "/d") == WRT_ERR_ARGUMENT &&
              strstr(wrt_wasi_message(wasi), "Not a directory"),
          "a file is not a directory");
    check(wrt_wasi_set_stdio(wasi, 0, -1, 2) == WRT_OK, "stdout closed");

    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = wrt_store_new(engine);
    wrt_imports *imports = wrt_imports_new();
    wrt_module *module = NULL;
    wrt_instance *instance = NULL;
    check(wrt_wasi_define(wasi, store, imports) == WRT_OK && wrt_wasi_define(wasi, store, imports) == WRT_OK,
          "define, twice for one store");
    check(wrt_module_new(store, module_bytes, module_size, &module) == WRT_OK &&
              wrt_instance_new(store, module, imports, &instance) == WRT_OK,
          "a module importing WASI instantiates");
    wrt_func *write = instance ? export_func(instance, "write") : NULL, *start = instance ? export_func(instance, "_start") : NULL;
    wrt_val arg = { .type = WRT_I32, .of.i32 = 1 }, result;
    check(write && wrt_func_call(store, write, &arg, 1, &result, 1) == WRT_OK && result.of.i32 == 8,
          "fd_write to a closed stdout: EBADF (8)");
    arg.of.i32 = 1000;
    check(write && wrt_func_call(store, write, &arg, 1, &result, 1) == WRT_OK && result.of.i32 == 8,
          "fd_write to a fd never opened: EBADF");
    check(start && wrt_func_call(store, start, NULL, 0, NULL, 0) == WRT_TRAP &&
              wrt_store_error(store)->trap == WRT_TRAP_HOST,
          "proc_exit traps");
    check(wrt_wasi_exit_code(wasi, &code) && code == 7, "proc_exit(7) recorded");

    /* Preopens start at fd 3 even with stdio closed (wasi-libc looks there). */
    wrt_func *prestat = instance ? export_func(instance, "prestat") : NULL;
    arg.of.i32 = 3;
    check(prestat && wrt_func_call(store, prestat, &arg, 1, &result, 1) == WRT_OK && result.of.i32 == 8,
          "no preopen yet: fd 3 is EBADF");

    /* A second store gets its own functions, from the same object. */
    wrt_store *other = wrt_store_new(engine);
    wrt_imports *other_imports = wrt_imports_new();
    wrt_instance *other_instance = NULL;
    check(wrt_wasi_define(wasi, other, other_imports) == WRT_OK &&
              wrt_instance_new(other, module, other_imports, &other_instance) == WRT_OK,
          "define for a second store");

    /* Every stdio fd closed, then a directory: it is fd 3, not 0. */
    wrt_wasi *closed = wrt_wasi_new();
    wrt_store *third = wrt_store_new(engine);
    wrt_imports *third_imports = wrt_imports_new();
    wrt_instance *third_instance = NULL;
    check(closed && wrt_wasi_set_stdio(closed, -1, -1, -1) == WRT_OK && wrt_wasi_preopen(closed, ".", "/") == WRT_OK &&
              wrt_wasi_define(closed, third, third_imports) == WRT_OK &&
              wrt_instance_new(third, module, third_imports, &third_instance) == WRT_OK,
          "a wasi with stdio closed and one directory");
    prestat = third_instance ? export_func(third_instance, "prestat") : NULL;
    arg.of.i32 = 3;
    check(prestat && wrt_func_call(third, prestat, &arg, 1, &result, 1) == WRT_OK && result.of.i32 == 0,
          "the preopen is fd 3 with stdio closed");
    arg.of.i32 = 0;
    check(prestat && wrt_func_call(third, prestat, &arg, 1, &result, 1) == WRT_OK && result.of.i32 == 8,
          "fd 0, closed: EBADF");
    wrt_imports_delete(third_imports);
    wrt_store_delete(third);
    wrt_wasi_delete(closed);

    wrt_imports_delete(imports);
    wrt_imports_delete(other_imports);
    wrt_module_delete(module);
    wrt_store_delete(store);
    wrt_store_delete(other);
    wrt_engine_delete(engine);
    wrt_wasi_delete(wasi);
    free(module_bytes);
    return check_summary();
}
