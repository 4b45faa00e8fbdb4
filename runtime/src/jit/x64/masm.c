/* masm.c: the masm.h contract for x86-64 (register roles, frame layout, wasm semantics in x86 instructions). */
#include "../masm.h"

#include <cpuid.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "../../trap.h"
#include "../vmctx.h"
#include "asm.h"

/*
 * Register roles:
 *   rsp, rbp        stack and frame pointer
 *   r14             vmctx (pinned), saved at [rbp-8]
 *   r15             memory 0 base (pinned)
 *   rax, rcx, rdx, r11, xmm14, xmm15
 *                   scratch, used inside one masm operation only (division
 *                   needs rax:rdx, variable shifts need cl)
 *   rbx rsi rdi r8 r9 r10 r12 r13, xmm0..xmm13
 *                   allocatable; all caller-saved in the internal convention
 * Frame (rbp-relative):
 *   [rbp+16+8i]     incoming slot i (arguments, then extra results)
 *   [rbp+8]         return address     [rbp] caller's rbp
 *   [rbp-8]         vmctx              [rbp-16-8n] frame slot n
 *   [rsp+8i]        outgoing slot i (arguments of calls made here)
 */

#define SCRATCH X64_R11
enum { FLOAT_SCRATCH = 15, FLOAT_SCRATCH2 = 14 };

static codebuf *out(masm *m)
{
    return &m->code;
}

static int int_size(masm_type type)
{
    return type == MASM_I64 ? 8 : 4;
}

static int float_width(masm_type type)
{
    return type == MASM_F64 ? 8 : 4;
}

static bool fits_int32(int64_t value)
{
    return value >= INT32_MIN && value <= INT32_MAX;
}

/* cpuid is slow under virtualisation (a VM exit per leaf): once per process. */
static uint32_t detected_features;
static pthread_once_t detect_once = PTHREAD_ONCE_INIT;

static void detect_features_once(void)
{
    unsigned eax, ebx, ecx, edx;
    uint32_t features = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        if (ecx & (1u << 19))
            features |= MASM_FEATURE_ROUND;
        if (ecx & (1u << 23))
            features |= MASM_FEATURE_POPCNT;
    }
    if (__get_cpuid(0x80000001u, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 5)))
        features |= MASM_FEATURE_LZCNT;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (1u << 3)))
        features |= MASM_FEATURE_TZCNT;
    detected_features = features;
}

static uint32_t detect_features(void)
{
    pthread_once(&detect_once, detect_features_once);
    return detected_features;
}

void masm_init(masm *m)
{
    memset(m, 0, sizeof *m);
    m->features = detect_features();
}

void masm_free(masm *m)
{
    codebuf_free(&m->code);
    free(m->call_sites);
    memset(m, 0, sizeof *m);
}

bool masm_unsupported(masm *m, const char *operation)
{
    if (!m->unsupported)
        m->unsupported = operation;
    return false;
}

uint32_t masm_allocatable(bool float_file)
{
    if (float_file)
        return 0x3FFFu; /* xmm0..xmm13 */
    return 1u << X64_RBX | 1u << X64_RSI | 1u << X64_RDI | 1u << X64_R8 | 1u << X64_R9 | 1u << X64_R10 |
           1u << X64_R12 | 1u << X64_R13;
}

/* Argument registers by position: argument i uses arg_gprs[i] if it is an
 * integer or reference, arg_xmms[i] if it is a float. */
static const x64_gpr arg_gprs[] = {X64_RSI, X64_RDI, X64_R8, X64_R9, X64_R10, X64_R12};
static const x64_xmm arg_xmms[] = {1, 2, 3, 4, 5, 6};
enum { ARG_REGS = sizeof arg_gprs / sizeof arg_gprs[0] };

bool masm_arg_reg(masm_type type, uint32_t index, masm_reg *reg)
{
    if (index >= ARG_REGS)
        return false;
    *reg = masm_type_is_float(type) ? (masm_reg)arg_xmms[index] : (masm_reg)arg_gprs[index];
    return true;
}

/* ---- labels --------------------------------------------------------------
 * A pending rel32 holds the offset of the previous pending site of the same
 * label (0xFFFFFFFF ends the chain). */

static void use_label(masm *m, masm_label *label, size_t site)
{
    if (label->target != SIZE_MAX) {
        x64_patch_rel32(out(m), site, label->target);
        return;
    }
    codebuf_patch_u32(out(m), site, label->last_site == SIZE_MAX ? 0xFFFFFFFFu : (uint32_t)label->last_site);
    label->last_site = site;
}

void masm_bind(masm *m, masm_label *label)
{
    codebuf *buf = out(m);
    label->target = buf->size;
    size_t site = label->last_site;
    while (site != SIZE_MAX && !buf->failed) {
        uint32_t previous;
        memcpy(&previous, buf->bytes + site, 4);
        x64_patch_rel32(buf, site, label->target);
        site = previous == 0xFFFFFFFFu ? SIZE_MAX : previous;
    }
    label->last_site = SIZE_MAX;
}

void masm_align(masm *m, uint32_t boundary)
{
    codebuf *buf = out(m);
    size_t at = buf->size, pad = (size_t)(-(intptr_t)at) & (boundary - 1);
    for (size_t i = 0; i < pad; i++)
        codebuf_byte(buf, 0);
    x64_nop_at(buf, at, pad);
}

void masm_jump(masm *m, masm_label *label)
{
    use_label(m, label, x64_jmp(out(m), SIZE_MAX));
}

static void jump_if(masm *m, x64_cond cc, masm_label *label)
{
    use_label(m, label, x64_jcc(out(m), cc, SIZE_MAX));
}

void masm_branch_i32(masm *m, masm_reg reg, bool when_nonzero, masm_label *label)
{
    x64_test_rr(out(m), 4, reg, reg);
    jump_if(m, when_nonzero ? X64_CC_NE : X64_CC_E, label);
}

static x64_cond int_condition(masm_cond cond);

void masm_branch_compare(masm *m, masm_type type, masm_cond cond, masm_reg lhs, masm_reg rhs, masm_label *label)
{
    x64_alu_rr(out(m), X64_CMP, int_size(type), lhs, rhs);
    jump_if(m, int_condition(cond), label);
}

/* Comparisons with 0 for equality use test (shorter, same flags for E/NE). */
void masm_branch_compare_imm(masm *m, masm_type type, masm_cond cond, masm_reg lhs, int64_t imm, masm_label *label)
{
    int size = int_size(type);
    if (size == 4)
        imm = (int32_t)imm;
    if (imm == 0 && (cond == MASM_EQ || cond == MASM_NE)) {
        x64_test_rr(out(m), size, lhs, lhs);
    } else if (fits_int32(imm)) {
        x64_alu_ri(out(m), X64_CMP, size, lhs, (int32_t)imm);
    } else {
        x64_mov_ri(out(m), 8, SCRATCH, imm);
        x64_alu_rr(out(m), X64_CMP, size, lhs, SCRATCH);
    }
    jump_if(m, int_condition(cond), label);
}

/* ucomis: unordered sets ZF, PF and CF. lt/le swap the operands so that
 * every ordered test is "above (or equal)", false when unordered. */
void masm_branch_float_compare(masm *m, masm_type type, masm_fcond cond, bool when_true, masm_reg lhs, masm_reg rhs,
                               masm_label *label)
{
    codebuf *buf = out(m);
    int width = float_width(type);
    bool swap = cond == MASM_FLT || cond == MASM_FLE;
    x64_ucomis(buf, width, swap ? rhs : lhs, swap ? lhs : rhs);
    bool equal_test = cond == MASM_FEQ || cond == MASM_FNE;
    if (!equal_test) {
        bool or_equal = cond == MASM_FGE || cond == MASM_FLE;
        /* true: above (or equal); false: below or equal (below), which
         * includes unordered */
        x64_cond cc = when_true ? (or_equal ? X64_CC_AE : X64_CC_A) : (or_equal ? X64_CC_B : X64_CC_BE);
        jump_if(m, cc, label);
        return;
    }
    if ((cond == MASM_FEQ) == when_true) { /* branch if ordered and equal */
        size_t skip = buf->size;
        x64_jcc_rel8(buf, X64_CC_P, 0);
        jump_if(m, X64_CC_E, label);
        if (!buf->failed)
            buf->bytes[skip + 1] = (uint8_t)(buf->size - (skip + 2));
    } else { /* branch if unordered or not equal */
        jump_if(m, X64_CC_P, label);
        jump_if(m, X64_CC_NE, label);
    }
}

void masm_branch_i32_equal_imm(masm *m, masm_reg reg, int32_t value, masm_label *label)
{
    x64_alu_ri(out(m), X64_CMP, 4, reg, value);
    jump_if(m, X64_CC_E, label);
}

/* A table of 5-byte `jmp rel32` entries, entered at table + 5 * index: the
 * entries are ordinary label uses, so forward targets need nothing new. */
void masm_jump_table(masm *m, masm_reg index, uint32_t count, masm_label *const *targets,
                     masm_label *default_target)
{
    codebuf *buf = out(m);
    if (count > INT32_MAX) {
        masm_unsupported(m, "br_table with more than 2^31 targets");
        return;
    }
    x64_alu_ri(buf, X64_CMP, 4, index, (int32_t)count);
    jump_if(m, X64_CC_AE, default_target);
    x64_mov_rr(buf, 4, X64_RAX, index);
    x64_lea(buf, 8, X64_RAX, x64_base_index(X64_RAX, X64_RAX, 2, 0));
    size_t table_site = x64_lea_rip(buf, SCRATCH, 0);
    x64_alu_rr(buf, X64_ADD, 8, SCRATCH, X64_RAX);
    x64_jmp_r(buf, SCRATCH);
    x64_patch_rel32(buf, table_site, buf->size);
    for (uint32_t i = 0; i < count; i++)
        use_label(m, targets[i], x64_jmp(buf, SIZE_MAX));
}

