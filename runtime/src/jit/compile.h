/* compile.h: the baseline compiler's state, shared by compile.c (control flow, locals, numeric instructions) and compile_call.c (calls and runtime helpers). */
#ifndef WRT_JIT_COMPILE_H
#define WRT_JIT_COMPILE_H

#include <stdbool.h>
#include <stdint.h>

#include "../validate.h"
#include "jit.h"
#include "masm.h"
#include "valstack.h"

/* A control frame (block, loop, if/else, or the function itself). */
typedef struct control {
    validate_frame_kind kind;
    masm_label label;      /* branch target: end (block/if) or start (loop) */
    masm_label else_label; /* if: the else arm */
    uint32_t base;         /* stack height below the frame's parameters */
    uint32_t outer_base;   /* where the results go after `end`: base, except
                              for an if with parameters, whose arms work on
                              copies above the originals (the else arm needs
                              them intact) */
    uint32_t param_count, result_count;
    const wasm_value_type *params, *results;
    bool live;             /* the frame was entered in reachable code */
    /* Caches at `label` (a loop: at its header; otherwise the meet of the
     * edges so far, has_state false before the first) and at else_label. */
    valstack_cache_state state, else_state;
    bool has_state, has_else_state;
    uint32_t header_clock; /* a loop: the valstack clock at its header */
    uint32_t innermost_loop; /* 1 + the index of the innermost live loop
                                with a header state at or below this
                                frame, 0 if none (no scan of the frames) */
} control;

/* One module's compilation: the function being compiled, its model stack
 * and control frames, and the code and source positions emitted so far. */
typedef struct compiler {
    const wasm_module *module;
    masm m;
    valstack stack;
    control *controls;
    uint32_t control_count, control_capacity;
    local_home *locals;
    uint32_t local_capacity;
    uint32_t frame_locals;   /* declared (non-parameter) locals */
    /* Declared locals whose home is not zeroed yet (zero_pending[local]):
     * the prologue's zeroing is deferred to the first instruction that
     * could observe a home (zero_pending_flush), and a local written
     * before that needs none. */
    bool *zero_pending;
    uint32_t zero_pending_count;
    uint32_t max_outgoing;   /* outgoing slots needed by calls */
    const wasm_func_type *type;
    uint32_t func_index;
    size_t *entry_offsets;
    const validate_instr *instr; /* the instruction being compiled */
    jit_source_position *positions;
    size_t position_count, position_capacity;
    /* A comparison (or eqz) whose result is the top stack value but whose
     * code is not emitted yet: the next instruction, if it is a br_if or
     * an if, branches on the comparison directly; any other instruction
     * first materialises it (materialize_pending). The operands may be
     * cached locals' registers (not owned: read only); the top entry is a
     * VALUE_REG holding `lhs` when lhs is an owned integer register, else
     * a placeholder constant; `rhs` is held here. */
    struct {
        bool active;
        masm_type type;
        masm_cond cond;
        masm_reg lhs, rhs;
        bool lhs_owned, rhs_owned;
        bool rhs_is_imm;
        int64_t imm;
        bool is_float;       /* a float comparison: fcond on float lhs, rhs */
        masm_fcond fcond;
    } pending;
} compiler;

/* The masm type a wasm value of `type` is computed in (references are pointers). */
static inline masm_type masm_type_of(wasm_value_type type)
{
    switch (type) {
    case WASM_TYPE_I32: return MASM_I32;
    case WASM_TYPE_F32: return MASM_F32;
    case WASM_TYPE_F64: return MASM_F64;
    default: return MASM_I64; /* i64 and references (pointers) */
    }
}

/* ---- compile_call.c ------------------------------------------------------ */

/* `call`: the arguments are passed (masm_arg_reg registers, outgoing slots;
 * every slot as well for an import, which may be a host function), every
 * other stack value is spilled and the caches dropped; the results are
 * pushed (result 0 in a register, the others in their canonical slots). */
wasm_status compile_call(compiler *c, const validate_instr *in, wasm_diag *diag);

/* `call_indirect`: as compile_call, with every argument in its slot too,
 * through the table element the popped index selects (masm checks bounds
 * and signature, and traps). */
wasm_status compile_call_indirect(compiler *c, const validate_instr *in, wasm_diag *diag);

/* Table, reference and bulk-memory instructions (most call a runtime
 * helper, vmctx.h, which clobbers every register like a call); false,
 * with nothing emitted, if `in` is none of them. `in` must be reachable. */
bool compile_runtime_op(compiler *c, const validate_instr *in);

#endif
