/* instance.c: instantiation (imports, definitions, exports, segments, start) and constant expressions. */
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "instance.h"
#include "jit/vmctx.h"

/* Generated code reads runtime objects through the prefixes jit/vmctx.h
 * declares; these objects must start with exactly those fields. */
#define SAME_OFFSET(ours, field, theirs, their_field)                          \
    _Static_assert(offsetof(ours, field) == offsetof(theirs, their_field),     \
                   #ours "." #field " must match " #theirs "." #their_field)
SAME_OFFSET(wrt_func, code, vmctx_func, code);
SAME_OFFSET(wrt_func, vmctx, vmctx_func, vmctx);
SAME_OFFSET(wrt_func, signature_id, vmctx_func, signature_id);
SAME_OFFSET(wrt_memory, base, vmctx_memory, base);
SAME_OFFSET(wrt_memory, size, vmctx_memory, size);
SAME_OFFSET(wrt_table, codes, vmctx_table, codes);
SAME_OFFSET(wrt_table, vmctxs, vmctx_table, vmctxs);
SAME_OFFSET(wrt_table, signature_ids, vmctx_table, signature_ids);
SAME_OFFSET(wrt_table, refs, vmctx_table, refs);
SAME_OFFSET(wrt_table, size, vmctx_table, size);
_Static_assert(TABLE_NO_SIGNATURE == VMCTX_NO_SIGNATURE, "one null signature id");
_Static_assert(offsetof(wrt_global, value) == 0, "a global is its cell");
_Static_assert(sizeof(global_cell) == 16, "a global cell is 16 bytes");

void instance_destroy(wrt_instance *instance)
{
    if (!instance)
        return;
    exec_instance_free(instance);
    if (instance->element_items) {
        for (uint32_t i = 0; i < instance->decoded->elem_count; i++)
            free(instance->element_items[i]);
    }
    free(instance->element_items);
    free(instance->element_sizes);
    free(instance->data_sizes);
    free(instance->funcs);
    free(instance->tables);
    free(instance->memories);
    free(instance->globals);
    free(instance->exports);
    module_release(instance->module);
    free(instance);
}

wrt_val instance_eval_const(const wrt_instance *instance,
                            const wasm_const_expr *expr, wrt_valtype type)
{
    wrt_val value = value_default(type);
    switch (expr->kind) {
    case WASM_CONST_I32: value.of.i32 = expr->value.i32; break;
    case WASM_CONST_I64: value.of.i64 = expr->value.i64; break;
    case WASM_CONST_F32: memcpy(&value.of.f32, &expr->value.f32_bits, 4); break;
    case WASM_CONST_F64: memcpy(&value.of.f64, &expr->value.f64_bits, 8); break;
    case WASM_CONST_REF_NULL: break;
    case WASM_CONST_REF_FUNC:
        value.of.funcref = instance->funcs[expr->index];
        break;
    case WASM_CONST_GLOBAL_GET: {
        const wrt_global *global = instance->globals[expr->index];
        value = global_val_from_cell(global->type.type, global->value);
        break;
    }
    case WASM_CONST_OTHER: break; /* rejected by validation */
    }
    return value;
}

/* Allocates the index-space arrays (all zeroed). */
static bool instance_allocate(wrt_instance *instance)
{
    const wasm_module *decoded = instance->decoded;
#define ALLOCATE(field, count)                                                 \
    (instance->field = calloc((size_t)(count) + 1, sizeof *instance->field))
    return ALLOCATE(funcs, decoded->func_count) &&
           ALLOCATE(tables, decoded->table_count) &&
           ALLOCATE(memories, decoded->memory_count) &&
           ALLOCATE(globals, decoded->global_count) &&
           ALLOCATE(element_items, decoded->elem_count) &&
           ALLOCATE(element_sizes, decoded->elem_count) &&
           ALLOCATE(data_sizes, decoded->data_segment_count) &&
           ALLOCATE(exports, decoded->export_count);
#undef ALLOCATE
}

static wrt_status instance_link_imports(wrt_instance *instance,
                                        const wrt_imports *imports)
{
    const wasm_module *decoded = instance->decoded;
    for (uint32_t i = 0; i < decoded->import_count; i++) {
        const wasm_import *import = &decoded->imports[i];
        wrt_extern object;
        wrt_status status = link_resolve_import(
            instance->store, instance->module, i, imports, &object);
        if (status)
            return status;
        switch (object.kind) {
        case WRT_EXTERN_FUNC: instance->funcs[import->index] = object.of.func; break;
        case WRT_EXTERN_TABLE: instance->tables[import->index] = object.of.table; break;
        case WRT_EXTERN_MEMORY:
            instance->memories[import->index] = object.of.memory;
            break;
        case WRT_EXTERN_GLOBAL:
            instance->globals[import->index] = object.of.global;
            break;
        }
    }
    return WRT_OK;
}

/* Creates the module's own functions, globals, tables and memories. */
static wrt_status instance_define(wrt_instance *instance)
{
    const wasm_module *decoded = instance->decoded;
    wrt_store *store = instance->store;
    wrt_status status;
    for (uint32_t i = decoded->imported_func_count; i < decoded->func_count;
         i++) {
        wrt_func *func = calloc(1, sizeof *func);
        if (!func || !store_adopt(&store->funcs, func)) {
            free(func);
            return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
        }
        uint32_t id = instance->module->signature_ids[decoded->funcs[i].type_index];
        func->type = engine_signature_type(store->engine, id);
        func->signature_id = id;
        func_init_call_shape(func);
        func->store = store;
        func->instance = instance;
        func->func_index = i;
        instance->funcs[i] = func;
    }
    for (uint32_t i = decoded->imported_global_count; i < decoded->global_count;
         i++) {
        const wasm_global *source = &decoded->globals[i];
        wrt_globaltype type;
        type.type = value_type_from_wasm(source->type.type);
        type.is_mutable = source->type.mutable_;
        wrt_val init = instance_eval_const(instance, &source->init, type.type);
        status = global_create(store, &type, init, &instance->globals[i]);
        if (status)
            return status;
    }
    for (uint32_t i = decoded->imported_table_count; i < decoded->table_count;
         i++) {
        wrt_tabletype type;
        type.element = value_type_from_wasm(decoded->tables[i].elem_type);
        type.limits.min = decoded->tables[i].limits.min;
        type.limits.max = decoded->tables[i].limits.max;
        type.limits.has_max = decoded->tables[i].limits.has_max;
        status = table_create(store, &type, NULL, &instance->tables[i]);
        if (status)
            return status;
    }
    for (uint32_t i = decoded->imported_memory_count;
         i < decoded->memory_count; i++) {
        wrt_memorytype type;
        type.limits.min = decoded->memories[i].limits.min;
        type.limits.max = decoded->memories[i].limits.max;
        type.limits.has_max = decoded->memories[i].limits.has_max;
        status = memory_create(store, &type, &instance->memories[i]);
        if (status)
            return status;
    }
    for (uint32_t i = 0; i < decoded->export_count; i++) {
        const wasm_export *export_ = &decoded->exports[i];
        wrt_extern *object = &instance->exports[i];
        switch (export_->kind) {
        case WASM_EXTERN_FUNC:
            object->kind = WRT_EXTERN_FUNC;
            object->of.func = instance->funcs[export_->index];
            break;
        case WASM_EXTERN_TABLE:
            object->kind = WRT_EXTERN_TABLE;
            object->of.table = instance->tables[export_->index];
            break;
        case WASM_EXTERN_MEMORY:
            object->kind = WRT_EXTERN_MEMORY;
            object->of.memory = instance->memories[export_->index];
            break;
        case WASM_EXTERN_GLOBAL:
            object->kind = WRT_EXTERN_GLOBAL;
            object->of.global = instance->globals[export_->index];
            break;
        }
    }
    return WRT_OK;
}

/* Evaluates every element segment's items once (table.init copies them). */
static wrt_status instance_evaluate_segments(wrt_instance *instance)
{
    const wasm_module *decoded = instance->decoded;
    for (uint32_t i = 0; i < decoded->elem_count; i++) {
        const wasm_elem_segment *segment = &decoded->elems[i];
        wrt_valtype type = value_type_from_wasm(segment->elem_type);
        void **items = calloc((size_t)segment->item_count + 1, sizeof *items);
        if (!items)
            return store_fail(instance->store, WRT_ERR_NO_MEMORY,
                              "out of memory");
        for (uint32_t k = 0; k < segment->item_count; k++)
            items[k] = table_ref_from_val(
                instance_eval_const(instance, &segment->items[k], type));
        instance->element_items[i] = items;
        instance->element_sizes[i] = segment->item_count;
    }
    for (uint32_t i = 0; i < decoded->data_segment_count; i++)
        instance->data_sizes[i] = decoded->data[i].size;
    return WRT_OK;
}

/* Wasm 2.0 order: every element segment in order (active ones are
 * table.init + elem.drop, declarative ones elem.drop), then every data
 * segment (active: memory.init + data.drop). Each segment is checked as a
 * whole; the first out-of-bounds one traps and earlier writes stay. */
static wrt_status instance_apply_segments(wrt_instance *instance)
{
    const wasm_module *decoded = instance->decoded;
    for (uint32_t i = 0; i < decoded->elem_count; i++) {
        const wasm_elem_segment *segment = &decoded->elems[i];
        if (segment->mode == WASM_SEGMENT_PASSIVE)
            continue;
        if (segment->mode == WASM_SEGMENT_ACTIVE) {
            wrt_val offset = instance_eval_const(instance, &segment->offset,
                                                 WRT_I32);
            wrt_trap_kind trap = table_init(
                instance->tables[segment->table_index], (uint32_t)offset.of.i32,
                instance->element_items[i], instance->element_sizes[i], 0,
                instance->element_sizes[i]);
            if (trap)
                return store_trap(instance->store, trap, WRT_NO_INDEX,
                                  segment->section_offset,
                                  "%s: element segment %u at offset %u",
                                  wrt_trap_message(trap), i,
                                  (uint32_t)offset.of.i32);
        }
        instance->element_sizes[i] = 0;
    }
    for (uint32_t i = 0; i < decoded->data_segment_count; i++) {
        const wasm_data_segment *segment = &decoded->data[i];
        if (segment->mode != WASM_SEGMENT_ACTIVE)
            continue;
        wrt_val offset = instance_eval_const(instance, &segment->offset,
                                             WRT_I32);
        wrt_trap_kind trap = memory_init(
            instance->memories[segment->memory_index], (uint32_t)offset.of.i32,
            segment->bytes, segment->size, 0, segment->size);
        if (trap)
            return store_trap(instance->store, trap, WRT_NO_INDEX,
                              segment->section_offset,
                              "%s: data segment %u at offset %u",
                              wrt_trap_message(trap), i,
                              (uint32_t)offset.of.i32);
        instance->data_sizes[i] = 0;
    }
    return WRT_OK;
}

static wrt_status instance_run_start(wrt_instance *instance)
{
    const wasm_module *decoded = instance->decoded;
    if (!decoded->has_start)
        return WRT_OK;
    wrt_func *start = instance->funcs[decoded->start_func];
    if (!start->instance)
        return func_call_host(instance->store, start, instance, NULL, NULL);
    return instance_call_wasm(instance->store, start, NULL, NULL);
}

wrt_status wrt_instance_new(wrt_store *store, wrt_module *module,
                            const wrt_imports *imports, wrt_instance **out)
{
    *out = NULL;
    if (module->engine != store->engine)
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "module was made by another engine");
    if (store->limits.instances && store->instances.count >= store->limits.instances)
        return store_fail(store, WRT_ERR_LIMIT, "the store's limit of %u instances is reached",
                          store->limits.instances);
    wrt_instance *instance = calloc(1, sizeof *instance);
    if (!instance || !store_adopt(&store->instances, instance)) {
        free(instance);
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    }
    /* From here on the store owns the instance, even if instantiation
     * fails: a failed instance's functions may already sit in imported
     * tables, and the spec keeps them callable. */
    instance->store = store;
    instance->module = module;
    instance->decoded = module->decoded;
    instance->signature_ids = module->signature_ids;
    module_retain(module);
    wrt_status status;
    if (!instance_allocate(instance))
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    if ((status = instance_link_imports(instance, imports)) ||
        (status = instance_define(instance)) ||
        (status = instance_evaluate_segments(instance)) ||
        (status = exec_instance_prepare(store, instance)) ||
        (status = instance_apply_segments(instance)) ||
        (status = instance_run_start(instance)))
        return status;
    *out = instance;
    return WRT_OK;
}

