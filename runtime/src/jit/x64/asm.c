/* asm.c: hand-written x86-64 instruction encoders; every x86 encoding detail of the JIT lives here. */
#include "asm.h"

#include <string.h>

/* The longest x86-64 instruction, in bytes. */
#define X64_MAX_INSTRUCTION 15

/* An opcode of one to three bytes (after prefixes and REX). */
typedef struct x64_opcode {
    uint8_t length;
    uint8_t bytes[3];
} x64_opcode;

#define OP1(a) ((x64_opcode){1, {(a), 0, 0}})
#define OP2(a, b) ((x64_opcode){2, {(a), (b), 0}})
#define OP3(a, b, c) ((x64_opcode){3, {(a), (b), (c)}})

static bool fits_int8(int64_t value)
{
    return value >= -128 && value <= 127;
}

static bool is_byte_reg_needing_rex(int size, int reg)
{
    /* Without REX, byte registers 4..7 mean ah/ch/dh/bh; with any REX they
     * mean spl/bpl/sil/dil, which is what we always want. */
    return size == 1 && reg >= 4 && reg <= 7;
}

/* The encoders below write through a pointer into space reserved once per
 * instruction (codebuf_open: an x86 instruction is at most 15 bytes), not
 * byte by byte through codebuf_byte's capacity check. */

/* Prefix order: operand-size 66, then the mandatory prefix (66/F2/F3 of
 * SSE and bit-count instructions), then REX, then the opcode. REX is
 * emitted when any field needs it or when `force_rex` asks for it
 * (spl/bpl/sil/dil). Missing operands are -1. */
static uint8_t *put_prefixes(uint8_t *out, int size, uint8_t mandatory, bool wide, int reg, int index,
                             int base, bool force_rex)
{
    if (size == 2)
        *out++ = 0x66;
    if (mandatory)
        *out++ = mandatory;
    uint8_t rex = 0x40 | (wide ? 8 : 0) | (reg >= 8 ? 4 : 0) | (index >= 8 ? 2 : 0) | (base >= 8 ? 1 : 0);
    if (rex != 0x40 || force_rex)
        *out++ = rex;
    return out;
}

static void emit_prefixes(codebuf *buf, int size, uint8_t mandatory, bool wide, int reg, int index,
                          int base, bool force_rex)
{
    uint8_t *out = codebuf_open(buf, X64_MAX_INSTRUCTION);
    if (out)
        codebuf_close(buf, put_prefixes(out, size, mandatory, wide, reg, index, base, force_rex));
}

static uint8_t *put_opcode(uint8_t *out, x64_opcode op)
{
    out[0] = op.bytes[0];
    out[1] = op.bytes[1];
    out[2] = op.bytes[2];
    return out + op.length;
}

/* ModRM + SIB + displacement for a memory operand. rsp and r12 as base
 * need a SIB byte (rm = 100 means "SIB follows"); rbp and r13 as base with
 * mod = 00 would mean RIP-relative / no base, so they always carry a
 * displacement (disp8 0). disp8 is used whenever the displacement fits. */
static uint8_t *put_modrm_mem(uint8_t *out, int reg, x64_mem mem)
{
    int base = mem.base & 7;
    int mod;
    if (mem.disp == 0 && base != 5)
        mod = 0;
    else if (fits_int8(mem.disp))
        mod = 1;
    else
        mod = 2;
    if (mem.index == X64_NO_REG && base != 4) {
        *out++ = (uint8_t)(mod << 6 | (reg & 7) << 3 | base);
    } else {
        int index = mem.index == X64_NO_REG ? 4 : (mem.index & 7);
        *out++ = (uint8_t)(mod << 6 | (reg & 7) << 3 | 4);
        *out++ = (uint8_t)((mem.scale & 3) << 6 | index << 3 | base);
    }
    if (mod == 1) {
        *out++ = (uint8_t)(int8_t)mem.disp;
    } else if (mod == 2) {
        uint32_t disp = (uint32_t)mem.disp;
        memcpy(out, &disp, 4);
        out += 4;
    }
    return out;
}

/* Register-direct form: reg field and rm field are both registers (or reg
 * is an opcode extension /digit). */
