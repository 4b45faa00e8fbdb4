/* exec.h: the seam between the instance model and the execution engine (the JIT). */
#ifndef WRT_EXEC_H
#define WRT_EXEC_H

/*
 * The instance model (instance.c, api.c) calls exactly these functions to
 * validate/compile code and to run it. The baseline JIT implements them in
 * jit/exec_jit.c; another execution engine (an interpreter, a port) would
 * implement the same functions and nothing else would change.
 *
 * Contracts:
 *  - exec_module_prepare: called once by wrt_module_new after decoding. It
 *    must validate every function (validate_module, with or without a
 *    consumer) and may compile; on failure it fills `diag` and returns its
 *    status. It may set module->compiled (freed by exec_module_free).
 *  - exec_instance_prepare: called by wrt_instance_new once the instance's
 *    index spaces (funcs, tables, memories, globals, signature ids, segment
 *    state) are filled and BEFORE segments are applied or start runs. It
 *    builds instance->vmctx and sets `code` and `vmctx` of every wrt_func the
 *    instance defines (instance->funcs[i]->instance == instance).
 *  - exec_host_func_prepare: called by wrt_func_new for every host function;
 *    sets its `code`/`vmctx` so generated code can call it like any other.
 *  - instance_call_wasm: calls a function defined in wasm (func->instance !=
 *    NULL). Argument types were checked by the caller; `results` has room
 *    for the type's result count and gets values with their types set (on
 *    WRT_OK only). A trap returns store_trap(...)'s WRT_TRAP with kind,
 *    function index and byte offset when known. Reentrant: a host function
 *    called from wasm may call wasm again.
 *  - exec_func_code: the machine code of defined function `func_index`
 *    for wrt_module_func_code (the index was checked); an engine without
 *    machine code returns WRT_ERR_NOT_FOUND.
 *  - instance_call_slots: the same call with the values already in the
 *    calling convention's 8-byte slots (jit/vmctx.h, value_to_slot):
 *    func->slot_count cells, arguments in, results out (result i in
 *    slots[i]). Nothing is checked: wrt_func_call_raw's caller did that.
 */

#include "instance.h"

wasm_status exec_module_prepare(wrt_module *module, wasm_diag *diag);
void exec_module_free(wrt_module *module);
wrt_status exec_instance_prepare(wrt_store *store, wrt_instance *instance);
void exec_instance_free(wrt_instance *instance);
void exec_host_func_prepare(wrt_func *func);
wrt_status exec_func_code(const wrt_module *module, uint32_t func_index,
                          wrt_func_code *out);
wrt_status instance_call_wasm(wrt_store *store, wrt_func *func,
                              const wrt_val *args, wrt_val *results);
wrt_status instance_call_slots(wrt_store *store, wrt_func *func,
                               uint64_t *slots);

#endif /* WRT_EXEC_H */
