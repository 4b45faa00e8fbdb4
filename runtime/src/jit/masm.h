/* masm.h: the macro-assembler contract between compile.c and an instruction set (three-operand, abstract registers). */
#ifndef WRT_JIT_MASM_H
#define WRT_JIT_MASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebuf.h"
#include "wrt.h"

/*
 * compile.c talks to the machine only through this header. Registers are
 * small numbers in two files (general and float); which numbers exist and
 * which the allocator may use is the instruction set's business
 * (masm_allocatable). Operations are three-operand: `dst = lhs op rhs`, any
 * of them may be the same register; the implementation inserts moves (and
 * uses its own scratch registers, never allocatable ones).
 *
 * Every operation either emits code or marks the assembler unsupported
 * (masm_unsupported), which fails the function's compilation with
 * WASM_UNSUPPORTED naming the operation: there is no silent fallback.
 * A new port may start with every function unsupported (PORTING.md).
 *
 * Frame slots: compile.c keeps locals and spilled values in 8-byte frame
 * slots numbered from 0 (masm decides where they live), parameters in the
 * incoming slots, and call arguments / extra results in the outgoing slots.
 */

typedef uint8_t masm_reg;

typedef enum masm_type {
    MASM_I32, MASM_I64, MASM_F32, MASM_F64
} masm_type;

static inline bool masm_type_is_float(masm_type type)
{
    return type == MASM_F32 || type == MASM_F64;
}

/* Integer comparisons (also used for conditional branches). */
typedef enum masm_cond {
    MASM_EQ, MASM_NE, MASM_LT_S, MASM_LT_U, MASM_GT_S, MASM_GT_U,
    MASM_LE_S, MASM_LE_U, MASM_GE_S, MASM_GE_U
} masm_cond;

/* Float comparisons (false on NaN except NE). */
typedef enum masm_fcond {
    MASM_FEQ, MASM_FNE, MASM_FLT, MASM_FGT, MASM_FLE, MASM_FGE
} masm_fcond;

/* Optional instruction-set features; a port reads them at masm_init. Tests
 * clear them to exercise the fallbacks. */
enum {
    MASM_FEATURE_POPCNT = 1u << 0,
    MASM_FEATURE_LZCNT = 1u << 1,
    MASM_FEATURE_TZCNT = 1u << 2,
    MASM_FEATURE_ROUND = 1u << 3 /* x86-64: SSE4.1 roundss/roundsd */
};

/* A branch target. Unbound labels chain their pending jump sites through
 * the displacement fields themselves, so labels never allocate. */
typedef struct masm_label {
    size_t target;    /* code offset once bound, SIZE_MAX before */
    size_t last_site; /* last pending site, SIZE_MAX if none */
} masm_label;

static inline masm_label masm_label_new(void)
{
    masm_label label = {SIZE_MAX, SIZE_MAX};
    return label;
}

/* A call to a function of the same module whose address is patched once
 * every function is placed. */
typedef struct masm_call_site {
    size_t site;
    uint32_t func_index;
} masm_call_site;

typedef struct masm {
    codebuf code;
    uint32_t features;
    const char *unsupported;      /* first unsupported operation, or NULL */
    masm_call_site *call_sites;   /* pending direct calls */
    size_t call_site_count, call_site_capacity;
    size_t frame_size_site;       /* where the prologue's frame size goes */
    size_t frame_check_site;      /* and where the stack check's goes */
    size_t vmctx_save_site;       /* the prologue's save of the vmctx */
    bool saves_vmctx;             /* the function calls through the vmctx
                                     (imports, call_indirect): keep the save */
    size_t stack_check_site;      /* the prologue's stack-limit check */
    size_t stack_check_bytes;     /* and its length */
    bool makes_calls;             /* any call (functions or helpers): a
                                     leaf with a small frame needs no
                                     stack check */
} masm;

void masm_init(masm *m);
void masm_free(masm *m);
/* Marks the assembler unsupported (first name kept); returns false. */
bool masm_unsupported(masm *m, const char *operation);

/* ---- registers ---------------------------------------------------------- */
/* Bitsets of allocatable registers (bit n = register n). */
uint32_t masm_allocatable(bool float_file);

/* ---- frame -------------------------------------------------------------- */
/* Prologue of a function: frame setup, pinned registers, stack-limit check.
 * The frame size (frame slots + outgoing slots) is given at the end. */
