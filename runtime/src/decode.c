/* decode.c: the WebAssembly 2.0 binary decoder (sections, LEB128, names) into an immutable module. */
#include <stdlib.h>
#include <string.h>

#include "instr.h"
#include "module.h"
#include "reader.h"

/* Locals per function beyond which a body is rejected ("too many locals").
 * The spec only requires the total to fit in u32; engines cap it (V8: 50000)
 * so that frames stay small and a few bytes cannot ask for gigabytes. */
#define DECODE_MAX_LOCALS 50000u

/* Parameters and results per function type: an implementation limit (V8's
 * too), reported as WASM_UNSUPPORTED. It bounds the validator's work per
 * call or block in unreachable code, where pops of unknowns are free. */
#define DECODE_MAX_TYPE_VALUES 1000u

/* Every allocation the module owns hangs off one list, freed together. */
typedef struct decode_allocation {
    struct decode_allocation *next;
    max_align_t               payload[];
} decode_allocation;

typedef struct {
    wasm_module        module;          /* first: module_delete casts back */
    decode_allocation *allocations;
} decode_storage;

/* The decoder's working state: the module being filled, plus the pieces of
 * the index spaces that are only joined once every section is read. */
typedef struct {
    wasm_reader     reader;
    decode_storage *storage;
    wasm_module    *module;
    u32_vector      targets;            /* br_table scratch for constant exprs */

    uint32_t         defined_func_count;
    uint32_t        *defined_func_types;
    uint32_t         defined_table_count;
    wasm_table_type *defined_tables;
    uint32_t          defined_memory_count;
    wasm_memory_type *defined_memories;
    uint32_t     defined_global_count;
    wasm_global *defined_globals;
    uint32_t     body_count;
    wasm_func   *bodies;
    bool         has_function_section;
    bool         has_code_section;
    bool         has_data_section;

    size_t name_section_offset;         /* contents of the first `name` section */
    size_t name_section_end;            /* 0 when absent */
} decoder;

/* Allocates count * size zeroed bytes owned by the module. */
static void *decoder_alloc(decoder *decoder_state, size_t count, size_t size)
{
    if (size && count > (SIZE_MAX - sizeof(decode_allocation)) / size) {
        wasm_diag_set(decoder_state->reader.diag, WASM_OUT_OF_MEMORY, WASM_NO_FUNC,
                      decoder_state->reader.pos, "out of memory");
        return NULL;
    }
    decode_allocation *allocation = calloc(1, sizeof *allocation + count * size);
    if (!allocation) {
        wasm_diag_set(decoder_state->reader.diag, WASM_OUT_OF_MEMORY, WASM_NO_FUNC,
                      decoder_state->reader.pos, "out of memory");
        return NULL;
    }
    allocation->next = decoder_state->storage->allocations;
    decoder_state->storage->allocations = allocation;
    return allocation->payload;
}

#define DECODE_ALLOC(decoder_state, pointer, count)                           \
    ((pointer) = decoder_alloc((decoder_state), (count), sizeof *(pointer)))

/* A name: u32 length, then that many bytes of valid UTF-8. */
static wasm_status read_name(decoder *state, wasm_name *name)
{
    wasm_reader *reader = &state->reader;
    size_t start = reader->pos;
    uint32_t length;
    wasm_status status = reader_count(reader, 1, &length);
    if (status)
        return status;
    const uint8_t *chars = reader->bytes + reader->pos;
    if (!utf8_is_valid(chars, length))
        return reader_fail(reader, start, "malformed UTF-8 encoding");
    char *copy;
    if (!DECODE_ALLOC(state, copy, (size_t)length + 1))
        return WASM_OUT_OF_MEMORY;
    memcpy(copy, chars, length);
    name->chars = copy;
    name->length = length;
    reader->pos += length;
    return WASM_OK;
}

