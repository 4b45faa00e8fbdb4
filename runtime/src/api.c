/* api.c: modules (decode + validate through exec.h, introspection) and functions (host functions, calls). */
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "instance.h"

/* --------------------------------------------------------------- module */

/* Orders two exports by name: length first, then bytes. */
static int compare_export_names(const wasm_name *a, const char *b, uint32_t b_length)
{
    if (a->length != b_length) return a->length < b_length ? -1 : 1;
    return b_length ? memcmp(a->chars, b, b_length) : 0;
}

/* Insertion into a sorted run would be quadratic: merge sort the indices
 * (qsort has no context argument for the names). */
static void sort_exports(const wasm_export *exports, uint32_t *order, uint32_t *scratch, uint32_t count)
{
    if (count < 2) return;
    uint32_t half = count / 2;
    sort_exports(exports, order, scratch, half);
    sort_exports(exports, order + half, scratch, count - half);
    uint32_t i = 0, j = half, k = 0;
    while (i < half && j < count) {
        const wasm_name *right = &exports[order[j]].name;
        if (compare_export_names(&exports[order[i]].name, right->chars, right->length) <= 0)
            scratch[k++] = order[i++];
        else
            scratch[k++] = order[j++];
    }
    while (i < half) scratch[k++] = order[i++];
    while (j < count) scratch[k++] = order[j++];
    memcpy(order, scratch, count * sizeof *order);
}

uint32_t module_find_export(const wrt_module *module, wrt_name name)
{
    const wasm_module *decoded = module->decoded;
    if (name.size > UINT32_MAX) return UINT32_MAX;
    uint32_t low = 0, high = decoded->export_count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        uint32_t index = module->export_order[middle];
        int order = compare_export_names(&decoded->exports[index].name, name.data, (uint32_t)name.size);
        if (order == 0) return index;
        if (order < 0) low = middle + 1;
        else high = middle;
    }
    return UINT32_MAX;
}

bool wrt_module_export_find(const wrt_module *module, wrt_name name, wrt_export_desc *out)
{
    uint32_t index = module_find_export(module, name);
    if (index == UINT32_MAX) return false;
    wrt_module_export(module, index, out);
    return true;
}

/* Builds the public view of the decoded types and their engine ids, and
 * the exports' order by name. */
static bool module_build_types(wrt_module *module)
{
    const wasm_module *decoded = module->decoded;
    size_t valtype_count = 0;
    for (uint32_t i = 0; i < decoded->type_count; i++)
        valtype_count += decoded->types[i].param_count +
                         decoded->types[i].result_count;
    module->types = calloc(decoded->type_count + 1, sizeof *module->types);
    module->valtypes = calloc(valtype_count + 1, sizeof *module->valtypes);
    module->signature_ids =
        calloc(decoded->type_count + 1, sizeof *module->signature_ids);
    uint32_t export_count = decoded->export_count;
    module->export_order = calloc(export_count + 1, sizeof *module->export_order);
    uint32_t *scratch = calloc(export_count + 1, sizeof *scratch);
    if (!module->types || !module->valtypes || !module->signature_ids || !module->export_order || !scratch) {
        free(scratch);
        return false;
    }
    for (uint32_t i = 0; i < export_count; i++)
        module->export_order[i] = i;
    sort_exports(decoded->exports, module->export_order, scratch, export_count);
    free(scratch);
    wrt_valtype *next = module->valtypes;
    for (uint32_t i = 0; i < decoded->type_count; i++) {
        const wasm_func_type *source = &decoded->types[i];
        wrt_functype *type = &module->types[i];
        type->param_count = source->param_count;
        type->params = next;
        for (uint32_t p = 0; p < source->param_count; p++)
            *next++ = value_type_from_wasm(source->params[p]);
        type->result_count = source->result_count;
        type->results = next;
        for (uint32_t r = 0; r < source->result_count; r++)
            *next++ = value_type_from_wasm(source->results[r]);
        module->signature_ids[i] = engine_signature_id(
            module->engine, type->params, type->param_count, type->results,
            type->result_count);
        if (module->signature_ids[i] == UINT32_MAX)
            return false;
    }
    return true;
}

static void module_free(wrt_module *module)
{
    exec_module_free(module);
    module_delete(module->decoded);
    free(module->types);
    free(module->valtypes);
    free(module->signature_ids);
    free(module->export_order);
    free(module);
}

