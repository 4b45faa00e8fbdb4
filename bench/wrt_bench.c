/* wrt_bench.c: times compilation and run(n) of one kernel's .wasm in our engine, through the public wrt.h API. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_stats.h"
#include "wrt.h"
#include "read_file.h"

/*
 * wrt_bench FILE.wasm N RUNS WARMUP
 * wrt_bench --compile-only FILE.wasm RUNS
 *
 * Prints one line of key=value pairs for bench/run.js, exit status 0:
 *
 *   compile_ms=<ms> code_bytes=<n> code_mb_per_s=<MB/s> instantiate_ms=<ms>
 *   checksum=<i64> median_ms=<ms> runs_ms=<ms>,... cpu_median_ms=<ms>
 *   cpu_runs_ms=<ms>,...
 *
 * (only the first three with --compile-only: the module may have imports).
 * compile_ms is the median over RUNS of wrt_module_new (decode, validate
 * and whatever compilation the engine does there); MB/s is the code
 * section's size over that time. A failure (file, malformed module, trap,
 * different checksums) ends the line with error=<stage>: <message>, exit
 * status 1; that key is always last: its value is the rest of the line.
 *
 * With WRT_BENCH_PERF_MAP=1 in the environment it also writes
 * /tmp/perf-PID.map (perf's map of JIT code: "START SIZE NAME" per
 * function, the name section's name or wasm-function[INDEX]), so that
 * `perf record` / `perf report` name the generated functions:
 *
 *   WRT_BENCH_PERF_MAP=1 perf record -o perf.data build/bench/wrt_bench K.wasm N 3 1
 *   perf report -i perf.data --sort symbol
 *
 * (perf annotate cannot read code out of a map; `wrun K.wasm --disasm
 * FUNC` prints it, at the offsets `perf script -F ip,sym --show-mmap-events`
 * gives.) The map is not deleted: perf reads it after the process ends.
 */

typedef enum wrt_bench_exit {
    WRT_BENCH_OK = 0,
    WRT_BENCH_FAILED = 1,
    WRT_BENCH_USAGE = 2
} wrt_bench_exit;

/* The size of the code section (id 10): section headers only; 0 if the
 * module has none or the headers are cut short. */
static uint64_t wrt_bench_code_section_size(const uint8_t *bytes, size_t size)
{
    size_t offset = 8;
    while (offset < size) {
        uint8_t id = bytes[offset++];
        uint64_t section_size = 0;
        unsigned shift = 0;
        uint8_t byte;
        do {
            if (offset >= size || shift > 63)
                return 0;
            byte = bytes[offset++];
            section_size |= (uint64_t)(byte & 0x7f) << shift;
            shift += 7;
        } while (byte & 0x80);
        if (id == 10)
            return section_size;
        if (section_size > size - offset)
            return 0;
        offset += (size_t)section_size;
    }
    return 0;
}

/* Prints the store's last error as error=... and returns the exit status. */
static wrt_bench_exit wrt_bench_report(const wrt_store *store,
                                       wrt_status status, const char *stage)
{
    const wrt_error *error = wrt_store_error(store);
    const char *message = error->status == status ? error->message
                                                  : wrt_status_message(status);
    printf("error=%s: %s\n", stage, message);
    return WRT_BENCH_FAILED;
}

/* Finds the export "run" and checks it is a function (i64) -> i64. */
static wrt_status wrt_bench_find_run(wrt_instance *instance, wrt_func **out)
{
    wrt_extern object;
    wrt_name name = {"run", 3};
    wrt_status status = wrt_instance_export(instance, name, &object);
    if (status)
        return status;
    if (object.kind != WRT_EXTERN_FUNC)
        return WRT_ERR_TYPE_MISMATCH;
    const wrt_functype *type = wrt_func_type(object.of.func);
    if (type->param_count != 1 || type->params[0] != WRT_I64 ||
        type->result_count != 1 || type->results[0] != WRT_I64)
        return WRT_ERR_TYPE_MISMATCH;
    *out = object.of.func;
    return WRT_OK;
}

/* Writes /tmp/perf-PID.map for the functions of `module` (see the top of
 * the file); returns 0 if it could not be written. */
static int wrt_bench_write_perf_map(const wrt_module *module)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%ld.map", (long)getpid());
    FILE *map = fopen(path, "w");
    if (!map)
        return 0;
    size_t count = wrt_module_func_count(module);
    for (uint32_t index = 0; index < count; index++) {
        wrt_func_code code;
        if (wrt_module_func_code(module, index, &code) != WRT_OK)
            continue; /* an import */
        free(code.positions);
        wrt_name name = wrt_module_func_name(module, index);
        fprintf(map, "%" PRIxPTR " %zx ", (uintptr_t)code.code, code.size);
        if (name.data && name.size)
            fprintf(map, "%.*s\n", (int)name.size, name.data);
        else
            fprintf(map, "wasm-function[%" PRIu32 "]\n", index);
    }
    return fclose(map) == 0;
}