static wasm_status read_limits(wasm_reader *reader, wasm_limits *limits)
{
    size_t start = reader->pos;
    uint8_t flags;
    wasm_status status = reader_u8(reader, &flags);
    if (status)
        return status;
    if (flags > 1)
        return reader_fail(reader, start, "%s (limits flags 0x%02x)",
                           flags & 0x80 ? "integer representation too long"
                                        : "integer too large", flags);
    if ((status = reader_u32(reader, &limits->min)))
        return status;
    limits->has_max = flags == 1;
    limits->max = 0;
    if (limits->has_max)
        status = reader_u32(reader, &limits->max);
    return status;
}

static wasm_status read_table_type(wasm_reader *reader, wasm_table_type *table)
{
    wasm_status status = instr_read_ref_type(reader, &table->elem_type);
    if (status)
        return status;
    return read_limits(reader, &table->limits);
}

static wasm_status read_global_type(wasm_reader *reader, wasm_global_type *global)
{
    wasm_status status = instr_read_value_type(reader, &global->type);
    if (status)
        return status;
    size_t start = reader->pos;
    uint8_t mutability;
    if ((status = reader_u8(reader, &mutability)))
        return status;
    if (mutability > 1)
        return reader_fail(reader, start, "malformed mutability");
    global->mutable_ = mutability == 1;
    return WASM_OK;
}

/*
 * A constant expression: instructions up to the `end` that closes it. The
 * decoder only checks the binary format here; when the expression is one
 * constant instruction and `end`, it is recorded in `expr` for the
 * instance, and anything else is left to the validator (kind OTHER).
 */
static wasm_status read_const_expr(decoder *state, wasm_const_expr *expr)
{
    wasm_reader *reader = &state->reader;
    memset(expr, 0, sizeof *expr);
    expr->offset = (uint32_t)reader->pos;
    validate_instr instr;
    memset(&instr, 0, sizeof instr);
    uint32_t depth = 0, count = 0;
    wasm_const_kind kind = WASM_CONST_OTHER;
    for (;;) {
        wasm_status status = instr_read(reader, NULL, &instr, &state->targets);
        if (status)
            return status;
        if (instr.op == WASM_OP_END) {
            if (depth == 0)
                break;
            depth--;
        } else if (instr.op == WASM_OP_BLOCK || instr.op == WASM_OP_LOOP
                   || instr.op == WASM_OP_IF) {
            depth++;
        }
        if (count++ == 0) {
            switch (instr.op) {
            case WASM_OP_I32_CONST:
                kind = WASM_CONST_I32, expr->value.i32 = instr.constant.i32;
                break;
            case WASM_OP_I64_CONST:
                kind = WASM_CONST_I64, expr->value.i64 = instr.constant.i64;
                break;
            case WASM_OP_F32_CONST:
                kind = WASM_CONST_F32, expr->value.f32_bits = instr.constant.f32_bits;
                break;
            case WASM_OP_F64_CONST:
                kind = WASM_CONST_F64, expr->value.f64_bits = instr.constant.f64_bits;
                break;
            case WASM_OP_REF_NULL:
                kind = WASM_CONST_REF_NULL, expr->value.ref_type = instr.type;
                break;
            case WASM_OP_REF_FUNC:
                kind = WASM_CONST_REF_FUNC, expr->index = instr.index;
                break;
            case WASM_OP_GLOBAL_GET:
                kind = WASM_CONST_GLOBAL_GET, expr->index = instr.index;
                break;
            default:
                break;
            }
        }
    }
    expr->kind = count == 1 ? kind : WASM_CONST_OTHER;
    expr->end = (uint32_t)reader->pos;
    return WASM_OK;
}

/* ---- sections ---- */

