/* exec_jit.c: the execution seam (exec.h) implemented by the baseline JIT: compile modules, build vmctxs, run code. */
#include <stdlib.h>
#include <string.h>

#include "../exec.h"
#include "../trap.h"
#include "jit.h"
#include "vmctx.h"

/*
 * Implements exec.h. Module load = validation + compilation in
 * one pass (the JIT rides on the validator); an instance's vmctx points at
 * the instance's own arrays; traps come back through trap_call with the
 * wasm function index and byte offset of the faulting instruction.
 */

/* ---- runtime helpers (vmctx.h), called by generated code ---------------- */

static wrt_instance *instance_of(void *context)
{
    return ((vmctx *)context)->instance;
}

/* Helpers are called directly by generated code, so their return address
 * locates the wasm instruction that called them: a helper traps at the
 * caller's function and offset. Use only in the helper itself (not in a
 * function it calls, whose return address would be in C). */
#define CALLER_PC() ((uintptr_t)__builtin_return_address(0) - 1)

static void raise_if(wrt_trap_kind kind, uintptr_t pc)
{
    if (kind != WRT_TRAP_NONE)
        trap_raise_at(kind, pc);
}

static uint64_t helper_memory_grow(void *context, uint64_t delta, uint64_t unused1, uint64_t unused2,
                                   uint64_t unused3, uint64_t unused4)
{
    return (uint32_t)memory_grow(instance_of(context)->memories[0], (uint32_t)delta);
}