/* Times RUNS compilations of `bytes`; returns the last module in *out. */
static wrt_status wrt_bench_compile(wrt_store *store, const uint8_t *bytes,
                                    size_t size, int runs, double *median_ms,
                                    wrt_module **out)
{
    double times_ms[BENCH_MAX_RUNS];
    wrt_module *module = NULL;
    for (int i = 0; i < runs; i++) {
        wrt_module_delete(module);
        module = NULL;
        double start = bench_now_ms();
        wrt_status status = wrt_module_new(store, bytes, size, &module);
        times_ms[i] = bench_now_ms() - start;
        if (status)
            return status;
    }
    *median_ms = bench_median(times_ms, runs);
    *out = module;
    return WRT_OK;
}

/* Calls run(n) WARMUP times, then RUNS times timed; checks every call
 * returns the same checksum. Prints the result line on success. */
static wrt_bench_exit wrt_bench_calls(wrt_store *store, wrt_func *run,
                                      const bench_args *args)
{
    wrt_val arg = {.type = WRT_I64, .of.i64 = args->n};
    wrt_val result;
    int64_t checksum = 0;
    double wall_ms[BENCH_MAX_RUNS], cpu_ms[BENCH_MAX_RUNS];
    for (int i = 0; i < args->warmup + args->runs; i++) {
        double start = bench_now_ms(), cpu_start = bench_cpu_now_ms();
        wrt_status status = wrt_func_call(store, run, &arg, 1, &result, 1);
        double cpu_elapsed = bench_cpu_now_ms() - cpu_start;
        double elapsed = bench_now_ms() - start;
        if (status)
            return wrt_bench_report(store, status, "call run");
        if (i > 0 && result.of.i64 != checksum) {
            printf("error=call run: run(%" PRId64 ") returned %" PRId64
                   " after %" PRId64 "\n",
                   args->n, result.of.i64, checksum);
            return WRT_BENCH_FAILED;
        }
        checksum = result.of.i64;
        if (i >= args->warmup) {
            wall_ms[i - args->warmup] = elapsed;
            cpu_ms[i - args->warmup] = cpu_elapsed;
        }
    }
    printf("checksum=%" PRId64 " ", checksum);
    bench_print_times(wall_ms, cpu_ms, args->runs);
    printf("\n");
    return WRT_BENCH_OK;
}

/* Parses "FILE.wasm N RUNS WARMUP" or "--compile-only FILE.wasm RUNS". */
static int wrt_bench_parse_command_line(int argc, char **argv,
                                        const char **path, bench_args *args,
                                        int *compile_only)
{
    *compile_only = argc == 4 && strcmp(argv[1], "--compile-only") == 0;
    if (*compile_only) {
        char zero[] = "0";
        char *numbers[] = {zero, argv[3], zero};
        *path = argv[2];
        return bench_parse_args(3, numbers, args);
    }
    *path = argv[1];
    return argc != 5 || bench_parse_args(argc - 2, argv + 2, args);
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    bench_args args;
    int compile_only = 0;
    if (wrt_bench_parse_command_line(argc, argv, &path, &args, &compile_only)) {
        fprintf(stderr,
                "usage: %s FILE.wasm N RUNS WARMUP\n"
                "       %s --compile-only FILE.wasm RUNS\n",
                argv[0], argv[0]);
        return WRT_BENCH_USAGE;
    }
    size_t size = 0;
    uint8_t *bytes = read_file(path, &size);
    if (!bytes) {
        printf("error=%s: cannot read the file\n", path);
        return WRT_BENCH_FAILED;
    }
    wrt_bench_exit exit_status = WRT_BENCH_FAILED;
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    wrt_module *module = NULL;
    wrt_instance *instance = NULL;
    wrt_func *run = NULL;
    double compile_ms = 0;
    wrt_status status;
    if (!store) {
        printf("error=%s: out of memory\n", path);
        goto done;
    }
    if ((status = wrt_bench_compile(store, bytes, size, args.runs, &compile_ms,
                                    &module))) {
        exit_status = wrt_bench_report(store, status, "compile");
        goto done;
    }
    uint64_t code_bytes = wrt_bench_code_section_size(bytes, size);
    printf("compile_ms=%.3f code_bytes=%" PRIu64 " code_mb_per_s=%.1f ",
           compile_ms, code_bytes,
           compile_ms > 0 ? (double)code_bytes / 1e6 / (compile_ms / 1e3) : 0.0);
    const char *perf_map = getenv("WRT_BENCH_PERF_MAP");
    if (perf_map && strcmp(perf_map, "1") == 0 && !wrt_bench_write_perf_map(module)) {
        printf("error=perf map: cannot write /tmp/perf-%ld.map\n", (long)getpid());
        goto done;
    }
    if (compile_only) {
        printf("\n");
        exit_status = WRT_BENCH_OK;
        goto done;
    }
    double start = bench_now_ms();
    status = wrt_instance_new(store, module, NULL, &instance);
    printf("instantiate_ms=%.3f ", bench_now_ms() - start);
    if (status) {
        exit_status = wrt_bench_report(store, status, "instantiate");
        goto done;
    }
    if ((status = wrt_bench_find_run(instance, &run))) {
        printf("error=%s: no export \"run\" of type (i64) -> i64\n", path);
        goto done;
    }
    exit_status = wrt_bench_calls(store, run, &args);
done:
    wrt_module_delete(module);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    free(bytes);
    return exit_status;
}