static wasm_status read_type_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_module *module = state->module;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, module->types, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        wasm_func_type *type = &module->types[i];
        size_t start = reader->pos;
        uint8_t form;
        if ((status = reader_u8(reader, &form)))
            return status;
        if (form != 0x60)
            return reader_fail(reader, start, "malformed function type 0x%02x", form);
        uint32_t param_count, result_count;
        if ((status = reader_count(reader, 1, &param_count)))
            return status;
        size_t params_at = reader->pos;
        reader->pos += param_count;     /* types read below, once counts are known */
        if ((status = reader_count(reader, 1, &result_count)))
            return status;
        size_t results_at = reader->pos;
        if (param_count > DECODE_MAX_TYPE_VALUES || result_count > DECODE_MAX_TYPE_VALUES)
            return wasm_diag_set(reader->diag, WASM_UNSUPPORTED, WASM_NO_FUNC, start,
                                 "function type %u has %u parameters and %u results:"
                                 " the implementation limit is %u each", i, param_count,
                                 result_count, DECODE_MAX_TYPE_VALUES);
        wasm_value_type *types;
        if (!DECODE_ALLOC(state, types, (size_t)param_count + result_count + 1))
            return WASM_OUT_OF_MEMORY;
        reader->pos = params_at;
        for (uint32_t k = 0; k < param_count; k++)
            if ((status = instr_read_value_type(reader, &types[k])))
                return status;
        reader->pos = results_at;
        for (uint32_t k = 0; k < result_count; k++)
            if ((status = instr_read_value_type(reader, &types[param_count + k])))
                return status;
        type->param_count = param_count;
        type->result_count = result_count;
        type->params = types;
        type->results = types + param_count;
        type->canonical_index = i;
    }
    module->type_count = count;
    return WASM_OK;
}

static wasm_status read_import_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_module *module = state->module;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, module->imports, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        wasm_import *import = &module->imports[i];
        if ((status = read_name(state, &import->module_name)))
            return status;
        if ((status = read_name(state, &import->field_name)))
            return status;
        size_t kind_at = reader->pos;
        uint8_t kind;
        if ((status = reader_u8(reader, &kind)))
            return status;
        switch (kind) {
        case WASM_EXTERN_FUNC:
            status = reader_u32(reader, &import->func_type_index);
            import->index = module->imported_func_count++;
            break;
        case WASM_EXTERN_TABLE:
            status = read_table_type(reader, &import->table);
            import->index = module->imported_table_count++;
            break;
        case WASM_EXTERN_MEMORY:
            status = read_limits(reader, &import->memory.limits);
            import->index = module->imported_memory_count++;
            break;
        case WASM_EXTERN_GLOBAL:
            status = read_global_type(reader, &import->global);
            import->index = module->imported_global_count++;
            break;
        default:
            return reader_fail(reader, kind_at, "malformed import kind 0x%02x", kind);
        }
        if (status)
            return status;
        import->kind = (wasm_extern_kind)kind;
    }
    module->import_count = count;
    return WASM_OK;
}

static wasm_status read_function_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, state->defined_func_types, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++)
        if ((status = reader_u32(reader, &state->defined_func_types[i])))
            return status;
    state->defined_func_count = count;
    state->has_function_section = true;
    return WASM_OK;
}

static wasm_status read_table_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, state->defined_tables, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++)
        if ((status = read_table_type(reader, &state->defined_tables[i])))
            return status;
    state->defined_table_count = count;
    return WASM_OK;
}

static wasm_status read_memory_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, state->defined_memories, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++)
        if ((status = read_limits(reader, &state->defined_memories[i].limits)))
            return status;
    state->defined_memory_count = count;
    return WASM_OK;
}

static wasm_status read_global_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, state->defined_globals, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        wasm_global *global = &state->defined_globals[i];
        if ((status = read_global_type(reader, &global->type)))
            return status;
        if ((status = read_const_expr(state, &global->init)))
            return status;
    }
    state->defined_global_count = count;
    return WASM_OK;
}

