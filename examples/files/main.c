/* main.c: runs the files example natively (it_loader.h): a component whose C core reads files with stdio, given WASI and one directory. */
/* examples/build.mk leaves main.c out of the core modules; the native build
 * (loader/build.mk) compiles it. */
#ifndef __wasm__

#include "it_loader.h"

#include <stdio.h>

/*
 *   build/bin/files_native [ADAPTER_DIR [DATA_DIR]]
 *       (defaults: build/examples/files, examples/files/data)
 *
 * Prints exactly what examples/files/main.js prints in Node
 * (examples/files/expected.txt).
 */

static int fail(it_context *context)
{
    fprintf(stderr, "files: %s\n", it_context_error(context)->message);
    it_context_delete(context);
    return 1;
}

/* Calls `name` with `args` and prints its one result as console.log would.
 * The core module writes to the same stdout directly (WASI's fd 1), so
 * ours is flushed before each call to keep the lines in order. */
static int call(it_component *component, const char *name, const it_value *args, size_t count)
{
    it_func *func;
    it_value result;
    fflush(stdout);
    if (it_component_func(component, name, &func) || it_call(func, args, count, &result, 1))
        return 1;
    if (result.type == IT_S32)
        printf("%d\n", (int)result.of.s32);
    else
        printf("%.*s\n", (int)result.of.string.size, result.of.string.data);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/examples/files";
    const char *data = argc > 2 ? argv[2] : "examples/files/data";
    char adapter_path[4096], preopen[4096];
    snprintf(adapter_path, sizeof adapter_path, "%s/it_notes.wasm", dir);
    snprintf(preopen, sizeof preopen, "%s::/data", data);

    it_context *context;
    if (it_context_new(&context)) {
        fprintf(stderr, "files: out of memory\n");
        return 1;
    }
    /* The core module sees DATA_DIR as /data, and nothing else. */
    const char *dirs[] = { preopen };
    it_wasi_config wasi = { .dir_count = 1, .dirs = dirs };
    it_adapter *adapter;
    it_component *notes;
    if (it_context_set_wasi(context, &wasi) || it_adapter_load(context, adapter_path, &adapter) ||
        it_instantiate(context, adapter, &notes))
        return fail(context);
    it_value name = it_value_cstring("notes.txt");
    it_value find_args[] = { name, it_value_cstring("module") };
    it_value outside = it_value_cstring("../secret.txt");
    if (call(notes, "lineCount", &name, 1) || call(notes, "find", find_args, 2) ||
        call(notes, "lineCount", &outside, 1))
        return fail(context);
    it_context_delete(context);
    return 0;
}

#endif