void masm_prologue(masm *m);
/* At a loop header: traps WRT_TRAP_INTERRUPTED if the store's interrupt
 * request (trap_guard.interrupt) is set, testing the instance's flag
 * (vmctx->interrupt) first, so the usual cost is one load (PORTING.md).
 * Clobbers the scratch register and the flags only. */
void masm_loop_check(masm *m);
void masm_set_frame(masm *m, uint32_t frame_slots, uint32_t outgoing_slots);
void masm_epilogue(masm *m); /* return to the caller */
/* Zeroes frame slots first .. first + count - 1 (declared locals); every
 * allocatable register keeps its value. */
void masm_zero_frame_slots(masm *m, uint32_t first, uint32_t count);

/* Argument `index` of type `type` of a call between wasm functions travels
 * in register *reg when this returns true (the caller need not write its
 * outgoing slot; the callee's prologue code stores it to its incoming slot).
 * The other arguments travel in the slots only. Calls that may reach a host
 * function (imports, call_indirect) write every slot as well. */
#define MASM_MAX_ARG_REGS 16 /* masm_arg_reg is false from this index on */
bool masm_arg_reg(masm_type type, uint32_t index, masm_reg *reg);

/* Moves between registers, constants and slots. Slots: FRAME = locals and
 * spills (0..), PARAM = incoming argument/result slots, OUT = outgoing. */
typedef enum masm_slot_kind { MASM_SLOT_FRAME, MASM_SLOT_PARAM, MASM_SLOT_OUT } masm_slot_kind;
void masm_move(masm *m, masm_type type, masm_reg dst, masm_reg src);
void masm_load_const(masm *m, masm_type type, masm_reg dst, uint64_t bits);
void masm_load_slot(masm *m, masm_type type, masm_reg dst, masm_slot_kind kind, uint32_t slot);
void masm_store_slot(masm *m, masm_type type, masm_slot_kind kind, uint32_t slot, masm_reg src);
void masm_store_slot_const(masm *m, masm_type type, masm_slot_kind kind, uint32_t slot, uint64_t bits);
void masm_copy_slot(masm *m, masm_type type, masm_slot_kind dst_kind, uint32_t dst,
                    masm_slot_kind src_kind, uint32_t src);
/* Result 0 of a call / of this function: the return register. */
void masm_move_from_return(masm *m, masm_type type, masm_reg dst);
void masm_move_to_return(masm *m, masm_type type, masm_reg src);
/* The return register of the file of `type` itself (for loading result 0
 * straight into it when every allocatable register is taken). */
masm_reg masm_return_reg(masm_type type);

/* ---- integer arithmetic ------------------------------------------------ */
/* X(name, commutative) */
#define MASM_INT_BINARY_OPS(X) \
    X(add, 1) X(sub, 0) X(mul, 1) X(and, 1) X(or, 1) X(xor, 1) \
    X(shl, 0) X(shr_s, 0) X(shr_u, 0) X(rotl, 0) X(rotr, 0)
/* Division traps (divide by zero, overflow) are emitted by masm. */
#define MASM_INT_DIVISION_OPS(X) X(div_s) X(div_u) X(rem_s) X(rem_u)
#define MASM_INT_UNARY_OPS(X) X(clz) X(ctz) X(popcnt) X(eqz) X(extend8_s) X(extend16_s)

#define MASM_DECLARE_BINARY(name, commutative) \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs); \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs); \
    void masm_i32_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm); \
    void masm_i64_##name##_imm(masm *m, masm_reg dst, masm_reg lhs, int64_t imm);
#define MASM_DECLARE_DIVISION(name) \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs); \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs);
#define MASM_DECLARE_UNARY(name) \
    void masm_i32_##name(masm *m, masm_reg dst, masm_reg src); \
    void masm_i64_##name(masm *m, masm_reg dst, masm_reg src);
MASM_INT_BINARY_OPS(MASM_DECLARE_BINARY)
MASM_INT_DIVISION_OPS(MASM_DECLARE_DIVISION)
MASM_INT_UNARY_OPS(MASM_DECLARE_UNARY)
#undef MASM_DECLARE_BINARY
#undef MASM_DECLARE_DIVISION
#undef MASM_DECLARE_UNARY

