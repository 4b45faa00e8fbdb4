/* diag.c: status messages, the diagnostic record, and value/extern type names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "module.h"

const char *wasm_status_message(wasm_status status)
{
    switch (status) {
#define WASM_STATUS_CASE(code, message) case code: return message;
        WASM_STATUS_LIST(WASM_STATUS_CASE)
#undef WASM_STATUS_CASE
    }
    return "unknown status";
}

void wasm_diag_clear(wasm_diag *diag)
{
    diag->status = WASM_OK;
    diag->func_index = WASM_NO_FUNC;
    diag->offset = 0;
    diag->message[0] = '\0';
}

wasm_status wasm_diag_set(wasm_diag *diag, wasm_status status, uint32_t func_index,
                          size_t offset, const char *format, ...)
{
    if (!diag || diag->status != WASM_OK)
        return status;
    diag->status = status;
    diag->func_index = func_index;
    diag->offset = offset;
    va_list args;
    va_start(args, format);
    vsnprintf(diag->message, sizeof diag->message, format, args);
    va_end(args);
    return status;
}

char *wasm_diag_format(const wasm_diag *diag, char *buffer, size_t size)
{
    const char *message = diag->message[0] ? diag->message
                                           : wasm_status_message(diag->status);
    if (diag->func_index != WASM_NO_FUNC)
        snprintf(buffer, size, "function %u at offset 0x%zx: %s",
                 diag->func_index, diag->offset, message);
    else
        snprintf(buffer, size, "at offset 0x%zx: %s", diag->offset, message);
    return buffer;
}

const char *wasm_value_type_name(wasm_value_type type)
{
    switch (type) {
    case WASM_TYPE_I32: return "i32";
    case WASM_TYPE_I64: return "i64";
    case WASM_TYPE_F32: return "f32";
    case WASM_TYPE_F64: return "f64";
    case WASM_TYPE_V128: return "v128";
    case WASM_TYPE_FUNCREF: return "funcref";
    case WASM_TYPE_EXTERNREF: return "externref";
    default: return "unknown";
    }
}

bool wasm_value_type_is_ref(wasm_value_type type)
{
    return type == WASM_TYPE_FUNCREF || type == WASM_TYPE_EXTERNREF;
}

const char *wasm_extern_kind_name(wasm_extern_kind kind)
{
    switch (kind) {
    case WASM_EXTERN_FUNC: return "func";
    case WASM_EXTERN_TABLE: return "table";
    case WASM_EXTERN_MEMORY: return "memory";
    case WASM_EXTERN_GLOBAL: return "global";
    }
    return "unknown";
}
