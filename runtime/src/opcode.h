/* opcode.h: the instruction enum, names and immediate kinds, generated from opcodes.def. */
#ifndef WRT_OPCODE_H
#define WRT_OPCODE_H

#include <stdint.h>

/* WASM_OP_UNREACHABLE, WASM_OP_I32_ADD, ...: dense, in table order. */
typedef enum {
#define OP(ident, byte, sub, name, imm, p1, p2, p3, result) WASM_OP_##ident,
#include "opcodes.def"
#undef OP
    WASM_OP_COUNT
} wasm_opcode;

/* What follows an opcode in the binary (see the table's header). */
typedef enum {
    WASM_IMM_NONE,
    WASM_IMM_BLOCK,
    WASM_IMM_LABEL,
    WASM_IMM_BR_TABLE,
    WASM_IMM_FUNC,
    WASM_IMM_CALL_INDIRECT,
    WASM_IMM_LOCAL,
    WASM_IMM_GLOBAL,
    WASM_IMM_TABLE,
    WASM_IMM_DATA,
    WASM_IMM_ELEM,
    WASM_IMM_MEM1,
    WASM_IMM_MEM2,
    WASM_IMM_MEM4,
    WASM_IMM_MEM8,
    WASM_IMM_MEMORY,
    WASM_IMM_MEMORY_COPY,
    WASM_IMM_DATA_MEMORY,
    WASM_IMM_TABLE_INIT,
    WASM_IMM_TABLE_COPY,
    WASM_IMM_I32,
    WASM_IMM_I64,
    WASM_IMM_F32,
    WASM_IMM_F64,
    WASM_IMM_SELECT_T,
    WASM_IMM_REF_TYPE
} wasm_immediate_kind;

/* The per-opcode facts of the table, indexed by wasm_opcode. */
typedef struct {
    const char *name;        /* "i32.add" */
    uint8_t     byte;        /* opcode byte (0xFC for the prefixed group) */
    uint8_t     sub;         /* 0xFC sub-opcode */
    uint8_t     immediate;   /* wasm_immediate_kind */
    uint8_t     special;     /* 1: typed by hand in validate.c */
    uint8_t     params[3];   /* wasm_value_type, WASM_TYPE_NONE = absent */
    uint8_t     result;      /* wasm_value_type, WASM_TYPE_NONE = none */
} wasm_opcode_info;

extern const wasm_opcode_info wasm_opcode_infos[WASM_OP_COUNT];

/* Byte -> opcode maps, holding opcode + 1 so that 0 marks an unassigned
 * encoding (and the 0xFC prefix itself in wasm_opcode_plus1_by_byte). */
extern const uint8_t wasm_opcode_plus1_by_byte[256];
#define WASM_OPCODE_FC_COUNT 18
extern const uint8_t wasm_opcode_plus1_by_fc[WASM_OPCODE_FC_COUNT];

static inline const char *wasm_opcode_name(wasm_opcode op)
{
    return op < WASM_OP_COUNT ? wasm_opcode_infos[op].name : "<unknown>";
}

#endif /* WRT_OPCODE_H */