void module_retain(wrt_module *module) { module->references++; }

void module_release(wrt_module *module)
{
    if (module && --module->references == 0)
        module_free(module);
}

wrt_status wrt_module_new(wrt_store *store, const uint8_t *bytes, size_t size,
                          wrt_module **out)
{
    *out = NULL;
    wasm_diag diag;
    wasm_diag_clear(&diag);
    wrt_module *module = calloc(1, sizeof *module);
    if (!module)
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    module->engine = store->engine;
    module->references = 1;
    wasm_status status = module_decode(bytes, size, &module->decoded, &diag);
    if (status == WASM_OK && !module_build_types(module)) {
        module_free(module);
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    }
    if (status == WASM_OK)
        status = exec_module_prepare(module, &diag);
    if (status == WASM_OK) {
        *out = module;
        return WRT_OK;
    }
    module_free(module);
    wrt_status result = status == WASM_OUT_OF_MEMORY ? WRT_ERR_NO_MEMORY
                        : status == WASM_MALFORMED   ? WRT_ERR_MALFORMED
                                                     : WRT_ERR_INVALID;
    char text[400];
    wasm_diag_format(&diag, text, sizeof text);
    store_fail(store, result, "%s: %s", wrt_status_message(result), text);
    store->error.func_index =
        diag.func_index == WASM_NO_FUNC ? WRT_NO_INDEX : diag.func_index;
    store->error.offset = diag.offset;
    return result;
}

void wrt_module_delete(wrt_module *module) { module_release(module); }

static wrt_name name_of(wasm_name name)
{
    wrt_name result;
    result.data = name.chars;
    result.size = name.length;
    return result;
}

static wrt_limits limits_of(wasm_limits limits)
{
    wrt_limits result;
    result.min = limits.min;
    result.max = limits.has_max ? limits.max : 0;
    result.has_max = limits.has_max;
    return result;
}

/* The declared type of entity `index` of `kind` in the module. */
static wrt_externtype module_entity_type(const wrt_module *module,
                                         wasm_extern_kind kind, uint32_t index)
{
    const wasm_module *decoded = module->decoded;
    wrt_externtype type;
    memset(&type, 0, sizeof type);
    switch (kind) {
    case WASM_EXTERN_FUNC:
        type.kind = WRT_EXTERN_FUNC;
        type.of.func = module->types[decoded->funcs[index].type_index];
        break;
    case WASM_EXTERN_TABLE:
        type.kind = WRT_EXTERN_TABLE;
        type.of.table.element =
            value_type_from_wasm(decoded->tables[index].elem_type);
        type.of.table.limits = limits_of(decoded->tables[index].limits);
        break;
    case WASM_EXTERN_MEMORY:
        type.kind = WRT_EXTERN_MEMORY;
        type.of.memory.limits = limits_of(decoded->memories[index].limits);
        break;
    case WASM_EXTERN_GLOBAL:
        type.kind = WRT_EXTERN_GLOBAL;
        type.of.global.type =
            value_type_from_wasm(decoded->globals[index].type.type);
        type.of.global.is_mutable = decoded->globals[index].type.mutable_;
        break;
    }
    return type;
}

size_t wrt_module_import_count(const wrt_module *module)
{
    return module->decoded->import_count;
}

void wrt_module_import(const wrt_module *module, size_t index,
                       wrt_import_desc *out)
{
    const wasm_import *import = &module->decoded->imports[index];
    out->module = name_of(import->module_name);
    out->name = name_of(import->field_name);
    out->type = module_entity_type(module, import->kind, import->index);
}

size_t wrt_module_export_count(const wrt_module *module)
{
    return module->decoded->export_count;
}

void wrt_module_export(const wrt_module *module, size_t index,
                       wrt_export_desc *out)
{
    const wasm_export *export_ = &module->decoded->exports[index];
    out->name = name_of(export_->name);
    out->type = module_entity_type(module, export_->kind, export_->index);
    out->index = export_->index;
}

size_t wrt_module_func_count(const wrt_module *module)
{
    return module->decoded->func_count;
}

wrt_name wrt_module_func_name(const wrt_module *module, uint32_t func_index)
{
    wrt_name none = {NULL, 0};
    if (func_index >= module->decoded->func_count ||
        !module->decoded->func_names[func_index].chars)
        return none;
    return name_of(module->decoded->func_names[func_index]);
}