/* An explicit trap is `ud2` followed by the kind byte; the SIGILL handler
 * reads the byte (masm_decode_trap). */
void masm_trap(masm *m, wrt_trap_kind kind)
{
    x64_ud2(out(m));
    codebuf_byte(out(m), (uint8_t)kind);
}

wrt_trap_kind masm_decode_trap(const uint8_t *pc)
{
    if (pc[0] == 0x0F && pc[1] == 0x0B && pc[2] > WRT_TRAP_NONE && pc[2] < WRT_TRAP_COUNT)
        return (wrt_trap_kind)pc[2];
    return WRT_TRAP_NONE;
}

/* Traps with `kind` when condition `cc` holds (a short branch around the
 * 3-byte trap). */
static void trap_if(masm *m, x64_cond cc, wrt_trap_kind kind)
{
    x64_jcc_rel8(out(m), (x64_cond)(cc ^ 1), 3);
    masm_trap(m, kind);
}

uintptr_t masm_signal_pc(const void *ucontext)
{
    const ucontext_t *context = ucontext;
    return (uintptr_t)context->uc_mcontext.gregs[REG_RIP];
}

/* ---- frame ---------------------------------------------------------------- */

static x64_mem slot_mem(masm_slot_kind kind, uint32_t slot)
{
    switch (kind) {
    case MASM_SLOT_PARAM: return x64_base_disp(X64_RBP, (int32_t)(16 + 8 * slot));
    case MASM_SLOT_OUT: return x64_base_disp(X64_RSP, (int32_t)(8 * slot));
    default: return x64_base_disp(X64_RBP, -(int32_t)(16 + 8 * slot));
    }
}

void masm_prologue(masm *m)
{
    codebuf *buf = out(m);
    x64_push(buf, X64_RBP);
    x64_mov_rr(buf, 8, X64_RBP, X64_RSP);
    /* Saved for calls that switch vmctx (and for the host trampoline,
     * which reads it from the caller's frame); a nop if none is made. It
     * lies below rsp until the frame is allocated: the red zone. */
    m->vmctx_save_site = buf->size;
    m->saves_vmctx = false;
    x64_mov_store(buf, 8, x64_base_disp(X64_RBP, -8), X64_R14);
    /* The stack check compares where rsp is going (rax, free at entry: no
     * argument arrives in it) with the limit before rsp moves, so the
     * frame never lies below the limit and a trap always has stack left.
     * A limit of UINTPTR_MAX (an interrupt, trap.c) fails every check. */
    m->stack_check_site = buf->size;
    m->makes_calls = false;
    x64_lea(buf, 8, X64_RAX, x64_base_disp(X64_RSP, -0x7FFFFFFF)); /* disp32 form, patched */
    m->frame_check_site = buf->size - 4;
    x64_mov_load(buf, 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_GUARD));
    x64_alu_rm(buf, X64_CMP, 8, X64_RAX, x64_base_disp(SCRATCH, 0));
    trap_if(m, X64_CC_B, WRT_TRAP_STACK_EXHAUSTED);
    m->stack_check_bytes = buf->size - m->stack_check_site;
    x64_alu_ri(buf, X64_SUB, 8, X64_RSP, 0x7FFFFFFF); /* imm32 form, patched */
    m->frame_size_site = buf->size - 4;
    /* r15 is already this instance's memory base: every caller sets it
     * (entry stub, import and indirect call sites; direct calls stay in
     * the instance). */
}

void masm_loop_check(masm *m)
{
    codebuf *buf = out(m);
    /* Fast path: this instance's flag, one load and a branch. */
    x64_alu_mi(buf, X64_CMP, 4, x64_base_disp(X64_R14, VMCTX_INTERRUPT), 0);
    x64_jcc_rel8(buf, X64_CC_E, 0); /* over the slow path, patched below */
    size_t skip_site = buf->size;
    /* Raised: lower it (xchg, a full fence, before reading the request:
     * trap_interrupt raises flags after setting the request, so either the
     * request is seen now or the flag is raised again), then trap if the
     * request stands; a stale flag only costs this once. */
    x64_alu_rr(buf, X64_XOR, 4, SCRATCH, SCRATCH);
    x64_xchg_mr(buf, 4, x64_base_disp(X64_R14, VMCTX_INTERRUPT), SCRATCH);
    x64_mov_load(buf, 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_GUARD));
    x64_alu_mi(buf, X64_CMP, 4, x64_base_disp(SCRATCH, (int32_t)offsetof(trap_guard, interrupt)), 0);
    trap_if(m, X64_CC_NE, WRT_TRAP_INTERRUPTED);
    size_t skip = buf->size - skip_site;
    if (!buf->failed && skip <= 127)
        buf->bytes[skip_site - 1] = (uint8_t)skip;
}

void masm_set_frame(masm *m, uint32_t frame_slots, uint32_t outgoing_slots)
{
    uint64_t bytes = 8 + 8ull * frame_slots + 8ull * outgoing_slots;
    bytes = (bytes + 15) & ~15ull;
    if (bytes > INT32_MAX) {
        masm_unsupported(m, "frame larger than 2 GiB");
        return;
    }
    codebuf_patch_u32(out(m), m->frame_size_site, (uint32_t)bytes);
    codebuf_patch_u32(out(m), m->frame_check_site, (uint32_t)-(int32_t)bytes);
    /* A leaf (no call of any kind) whose frame is at most LEAF_FRAME_MAX
     * needs no stack check: its caller passed its own, and the limit
     * keeps 256 KiB above the thread's stack end (trap.c), so the leaf's
     * frame still lands well inside that reserve. */
    enum { LEAF_FRAME_MAX = 4096 };
    bool check = m->makes_calls || bytes > LEAF_FRAME_MAX;
    if (!m->saves_vmctx && !check)
        x64_nop_at(out(m), m->vmctx_save_site, m->stack_check_site + m->stack_check_bytes - m->vmctx_save_site);
    else if (!m->saves_vmctx)
        x64_nop4_at(out(m), m->vmctx_save_site);
    else if (!check)
        x64_nop_at(out(m), m->stack_check_site, m->stack_check_bytes);
}

/* A few stores for small counts, rep stosq (rdi, rcx, rax are free in a
 * prologue: arguments live in memory) for large ones. */
void masm_zero_frame_slots(masm *m, uint32_t first, uint32_t count)
{
    codebuf *buf = out(m);
    if (count <= 8) {
        for (uint32_t i = 0; i < count; i++)
            x64_mov_store_imm(buf, 8, slot_mem(MASM_SLOT_FRAME, first + i), 0);
        return;
    }
    x64_mov_rr(buf, 8, SCRATCH, X64_RDI); /* may hold an argument */
    x64_lea(buf, 8, X64_RDI, slot_mem(MASM_SLOT_FRAME, first + count - 1)); /* lowest address */
    x64_mov_ri(buf, 4, X64_RCX, count);
    x64_alu_rr(buf, X64_XOR, 4, X64_RAX, X64_RAX);
    x64_rep_stosq(buf);
    x64_mov_rr(buf, 8, X64_RDI, SCRATCH);
}

void masm_epilogue(masm *m)
{
    x64_mov_rr(out(m), 8, X64_RSP, X64_RBP);
    x64_pop(out(m), X64_RBP);
    x64_ret(out(m));
}

/* ---- moves ---------------------------------------------------------------- */

void masm_move(masm *m, masm_type type, masm_reg dst, masm_reg src)
{
    if (dst == src)
        return;
    if (masm_type_is_float(type))
        x64_movap_rr(out(m), 4, dst, src);
    else
        x64_mov_rr(out(m), int_size(type), dst, src);
}

void masm_load_const(masm *m, masm_type type, masm_reg dst, uint64_t bits)
{
    codebuf *buf = out(m);
    if (!masm_type_is_float(type)) {
        if (bits == 0 || (type == MASM_I32 && (uint32_t)bits == 0))
            x64_alu_rr(buf, X64_XOR, 4, dst, dst);
        else
            x64_mov_ri(buf, int_size(type), dst, type == MASM_I32 ? (int64_t)(uint32_t)bits : (int64_t)bits);
        return;
    }
    if (bits == 0) {
        x64_sse_logic_rr(buf, X64_XORP, 4, dst, dst);
        return;
    }
    x64_mov_ri(buf, float_width(type), SCRATCH, type == MASM_F32 ? (int64_t)(uint32_t)bits : (int64_t)bits);
    x64_movd_xr(buf, float_width(type), dst, SCRATCH);
}

void masm_load_slot(masm *m, masm_type type, masm_reg dst, masm_slot_kind kind, uint32_t slot)
{
    if (masm_type_is_float(type))
        x64_movs_load(out(m), float_width(type), dst, slot_mem(kind, slot));
    else
        x64_mov_load(out(m), int_size(type), dst, slot_mem(kind, slot));
}

void masm_store_slot(masm *m, masm_type type, masm_slot_kind kind, uint32_t slot, masm_reg src)
{
    if (masm_type_is_float(type))
        x64_movs_store(out(m), float_width(type), slot_mem(kind, slot), src);
    else
        x64_mov_store(out(m), int_size(type), slot_mem(kind, slot), src);
}