static void emit_rr(codebuf *buf, int size, uint8_t mandatory, bool wide, x64_opcode op, int reg, int rm,
                    bool force_rex)
{
    uint8_t *out = codebuf_open(buf, X64_MAX_INSTRUCTION);
    if (!out)
        return;
    out = put_prefixes(out, size, mandatory, wide, reg, -1, rm, force_rex);
    out = put_opcode(out, op);
    *out++ = (uint8_t)(0xC0 | (reg & 7) << 3 | (rm & 7));
    codebuf_close(buf, out);
}

static void emit_rm(codebuf *buf, int size, uint8_t mandatory, bool wide, x64_opcode op, int reg, x64_mem mem,
                    bool force_rex)
{
    uint8_t *out = codebuf_open(buf, X64_MAX_INSTRUCTION);
    if (!out)
        return;
    out = put_prefixes(out, size, mandatory, wide, reg, mem.index, mem.base, force_rex);
    out = put_opcode(out, op);
    codebuf_close(buf, put_modrm_mem(out, reg, mem));
}

static void emit_imm(codebuf *buf, int size, int64_t imm)
{
    switch (size) {
    case 1: codebuf_byte(buf, (uint8_t)imm); break;
    case 2: codebuf_byte(buf, (uint8_t)imm); codebuf_byte(buf, (uint8_t)(imm >> 8)); break;
    default: codebuf_u32(buf, (uint32_t)imm); break;
    }
}

/* ---- mov ---------------------------------------------------------------- */

void x64_mov_rr(codebuf *buf, int size, x64_gpr dst, x64_gpr src)
{
    bool force = is_byte_reg_needing_rex(size, dst) || is_byte_reg_needing_rex(size, src);
    emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0x88 : 0x89), src, dst, force);
}

void x64_movabs(codebuf *buf, x64_gpr dst, uint64_t imm)
{
    emit_prefixes(buf, 8, 0, true, -1, -1, dst, false);
    codebuf_byte(buf, (uint8_t)(0xB8 + (dst & 7)));
    codebuf_u64(buf, imm);
}

/* For 64-bit destinations the shortest exact encoding is chosen: a 32-bit
 * mov (which zero-extends) for values in [0, 2^32), the sign-extended
 * C7 /0 form for negative int32 values, movabs otherwise. */
void x64_mov_ri(codebuf *buf, int size, x64_gpr dst, int64_t imm)
{
    if (size == 8) {
        if (imm >= 0 && imm <= 0xFFFFFFFFll) {
            size = 4;
        } else if (imm >= INT32_MIN && imm < 0) {
            emit_rr(buf, 8, 0, true, OP1(0xC7), 0, dst, false);
            codebuf_u32(buf, (uint32_t)imm);
            return;
        } else {
            x64_movabs(buf, dst, (uint64_t)imm);
            return;
        }
    }
    emit_prefixes(buf, size, 0, false, -1, -1, dst, is_byte_reg_needing_rex(size, dst));
    codebuf_byte(buf, (uint8_t)((size == 1 ? 0xB0 : 0xB8) + (dst & 7)));
    emit_imm(buf, size, imm);
}

void x64_mov_load(codebuf *buf, int size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, size, 0, size == 8, OP1(size == 1 ? 0x8A : 0x8B), dst, src, is_byte_reg_needing_rex(size, dst));
}

void x64_mov_store(codebuf *buf, int size, x64_mem dst, x64_gpr src)
{
    emit_rm(buf, size, 0, size == 8, OP1(size == 1 ? 0x88 : 0x89), src, dst, is_byte_reg_needing_rex(size, src));
}

void x64_xchg_mr(codebuf *buf, int size, x64_mem mem, x64_gpr reg)
{
    emit_rm(buf, size, 0, size == 8, OP1(size == 1 ? 0x86 : 0x87), reg, mem, is_byte_reg_needing_rex(size, reg));
}

void x64_mov_store_imm(codebuf *buf, int size, x64_mem dst, int32_t imm)
{
    emit_rm(buf, size, 0, size == 8, OP1(size == 1 ? 0xC6 : 0xC7), 0, dst, false);
    emit_imm(buf, size, imm);
}