wrt_status wrt_module_func_code(const wrt_module *module, uint32_t func_index,
                                wrt_func_code *out)
{
    memset(out, 0, sizeof *out);
    if (func_index >= module->decoded->func_count ||
        func_index < module->decoded->imported_func_count)
        return WRT_ERR_NOT_FOUND;
    return exec_func_code(module, func_index, out);
}

/* ------------------------------------------------------------ functions */

/* Makes a host function of `type` with one of the two callbacks. */
static wrt_status func_new_host(wrt_store *store, const wrt_functype *type,
                                wrt_host_callback callback,
                                wrt_host_raw_callback raw_callback,
                                void *user, wrt_func **out)
{
    *out = NULL;
    if ((!callback && !raw_callback) || (type->param_count && !type->params) ||
        (type->result_count && !type->results))
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "host function needs a callback and a type");
    uint32_t id = engine_signature_id(store->engine, type->params,
                                      type->param_count, type->results,
                                      type->result_count);
    wrt_func *func = calloc(1, sizeof *func);
    if (id == UINT32_MAX || !func || !store_adopt(&store->funcs, func)) {
        free(func);
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    }
    func->type = engine_signature_type(store->engine, id);
    func->signature_id = id;
    func_init_call_shape(func);
    func->store = store;
    func->func_index = WRT_NO_INDEX;
    func->callback = callback;
    func->raw_callback = raw_callback;
    func->user = user;
    exec_host_func_prepare(func);
    *out = func;
    return WRT_OK;
}

wrt_status wrt_func_new(wrt_store *store, const wrt_functype *type,
                        wrt_host_callback callback, void *user,
                        wrt_func **out)
{
    if (!callback) {
        *out = NULL;
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "host function needs a callback and a type");
    }
    return func_new_host(store, type, callback, NULL, user, out);
}

wrt_status wrt_func_new_raw(wrt_store *store, const wrt_functype *type,
                            wrt_host_raw_callback callback, void *user,
                            wrt_func **out)
{
    if (!callback) {
        *out = NULL;
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "host function needs a callback and a type");
    }
    return func_new_host(store, type, NULL, callback, user, out);
}

void func_init_call_shape(wrt_func *func)
{
    const wrt_functype *type = func->type;
    size_t slots = type->param_count > type->result_count ? type->param_count
                                                          : type->result_count;
    func->slot_count = slots ? (uint32_t)slots : 1; /* <= 1000 (validation) */
    func->result0_is_float = type->result_count &&
                             (type->results[0] == WRT_F32 ||
                              type->results[0] == WRT_F64);
    func->has_funcref_param = false;
    func->has_narrow_param = false;
    for (size_t i = 0; i < type->param_count; i++) {
        if (type->params[i] == WRT_FUNCREF)
            func->has_funcref_param = true;
        if (value_type_is_narrow(type->params[i]))
            func->has_narrow_param = true;
    }
}

const wrt_functype *wrt_func_type(const wrt_func *func) { return func->type; }

wrt_status wrt_host_trap(const wrt_host_call *call, const char *message)
{
    return store_trap(call->store, WRT_TRAP_HOST, WRT_NO_INDEX, WRT_NO_OFFSET,
                      "%s", message ? message : "host function trapped");
}

/* What a failed host callback leaves: a WRT_TRAP_HOST trap on the store
 * with the callback's own details if it recorded any (wrt_host_trap or a
 * failing API call), else one naming its status. Returns WRT_TRAP. */
static wrt_status func_host_failed(wrt_store *store, uint64_t errors_before,
                                   wrt_status status)
{
    if (store->error_count == errors_before)
        store_trap(store, WRT_TRAP_HOST, WRT_NO_INDEX, WRT_NO_OFFSET,
                   "host function failed: %s", wrt_status_message(status));
    else if (store->error.status != WRT_TRAP) {
        char cause[sizeof store->message];
        memcpy(cause, store->message, sizeof cause);
        store_trap(store, WRT_TRAP_HOST, WRT_NO_INDEX, WRT_NO_OFFSET,
                   "host function failed: %.400s", cause);
    }
    return WRT_TRAP;
}

