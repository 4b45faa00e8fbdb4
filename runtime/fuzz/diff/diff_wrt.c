/* diff_wrt.c: runs a binaryen `wasm-opt -ttf` module on wrt and prints each fuzzing-support log call and each export's results or trap kind, one a line, as diff_v8.js does for V8. */
#include "trap_kind.h"
#include "wrt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_value(const wrt_val *v)
{
    uint32_t b32;
    uint64_t b64;
    switch (v->type) {
    case WRT_I32: printf(" i32:%08x", (uint32_t)v->of.i32); break;
    case WRT_I64: printf(" i64:%016llx", (unsigned long long)v->of.i64); break;
    case WRT_F32:
        if (isnan(v->of.f32)) { printf(" f32:nan"); break; }
        memcpy(&b32, &v->of.f32, 4);
        printf(" f32:%08x", b32);
        break;
    case WRT_F64:
        if (isnan(v->of.f64)) { printf(" f64:nan"); break; }
        memcpy(&b64, &v->of.f64, 8);
        printf(" f64:%016llx", (unsigned long long)b64);
        break;
    case WRT_FUNCREF: printf(" funcref:%s", v->of.funcref ? "func" : "null"); break;
    case WRT_EXTERNREF: printf(" externref:%s", v->of.externref ? "ref" : "null"); break;
    default: printf(" ?"); break;
    }
}

/* fuzzing-support.log-TYPE: print the value; `user` is the import's name. */
static wrt_status log_value(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    (void)results;
    printf("log %s", (const char *)call->user);
    print_value(&args[0]);
    printf("\n");
    return WRT_OK;
}

/* Any other import (call-export, throw, ...) is printed and traps. */
static wrt_status other_import(const wrt_host_call *call, const wrt_val *args, wrt_val *results)
{
    (void)args;
    (void)results;
    printf("import %s\n", (const char *)call->user);
    return wrt_host_trap(call, "unsupported import");
}

static wrt_name make_name(const char *s)
{
    wrt_name n = {s, strlen(s)};
    return n;
}

static int name_is(wrt_name n, const char *s)
{
    return n.size == strlen(s) && memcmp(n.data, s, n.size) == 0;
}

static void print_trap(wrt_store *store, const char *what)
{
    const wrt_error *e = wrt_store_error(store);
    if (e->status == WRT_TRAP)
        printf("%s trap %s\n", what, trap_kind_name(e->trap));
    else
        printf("%s error\n", what);
}

/* Calls `func` with zero (null) arguments and prints its results or trap kind
 * unless `quiet`; returns 1 if it exhausted the stack, after which memory and
 * globals depend on the depth reached, so the caller stops comparing. */
static int call_export(wrt_store *store, wrt_func *func, int quiet)
{
    const wrt_functype *t = wrt_func_type(func);
    wrt_val args[64], results[64];
    if (t->param_count > 64 || t->result_count > 64) { printf("too many\n"); return 0; }
    for (size_t i = 0; i < t->param_count; i++) {
        memset(&args[i], 0, sizeof args[i]);
        args[i].type = t->params[i];
    }
    if (wrt_func_call(store, func, args, t->param_count, results, t->result_count)) {
        if (!quiet) print_trap(store, "");
        return wrt_store_error(store)->trap == WRT_TRAP_STACK_EXHAUSTED;
    }
    if (!quiet) {
        printf("ret");
        for (size_t i = 0; i < t->result_count; i++) print_value(&results[i]);
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: diff_wrt M.wasm\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static uint8_t bytes[1 << 22];
    size_t size = fread(bytes, 1, sizeof bytes, f);
    int too_big = !feof(f);
    fclose(f);
    if (too_big) { fprintf(stderr, "%s: larger than 4 MiB\n", argv[1]); return 2; }
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);

    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = wrt_store_new(engine);
    wrt_imports *imports = wrt_imports_new();
    wrt_module *module;
    if (wrt_module_new(store, bytes, size, &module)) {
        printf("compile error\n");
        fprintf(stderr, "%s\n", wrt_store_error(store)->message);
        return 0;
    }
    size_t n_imports = wrt_module_import_count(module);
    char (*names)[64] = calloc(n_imports + 1, sizeof *names);
    if (!names) return 2;
    for (size_t i = 0; i < n_imports; i++) {
        wrt_import_desc d;
        wrt_module_import(module, i, &d);
        if (d.type.kind != WRT_EXTERN_FUNC) { printf("non-func import\n"); return 0; }
        snprintf(names[i], sizeof names[i], "%.*s", (int)d.name.size, d.name.data);
        wrt_extern e = {WRT_EXTERN_FUNC, {0}};
        int is_log = strncmp(names[i], "log-", 4) == 0 && d.type.of.func.param_count == 1;
        if (wrt_func_new(store, &d.type.of.func, is_log ? log_value : other_import,
                         names[i], &e.of.func) ||
            wrt_imports_define(imports, d.module, d.name, e)) {
            printf("import error\n");
            return 0;
        }
    }
    wrt_instance *instance;
    if (wrt_instance_new(store, module, imports, &instance)) {
        print_trap(store, "instantiate");
        return 0;
    }
    wrt_extern hang = {WRT_EXTERN_FUNC, {0}};
    int has_hang = wrt_instance_export(instance, make_name("hangLimitInitializer"), &hang) == WRT_OK &&
                   hang.kind == WRT_EXTERN_FUNC;
    size_t n_exports = wrt_instance_export_count(instance);
    for (size_t i = 0; i < n_exports; i++) {
        wrt_name name;
        wrt_extern e;
        wrt_instance_export_at(instance, i, &name, &e);
        if (e.kind != WRT_EXTERN_FUNC || name_is(name, "hangLimitInitializer")) continue;
        if (has_hang) call_export(store, hang.of.func, 1);
        printf("call %.*s\n", (int)name.size, name.data);
        if (call_export(store, e.of.func, 0)) {
            /* State after an exhausted stack depends on the depth reached. */
            printf("stop\n");
            break;
        }
    }
    wrt_module_delete(module);
    wrt_imports_delete(imports);
    wrt_store_delete(store);
    wrt_engine_delete(engine);
    free(names);
    return 0;
}