wrt_module *wrt_instance_module(const wrt_instance *instance)
{
    return instance->module;
}

wrt_status wrt_instance_export(const wrt_instance *instance, wrt_name name,
                               wrt_extern *out)
{
    uint32_t index = module_find_export(instance->module, name);
    if (index != UINT32_MAX) {
        *out = instance->exports[index];
        return WRT_OK;
    }
    char text[200] = "";
    value_format_name(name, text, sizeof text);
    return store_fail(instance->store, WRT_ERR_NOT_FOUND, "no export named %s",
                      text);
}

size_t wrt_instance_export_count(const wrt_instance *instance)
{
    return instance->decoded->export_count;
}

void wrt_instance_export_at(const wrt_instance *instance, size_t index,
                            wrt_name *name, wrt_extern *out)
{
    const wasm_export *export_ = &instance->decoded->exports[index];
    if (name) {
        name->data = export_->name.chars;
        name->size = export_->name.length;
    }
    *out = instance->exports[index];
}

/* ------------------------------------------------ helpers for generated code */

wrt_trap_kind instance_table_init(wrt_instance *instance, uint32_t table_index,
                                  uint32_t segment, uint32_t dst, uint32_t src,
                                  uint32_t count)
{
    return table_init(instance->tables[table_index], dst,
                      instance->element_items[segment],
                      instance->element_sizes[segment], src, count);
}

wrt_trap_kind instance_memory_init(wrt_instance *instance,
                                   uint32_t memory_index, uint32_t segment,
                                   uint32_t dst, uint32_t src, uint32_t count)
{
    return memory_init(instance->memories[memory_index], dst,
                       instance->decoded->data[segment].bytes,
                       instance->data_sizes[segment], src, count);
}

void instance_elem_drop(wrt_instance *instance, uint32_t segment)
{
    instance->element_sizes[segment] = 0;
}

void instance_data_drop(wrt_instance *instance, uint32_t segment)
{
    instance->data_sizes[segment] = 0;
}