static wasm_status read_export_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_module *module = state->module;
    uint32_t count;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, module->exports, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        wasm_export *export_ = &module->exports[i];
        if ((status = read_name(state, &export_->name)))
            return status;
        size_t kind_at = reader->pos;
        uint8_t kind;
        if ((status = reader_u8(reader, &kind)))
            return status;
        if (kind > WASM_EXTERN_GLOBAL)
            return reader_fail(reader, kind_at, "malformed export kind 0x%02x", kind);
        export_->kind = (wasm_extern_kind)kind;
        if ((status = reader_u32(reader, &export_->index)))
            return status;
    }
    module->export_count = count;
    return WASM_OK;
}

static wasm_status read_start_section(decoder *state)
{
    state->module->has_start = true;
    return reader_u32(&state->reader, &state->module->start_func);
}

/* The element kind byte of the legacy function-index encodings. */
static wasm_status read_elem_kind(wasm_reader *reader)
{
    size_t start = reader->pos;
    uint8_t kind;
    wasm_status status = reader_u8(reader, &kind);
    if (status)
        return status;
    if (kind != 0x00)
        return reader_fail(reader, start, "malformed element kind 0x%02x", kind);
    return WASM_OK;
}

/*
 * One element segment. The flags' bits: 0 = passive or declarative,
 * 1 = explicit table index (active) or declarative (bit 0 set),
 * 2 = items are expressions rather than function indices.
 */
