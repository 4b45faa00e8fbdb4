/* wasi_run.c: runs a WASI command module on wrt with a minimal, deterministic WASI preview1 shim, for tests; wasi_run.js does the same on node and prints the same bytes. */

/*
 * This is a test shim, not WASI: stdio only, no files, argv = ["prog"], an
 * empty environment, a clock that never moves and a fixed random stream, so
 * that a program's output depends on the program alone: that is what a
 * differential test needs, and why this stays beside the real WASI
 * (runtime/wasi, whose clocks and random are the host's). Keep it small and
 * in step with wasi_run.js (the two must print exactly the same thing).
 *
 *   wasi_run MODULE.wasm                 call _start
 *   wasi_run MODULE.wasm --invoke NAME   call _initialize if exported, then
 *                                        NAME (no params, returns i32)
 *
 * Prints the program's fd 1 bytes on stdout (fd 2 goes to stderr), then one
 * final line (after a newline if the output did not end with one):
 * `exit N` (proc_exit(N), or 0 when _start returns), `result N` (--invoke)
 * or `trap KIND` with runtime/fuzz/diff/trap_kind.c's merged kinds; the
 * trap's details go to stderr. Exit status 0 when the module ran, whatever
 * the outcome; 1 when it cannot be read, compiled or instantiated, or the
 * export is missing; 2 for a usage error.
 */
#include "read_file.h"
#include "trap_kind.h"
#include "wrt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    WASI_SUCCESS = 0,
    WASI_EBADF = 8,
    WASI_EFAULT = 21,
    WASI_EINVAL = 28,
    WASI_ESPIPE = 70,
    WASI_FILETYPE_CHARACTER_DEVICE = 2,
    WASI_RIGHT_FD_READ = 1 << 1,
    WASI_RIGHT_FD_WRITE = 1 << 6,
};

/* 2023-11-14T22:13:20Z in nanoseconds, for every clock. */
#define WASI_FIXED_TIME 1700000000000000000ULL

/* What the shim remembers across calls (the user pointer of every import). */
typedef struct wasi_state {
    bool exited;            /* proc_exit was called */
    uint32_t exit_code;
    uint32_t random_state;  /* random_get's generator */
    bool at_line_start;     /* the last byte written to fd 1 was '\n' (or none) */
} wasi_state;

static wasi_state state = {false, 0, 0x12345678u, true};

/* ------------------------------------------------------ guest memory */

/* The caller's exported memory as [*base, *base + *size), or false when the
 * module exports none (every WASI call then fails with EFAULT). */
static bool guest_memory(const wrt_host_call *call, uint8_t **base, uint64_t *size)
{
    wrt_name name = {"memory", 6};
    wrt_extern memory;
    if (!call->caller || wrt_instance_export(call->caller, name, &memory) ||
        memory.kind != WRT_EXTERN_MEMORY)
        return false;
    *base = wrt_memory_data(memory.of.memory);
    *size = wrt_memory_size(memory.of.memory);
    return true;
}

/* A pointer to guest bytes [address, address + length), or NULL if any of
 * them is outside the memory. */
static uint8_t *guest_bytes(const wrt_host_call *call, int32_t address, uint64_t length)
{
    uint8_t *base;
    uint64_t size;
    if (!guest_memory(call, &base, &size) || (uint32_t)address > size ||
        length > size - (uint32_t)address)
        return NULL;
    return base + (uint32_t)address;
}

/* Stores a little-endian u32/u64 at a guest address; false if out of bounds. */
static bool guest_store_u32(const wrt_host_call *call, int32_t address, uint32_t value)
{
    uint8_t *p = guest_bytes(call, address, 4);
    if (p)
        memcpy(p, &value, 4);
    return p != NULL;
}

static bool guest_store_u64(const wrt_host_call *call, int32_t address, uint64_t value)
{
    uint8_t *p = guest_bytes(call, address, 8);
    if (p)
        memcpy(p, &value, 8);
    return p != NULL;
}

/* ------------------------------------------------ the WASI functions */

/* Every function below returns the WASI errno as its i32 result, except
 * proc_exit. Arguments are the wasm values in order. */
static wrt_status wasi_return(wrt_val *results, int32_t error)
{
    results[0].of.i32 = error;
    return WRT_OK;
}

/* fd_write(fd, iovs, iovs_len, nwritten): fds 1 and 2 only. Every iovec and
 * the buffer it names is checked before anything is written. */