void masm_store_slot_const(masm *m, masm_type type, masm_slot_kind kind, uint32_t slot, uint64_t bits)
{
    bool wide = type == MASM_I64 || type == MASM_F64;
    if (!wide) {
        x64_mov_store_imm(out(m), 4, slot_mem(kind, slot), (int32_t)(uint32_t)bits);
    } else if (fits_int32((int64_t)bits)) {
        x64_mov_store_imm(out(m), 8, slot_mem(kind, slot), (int32_t)(int64_t)bits);
    } else {
        x64_mov_ri(out(m), 8, SCRATCH, (int64_t)bits);
        x64_mov_store(out(m), 8, slot_mem(kind, slot), SCRATCH);
    }
}

void masm_copy_slot(masm *m, masm_type type, masm_slot_kind dst_kind, uint32_t dst, masm_slot_kind src_kind,
                    uint32_t src)
{
    int size = type == MASM_I64 || type == MASM_F64 ? 8 : 4;
    x64_mov_load(out(m), size, SCRATCH, slot_mem(src_kind, src));
    x64_mov_store(out(m), size, slot_mem(dst_kind, dst), SCRATCH);
}

void masm_move_from_return(masm *m, masm_type type, masm_reg dst)
{
    if (masm_type_is_float(type))
        masm_move(m, type, dst, 0);
    else
        x64_mov_rr(out(m), int_size(type), dst, X64_RAX);
}

masm_reg masm_return_reg(masm_type type)
{
    return masm_type_is_float(type) ? 0 : X64_RAX; /* xmm0, rax */
}

void masm_move_to_return(masm *m, masm_type type, masm_reg src)
{
    if (masm_type_is_float(type))
        masm_move(m, type, 0, src);
    else
        x64_mov_rr(out(m), int_size(type), X64_RAX, src);
}

/* ---- integer arithmetic ------------------------------------------------ */

/* dst = lhs op rhs with a two-operand instruction `emit(dst, src)`. */
typedef void (*two_operand_fn)(masm *m, int size, masm_reg dst, masm_reg src, int extra);

static void three_operand(masm *m, int size, bool commutative, two_operand_fn emit, int extra, masm_reg dst,
                          masm_reg lhs, masm_reg rhs)
{
    if (dst == lhs) {
        emit(m, size, dst, rhs, extra);
    } else if (dst == rhs) {
        if (commutative) {
            emit(m, size, dst, lhs, extra);
        } else {
            x64_mov_rr(out(m), size, SCRATCH, rhs);
            x64_mov_rr(out(m), size, dst, lhs);
            emit(m, size, dst, SCRATCH, extra);
        }
    } else {
        x64_mov_rr(out(m), size, dst, lhs);
        emit(m, size, dst, rhs, extra);
    }
}

static void emit_alu(masm *m, int size, masm_reg dst, masm_reg src, int op)
{
    x64_alu_rr(out(m), (x64_alu)op, size, dst, src);
}

static void emit_imul(masm *m, int size, masm_reg dst, masm_reg src, int unused)
{
    x64_imul_rr(out(m), size, dst, src);
}

static void alu_binary(masm *m, int size, x64_alu op, bool commutative, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    three_operand(m, size, commutative, emit_alu, op, dst, lhs, rhs);
}

static void alu_binary_imm(masm *m, int size, x64_alu op, masm_reg dst, masm_reg lhs, int64_t imm)
{
    if (size == 4)
        imm = (int32_t)imm;
    if (dst != lhs && op == X64_ADD && fits_int32(imm)) {
        x64_lea(out(m), size, dst, x64_base_disp(lhs, (int32_t)imm)); /* 32-bit lea wraps */
        return;
    }
    if (dst != lhs)
        x64_mov_rr(out(m), size, dst, lhs);
    if (fits_int32(imm)) {
        x64_alu_ri(out(m), op, size, dst, (int32_t)imm);
    } else {
        x64_mov_ri(out(m), 8, SCRATCH, imm);
        x64_alu_rr(out(m), op, size, dst, SCRATCH);
    }
}

static void shift_binary(masm *m, int size, x64_shift op, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    x64_mov_rr(out(m), 4, X64_RCX, rhs);
    if (dst != lhs)
        x64_mov_rr(out(m), size, dst, lhs);
    x64_shift_cl(out(m), op, size, dst);
}

static void shift_binary_imm(masm *m, int size, x64_shift op, masm_reg dst, masm_reg lhs, int64_t imm)
{
    if (dst != lhs)
        x64_mov_rr(out(m), size, dst, lhs);
    uint8_t count = (uint8_t)(imm & (size * 8 - 1));
    if (count)
        x64_shift_ri(out(m), op, size, dst, count);
}

static void mul_binary_imm(masm *m, int size, masm_reg dst, masm_reg lhs, int64_t imm)
{
    if (size == 4)
        imm = (int32_t)imm;
    if (fits_int32(imm)) {
        x64_imul_rri(out(m), size, dst, lhs, (int32_t)imm);
    } else {
        x64_mov_ri(out(m), 8, SCRATCH, imm);
        if (dst != lhs)
            x64_mov_rr(out(m), size, dst, lhs);
        x64_imul_rr(out(m), size, dst, SCRATCH);
    }
}

#define DEFINE_ALU(name, op, commutative)                                                  \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { alu_binary(m, 4, op, commutative, dst, lhs, rhs); }                                  \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { alu_binary(m, 8, op, commutative, dst, lhs, rhs); }                                  \
    void masm_i32_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)           \
    { alu_binary_imm(m, 4, op, dst, lhs, imm); }                                           \
    void masm_i64_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)           \
    { alu_binary_imm(m, 8, op, dst, lhs, imm); }
DEFINE_ALU(add, X64_ADD, true)
DEFINE_ALU(sub, X64_SUB, false)
DEFINE_ALU(and, X64_AND, true)
DEFINE_ALU(or, X64_OR, true)
DEFINE_ALU(xor, X64_XOR, true)
#undef DEFINE_ALU

#define DEFINE_SHIFT(name, op)                                                             \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { shift_binary(m, 4, op, dst, lhs, rhs); }                                             \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { shift_binary(m, 8, op, dst, lhs, rhs); }                                             \
    void masm_i32_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)           \
    { shift_binary_imm(m, 4, op, dst, lhs, imm); }                                         \
    void masm_i64_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)           \
    { shift_binary_imm(m, 8, op, dst, lhs, imm); }
DEFINE_SHIFT(shl, X64_SHL)
DEFINE_SHIFT(shr_s, X64_SAR)
DEFINE_SHIFT(shr_u, X64_SHR)
DEFINE_SHIFT(rotl, X64_ROL)
DEFINE_SHIFT(rotr, X64_ROR)
#undef DEFINE_SHIFT

void masm_i32_mul(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    three_operand(m, 4, true, emit_imul, 0, dst, lhs, rhs);
}

void masm_i64_mul(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    three_operand(m, 8, true, emit_imul, 0, dst, lhs, rhs);
}

void masm_i32_mul_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)
{
    mul_binary_imm(m, 4, dst, lhs, imm);
}

void masm_i64_mul_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm)
{
    mul_binary_imm(m, 8, dst, lhs, imm);
}

/* Division: explicit checks (the spec's two trap messages differ, which
 * SIGFPE cannot tell apart), then div/idiv on rdx:rax. rem_s by -1 is 0
 * without dividing (idiv would fault on INT_MIN % -1). */
static void division(masm *m, int size, bool is_signed, bool remainder, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    codebuf *buf = out(m);
    x64_test_rr(buf, size, rhs, rhs);
    trap_if(m, X64_CC_E, WRT_TRAP_DIVIDE_BY_ZERO);
    size_t skip_site = SIZE_MAX, done_site = SIZE_MAX;
    if (is_signed) {
        x64_alu_ri(buf, X64_CMP, size, rhs, -1);
        skip_site = buf->size;
        x64_jcc_rel8(buf, X64_CC_NE, 0);
        if (remainder) {
            x64_alu_rr(buf, X64_XOR, 4, dst, dst);
            done_site = buf->size;
            x64_jmp_rel8(buf, 0);
        } else {
            if (size == 4) {
                x64_alu_ri(buf, X64_CMP, 4, lhs, INT32_MIN);
            } else {
                x64_mov_ri(buf, 8, SCRATCH, INT64_MIN);
                x64_alu_rr(buf, X64_CMP, 8, lhs, SCRATCH);
            }
            trap_if(m, X64_CC_E, WRT_TRAP_INTEGER_OVERFLOW);
        }
        if (!buf->failed)
            buf->bytes[skip_site + 1] = (uint8_t)(buf->size - (skip_site + 2));
    }
    x64_mov_rr(buf, size, X64_RAX, lhs);
    if (is_signed) {
        if (size == 4)
            x64_cdq(buf);
        else
            x64_cqo(buf);
        x64_unary(buf, X64_IDIV, size, rhs);
    } else {
        x64_alu_rr(buf, X64_XOR, 4, X64_RDX, X64_RDX);
        x64_unary(buf, X64_DIV, size, rhs);
    }
    x64_mov_rr(buf, size, dst, remainder ? X64_RDX : X64_RAX);
    if (done_site != SIZE_MAX && !buf->failed)
        buf->bytes[done_site + 1] = (uint8_t)(buf->size - (done_site + 2));
}

#define DEFINE_DIVISION(name, is_signed, remainder)                                        \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { division(m, 4, is_signed, remainder, dst, lhs, rhs); }                               \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                \
    { division(m, 8, is_signed, remainder, dst, lhs, rhs); }
