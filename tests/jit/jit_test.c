/* jit_test.c: compiles wasm modules with the JIT and checks calls against the `;; run` lines of their .wat source.
 *
 *   jit_test [--no-features] A.wasm A.wat [B.wasm B.wat ...]
 *
 * Each line `;; run NAME ARG... => RESULT...` in A.wat calls export NAME
 * with the arguments and compares the results; `=> trap MESSAGE` expects a
 * trap with that message. Values are TYPE:VALUE with TYPE one of i32 i64
 * f32 f64 (VALUE: a C integer or a strtod float; `nan` for a result means
 * any NaN) or f32bits/f64bits (VALUE: raw bits). `;; compile-error TEXT`
 * expects compilation to fail with TEXT in the message.
 * The harness builds a minimal vmctx itself (memory with an 8 GiB guarded
 * reservation, globals, stack limit): the instance model is not involved. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../../runtime/src/jit/jit.h"
#include "../../runtime/src/jit/masm.h"
#include "../../runtime/src/jit/vmctx.h"
#include "../../runtime/src/trap.h"
#include "../../runtime/src/validate.h"
#include "read_file.h"

static int passed, failed;

typedef struct test_value {
    char type[8];
    uint64_t bits;
    bool any_nan;
} test_value;

static bool parse_value(const char *text, test_value *out)
{
    memset(out, 0, sizeof *out);
    const char *colon = strchr(text, ':');
    if (!colon || colon - text >= (long)sizeof out->type)
        return false;
    memcpy(out->type, text, (size_t)(colon - text));
    const char *v = colon + 1;
    char *end;
    errno = 0;
    if (!strcmp(out->type, "i32") || !strcmp(out->type, "i64")) {
        out->bits = v[0] == '-' ? (uint64_t)strtoll(v, &end, 0) : strtoull(v, &end, 0);
        if (!strcmp(out->type, "i32"))
            out->bits &= 0xFFFFFFFFu;
    } else if (!strcmp(out->type, "f32bits") || !strcmp(out->type, "f64bits")) {
        out->bits = strtoull(v, &end, 0);
        out->type[3] = 0;
    } else if (!strcmp(out->type, "f32") || !strcmp(out->type, "f64")) {
        if (!strcmp(v, "nan")) {
            out->any_nan = true; /* as an argument: the canonical NaN */
            out->bits = !strcmp(out->type, "f32") ? 0x7FC00000u : 0x7FF8000000000000ull;
            end = (char *)v + 3;
        } else if (!strcmp(out->type, "f32")) {
            float f = strtof(v, &end);
            uint32_t b;
            memcpy(&b, &f, 4);
            out->bits = b;
        } else {
            double d = strtod(v, &end);
            memcpy(&out->bits, &d, 8);
        }
    } else {
        return false;
    }
    return *end == 0;
}

