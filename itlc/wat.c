/* wat.c: the adapter module as WebAssembly text (what `itlc -S` prints);
 * wat2wasm turns it into the same module as wasm_writer.c, except for the
 * it.interface custom section, which WABT 1.0.32 cannot express and which
 * is therefore printed as comments. */
#include <string.h>

#include "itlc.h"

typedef struct wat_writer {
    arena *arena;
    bytes *out;
    const wasm_module *m;
} wat_writer;

static void wat_text(wat_writer *w, const char *text)
{
    bytes_put(w->arena, w->out, text, strlen(text));
}

static void wat_printf(wat_writer *w, const char *format, ...) ITLC_PRINTF(2, 3);
static void wat_printf(wat_writer *w, const char *format, ...)
{
    char buffer[256];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (length >= 0 && (size_t)length < sizeof buffer) {
        bytes_put(w->arena, w->out, buffer, (size_t)length);
        return;
    }
    char *big = arena_alloc(w->arena, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(big, (size_t)length + 1, format, args);
    va_end(args);
    bytes_put(w->arena, w->out, big, (size_t)length);
}

/* A WAT string literal: printable ASCII as is, everything else as \hh. */
static void wat_string(wat_writer *w, const void *data, size_t size)
{
    const uint8_t *p = data;
    wat_text(w, "\"");
    for (size_t i = 0; i < size; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
            bytes_byte(w->arena, w->out, p[i]);
        else
            wat_printf(w, "\\%02x", p[i]);
    }
    wat_text(w, "\"");
}

static const char *wat_valtype(uint8_t type)
{
    switch (type) {
    case VAL_I32: return "i32";
    case VAL_I64: return "i64";
    case VAL_F32: return "f32";
    case VAL_F64: return "f64";
    case VAL_FUNCREF: return "funcref";
    case VAL_EXTERNREF: return "externref";
    }
    return "?";
}

static void wat_valtypes(wat_writer *w, const char *keyword, const uint8_t *types, size_t count)
{
    if (!count)
        return;
    wat_printf(w, " (%s", keyword);
    for (size_t i = 0; i < count; i++)
        wat_printf(w, " %s", wat_valtype(types[i]));
    wat_text(w, ")");
}

static const char *wat_function_label(const wat_writer *w, uint32_t index)
{
    if (index < w->m->import_count)
        return w->m->imports[index].label;
    return w->m->functions[index - w->m->import_count].label;
}

static void wat_instr(wat_writer *w, const wasm_instr *instr)
{
    const wasm_op_info *info = wasm_op_get(instr->op);
    wat_printf(w, "    %s", info->name);
    switch (info->immediate) {
    case IMM_NONE:
        break;
    case IMM_INDEX:
        if (instr->op == WASM_CALL)
            wat_printf(w, " $%s", wat_function_label(w, instr->index));
        else if (instr->op == WASM_GLOBAL_GET || instr->op == WASM_GLOBAL_SET)
            wat_printf(w, " $%s", w->m->globals[instr->index]);
        else
            wat_printf(w, " %u", instr->index);
        break;
    case IMM_CALL_INDIRECT:
        wat_printf(w, " (type %u)", instr->index);
        break;
    case IMM_I32:
        wat_printf(w, " %d", (int32_t)(uint32_t)instr->bits);
        break;
    case IMM_I64:
        wat_printf(w, " %lld", (long long)(int64_t)instr->bits);
        break;
    case IMM_F32: {
        uint32_t bits = (uint32_t)instr->bits;
        float value;
        memcpy(&value, &bits, sizeof value);
        wat_printf(w, " %a", (double)value);
        break;
    }
    case IMM_F64: {
        double value;
        memcpy(&value, &instr->bits, sizeof value);
        wat_printf(w, " %a", value);
        break;
    }
    case IMM_HEAP_TYPE:
        wat_text(w, instr->bits == VAL_FUNCREF ? " func" : " extern");
        break;
    case IMM_BLOCK:
        if (instr->bits == 1)
            wat_printf(w, " (result %s)", instr->index == VAL_I32 ? "i32" : instr->index == VAL_I64 ? "i64"
                                          : instr->index == VAL_F32 ? "f32" : instr->index == VAL_F64 ? "f64"
                                                                                                      : "externref");
        else if (instr->bits == 2)
            wat_printf(w, " (type %u)", instr->index);
        break;
    case IMM_MEMARG:
        wat_printf(w, " offset=%u align=%u", instr->index, 1u << instr->bits);
        break;
    }
    wat_text(w, "\n");
}

void wat_write(const wasm_module *m, arena *a, bytes *out)
{
    wat_writer writer = { a, out, m }, *w = &writer;
    wat_text(w, "(module\n");
    if (m->interface_text)
        wat_text(w, m->interface_text);
    for (size_t i = 0; i < m->type_count; i++) {
        wat_printf(w, "  (type (;%zu;) (func", i);
        wat_valtypes(w, "param", m->types[i].params, m->types[i].param_count);
        wat_valtypes(w, "result", m->types[i].results, m->types[i].result_count);
        wat_text(w, "))\n");
    }
    for (size_t i = 0; i < m->import_count; i++) {
        const wasm_import *import = &m->imports[i];
        wat_text(w, "  (import ");
        wat_string(w, import->module.bytes, import->module.length);
        wat_text(w, " ");
        wat_string(w, import->name.bytes, import->name.length);
        wat_printf(w, " (func $%s (type %u)))\n", import->label, import->type_index);
    }
    for (size_t i = 0; i < m->function_count; i++) {
        const wasm_function *f = &m->functions[i];
        const wasm_functype *type = &m->types[f->type_index];
        wat_printf(w, "  (func $%s (type %u)", f->label, f->type_index);
        wat_valtypes(w, "param", type->params, type->param_count);
        wat_valtypes(w, "result", type->results, type->result_count);
        wat_valtypes(w, "local", f->locals, f->local_count);
        wat_text(w, "\n");
        for (size_t k = 0; k < f->code_count; k++)
            wat_instr(w, &f->code[k]);
        wat_text(w, "  )\n");
    }
    wat_printf(w, "  (table (;0;) %u %u funcref)\n", m->table_size, m->table_size);
    if (m->ref_table_size)
        wat_printf(w, "  (table (;1;) %u %u externref)\n", m->ref_table_size, m->ref_table_size);
    wat_printf(w, "  (memory (;0;) %u)\n", m->memory_pages);
    for (size_t i = 0; i < m->global_count; i++)
        wat_printf(w, "  (global $%s (mut i32) (i32.const 0))\n", m->globals[i]);
    for (size_t i = 0; i < m->export_count; i++) {
        const wasm_export *e = &m->exports[i];
        wat_text(w, "  (export ");
        wat_string(w, e->name.bytes, e->name.length);
        if (e->kind == WASM_EXPORT_FUNC)
            wat_printf(w, " (func $%s))\n", wat_function_label(w, e->index));
        else
            wat_printf(w, " (%s %u))\n", e->kind == WASM_EXPORT_TABLE ? "table" : "memory", e->index);
    }
    if (m->data.size) {
        wat_text(w, "  (data (i32.const 0) ");
        wat_string(w, m->data.data, m->data.size);
        wat_text(w, ")\n");
    }
    if (m->custom_name) {
        wat_printf(w, "  ;; (@custom \"%s\" ", m->custom_name);
        wat_string(w, m->custom.data, m->custom.size);
        wat_text(w, ")\n");
    }
    wat_text(w, ")\n");
}