DEFINE_DIVISION(div_s, true, false)
DEFINE_DIVISION(div_u, false, false)
DEFINE_DIVISION(rem_s, true, true)
DEFINE_DIVISION(rem_u, false, true)
#undef DEFINE_DIVISION

static void count_leading_zeros(masm *m, int size, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    if (m->features & MASM_FEATURE_LZCNT) {
        x64_bitop_rr(buf, X64_LZCNT, size, dst, src);
        return;
    }
    /* bsr gives the index of the highest set bit (undefined, ZF=1 for 0);
     * 0 becomes 2*bits-1 so that the final xor yields bits. */
    int bits = size * 8;
    x64_bitop_rr(buf, X64_BSR, size, dst, src);
    x64_mov_ri(buf, 4, SCRATCH, 2 * bits - 1);
    x64_cmovcc(buf, X64_CC_E, size, dst, SCRATCH);
    x64_alu_ri(buf, X64_XOR, size, dst, bits - 1);
}

static void count_trailing_zeros(masm *m, int size, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    if (m->features & MASM_FEATURE_TZCNT) {
        x64_bitop_rr(buf, X64_TZCNT, size, dst, src);
        return;
    }
    x64_bitop_rr(buf, X64_BSF, size, dst, src);
    x64_mov_ri(buf, 4, SCRATCH, size * 8);
    x64_cmovcc(buf, X64_CC_E, size, dst, SCRATCH);
}

/* Population count without the instruction: the classic SWAR sum. */
static void population_count(masm *m, int size, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    if (m->features & MASM_FEATURE_POPCNT) {
        x64_bitop_rr(buf, X64_POPCNT, size, dst, src);
        return;
    }
    bool wide = size == 8;
    int64_t m1 = wide ? 0x5555555555555555ll : 0x55555555;
    int64_t m2 = wide ? 0x3333333333333333ll : 0x33333333;
    int64_t m4 = wide ? 0x0F0F0F0F0F0F0F0Fll : 0x0F0F0F0F;
    int64_t h01 = wide ? 0x0101010101010101ll : 0x01010101;
    x64_mov_rr(buf, size, X64_RAX, src);
    x64_mov_rr(buf, size, X64_RCX, X64_RAX);
    x64_shift_ri(buf, X64_SHR, size, X64_RCX, 1);
    x64_mov_ri(buf, size, X64_RDX, m1);
    x64_alu_rr(buf, X64_AND, size, X64_RCX, X64_RDX);
    x64_alu_rr(buf, X64_SUB, size, X64_RAX, X64_RCX);
    x64_mov_ri(buf, size, X64_RDX, m2);
    x64_mov_rr(buf, size, X64_RCX, X64_RAX);
    x64_alu_rr(buf, X64_AND, size, X64_RAX, X64_RDX);
    x64_shift_ri(buf, X64_SHR, size, X64_RCX, 2);
    x64_alu_rr(buf, X64_AND, size, X64_RCX, X64_RDX);
    x64_alu_rr(buf, X64_ADD, size, X64_RAX, X64_RCX);
    x64_mov_rr(buf, size, X64_RCX, X64_RAX);
    x64_shift_ri(buf, X64_SHR, size, X64_RCX, 4);
    x64_alu_rr(buf, X64_ADD, size, X64_RAX, X64_RCX);
    x64_mov_ri(buf, size, X64_RDX, m4);
    x64_alu_rr(buf, X64_AND, size, X64_RAX, X64_RDX);
    x64_mov_ri(buf, size, X64_RDX, h01);
    x64_imul_rr(buf, size, X64_RAX, X64_RDX);
    x64_shift_ri(buf, X64_SHR, size, X64_RAX, (uint8_t)(size * 8 - 8));
    x64_mov_rr(buf, size, dst, X64_RAX);
}

static void equal_zero(masm *m, int size, masm_reg dst, masm_reg src)
{
    x64_test_rr(out(m), size, src, src);
    x64_setcc(out(m), X64_CC_E, dst);
    x64_movzx_rr(out(m), 1, 4, dst, dst);
}

void masm_i32_clz(masm *m, masm_reg dst, masm_reg src) { count_leading_zeros(m, 4, dst, src); }
void masm_i64_clz(masm *m, masm_reg dst, masm_reg src) { count_leading_zeros(m, 8, dst, src); }
void masm_i32_ctz(masm *m, masm_reg dst, masm_reg src) { count_trailing_zeros(m, 4, dst, src); }
void masm_i64_ctz(masm *m, masm_reg dst, masm_reg src) { count_trailing_zeros(m, 8, dst, src); }
void masm_i32_popcnt(masm *m, masm_reg dst, masm_reg src) { population_count(m, 4, dst, src); }
void masm_i64_popcnt(masm *m, masm_reg dst, masm_reg src) { population_count(m, 8, dst, src); }
void masm_i32_eqz(masm *m, masm_reg dst, masm_reg src) { equal_zero(m, 4, dst, src); }
void masm_i64_eqz(masm *m, masm_reg dst, masm_reg src) { equal_zero(m, 8, dst, src); }
void masm_i32_extend8_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 1, 4, dst, src); }
void masm_i64_extend8_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 1, 8, dst, src); }
void masm_i32_extend16_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 2, 4, dst, src); }
void masm_i64_extend16_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 2, 8, dst, src); }
void masm_i64_extend32_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 4, 8, dst, src); }
void masm_i64_extend_i32_s(masm *m, masm_reg dst, masm_reg src) { x64_movsx_rr(out(m), 4, 8, dst, src); }
/* i32 values in registers are always zero-extended (every i32 operation
 * writes a 32-bit register), so extending in place is free. */
void masm_i64_extend_i32_u(masm *m, masm_reg dst, masm_reg src)
{
    if (dst != src)
        x64_mov_rr(out(m), 4, dst, src);
}
void masm_i32_wrap_i64(masm *m, masm_reg dst, masm_reg src) { x64_mov_rr(out(m), 4, dst, src); }

static x64_cond int_condition(masm_cond cond)
{
    static const x64_cond map[] = {[MASM_EQ] = X64_CC_E,    [MASM_NE] = X64_CC_NE,  [MASM_LT_S] = X64_CC_L,
                                   [MASM_LT_U] = X64_CC_B,  [MASM_GT_S] = X64_CC_G, [MASM_GT_U] = X64_CC_A,
                                   [MASM_LE_S] = X64_CC_LE, [MASM_LE_U] = X64_CC_BE, [MASM_GE_S] = X64_CC_GE,
                                   [MASM_GE_U] = X64_CC_AE};
    return map[cond];
}

void masm_int_compare(masm *m, masm_type type, masm_cond cond, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    x64_alu_rr(out(m), X64_CMP, int_size(type), lhs, rhs);
    x64_setcc(out(m), int_condition(cond), dst);
    x64_movzx_rr(out(m), 1, 4, dst, dst);
}

void masm_int_compare_imm(masm *m, masm_type type, masm_cond cond, masm_reg dst, masm_reg lhs, int64_t imm)
{
    int size = int_size(type);
    if (size == 4)
        imm = (int32_t)imm;
    if (fits_int32(imm)) {
        x64_alu_ri(out(m), X64_CMP, size, lhs, (int32_t)imm);
    } else {
        x64_mov_ri(out(m), 8, SCRATCH, imm);
        x64_alu_rr(out(m), X64_CMP, size, lhs, SCRATCH);
    }
    x64_setcc(out(m), int_condition(cond), dst);
    x64_movzx_rr(out(m), 1, 4, dst, dst);
}

void masm_select(masm *m, masm_type type, masm_reg dst, masm_reg cond, masm_reg if_true, masm_reg if_false)
{
    codebuf *buf = out(m);
    x64_test_rr(buf, 4, cond, cond);
    if (!masm_type_is_float(type)) {
        int size = int_size(type);
        if (dst == if_true) {
            x64_cmovcc(buf, X64_CC_E, size, dst, if_false);
        } else {
            if (dst != if_false)
                x64_mov_rr(buf, size, dst, if_false);
            x64_cmovcc(buf, X64_CC_NE, size, dst, if_true);
        }
        return;
    }
    /* No float cmov: a short branch around one move. */
    masm_reg other = if_false;
    x64_cond skip = X64_CC_E; /* skip the move of if_true when cond == 0 */
    if (dst == if_true) {
        other = if_false;
        skip = X64_CC_NE;
    } else {
        if (dst != if_false)
            x64_movap_rr(buf, 4, dst, if_false);
        other = if_true;
    }
    size_t site = buf->size;
    x64_jcc_rel8(buf, skip, 0);
    x64_movap_rr(buf, 4, dst, other);
    if (!buf->failed)
        buf->bytes[site + 1] = (uint8_t)(buf->size - (site + 2));
}

/* ---- memory and globals --------------------------------------------------- */

typedef struct access_info {
    int bytes;
    bool is_signed;
    masm_type type;
} access_info;

static const access_info accesses[] = {
#define ACCESS_INFO(name, bytes, is_signed, type) {bytes, is_signed, type},
    MASM_MEMORY_ACCESSES(ACCESS_INFO)
#undef ACCESS_INFO
};

/* [r15 + index + offset]. The index register is used as it is: an i32 in
 * a register always has its upper 32 bits clear, since every instruction
 * that writes an i32 writes the 32-bit register (which zero-extends on
 * x86-64): moves, loads and constants of size 4, 32-bit ALU operations,
 * setcc + movzx, cmov of size 4 (which writes even when the condition is
 * false). masm_i64_extend_i32_u relies on the same rule. The guard region
 * covers base + 2^32 + 2^32. Offsets above INT32_MAX are added in a
 * register since disp32 is signed. */
