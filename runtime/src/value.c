/* value.c: value types, default values, and the text forms of types and names used in messages. */
#include <stdio.h>
#include <string.h>

#include "instance.h"

const char *wrt_valtype_name(wrt_valtype type)
{
    switch (type) {
    case WRT_I32: return "i32";
    case WRT_I64: return "i64";
    case WRT_F32: return "f32";
    case WRT_F64: return "f64";
    case WRT_V128: return "v128";
    case WRT_FUNCREF: return "funcref";
    case WRT_EXTERNREF: return "externref";
    }
    return "unknown";
}

const char *wrt_externkind_name(wrt_externkind kind)
{
    switch (kind) {
    case WRT_EXTERN_FUNC: return "func";
    case WRT_EXTERN_TABLE: return "table";
    case WRT_EXTERN_MEMORY: return "memory";
    case WRT_EXTERN_GLOBAL: return "global";
    }
    return "unknown";
}

wrt_valtype value_type_from_wasm(wasm_value_type type)
{
    switch (type) {
    case WASM_TYPE_I64: return WRT_I64;
    case WASM_TYPE_F32: return WRT_F32;
    case WASM_TYPE_F64: return WRT_F64;
    case WASM_TYPE_V128: return WRT_V128;
    case WASM_TYPE_FUNCREF: return WRT_FUNCREF;
    case WASM_TYPE_EXTERNREF: return WRT_EXTERNREF;
    default: return WRT_I32;
    }
}

bool value_type_is_ref(wrt_valtype type)
{
    return type == WRT_FUNCREF || type == WRT_EXTERNREF;
}

wrt_val value_default(wrt_valtype type)
{
    wrt_val value;
    memset(&value, 0, sizeof value);
    value.type = type;
    return value;
}

/* value_to_slot and value_store_slot (instance.h) copy the first 8 bytes of
 * the union and zero the other 8. */
_Static_assert(sizeof(((wrt_val *)0)->of) == 16, "wrt_val.of is 16 bytes");
_Static_assert(sizeof(void *) <= 8 && sizeof(double) == 8,
               "every slot type fits in 8 bytes");

/* Appends formatted text to buffer, truncating safely. */
static void append(char *buffer, size_t size, const char *text)
{
    size_t used = strlen(buffer);
    if (used + 1 < size)
        snprintf(buffer + used, size - used, "%s", text);
}

static void append_types(char *buffer, size_t size, const wrt_valtype *types,
                         size_t count)
{
    append(buffer, size, "[");
    for (size_t i = 0; i < count; i++) {
        if (i)
            append(buffer, size, " ");
        append(buffer, size, wrt_valtype_name(types[i]));
    }
    append(buffer, size, "]");
}

void value_format_functype(const wrt_functype *type, char *buffer, size_t size)
{
    if (!size)
        return;
    buffer[0] = 0;
    append_types(buffer, size, type->params, type->param_count);
    append(buffer, size, " -> ");
    append_types(buffer, size, type->results, type->result_count);
}

static void append_limits(char *buffer, size_t size, const wrt_limits *limits)
{
    char text[32];
    if (limits->has_max)
        snprintf(text, sizeof text, "%u..%u", limits->min, limits->max);
    else
        snprintf(text, sizeof text, "%u", limits->min);
    append(buffer, size, text);
}

void value_format_externtype(const wrt_externtype *type, char *buffer,
                             size_t size)
{
    if (!size)
        return;
    buffer[0] = 0;
    append(buffer, size, wrt_externkind_name(type->kind));
    append(buffer, size, " ");
    size_t used = strlen(buffer);
    switch (type->kind) {
    case WRT_EXTERN_FUNC:
        value_format_functype(&type->of.func, buffer + used, size - used);
        break;
    case WRT_EXTERN_TABLE:
        append_limits(buffer, size, &type->of.table.limits);
        append(buffer, size, " ");
        append(buffer, size, wrt_valtype_name(type->of.table.element));
        break;
    case WRT_EXTERN_MEMORY:
        append_limits(buffer, size, &type->of.memory.limits);
        break;
    case WRT_EXTERN_GLOBAL:
        if (type->of.global.is_mutable)
            append(buffer, size, "mut ");
        append(buffer, size, wrt_valtype_name(type->of.global.type));
        break;
    }
}

void value_format_name(wrt_name name, char *buffer, size_t size)
{
    size_t used = strlen(buffer);
    for (size_t i = 0; i < name.size && used + 5 < size; i++) {
        unsigned char c = (unsigned char)name.data[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            buffer[used++] = (char)c;
        else
            used += (size_t)snprintf(buffer + used, size - used, "\\%02x", c);
    }
    buffer[used] = 0;
}
