/* boundary_bench.c: the cost of one call from C into an adapted export (it_loader.h), against a plain core call (wrt.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stats.h"
#include "it_loader.h"
#include "loader.h" /* utf8_check, utf8_check_scalar */
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
 *   core_isFizz=<ns> host_call=<ns> host_call_raw=<ns> isFizz=<ns>
 *   fizzStr=<ns> utf8Length_1k=<ns> countCodePoints_1k=<ns> ...
 *   utf8_kind=<avx2|ssse3|scalar> spread=<worst (max-min)/median>
 *
 *   core_isFizz         fizz.wasm's own isFizz export, (i32) -> i32, called
 *                       with wrt_func_call: the engine's plain call, the
 *                       reference (same process, same engine)
 *   host_call           the other way: a core module's loop calling an
 *                       imported host function (i32) -> i32 that returns its
 *                       argument, CALLS times in one wrt_func_call; per call
 *                       (the loop's few instructions included). The host
 *                       function is a typed wrt_func_new callback
 *   host_call_raw       the same with a raw callback (wrt_func_new_raw), as
 *                       the loader's _it_runtime functions are
 *   isFizz              it_fizz.wasm's isFizz through it_call: s32 -> u1
 *   fizzStr             () -> string, a 4-byte string made by wasm code
 *                       (mem_to_string) and handed back to C
 *   utf8Length_1k       strings.utf8Length(string) -> u32 with a 1 KiB
 *                       argument: the string crosses (UTF-8 check, host
 *                       string) and the adapter only asks its length
 *   countCodePoints_1k  the same string also copied into the core module's
 *                       memory (string_to_mem) and counted there
 *   echoList_1M         bench/rich's echoList: a list<u32> of 1,000,000
 *                       elements lowered into its core module's memory and
 *                       lifted back (one call per 100,000 of CALLS)
 *   echoRecord          a record of 4 fields (u32 u32 f64 u8) the same way
 *   echoOption          an option<string> of 16 bytes the same way
 *   utf8_ascii_1k       the loader's UTF-8 check alone (utf8_check, the
 *   ... utf8_mixed_1M   version utf8_kind says), on 1 KiB, 64 KiB and 1 MiB
 *                       of ASCII and of mixed text (UTF8_MIXED: 2-, 3- and
 *                       4-byte sequences, a third of the bytes ASCII); about
 *                       10 MB per round (calls / 100, / 6400, / 100000)
 *   utf8_scalar_...     the same with utf8_check_scalar, the check before
 *                       the vector versions
 *
 * A failure prints error=<what> and exits with status 1.
 */

#define BOUNDARY_MAX_RUNS 50
#define STRING_BYTES 1024

/* The mixed text of the utf8_* cases, repeated whole, then x's (the same
 * bytes as bench/boundary_bench.js's): "Grüße, мир! 世界 😀 ", 29 bytes,
 * 19 characters of 1 to 4 bytes. */
static const char UTF8_MIXED[] = "Gr\xc3\xbc\xc3\x9f" "e, \xd0\xbc\xd0\xb8\xd1\x80! \xe4\xb8\x96\xe7\x95\x8c "
                                 "\xf0\x9f\x98\x80 ";
#define UTF8_MIB (1u << 20)

/* The core module of the host_call cases (wat2wasm of):
 *   (module
 *     (import "host" "nop" (func $nop (param i32) (result i32)))
 *     (func (export "loop") (param $n i32) (result i32)
 *       (local $i i32) (local $sum i32)
 *       loop $again
 *         local.get $sum  local.get $i  call $nop  i32.add  local.set $sum
 *         local.get $i  i32.const 1  i32.add  local.tee $i
 *         local.get $n  i32.lt_u  br_if $again
 *       end
 *       local.get $sum))
 * bench/boundary_bench.js has the same bytes. */
