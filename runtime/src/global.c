/* global.c: globals as 16-byte cells that generated code and importers share. */
#include <stdlib.h>
#include <string.h>

#include "instance.h"

global_cell global_cell_from_val(wrt_val value)
{
    global_cell cell;
    memset(&cell, 0, sizeof cell);
    switch (value.type) {
    case WRT_I32: cell.i32 = value.of.i32; break;
    case WRT_I64: cell.i64 = value.of.i64; break;
    case WRT_F32: memcpy(&cell.f32_bits, &value.of.f32, 4); break;
    case WRT_F64: memcpy(&cell.f64_bits, &value.of.f64, 8); break;
    case WRT_V128: memcpy(cell.v128, value.of.v128, 16); break;
    case WRT_FUNCREF: cell.ref = value.of.funcref; break;
    case WRT_EXTERNREF: cell.ref = value.of.externref; break;
    }
    return cell;
}

wrt_val global_val_from_cell(wrt_valtype type, global_cell cell)
{
    wrt_val value;
    memset(&value, 0, sizeof value);
    value.type = type;
    switch (type) {
    case WRT_I32: value.of.i32 = cell.i32; break;
    case WRT_I64: value.of.i64 = cell.i64; break;
    case WRT_F32: memcpy(&value.of.f32, &cell.f32_bits, 4); break;
    case WRT_F64: memcpy(&value.of.f64, &cell.f64_bits, 8); break;
    case WRT_V128: memcpy(value.of.v128, cell.v128, 16); break;
    case WRT_FUNCREF: value.of.funcref = cell.ref; break;
    case WRT_EXTERNREF: value.of.externref = cell.ref; break;
    }
    return value;
}

wrt_status global_create(wrt_store *store, const wrt_globaltype *type,
                         wrt_val init, wrt_global **out)
{
    *out = NULL;
    if (init.type != type->type)
        return store_fail(store, WRT_ERR_TYPE_MISMATCH,
                          "global of type %s initialised with a %s value",
                          wrt_valtype_name(type->type),
                          wrt_valtype_name(init.type));
    wrt_global *global = calloc(1, sizeof *global);
    if (!global || !store_adopt(&store->globals, global)) {
        free(global);
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    }
    global->value = global_cell_from_val(init);
    global->type = *type;
    global->store = store;
    *out = global;
    return WRT_OK;
}

void global_destroy(wrt_global *global) { free(global); }

/* ------------------------------------------------------------ public API */

wrt_status wrt_global_new(wrt_store *store, const wrt_globaltype *type,
                          wrt_val init, wrt_global **out)
{
    return global_create(store, type, init, out);
}

wrt_globaltype wrt_global_type(const wrt_global *global)
{
    return global->type;
}

wrt_val wrt_global_get(const wrt_global *global)
{
    return global_val_from_cell(global->type.type, global->value);
}

wrt_status wrt_global_set(wrt_global *global, wrt_val value)
{
    if (!global->type.is_mutable)
        return store_fail(global->store, WRT_ERR_IMMUTABLE,
                          "cannot set an immutable global");
    if (value.type != global->type.type)
        return store_fail(global->store, WRT_ERR_TYPE_MISMATCH,
                          "%s value stored in a global of type %s",
                          wrt_valtype_name(value.type),
                          wrt_valtype_name(global->type.type));
    global->value = global_cell_from_val(value);
    return WRT_OK;
}