static wasm_status read_elem_segment(decoder *state, wasm_elem_segment *segment)
{
    wasm_reader *reader = &state->reader;
    size_t start = reader->pos;
    segment->section_offset = (uint32_t)start;
    uint32_t flags;
    wasm_status status = reader_u32(reader, &flags);
    if (status)
        return status;
    if (flags > 7)
        return reader_fail(reader, start, "malformed elements segment kind %u", flags);
    bool passive_or_declarative = flags & 1;
    bool explicit_table = !passive_or_declarative && (flags & 2);
    bool expressions = flags & 4;
    segment->mode = !passive_or_declarative ? WASM_SEGMENT_ACTIVE
                    : (flags & 2)           ? WASM_SEGMENT_DECLARATIVE
                                            : WASM_SEGMENT_PASSIVE;
    segment->table_index = 0;
    segment->elem_type = WASM_TYPE_FUNCREF;
    if (explicit_table && (status = reader_u32(reader, &segment->table_index)))
        return status;
    if (segment->mode == WASM_SEGMENT_ACTIVE
        && (status = read_const_expr(state, &segment->offset)))
        return status;
    /* Flags 0 and 4 have an implicit funcref; the others name the type. */
    if (flags != 0 && flags != 4) {
        status = expressions ? instr_read_ref_type(reader, &segment->elem_type)
                             : read_elem_kind(reader);
        if (status)
            return status;
    }
    uint32_t count;
    if ((status = reader_count(reader, 1, &count)))
        return status;
    wasm_const_expr *items;
    if (!DECODE_ALLOC(state, items, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        if (expressions) {
            if ((status = read_const_expr(state, &items[i])))
                return status;
            continue;
        }
        items[i].kind = WASM_CONST_REF_FUNC;
        items[i].offset = (uint32_t)reader->pos;
        if ((status = reader_u32(reader, &items[i].index)))
            return status;
        items[i].end = (uint32_t)reader->pos;
    }
    segment->item_count = count;
    segment->items = items;
    return WASM_OK;
}

static wasm_status read_element_section(decoder *state)
{
    wasm_module *module = state->module;
    uint32_t count;
    wasm_status status = reader_count(&state->reader, 1, &count);
    if (status)
        return status;
    if (!DECODE_ALLOC(state, module->elems, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        if ((status = read_elem_segment(state, &module->elems[i])))
            return status;
        module->elem_count = i + 1;
    }
    return WASM_OK;
}

static wasm_status read_data_count_section(decoder *state)
{
    state->module->has_data_count = true;
    return reader_u32(&state->reader, &state->module->data_count);
}

/* One function body: size, local declarations, then instructions that the
 * validator decodes. The locals' total is checked here ("too many locals"). */
static wasm_status read_body(decoder *state, wasm_func *body)
{
    wasm_reader *reader = &state->reader;
    uint32_t size;
    size_t size_at = reader->pos;
    wasm_status status = reader_u32(reader, &size);
    if (status)
        return status;
    if (size > reader->end - reader->pos)
        return reader_fail(reader, size_at, "unexpected end of section or function"
                           " (body size %u)", size);
    body->body_offset = (uint32_t)reader->pos;
    body->body_end = (uint32_t)(reader->pos + size);
    size_t section_end = reader->end;
    reader->end = body->body_end;       /* locals must fit in the body */
    uint32_t run_count;
    if ((status = reader_count(reader, 1, &run_count)))
        goto done;
    wasm_local_run *runs;
    if (!DECODE_ALLOC(state, runs, run_count)) {
        status = WASM_OUT_OF_MEMORY;
        goto done;
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < run_count; i++) {
        size_t run_at = reader->pos;
        if ((status = reader_u32(reader, &runs[i].count)))
            goto done;
        total += runs[i].count;
        if (total > DECODE_MAX_LOCALS) {
            status = reader_fail(reader, run_at, "too many locals (more than %u)",
                                 DECODE_MAX_LOCALS);
            goto done;
        }
        if ((status = instr_read_value_type(reader, &runs[i].type)))
            goto done;
    }
    body->local_run_count = run_count;
    body->local_runs = runs;
    body->local_count = (uint32_t)total;
    body->code_offset = (uint32_t)reader->pos;
    reader->pos = body->body_end;
done:
    reader->end = section_end;
    return status;
}

static wasm_status read_code_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    uint32_t count;
    size_t start = reader->pos;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (count != state->defined_func_count)
        return reader_fail(reader, start, "function and code section have inconsistent"
                           " lengths (%u functions, %u bodies)",
                           state->defined_func_count, count);
    if (!DECODE_ALLOC(state, state->bodies, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        reader->func_index = state->module->imported_func_count + i;
        status = read_body(state, &state->bodies[i]);
        reader->func_index = WASM_NO_FUNC;
        if (status)
            return status;
    }
    state->body_count = count;
    state->has_code_section = true;
    return WASM_OK;
}

static wasm_status read_data_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_module *module = state->module;
    uint32_t count;
    size_t start = reader->pos;
    wasm_status status = reader_count(reader, 1, &count);
    if (status)
        return status;
    if (module->has_data_count && count != module->data_count)
        return reader_fail(reader, start, "data count and data section have inconsistent"
                           " lengths (%u, %u)", module->data_count, count);
    if (!DECODE_ALLOC(state, module->data, count))
        return WASM_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < count; i++) {
        wasm_data_segment *segment = &module->data[i];
        size_t segment_at = reader->pos;
        segment->section_offset = (uint32_t)segment_at;
        uint32_t flags;
        if ((status = reader_u32(reader, &flags)))
            return status;
        if (flags > 2)
            return reader_fail(reader, segment_at, "malformed data segment kind %u", flags);
        segment->mode = flags == 1 ? WASM_SEGMENT_PASSIVE : WASM_SEGMENT_ACTIVE;
        segment->memory_index = 0;
        if (flags == 2 && (status = reader_u32(reader, &segment->memory_index)))
            return status;
        if (flags != 1 && (status = read_const_expr(state, &segment->offset)))
            return status;
        if ((status = reader_count(reader, 1, &segment->size)))
            return status;
        segment->bytes = reader->bytes + reader->pos;
        reader->pos += segment->size;
        module->data_segment_count = i + 1;
    }
    state->has_data_section = true;
    return WASM_OK;
}

/* A custom section: a valid UTF-8 name, then anything. Only the first
 * `name` section is remembered, and parsed once the function count is known. */
static wasm_status read_custom_section(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_name name;
    wasm_status status = read_name(state, &name);
    if (status)
        return status;
    if (name.length == 4 && memcmp(name.chars, "name", 4) == 0
        && state->name_section_end == 0) {
        state->name_section_offset = reader->pos;
        state->name_section_end = reader->end;
    }
    reader->pos = reader->end;
    return WASM_OK;
}

