/* asm.h: hand-written x86-64 instruction encoders (REX, ModRM, SIB, displacements, immediates). */
#ifndef WRT_JIT_X64_ASM_H
#define WRT_JIT_X64_ASM_H

#include <stdbool.h>
#include <stdint.h>

#include "../codebuf.h"

/* General-purpose registers by hardware number (low 3 bits go in ModRM,
 * bit 3 in REX). */
typedef enum x64_gpr {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
    X64_NO_REG = -1
} x64_gpr;

/* SSE registers xmm0..xmm15 are plain numbers 0..15. */
typedef int x64_xmm;

/* A memory operand [base + index * (1 << scale) + disp]. base may not be
 * X64_NO_REG (no absolute or RIP-relative addressing is needed); index is
 * X64_NO_REG or any register but rsp. */
typedef struct x64_mem {
    x64_gpr base;
    x64_gpr index;
    uint8_t scale; /* 0..3 */
    int32_t disp;
} x64_mem;

static inline x64_mem x64_base_disp(x64_gpr base, int32_t disp)
{
    x64_mem m = {base, X64_NO_REG, 0, disp};
    return m;
}

static inline x64_mem x64_base_index(x64_gpr base, x64_gpr index, uint8_t scale, int32_t disp)
{
    x64_mem m = {base, index, scale, disp};
    return m;
}

/* Condition codes, numbered as in the opcodes (jcc = 0F 80+cc). */
typedef enum x64_cond {
    X64_CC_O, X64_CC_NO, X64_CC_B, X64_CC_AE, X64_CC_E, X64_CC_NE, X64_CC_BE, X64_CC_A,
    X64_CC_S, X64_CC_NS, X64_CC_P, X64_CC_NP, X64_CC_L, X64_CC_GE, X64_CC_LE, X64_CC_G
} x64_cond;

/* The eight classic two-operand ALU operations; the value is the /digit and
 * opcode row (op * 8 + 1 is the "r/m, reg" form). */
typedef enum x64_alu {
    X64_ADD = 0, X64_OR = 1, X64_ADC = 2, X64_SBB = 3,
    X64_AND = 4, X64_SUB = 5, X64_XOR = 6, X64_CMP = 7
} x64_alu;

/* Group-3 unary operations (F7 /digit). */
typedef enum x64_unary {
    X64_NOT = 2, X64_NEG = 3, X64_MUL = 4, X64_IMUL1 = 5, X64_DIV = 6, X64_IDIV = 7
} x64_unary_op;

/* Group-2 shifts and rotates (D3 /digit by cl, C1 /digit by imm8). */
typedef enum x64_shift {
    X64_ROL = 0, X64_ROR = 1, X64_SHL = 4, X64_SHR = 5, X64_SAR = 7
} x64_shift;

/* Scalar SSE arithmetic (F3 0F op = ss, F2 0F op = sd). */
typedef enum x64_sse_arith {
    X64_SQRT = 0x51, X64_ADDS = 0x58, X64_MULS = 0x59, X64_SUBS = 0x5C,
    X64_MINS = 0x5D, X64_DIVS = 0x5E, X64_MAXS = 0x5F
} x64_sse_arith;

/* Packed bitwise SSE operations (0F op = ps, 66 0F op = pd). */
typedef enum x64_sse_logic {
    X64_ANDP = 0x54, X64_ANDNP = 0x55, X64_ORP = 0x56, X64_XORP = 0x57
} x64_sse_logic;

/* Bit-scan/count operations. */
typedef enum x64_bitop {
    X64_BSF, X64_BSR, X64_TZCNT, X64_LZCNT, X64_POPCNT
} x64_bitop;

/* Rounding-mode immediates for roundss/roundsd (with "suppress precision
 * exception" bit 3). */
enum {
    X64_ROUND_NEAREST = 0x8, X64_ROUND_DOWN = 0x9, X64_ROUND_UP = 0xA, X64_ROUND_ZERO = 0xB
};

/* Operand sizes are in bytes: 1, 2, 4 or 8. Float width is 4 (ss/ps) or 8
 * (sd/pd). Every encoder appends one instruction to `buf`. */

/* mov */
void x64_mov_rr(codebuf *buf, int size, x64_gpr dst, x64_gpr src);
void x64_mov_ri(codebuf *buf, int size, x64_gpr dst, int64_t imm); /* shortest exact form */
void x64_movabs(codebuf *buf, x64_gpr dst, uint64_t imm);           /* always 10 bytes */
void x64_mov_load(codebuf *buf, int size, x64_gpr dst, x64_mem src);
void x64_mov_store(codebuf *buf, int size, x64_mem dst, x64_gpr src);
void x64_mov_store_imm(codebuf *buf, int size, x64_mem dst, int32_t imm);
/* xchg [mem], reg: a locked read-modify-write, so also a full fence. */
void x64_xchg_mr(codebuf *buf, int size, x64_mem mem, x64_gpr reg);
/* Zero/sign extension from src_size (1, 2; 4 for movsxd) into dst_size (4, 8). */
void x64_movzx_rr(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_gpr src);
void x64_movzx_load(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_mem src);
void x64_movsx_rr(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_gpr src);
void x64_movsx_load(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_mem src);
void x64_lea(codebuf *buf, int size, x64_gpr dst, x64_mem src);
/* lea dst, [rip + disp32]; returns the offset of disp32 (patch it with
 * x64_patch_rel32 to point at a buffer offset). */
size_t x64_lea_rip(codebuf *buf, x64_gpr dst, int32_t disp);