static wrt_status wasi_fd_write(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    int32_t fd = args[0].of.i32, iovs = args[1].of.i32;
    uint32_t count = (uint32_t)args[2].of.i32;
    if (fd != 1 && fd != 2)
        return wasi_return(results, WASI_EBADF);
    const uint8_t *vectors = guest_bytes(call, iovs, (uint64_t)count * 8);
    if (!vectors)
        return wasi_return(results, WASI_EFAULT);
    uint32_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < count; i++) {
            uint32_t buffer, length;
            memcpy(&buffer, vectors + 8 * i, 4);
            memcpy(&length, vectors + 8 * i + 4, 4);
            const uint8_t *bytes = guest_bytes(call, (int32_t)buffer, length);
            if (!bytes)
                return wasi_return(results, WASI_EFAULT);
            if (pass == 0 || length == 0)
                continue;
            fwrite(bytes, 1, length, fd == 1 ? stdout : stderr);
            if (fd == 1)
                state.at_line_start = bytes[length - 1] == '\n';
            total += length;
        }
    }
    if (!guest_store_u32(call, args[3].of.i32, total))
        return wasi_return(results, WASI_EFAULT);
    return wasi_return(results, WASI_SUCCESS);
}

/* fd_read(fd, iovs, iovs_len, nread): fd 0 is always at end of file. */
static wrt_status wasi_fd_read(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    if (args[0].of.i32 != 0)
        return wasi_return(results, WASI_EBADF);
    if (!guest_store_u32(call, args[3].of.i32, 0))
        return wasi_return(results, WASI_EFAULT);
    return wasi_return(results, WASI_SUCCESS);
}

static bool is_stdio(int32_t fd)
{
    return fd >= 0 && fd <= 2;
}

/* fd_close(fd): closing stdio succeeds and changes nothing. */
static wrt_status wasi_fd_close(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    return wasi_return(results, is_stdio(args[0].of.i32) ? WASI_SUCCESS : WASI_EBADF);
}

/* fd_seek(fd, offset, whence, newoffset), fd_tell(fd, offset): stdio is a
 * pipe. */
static wrt_status wasi_fd_seek(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    return wasi_return(results, is_stdio(args[0].of.i32) ? WASI_ESPIPE : WASI_EBADF);
}

/* fd_fdstat_get(fd, stat): 0-2 are character devices that cannot seek, so
 * wasi-libc takes them for terminals (stdout is line-buffered). */
static wrt_status wasi_fd_fdstat_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    int32_t fd = args[0].of.i32;
    if (!is_stdio(fd))
        return wasi_return(results, WASI_EBADF);
    uint8_t *stat = guest_bytes(call, args[1].of.i32, 24);
    if (!stat)
        return wasi_return(results, WASI_EFAULT);
    uint64_t rights = fd == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE;
    memset(stat, 0, 24);
    stat[0] = WASI_FILETYPE_CHARACTER_DEVICE;
    memcpy(stat + 8, &rights, 8);
    return wasi_return(results, WASI_SUCCESS);
}

/* fd_prestat_get, fd_prestat_dir_name: there are no preopened directories. */
static wrt_status wasi_no_preopens(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    return wasi_return(results, WASI_EBADF);
}

static const char program_name[] = "prog";

/* args_sizes_get(argc, argv_buf_size): argv is ["prog"]. */
static wrt_status wasi_args_sizes_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    if (!guest_store_u32(call, args[0].of.i32, 1) ||
        !guest_store_u32(call, args[1].of.i32, sizeof program_name))
        return wasi_return(results, WASI_EFAULT);
    return wasi_return(results, WASI_SUCCESS);
}

/* args_get(argv, argv_buf) */
static wrt_status wasi_args_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    uint8_t *buffer = guest_bytes(call, args[1].of.i32, sizeof program_name);
    if (!buffer || !guest_store_u32(call, args[0].of.i32, (uint32_t)args[1].of.i32))
        return wasi_return(results, WASI_EFAULT);
    memcpy(buffer, program_name, sizeof program_name);
    return wasi_return(results, WASI_SUCCESS);
}

/* environ_sizes_get(count, buf_size), environ_get(environ, buf): empty. */
static wrt_status wasi_environ_sizes_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    if (!guest_store_u32(call, args[0].of.i32, 0) || !guest_store_u32(call, args[1].of.i32, 0))
        return wasi_return(results, WASI_EFAULT);
    return wasi_return(results, WASI_SUCCESS);
}

static wrt_status wasi_environ_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    return wasi_return(results, WASI_SUCCESS);
}

/* clock_time_get(id, precision, time): every clock (ids 0-3) reads the same
 * fixed time. */
static wrt_status wasi_clock_time_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    if ((uint32_t)args[0].of.i32 > 3)
        return wasi_return(results, WASI_EINVAL);
    if (!guest_store_u64(call, args[2].of.i32, WASI_FIXED_TIME))
        return wasi_return(results, WASI_EFAULT);
    return wasi_return(results, WASI_SUCCESS);
}

