/* spectest.c: the `spectest` host module, exactly as the reference interpreter defines it. */
#include <string.h>

#include "spectest.h"

static wrt_status print_nothing(const wrt_host_call *call, const wrt_val *args,
                                wrt_val *results)
{
    (void)call;
    (void)args;
    (void)results;
    return WRT_OK;
}

static wrt_name name_of(const char *text)
{
    wrt_name name;
    name.data = text;
    name.size = strlen(text);
    return name;
}

static wrt_status define(wrt_imports *imports, const char *name,
                         wrt_extern object)
{
    return wrt_imports_define(imports, name_of("spectest"), name_of(name),
                              object);
}

static wrt_status define_print(wrt_store *store, wrt_imports *imports,
                               const char *name, const wrt_valtype *params,
                               size_t param_count)
{
    wrt_functype type = {param_count, params, 0, NULL};
    wrt_extern object;
    object.kind = WRT_EXTERN_FUNC;
    wrt_status status =
        wrt_func_new(store, &type, print_nothing, NULL, &object.of.func);
    return status ? status : define(imports, name, object);
}

static wrt_status define_global(wrt_store *store, wrt_imports *imports,
                                const char *name, wrt_val value)
{
    wrt_globaltype type = {value.type, false};
    wrt_extern object;
    object.kind = WRT_EXTERN_GLOBAL;
    wrt_status status =
        wrt_global_new(store, &type, value, &object.of.global);
    return status ? status : define(imports, name, object);
}

wrt_status spectest_define(wrt_store *store, wrt_imports *imports)
{
    static const wrt_valtype i32[] = {WRT_I32}, i64[] = {WRT_I64},
                             f32[] = {WRT_F32}, f64[] = {WRT_F64},
                             i32_f32[] = {WRT_I32, WRT_F32},
                             f64_f64[] = {WRT_F64, WRT_F64};
    wrt_status status;
    if ((status = define_print(store, imports, "print", NULL, 0)) ||
        (status = define_print(store, imports, "print_i32", i32, 1)) ||
        (status = define_print(store, imports, "print_i64", i64, 1)) ||
        (status = define_print(store, imports, "print_f32", f32, 1)) ||
        (status = define_print(store, imports, "print_f64", f64, 1)) ||
        (status = define_print(store, imports, "print_i32_f32", i32_f32, 2)) ||
        (status = define_print(store, imports, "print_f64_f64", f64_f64, 2)))
        return status;

    wrt_val value;
    memset(&value, 0, sizeof value);
    value.type = WRT_I32;
    value.of.i32 = 666;
    if ((status = define_global(store, imports, "global_i32", value)))
        return status;
    value.type = WRT_I64;
    value.of.i64 = 666;
    if ((status = define_global(store, imports, "global_i64", value)))
        return status;
    uint32_t f32_bits = 0x4426a666u; /* 666.6f */
    value.type = WRT_F32;
    memcpy(&value.of.f32, &f32_bits, 4);
    if ((status = define_global(store, imports, "global_f32", value)))
        return status;
    uint64_t f64_bits = 0x4084d4cccccccccdull; /* 666.6 */
    value.type = WRT_F64;
    memcpy(&value.of.f64, &f64_bits, 8);
    if ((status = define_global(store, imports, "global_f64", value)))
        return status;

    wrt_tabletype table_type = {WRT_FUNCREF, {10, 20, true}};
    wrt_val null_func;
    memset(&null_func, 0, sizeof null_func);
    null_func.type = WRT_FUNCREF;
    wrt_extern table;
    table.kind = WRT_EXTERN_TABLE;
    if ((status = wrt_table_new(store, &table_type, null_func, &table.of.table)) ||
        (status = define(imports, "table", table)))
        return status;

    wrt_memorytype memory_type = {{1, 2, true}};
    wrt_extern memory;
    memory.kind = WRT_EXTERN_MEMORY;
    if ((status = wrt_memory_new(store, &memory_type, &memory.of.memory)) ||
        (status = define(imports, "memory", memory)))
        return status;
    return WRT_OK;
}
