/* instr.c: the immediate decoder: one switch on the immediate kinds of opcodes.def. */
#include "instr.h"

/* Result arrays for the block types that are a single value type. */
static const wasm_value_type single_types[256] = {
    [WASM_TYPE_I32] = WASM_TYPE_I32,         [WASM_TYPE_I64] = WASM_TYPE_I64,
    [WASM_TYPE_F32] = WASM_TYPE_F32,         [WASM_TYPE_F64] = WASM_TYPE_F64,
    [WASM_TYPE_FUNCREF] = WASM_TYPE_FUNCREF, [WASM_TYPE_EXTERNREF] = WASM_TYPE_EXTERNREF,
};

static bool is_value_type(uint8_t byte)
{
    switch (byte) {
    case WASM_TYPE_I32: case WASM_TYPE_I64: case WASM_TYPE_F32: case WASM_TYPE_F64:
    case WASM_TYPE_FUNCREF: case WASM_TYPE_EXTERNREF:
        return true;
    default:
        return false;
    }
}

wasm_status instr_read_value_type(wasm_reader *reader, wasm_value_type *out)
{
    size_t start = reader->pos;
    uint8_t byte;
    wasm_status status = reader_u8(reader, &byte);
    if (status)
        return status;
    if (byte == WASM_TYPE_V128)
        return wasm_diag_set(reader->diag, WASM_UNSUPPORTED, reader->func_index, start,
                             "SIMD is not supported yet (v128 value type)");
    if (!is_value_type(byte))
        return reader_fail(reader, start, "malformed value type 0x%02x", byte);
    *out = byte;
    return WASM_OK;
}

wasm_status instr_read_ref_type(wasm_reader *reader, wasm_value_type *out)
{
    size_t start = reader->pos;
    uint8_t byte;
    wasm_status status = reader_u8(reader, &byte);
    if (status)
        return status;
    if (byte != WASM_TYPE_FUNCREF && byte != WASM_TYPE_EXTERNREF)
        return reader_fail(reader, start, "malformed reference type 0x%02x", byte);
    *out = byte;
    return WASM_OK;
}

/* A block type: 0x40 (no values), one value type, or an s33 type index. */
static wasm_status read_block_type(wasm_reader *reader, const wasm_module *module,
                                   validate_block_type *block)
{
    size_t start = reader->pos;
    block->param_count = block->result_count = 0;
    block->params = block->results = NULL;
    block->type_index = UINT32_MAX;
    if (reader->pos >= reader->end)
        return reader_unexpected_end(reader);
    uint8_t byte = reader->bytes[reader->pos];
    if (byte == 0x40) {
        reader->pos++;
        return WASM_OK;
    }
    if (byte == WASM_TYPE_V128)
        return wasm_diag_set(reader->diag, WASM_UNSUPPORTED, reader->func_index, start,
                             "SIMD is not supported yet (v128 block type)");
    if (is_value_type(byte)) {
        reader->pos++;
        block->result_count = 1;
        block->results = &single_types[byte];
        return WASM_OK;
    }
    int64_t index;
    wasm_status status = reader_s33(reader, &index);
    if (status)
        return status;
    if (index < 0)
        return reader_fail(reader, start, "malformed value type (block type %lld)",
                           (long long)index);
    if (!module) {
        block->type_index = (uint32_t)(index > UINT32_MAX ? UINT32_MAX : index);
        return WASM_OK;
    }
    if ((uint64_t)index >= module->type_count)
        return wasm_diag_set(reader->diag, WASM_INVALID, reader->func_index, start,
                             "unknown type %lld", (long long)index);
    const wasm_func_type *type = &module->types[index];
    block->type_index = (uint32_t)index;
    block->param_count = type->param_count;
    block->params = type->params;
    block->result_count = type->result_count;
    block->results = type->results;
    return WASM_OK;
}

/* A byte that must be 0x00 (the memory index of Wasm 2.0). */
static wasm_status read_zero_byte(wasm_reader *reader)
{
    size_t start = reader->pos;
    uint8_t byte;
    wasm_status status = reader_u8(reader, &byte);
    if (status)
        return status;
    if (byte != 0)
        return reader_fail(reader, start, "zero byte expected");
    return WASM_OK;
}