static const uint8_t HOST_LOOP_WASM[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60,
    0x01, 0x7f, 0x01, 0x7f, 0x02, 0x0c, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74,
    0x03, 0x6e, 0x6f, 0x70, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x08,
    0x01, 0x04, 0x6c, 0x6f, 0x6f, 0x70, 0x00, 0x01, 0x0a, 0x20, 0x01, 0x1e,
    0x01, 0x02, 0x7f, 0x03, 0x40, 0x20, 0x02, 0x20, 0x01, 0x10, 0x00, 0x6a,
    0x21, 0x02, 0x20, 0x01, 0x41, 0x01, 0x6a, 0x22, 0x01, 0x20, 0x00, 0x49,
    0x0d, 0x00, 0x0b, 0x20, 0x02, 0x0b};

static wrt_status host_nop(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    (void)call;
    results[0].of.i32 = args[0].of.i32;
    return WRT_OK;
}

static wrt_status host_nop_raw(const wrt_host_call *call, wrt_raw *cells)
{
    (void)call, (void)cells; /* result 0 is argument 0, already in place */
    return WRT_OK;
}

/* The host loop module instantiated with `nop` as host.nop: its "loop". */
static wrt_func *host_loop(wrt_store *store, wrt_module *module, wrt_func *nop)
{
    wrt_imports *imports = wrt_imports_new();
    wrt_instance *instance;
    wrt_extern object = {WRT_EXTERN_FUNC, {.func = nop}};
    bool ok = imports &&
              wrt_imports_define(imports, (wrt_name){"host", 4}, (wrt_name){"nop", 3}, object) ==
                  WRT_OK &&
              wrt_instance_new(store, module, imports, &instance) == WRT_OK &&
              wrt_instance_export(instance, (wrt_name){"loop", 4}, &object) == WRT_OK;
    wrt_imports_delete(imports);
    return ok ? object.of.func : NULL;
}

typedef enum boundary_kind {
    BOUNDARY_CORE,      /* wrt_func_call of fizz.wasm isFizz */
    BOUNDARY_HOST_LOOP, /* one wrt_func_call of a loop making `calls` host calls */
    BOUNDARY_ADAPTED,   /* it_call */
    BOUNDARY_UTF8,      /* utf8_check of the string `arg` */
    BOUNDARY_UTF8_SCALAR /* utf8_check_scalar of it */
} boundary_kind;

/* `size` bytes of UTF8_MIXED repeated whole, then x's (malloc'd; NULL if out of memory). */
static uint8_t *utf8_mixed_text(size_t size)
{
    uint8_t *text = malloc(size);
    if (!text) return NULL;
    const size_t pattern_size = sizeof UTF8_MIXED - 1;
    memset(text, 'x', size);
    for (size_t i = 0; i + pattern_size <= size; i += pattern_size) memcpy(text + i, UTF8_MIXED, pattern_size);
    return text;
}

