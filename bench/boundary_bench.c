/* boundary_bench.c: the cost of one call from C into an adapted export (it_loader.h), against a plain core call (wrt.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "it_loader.h"
#include "wrt.h"

/*
 * boundary_bench EXAMPLES_DIR CALLS RUNS [CASE]   (CASE: only that one, for perf)
 *
 * EXAMPLES_DIR is $(BUILD)/examples (fizzbuzz/ and strings/ built). Each
 * case makes CALLS calls in a row, RUNS times after one untimed warm-up
 * round, and reports the median CPU time of a round divided by CALLS, in ns
 * per call. One line for bench/run.js (bench/boundary_bench.js prints the
 * same keys from Node):
 *
 *   core_isFizz=<ns> isFizz=<ns> fizzStr=<ns> utf8Length_1k=<ns>
 *   countCodePoints_1k=<ns> spread=<worst (max-min)/median>
 *
 *   core_isFizz         fizz.wasm's own isFizz export, (i32) -> i32, called
 *                       with wrt_func_call: the engine's plain call, the
 *                       reference (same process, same engine)
 *   isFizz              it_fizz.wasm's isFizz through it_call: s32 -> u1
 *   fizzStr             () -> string, a 4-byte string made by wasm code
 *                       (mem_to_string) and handed back to C
 *   utf8Length_1k       strings.utf8Length(string) -> u32 with a 1 KiB
 *                       argument: the string crosses (UTF-8 check, host
 *                       string) and the adapter only asks its length
 *   countCodePoints_1k  the same string also copied into the core module's
 *                       memory (string_to_mem) and counted there
 *
 * A failure prints error=<what> and exits with status 1.
 */

#define BOUNDARY_MAX_RUNS 50
#define STRING_BYTES 1024

typedef struct boundary_case {
    const char *key;
    it_func *func; /* NULL: the core call */
    it_value arg;
    size_t arg_count;
    size_t result_count;
} boundary_case;

static int boundary_fail(const char *what, const char *message)
{
    printf("error=%s: %s\n", what, message);
    return 1;
}

/* Reads a whole file; NULL on failure. */
static uint8_t *boundary_read(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    uint8_t *bytes = NULL;
    if (fseek(file, 0, SEEK_END) == 0) {
        long length = ftell(file);
        if (length >= 0 && fseek(file, 0, SEEK_SET) == 0 &&
            (bytes = malloc((size_t)length + 1)) &&
            fread(bytes, 1, (size_t)length, file) != (size_t)length) {
            free(bytes);
            bytes = NULL;
        }
        *size = length >= 0 ? (size_t)length : 0;
    }
    fclose(file);
    return bytes;
}