/* dst (i32) = lhs cond rhs, for i32 or i64 operands (type). */
void masm_int_compare(masm *m, masm_type type, masm_cond cond, masm_reg dst, masm_reg lhs, masm_reg rhs);
void masm_int_compare_imm(masm *m, masm_type type, masm_cond cond, masm_reg dst, masm_reg lhs, int64_t imm);
void masm_i64_extend_i32_s(masm *m, masm_reg dst, masm_reg src);
void masm_i64_extend_i32_u(masm *m, masm_reg dst, masm_reg src);
void masm_i64_extend32_s(masm *m, masm_reg dst, masm_reg src);
void masm_i32_wrap_i64(masm *m, masm_reg dst, masm_reg src);
/* dst = cond != 0 ? if_true : if_false (all of `type`; cond is i32). */
void masm_select(masm *m, masm_type type, masm_reg dst, masm_reg cond, masm_reg if_true, masm_reg if_false);

/* ---- floats (exact IEEE / wasm semantics) ------------------------------ */
#define MASM_FLOAT_BINARY_OPS(X) X(add) X(sub) X(mul) X(div) X(min) X(max) X(copysign)
#define MASM_FLOAT_UNARY_OPS(X) X(abs) X(neg) X(sqrt) X(ceil) X(floor) X(trunc) X(nearest)
#define MASM_DECLARE_FBINARY(name) \
    void masm_f32_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs); \
    void masm_f64_##name(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs);
#define MASM_DECLARE_FUNARY(name) \
    void masm_f32_##name(masm *m, masm_reg dst, masm_reg src); \
    void masm_f64_##name(masm *m, masm_reg dst, masm_reg src);
MASM_FLOAT_BINARY_OPS(MASM_DECLARE_FBINARY)
MASM_FLOAT_UNARY_OPS(MASM_DECLARE_FUNARY)
#undef MASM_DECLARE_FBINARY
#undef MASM_DECLARE_FUNARY
void masm_float_compare(masm *m, masm_type type, masm_fcond cond, masm_reg dst, masm_reg lhs, masm_reg rhs);
/* Conversions: `to` and `from` types; saturating selects the trunc_sat
 * forms; is_signed the _s forms. */
void masm_convert(masm *m, masm_type to, masm_type from, bool is_signed, bool saturating,
                  masm_reg dst, masm_reg src);
/* Bit-preserving moves between the files (reinterpret). */
void masm_reinterpret(masm *m, masm_type to, masm_type from, masm_reg dst, masm_reg src);

/* ---- memory and globals ------------------------------------------------- */
/* Memory access kinds: X(name, bytes, signed, value type) */
#define MASM_MEMORY_ACCESSES(X) \
    X(I32, 4, 0, MASM_I32) X(I64, 8, 0, MASM_I64) X(F32, 4, 0, MASM_F32) X(F64, 8, 0, MASM_F64) \
    X(I32_8S, 1, 1, MASM_I32) X(I32_8U, 1, 0, MASM_I32) X(I32_16S, 2, 1, MASM_I32) \
    X(I32_16U, 2, 0, MASM_I32) X(I64_8S, 1, 1, MASM_I64) X(I64_8U, 1, 0, MASM_I64) \
    X(I64_16S, 2, 1, MASM_I64) X(I64_16U, 2, 0, MASM_I64) X(I64_32S, 4, 1, MASM_I64) \
    X(I64_32U, 4, 0, MASM_I64)
typedef enum masm_access {
#define MASM_ACCESS_ENUM(name, bytes, is_signed, type) MASM_ACCESS_##name,
    MASM_MEMORY_ACCESSES(MASM_ACCESS_ENUM)
#undef MASM_ACCESS_ENUM
} masm_access;
/* Address = memory 0 base + zero-extended i32 `index` + `offset`; out of
 * bounds faults into the guard region (trap.c). */
void masm_load(masm *m, masm_access access, masm_reg dst, masm_reg index, uint32_t offset);
void masm_store(masm *m, masm_access access, masm_reg index, uint32_t offset, masm_reg src);
void masm_memory_size(masm *m, masm_reg dst);
void masm_global_get(masm *m, masm_type type, masm_reg dst, uint32_t global_index);
void masm_global_set(masm *m, masm_type type, uint32_t global_index, masm_reg src);

/* ---- control flow ------------------------------------------------------- */
void masm_bind(masm *m, masm_label *label);
/* Pads with no-ops up to a multiple of `boundary` (a power of two) bytes of
 * the code buffer (whose start is page-aligned), e.g. before a loop header. */
void masm_align(masm *m, uint32_t boundary);
void masm_jump(masm *m, masm_label *label);
/* Branch if the i32 in `reg` is non-zero (when_nonzero) or zero. */
void masm_branch_i32(masm *m, masm_reg reg, bool when_nonzero, masm_label *label);
/* Branch if lhs cond rhs (integers of `type`). */
void masm_branch_compare(masm *m, masm_type type, masm_cond cond, masm_reg lhs, masm_reg rhs, masm_label *label);
void masm_branch_compare_imm(masm *m, masm_type type, masm_cond cond, masm_reg lhs, int64_t imm, masm_label *label);
/* Branch if (lhs cond rhs) == when_true for floats of `type` (a comparison
 * with NaN is false, except NE). */