static x64_opcode extend_opcode(int src_size, bool sign)
{
    if (src_size == 4)
        return OP1(0x63); /* movsxd */
    if (sign)
        return OP2(0x0F, src_size == 1 ? 0xBE : 0xBF);
    return OP2(0x0F, src_size == 1 ? 0xB6 : 0xB7);
}

void x64_movzx_rr(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_gpr src)
{
    emit_rr(buf, 0, 0, dst_size == 8, extend_opcode(src_size, false), dst, src,
            is_byte_reg_needing_rex(src_size, src));
}

void x64_movzx_load(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, 0, 0, dst_size == 8, extend_opcode(src_size, false), dst, src, false);
}

void x64_movsx_rr(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_gpr src)
{
    emit_rr(buf, 0, 0, dst_size == 8, extend_opcode(src_size, true), dst, src,
            is_byte_reg_needing_rex(src_size, src));
}

void x64_movsx_load(codebuf *buf, int src_size, int dst_size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, 0, 0, dst_size == 8, extend_opcode(src_size, true), dst, src, false);
}

void x64_lea(codebuf *buf, int size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, size, 0, size == 8, OP1(0x8D), dst, src, false);
}

size_t x64_lea_rip(codebuf *buf, x64_gpr dst, int32_t disp)
{
    emit_prefixes(buf, 8, 0, true, dst, -1, -1, false);
    codebuf_byte(buf, 0x8D);
    codebuf_byte(buf, (uint8_t)((dst & 7) << 3 | 5)); /* mod 00, rm 101: rip + disp32 */
    size_t at = buf->size;
    codebuf_u32(buf, (uint32_t)disp);
    return at;
}

/* ---- ALU ---------------------------------------------------------------- */

void x64_alu_rr(codebuf *buf, x64_alu op, int size, x64_gpr dst, x64_gpr src)
{
    bool force = is_byte_reg_needing_rex(size, dst) || is_byte_reg_needing_rex(size, src);
    emit_rr(buf, size, 0, size == 8, OP1((uint8_t)(op * 8 + (size == 1 ? 0 : 1))), src, dst, force);
}

/* Immediates: the sign-extended imm8 form (83) when the value fits, the
 * short accumulator form (op*8+5) for rax, the generic 81 /op otherwise. */
void x64_alu_ri(codebuf *buf, x64_alu op, int size, x64_gpr dst, int32_t imm)
{
    if (size == 1) {
        if (dst == X64_RAX) {
            codebuf_byte(buf, (uint8_t)(op * 8 + 4));
        } else {
            emit_rr(buf, 1, 0, false, OP1(0x80), op, dst, is_byte_reg_needing_rex(1, dst));
        }
        codebuf_byte(buf, (uint8_t)imm);
        return;
    }
    if (fits_int8(imm)) {
        emit_rr(buf, size, 0, size == 8, OP1(0x83), op, dst, false);
        codebuf_byte(buf, (uint8_t)imm);
    } else if (dst == X64_RAX) {
        emit_prefixes(buf, size, 0, size == 8, -1, -1, -1, false);
        codebuf_byte(buf, (uint8_t)(op * 8 + 5));
        emit_imm(buf, size, imm);
    } else {
        emit_rr(buf, size, 0, size == 8, OP1(0x81), op, dst, false);
        emit_imm(buf, size, imm);
    }
}

void x64_alu_rm(codebuf *buf, x64_alu op, int size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, size, 0, size == 8, OP1((uint8_t)(op * 8 + (size == 1 ? 2 : 3))), dst, src,
            is_byte_reg_needing_rex(size, dst));
}

void x64_alu_mr(codebuf *buf, x64_alu op, int size, x64_mem dst, x64_gpr src)
{
    emit_rm(buf, size, 0, size == 8, OP1((uint8_t)(op * 8 + (size == 1 ? 0 : 1))), src, dst,
            is_byte_reg_needing_rex(size, src));
}

void x64_alu_mi(codebuf *buf, x64_alu op, int size, x64_mem dst, int32_t imm)
{
    if (size == 1) {
        emit_rm(buf, 1, 0, false, OP1(0x80), op, dst, false);
        codebuf_byte(buf, (uint8_t)imm);
    } else if (fits_int8(imm)) {
        emit_rm(buf, size, 0, size == 8, OP1(0x83), op, dst, false);
        codebuf_byte(buf, (uint8_t)imm);
    } else {
        emit_rm(buf, size, 0, size == 8, OP1(0x81), op, dst, false);
        emit_imm(buf, size, imm);
    }
}