static x64_mem effective_address(masm *m, masm_reg index, uint32_t offset)
{
    codebuf *buf = out(m);
    if (offset > INT32_MAX) {
        x64_mov_rr(buf, 4, SCRATCH, index);
        x64_mov_ri(buf, 4, X64_RAX, offset);
        x64_alu_rr(buf, X64_ADD, 8, SCRATCH, X64_RAX);
        return x64_base_index(X64_R15, SCRATCH, 0, 0);
    }
    return x64_base_index(X64_R15, (x64_gpr)index, 0, (int32_t)offset);
}

void masm_load(masm *m, masm_access access, masm_reg dst, masm_reg index, uint32_t offset)
{
    access_info info = accesses[access];
    x64_mem address = effective_address(m, index, offset);
    codebuf *buf = out(m);
    if (masm_type_is_float(info.type)) {
        x64_movs_load(buf, info.bytes, dst, address);
        return;
    }
    int size = int_size(info.type);
    if (info.bytes == size || (info.bytes == 4 && !info.is_signed))
        x64_mov_load(buf, info.bytes, dst, address);
    else if (info.is_signed)
        x64_movsx_load(buf, info.bytes, size, dst, address);
    else
        x64_movzx_load(buf, info.bytes, 4, dst, address);
}

void masm_store(masm *m, masm_access access, masm_reg index, uint32_t offset, masm_reg src)
{
    access_info info = accesses[access];
    x64_mem address = effective_address(m, index, offset);
    if (masm_type_is_float(info.type))
        x64_movs_store(out(m), info.bytes, address, src);
    else
        x64_mov_store(out(m), info.bytes, address, src);
}

void masm_memory_size(masm *m, masm_reg dst)
{
    x64_mov_load(out(m), 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_MEMORY));
    x64_mov_load(out(m), 8, dst, x64_base_disp(SCRATCH, VMCTX_MEMORY_SIZE));
    x64_shift_ri(out(m), X64_SHR, 8, dst, 16);
}

static x64_mem global_cell(masm *m, uint32_t global_index)
{
    x64_mov_load(out(m), 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_GLOBALS));
    if (global_index < INT32_MAX / 8) {
        x64_mov_load(out(m), 8, SCRATCH, x64_base_disp(SCRATCH, (int32_t)(8 * global_index)));
    } else {
        x64_mov_ri(out(m), 8, X64_RAX, global_index);
        x64_mov_load(out(m), 8, SCRATCH, x64_base_index(SCRATCH, X64_RAX, 3, 0));
    }
    return x64_base_disp(SCRATCH, 0);
}

void masm_global_get(masm *m, masm_type type, masm_reg dst, uint32_t global_index)
{
    x64_mem cell = global_cell(m, global_index);
    if (masm_type_is_float(type))
        x64_movs_load(out(m), float_width(type), dst, cell);
    else
        x64_mov_load(out(m), int_size(type), dst, cell);
}

void masm_global_set(masm *m, masm_type type, uint32_t global_index, masm_reg src)
{
    x64_mem cell = global_cell(m, global_index);
    if (masm_type_is_float(type))
        x64_movs_store(out(m), float_width(type), cell, src);
    else
        x64_mov_store(out(m), int_size(type), cell, src);
}

/* ---- calls ---------------------------------------------------------------- */

void masm_call_direct(masm *m, uint32_t func_index)
{
    m->makes_calls = true;
    size_t site = x64_call(out(m), SIZE_MAX);
    if (m->call_site_count == m->call_site_capacity) {
        size_t capacity = m->call_site_capacity ? m->call_site_capacity * 2 : 16;
        masm_call_site *sites = realloc(m->call_sites, capacity * sizeof *sites);
        if (!sites) {
            m->code.failed = true;
            return;
        }
        m->call_sites = sites;
        m->call_site_capacity = capacity;
    }
    m->call_sites[m->call_site_count++] = (masm_call_site){site, func_index};
}

/* Calls `code` with the vmctx at `vmctx_field` and its memory base (a host
 * function's "vmctx" has none: its trampoline ignores r15), restores ours. */
static void call_other_context(masm *m, x64_mem vmctx_field, x64_mem code)
{
    codebuf *buf = out(m);
    m->saves_vmctx = true;
    m->makes_calls = true;
    x64_mov_load(buf, 8, X64_R14, vmctx_field);
    x64_mov_load(buf, 8, X64_R15, x64_base_disp(X64_R14, VMCTX_MEMORY_BASE));
    x64_call_m(buf, code);
    x64_mov_load(buf, 8, X64_R14, x64_base_disp(X64_RBP, -8));
    x64_mov_load(buf, 8, X64_R15, x64_base_disp(X64_R14, VMCTX_MEMORY_BASE));
}

void masm_call_import(masm *m, uint32_t func_index)
{
    codebuf *buf = out(m);
    x64_mov_load(buf, 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_FUNCS));
    if (func_index < INT32_MAX / 8) {
        x64_mov_load(buf, 8, SCRATCH, x64_base_disp(SCRATCH, (int32_t)(8 * func_index)));
    } else {
        x64_mov_ri(buf, 8, X64_RAX, func_index);
        x64_mov_load(buf, 8, SCRATCH, x64_base_index(SCRATCH, X64_RAX, 3, 0));
    }
    call_other_context(m, x64_base_disp(SCRATCH, VMCTX_FUNC_VMCTX), x64_base_disp(SCRATCH, VMCTX_FUNC_CODE));
}

/* Loads entry `index` of the pointer array at [r14 + field] into SCRATCH. */
static void load_vmctx_entry(masm *m, int32_t field, uint32_t index)
{
    codebuf *buf = out(m);
    x64_mov_load(buf, 8, SCRATCH, x64_base_disp(X64_R14, field));
    if (index < INT32_MAX / 8) {
        x64_mov_load(buf, 8, SCRATCH, x64_base_disp(SCRATCH, (int32_t)(8 * index)));
    } else {
        x64_mov_ri(buf, 8, X64_RAX, index);
        x64_mov_load(buf, 8, SCRATCH, x64_base_index(SCRATCH, X64_RAX, 3, 0));
    }
}

/* vmctx.h's table arrays: the target is one load from the index; a null
 * element fails the signature check, and only then `refs` picks the trap. */
void masm_call_indirect(masm *m, masm_reg index, uint32_t table_index, uint32_t type_index)
{
    codebuf *buf = out(m);
    masm_label matched = masm_label_new();
    if (table_index == 0) /* r11 = table */
        x64_mov_load(buf, 8, SCRATCH, x64_base_disp(X64_R14, VMCTX_TABLE0));
    else
        load_vmctx_entry(m, VMCTX_TABLES, table_index);
    x64_alu_rm(buf, X64_CMP, 4, index, x64_base_disp(SCRATCH, VMCTX_TABLE_SIZE));
    trap_if(m, X64_CC_AE, WRT_TRAP_UNDEFINED_ELEMENT);
    x64_mov_rr(buf, 4, X64_RAX, index); /* zero-extended */
    x64_mov_load(buf, 8, X64_RCX, x64_base_disp(X64_R14, VMCTX_SIGNATURE_IDS));
    x64_mov_load(buf, 4, X64_RCX, x64_base_disp(X64_RCX, (int32_t)(4 * type_index)));
    x64_mov_load(buf, 8, X64_RDX, x64_base_disp(SCRATCH, VMCTX_TABLE_SIGNATURE_IDS));
    x64_alu_rm(buf, X64_CMP, 4, X64_RCX, x64_base_index(X64_RDX, X64_RAX, 2, 0));
    jump_if(m, X64_CC_E, &matched);
    x64_mov_load(buf, 8, X64_RDX, x64_base_disp(SCRATCH, VMCTX_TABLE_REFS));
    x64_alu_mi(buf, X64_CMP, 8, x64_base_index(X64_RDX, X64_RAX, 3, 0), 0);
    trap_if(m, X64_CC_E, WRT_TRAP_UNINITIALIZED_ELEMENT);
    masm_trap(m, WRT_TRAP_INDIRECT_CALL_TYPE);
    masm_bind(m, &matched);
    x64_mov_load(buf, 8, X64_RDX, x64_base_disp(SCRATCH, VMCTX_TABLE_VMCTXS));
    x64_mov_load(buf, 8, SCRATCH, x64_base_disp(SCRATCH, VMCTX_TABLE_CODES));
    call_other_context(m, x64_base_index(X64_RDX, X64_RAX, 3, 0), x64_base_index(SCRATCH, X64_RAX, 3, 0));
}

/* SysV: vmctx in rdi, operands in rsi, rdx, rcx, r8, r9; r14 and r15 are
 * callee-saved there, so the pinned registers survive. */
void masm_call_helper(masm *m, uint32_t helper, uint32_t operand_count)
{
    static const x64_gpr operand_regs[] = {X64_RSI, X64_RDX, X64_RCX, X64_R8, X64_R9};
    codebuf *buf = out(m);
    m->makes_calls = true;
    x64_mov_rr(buf, 8, X64_RDI, X64_R14);
    for (uint32_t i = 0; i < operand_count && i < 5; i++)
        x64_mov_load(buf, 8, operand_regs[i], slot_mem(MASM_SLOT_OUT, i));
    x64_mov_load(buf, 8, X64_RAX, x64_base_disp(X64_R14, VMCTX_HELPERS));
    x64_call_m(buf, x64_base_disp(X64_RAX, (int32_t)(offsetof(vmctx_helpers, call) + 8 * helper)));
}

void masm_func_ref(masm *m, masm_reg dst, uint32_t func_index)
{
    load_vmctx_entry(m, VMCTX_FUNCS, func_index);
    x64_mov_rr(out(m), 8, dst, SCRATCH);
}