void masm_branch_float_compare(masm *m, masm_type type, masm_fcond cond, bool when_true, masm_reg lhs, masm_reg rhs,
                               masm_label *label);
/* Branch if `reg` (i32) == value. */
void masm_branch_i32_equal_imm(masm *m, masm_reg reg, int32_t value, masm_label *label);
/* Jumps to targets[index] (i32, unsigned) or, if index >= count, to
 * default_target. */
void masm_jump_table(masm *m, masm_reg index, uint32_t count, masm_label *const *targets,
                     masm_label *default_target);
/* Traps unconditionally with `kind`. */
void masm_trap(masm *m, wrt_trap_kind kind);
/* Calls: a function of this module (patched later), or through the vmctx
 * funcs table (imports: switches vmctx and restores it after). */
void masm_call_direct(masm *m, uint32_t func_index);
void masm_call_import(masm *m, uint32_t func_index);
/* call_indirect: `index` (i32) selects an element of table `table_index`;
 * traps (undefined element / uninitialized element / indirect call type
 * mismatch) unless it holds a function whose signature id equals
 * vmctx->signature_ids[type_index]. Arguments are in the outgoing slots. */
void masm_call_indirect(masm *m, masm_reg index, uint32_t table_index, uint32_t type_index);
/* Calls runtime helper `helper` (vmctx.h) with `operand_count` operands
 * taken from outgoing slots 0..; the result is in the integer return
 * register. Every allocatable register is clobbered. */
void masm_call_helper(masm *m, uint32_t helper, uint32_t operand_count);
/* dst = the function reference (vmctx_func *) of function `func_index`. */
void masm_func_ref(masm *m, masm_reg dst, uint32_t func_index);
/* dst (i32) = current size of table `table_index`. */
void masm_table_size(masm *m, masm_reg dst, uint32_t table_index);
/* Patches every direct call: code_offsets[i] = offset of function i's entry
 * (for defined functions) in the same code buffer. */
void masm_patch_calls(masm *m, const size_t *code_offsets);

/* ---- runtime glue (used by trap.c) ------------------------------------- */
/* Emits the entry stub trap_call uses (C ABI):
 *   uint32_t stub(const void *code, void *vmctx, uint64_t *slots, size_t nslots,
 *                 uint64_t *float_cell, uintptr_t *frame)
 * It saves the C callee-saved registers in its frame and stores that
 * frame's address in *frame before calling `code`; on return the first
 * result register goes to slots[0], then the first float result register
 * to *float_cell (which may be slots), and it returns 0. A trap leaves
 * through the landing (masm_emit_trap_landing) instead, which returns 1
 * from the stub as if it had returned, its callee-saved registers put back.
 * fixed_slots 0: a stub for any nslots; n > 0: one for nslots == n only,
 * unrolled (trap.c keeps one per small n). */
void masm_emit_entry_stub(codebuf *buf, uint32_t fixed_slots);
/* Emits the trap exit shared by every entry stub: code that, given a frame
 * an entry stub stored, returns 1 from that stub, abandoning everything
 * called since (wasm frames, and C frames, as longjmp does). Two entry
 * points: at the start, a C function `_Noreturn void unwind(uintptr_t
 * frame)` (trap_raise, from C code wasm called); at the returned offset,
 * the landing a signal handler resumes at with masm_signal_resume (the
 * returned offset is in buf, as buf->size is). */
size_t masm_emit_trap_landing(codebuf *buf);
/* Makes a signal handler's return resume at `landing` (an address of the
 * code masm_emit_trap_landing wrote) for the entry stub frame `frame`. */
void masm_signal_resume(void *ucontext, uintptr_t landing, uintptr_t frame);
/* Emits the shared host trampoline (internal convention; see vmctx.h). */
void masm_emit_host_trampoline(codebuf *buf);
/* The interrupted pc from a signal handler's ucontext. */
uintptr_t masm_signal_pc(const void *ucontext);
/* The trap kind encoded at `pc` by masm_trap and friends, or WRT_TRAP_NONE
 * if `pc` is not a trap instruction. */
wrt_trap_kind masm_decode_trap(const uint8_t *pc);

#endif