/* A raw callback on its cells; i32/f32 results zero-extended after it. */
static wrt_status func_call_raw_callback(wrt_store *store, wrt_func *func,
                                         wrt_instance *caller, wrt_raw *cells)
{
    wrt_host_call call;
    call.store = store;
    call.caller = caller;
    call.user = func->user;
    uint64_t errors_before = store->error_count;
    wrt_status status = func->raw_callback(&call, cells);
    if (status != WRT_OK)
        return func_host_failed(store, errors_before, status);
    const wrt_functype *type = func->type;
    for (size_t i = 0; i < type->result_count; i++)
        if (value_type_is_narrow(type->results[i])) {
            uint32_t narrow; /* a 4-byte load, see value_slot_of */
            memcpy(&narrow, &cells[i], sizeof narrow);
            cells[i].bits = narrow;
        }
    return WRT_OK;
}

/* The raw kind called with wrt_vals: values to cells and back. */
static wrt_status func_call_raw_with_values(wrt_store *store, wrt_func *func,
                                            wrt_instance *caller,
                                            const wrt_val *args,
                                            wrt_val *results)
{
    const wrt_functype *type = func->type;
    wrt_raw local_cells[16];
    wrt_raw *cells = func->slot_count <= 16
                         ? local_cells
                         : malloc(func->slot_count * sizeof *cells);
    if (!cells)
        return store_trap(store, WRT_TRAP_HOST, WRT_NO_INDEX, WRT_NO_OFFSET,
                          "out of memory calling a host function");
    for (size_t i = 0; i < type->param_count; i++)
        cells[i].bits = value_slot_of(&args[i]);
    wrt_status status = func_call_raw_callback(store, func, caller, cells);
    for (size_t i = 0; status == WRT_OK && i < type->result_count; i++)
        value_store_slot(&results[i], type->results[i], cells[i].bits);
    if (cells != local_cells)
        free(cells);
    return status;
}

wrt_status func_call_host(wrt_store *store, wrt_func *func,
                          wrt_instance *caller, const wrt_val *args,
                          wrt_val *results)
{
    /* Typed zeros written in place (a value_default struct copied per
     * result costs a store-forwarding stall on every host call). */
    for (size_t i = 0; i < func->type->result_count; i++)
        value_store_slot(&results[i], func->type->results[i], 0);
    if (func->raw_callback)
        return func_call_raw_with_values(store, func, caller, args, results);
    wrt_host_call call;
    call.store = store;
    call.caller = caller;
    call.user = func->user;
    uint64_t errors_before = store->error_count;
    wrt_status status = func->callback(&call, args, results);
    /* Any failure of a host function is a trap. */
    if (status != WRT_OK)
        return func_host_failed(store, errors_before, status);
    for (size_t i = 0; i < func->type->result_count; i++)
        if (results[i].type != func->type->results[i])
            return store_trap(store, WRT_TRAP_HOST, WRT_NO_INDEX,
                              WRT_NO_OFFSET,
                              "host function returned %s for result %zu of "
                              "type %s", wrt_valtype_name(results[i].type), i,
                              wrt_valtype_name(func->type->results[i]));
    return WRT_OK;
}

/* Cells around a typed callback: converted to wrt_vals and back. */
static wrt_status func_call_typed_with_cells(wrt_store *store, wrt_func *func,
                                             wrt_instance *caller,
                                             wrt_raw *cells)
{
    const wrt_functype *type = func->type;
    wrt_val local_args[16], local_results[16];
    wrt_val *args = type->param_count <= 16
                        ? local_args
                        : malloc(type->param_count * sizeof *args);
    wrt_val *results = type->result_count <= 16
                           ? local_results
                           : malloc(type->result_count * sizeof *results);
    wrt_status status;
    if (!args || !results) {
        status = store_trap(store, WRT_TRAP_HOST, WRT_NO_INDEX, WRT_NO_OFFSET,
                            "out of memory calling a host function");
        goto done;
    }
    for (size_t i = 0; i < type->param_count; i++)
        value_store_slot(&args[i], type->params[i], cells[i].bits);
    status = func_call_host(store, func, caller, args, results);
    for (size_t i = 0; status == WRT_OK && i < type->result_count; i++)
        cells[i].bits = value_slot_of(&results[i]);
done:
    if (args != local_args)
        free(args);
    if (results != local_results)
        free(results);
    return status;
}