void x64_test_rr(codebuf *buf, int size, x64_gpr lhs, x64_gpr rhs)
{
    bool force = is_byte_reg_needing_rex(size, lhs) || is_byte_reg_needing_rex(size, rhs);
    emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0x84 : 0x85), rhs, lhs, force);
}

void x64_test_ri(codebuf *buf, int size, x64_gpr lhs, int32_t imm)
{
    if (lhs == X64_RAX) {
        emit_prefixes(buf, size, 0, size == 8, -1, -1, -1, false);
        codebuf_byte(buf, size == 1 ? 0xA8 : 0xA9);
    } else {
        emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0xF6 : 0xF7), 0, lhs, is_byte_reg_needing_rex(size, lhs));
    }
    emit_imm(buf, size, imm);
}

/* ---- multiply, divide, unary ------------------------------------------ */

void x64_imul_rr(codebuf *buf, int size, x64_gpr dst, x64_gpr src)
{
    emit_rr(buf, size, 0, size == 8, OP2(0x0F, 0xAF), dst, src, false);
}

void x64_imul_rm(codebuf *buf, int size, x64_gpr dst, x64_mem src)
{
    emit_rm(buf, size, 0, size == 8, OP2(0x0F, 0xAF), dst, src, false);
}

void x64_imul_rri(codebuf *buf, int size, x64_gpr dst, x64_gpr src, int32_t imm)
{
    if (fits_int8(imm)) {
        emit_rr(buf, size, 0, size == 8, OP1(0x6B), dst, src, false);
        codebuf_byte(buf, (uint8_t)imm);
    } else {
        emit_rr(buf, size, 0, size == 8, OP1(0x69), dst, src, false);
        emit_imm(buf, size, imm);
    }
}

void x64_unary(codebuf *buf, x64_unary_op op, int size, x64_gpr reg)
{
    emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0xF6 : 0xF7), op, reg, is_byte_reg_needing_rex(size, reg));
}

void x64_cdq(codebuf *buf)
{
    codebuf_byte(buf, 0x99);
}

void x64_cqo(codebuf *buf)
{
    codebuf_byte(buf, 0x48);
    codebuf_byte(buf, 0x99);
}

/* ---- shifts ------------------------------------------------------------- */

void x64_shift_cl(codebuf *buf, x64_shift op, int size, x64_gpr reg)
{
    emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0xD2 : 0xD3), op, reg, is_byte_reg_needing_rex(size, reg));
}

/* A count of 1 uses the shorter D1 form (what assemblers pick). */
void x64_shift_ri(codebuf *buf, x64_shift op, int size, x64_gpr reg, uint8_t imm)
{
    bool force = is_byte_reg_needing_rex(size, reg);
    if (imm == 1) {
        emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0xD0 : 0xD1), op, reg, force);
    } else {
        emit_rr(buf, size, 0, size == 8, OP1(size == 1 ? 0xC0 : 0xC1), op, reg, force);
        codebuf_byte(buf, imm);
    }
}

/* ---- bit scans and counts ---------------------------------------------- */

void x64_bitop_rr(codebuf *buf, x64_bitop op, int size, x64_gpr dst, x64_gpr src)
{
    static const uint8_t mandatory[] = {[X64_BSF] = 0, [X64_BSR] = 0, [X64_TZCNT] = 0xF3,
                                        [X64_LZCNT] = 0xF3, [X64_POPCNT] = 0xF3};
    static const uint8_t opcode[] = {[X64_BSF] = 0xBC, [X64_BSR] = 0xBD, [X64_TZCNT] = 0xBC,
                                     [X64_LZCNT] = 0xBD, [X64_POPCNT] = 0xB8};
    emit_rr(buf, size, mandatory[op], size == 8, OP2(0x0F, opcode[op]), dst, src, false);
}

/* ---- flags -------------------------------------------------------------- */

void x64_setcc(codebuf *buf, x64_cond cc, x64_gpr dst)
{
    emit_rr(buf, 0, 0, false, OP2(0x0F, (uint8_t)(0x90 + cc)), 0, dst, is_byte_reg_needing_rex(1, dst));
}