/*
 * The `name` section's module name (subsection 0) and function names
 * (subsection 1). Custom sections are not validated, so any error here just
 * drops the names: the reader runs without a diag record.
 */
static void read_name_section(decoder *state)
{
    wasm_module *module = state->module;
    wasm_reader reader = state->reader;
    reader.diag = NULL;
    reader.pos = state->name_section_offset;
    reader.end = state->name_section_end;
    wasm_name *names;
    if (!(names = calloc(module->func_count ? module->func_count : 1, sizeof *names)))
        return;
    wasm_name module_name = { NULL, 0 };
    /* read_name allocates into the module and reports to state->reader. */
    wasm_reader saved = state->reader;
    state->reader = reader;
    bool ok = true;
    while (ok && !reader_at_end(&state->reader)) {
        uint8_t id;
        uint32_t size;
        if (reader_u8(&state->reader, &id) || reader_count(&state->reader, 1, &size)) {
            ok = false;
            break;
        }
        size_t end = state->reader.pos + size;
        size_t outer_end = state->reader.end;
        state->reader.end = end;
        if (id == 0) {
            ok = read_name(state, &module_name) == WASM_OK;
        } else if (id == 1) {
            uint32_t count, previous = 0;
            ok = reader_count(&state->reader, 1, &count) == WASM_OK;
            for (uint32_t i = 0; ok && i < count; i++) {
                uint32_t index;
                wasm_name name;
                ok = reader_u32(&state->reader, &index) == WASM_OK
                     && read_name(state, &name) == WASM_OK
                     && (i == 0 || index > previous);
                if (ok && index < module->func_count)
                    names[index] = name;
                previous = index;
            }
        }
        state->reader.pos = end;
        state->reader.end = outer_end;
    }
    state->reader = saved;
    if (ok) {
        wasm_name *owned;
        if (DECODE_ALLOC(state, owned, module->func_count ? module->func_count : 1)) {
            memcpy(owned, names, module->func_count * sizeof *names);
            module->func_names = owned;
            module->module_name = module_name;
        }
    }
    free(names);
}

/* Joins imports and definitions into the spec's index spaces. */
static wasm_status build_index_spaces(decoder *state)
{
    wasm_module *module = state->module;
    module->func_count = module->imported_func_count + state->defined_func_count;
    module->table_count = module->imported_table_count + state->defined_table_count;
    module->memory_count = module->imported_memory_count + state->defined_memory_count;
    module->global_count = module->imported_global_count + state->defined_global_count;
    if (!DECODE_ALLOC(state, module->funcs, module->func_count)
        || !DECODE_ALLOC(state, module->tables, module->table_count)
        || !DECODE_ALLOC(state, module->memories, module->memory_count)
        || !DECODE_ALLOC(state, module->globals, module->global_count))
        return WASM_OUT_OF_MEMORY;
    uint32_t next[4] = { 0, 0, 0, 0 };
    for (uint32_t i = 0; i < module->import_count; i++) {
        const wasm_import *import = &module->imports[i];
        switch (import->kind) {
        case WASM_EXTERN_FUNC:
            module->funcs[next[0]].type_index = import->func_type_index;
            module->funcs[next[0]++].imported = true;
            break;
        case WASM_EXTERN_TABLE:
            module->tables[next[1]++] = import->table;
            break;
        case WASM_EXTERN_MEMORY:
            module->memories[next[2]++] = import->memory;
            break;
        case WASM_EXTERN_GLOBAL:
            module->globals[next[3]].type = import->global;
            module->globals[next[3]++].imported = true;
            break;
        }
    }
    for (uint32_t i = 0; i < state->defined_func_count; i++) {
        wasm_func *func = &module->funcs[module->imported_func_count + i];
        if (state->bodies)
            *func = state->bodies[i];
        func->type_index = state->defined_func_types[i];
        func->imported = false;
    }
    for (uint32_t i = 0; i < state->defined_table_count; i++)
        module->tables[module->imported_table_count + i] = state->defined_tables[i];
    for (uint32_t i = 0; i < state->defined_memory_count; i++)
        module->memories[module->imported_memory_count + i] = state->defined_memories[i];
    for (uint32_t i = 0; i < state->defined_global_count; i++)
        module->globals[module->imported_global_count + i] = state->defined_globals[i];
    return WASM_OK;
}

