/* wasm_writer.c: the adapter module to the wasm binary format (and the byte
 * buffer helpers every stage uses). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itlc.h"
#include "read_file.h"

void bytes_put(arena *a, bytes *b, const void *data, size_t size)
{
    if (b->size + size > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 64;
        while (capacity < b->size + size)
            capacity *= 2;
        uint8_t *grown = arena_alloc(a, capacity);
        if (b->size)
            memcpy(grown, b->data, b->size);
        b->data = grown;
        b->capacity = capacity;
    }
    if (size)
        memcpy(b->data + b->size, data, size);
    b->size += size;
}

void bytes_printf(arena *a, bytes *b, const char *format, ...)
{
    char small[256];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (length < 0)
        return;
    if ((size_t)length < sizeof small) {
        bytes_put(a, b, small, (size_t)length);
        return;
    }
    char *text = arena_alloc(a, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    bytes_put(a, b, text, (size_t)length);
}

int bytes_read_path(arena *a, bytes *b, const char *path)
{
    /* tools/read_file's bounded reader; "-" is a file of that name here,
     * not standard input. */
    size_t size;
    uint8_t *data = read_file(strcmp(path, "-") == 0 ? "./-" : path, &size);
    if (!data)
        return errno;
    bytes_put(a, b, data, size);
    free(data);
    return 0;
}

void bytes_byte(arena *a, bytes *b, uint8_t byte)
{
    bytes_put(a, b, &byte, 1);
}

void bytes_uleb(arena *a, bytes *b, uint64_t value)
{
    do {
        uint8_t byte = value & 0x7f;
        value >>= 7;
        bytes_byte(a, b, (uint8_t)(byte | (value ? 0x80 : 0)));
    } while (value);
}

void bytes_sleb(arena *a, bytes *b, int64_t value)
{
    for (;;) {
        uint8_t byte = (uint8_t)(value & 0x7f);
        value >>= 7; /* arithmetic shift: gcc and clang define it */
        bool done = (value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40));
        bytes_byte(a, b, (uint8_t)(byte | (done ? 0 : 0x80)));
        if (done)
            return;
    }
}

void bytes_name(arena *a, bytes *b, itlc_str name)
{
    bytes_uleb(a, b, name.length);
    bytes_put(a, b, name.bytes, name.length);
}

static void writer_section(arena *a, bytes *out, uint8_t id, const bytes *content)
{
    bytes_byte(a, out, id);
    bytes_uleb(a, out, content->size);
    bytes_put(a, out, content->data, content->size);
}

static void writer_valtypes(arena *a, bytes *b, const uint8_t *types, size_t count)
{
    bytes_uleb(a, b, count);
    bytes_put(a, b, types, count);
}

static void writer_instr(arena *a, bytes *b, const wasm_instr *instr)
{
    const wasm_op_info *info = wasm_op_get(instr->op);
    if (info->prefix)
        bytes_byte(a, b, info->prefix);
    bytes_byte(a, b, info->code);
    switch (info->immediate) {
    case IMM_NONE:
        break;
    case IMM_INDEX:
        bytes_uleb(a, b, instr->index);
        break;
    case IMM_CALL_INDIRECT:
        bytes_uleb(a, b, instr->index);
        bytes_byte(a, b, 0); /* table 0: _it_table */
        break;
    case IMM_I32:
        bytes_sleb(a, b, (int32_t)(uint32_t)instr->bits);
        break;
    case IMM_I64:
        bytes_sleb(a, b, (int64_t)instr->bits);
        break;
    case IMM_F32:
    case IMM_F64:
        for (int i = 0; i < (info->immediate == IMM_F32 ? 4 : 8); i++)
            bytes_byte(a, b, (uint8_t)(instr->bits >> (8 * i)));
        break;
    case IMM_HEAP_TYPE:
        bytes_byte(a, b, (uint8_t)instr->bits);
        break;
    case IMM_BLOCK:
        if (instr->bits == 0)
            bytes_byte(a, b, 0x40);
        else if (instr->bits == 1)
            bytes_byte(a, b, (uint8_t)instr->index);
        else
            bytes_sleb(a, b, instr->index);
        break;
    case IMM_MEMARG:
        bytes_uleb(a, b, instr->bits);
        bytes_uleb(a, b, instr->index);
        break;
    }
}

/* Locals as runs of equal types, as the code section wants them. */
static void writer_locals(arena *a, bytes *b, const uint8_t *locals, size_t count)
{
    size_t runs = 0;
    for (size_t i = 0; i < count; i++)
        runs += i == 0 || locals[i] != locals[i - 1];
    bytes_uleb(a, b, runs);
    for (size_t i = 0; i < count;) {
        size_t j = i;
        while (j < count && locals[j] == locals[i])
            j++;
        bytes_uleb(a, b, j - i);
        bytes_byte(a, b, locals[i]);
        i = j;
    }
}