/* random_get(buf, len): the top bytes of a 32-bit LCG, one stream for the
 * whole run. */
static wrt_status wasi_random_get(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    uint32_t length = (uint32_t)args[1].of.i32;
    uint8_t *bytes = guest_bytes(call, args[0].of.i32, length);
    if (!bytes)
        return wasi_return(results, WASI_EFAULT);
    for (uint32_t i = 0; i < length; i++) {
        state.random_state = state.random_state * 1103515245u + 12345u;
        bytes[i] = (uint8_t)(state.random_state >> 24);
    }
    return wasi_return(results, WASI_SUCCESS);
}

/* proc_exit(code): unwinds the program as a host trap; main tells it from a
 * real trap by state.exited. */
static wrt_status wasi_proc_exit(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    state.exited = true;
    state.exit_code = (uint32_t)args[0].of.i32;
    return wrt_host_trap(call, "proc_exit");
}

/* Any import the shim does not provide (or provides with another type):
 * the module still instantiates; calling it traps. `user` is its name. */
static wrt_status unsupported_import(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    char message[300];
    snprintf(message, sizeof message, "unsupported import %s called", (const char *)call->user);
    fprintf(stderr, "wasi_run: %s\n", message);
    return wrt_host_trap(call, message);
}

/* The shim's functions, by name, with their wasm types: parameters, ':',
 * results; i = i32, I = i64. */
static const struct wasi_function {
    const char *name;
    const char *signature;
    wrt_host_callback callback;
} wasi_functions[] = {
    {"args_get", "ii:i", wasi_args_get},
    {"args_sizes_get", "ii:i", wasi_args_sizes_get},
    {"clock_time_get", "iIi:i", wasi_clock_time_get},
    {"environ_get", "ii:i", wasi_environ_get},
    {"environ_sizes_get", "ii:i", wasi_environ_sizes_get},
    {"fd_close", "i:i", wasi_fd_close},
    {"fd_fdstat_get", "ii:i", wasi_fd_fdstat_get},
    {"fd_prestat_dir_name", "iii:i", wasi_no_preopens},
    {"fd_prestat_get", "ii:i", wasi_no_preopens},
    {"fd_read", "iiii:i", wasi_fd_read},
    {"fd_seek", "iIii:i", wasi_fd_seek},
    {"fd_tell", "ii:i", wasi_fd_seek},
    {"fd_write", "iiii:i", wasi_fd_write},
    {"proc_exit", "i:", wasi_proc_exit},
    {"random_get", "ii:i", wasi_random_get},
};

static bool name_is(wrt_name name, const char *s)
{
    return name.size == strlen(s) && memcmp(name.data, s, name.size) == 0;
}

static char valtype_letter(wrt_valtype type)
{
    return type == WRT_I32 ? 'i' : type == WRT_I64 ? 'I' : '?';
}

/* The signature string of `type`, as in wasi_functions (cut at `size`). */
static void signature_of(const wrt_functype *type, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < type->param_count && n + 2 < size; i++)
        out[n++] = valtype_letter(type->params[i]);
    out[n++] = ':';
    for (size_t i = 0; i < type->result_count && n + 1 < size; i++)
        out[n++] = valtype_letter(type->results[i]);
    out[n] = '\0';
}

/* The callback for import `d`: the shim's function if the module and name
 * and type match, else unsupported_import. */
static wrt_host_callback wasi_callback(const wrt_import_desc *d)
{
    char signature[64];
    if (!name_is(d->module, "wasi_snapshot_preview1"))
        return unsupported_import;
    signature_of(&d->type.of.func, signature, sizeof signature);
    for (size_t i = 0; i < sizeof wasi_functions / sizeof wasi_functions[0]; i++)
        if (name_is(d->name, wasi_functions[i].name))
            return strcmp(signature, wasi_functions[i].signature) == 0 ? wasi_functions[i].callback
                                                                       : unsupported_import;
    return unsupported_import;
}

/* ------------------------------------------------------------- main */

static const char *module_path;

static int fail(const char *what, const char *detail)
{
    fprintf(stderr, "wasi_run: %s: error: %s%s\n", module_path, what, detail);
    return 1;
}

/* Ends the output with `trap KIND`, or `exit N` when the trap was proc_exit;
 * the trap's message and location go to stderr. */