void x64_cmovcc(codebuf *buf, x64_cond cc, int size, x64_gpr dst, x64_gpr src)
{
    emit_rr(buf, size, 0, size == 8, OP2(0x0F, (uint8_t)(0x40 + cc)), dst, src, false);
}

/* ---- control flow ------------------------------------------------------- */

void x64_patch_rel32(codebuf *buf, size_t disp_offset, size_t target)
{
    int64_t rel = (int64_t)target - (int64_t)(disp_offset + 4);
    codebuf_patch_u32(buf, disp_offset, (uint32_t)(int32_t)rel);
}

/* Emits the displacement for `target` (SIZE_MAX: unknown yet, 0) and
 * returns its offset. */
static size_t emit_rel32(codebuf *buf, size_t target)
{
    size_t at = buf->size;
    codebuf_u32(buf, 0);
    if (target != SIZE_MAX)
        x64_patch_rel32(buf, at, target);
    return at;
}

size_t x64_jcc(codebuf *buf, x64_cond cc, size_t target)
{
    codebuf_byte(buf, 0x0F);
    codebuf_byte(buf, (uint8_t)(0x80 + cc));
    return emit_rel32(buf, target);
}

size_t x64_jmp(codebuf *buf, size_t target)
{
    codebuf_byte(buf, 0xE9);
    return emit_rel32(buf, target);
}

size_t x64_call(codebuf *buf, size_t target)
{
    codebuf_byte(buf, 0xE8);
    return emit_rel32(buf, target);
}

void x64_jcc_rel8(codebuf *buf, x64_cond cc, int8_t rel)
{
    codebuf_byte(buf, (uint8_t)(0x70 + cc));
    codebuf_byte(buf, (uint8_t)rel);
}

void x64_jmp_rel8(codebuf *buf, int8_t rel)
{
    codebuf_byte(buf, 0xEB);
    codebuf_byte(buf, (uint8_t)rel);
}

void x64_call_r(codebuf *buf, x64_gpr target)
{
    emit_rr(buf, 0, 0, false, OP1(0xFF), 2, target, false);
}

void x64_call_m(codebuf *buf, x64_mem target)
{
    emit_rm(buf, 0, 0, false, OP1(0xFF), 2, target, false);
}

void x64_jmp_r(codebuf *buf, x64_gpr target)
{
    emit_rr(buf, 0, 0, false, OP1(0xFF), 4, target, false);
}

void x64_jmp_m(codebuf *buf, x64_mem target)
{
    emit_rm(buf, 0, 0, false, OP1(0xFF), 4, target, false);
}

void x64_push(codebuf *buf, x64_gpr reg)
{
    emit_prefixes(buf, 0, 0, false, -1, -1, reg, false);
    codebuf_byte(buf, (uint8_t)(0x50 + (reg & 7)));
}

void x64_pop(codebuf *buf, x64_gpr reg)
{
    emit_prefixes(buf, 0, 0, false, -1, -1, reg, false);
    codebuf_byte(buf, (uint8_t)(0x58 + (reg & 7)));
}

void x64_ret(codebuf *buf)
{
    codebuf_byte(buf, 0xC3);
}

void x64_ud2(codebuf *buf)
{
    codebuf_byte(buf, 0x0F);
    codebuf_byte(buf, 0x0B);
}

void x64_int3(codebuf *buf)
{
    codebuf_byte(buf, 0xCC);
}

void x64_nop(codebuf *buf)
{
    codebuf_byte(buf, 0x90);
}

void x64_rep_stosq(codebuf *buf)
{
    codebuf_byte(buf, 0xF3);
    codebuf_byte(buf, 0x48);
    codebuf_byte(buf, 0xAB);
}

void x64_nop4_at(codebuf *buf, size_t at)
{
    static const uint8_t nop4[4] = {0x0F, 0x1F, 0x40, 0x00};
    if (!buf->failed && at + 4 <= buf->size)
        memcpy(buf->bytes + at, nop4, 4);
}

