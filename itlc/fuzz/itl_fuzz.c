/* itl_fuzz.c: libFuzzer target for itlc's front end: any bytes as an .itl
 * file, compiled as `itlc` compiles one (itlc_compile: lex, parse, check,
 * the core-module checks, emit, binary or text, or the bindings of
 * --emit-dts and --emit-header). Besides the sanitizers' findings it checks
 * two contracts: an adapter itlc writes is one the native loader accepts
 * (it_adapter_from_bytes decodes and validates it with wrt and parses and
 * checks its it.interface section), and one whose interface itlc reads back
 * (interface_bindings), so a bug that makes itlc emit a broken adapter is a
 * crash here too.
 *
 * Core modules named by the ITL come from memory, never from the file
 * system: at start-up the fuzzer reads every core module (NAME.wasm, not
 * it_NAME.wasm) in the subfolders of $ITL_FUZZ_CORES (make fuzz sets it to
 * the built examples), and a path in the ITL finds the one with its base
 * name. */
#include "itlc.h"
#include "it_loader.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CORES 64

typedef struct core_file {
    char name[128];
    uint8_t *data;
    size_t size;
} core_file;

static core_file cores[MAX_CORES];
static size_t core_count;
static FILE *sink; /* diagnostics are formatted, then dropped */

static void load_core(const char *path, const char *name)
{
    FILE *file = fopen(path, "rb");
    if (!file || core_count == MAX_CORES || strlen(name) >= sizeof cores[0].name) {
        if (file) fclose(file);
        return;
    }
    core_file *core = &cores[core_count];
    uint8_t buffer[1 << 16];
    size_t got;
    while ((got = fread(buffer, 1, sizeof buffer, file)) > 0) {
        uint8_t *bigger = realloc(core->data, core->size + got);
        if (!bigger) abort();
        memcpy(bigger + core->size, buffer, got);
        core->data = bigger;
        core->size += got;
    }
    fclose(file);
    snprintf(core->name, sizeof core->name, "%s", name);
    core_count++;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sink = fopen("/dev/null", "w");
    if (!sink) abort();
    const char *root = getenv("ITL_FUZZ_CORES");
    DIR *top = root ? opendir(root) : NULL;
    struct dirent *dir_entry;
    while (top && (dir_entry = readdir(top))) {
        if (dir_entry->d_name[0] == '.') continue;
        char dir_path[4096];
        snprintf(dir_path, sizeof dir_path, "%s/%s", root, dir_entry->d_name);
        DIR *dir = opendir(dir_path);
        struct dirent *file_entry;
        while (dir && (file_entry = readdir(dir))) {
            const char *name = file_entry->d_name;
            size_t length = strlen(name);
            if (length < 6 || strcmp(name + length - 5, ".wasm") != 0 || strncmp(name, "it_", 3) == 0)
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir_path, name);
            load_core(path, name);
        }
        if (dir) closedir(dir);
    }
    if (top) closedir(top);
    return 0;
}

static bool read_core(void *context, const char *path, const uint8_t **data, size_t *size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    for (size_t i = 0; i < core_count; i++) {
        if (strcmp(cores[i].name, base) == 0) {
            *data = cores[i].data;
            *size = cores[i].size;
            return true;
        }
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    itlc_diag diag = { .file = "fuzz.itl", .out = sink, .max_errors = 20 };
    core_search search = { .read = read_core };
    arena a = { 0 };
    bytes out = { 0 };
    /* the text writer and the bindings too, on some inputs */
    itlc_output output = size % 5 == 0 ? ITLC_OUTPUT_WAT : size % 7 == 0 ? ITLC_OUTPUT_DTS
                         : size % 11 == 0 ? ITLC_OUTPUT_HEADER : ITLC_OUTPUT_WASM;
    itlc_str component = { "fuzz", 4 };
    itlc_error status = itlc_compile((const char *)data, size, component, &search, output, &diag, &a, &out);
    if (status == ITLC_OK && diag.error_count) {
        fprintf(stderr, "itlc_compile succeeded after %d errors\n", diag.error_count);
        abort();
    }
    if (status != ITLC_OK && !diag.error_count) {
        fprintf(stderr, "itlc_compile failed (%d) without reporting an error\n", status);
        abort();
    }
    if (status == ITLC_OK && output == ITLC_OUTPUT_WASM) {
        it_context *context;
        if (it_context_new(&context)) abort();
        it_adapter *adapter;
        if (it_adapter_from_bytes(context, out.data, out.size, "it_fuzz.wasm", &adapter)) {
            fprintf(stderr, "the loader rejects the adapter itlc wrote: %s\n", it_context_error(context)->message);
            abort();
        }
        it_context_delete(context);
        /* and itlc reads its interface back, for --emit-dts of an adapter */
        bytes bindings = { 0 };
        if (interface_bindings((const char *)out.data, out.size, "it_fuzz.wasm", ITLC_OUTPUT_DTS, &diag, &a,
                               &bindings)) {
            fprintf(stderr, "itlc cannot read back the interface of the adapter it wrote\n");
            abort();
        }
    }
    arena_free(&a);
    return 0;
}
