/* opcode.c: the tables generated from opcodes.def (names, immediates, signatures, byte maps). */
#include "opcode.h"

#include "module.h"

/* Column tokens of opcodes.def mapped to value types. SPECIAL rows carry
 * no signature: the validator types them by hand. */
#define OPCODE_TYPE_NONE    WASM_TYPE_NONE
#define OPCODE_TYPE_SPECIAL WASM_TYPE_NONE
#define OPCODE_TYPE_I32     WASM_TYPE_I32
#define OPCODE_TYPE_I64     WASM_TYPE_I64
#define OPCODE_TYPE_F32     WASM_TYPE_F32
#define OPCODE_TYPE_F64     WASM_TYPE_F64
#define OPCODE_SPECIAL_SPECIAL 1
#define OPCODE_SPECIAL_NONE    0
#define OPCODE_SPECIAL_I32     0
#define OPCODE_SPECIAL_I64     0
#define OPCODE_SPECIAL_F32     0
#define OPCODE_SPECIAL_F64     0

const wasm_opcode_info wasm_opcode_infos[WASM_OP_COUNT] = {
#define OP(ident, byte_, sub_, name_, imm, p1, p2, p3, result_)               \
    [WASM_OP_##ident] = {                                                    \
        .name = name_, .byte = byte_, .sub = sub_,                           \
        .immediate = WASM_IMM_##imm, .special = OPCODE_SPECIAL_##p1,          \
        .params = { OPCODE_TYPE_##p1, OPCODE_TYPE_##p2, OPCODE_TYPE_##p3 },   \
        .result = OPCODE_TYPE_##result_ },
#include "opcodes.def"
#undef OP
};

const uint8_t wasm_opcode_plus1_by_byte[256] = {
#define OP(ident, byte_, sub_, name_, imm, p1, p2, p3, result_)               \
    [byte_] = WASM_OP_##ident + 1,
#define OP_FC(...)
#include "opcodes.def"
#undef OP_FC
#undef OP
};

const uint8_t wasm_opcode_plus1_by_fc[WASM_OPCODE_FC_COUNT] = {
#define OP(...)
#define OP_FC(ident, byte_, sub_, name_, imm, p1, p2, p3, result_)            \
    [sub_] = WASM_OP_##ident + 1,
#include "opcodes.def"
#undef OP_FC
#undef OP
};

_Static_assert(WASM_OP_COUNT < 255, "opcode + 1 must fit a byte");