void x64_nop_at(codebuf *buf, size_t at, size_t length)
{
    static const uint8_t nops[9][9] = {
        {0}, {0x90}, {0x66, 0x90}, {0x0F, 0x1F, 0x00}, {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00}, {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00}, {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00}};
    if (buf->failed || at + length > buf->size)
        return;
    while (length > 0) {
        size_t chunk = length > 8 ? 8 : length;
        memcpy(buf->bytes + at, nops[chunk], chunk);
        at += chunk;
        length -= chunk;
    }
}

/* ---- SSE ---------------------------------------------------------------- */

static uint8_t scalar_prefix(int width)
{
    return width == 4 ? 0xF3 : 0xF2;
}

static uint8_t packed_prefix(int width)
{
    return width == 4 ? 0 : 0x66;
}

void x64_movd_xr(codebuf *buf, int size, x64_xmm dst, x64_gpr src)
{
    emit_rr(buf, 0, 0x66, size == 8, OP2(0x0F, 0x6E), dst, src, false);
}

void x64_movd_rx(codebuf *buf, int size, x64_gpr dst, x64_xmm src)
{
    emit_rr(buf, 0, 0x66, size == 8, OP2(0x0F, 0x7E), src, dst, false);
}

void x64_movs_rr(codebuf *buf, int width, x64_xmm dst, x64_xmm src)
{
    emit_rr(buf, 0, scalar_prefix(width), false, OP2(0x0F, 0x10), dst, src, false);
}

void x64_movs_load(codebuf *buf, int width, x64_xmm dst, x64_mem src)
{
    emit_rm(buf, 0, scalar_prefix(width), false, OP2(0x0F, 0x10), dst, src, false);
}

void x64_movs_store(codebuf *buf, int width, x64_mem dst, x64_xmm src)
{
    emit_rm(buf, 0, scalar_prefix(width), false, OP2(0x0F, 0x11), src, dst, false);
}

void x64_movap_rr(codebuf *buf, int width, x64_xmm dst, x64_xmm src)
{
    emit_rr(buf, 0, packed_prefix(width), false, OP2(0x0F, 0x28), dst, src, false);
}

void x64_sse_arith_rr(codebuf *buf, x64_sse_arith op, int width, x64_xmm dst, x64_xmm src)
{
    emit_rr(buf, 0, scalar_prefix(width), false, OP2(0x0F, (uint8_t)op), dst, src, false);
}

void x64_sse_arith_rm(codebuf *buf, x64_sse_arith op, int width, x64_xmm dst, x64_mem src)
{
    emit_rm(buf, 0, scalar_prefix(width), false, OP2(0x0F, (uint8_t)op), dst, src, false);
}

void x64_sse_logic_rr(codebuf *buf, x64_sse_logic op, int width, x64_xmm dst, x64_xmm src)
{
    emit_rr(buf, 0, packed_prefix(width), false, OP2(0x0F, (uint8_t)op), dst, src, false);
}

void x64_ucomis(codebuf *buf, int width, x64_xmm lhs, x64_xmm rhs)
{
    emit_rr(buf, 0, packed_prefix(width), false, OP2(0x0F, 0x2E), lhs, rhs, false);
}

void x64_comis(codebuf *buf, int width, x64_xmm lhs, x64_xmm rhs)
{
    emit_rr(buf, 0, packed_prefix(width), false, OP2(0x0F, 0x2F), lhs, rhs, false);
}

void x64_rounds(codebuf *buf, int width, x64_xmm dst, x64_xmm src, uint8_t mode)
{
    emit_rr(buf, 0, 0x66, false, OP3(0x0F, 0x3A, width == 4 ? 0x0A : 0x0B), dst, src, false);
    codebuf_byte(buf, mode);
}

void x64_cvtsi2s(codebuf *buf, int width, int int_size, x64_xmm dst, x64_gpr src)
{
    emit_rr(buf, 0, scalar_prefix(width), int_size == 8, OP2(0x0F, 0x2A), dst, src, false);
}

void x64_cvtts2si(codebuf *buf, int width, int int_size, x64_gpr dst, x64_xmm src)
{
    emit_rr(buf, 0, scalar_prefix(width), int_size == 8, OP2(0x0F, 0x2C), dst, src, false);
}

void x64_cvts2s(codebuf *buf, int from_width, x64_xmm dst, x64_xmm src)
{
    emit_rr(buf, 0, scalar_prefix(from_width), false, OP2(0x0F, 0x5A), dst, src, false);
}