void masm_table_size(masm *m, masm_reg dst, uint32_t table_index)
{
    load_vmctx_entry(m, VMCTX_TABLES, table_index);
    x64_mov_load(out(m), 4, dst, x64_base_disp(SCRATCH, VMCTX_TABLE_SIZE));
}

/* Entered from generated code with r14 = the host function object and the
 * arguments in the caller's outgoing slots. */
void masm_emit_host_trampoline(codebuf *buf)
{
    x64_push(buf, X64_RBP);
    x64_mov_rr(buf, 8, X64_RBP, X64_RSP);
    x64_mov_load(buf, 8, X64_RAX, x64_base_disp(X64_RBP, 0)); /* caller's rbp */
    x64_mov_load(buf, 8, X64_RDI, x64_base_disp(X64_RAX, -8)); /* caller's vmctx */
    x64_mov_rr(buf, 8, X64_RSI, X64_R14);
    x64_lea(buf, 8, X64_RDX, x64_base_disp(X64_RBP, 16));
    x64_mov_load(buf, 8, X64_RAX, x64_base_disp(X64_RDI, VMCTX_HELPERS));
    x64_call_m(buf, x64_base_disp(X64_RAX, (int32_t)(offsetof(vmctx_helpers, call) + 8 * VMCTX_HELPER_CALL_HOST)));
    x64_movd_xr(buf, 8, 0, X64_RAX);
    x64_pop(buf, X64_RBP);
    x64_ret(buf);
}

void masm_patch_calls(masm *m, const size_t *code_offsets)
{
    for (size_t i = 0; i < m->call_site_count; i++)
        x64_patch_rel32(out(m), m->call_sites[i].site, code_offsets[m->call_sites[i].func_index]);
}

/* The entry stub (C ABI: rdi = code, rsi = vmctx, rdx = slots,
 * rcx = nslots, r8 = float cell). Saves the C callee-saved registers
 * (generated code uses them all), copies the arguments into an outgoing
 * area, calls, then stores rax to slots[0], xmm0 to the float cell (in that
 * order: the cell may be slots[0]) and copies results 1.. back.
 * fixed_slots = 0: any nslots (copy loops); fixed_slots = n > 0: only
 * nslots == n, unrolled, the argument registers loaded once per argument
 * and never past the caller's n cells. */
/* The entry stub's copy loop: while (index < count) { dst[index] =
 * src[index]; index++; } over 8-byte cells, through r11. `index` holds the
 * start on entry. */
static void emit_cell_copy_loop(codebuf *buf, x64_gpr index, x64_gpr count, x64_gpr dst, x64_gpr src)
{
    size_t top = buf->size;
    x64_alu_rr(buf, X64_CMP, 8, index, count);
    size_t exit = buf->size;
    x64_jcc_rel8(buf, X64_CC_AE, 0);
    x64_mov_load(buf, 8, X64_R11, x64_base_index(src, index, 3, 0));
    x64_mov_store(buf, 8, x64_base_index(dst, index, 3, 0), X64_R11);
    x64_alu_ri(buf, X64_ADD, 8, index, 1);
    x64_jmp_rel8(buf, (int8_t)(top - (buf->size + 2)));
    if (!buf->failed)
        buf->bytes[exit + 1] = (uint8_t)(buf->size - (exit + 2));
}

/* The entry stub's way out, with rbp its frame and rax what it returns:
 * the callee-saved registers back from the frame, and return. */
static void emit_entry_exit(codebuf *buf)
{
    x64_lea(buf, 8, X64_RSP, x64_base_disp(X64_RBP, -40));
    x64_pop(buf, X64_R15);
    x64_pop(buf, X64_R14);
    x64_pop(buf, X64_R13);
    x64_pop(buf, X64_R12);
    x64_pop(buf, X64_RBX);
    x64_pop(buf, X64_RBP);
    x64_ret(buf);
}

void masm_emit_entry_stub(codebuf *buf, uint32_t fixed_slots)
{
    x64_push(buf, X64_RBP);
    x64_mov_rr(buf, 8, X64_RBP, X64_RSP);
    x64_push(buf, X64_RBX);
    x64_push(buf, X64_R12);
    x64_push(buf, X64_R13);
    x64_push(buf, X64_R14);
    x64_push(buf, X64_R15);
    x64_push(buf, X64_RDX); /* [rbp-48] slots */
    x64_push(buf, X64_RCX); /* [rbp-56] nslots */
    x64_push(buf, X64_R8);  /* [rbp-64] float cell (keeps rsp 16-aligned) */
    x64_mov_store(buf, 8, x64_base_disp(X64_R9, 0), X64_RBP); /* *frame: where a trap lands */
    x64_mov_rr(buf, 8, X64_R14, X64_RSI);
    x64_mov_load(buf, 8, X64_R15, x64_base_disp(X64_R14, VMCTX_MEMORY_BASE));
    x64_mov_rr(buf, 8, X64_RAX, X64_RDI);
    if (fixed_slots) {
        x64_alu_ri(buf, X64_SUB, 8, X64_RSP, (int32_t)((8 * fixed_slots + 15) & ~15u));
        for (uint32_t i = 0; i < fixed_slots; i++) {
            x64_gpr value = i < ARG_REGS ? arg_gprs[i] : X64_R11;
            x64_mov_load(buf, 8, value, x64_base_disp(X64_RDX, (int32_t)(8 * i)));
            x64_mov_store(buf, 8, x64_base_disp(X64_RSP, (int32_t)(8 * i)), value);
            if (i < ARG_REGS)
                x64_movd_xr(buf, 8, arg_xmms[i], value);
        }
    } else {
        x64_lea(buf, 8, X64_R11, x64_base_index(X64_RCX, X64_RCX, 3, 15)); /* 9*n+15 >= 8*n+15 */
        x64_alu_ri(buf, X64_AND, 8, X64_R11, -16);
        x64_alu_rr(buf, X64_SUB, 8, X64_RSP, X64_R11);
        /* for (rbx = 0; rbx < rcx; rbx++) out[rbx] = slots[rbx] */
        x64_alu_rr(buf, X64_XOR, 4, X64_RBX, X64_RBX);
        emit_cell_copy_loop(buf, X64_RBX, X64_RCX, X64_RSP, X64_RDX);
        /* Argument registers from the slots, both files (the callee picks
         * by type; loads past nslots read this frame: harmless garbage). */
        for (int i = 0; i < ARG_REGS; i++) {
            x64_mov_load(buf, 8, arg_gprs[i], x64_base_disp(X64_RSP, 8 * i));
            x64_movs_load(buf, 8, arg_xmms[i], x64_base_disp(X64_RSP, 8 * i));
        }
    }
    x64_call_r(buf, X64_RAX);
    x64_mov_load(buf, 8, X64_RDX, x64_base_disp(X64_RBP, -48));
    x64_mov_load(buf, 8, X64_R11, x64_base_disp(X64_RBP, -64));
    x64_mov_store(buf, 8, x64_base_disp(X64_RDX, 0), X64_RAX);
    x64_movs_store(buf, 8, x64_base_disp(X64_R11, 0), 0);
    if (fixed_slots) {
        for (uint32_t i = 1; i < fixed_slots; i++) {
            x64_mov_load(buf, 8, X64_R11, x64_base_disp(X64_RSP, (int32_t)(8 * i)));
            x64_mov_store(buf, 8, x64_base_disp(X64_RDX, (int32_t)(8 * i)), X64_R11);
        }
    } else {
        /* for (rax = 1; rax < rcx; rax++) slots[rax] = out[rax] */
        x64_mov_load(buf, 8, X64_RCX, x64_base_disp(X64_RBP, -56));
        x64_mov_ri(buf, 4, X64_RAX, 1);
        emit_cell_copy_loop(buf, X64_RAX, X64_RCX, X64_RDX, X64_RSP);
    }
    x64_alu_rr(buf, X64_XOR, 4, X64_RAX, X64_RAX); /* 0: returned */
    emit_entry_exit(buf);
}

size_t masm_emit_trap_landing(codebuf *buf)
{
    x64_mov_rr(buf, 8, X64_RBP, X64_RDI); /* unwind(frame): the frame, then land */
    size_t landing = buf->size;
    x64_mov_ri(buf, 4, X64_RAX, 1); /* 1: trapped */
    emit_entry_exit(buf);
    return landing;
}

void masm_signal_resume(void *ucontext, uintptr_t landing, uintptr_t frame)
{
    ucontext_t *context = ucontext;
    context->uc_mcontext.gregs[REG_RIP] = (greg_t)landing;
    context->uc_mcontext.gregs[REG_RBP] = (greg_t)frame;
    context->uc_mcontext.gregs[REG_RSP] = (greg_t)(frame - 64); /* inside the stub's frame */
}

/* ---- floats ----------------------------------------------------------------
 * Scalar SSE in xmm registers; xmm14/xmm15 are scratch. The wasm rules that
 * plain SSE does not follow are handled here: min/max (NaN and signed
 * zeros), abs/neg/copysign (pure bit operations, NaN payloads kept),
 * float-to-int traps and saturation. */

static void load_float_const(masm *m, int width, x64_xmm dst, uint64_t bits)
{
    x64_mov_ri(out(m), width, SCRATCH, width == 4 ? (int64_t)(uint32_t)bits : (int64_t)bits);
    x64_movd_xr(out(m), width, dst, SCRATCH);
}

static uint64_t sign_mask(int width)
{
    return width == 4 ? 0x80000000u : 0x8000000000000000ull;
}