/* canonical_index: the first type with the same signature (hash lookup). */
static wasm_status canonicalize_types(decoder *state)
{
    wasm_module *module = state->module;
    if (module->type_count == 0)
        return WASM_OK;
    size_t buckets = 1;
    while (buckets < (size_t)module->type_count * 2)
        buckets <<= 1;
    uint32_t *table = malloc(buckets * sizeof *table);
    if (!table)
        return wasm_diag_set(state->reader.diag, WASM_OUT_OF_MEMORY, WASM_NO_FUNC, 0,
                             "out of memory");
    memset(table, 0xFF, buckets * sizeof *table);
    for (uint32_t i = 0; i < module->type_count; i++) {
        wasm_func_type *type = &module->types[i];
        uint64_t hash = 1469598103934665603ull ^ type->param_count;
        uint32_t total = type->param_count + type->result_count;
        for (uint32_t k = 0; k < total; k++)
            hash = (hash ^ type->params[k]) * 1099511628211ull;
        hash = (hash ^ type->result_count) * 1099511628211ull;
        size_t slot = (size_t)hash & (buckets - 1);
        for (;;) {
            uint32_t other = table[slot];
            if (other == UINT32_MAX) {
                table[slot] = i;
                type->canonical_index = i;
                break;
            }
            const wasm_func_type *candidate = &module->types[other];
            if (candidate->param_count == type->param_count
                && candidate->result_count == type->result_count
                && memcmp(candidate->params, type->params, total) == 0) {
                type->canonical_index = other;
                break;
            }
            slot = (slot + 1) & (buckets - 1);
        }
    }
    free(table);
    return WASM_OK;
}

typedef wasm_status (*section_reader)(decoder *state);

/* Known sections by id, with their required order (data count, id 12,
 * sits between element and code). */
static const struct {
    section_reader read;
    uint8_t        rank;
    const char    *name;
} known_sections[13] = {
    [1]  = { read_type_section,       1,  "type" },
    [2]  = { read_import_section,     2,  "import" },
    [3]  = { read_function_section,   3,  "function" },
    [4]  = { read_table_section,      4,  "table" },
    [5]  = { read_memory_section,     5,  "memory" },
    [6]  = { read_global_section,     6,  "global" },
    [7]  = { read_export_section,     7,  "export" },
    [8]  = { read_start_section,      8,  "start" },
    [9]  = { read_element_section,    9,  "element" },
    [12] = { read_data_count_section, 10, "data count" },
    [10] = { read_code_section,       11, "code" },
    [11] = { read_data_section,       12, "data" },
};