void wasm_write_binary(const wasm_module *m, arena *a, bytes *out)
{
    static const uint8_t header[8] = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
    bytes_put(a, out, header, sizeof header);
    bytes section = { 0 };

    bytes_uleb(a, &section, m->type_count);
    for (size_t i = 0; i < m->type_count; i++) {
        bytes_byte(a, &section, 0x60);
        writer_valtypes(a, &section, m->types[i].params, m->types[i].param_count);
        writer_valtypes(a, &section, m->types[i].results, m->types[i].result_count);
    }
    writer_section(a, out, 1, &section);

    if (m->import_count) {
        section = (bytes){ 0 };
        bytes_uleb(a, &section, m->import_count);
        for (size_t i = 0; i < m->import_count; i++) {
            bytes_name(a, &section, m->imports[i].module);
            bytes_name(a, &section, m->imports[i].name);
            bytes_byte(a, &section, 0x00);
            bytes_uleb(a, &section, m->imports[i].type_index);
        }
        writer_section(a, out, 2, &section);
    }

    section = (bytes){ 0 };
    bytes_uleb(a, &section, m->function_count);
    for (size_t i = 0; i < m->function_count; i++)
        bytes_uleb(a, &section, m->functions[i].type_index);
    writer_section(a, out, 3, &section);

    section = (bytes){ 0 };
    bytes_uleb(a, &section, m->ref_table_size ? 2 : 1);
    bytes_byte(a, &section, VAL_FUNCREF);
    bytes_byte(a, &section, 0x01);
    bytes_uleb(a, &section, m->table_size);
    bytes_uleb(a, &section, m->table_size);
    if (m->ref_table_size) {
        bytes_byte(a, &section, VAL_EXTERNREF);
        bytes_byte(a, &section, 0x01);
        bytes_uleb(a, &section, m->ref_table_size);
        bytes_uleb(a, &section, m->ref_table_size);
    }
    writer_section(a, out, 4, &section);

    section = (bytes){ 0 };
    bytes_uleb(a, &section, 1);
    bytes_byte(a, &section, 0x00);
    bytes_uleb(a, &section, m->memory_pages);
    writer_section(a, out, 5, &section);

    if (m->global_count) {
        section = (bytes){ 0 };
        bytes_uleb(a, &section, m->global_count);
        for (size_t i = 0; i < m->global_count; i++) {
            static const uint8_t mutable_i32_zero[] = { VAL_I32, 0x01, 0x41, 0x00, 0x0b };
            bytes_put(a, &section, mutable_i32_zero, sizeof mutable_i32_zero);
        }
        writer_section(a, out, 6, &section);
    }

    section = (bytes){ 0 };
    bytes_uleb(a, &section, m->export_count);
    for (size_t i = 0; i < m->export_count; i++) {
        bytes_name(a, &section, m->exports[i].name);
        bytes_byte(a, &section, m->exports[i].kind);
        bytes_uleb(a, &section, m->exports[i].index);
    }
    writer_section(a, out, 7, &section);

    section = (bytes){ 0 };
    bytes_uleb(a, &section, m->function_count);
    for (size_t i = 0; i < m->function_count; i++) {
        const wasm_function *f = &m->functions[i];
        bytes body = { 0 };
        writer_locals(a, &body, f->locals, f->local_count);
        for (size_t k = 0; k < f->code_count; k++)
            writer_instr(a, &body, &f->code[k]);
        bytes_byte(a, &body, 0x0b);
        bytes_uleb(a, &section, body.size);
        bytes_put(a, &section, body.data, body.size);
    }
    writer_section(a, out, 10, &section);

    if (m->data.size) {
        section = (bytes){ 0 };
        static const uint8_t active_at_zero[] = { 0x01, 0x00, 0x41, 0x00, 0x0b };
        bytes_put(a, &section, active_at_zero, sizeof active_at_zero);
        bytes_uleb(a, &section, m->data.size);
        bytes_put(a, &section, m->data.data, m->data.size);
        writer_section(a, out, 11, &section);
    }

    if (m->custom_name) {
        section = (bytes){ 0 };
        itlc_str name = { m->custom_name, strlen(m->custom_name) };
        bytes_name(a, &section, name);
        bytes_put(a, &section, m->custom.data, m->custom.size);
        writer_section(a, out, 0, &section);
    }
}