/* dst = lhs op rhs for SSE two-operand arithmetic. */
static void float_arith(masm *m, int width, x64_sse_arith op, bool commutative, masm_reg dst, masm_reg lhs,
                        masm_reg rhs)
{
    codebuf *buf = out(m);
    if (dst == lhs) {
        x64_sse_arith_rr(buf, op, width, dst, rhs);
    } else if (dst == rhs && commutative) {
        x64_sse_arith_rr(buf, op, width, dst, lhs);
    } else {
        x64_movap_rr(buf, 4, FLOAT_SCRATCH, lhs);
        x64_sse_arith_rr(buf, op, width, FLOAT_SCRATCH, rhs);
        x64_movap_rr(buf, 4, dst, FLOAT_SCRATCH);
    }
}

/* wasm min/max: NaN if either operand is NaN; -0 < +0. minss/maxss alone
 * return the second operand for NaN and for equal zeros. */
static void float_min_max(masm *m, int width, bool is_min, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    codebuf *buf = out(m);
    masm_label unordered = masm_label_new(), equal = masm_label_new(), done = masm_label_new();
    x64_movap_rr(buf, 4, FLOAT_SCRATCH, lhs);
    x64_ucomis(buf, width, lhs, rhs);
    jump_if(m, X64_CC_P, &unordered);
    jump_if(m, X64_CC_E, &equal);
    x64_sse_arith_rr(buf, is_min ? X64_MINS : X64_MAXS, width, FLOAT_SCRATCH, rhs);
    masm_jump(m, &done);
    masm_bind(m, &equal); /* equal: only the signs of zeros may differ */
    x64_sse_logic_rr(buf, is_min ? X64_ORP : X64_ANDP, width, FLOAT_SCRATCH, rhs);
    masm_jump(m, &done);
    masm_bind(m, &unordered); /* NaN: the sum is a quiet NaN */
    x64_sse_arith_rr(buf, X64_ADDS, width, FLOAT_SCRATCH, rhs);
    masm_bind(m, &done);
    x64_movap_rr(buf, 4, dst, FLOAT_SCRATCH);
}

static void float_copysign(masm *m, int width, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    codebuf *buf = out(m);
    load_float_const(m, width, FLOAT_SCRATCH2, sign_mask(width));
    x64_movap_rr(buf, 4, FLOAT_SCRATCH, FLOAT_SCRATCH2);
    x64_sse_logic_rr(buf, X64_ANDP, width, FLOAT_SCRATCH, rhs);     /* sign of rhs */
    x64_sse_logic_rr(buf, X64_ANDNP, width, FLOAT_SCRATCH2, lhs);   /* lhs without sign */
    x64_sse_logic_rr(buf, X64_ORP, width, FLOAT_SCRATCH2, FLOAT_SCRATCH);
    x64_movap_rr(buf, 4, dst, FLOAT_SCRATCH2);
}

static void float_sign_op(masm *m, int width, bool is_abs, masm_reg dst, masm_reg src)
{
    uint64_t mask = is_abs ? ~sign_mask(width) : sign_mask(width);
    if (width == 4)
        mask &= 0xFFFFFFFFu;
    load_float_const(m, width, FLOAT_SCRATCH, mask);
    if (dst != src)
        x64_movap_rr(out(m), 4, dst, src);
    x64_sse_logic_rr(out(m), is_abs ? X64_ANDP : X64_XORP, width, dst, FLOAT_SCRATCH);
}

static uint64_t float_bits(int width, double value);

/* Rounding without SSE4.1. Values with |x| >= 2^mantissa are integral (or
 * infinite) and returned as they are, NaN is quieted (x + x). Otherwise
 * nearest adds and subtracts 2^mantissa to |x| (the default rounding mode
 * is ties-to-even), the others truncate through a 64-bit integer and step
 * by one; the sign of x is then or-ed in, which also gives -0 for results
 * that round to zero from below. */
static void float_round_fallback(masm *m, int width, uint8_t mode, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    masm_label unordered = masm_label_new(), integral = masm_label_new(), done = masm_label_new();
    masm_label no_step = masm_label_new();
    double limit = width == 4 ? 8388608.0 : 4503599627370496.0;
    x64_movap_rr(buf, 4, FLOAT_SCRATCH, src);
    load_float_const(m, width, FLOAT_SCRATCH2, ~sign_mask(width) & (width == 4 ? 0xFFFFFFFFu : ~0ull));
    x64_sse_logic_rr(buf, X64_ANDP, width, FLOAT_SCRATCH2, FLOAT_SCRATCH); /* |x| */
    load_float_const(m, width, dst, float_bits(width, limit));
    x64_ucomis(buf, width, FLOAT_SCRATCH2, dst);
    jump_if(m, X64_CC_P, &unordered);
    jump_if(m, X64_CC_AE, &integral);
    if (mode == X64_ROUND_NEAREST) {
        x64_sse_arith_rr(buf, X64_ADDS, width, FLOAT_SCRATCH2, dst);
        x64_sse_arith_rr(buf, X64_SUBS, width, FLOAT_SCRATCH2, dst);
    } else {
        x64_cvtts2si(buf, width, 8, X64_RAX, FLOAT_SCRATCH);
        x64_sse_logic_rr(buf, X64_XORP, 4, FLOAT_SCRATCH2, FLOAT_SCRATCH2);
        x64_cvtsi2s(buf, width, 8, FLOAT_SCRATCH2, X64_RAX);
        if (mode != X64_ROUND_ZERO) {
            load_float_const(m, width, dst, float_bits(width, 1.0));
            if (mode == X64_ROUND_DOWN) { /* t > x: t -= 1 */
                x64_ucomis(buf, width, FLOAT_SCRATCH2, FLOAT_SCRATCH);
                jump_if(m, X64_CC_BE, &no_step);
                x64_sse_arith_rr(buf, X64_SUBS, width, FLOAT_SCRATCH2, dst);
            } else { /* x > t: t += 1 */
                x64_ucomis(buf, width, FLOAT_SCRATCH, FLOAT_SCRATCH2);
                jump_if(m, X64_CC_BE, &no_step);
                x64_sse_arith_rr(buf, X64_ADDS, width, FLOAT_SCRATCH2, dst);
            }
            masm_bind(m, &no_step);
        }
    }
    load_float_const(m, width, dst, sign_mask(width));
    x64_sse_logic_rr(buf, X64_ANDP, width, dst, FLOAT_SCRATCH);
    x64_sse_logic_rr(buf, X64_ORP, width, dst, FLOAT_SCRATCH2);
    masm_jump(m, &done);
    masm_bind(m, &unordered);
    x64_movap_rr(buf, 4, dst, FLOAT_SCRATCH);
    x64_sse_arith_rr(buf, X64_ADDS, width, dst, dst);
    masm_jump(m, &done);
    masm_bind(m, &integral);
    x64_movap_rr(buf, 4, dst, FLOAT_SCRATCH);
    masm_bind(m, &done);
}

static void float_round(masm *m, int width, uint8_t mode, const char *name, masm_reg dst, masm_reg src)
{
    (void)name;
    if (!(m->features & MASM_FEATURE_ROUND)) {
        float_round_fallback(m, width, mode, dst, src);
        return;
    }
    x64_rounds(out(m), width, dst, src, mode);
}