static uint64_t helper_memory_fill(void *context, uint64_t dst, uint64_t value, uint64_t count, uint64_t unused3,
                                   uint64_t unused4)
{
    raise_if(memory_fill(instance_of(context)->memories[0], (uint32_t)dst, (uint8_t)value, (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_memory_copy(void *context, uint64_t dst, uint64_t src, uint64_t count, uint64_t unused3,
                                   uint64_t unused4)
{
    wrt_memory *memory = instance_of(context)->memories[0];
    raise_if(memory_copy(memory, (uint32_t)dst, memory, (uint32_t)src, (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_memory_init(void *context, uint64_t segment, uint64_t dst, uint64_t src, uint64_t count,
                                   uint64_t unused4)
{
    raise_if(instance_memory_init(instance_of(context), 0, (uint32_t)segment, (uint32_t)dst, (uint32_t)src,
                                  (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_data_drop(void *context, uint64_t segment, uint64_t unused1, uint64_t unused2,
                                 uint64_t unused3, uint64_t unused4)
{
    instance_data_drop(instance_of(context), (uint32_t)segment);
    return 0;
}

static wrt_table *table_at(void *context, uint64_t table_index)
{
    return instance_of(context)->tables[(uint32_t)table_index];
}

static uint64_t helper_table_get(void *context, uint64_t table_index, uint64_t index, uint64_t unused2,
                                 uint64_t unused3, uint64_t unused4)
{
    wrt_table *table = table_at(context, table_index);
    if ((uint32_t)index >= table->size)
        trap_raise_at(WRT_TRAP_TABLE_OUT_OF_BOUNDS, CALLER_PC());
    return (uint64_t)(uintptr_t)table->refs[(uint32_t)index];
}

static uint64_t helper_table_set(void *context, uint64_t table_index, uint64_t index, uint64_t reference,
                                 uint64_t unused3, uint64_t unused4)
{
    wrt_table *table = table_at(context, table_index);
    if ((uint32_t)index >= table->size)
        trap_raise_at(WRT_TRAP_TABLE_OUT_OF_BOUNDS, CALLER_PC());
    table_write(table, (uint32_t)index, (void *)(uintptr_t)reference);
    return 0;
}

static uint64_t helper_table_grow(void *context, uint64_t table_index, uint64_t reference, uint64_t delta,
                                  uint64_t unused3, uint64_t unused4)
{
    return (uint32_t)table_grow(table_at(context, table_index), (uint32_t)delta, (void *)(uintptr_t)reference);
}

static uint64_t helper_table_fill(void *context, uint64_t table_index, uint64_t dst, uint64_t reference,
                                  uint64_t count, uint64_t unused4)
{
    raise_if(table_fill(table_at(context, table_index), (uint32_t)dst, (void *)(uintptr_t)reference,
                        (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_table_copy(void *context, uint64_t dst_table, uint64_t src_table, uint64_t dst, uint64_t src,
                                  uint64_t count)
{
    raise_if(table_copy(table_at(context, dst_table), (uint32_t)dst, table_at(context, src_table), (uint32_t)src,
                        (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_table_init(void *context, uint64_t segment, uint64_t table_index, uint64_t dst, uint64_t src,
                                  uint64_t count)
{
    raise_if(instance_table_init(instance_of(context), (uint32_t)table_index, (uint32_t)segment, (uint32_t)dst,
                                 (uint32_t)src, (uint32_t)count), CALLER_PC());
    return 0;
}

static uint64_t helper_elem_drop(void *context, uint64_t segment, uint64_t unused1, uint64_t unused2,
                                 uint64_t unused3, uint64_t unused4)
{
    instance_elem_drop(instance_of(context), (uint32_t)segment);
    return 0;
}

/* A host function called from wasm: the caller's outgoing slots are the
 * cells (func_call_host_cells: a raw callback gets them in place, a typed
 * one converted to wrt_vals and back); results i >= 1 stay in the slots,
 * result 0 is returned. A failure is already recorded on the store as a
 * WRT_TRAP_HOST trap (no pc), so it unwinds with trap_raise and
 * instance_call_wasm keeps those details. */
static uint64_t helper_call_host(void *context, uint64_t host, uint64_t slots_address, uint64_t unused2,
                                 uint64_t unused3, uint64_t unused4)
{
    wrt_func *func = (wrt_func *)(uintptr_t)host;
    wrt_raw *cells = (wrt_raw *)(uintptr_t)slots_address;
    if (func_call_host_cells(func->store, func, instance_of(context), cells) != WRT_OK)
        trap_raise(WRT_TRAP_HOST);
    /* A () -> () call from wasm passes no slots at all. */
    return func->type->result_count ? cells[0].bits : 0;
}

static const vmctx_helpers jit_helpers = {{
    [VMCTX_HELPER_MEMORY_GROW] = helper_memory_grow,
    [VMCTX_HELPER_MEMORY_FILL] = helper_memory_fill,
    [VMCTX_HELPER_MEMORY_COPY] = helper_memory_copy,
    [VMCTX_HELPER_MEMORY_INIT] = helper_memory_init,
    [VMCTX_HELPER_DATA_DROP] = helper_data_drop,
    [VMCTX_HELPER_TABLE_GET] = helper_table_get,
    [VMCTX_HELPER_TABLE_SET] = helper_table_set,
    [VMCTX_HELPER_TABLE_GROW] = helper_table_grow,
    [VMCTX_HELPER_TABLE_FILL] = helper_table_fill,
    [VMCTX_HELPER_TABLE_COPY] = helper_table_copy,
    [VMCTX_HELPER_TABLE_INIT] = helper_table_init,
    [VMCTX_HELPER_ELEM_DROP] = helper_elem_drop,
    [VMCTX_HELPER_CALL_HOST] = helper_call_host,
}};

/* ---- exec.h --------------------------------------------------------------- */

wasm_status exec_module_prepare(wrt_module *module, wasm_diag *diag)
{
    jit_code *code = NULL;
    wasm_status status = jit_compile_module(module->decoded, NULL, &code, diag);
    if (status == WASM_OK)
        module->compiled = code;
    return status;
}

wrt_status exec_func_code(const wrt_module *module, uint32_t func_index, wrt_func_code *out)
{
    const jit_code *code = module->compiled;
    size_t start = code->entry_offsets[func_index], end = code->code.size;
    for (uint32_t i = func_index + 1; i < code->func_count && end == code->code.size; i++)
        if (code->entry_offsets[i] != SIZE_MAX)
            end = code->entry_offsets[i]; /* functions are laid out in index order */
    size_t first = 0, count = 0;
    while (first < code->position_count && code->positions[first].code_offset < start)
        first++;
    while (first + count < code->position_count && code->positions[first + count].code_offset < end)
        count++;
    if (count && !(out->positions = malloc(count * sizeof *out->positions)))
        return WRT_ERR_NO_MEMORY;
    for (size_t i = 0; i < count; i++) {
        out->positions[i].code_offset = code->positions[first + i].code_offset - (uint32_t)start;
        out->positions[i].wasm_offset = code->positions[first + i].wasm_offset;
    }
    out->position_count = count;
    out->code = code->code.base + start;
    out->size = end - start;
    return WRT_OK;
}

void exec_module_free(wrt_module *module)
{
    jit_code_free(module->compiled);
    module->compiled = NULL;
}

wrt_status exec_instance_prepare(wrt_store *store, wrt_instance *instance)
{
    vmctx *context = calloc(1, sizeof *context);
    if (!context)
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    const wasm_module *module = instance->decoded;
    if (module->memory_count) {
        context->memory_base = instance->memories[0]->base;
        context->memory = (vmctx_memory *)instance->memories[0];
    }
    context->guard = &store->guard;
    trap_guard_add_flag(&store->guard, &context->interrupt); /* freed with the store, never before */
    context->globals = (void **)instance->globals;
    context->funcs = (vmctx_func **)instance->funcs;
    context->tables = (vmctx_table **)instance->tables;
    if (module->table_count)
        context->table0 = (vmctx_table *)instance->tables[0];
    context->signature_ids = instance->signature_ids;
    context->helpers = &jit_helpers;
    context->instance = instance;
    const jit_code *code = instance->module->compiled;
    for (uint32_t i = module->imported_func_count; i < module->func_count; i++) {
        wrt_func *func = instance->funcs[i];
        if (func->instance == instance) {
            func->code = jit_entry(code, i);
            func->vmctx = context;
        }
    }
    instance->vmctx = context;
    return WRT_OK;
}

void exec_instance_free(wrt_instance *instance)
{
    free(instance->vmctx);
    instance->vmctx = NULL;
}

void exec_host_func_prepare(wrt_func *func)
{
    func->code = trap_host_trampoline();
    func->vmctx = func;
}

/* A trap's details on the store: the kind, and the wasm function and
 * offset its pc maps to (a host trap raised without a pc is already there). */
static wrt_status exec_record_trap(wrt_store *store, wrt_trap_kind kind, const trap_info *info)
{
    if (kind == WRT_TRAP_HOST && info->pc == 0)
        return WRT_TRAP; /* recorded on the store by func_call_host */
    uint32_t func_index = WRT_NO_INDEX, offset = 0;
    const jit_code *owner = trap_code_owner(info->pc);
    bool found = owner && jit_lookup_pc(owner, info->pc, &func_index, &offset);
    if (info->detail)
        return store_trap(store, kind, found ? func_index : WRT_NO_INDEX, found ? offset : WRT_NO_OFFSET, "%s",
                          info->detail);
    return store_trap(store, kind, found ? func_index : WRT_NO_INDEX, found ? offset : WRT_NO_OFFSET, NULL);
}

wrt_status instance_call_slots(wrt_store *store, wrt_func *func, uint64_t *slots)
{
    trap_info info;
    wrt_trap_kind kind = trap_call_slots(func->code, func->vmctx, slots, func->slot_count, func->result0_is_float, &info);
    return kind == WRT_TRAP_NONE ? WRT_OK : exec_record_trap(store, kind, &info);
}

wrt_status instance_call_wasm(wrt_store *store, wrt_func *func, const wrt_val *args, wrt_val *results)
{
    const wrt_functype *type = func->type;
    size_t nslots = func->slot_count;
    uint64_t local_slots[32];
    uint64_t *slots = nslots <= 32 ? local_slots : malloc(nslots * sizeof *slots);
    if (!slots)
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < type->param_count; i++)
        slots[i] = value_slot_of(&args[i]);
    wrt_status status = instance_call_slots(store, func, slots);
    if (status == WRT_OK)
        for (size_t i = 0; i < type->result_count; i++)
            value_store_slot(&results[i], type->results[i], slots[i]);
    if (slots != local_slots)
        free(slots);
    return status;
}