wrt_status func_call_host_cells(wrt_store *store, wrt_func *func,
                                wrt_instance *caller, wrt_raw *cells)
{
    if (func->raw_callback)
        return func_call_raw_callback(store, func, caller, cells);
    return func_call_typed_with_cells(store, func, caller, cells);
}

/* The argument checks of wrt_func_call, on its slow path: the message for
 * the first argument of the wrong type or of another store. */
static wrt_status func_argument_failure(wrt_store *store, const wrt_func *func,
                                        const wrt_val *args)
{
    const wrt_functype *type = func->type;
    for (size_t i = 0; i < type->param_count; i++) {
        if (args[i].type != type->params[i])
            return store_fail(store, WRT_ERR_TYPE_MISMATCH,
                              "argument %zu is %s, the function expects %s",
                              i, wrt_valtype_name(args[i].type),
                              wrt_valtype_name(type->params[i]));
        if (args[i].type == WRT_FUNCREF && args[i].of.funcref &&
            args[i].of.funcref->store != store)
            return store_fail(store, WRT_ERR_ARGUMENT,
                              "argument %zu is a function of another store",
                              i);
    }
    return WRT_OK;
}

static wrt_status func_count_failure(wrt_store *store, const wrt_func *func,
                                     size_t arg_count, size_t result_count)
{
    char text[200];
    value_format_functype(func->type, text, sizeof text);
    return store_fail(store, WRT_ERR_TYPE_MISMATCH,
                      "call with %zu arguments and %zu results to a "
                      "function of type %s", arg_count, result_count, text);
}

/* Every check is made before anything runs; the loop over the arguments
 * is the only per-argument work besides converting them (instance_call_wasm). */
wrt_status wrt_func_call(wrt_store *store, wrt_func *func, const wrt_val *args,
                         size_t arg_count, wrt_val *results,
                         size_t result_count)
{
    const wrt_functype *type = func->type;
    if (func->store != store)
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "function belongs to another store");
    if (arg_count != type->param_count || result_count != type->result_count)
        return func_count_failure(store, func, arg_count, result_count);
    bool arguments_ok = true;
    for (size_t i = 0; i < arg_count; i++)
        arguments_ok &= args[i].type == type->params[i];
    if (!arguments_ok || func->has_funcref_param) {
        wrt_status status = func_argument_failure(store, func, args);
        if (status)
            return status;
    }
    if (!func->instance) /* it presets the results' types */
        return func_call_host(store, func, NULL, args, results);
    wrt_status status = instance_call_wasm(store, func, args, results);
    /* As before the call: a failed call leaves typed zero results. */
    if (status != WRT_OK)
        for (size_t i = 0; i < result_count; i++)
            results[i] = value_default(type->results[i]);
    return status;
}

size_t wrt_func_raw_count(const wrt_func *func) { return func->slot_count; }

wrt_status wrt_func_call_raw(wrt_store *store, wrt_func *func, wrt_raw *cells,
                             size_t cell_count)
{
    if (func->store != store)
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "function belongs to another store");
    if (cell_count < func->slot_count || !cells)
        return store_fail(store, WRT_ERR_TYPE_MISMATCH,
                          "raw call with %zu cells to a function that needs "
                          "%u (wrt_func_raw_count)", cells ? cell_count : 0,
                          func->slot_count);
    const wrt_functype *type = func->type;
    if (func->has_funcref_param)
        for (size_t i = 0; i < type->param_count; i++)
            if (type->params[i] == WRT_FUNCREF && cells[i].funcref &&
                cells[i].funcref->store != store)
                return store_fail(store, WRT_ERR_ARGUMENT,
                                  "argument %zu is a function of another "
                                  "store", i);
    /* The calling convention wants i32/f32 zero-extended (generated code
     * uses a 32-bit argument register as a 64-bit address index): the
     * caller's upper bytes are ignored by clearing them here. */
    for (size_t i = 0; func->has_narrow_param && i < type->param_count; i++)
        if (value_type_is_narrow(type->params[i])) {
            uint32_t narrow; /* a 4-byte load, see value_slot_of */
            memcpy(&narrow, &cells[i], sizeof narrow);
            cells[i].bits = narrow;
        }
    if (!func->instance)
        return func_call_host_cells(store, func, NULL, cells);
    _Static_assert(sizeof(wrt_raw) == sizeof(uint64_t), "a raw cell is a slot");
    return instance_call_slots(store, func, (uint64_t *)(void *)cells);
}