#define DEFINE_FLOAT(w, width)                                                                          \
    void masm_f##w##_add(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_arith(m, width, X64_ADDS, true, dst, lhs, rhs); }                                            \
    void masm_f##w##_sub(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_arith(m, width, X64_SUBS, false, dst, lhs, rhs); }                                           \
    void masm_f##w##_mul(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_arith(m, width, X64_MULS, true, dst, lhs, rhs); }                                            \
    void masm_f##w##_div(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_arith(m, width, X64_DIVS, false, dst, lhs, rhs); }                                           \
    void masm_f##w##_min(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_min_max(m, width, true, dst, lhs, rhs); }                                                    \
    void masm_f##w##_max(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                              \
    { float_min_max(m, width, false, dst, lhs, rhs); }                                                   \
    void masm_f##w##_copysign(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs)                         \
    { float_copysign(m, width, dst, lhs, rhs); }                                                         \
    void masm_f##w##_abs(masm *m, masm_reg dst, masm_reg src) { float_sign_op(m, width, true, dst, src); } \
    void masm_f##w##_neg(masm *m, masm_reg dst, masm_reg src) { float_sign_op(m, width, false, dst, src); } \
    void masm_f##w##_sqrt(masm *m, masm_reg dst, masm_reg src)                                           \
    { x64_sse_arith_rr(out(m), X64_SQRT, width, dst, src); }                                             \
    void masm_f##w##_ceil(masm *m, masm_reg dst, masm_reg src)                                           \
    { float_round(m, width, X64_ROUND_UP, "f" #w ".ceil without SSE4.1", dst, src); }                    \
    void masm_f##w##_floor(masm *m, masm_reg dst, masm_reg src)                                          \
    { float_round(m, width, X64_ROUND_DOWN, "f" #w ".floor without SSE4.1", dst, src); }                 \
    void masm_f##w##_trunc(masm *m, masm_reg dst, masm_reg src)                                          \
    { float_round(m, width, X64_ROUND_ZERO, "f" #w ".trunc without SSE4.1", dst, src); }                 \
    void masm_f##w##_nearest(masm *m, masm_reg dst, masm_reg src)                                        \
    { float_round(m, width, X64_ROUND_NEAREST, "f" #w ".nearest without SSE4.1", dst, src); }
DEFINE_FLOAT(32, 4)
DEFINE_FLOAT(64, 8)
#undef DEFINE_FLOAT

/* ucomis sets ZF, PF, CF = 1,1,1 for unordered; lt/le are computed as
 * gt/ge with swapped operands so that unordered gives false. */
void masm_float_compare(masm *m, masm_type type, masm_fcond cond, masm_reg dst, masm_reg lhs, masm_reg rhs)
{
    codebuf *buf = out(m);
    int width = float_width(type);
    switch (cond) {
    case MASM_FEQ:
    case MASM_FNE:
        x64_ucomis(buf, width, lhs, rhs);
        x64_setcc(buf, cond == MASM_FEQ ? X64_CC_E : X64_CC_NE, dst);
        x64_setcc(buf, cond == MASM_FEQ ? X64_CC_NP : X64_CC_P, X64_RCX);
        x64_alu_rr(buf, cond == MASM_FEQ ? X64_AND : X64_OR, 1, dst, X64_RCX);
        break;
    case MASM_FLT: x64_ucomis(buf, width, rhs, lhs); x64_setcc(buf, X64_CC_A, dst); break;
    case MASM_FGT: x64_ucomis(buf, width, lhs, rhs); x64_setcc(buf, X64_CC_A, dst); break;
    case MASM_FLE: x64_ucomis(buf, width, rhs, lhs); x64_setcc(buf, X64_CC_AE, dst); break;
    case MASM_FGE: x64_ucomis(buf, width, lhs, rhs); x64_setcc(buf, X64_CC_AE, dst); break;
    }
    x64_movzx_rr(buf, 1, 4, dst, dst);
}

void masm_reinterpret(masm *m, masm_type to, masm_type from, masm_reg dst, masm_reg src)
{
    if (masm_type_is_float(to))
        x64_movd_xr(out(m), float_width(to), dst, src);
    else
        x64_movd_rx(out(m), int_size(to), dst, src);
}

/* Integer to float. Unsigned 64-bit values with the top bit set are halved
 * (keeping the low bit for correct rounding), converted, then doubled. */
static void int_to_float(masm *m, int width, int size, bool is_signed, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    x64_sse_logic_rr(buf, X64_XORP, 4, dst, dst); /* break the dependency on dst */
    if (is_signed) {
        x64_cvtsi2s(buf, width, size, dst, src);
        return;
    }
    if (size == 4) {
        x64_mov_rr(buf, 4, SCRATCH, src); /* zero-extends: exact in 64 bits */
        x64_cvtsi2s(buf, width, 8, dst, SCRATCH);
        return;
    }
    masm_label big = masm_label_new(), done = masm_label_new();
    x64_test_rr(buf, 8, src, src);
    jump_if(m, X64_CC_S, &big);
    x64_cvtsi2s(buf, width, 8, dst, src);
    masm_jump(m, &done);
    masm_bind(m, &big);
    x64_mov_rr(buf, 8, SCRATCH, src);
    x64_shift_ri(buf, X64_SHR, 8, SCRATCH, 1);
    x64_mov_rr(buf, 4, X64_RAX, src);
    x64_alu_ri(buf, X64_AND, 4, X64_RAX, 1);
    x64_alu_rr(buf, X64_OR, 8, SCRATCH, X64_RAX);
    x64_cvtsi2s(buf, width, 8, dst, SCRATCH);
    x64_sse_arith_rr(buf, X64_ADDS, width, dst, dst);
    masm_bind(m, &done);
}

static uint64_t float_bits(int width, double value)
{
    if (width == 4) {
        float f = (float)value;
        uint32_t bits;
        memcpy(&bits, &f, 4);
        return bits;
    }
    uint64_t bits;
    memcpy(&bits, &value, 8);
    return bits;
}

/* Float to integer with wasm's traps (NaN: invalid conversion; out of
 * range: integer overflow) or saturation. The result is built in rax. */
static void float_to_int(masm *m, int size, int width, bool is_signed, bool saturating, masm_reg dst, masm_reg src)
{
    codebuf *buf = out(m);
    masm_label nan = masm_label_new(), overflow = masm_label_new(), done = masm_label_new();
    masm_label negative_overflow = masm_label_new(), big = masm_label_new();
    x64_ucomis(buf, width, src, src);
    jump_if(m, X64_CC_P, &nan);
    if (is_signed) {
        /* cvtt gives INT_MIN for anything out of range; INT_MIN is right
         * only for inputs in [INT_MIN, INT_MIN + 1). */
        int64_t min = size == 4 ? INT32_MIN : INT64_MIN;
        x64_cvtts2si(buf, width, size, X64_RAX, src);
        if (size == 4) {
            x64_alu_ri(buf, X64_CMP, 4, X64_RAX, INT32_MIN);
        } else {
            x64_mov_ri(buf, 8, SCRATCH, INT64_MIN);
            x64_alu_rr(buf, X64_CMP, 8, X64_RAX, SCRATCH);
        }
        jump_if(m, X64_CC_NE, &done);
        x64_sse_logic_rr(buf, X64_XORP, 4, FLOAT_SCRATCH, FLOAT_SCRATCH);
        x64_ucomis(buf, width, src, FLOAT_SCRATCH);
        jump_if(m, X64_CC_A, &overflow); /* cvtt gives INT_MIN for large positives too */
        /* lower bound of the valid range: -2^31 - 1 (exclusive) for f64 to
         * i32, otherwise exactly INT_MIN (inclusive). */
        if (size == 4 && width == 8) {
            load_float_const(m, width, FLOAT_SCRATCH, float_bits(width, -2147483649.0));
            x64_ucomis(buf, width, src, FLOAT_SCRATCH);
            jump_if(m, X64_CC_A, &done);
        } else {
            load_float_const(m, width, FLOAT_SCRATCH, float_bits(width, (double)min));
            x64_ucomis(buf, width, src, FLOAT_SCRATCH);
            jump_if(m, X64_CC_AE, &done);
        }
        masm_jump(m, &negative_overflow);
    } else if (size == 4) {
        x64_cvtts2si(buf, width, 8, X64_RAX, src); /* exact for |x| < 2^63 */
        x64_mov_rr(buf, 8, SCRATCH, X64_RAX);
        x64_shift_ri(buf, X64_SHR, 8, SCRATCH, 32);
        jump_if(m, X64_CC_E, &done);
        x64_sse_logic_rr(buf, X64_XORP, 4, FLOAT_SCRATCH, FLOAT_SCRATCH);
        x64_ucomis(buf, width, src, FLOAT_SCRATCH);
        jump_if(m, X64_CC_A, &overflow);
        masm_jump(m, &negative_overflow);
    } else {
        load_float_const(m, width, FLOAT_SCRATCH, float_bits(width, 9223372036854775808.0));
        x64_ucomis(buf, width, src, FLOAT_SCRATCH);
        jump_if(m, X64_CC_AE, &big);
        x64_cvtts2si(buf, width, 8, X64_RAX, src);
        x64_test_rr(buf, 8, X64_RAX, X64_RAX);
        jump_if(m, X64_CC_NS, &done);
        masm_jump(m, &negative_overflow);
        masm_bind(m, &big);
        x64_movap_rr(buf, 4, FLOAT_SCRATCH2, src);
        x64_sse_arith_rr(buf, X64_SUBS, width, FLOAT_SCRATCH2, FLOAT_SCRATCH);
        x64_cvtts2si(buf, width, 8, X64_RAX, FLOAT_SCRATCH2);
        x64_test_rr(buf, 8, X64_RAX, X64_RAX);
        jump_if(m, X64_CC_S, &overflow);
        x64_mov_ri(buf, 8, SCRATCH, INT64_MIN);
        x64_alu_rr(buf, X64_OR, 8, X64_RAX, SCRATCH);
        masm_jump(m, &done);
    }
    /* Out-of-line cases: a negative out-of-range input saturates to the
     * minimum (0 for unsigned), a positive one to the maximum. */
    masm_bind(m, &negative_overflow);
    if (saturating) {
        if (is_signed)
            x64_mov_ri(buf, 8, X64_RAX, size == 4 ? INT32_MIN : INT64_MIN);
        else
            x64_alu_rr(buf, X64_XOR, 4, X64_RAX, X64_RAX);
        masm_jump(m, &done);
    } else {
        masm_trap(m, WRT_TRAP_INTEGER_OVERFLOW);
    }
    masm_bind(m, &overflow);
    if (saturating) {
        if (is_signed)
            x64_mov_ri(buf, 8, X64_RAX, size == 4 ? INT32_MAX : INT64_MAX);
        else
            x64_mov_ri(buf, 8, X64_RAX, size == 4 ? (int64_t)UINT32_MAX : -1);
        masm_jump(m, &done);
    } else {
        masm_trap(m, WRT_TRAP_INTEGER_OVERFLOW);
    }
    masm_bind(m, &nan);
    if (saturating)
        x64_alu_rr(buf, X64_XOR, 4, X64_RAX, X64_RAX);
    else
        masm_trap(m, WRT_TRAP_INVALID_CONVERSION);
    masm_bind(m, &done);
    x64_mov_rr(buf, size, dst, X64_RAX);
}

void masm_convert(masm *m, masm_type to, masm_type from, bool is_signed, bool saturating, masm_reg dst,
                  masm_reg src)
{
    if (masm_type_is_float(to) && masm_type_is_float(from)) {
        x64_cvts2s(out(m), float_width(from), dst, src);
    } else if (masm_type_is_float(to)) {
        int_to_float(m, float_width(to), int_size(from), is_signed, dst, src);
    } else {
        float_to_int(m, int_size(to), float_width(from), is_signed, saturating, dst, src);
    }
}