wasm_status instr_read(wasm_reader *reader, const wasm_module *module,
                       validate_instr *instr, u32_vector *targets)
{
    wasm_status status;
    size_t start = reader->pos;
    uint8_t byte;
    instr->offset = (uint32_t)start;
    if ((status = reader_u8(reader, &byte)))
        return status;
    unsigned op_plus1 = wasm_opcode_plus1_by_byte[byte];
    if (byte == 0xFC) {
        uint32_t sub;
        if ((status = reader_u32(reader, &sub)))
            return status;
        op_plus1 = sub < WASM_OPCODE_FC_COUNT ? wasm_opcode_plus1_by_fc[sub] : 0;
        if (!op_plus1)
            return reader_fail(reader, start, "illegal opcode 0xfc %u", sub);
    } else if (byte == 0xFD) {
        return wasm_diag_set(reader->diag, WASM_UNSUPPORTED, reader->func_index, start,
                             "SIMD is not supported yet");
    } else if (!op_plus1) {
        return reader_fail(reader, start, "illegal opcode 0x%02x", byte);
    }
    wasm_opcode op = (wasm_opcode)(op_plus1 - 1);
    instr->op = op;

    uint32_t count;
    uint64_t bits;
    switch ((wasm_immediate_kind)wasm_opcode_infos[op].immediate) {
    case WASM_IMM_NONE:
        break;
    case WASM_IMM_BLOCK:
        status = read_block_type(reader, module, &instr->block);
        break;
    case WASM_IMM_LABEL:
        status = reader_u32(reader, &instr->depth);
        break;
    case WASM_IMM_BR_TABLE:
        targets->count = 0;
        if ((status = reader_count(reader, 1, &count)))
            return status;
        for (uint32_t i = 0; i < count; i++) {
            uint32_t depth;
            if ((status = reader_u32(reader, &depth)))
                return status;
            if ((status = u32_vector_push(targets, depth)))
                return wasm_diag_set(reader->diag, status, reader->func_index, start,
                                     "out of memory");
        }
        instr->br_table_targets = targets->items;
        instr->br_table_count = count;
        status = reader_u32(reader, &instr->br_table_default);
        break;
    case WASM_IMM_FUNC: case WASM_IMM_LOCAL: case WASM_IMM_GLOBAL:
    case WASM_IMM_TABLE: case WASM_IMM_DATA: case WASM_IMM_ELEM:
        status = reader_u32(reader, &instr->index);
        break;
    case WASM_IMM_CALL_INDIRECT: case WASM_IMM_TABLE_INIT: case WASM_IMM_TABLE_COPY:
        if ((status = reader_u32(reader, &instr->index)))
            return status;
        status = reader_u32(reader, &instr->index2);
        break;
    case WASM_IMM_MEM1: case WASM_IMM_MEM2: case WASM_IMM_MEM4: case WASM_IMM_MEM8:
        instr->index = 0;
        if ((status = reader_u32(reader, &instr->memarg_align)))
            return status;
        status = reader_u32(reader, &instr->memarg_offset);
        break;
    case WASM_IMM_MEMORY:
        instr->index = 0;
        status = read_zero_byte(reader);
        break;
    case WASM_IMM_MEMORY_COPY:
        instr->index = 0;
        if ((status = read_zero_byte(reader)))
            return status;
        status = read_zero_byte(reader);
        break;
    case WASM_IMM_DATA_MEMORY:
        if ((status = reader_u32(reader, &instr->index)))
            return status;
        status = read_zero_byte(reader);
        break;
    case WASM_IMM_I32:
        status = reader_s32(reader, &instr->constant.i32);
        break;
    case WASM_IMM_I64:
        status = reader_s64(reader, &instr->constant.i64);
        break;
    case WASM_IMM_F32:
        status = reader_fixed(reader, 4, &bits);
        instr->constant.f32_bits = (uint32_t)bits;
        break;
    case WASM_IMM_F64:
        status = reader_fixed(reader, 8, &bits);
        instr->constant.f64_bits = bits;
        break;
    case WASM_IMM_SELECT_T: {
        if ((status = reader_count(reader, 1, &count)))
            return status;
        instr->type = WASM_TYPE_NONE;
        for (uint32_t i = 0; i < count; i++) {
            wasm_value_type type;
            if ((status = instr_read_value_type(reader, &type)))
                return status;
            if (i == 0)
                instr->type = type;
        }
        if (count != 1 && module)
            return wasm_diag_set(reader->diag, WASM_INVALID, reader->func_index, start,
                                 "invalid result arity: typed select takes one type, got %u",
                                 count);
        break;
    }
    case WASM_IMM_REF_TYPE:
        status = instr_read_ref_type(reader, &instr->type);
        break;
    }
    instr->end_offset = (uint32_t)reader->pos;
    return status;
}