/* One round of `calls` calls of a case; non-zero if a call failed. */
static int boundary_round(const boundary_case *c, wrt_store *store,
                          wrt_func *core, long calls, unsigned *sink)
{
    if (!c->func) {
        wrt_val arg = {.type = WRT_I32}, result;
        for (long i = 0; i < calls; i++) {
            arg.of.i32 = (int32_t)i;
            if (wrt_func_call(store, core, &arg, 1, &result, 1)) return 1;
            *sink += (unsigned)result.of.i32;
        }
        return 0;
    }
    it_value arg = c->arg, result;
    for (long i = 0; i < calls; i++) {
        if (c->arg.type == IT_S32) arg.of.s32 = (int32_t)i;
        if (it_call(c->func, &arg, c->arg_count, &result, c->result_count)) return 1;
        *sink += result.type == IT_STRING ? (unsigned)result.of.string.size
                                          : result.type == IT_U1 ? result.of.u1
                                                                 : result.of.u32;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long calls = argc == 4 || argc == 5 ? strtol(argv[2], NULL, 10) : 0;
    int runs = argc == 4 || argc == 5 ? atoi(argv[3]) : 0;
    const char *only = argc == 5 ? argv[4] : NULL;
    if (calls < 1 || runs < 1 || runs > BOUNDARY_MAX_RUNS) {
        fprintf(stderr, "usage: %s EXAMPLES_DIR CALLS RUNS [CASE] (RUNS 1..%d)\n", argv[0],
                BOUNDARY_MAX_RUNS);
        return 2;
    }
    const char *dir = argv[1];
    char path[1024];
    int status = 1;
    it_context *context = NULL;
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = engine ? wrt_store_new(engine) : NULL;
    wrt_module *module = NULL;
    wrt_instance *instance = NULL;
    uint8_t *bytes = NULL;
    static char text[STRING_BYTES];
    if (!store || it_context_new(&context)) {
        boundary_fail("setup", "out of memory");
        goto done;
    }

    /* The reference: fizz.wasm alone, on its own wrt store. */
    size_t size = 0;
    snprintf(path, sizeof path, "%s/fizzbuzz/fizz.wasm", dir);
    wrt_extern core;
    if (!(bytes = boundary_read(path, &size))) {
        boundary_fail(path, "cannot read");
        goto done;
    }
    if (wrt_module_new(store, bytes, size, &module) ||
        wrt_instance_new(store, module, NULL, &instance) ||
        wrt_instance_export(instance, (wrt_name){"isFizz", 6}, &core) ||
        core.kind != WRT_EXTERN_FUNC) {
        boundary_fail(path, wrt_store_error(store)->message);
        goto done;
    }

    it_component *fizz, *strings;
    it_func *is_fizz, *fizz_str, *utf8_length, *count_code_points;
    snprintf(path, sizeof path, "%s/fizzbuzz/it_fizz.wasm", dir);
    if (it_load(context, path, &fizz) || it_component_func(fizz, "isFizz", &is_fizz) ||
        it_component_func(fizz, "fizzStr", &fizz_str)) {
        boundary_fail(path, it_context_error(context)->message);
        goto done;
    }
    snprintf(path, sizeof path, "%s/strings/it_strings.wasm", dir);
    if (it_load(context, path, &strings) ||
        it_component_func(strings, "utf8Length", &utf8_length) ||
        it_component_func(strings, "countCodePoints", &count_code_points)) {
        boundary_fail(path, it_context_error(context)->message);
        goto done;
    }
    /* 1 KiB of mixed UTF-8: "abc\u00e9" (5 bytes, 4 code points) repeated, then x's. */
    static const char pattern[] = "abc\xc3\xa9";
    for (size_t i = 0; i < STRING_BYTES; i++)
        text[i] = i < STRING_BYTES / 5 * 5 ? pattern[i % 5] : 'x';

    const boundary_case cases[] = {
        {"core_isFizz", NULL, {IT_TYPE_NONE, {0}}, 1, 1},
        {"isFizz", is_fizz, it_value_s32(0), 1, 1},
        {"fizzStr", fizz_str, {IT_TYPE_NONE, {0}}, 0, 1},
        {"utf8Length_1k", utf8_length, it_value_string(text, STRING_BYTES), 1, 1},
        {"countCodePoints_1k", count_code_points, it_value_string(text, STRING_BYTES), 1, 1},
    };
    unsigned sink = 0;
    double worst_spread = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (only && strcmp(only, cases[k].key) != 0) continue;
        double times[BOUNDARY_MAX_RUNS];
        for (int r = -1; r < runs; r++) {
            double start = bench_cpu_now_ms();
            if (boundary_round(&cases[k], store, core.of.func, calls, &sink)) {
                boundary_fail(cases[k].key, cases[k].func ? it_context_error(context)->message
                                                          : wrt_store_error(store)->message);
                goto done;
            }
            if (r >= 0) times[r] = (bench_cpu_now_ms() - start) * 1e6 / (double)calls;
        }
        double low = times[0], high = times[0];
        for (int r = 1; r < runs; r++) {
            if (times[r] < low) low = times[r];
            if (times[r] > high) high = times[r];
        }
        double median = bench_median(times, runs);
        if (median > 0 && (high - low) / median > worst_spread) worst_spread = (high - low) / median;
        printf("%s=%.1f ", cases[k].key, median);
    }
    printf("spread=%.2f sink=%u\n", worst_spread, sink);
    status = 0;
done:
    it_context_delete(context);
    wrt_module_delete(module);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    free(bytes);
    return status;
}