static bool is_nan_bits(const char *type, uint64_t bits)
{
    if (!strcmp(type, "f32"))
        return (bits & 0x7F800000u) == 0x7F800000u && (bits & 0x7FFFFFu);
    return (bits & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (bits & 0xFFFFFFFFFFFFFull);
}

/* The harness's stand-in for an instance. */
typedef struct harness {
    vmctx context;
    vmctx_memory memory;
    trap_guard guard;
    uint8_t *reservation;
    void **global_pointers;
    uint64_t (*global_cells)[2];
    vmctx_func *funcs;
    vmctx_func **func_pointers;
    vmctx_table *tables;
    vmctx_table **table_pointers;
    uint32_t *signature_ids;
    const wasm_module *module;
    const jit_code *code;
    struct harness *other; /* imports from module "other": a second instance */
} harness;

static const wasm_export *find_export(const wasm_module *module, const char *name);

/* ---- runtime helpers of the harness (the instance model's job in the
 * real runtime) ---- */

enum { TABLE_CAPACITY = 256 };

static harness *harness_of(void *context)
{
    return (harness *)context; /* vmctx is the first member */
}

static uint64_t helper_memory_grow(void *context, uint64_t delta, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
    harness *h = harness_of(context);
    uint64_t old_pages = h->memory.size / 65536;
    uint64_t max = h->module->memories[0].limits.has_max ? h->module->memories[0].limits.max : 65536;
    delta = (uint32_t)delta;
    if (old_pages + delta > max)
        return (uint32_t)-1;
    if (delta && mprotect(h->reservation + h->memory.size, delta * 65536, PROT_READ | PROT_WRITE) != 0)
        return (uint32_t)-1;
    h->memory.size += delta * 65536;
    return old_pages;
}

static uint64_t helper_memory_fill(void *context, uint64_t dst, uint64_t value, uint64_t count, uint64_t d, uint64_t e)
{
    harness *h = harness_of(context);
    dst = (uint32_t)dst;
    count = (uint32_t)count;
    if (dst + count > h->memory.size)
        trap_raise(WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
    memset(h->reservation + dst, (int)(uint8_t)value, count);
    return 0;
}

static uint64_t helper_memory_copy(void *context, uint64_t dst, uint64_t src, uint64_t count, uint64_t d, uint64_t e)
{
    harness *h = harness_of(context);
    dst = (uint32_t)dst;
    src = (uint32_t)src;
    count = (uint32_t)count;
    if (dst + count > h->memory.size || src + count > h->memory.size)
        trap_raise(WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
    memmove(h->reservation + dst, h->reservation + src, count);
    return 0;
}

/* Element `index` := `func` with its call copies (vmctx.h; harness tables
 * are all funcref). */
static void table_write(vmctx_table *t, uint32_t index, const vmctx_func *func)
{
    t->codes[index] = func ? func->code : NULL;
    t->vmctxs[index] = func ? func->vmctx : NULL;
    t->signature_ids[index] = func ? func->signature_id : VMCTX_NO_SIGNATURE;
    t->refs[index] = (void *)(uintptr_t)func;
}

static uint64_t helper_table_get(void *context, uint64_t table, uint64_t index, uint64_t c, uint64_t d, uint64_t e)
{
    vmctx_table *t = harness_of(context)->table_pointers[table];
    if ((uint32_t)index >= t->size)
        trap_raise(WRT_TRAP_TABLE_OUT_OF_BOUNDS);
    return (uint64_t)(uintptr_t)t->refs[(uint32_t)index];
}

static uint64_t helper_table_set(void *context, uint64_t table, uint64_t index, uint64_t ref, uint64_t d, uint64_t e)
{
    vmctx_table *t = harness_of(context)->table_pointers[table];
    if ((uint32_t)index >= t->size)
        trap_raise(WRT_TRAP_TABLE_OUT_OF_BOUNDS);
    table_write(t, (uint32_t)index, (vmctx_func *)(uintptr_t)ref);
    return 0;
}

static uint64_t helper_table_grow(void *context, uint64_t table, uint64_t ref, uint64_t delta, uint64_t d, uint64_t e)
{
    vmctx_table *t = harness_of(context)->table_pointers[table];
    delta = (uint32_t)delta;
    if (t->size + delta > TABLE_CAPACITY)
        return (uint32_t)-1;
    uint32_t old = t->size;
    for (uint32_t i = 0; i < delta; i++)
        table_write(t, old + i, (vmctx_func *)(uintptr_t)ref);
    t->size += (uint32_t)delta;
    return old;
}

/* Host functions imported from module "host". */
typedef enum host_kind { HOST_ADD3, HOST_TRAP, HOST_TWICE, HOST_CALLBACK } host_kind;
typedef struct host_func {
    host_kind kind;
    harness *owner;
} host_func;

static uint64_t helper_call_host(void *context, uint64_t host, uint64_t slots_address, uint64_t c, uint64_t d,
                                 uint64_t e)
{
    host_func *f = (host_func *)(uintptr_t)host;
    uint64_t *slots = (uint64_t *)(uintptr_t)slots_address;
    switch (f->kind) {
    case HOST_ADD3: return (uint32_t)(slots[0] + slots[1] + slots[2]);
    case HOST_TRAP: trap_raise(WRT_TRAP_HOST);
    case HOST_TWICE: {
        double x;
        memcpy(&x, &slots[0], 8);
        double twice = x * 2, thrice = x * 3;
        memcpy(&slots[1], &thrice, 8);
        uint64_t bits;
        memcpy(&bits, &twice, 8);
        return bits;
    }
    case HOST_CALLBACK: {
        /* Re-enters wasm (export "inner" (i32) -> i32) through a nested
         * trap_call; a trap there is returned as -1000 - kind. */
        const wasm_export *inner = find_export(f->owner->module, "inner");
        uint64_t inner_slots[2] = {slots[0], 0};
        trap_info info;
        wrt_trap_kind kind = trap_call(jit_entry(f->owner->code, inner->index), &f->owner->context, inner_slots, 1, &info);
        return kind == WRT_TRAP_NONE ? (uint32_t)inner_slots[0] : (uint32_t)(-1000 - (int)kind);
    }
    }
    return 0;
}

static const vmctx_helpers harness_helpers = {{
    [VMCTX_HELPER_MEMORY_GROW] = helper_memory_grow,
    [VMCTX_HELPER_MEMORY_FILL] = helper_memory_fill,
    [VMCTX_HELPER_MEMORY_COPY] = helper_memory_copy,
    [VMCTX_HELPER_TABLE_GET] = helper_table_get,
    [VMCTX_HELPER_TABLE_SET] = helper_table_set,
    [VMCTX_HELPER_TABLE_GROW] = helper_table_grow,
    [VMCTX_HELPER_CALL_HOST] = helper_call_host,
}};

static host_func host_funcs[2][4];

static bool harness_init(harness *h, const wasm_module *module, const jit_code *code)
{
    if (module->memory_count) {
        size_t reserve = 8ull << 30;
        h->reservation = mmap(NULL, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (h->reservation == MAP_FAILED)
            return false;
        size_t bytes = (size_t)module->memories[0].limits.min * 65536;
        if (bytes && mprotect(h->reservation, bytes, PROT_READ | PROT_WRITE) != 0)
            return false;
        h->memory.base = h->reservation;
        h->memory.size = bytes;
        h->context.memory_base = h->reservation;
        h->context.memory = &h->memory;
        for (uint32_t i = 0; i < module->data_segment_count; i++) {
            const wasm_data_segment *segment = &module->data[i];
            if (segment->mode == WASM_SEGMENT_ACTIVE && segment->offset.kind == WASM_CONST_I32 &&
                (uint64_t)(uint32_t)segment->offset.value.i32 + segment->size <= bytes)
                memcpy(h->reservation + (uint32_t)segment->offset.value.i32, segment->bytes, segment->size);
        }
    }
    uint32_t globals = module->global_count;
    h->global_pointers = calloc(globals + 1, sizeof *h->global_pointers);
    h->global_cells = calloc(globals + 1, sizeof *h->global_cells);
    if (!h->global_pointers || !h->global_cells)
        return false;
    for (uint32_t i = 0; i < globals; i++) {
        const wasm_const_expr *init = &module->globals[i].init;
        switch (init->kind) {
        case WASM_CONST_I32: h->global_cells[i][0] = (uint32_t)init->value.i32; break;
        case WASM_CONST_I64: h->global_cells[i][0] = (uint64_t)init->value.i64; break;
        case WASM_CONST_F32: h->global_cells[i][0] = init->value.f32_bits; break;
        case WASM_CONST_F64: h->global_cells[i][0] = init->value.f64_bits; break;
        default: break;
        }
        h->global_pointers[i] = h->global_cells[i];
    }
    h->context.globals = h->global_pointers;
    h->context.guard = &h->guard;
    h->funcs = calloc(module->func_count + 1, sizeof *h->funcs);
    h->func_pointers = calloc(module->func_count + 1, sizeof *h->func_pointers);
    if (!h->funcs || !h->func_pointers)
        return false;
    for (uint32_t i = 0; i < module->func_count; i++) {
        h->func_pointers[i] = &h->funcs[i];
        h->funcs[i].signature_id = module_func_type(module, i)->canonical_index;
        if (i >= module->imported_func_count) {
            h->funcs[i].code = jit_entry(code, i);
            h->funcs[i].vmctx = &h->context;
        }
    }
    h->context.funcs = h->func_pointers;
    h->context.helpers = &harness_helpers;
    h->module = module;
    h->code = code;
    h->signature_ids = calloc(module->type_count + 1, sizeof *h->signature_ids);
    h->tables = calloc(module->table_count + 1, sizeof *h->tables);
    h->table_pointers = calloc(module->table_count + 1, sizeof *h->table_pointers);
    if (!h->signature_ids || !h->tables || !h->table_pointers)
        return false;
    for (uint32_t i = 0; i < module->type_count; i++)
        h->signature_ids[i] = module->types[i].canonical_index;
    for (uint32_t i = 0; i < module->table_count; i++) {
        vmctx_table *t = &h->tables[i];
        t->codes = calloc(TABLE_CAPACITY, sizeof *t->codes);
        t->vmctxs = calloc(TABLE_CAPACITY, sizeof *t->vmctxs);
        t->signature_ids = calloc(TABLE_CAPACITY, sizeof *t->signature_ids);
        t->refs = calloc(TABLE_CAPACITY, sizeof *t->refs);
        if (!t->codes || !t->vmctxs || !t->signature_ids || !t->refs ||
            module->tables[i].limits.min > TABLE_CAPACITY)
            return false;
        for (uint32_t j = 0; j < TABLE_CAPACITY; j++)
            table_write(t, j, NULL);
        h->tables[i].size = module->tables[i].limits.min;
        h->table_pointers[i] = &h->tables[i];
    }
    h->context.tables = h->table_pointers;
    h->context.table0 = module->table_count ? h->table_pointers[0] : NULL;
    h->context.signature_ids = h->signature_ids;
    return true;
}

/* Imports from "other" NAME call export NAME of a second instance of the
 * same module (its own memory and globals): a cross-instance call. */
static bool harness_link(harness *h, harness *other, const wasm_module *module, const jit_code *code)
{
    for (uint32_t i = 0, f = 0; i < module->import_count; i++) {
        const wasm_import *import = &module->imports[i];
        if (import->kind != WASM_EXTERN_FUNC)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)import->field_name.length, import->field_name.chars);
        if (import->module_name.length == 4 && !memcmp(import->module_name.chars, "host", 4)) {
            static const char *const names[] = {"add3", "trap", "twice", "callback"};
            host_func *host = NULL;
            for (int k = 0; k < 4; k++)
                if (!strcmp(name, names[k])) {
                    host = &host_funcs[h == other ? 1 : 0][k];
                    host->kind = (host_kind)k;
                    host->owner = h;
                }
            if (!host)
                return false;
            h->funcs[f].code = trap_host_trampoline();
            h->funcs[f].vmctx = host;
            h->funcs[f].signature_id = module->types[import->func_type_index].canonical_index;
            f++;
            continue;
        }
        const wasm_export *e = find_export(module, name);
        if (!e || import->module_name.length != 5 || memcmp(import->module_name.chars, "other", 5))
            return false;
        h->funcs[f].code = jit_entry(code, e->index);
        h->funcs[f].vmctx = &other->context;
        f++;
    }
    return true;
}

/* Active element segments with constant offsets, once every function's
 * code and vmctx are final (entries copy them). */
static bool harness_apply_segments(harness *h)
{
    const wasm_module *module = h->module;
    for (uint32_t i = 0; i < module->elem_count; i++) {
        const wasm_elem_segment *segment = &module->elems[i];
        if (segment->mode != WASM_SEGMENT_ACTIVE || segment->offset.kind != WASM_CONST_I32)
            continue;
        for (uint32_t j = 0; j < segment->item_count; j++) {
            uint32_t at = (uint32_t)segment->offset.value.i32 + j;
            if (segment->items[j].kind == WASM_CONST_REF_FUNC && at < h->tables[segment->table_index].size)
                table_write(&h->tables[segment->table_index], at, &h->funcs[segment->items[j].index]);
        }
    }
    return true;
}

static void harness_free(harness *h)
{
    if (h->reservation && h->reservation != MAP_FAILED)
        munmap(h->reservation, 8ull << 30);
    free(h->global_pointers);
    free(h->global_cells);
    free(h->funcs);
    free(h->func_pointers);
    for (uint32_t i = 0; h->tables && i < h->module->table_count; i++) {
        free(h->tables[i].codes);
        free(h->tables[i].vmctxs);
        free(h->tables[i].signature_ids);
        free(h->tables[i].refs);
    }
    free(h->tables);
    free(h->table_pointers);
    free(h->signature_ids);
}

static const wasm_export *find_export(const wasm_module *module, const char *name)
{
    for (uint32_t i = 0; i < module->export_count; i++) {
        const wasm_export *e = &module->exports[i];
        if (e->kind == WASM_EXTERN_FUNC && e->name.length == strlen(name) &&
            memcmp(e->name.chars, name, e->name.length) == 0)
            return e;
    }
    return NULL;
}

static void fail_line(const char *file, int line, const char *format, const char *detail)
{
    failed++;
    printf("FAIL %s:%d: ", file, line);
    printf(format, detail);
    printf("\n");
}

/* Runs one `;; run` line. */
static void run_line(const char *file, int line_number, char *line, const wasm_module *module, const jit_code *code,
                     harness *h)
{
    char *tokens[64];
    int count = 0;
    for (char *token = strtok(line, " \t\r\n"); token && count < 64; token = strtok(NULL, " \t\r\n"))
        tokens[count++] = token;
    if (count < 3) {
        fail_line(file, line_number, "%s", "malformed run line");
        return;
    }
    const wasm_export *e = find_export(module, tokens[0]);
    if (!e) {
        fail_line(file, line_number, "no exported function %s", tokens[0]);
        return;
    }
    const wasm_func_type *type = module_func_type(module, e->index);
    int arrow = 1;
    while (arrow < count && strcmp(tokens[arrow], "=>"))
        arrow++;
    if (arrow == count || (uint32_t)(arrow - 1) != type->param_count) {
        fail_line(file, line_number, "%s: wrong argument count or no =>", tokens[0]);
        return;
    }
    size_t nslots = type->param_count > type->result_count ? type->param_count : type->result_count;
    if (nslots == 0)
        nslots = 1;
    uint64_t slots[66] = {0};
    for (uint32_t i = 0; i < type->param_count; i++) {
        test_value v;
        if (!parse_value(tokens[1 + i], &v)) {
            fail_line(file, line_number, "bad value %s", tokens[1 + i]);
            return;
        }
        slots[i] = v.bits;
    }
    trap_info info;
    wrt_trap_kind kind = trap_call(jit_entry(code, e->index), &h->context, slots, nslots, &info);
    if (arrow + 1 < count && !strcmp(tokens[arrow + 1], "trap")) {
        char expected[200] = "";
        for (int i = arrow + 2; i < count; i++) {
            strcat(expected, tokens[i]);
            if (i + 1 < count)
                strcat(expected, " ");
        }
        if (kind == WRT_TRAP_NONE) {
            fail_line(file, line_number, "expected trap '%s', got a result", expected);
        } else if (strcmp(wrt_trap_message(kind), expected)) {
            fail_line(file, line_number, "wrong trap: %s", wrt_trap_message(kind));
        } else {
            passed++;
        }
        return;
    }
    if (kind != WRT_TRAP_NONE) {
        fail_line(file, line_number, "unexpected trap: %s", wrt_trap_message(kind));
        return;
    }
    if ((uint32_t)(count - arrow - 1) != type->result_count) {
        fail_line(file, line_number, "%s", "wrong expected result count");
        return;
    }
    for (uint32_t i = 0; i < type->result_count; i++) {
        test_value want;
        if (!parse_value(tokens[arrow + 1 + i], &want)) {
            fail_line(file, line_number, "bad value %s", tokens[arrow + 1 + i]);
            return;
        }
        bool is_float = want.type[0] == 'f';
        uint64_t got = i == 0 && is_float ? slots[nslots] : slots[i];
        if (!strcmp(want.type, "i32") || !strcmp(want.type, "f32"))
            got &= 0xFFFFFFFFu;
        bool ok = want.any_nan ? is_nan_bits(want.type, got) : got == want.bits;
        if (!ok) {
            char detail[160];
            snprintf(detail, sizeof detail, "result %u: got 0x%" PRIx64 " (%" PRId64 "), want %s", i, got,
                     (int64_t)got, tokens[arrow + 1 + i]);
            fail_line(file, line_number, "%s", detail);
            return;
        }
    }
    passed++;
}

static void run_file(const char *wasm_path, const char *wat_path, const jit_options *options)
{
    size_t size;
    uint8_t *bytes = read_file(wasm_path, &size);
    FILE *wat = fopen(wat_path, "r");
    if (!bytes || !wat) {
        fail_line(wat_path, 0, "%s", "cannot read the .wasm or .wat file");
        free(bytes);
        if (wat)
            fclose(wat);
        return;
    }
    wasm_diag diag;
    wasm_diag_clear(&diag);
    wasm_module *module = NULL;
    jit_code *code = NULL;
    wasm_status status = module_decode(bytes, size, &module, &diag);
    if (status == WASM_OK)
        status = jit_compile_module(module, options, &code, &diag);
    char line[1024];
    int line_number = 0;
    harness h, other;
    memset(&h, 0, sizeof h);
    memset(&other, 0, sizeof other);
    bool ready = status == WASM_OK && harness_init(&h, module, code) && harness_init(&other, module, code) &&
                 harness_link(&h, &other, module, code) && harness_link(&other, &other, module, code) &&
                 harness_apply_segments(&h) && harness_apply_segments(&other);
    bool expect_compile_error = false;
    while (fgets(line, sizeof line, wat)) {
        line_number++;
        if (!strncmp(line, ";; compile-error ", 17)) {
            expect_compile_error = true;
            line[strcspn(line, "\n")] = 0;
            if (status != WASM_OK && strstr(diag.message, line + 17))
                passed++;
            else
                fail_line(wat_path, line_number, "expected compile error '%s'", line + 17);
        }
        if (strncmp(line, ";; run ", 7))
            continue;
        if (!ready) {
            fail_line(wat_path, line_number, "module did not compile: %s", diag.message);
            continue;
        }
        run_line(wat_path, line_number, line + 7, module, code, &h);
    }
    if (status != WASM_OK && !expect_compile_error && line_number > 0 && !ready) {
        /* Reported per line above; a file without run lines still counts. */
    }
    if (status == WASM_OK) {
        harness_free(&h);
        harness_free(&other);
    }
    fclose(wat);
    jit_code_free(code);
    module_delete(module);
    free(bytes);
}

int main(int argc, char **argv)
{
    jit_options options = {0};
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "--no-features")) {
        options.disable_features = ~0u;
        first = 2;
    }
    for (int i = first; i + 1 < argc; i += 2)
        run_file(argv[i], argv[i + 1], &options);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