static wasm_status read_sections(decoder *state)
{
    wasm_reader *reader = &state->reader;
    wasm_module *module = state->module;
    wasm_status status;
    if (module->size < 4 && memcmp(module->bytes, "\0asm", module->size) == 0)
        return reader_fail(reader, 0, "unexpected end (no magic header)");
    if (module->size < 4 || memcmp(module->bytes, "\0asm", 4) != 0)
        return reader_fail(reader, 0, "magic header not detected");
    if (module->size < 8)
        return reader_fail(reader, 4, "unexpected end (no version)");
    if (memcmp(module->bytes + 4, "\1\0\0\0", 4) != 0)
        return reader_fail(reader, 4, "unknown binary version");
    reader->pos = 8;
    unsigned last_rank = 0;
    while (!reader_at_end(reader)) {
        size_t section_at = reader->pos;
        uint8_t id;
        uint32_t size;
        if ((status = reader_u8(reader, &id)))
            return status;
        if (id > 12)
            return reader_fail(reader, section_at, "malformed section id %u", id);
        if ((status = reader_u32(reader, &size)))
            return status;
        if (size > reader->end - reader->pos)
            return reader_fail(reader, section_at, "length out of bounds"
                               " (section size %u, %zu bytes left)",
                               size, reader->end - reader->pos);
        size_t section_end = reader->pos + size;
        reader->end = section_end;
        reader->bounded = true;
        if (id == 0) {
            status = read_custom_section(state);
        } else {
            if (known_sections[id].rank <= last_rank)
                return reader_fail(reader, section_at, "unexpected content after last"
                                   " section (%s section out of order or repeated)",
                                   known_sections[id].name);
            last_rank = known_sections[id].rank;
            status = known_sections[id].read(state);
        }
        if (status)
            return status;
        if (reader->pos != section_end)
            return reader_fail(reader, reader->pos, "section size mismatch"
                               " (%s section)", id ? known_sections[id].name : "custom");
        reader->end = reader->module_end;
        reader->bounded = false;
    }
    if (state->defined_func_count && !state->has_code_section)
        return reader_fail(reader, reader->pos, "function and code section have"
                           " inconsistent lengths (%u functions, no code section)",
                           state->defined_func_count);
    if (module->has_data_count && module->data_count && !state->has_data_section)
        return reader_fail(reader, reader->pos, "data count and data section have"
                           " inconsistent lengths (%u, no data section)",
                           module->data_count);
    return WASM_OK;
}

wasm_status module_decode(const uint8_t *bytes, size_t size, wasm_module **out,
                          wasm_diag *diag)
{
    *out = NULL;
    wasm_diag_clear(diag);
    if (size > UINT32_MAX)
        return wasm_diag_set(diag, WASM_MALFORMED, WASM_NO_FUNC, 0,
                             "module larger than 4 GiB");
    decode_storage *storage = calloc(1, sizeof *storage);
    uint8_t *copy = malloc(size ? size : 1);
    if (!storage || !copy) {
        free(storage);
        free(copy);
        return wasm_diag_set(diag, WASM_OUT_OF_MEMORY, WASM_NO_FUNC, 0, "out of memory");
    }
    if (size)
        memcpy(copy, bytes, size);
    decoder state;
    memset(&state, 0, sizeof state);
    state.storage = storage;
    state.module = &storage->module;
    state.module->bytes = copy;
    state.module->size = size;
    state.reader.bytes = copy;
    state.reader.pos = 0;
    state.reader.end = size;
    state.reader.module_end = size;
    state.reader.diag = diag;
    state.reader.func_index = WASM_NO_FUNC;

    wasm_status status = read_sections(&state);
    if (!status)
        status = build_index_spaces(&state);
    if (!status)
        status = canonicalize_types(&state);
    if (!status && state.name_section_end)
        read_name_section(&state);
    if (!status && !state.module->func_names
        && !DECODE_ALLOC(&state, state.module->func_names,
                         state.module->func_count ? state.module->func_count : 1))
        status = WASM_OUT_OF_MEMORY;
    u32_vector_free(&state.targets);
    if (status) {
        module_delete(state.module);
        if (diag->status == WASM_OK)
            wasm_diag_set(diag, status, WASM_NO_FUNC, 0, "%s", wasm_status_message(status));
        return status;
    }
    *out = state.module;
    return WASM_OK;
}

void module_delete(wasm_module *module)
{
    if (!module)
        return;
    decode_storage *storage = (decode_storage *)module;
    decode_allocation *allocation = storage->allocations;
    while (allocation) {
        decode_allocation *next = allocation->next;
        free(allocation);
        allocation = next;
    }
    free((void *)module->bytes);
    free(storage);
}