typedef struct boundary_case {
    const char *key;
    boundary_kind kind;
    it_func *func;  /* BOUNDARY_ADAPTED */
    wrt_func *core; /* BOUNDARY_CORE: isFizz; BOUNDARY_HOST_LOOP: the loop */
    it_value arg;
    size_t arg_count;
    size_t result_count;
    long divisor; /* a round makes calls / divisor calls (at least 1): the big ones */
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
static int boundary_round(const boundary_case *c, wrt_store *store, long calls,
                          unsigned *sink)
{
    wrt_val core_arg = {.type = WRT_I32}, core_result;
    if (c->kind == BOUNDARY_CORE) {
        for (long i = 0; i < calls; i++) {
            core_arg.of.i32 = (int32_t)i;
            if (wrt_func_call(store, c->core, &core_arg, 1, &core_result, 1)) return 1;
            *sink += (unsigned)core_result.of.i32;
        }
        return 0;
    }
    if (c->kind == BOUNDARY_UTF8 || c->kind == BOUNDARY_UTF8_SCALAR) {
        const uint8_t *bytes = (const uint8_t *)c->arg.of.string.data;
        size_t size = c->arg.of.string.size, bad;
        const char *why;
        for (long i = 0; i < calls; i++) {
            bool valid = c->kind == BOUNDARY_UTF8 ? utf8_check(bytes, size, &bad, &why)
                                                   : utf8_check_scalar(bytes, size, &bad, &why);
            if (!valid) return 1;
            (*sink)++;
        }
        return 0;
    }
    if (c->kind == BOUNDARY_HOST_LOOP) {
        core_arg.of.i32 = (int32_t)calls;
        if (wrt_func_call(store, c->core, &core_arg, 1, &core_result, 1)) return 1;
        *sink += (unsigned)core_result.of.i32;
        return 0;
    }
    it_value arg = c->arg, result;
    for (long i = 0; i < calls; i++) {
        if (c->arg.type == IT_LIST) { /* the list's length, and its last element */
            if (it_call(c->func, &arg, c->arg_count, &result, c->result_count)) return 1;
            *sink += (unsigned)result.of.list.count + ((const uint32_t *)result.of.list.data)[result.of.list.count - 1];
            continue;
        }
        if (c->arg.type == IT_RECORD || c->arg.type == IT_OPTION) {
            if (it_call(c->func, &arg, c->arg_count, &result, c->result_count)) return 1;
            *sink += c->arg.type == IT_RECORD ? result.of.list.items[0].of.u32
                                              : (unsigned)result.of.variant.payload->of.string.size;
            continue;
        }
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
    wrt_module *module = NULL, *loop_module = NULL;
    wrt_instance *instance = NULL;
    uint8_t *bytes = NULL, *ascii = NULL, *mixed_1k = NULL, *mixed_64k = NULL, *mixed_1m = NULL;
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

    /* The other way: wasm calling a host function, typed and raw. */
    static const wrt_valtype one_i32[] = {WRT_I32};
    const wrt_functype nop_type = {1, one_i32, 1, one_i32};
    wrt_func *nop, *nop_raw, *loop_typed, *loop_raw;
    if (wrt_module_new(store, HOST_LOOP_WASM, sizeof HOST_LOOP_WASM, &loop_module) ||
        wrt_func_new(store, &nop_type, host_nop, NULL, &nop) ||
        wrt_func_new_raw(store, &nop_type, host_nop_raw, NULL, &nop_raw) ||
        !(loop_typed = host_loop(store, loop_module, nop)) ||
        !(loop_raw = host_loop(store, loop_module, nop_raw))) {
        boundary_fail("host loop module", wrt_store_error(store)->message);
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

    /* The rich types' rows: bench/rich's component, built beside the examples. */
    it_component *rich;
    it_func *echo_list, *echo_record, *echo_option;
    snprintf(path, sizeof path, "%s/../bench/rich/it_rich.wasm", dir);
    if (it_load(context, path, &rich) || it_component_func(rich, "echoList", &echo_list) ||
        it_component_func(rich, "echoRecord", &echo_record) || it_component_func(rich, "echoOption", &echo_option)) {
        boundary_fail(path, it_context_error(context)->message);
        goto done;
    }
    enum { LIST_COUNT = 1000000 };
    static uint32_t list_items[LIST_COUNT]; /* packed: a list of numbers is one copy */
    for (uint32_t i = 0; i < LIST_COUNT; i++) list_items[i] = i;
    static it_value record_fields[4];
    record_fields[0] = it_value_u32(1), record_fields[1] = it_value_u32(2);
    record_fields[2] = it_value_f64(2.5), record_fields[3] = it_value_u8(7);
    static it_value option_payload;
    option_payload = it_value_cstring("sixteen bytes!!!");

    /* The utf8_* cases' texts (the ASCII ones check the start of 1 MiB of a's). */
    ascii = malloc(UTF8_MIB);
    mixed_1k = utf8_mixed_text(1024), mixed_64k = utf8_mixed_text(65536), mixed_1m = utf8_mixed_text(UTF8_MIB);
    if (!ascii || !mixed_1k || !mixed_64k || !mixed_1m) {
        boundary_fail("setup", "out of memory");
        goto done;
    }
    memset(ascii, 'a', UTF8_MIB);
#define UTF8_CASE(key, kind, text, size, divisor) \
    {key, kind, NULL, NULL, it_value_string((const char *)(text), size), 0, 0, divisor}

    const boundary_case cases[] = {
        {"core_isFizz", BOUNDARY_CORE, NULL, core.of.func, {IT_TYPE_NONE, {0}}, 1, 1, 1},
        {"host_call", BOUNDARY_HOST_LOOP, NULL, loop_typed, {IT_TYPE_NONE, {0}}, 1, 1, 1},
        {"host_call_raw", BOUNDARY_HOST_LOOP, NULL, loop_raw, {IT_TYPE_NONE, {0}}, 1, 1, 1},
        {"isFizz", BOUNDARY_ADAPTED, is_fizz, NULL, it_value_s32(0), 1, 1, 1},
        {"fizzStr", BOUNDARY_ADAPTED, fizz_str, NULL, {IT_TYPE_NONE, {0}}, 0, 1, 1},
        {"utf8Length_1k", BOUNDARY_ADAPTED, utf8_length, NULL,
         it_value_string(text, STRING_BYTES), 1, 1, 1},
        {"countCodePoints_1k", BOUNDARY_ADAPTED, count_code_points, NULL,
         it_value_string(text, STRING_BYTES), 1, 1, 1},
        {"echoList_1M", BOUNDARY_ADAPTED, echo_list, NULL, it_value_numbers(list_items, LIST_COUNT), 1, 1,
         100000},
        {"echoRecord", BOUNDARY_ADAPTED, echo_record, NULL, it_value_items(IT_RECORD, record_fields, 4), 1, 1, 1},
        {"echoOption", BOUNDARY_ADAPTED, echo_option, NULL, it_value_case(IT_OPTION, 1, &option_payload), 1, 1, 1},
        UTF8_CASE("utf8_ascii_1k", BOUNDARY_UTF8, ascii, 1024, 100),
        UTF8_CASE("utf8_ascii_64k", BOUNDARY_UTF8, ascii, 65536, 6400),
        UTF8_CASE("utf8_ascii_1M", BOUNDARY_UTF8, ascii, UTF8_MIB, 100000),
        UTF8_CASE("utf8_mixed_1k", BOUNDARY_UTF8, mixed_1k, 1024, 100),
        UTF8_CASE("utf8_mixed_64k", BOUNDARY_UTF8, mixed_64k, 65536, 6400),
        UTF8_CASE("utf8_mixed_1M", BOUNDARY_UTF8, mixed_1m, UTF8_MIB, 100000),
        UTF8_CASE("utf8_scalar_ascii_1k", BOUNDARY_UTF8_SCALAR, ascii, 1024, 100),
        UTF8_CASE("utf8_scalar_ascii_64k", BOUNDARY_UTF8_SCALAR, ascii, 65536, 6400),
        UTF8_CASE("utf8_scalar_ascii_1M", BOUNDARY_UTF8_SCALAR, ascii, UTF8_MIB, 100000),
        UTF8_CASE("utf8_scalar_mixed_1k", BOUNDARY_UTF8_SCALAR, mixed_1k, 1024, 100),
        UTF8_CASE("utf8_scalar_mixed_64k", BOUNDARY_UTF8_SCALAR, mixed_64k, 65536, 6400),
        UTF8_CASE("utf8_scalar_mixed_1M", BOUNDARY_UTF8_SCALAR, mixed_1m, UTF8_MIB, 100000),
    };
#undef UTF8_CASE
    unsigned sink = 0;
    double worst_spread = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (only && strcmp(only, cases[k].key) != 0) continue;
        double times[BOUNDARY_MAX_RUNS];
        long count = cases[k].divisor > 1 ? calls / cases[k].divisor : calls;
        if (count < 1) count = 1;
        for (int r = -1; r < runs; r++) {
            double start = bench_cpu_now_ms();
            if (boundary_round(&cases[k], store, count, &sink)) {
                boundary_fail(cases[k].key, cases[k].kind >= BOUNDARY_UTF8 ? "the text is not valid UTF-8"
                                            : cases[k].func                 ? it_context_error(context)->message
                                                                            : wrt_store_error(store)->message);
                goto done;
            }
            if (r >= 0) times[r] = (bench_cpu_now_ms() - start) * 1e6 / (double)count;
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
    printf("utf8_kind=%s spread=%.2f sink=%u\n", utf8_check_kind(), worst_spread, sink);
    status = 0;
done:
    it_context_delete(context);
    wrt_module_delete(module);
    wrt_module_delete(loop_module);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    free(bytes);
    free(ascii);
    free(mixed_1k);
    free(mixed_64k);
    free(mixed_1m);
    return status;
}
