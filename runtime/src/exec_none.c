/* exec_none.c: the execution seam (exec.h) without an execution engine: validate only, never run wasm code. */
#include "exec.h"
#include "validate.h"

/* Deleted when the JIT lands: its own implementation of exec.h replaces
 * this file (see exec.h for the contracts). */

wasm_status exec_module_prepare(wrt_module *module, wasm_diag *diag)
{
    return validate_module(module->decoded, NULL, diag);
}

void exec_module_free(wrt_module *module) { (void)module; }

wrt_status exec_instance_prepare(wrt_store *store, wrt_instance *instance)
{
    (void)store;
    (void)instance;
    return WRT_OK;
}

void exec_instance_free(wrt_instance *instance) { (void)instance; }

void exec_host_func_prepare(wrt_func *func) { (void)func; }

wrt_status instance_call_wasm(wrt_store *store, wrt_func *func,
                              const wrt_val *args, wrt_val *results)
{
    (void)args;
    (void)results;
    wrt_name name = wrt_module_func_name(func->instance->module,
                                         func->func_index);
    return store_fail(store, WRT_ERR_NO_EXECUTION,
                      "cannot run wasm function %u%s%.*s: wasm execution is "
                      "not available in this build (no JIT yet)",
                      func->func_index, name.data ? " " : "",
                      (int)name.size, name.data ? name.data : "");
}

bool exec_available(void) { return false; }