static void print_trap(wrt_store *store)
{
    const wrt_error *e = wrt_store_error(store);
    if (!state.at_line_start)
        putchar('\n');
    if (state.exited) {
        printf("exit %u\n", state.exit_code);
        return;
    }
    printf("trap %s\n", trap_kind_name(e->trap));
    fprintf(stderr, "wasi_run: trap: %s", e->message);
    if (e->func_index != WRT_NO_INDEX)
        fprintf(stderr, " (function %u, offset 0x%llx)", e->func_index,
                (unsigned long long)e->offset);
    fprintf(stderr, "\n");
}

/* Calls export `name`, which must have type [] -> [] (results 0) or
 * [] -> [i32] (results 1). Sets *returned if it returned (the caller prints
 * the final line), else prints the final line itself (it trapped or exited).
 * Returns main's exit status: 0, or 1 after an error message. */
static int call_export(wrt_store *store, wrt_instance *instance, const char *name,
                       size_t results, wrt_val *result, bool *returned)
{
    wrt_name export_name = {name, strlen(name)};
    wrt_extern e;
    *returned = false;
    if (wrt_instance_export(instance, export_name, &e) || e.kind != WRT_EXTERN_FUNC)
        return fail("no exported function named ", name);
    const wrt_functype *type = wrt_func_type(e.of.func);
    if (type->param_count != 0 || type->result_count != results ||
        (results == 1 && type->results[0] != WRT_I32))
        return fail(results ? "export must take no parameters and return i32: "
                            : "export must take no parameters and return nothing: ",
                    name);
    if (wrt_func_call(store, e.of.func, NULL, 0, result, results) == WRT_OK) {
        *returned = true;
        return 0;
    }
    if (wrt_store_error(store)->status != WRT_TRAP)
        return fail("call failed: ", wrt_store_error(store)->message);
    print_trap(store);
    return 0;
}

int main(int argc, char **argv)
{
    const char *invoke = NULL;
    if (argc == 4 && strcmp(argv[2], "--invoke") == 0)
        invoke = argv[3];
    else if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: wasi_run MODULE.wasm [--invoke NAME]\n");
        return 2;
    }
    module_path = argv[1];
    size_t size;
    uint8_t *bytes = read_file(module_path, &size);
    if (!bytes)
        return fail("cannot read: ", read_file_strerror(errno));
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);

    int status = 1;
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    wrt_imports *imports = wrt_imports_new();
    wrt_module *module = NULL;
    char (*names)[256] = NULL;
    if (!store || !imports) {
        status = fail("out of memory", "");
        goto done;
    }
    if (wrt_module_new(store, bytes, size, &module)) {
        status = fail(wrt_store_error(store)->message, "");
        goto done;
    }
    size_t import_count = wrt_module_import_count(module);
    names = calloc(import_count + 1, sizeof *names);
    if (!names) {
        status = fail("out of memory", "");
        goto done;
    }
    for (size_t i = 0; i < import_count; i++) {
        wrt_import_desc d;
        wrt_module_import(module, i, &d);
        if (d.type.kind != WRT_EXTERN_FUNC)
            continue; /* wrt_instance_new reports it as unknown */
        snprintf(names[i], sizeof names[i], "%.*s.%.*s", (int)d.module.size, d.module.data,
                 (int)d.name.size, d.name.data);
        wrt_extern func = {WRT_EXTERN_FUNC, {0}};
        if (wrt_func_new(store, &d.type.of.func, wasi_callback(&d), names[i], &func.of.func) ||
            wrt_imports_define(imports, d.module, d.name, func)) {
            status = fail(wrt_store_error(store)->message, "");
            goto done;
        }
    }
    wrt_instance *instance;
    if (wrt_instance_new(store, module, imports, &instance)) {
        if (wrt_store_error(store)->status == WRT_TRAP) {
            print_trap(store);
            status = 0;
        } else {
            status = fail("cannot instantiate: ", wrt_store_error(store)->message);
        }
        goto done;
    }

    bool returned;
    wrt_val result;
    wrt_extern initialize;
    wrt_name initialize_name = {"_initialize", 11};
    if (invoke && wrt_instance_export(instance, initialize_name, &initialize) == WRT_OK) {
        status = call_export(store, instance, "_initialize", 0, &result, &returned);
        if (!returned)
            goto done;
    }
    status = call_export(store, instance, invoke ? invoke : "_start", invoke ? 1 : 0, &result,
                         &returned);
    if (returned && !state.at_line_start)
        putchar('\n');
    if (returned && invoke)
        printf("result %d\n", result.of.i32);
    else if (returned)
        printf("exit 0\n");

done:
    fflush(stdout);
    free(names);
    if (module)
        wrt_module_delete(module);
    if (imports)
        wrt_imports_delete(imports);
    if (store)
        wrt_store_delete(store);
    if (engine)
        wrt_engine_delete(engine);
    free(bytes);
    return status;
}