/* ALU: add/or/adc/sbb/and/sub/xor/cmp */
void x64_alu_rr(codebuf *buf, x64_alu op, int size, x64_gpr dst, x64_gpr src);
void x64_alu_ri(codebuf *buf, x64_alu op, int size, x64_gpr dst, int32_t imm);
void x64_alu_rm(codebuf *buf, x64_alu op, int size, x64_gpr dst, x64_mem src);
void x64_alu_mr(codebuf *buf, x64_alu op, int size, x64_mem dst, x64_gpr src);
void x64_alu_mi(codebuf *buf, x64_alu op, int size, x64_mem dst, int32_t imm);
void x64_test_rr(codebuf *buf, int size, x64_gpr lhs, x64_gpr rhs);
void x64_test_ri(codebuf *buf, int size, x64_gpr lhs, int32_t imm);

/* Multiplication, division, unary group */
void x64_imul_rr(codebuf *buf, int size, x64_gpr dst, x64_gpr src);
void x64_imul_rm(codebuf *buf, int size, x64_gpr dst, x64_mem src);
void x64_imul_rri(codebuf *buf, int size, x64_gpr dst, x64_gpr src, int32_t imm);
void x64_unary(codebuf *buf, x64_unary_op op, int size, x64_gpr reg);
void x64_cdq(codebuf *buf);
void x64_cqo(codebuf *buf);

/* Shifts and rotates */
void x64_shift_cl(codebuf *buf, x64_shift op, int size, x64_gpr reg);
void x64_shift_ri(codebuf *buf, x64_shift op, int size, x64_gpr reg, uint8_t imm);

/* bsf/bsr/tzcnt/lzcnt/popcnt (size 2, 4 or 8) */
void x64_bitop_rr(codebuf *buf, x64_bitop op, int size, x64_gpr dst, x64_gpr src);

/* Flags to registers */
void x64_setcc(codebuf *buf, x64_cond cc, x64_gpr dst); /* 8-bit destination */
void x64_cmovcc(codebuf *buf, x64_cond cc, int size, x64_gpr dst, x64_gpr src);

/* Control flow. The rel32 forms return the offset of the 4-byte
 * displacement so it can be patched (x64_patch_rel32); `target` is a
 * buffer offset, or SIZE_MAX for "patch later" (displacement 0). */
size_t x64_jcc(codebuf *buf, x64_cond cc, size_t target);
size_t x64_jmp(codebuf *buf, size_t target);
size_t x64_call(codebuf *buf, size_t target);
void x64_jcc_rel8(codebuf *buf, x64_cond cc, int8_t rel);
void x64_jmp_rel8(codebuf *buf, int8_t rel);
void x64_patch_rel32(codebuf *buf, size_t disp_offset, size_t target);
void x64_call_r(codebuf *buf, x64_gpr target);
void x64_call_m(codebuf *buf, x64_mem target);
void x64_jmp_r(codebuf *buf, x64_gpr target);
void x64_jmp_m(codebuf *buf, x64_mem target);
void x64_push(codebuf *buf, x64_gpr reg);
void x64_pop(codebuf *buf, x64_gpr reg);
void x64_ret(codebuf *buf);
void x64_ud2(codebuf *buf);
void x64_int3(codebuf *buf);
void x64_nop(codebuf *buf);
void x64_rep_stosq(codebuf *buf);
/* Overwrites the 4 bytes at `at` with one 4-byte nop (0F 1F 40 00), to
 * cancel a 4-byte instruction emitted earlier. */
void x64_nop4_at(codebuf *buf, size_t at); /* store rax to [rdi], rcx times (DF = 0) */
/* Overwrites `length` bytes at `at` with as few multi-byte nops as
 * possible (cancels a sequence emitted earlier). */
void x64_nop_at(codebuf *buf, size_t at, size_t length);

/* SSE moves */
void x64_movd_xr(codebuf *buf, int size, x64_xmm dst, x64_gpr src); /* movd/movq xmm, r */
void x64_movd_rx(codebuf *buf, int size, x64_gpr dst, x64_xmm src); /* movd/movq r, xmm */
void x64_movs_rr(codebuf *buf, int width, x64_xmm dst, x64_xmm src); /* movss/movsd */
void x64_movs_load(codebuf *buf, int width, x64_xmm dst, x64_mem src);
void x64_movs_store(codebuf *buf, int width, x64_mem dst, x64_xmm src);
void x64_movap_rr(codebuf *buf, int width, x64_xmm dst, x64_xmm src); /* movaps/movapd */

/* SSE arithmetic and logic */
void x64_sse_arith_rr(codebuf *buf, x64_sse_arith op, int width, x64_xmm dst, x64_xmm src);
void x64_sse_arith_rm(codebuf *buf, x64_sse_arith op, int width, x64_xmm dst, x64_mem src);
void x64_sse_logic_rr(codebuf *buf, x64_sse_logic op, int width, x64_xmm dst, x64_xmm src);
void x64_ucomis(codebuf *buf, int width, x64_xmm lhs, x64_xmm rhs);
void x64_comis(codebuf *buf, int width, x64_xmm lhs, x64_xmm rhs);
void x64_rounds(codebuf *buf, int width, x64_xmm dst, x64_xmm src, uint8_t mode); /* SSE4.1 */

/* Conversions. int_size is the integer width (4 or 8). */
void x64_cvtsi2s(codebuf *buf, int width, int int_size, x64_xmm dst, x64_gpr src);
void x64_cvtts2si(codebuf *buf, int width, int int_size, x64_gpr dst, x64_xmm src);
void x64_cvts2s(codebuf *buf, int from_width, x64_xmm dst, x64_xmm src); /* ss<->sd */

#endif
