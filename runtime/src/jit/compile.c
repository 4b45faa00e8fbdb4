/* compile.c: the single-pass baseline compiler, one visit function per wasm instruction, free of instruction-set detail. */
#include "compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../trap.h"
#include "vmctx.h"

/*
 * State at control-flow joins: when a block, loop or if starts, every stack
 * value is spilled to its canonical slot (spill_base + height) and no
 * register holds a stack value. Values below a frame's base are never
 * touched inside it, so every edge into a label agrees if it leaves the
 * label's values (the block's results, or the loop's parameters) in the
 * canonical slots of heights base .. base + arity - 1. Locals always live in
 * memory (their home slot); registers caching them are reconciled at joins
 * (valstack.h): a forward label keeps the caches all its edges agree on, a
 * loop header those it was entered with, and back edges conform to them.
 */

/* Loop headers start at this code alignment (bytes): back edges then jump
 * to a fetch-friendly address, and a kernel's speed does not swing with
 * the placement of the code before it. A cache line: at 16, the dispatch
 * kernel's loop moved 8% with the header's offset modulo 64 (code before
 * the loop 8 bytes shorter: 100 -> 109 ms). */
#define LOOP_ALIGNMENT 64

/* Records that the code from here on belongs to the instruction at byte
 * `wasm_offset` of the module. */
static __attribute__((noinline)) bool grow_positions(compiler *c)
{
    size_t capacity = c->position_capacity ? c->position_capacity * 2 : 256;
    jit_source_position *positions = realloc(c->positions, capacity * sizeof *positions);
    if (!positions)
        return false;
    c->positions = positions;
    c->position_capacity = capacity;
    return true;
}

static inline bool record_position(compiler *c, uint32_t wasm_offset)
{
    uint32_t here = (uint32_t)c->m.code.size;
    if (c->position_count && c->positions[c->position_count - 1].code_offset == here) {
        c->positions[c->position_count - 1].wasm_offset = wasm_offset;
        return true;
    }
    if (c->position_count == c->position_capacity && !grow_positions(c))
        return false;
    c->positions[c->position_count++] = (jit_source_position){here, wasm_offset};
    return true;
}

static masm_cond negate_cond(masm_cond cond)
{
    static const masm_cond negated[] = {[MASM_EQ] = MASM_NE,     [MASM_NE] = MASM_EQ,     [MASM_LT_S] = MASM_GE_S,
                                        [MASM_LT_U] = MASM_GE_U, [MASM_GT_S] = MASM_LE_S, [MASM_GT_U] = MASM_LE_U,
                                        [MASM_LE_S] = MASM_GT_S, [MASM_LE_U] = MASM_GT_U, [MASM_GE_S] = MASM_LT_S,
                                        [MASM_GE_U] = MASM_LT_U};
    return negated[cond];
}

/* Emits the pending comparison into its result register. */
static void materialize_pending(compiler *c)
{
    if (!c->pending.active)
        return;
    c->pending.active = false;
    if (c->pending.is_float) { /* float operands: the result is a new register */
        masm_reg result = valstack_alloc(&c->stack, false);
        masm_float_compare(&c->m, c->pending.type, c->pending.fcond, result, c->pending.lhs, c->pending.rhs);
        if (c->pending.lhs_owned)
            valstack_release(&c->stack, c->pending.type, c->pending.lhs);
        if (c->pending.rhs_owned)
            valstack_release(&c->stack, c->pending.type, c->pending.rhs);
        c->stack.height--; /* the placeholder */
        valstack_push_reg(&c->stack, MASM_I32, result);
        return;
    }
    /* An owned lhs takes the result; otherwise a new register does (the
     * comparison reads both operands before writing it, so it may even
     * be one of theirs, evicted). */
    masm_reg dst = c->pending.lhs;
    if (!c->pending.lhs_owned) {
        dst = valstack_alloc(&c->stack, false);
        c->stack.height--; /* the placeholder */
        valstack_push_reg(&c->stack, MASM_I32, dst);
    }
    if (c->pending.rhs_is_imm) {
        masm_int_compare_imm(&c->m, c->pending.type, c->pending.cond, dst, c->pending.lhs, c->pending.imm);
    } else {
        masm_int_compare(&c->m, c->pending.type, c->pending.cond, dst, c->pending.lhs, c->pending.rhs);
        if (c->pending.rhs_owned && c->pending.rhs != dst)
            valstack_release(&c->stack, c->pending.type, c->pending.rhs);
    }
}

/* Pops the i32 condition on top of the stack and branches to `label` when
 * it is non-zero (when_true) or zero; a pending comparison becomes a
 * compare-and-branch. */
static void branch_on_condition(compiler *c, bool when_true, masm_label *label)
{
    if (c->pending.active && c->pending.is_float) {
        c->pending.active = false;
        valstack_pop(&c->stack); /* the placeholder */
        masm_branch_float_compare(&c->m, c->pending.type, c->pending.fcond, when_true, c->pending.lhs, c->pending.rhs,
                                  label);
        if (c->pending.lhs_owned)
            valstack_release(&c->stack, c->pending.type, c->pending.lhs);
        if (c->pending.rhs_owned)
            valstack_release(&c->stack, c->pending.type, c->pending.rhs);
        return;
    }
    if (c->pending.active) {
        c->pending.active = false;
        valstack_pop(&c->stack); /* releases lhs */
        masm_cond cond = when_true ? c->pending.cond : negate_cond(c->pending.cond);
        if (c->pending.rhs_is_imm) {
            masm_branch_compare_imm(&c->m, c->pending.type, cond, c->pending.lhs, c->pending.imm, label);
        } else {
            masm_branch_compare(&c->m, c->pending.type, cond, c->pending.lhs, c->pending.rhs, label);
            if (c->pending.rhs_owned)
                valstack_release(&c->stack, c->pending.type, c->pending.rhs);
        }
        return;
    }
    bool owned;
    masm_reg cond = valstack_pop_read(&c->stack, &owned);
    masm_branch_i32(&c->m, cond, when_true, label);
    if (owned)
        valstack_release(&c->stack, MASM_I32, cond);
}

static wasm_status unsupported(compiler *c, wasm_diag *diag, const char *what)
{
    return wasm_diag_set(diag, WASM_UNSUPPORTED, c->func_index, c->instr ? c->instr->offset : 0,
                         "unsupported by the JIT: %s", what);
}

/* Frames nested deeper than this keep no caches at their labels (a loop
 * header drops them, a forward label promises none), so that the joins'
 * bookkeeping (prune_loop_caches walks the open frames) stays linear in
 * the function's size however deep the nesting. Real code nests far less. */
enum { CACHE_DEPTH_MAX = 64 };

/* Records an edge into a forward label (the frame's end, or its else arm):
 * the label keeps only the caches every edge agrees on. */
static void note_forward_edge(compiler *c, control *target, bool to_else)
{
    valstack_cache_state *state = to_else ? &target->else_state : &target->state;
    bool *has_state = to_else ? &target->has_else_state : &target->has_state;
    if (target - c->controls >= CACHE_DEPTH_MAX) {
        valstack_cache_state_empty(state);
        *has_state = true;
    } else if (*has_state) {
        valstack_cache_state_meet(state, &c->stack.caches);
    } else {
        valstack_cache_state_copy(state, &c->stack.caches);
        *has_state = true;
    }
}

/* Eviction spares the innermost live loop header's caches (valstack.h). */
static void protect_innermost_loop(compiler *c)
{
    c->stack.protect[0] = c->stack.protect[1] = 0;
    valstack_cache_state_empty(&c->stack.loop_header);
    uint32_t loop = c->control_count ? c->controls[c->control_count - 1].innermost_loop : 0;
    if (loop) {
        const control *frame = &c->controls[loop - 1];
        c->stack.protect[0] = frame->state.mask[0];
        c->stack.protect[1] = frame->state.mask[1];
        valstack_cache_state_copy(&c->stack.loop_header, &frame->state);
    }
}

/* Before a branch to loop `target`: header caches that do not hold now and
 * were not read since the header are given up, so back edges do not reload
 * locals the loop never reads from their registers. From the second
 * iteration on, the register may then hold anything anywhere in the loop,
 * so every state recorded inside the loop that took the cache from the
 * header stops promising it too: the labels inside the loop (inner loop
 * headers included) and the end labels of every open block and if, which
 * edges from inside the loop may have reached (a `br` out of the loop).
 * Headers of enclosing loops keep it: their back edges re-establish it. */
static void prune_loop_caches(compiler *c, control *target)
{
    valstack *stack = &c->stack;
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = target->state.mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            uint32_t local = target->state.owner[file][reg];
            if (stack->caches.owner[file][reg] == local ||
                valstack_cache_read_since(stack, file, (masm_reg)reg, target->header_clock))
                continue;
            control *end = c->controls + (c->control_count < CACHE_DEPTH_MAX ? c->control_count : CACHE_DEPTH_MAX);
            for (control *frame = c->controls; frame < end; frame++) {
                bool inside = frame >= target;
                if (frame->has_state && (inside || frame->kind != VALIDATE_FRAME_LOOP) &&
                    valstack_cache_owner(&frame->state, file, reg) == local)
                    frame->state.mask[file] &= ~(1u << reg);
                if (inside && frame->has_else_state && valstack_cache_owner(&frame->else_state, file, reg) == local)
                    frame->else_state.mask[file] &= ~(1u << reg);
            }
        }
    }
    protect_innermost_loop(c);
}

/* Meets `state` (valid if *has) with a label's recorded edges. */
static void meet_edges(valstack_cache_state *state, bool *has, const valstack_cache_state *edges, bool has_edges)
{
    if (!has_edges)
        return;
    if (*has) {
        valstack_cache_state_meet(state, edges);
    } else {
        valstack_cache_state_copy(state, edges);
        *has = true;
    }
}

/* ---- branches ------------------------------------------------------------ */

/* The values a branch to `target` carries. */
static uint32_t branch_arity(const control *target)
{
    return target->kind == VALIDATE_FRAME_LOOP ? target->param_count : target->result_count;
}

/* Moves the top `arity` values into the canonical slots of heights
 * base.. (in increasing order, which never overwrites a later source). */
static void move_to_base(compiler *c, uint32_t base, uint32_t arity)
{
    valstack *stack = &c->stack;
    uint32_t first = stack->height - arity;
    for (uint32_t i = 0; i < arity; i++) {
        value *v = &stack->items[first + i];
        uint32_t slot = stack->spill_base + base + i;
        if (v->kind == VALUE_SLOT) {
            if (first + i != base + i)
                masm_copy_slot(&c->m, v->type, MASM_SLOT_FRAME, slot, MASM_SLOT_FRAME, stack->spill_base + first + i);
        } else {
            valstack_store_value(stack, v, MASM_SLOT_FRAME, slot);
        }
    }
}

/* Stores the function's results: result 0 in the return register, the
 * others in the incoming slots (which hold parameters, so values reading
 * locals are detached first). Then returns. */
static void emit_return(compiler *c)
{
    valstack *stack = &c->stack;
    uint32_t count = c->type->result_count;
    if (count > 1)
        valstack_detach_all_locals(stack);
    uint32_t first = stack->height - count;
    for (uint32_t i = 1; i < count; i++) {
        value *v = &stack->items[first + i];
        if (v->kind == VALUE_SLOT)
            masm_copy_slot(&c->m, v->type, MASM_SLOT_PARAM, i, MASM_SLOT_FRAME, stack->spill_base + first + i);
        else
            valstack_store_value(stack, v, MASM_SLOT_PARAM, i);
    }
    /* Result 0 goes straight into the return register: no register is
     * allocated (with many results, the values above it may hold them all,
     * and they are not spillable once stored). */
    if (count > 0)
        valstack_load_into(stack, first, masm_return_reg(stack->items[first].type));
    masm_epilogue(&c->m);
}

/* Emits the jump for `br depth` (values stay on the model stack). */
static void emit_branch(compiler *c, uint32_t depth)
{
    control *target = &c->controls[c->control_count - 1 - depth];
    if (target->kind == VALIDATE_FRAME_FUNCTION) {
        emit_return(c);
        return;
    }
    move_to_base(c, target->base, branch_arity(target));
    if (target->kind == VALIDATE_FRAME_LOOP) {
        prune_loop_caches(c, target);
        valstack_conform_caches(&c->stack, &target->state);
    } else
        note_forward_edge(c, target, false);
    masm_jump(&c->m, &target->label);
}

/* ---- control instructions ------------------------------------------------ */

static wasm_status push_control(compiler *c, validate_frame_kind kind, const validate_block_type *block, bool live)
{
    if (c->control_count == c->control_capacity) {
        uint32_t capacity = c->control_capacity ? c->control_capacity * 2 : 16;
        control *controls = realloc(c->controls, capacity * sizeof *controls);
        if (!controls)
            return WASM_OUT_OF_MEMORY;
        c->controls = controls;
        c->control_capacity = capacity;
    }
    control *frame = &c->controls[c->control_count++];
    frame->kind = kind;
    frame->label = masm_label_new();
    frame->else_label = masm_label_new();
    frame->param_count = block->param_count;
    frame->result_count = block->result_count;
    frame->params = block->params;
    frame->results = block->results;
    frame->live = live;
    frame->has_state = false;
    frame->has_else_state = false;
    frame->innermost_loop = c->control_count > 1 ? frame[-1].innermost_loop : 0;
    frame->base = live ? c->stack.height - block->param_count : 0;
    frame->outer_base = frame->base;
    return WASM_OK;
}

/* After a frame's end: its results sit in the canonical slots at base. */
static void push_results_in_slots(compiler *c, const control *frame)
{
    valstack *stack = &c->stack;
    for (uint32_t i = 0; frame->outer_base != frame->base && i < frame->result_count; i++)
        masm_copy_slot(&c->m, masm_type_of(frame->results[i]), MASM_SLOT_FRAME, stack->spill_base + frame->outer_base + i,
                       MASM_SLOT_FRAME, stack->spill_base + frame->base + i);
    valstack_truncate(stack, frame->outer_base);
    for (uint32_t i = 0; i < frame->result_count; i++)
        valstack_push_slot(&c->stack, masm_type_of(frame->results[i]));
}

static wasm_status visit_block(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    if (!in->reachable)
        return push_control(c, in->op == WASM_OP_LOOP ? VALIDATE_FRAME_LOOP : VALIDATE_FRAME_BLOCK, &in->block, false);
    valstack_spill(&c->stack, 0);
    wasm_status status =
        push_control(c, in->op == WASM_OP_LOOP ? VALIDATE_FRAME_LOOP : VALIDATE_FRAME_BLOCK, &in->block, true);
    if (status == WASM_OK && in->op == WASM_OP_LOOP) {
        control *frame = &c->controls[c->control_count - 1];
        if (c->control_count > CACHE_DEPTH_MAX)
            valstack_drop_caches(&c->stack);
        valstack_cache_state_copy(&frame->state, &c->stack.caches); /* back edges restore these */
        frame->has_state = true;
        frame->header_clock = c->stack.clock;
        frame->innermost_loop = c->control_count;
        protect_innermost_loop(c);
        masm_align(&c->m, LOOP_ALIGNMENT);
        masm_bind(&c->m, &frame->label);
        /* WRT_BENCH_NO_LOOP_CHECKS is defined only for make bench's second
         * driver (bench/build.mk), which measures what the checks cost. */
#ifndef WRT_BENCH_NO_LOOP_CHECKS
        masm_loop_check(&c->m); /* every iteration: wrt_store_interrupt stops a loop */
#endif
    }
    return status;
}

/* Pushes copies of the `count` values at heights from.. (in their slots). */
static void copy_params(compiler *c, uint32_t from, uint32_t count, const wasm_value_type *types)
{
    valstack *stack = &c->stack;
    for (uint32_t i = 0; i < count; i++) {
        masm_type type = masm_type_of(types[i]);
        masm_copy_slot(&c->m, type, MASM_SLOT_FRAME, stack->spill_base + stack->height, MASM_SLOT_FRAME,
                       stack->spill_base + from + i);
        valstack_push_slot(stack, type);
    }
}

static wasm_status visit_if(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    if (!in->reachable)
        return push_control(c, VALIDATE_FRAME_IF, &in->block, false);
    /* The condition is taken off the model stack while the values below
     * are spilled (a fused comparison keeps its registers). */
    valstack *stack = &c->stack;
    bool fused = c->pending.active;
    value condition = stack->items[stack->height - 1]; /* a register if fused */
    masm_reg cond_reg = 0;
    if (fused)
        stack->height--;
    else
        cond_reg = valstack_pop_reg(stack); /* its slot is reused below */
    valstack_spill(stack, 0);
    uint32_t original = stack->height - in->block.param_count;
    copy_params(c, original, in->block.param_count, in->block.params);
    wasm_status status = push_control(c, VALIDATE_FRAME_IF, &in->block, true);
    if (status != WASM_OK)
        return status;
    control *frame = &c->controls[c->control_count - 1];
    frame->outer_base = original;
    if (fused) {
        /* Back on top for branch_on_condition (the frame's base is below). */
        stack->items[stack->height++] = condition;
        branch_on_condition(c, false, &frame->else_label);
    } else {
        masm_branch_i32(&c->m, cond_reg, false, &frame->else_label);
        valstack_release(stack, MASM_I32, cond_reg);
    }
    note_forward_edge(c, frame, true);
    return WASM_OK;
}

static wasm_status visit_else(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    control *frame = &c->controls[c->control_count - 1];
    if (!frame->live)
        return WASM_OK;
    if (in->reachable) {
        move_to_base(c, frame->base, frame->result_count);
        note_forward_edge(c, frame, false);
        masm_jump(&c->m, &frame->label);
    }
    valstack_truncate(&c->stack, frame->base);
    valstack_cache_state state;
    if (!frame->has_else_state)
        valstack_cache_state_empty(&state);
    valstack_adopt_caches(&c->stack, frame->has_else_state ? &frame->else_state : &state);
    masm_bind(&c->m, &frame->else_label);
    if (frame->outer_base != frame->base)
        copy_params(c, frame->outer_base, frame->param_count, frame->params);
    frame->kind = VALIDATE_FRAME_ELSE;
    return WASM_OK;
}

/* Before the fallthrough into a label whose edges agree on `edges`: each
 * of those caches whose local the fallthrough holds in another register
 * is moved there (a move now rather than a load after the join); the
 * caches become those of `edges` that hold then. The stack must be
 * truncated to the frame's base (only caches hold registers). */
static void conform_fallthrough(compiler *c, const valstack_cache_state *edges)
{
    valstack *stack = &c->stack;
    valstack_cache_state target;
    valstack_cache_state_copy(&target, edges);
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = target.mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            uint32_t local = target.owner[file][reg];
            if (stack->caches.owner[file][reg] == local ||
                (local < stack->local_count && stack->cache[local] != VALSTACK_NO_CACHE))
                continue;
            target.mask[file] &= ~(1u << reg);
        }
    }
    if (valstack_caches_conform(stack, &target))
        return;
    valstack_conform_caches(stack, &target);
    valstack_drop_caches(stack);
    valstack_adopt_caches(stack, &target);
}

static wasm_status visit_end(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    control *frame = &c->controls[c->control_count - 1];
    if (frame->kind == VALIDATE_FRAME_FUNCTION) {
        if (in->reachable)
            emit_return(c);
        valstack_drop_caches(&c->stack);
        masm_bind(&c->m, &frame->label); /* branches to the function frame return directly */
        c->control_count--;
        return WASM_OK;
    }
    if (!frame->live) {
        c->control_count--;
        return WASM_OK;
    }
    if (in->reachable)
        move_to_base(c, frame->base, frame->result_count);
    /* The caches after `end`: those the fallthrough and every edge into the
     * end label (and, for an if without else, the else label) agree on. */
    valstack_truncate(&c->stack, frame->base);
    valstack_cache_state state, edges;
    bool has = false, has_edges = false;
    if (frame->kind == VALIDATE_FRAME_IF)
        meet_edges(&edges, &has_edges, &frame->else_state, frame->has_else_state);
    if (frame->kind != VALIDATE_FRAME_LOOP)
        meet_edges(&edges, &has_edges, &frame->state, frame->has_state);
    if (in->reachable) {
        if (has_edges)
            conform_fallthrough(c, &edges);
        valstack_cache_state_copy(&state, &c->stack.caches);
        has = true;
    }
    meet_edges(&state, &has, &edges, has_edges);
    if (!has)
        valstack_cache_state_empty(&state);
    valstack_adopt_caches(&c->stack, &state);
    if (frame->kind == VALIDATE_FRAME_IF)
        masm_bind(&c->m, &frame->else_label); /* if without else: falls through */
    if (frame->kind != VALIDATE_FRAME_LOOP)
        masm_bind(&c->m, &frame->label);
    push_results_in_slots(c, frame);
    c->control_count--;
    if (frame->kind == VALIDATE_FRAME_LOOP)
        protect_innermost_loop(c);
    return WASM_OK;
}

/* Whether a branch to `target` can be a bare jump: no values to move (the
 * ones it carries already sit in their canonical slots; values above them
 * are dropped) and, at a loop header, the caches it was entered with hold. */
static bool branch_is_bare(compiler *c, const control *target, uint32_t height)
{
    if (target->kind == VALIDATE_FRAME_FUNCTION)
        return false;
    uint32_t arity = branch_arity(target);
    if (arity != 0 && height - arity != target->base)
        return false;
    for (uint32_t i = 0; i < arity; i++)
        if (c->stack.items[target->base + i].kind != VALUE_SLOT)
            return false;
    return target->kind != VALIDATE_FRAME_LOOP || valstack_caches_conform(&c->stack, &target->state);
}

static wasm_status visit_br_if(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    control *target = &c->controls[c->control_count - 1 - in->depth];
    value *top = valstack_top(&c->stack, 0);
    if (!c->pending.active && !(top->kind == VALUE_LOCAL && valstack_local_reg(&c->stack, top->local) != VALSTACK_NO_CACHE)) {
        /* The condition in a register first: loading it may change the
         * caches the bare-branch test looks at. */
        masm_reg cond = valstack_pop_reg(&c->stack);
        valstack_push_reg(&c->stack, MASM_I32, cond);
    }
    if (target->kind == VALIDATE_FRAME_LOOP)
        prune_loop_caches(c, target);
    if (branch_is_bare(c, target, c->stack.height - 1)) {
        branch_on_condition(c, true, &target->label);
        if (target->kind != VALIDATE_FRAME_LOOP && target->kind != VALIDATE_FRAME_FUNCTION)
            note_forward_edge(c, target, false);
        return WASM_OK;
    }
    masm_label skip = masm_label_new();
    branch_on_condition(c, false, &skip);
    emit_branch(c, in->depth);
    masm_bind(&c->m, &skip);
    return WASM_OK;
}

/* A jump table. Targets reached by a bare jump go straight to their label;
 * the others get one stub per distinct depth that moves the values and
 * jumps (emitted after the table). */
static wasm_status visit_br_table(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    masm_reg index = valstack_pop_reg(&c->stack);
    uint32_t count = in->br_table_count;
    masm_label **targets = malloc((count ? count : 1) * sizeof *targets);
    masm_label *stubs = malloc(c->control_count * sizeof *stubs);
    bool *needs_stub = calloc(c->control_count, sizeof *needs_stub);
    if (!targets || !stubs || !needs_stub) {
        free(targets);
        free(stubs);
        free(needs_stub);
        return WASM_OUT_OF_MEMORY;
    }
    for (uint32_t depth = 0; depth < c->control_count; depth++)
        stubs[depth] = masm_label_new();
    masm_label *default_target = NULL;
    for (uint32_t i = 0; i <= count; i++) {
        uint32_t depth = i < count ? in->br_table_targets[i] : in->br_table_default;
        control *target = &c->controls[c->control_count - 1 - depth];
        masm_label *label = &stubs[depth];
        if (target->kind == VALIDATE_FRAME_LOOP)
            prune_loop_caches(c, target);
        if (branch_is_bare(c, target, c->stack.height)) {
            label = &target->label;
            if (target->kind != VALIDATE_FRAME_LOOP)
                note_forward_edge(c, target, false);
        } else {
            needs_stub[depth] = true;
        }
        if (i < count)
            targets[i] = label;
        else
            default_target = label;
    }
    masm_jump_table(&c->m, index, count, targets, default_target);
    valstack_release(&c->stack, MASM_I32, index);
    for (uint32_t depth = 0; depth < c->control_count; depth++) {
        if (!needs_stub[depth])
            continue;
        masm_bind(&c->m, &stubs[depth]); /* same caches as at the table */
        emit_branch(c, depth);
    }
    free(targets);
    free(stubs);
    free(needs_stub);
    return WASM_OK;
}

/* ---- locals, globals, parametric ------------------------------------------ */

static void write_local(compiler *c, uint32_t local, bool keep)
{
    valstack *stack = &c->stack;
    value *top = valstack_top(stack, 0);
    if (top->kind == VALUE_LOCAL && top->local == local) {
        if (!keep)
            valstack_pop(stack);
        return;
    }
    /* A value not in a register yet goes through a free one, which then
     * caches the local (rather than reloading it after the store). */
    if (top->kind != VALUE_REG && valstack_make_free(stack, masm_type_is_float(top->type))) {
        masm_type type = top->type;
        masm_reg reg = valstack_pop_reg(stack);
        valstack_push_reg(stack, type, reg);
        top = valstack_top(stack, 0);
    }
    valstack_detach_local(stack, local);
    const local_home *home = &c->locals[local];
    if (top->kind == VALUE_SLOT) {
        masm_copy_slot(&c->m, top->type, home->kind, home->slot, MASM_SLOT_FRAME, stack->spill_base + stack->height - 1);
    } else {
        valstack_store_value(stack, top, home->kind, home->slot);
    }
    if (top->kind == VALUE_REG) {
        if (!keep) {
            stack->height--; /* the register becomes the local's cache */
            valstack_cache_local(stack, local, top->reg, true);
            return;
        }
        valstack_cache_local(stack, local, top->reg, false);
    } else {
        valstack_uncache_local(stack, local);
    }
    if (!keep)
        valstack_pop(stack);
}

static wasm_status visit_select(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    masm_reg cond = valstack_pop_reg(&c->stack);
    masm_type type = valstack_top(&c->stack, 0)->type;
    masm_reg if_false = valstack_pop_reg(&c->stack);
    masm_reg if_true = valstack_pop_reg(&c->stack);
    masm_select(&c->m, type, if_true, cond, if_true, if_false);
    valstack_release(&c->stack, MASM_I32, cond);
    valstack_release(&c->stack, type, if_false);
    valstack_push_reg(&c->stack, type, if_true);
    return WASM_OK;
}

/* ---- numeric instructions, table-driven ----------------------------------- */

typedef void (*binary_fn)(masm *m, masm_reg dst, masm_reg lhs, masm_reg rhs);
typedef void (*binary_imm_fn)(masm *m, masm_reg dst, masm_reg lhs, int64_t imm);
typedef void (*unary_fn)(masm *m, masm_reg dst, masm_reg src);

typedef struct binary_op {
    binary_fn emit;
    binary_imm_fn emit_imm; /* NULL: the right operand is always a register */
    masm_type type;
} binary_op;

static const binary_op binary_ops[WASM_OP_COUNT] = {
#define INT_BINARY(NAME, name)                                                                 \
    [WASM_OP_I32_##NAME] = {masm_i32_##name, masm_i32_##name##_imm, MASM_I32},                 \
    [WASM_OP_I64_##NAME] = {masm_i64_##name, masm_i64_##name##_imm, MASM_I64},
    INT_BINARY(ADD, add) INT_BINARY(SUB, sub) INT_BINARY(MUL, mul) INT_BINARY(AND, and)
    INT_BINARY(OR, or) INT_BINARY(XOR, xor) INT_BINARY(SHL, shl) INT_BINARY(SHR_S, shr_s)
    INT_BINARY(SHR_U, shr_u) INT_BINARY(ROTL, rotl) INT_BINARY(ROTR, rotr)
#undef INT_BINARY
#define INT_DIVISION(NAME, name)                                                               \
    [WASM_OP_I32_##NAME] = {masm_i32_##name, NULL, MASM_I32},                                  \
    [WASM_OP_I64_##NAME] = {masm_i64_##name, NULL, MASM_I64},
    INT_DIVISION(DIV_S, div_s) INT_DIVISION(DIV_U, div_u) INT_DIVISION(REM_S, rem_s)
    INT_DIVISION(REM_U, rem_u)
#undef INT_DIVISION
#define FLOAT_BINARY(NAME, name)                                                               \
    [WASM_OP_F32_##NAME] = {masm_f32_##name, NULL, MASM_F32},                                  \
    [WASM_OP_F64_##NAME] = {masm_f64_##name, NULL, MASM_F64},
    FLOAT_BINARY(ADD, add) FLOAT_BINARY(SUB, sub) FLOAT_BINARY(MUL, mul) FLOAT_BINARY(DIV, div)
    FLOAT_BINARY(MIN, min) FLOAT_BINARY(MAX, max) FLOAT_BINARY(COPYSIGN, copysign)
#undef FLOAT_BINARY
};

typedef struct unary_op {
    unary_fn emit;
    masm_type from, to;
} unary_op;

static const unary_op unary_ops[WASM_OP_COUNT] = {
#define INT_UNARY(NAME, name)                                                                  \
    [WASM_OP_I32_##NAME] = {masm_i32_##name, MASM_I32, MASM_I32},                              \
    [WASM_OP_I64_##NAME] = {masm_i64_##name, MASM_I64, MASM_I64},
    INT_UNARY(CLZ, clz) INT_UNARY(CTZ, ctz) INT_UNARY(POPCNT, popcnt) INT_UNARY(EXTEND8_S, extend8_s)
    INT_UNARY(EXTEND16_S, extend16_s)
#undef INT_UNARY
    [WASM_OP_I32_EQZ] = {masm_i32_eqz, MASM_I32, MASM_I32},
    [WASM_OP_I64_EQZ] = {masm_i64_eqz, MASM_I64, MASM_I32},
    [WASM_OP_I64_EXTEND32_S] = {masm_i64_extend32_s, MASM_I64, MASM_I64},
    [WASM_OP_I64_EXTEND_I32_S] = {masm_i64_extend_i32_s, MASM_I32, MASM_I64},
    [WASM_OP_I64_EXTEND_I32_U] = {masm_i64_extend_i32_u, MASM_I32, MASM_I64},
    [WASM_OP_I32_WRAP_I64] = {masm_i32_wrap_i64, MASM_I64, MASM_I32},
#define FLOAT_UNARY(NAME, name)                                                                \
    [WASM_OP_F32_##NAME] = {masm_f32_##name, MASM_F32, MASM_F32},                              \
    [WASM_OP_F64_##NAME] = {masm_f64_##name, MASM_F64, MASM_F64},
    FLOAT_UNARY(ABS, abs) FLOAT_UNARY(NEG, neg) FLOAT_UNARY(SQRT, sqrt) FLOAT_UNARY(CEIL, ceil)
    FLOAT_UNARY(FLOOR, floor) FLOAT_UNARY(TRUNC, trunc) FLOAT_UNARY(NEAREST, nearest)
#undef FLOAT_UNARY
};

/* Comparisons: X(OPCODE, type, condition) */
typedef struct compare_op {
    bool present, is_float;
    masm_type type;
    int cond; /* masm_cond or masm_fcond */
} compare_op;

static const compare_op compare_ops[WASM_OP_COUNT] = {
#define INT_COMPARE(NAME, cond)                                                                \
    [WASM_OP_I32_##NAME] = {true, false, MASM_I32, cond},                                      \
    [WASM_OP_I64_##NAME] = {true, false, MASM_I64, cond},
    INT_COMPARE(EQ, MASM_EQ) INT_COMPARE(NE, MASM_NE) INT_COMPARE(LT_S, MASM_LT_S)
    INT_COMPARE(LT_U, MASM_LT_U) INT_COMPARE(GT_S, MASM_GT_S) INT_COMPARE(GT_U, MASM_GT_U)
    INT_COMPARE(LE_S, MASM_LE_S) INT_COMPARE(LE_U, MASM_LE_U) INT_COMPARE(GE_S, MASM_GE_S)
    INT_COMPARE(GE_U, MASM_GE_U)
#undef INT_COMPARE
#define FLOAT_COMPARE(NAME, cond)                                                              \
    [WASM_OP_F32_##NAME] = {true, true, MASM_F32, cond},                                       \
    [WASM_OP_F64_##NAME] = {true, true, MASM_F64, cond},
    FLOAT_COMPARE(EQ, MASM_FEQ) FLOAT_COMPARE(NE, MASM_FNE) FLOAT_COMPARE(LT, MASM_FLT)
    FLOAT_COMPARE(GT, MASM_FGT) FLOAT_COMPARE(LE, MASM_FLE) FLOAT_COMPARE(GE, MASM_FGE)
#undef FLOAT_COMPARE
};

/* Conversions between the register files: X(OPCODE, to, from, signed, saturating) */
#define CONVERSIONS(X)                                                                         \
    X(I32_TRUNC_F32_S, MASM_I32, MASM_F32, 1, 0) X(I32_TRUNC_F32_U, MASM_I32, MASM_F32, 0, 0)  \
    X(I32_TRUNC_F64_S, MASM_I32, MASM_F64, 1, 0) X(I32_TRUNC_F64_U, MASM_I32, MASM_F64, 0, 0)  \
    X(I64_TRUNC_F32_S, MASM_I64, MASM_F32, 1, 0) X(I64_TRUNC_F32_U, MASM_I64, MASM_F32, 0, 0)  \
    X(I64_TRUNC_F64_S, MASM_I64, MASM_F64, 1, 0) X(I64_TRUNC_F64_U, MASM_I64, MASM_F64, 0, 0)  \
    X(I32_TRUNC_SAT_F32_S, MASM_I32, MASM_F32, 1, 1) X(I32_TRUNC_SAT_F32_U, MASM_I32, MASM_F32, 0, 1) \
    X(I32_TRUNC_SAT_F64_S, MASM_I32, MASM_F64, 1, 1) X(I32_TRUNC_SAT_F64_U, MASM_I32, MASM_F64, 0, 1) \
    X(I64_TRUNC_SAT_F32_S, MASM_I64, MASM_F32, 1, 1) X(I64_TRUNC_SAT_F32_U, MASM_I64, MASM_F32, 0, 1) \
    X(I64_TRUNC_SAT_F64_S, MASM_I64, MASM_F64, 1, 1) X(I64_TRUNC_SAT_F64_U, MASM_I64, MASM_F64, 0, 1) \
    X(F32_CONVERT_I32_S, MASM_F32, MASM_I32, 1, 0) X(F32_CONVERT_I32_U, MASM_F32, MASM_I32, 0, 0) \
    X(F32_CONVERT_I64_S, MASM_F32, MASM_I64, 1, 0) X(F32_CONVERT_I64_U, MASM_F32, MASM_I64, 0, 0) \
    X(F64_CONVERT_I32_S, MASM_F64, MASM_I32, 1, 0) X(F64_CONVERT_I32_U, MASM_F64, MASM_I32, 0, 0) \
    X(F64_CONVERT_I64_S, MASM_F64, MASM_I64, 1, 0) X(F64_CONVERT_I64_U, MASM_F64, MASM_I64, 0, 0) \
    X(F32_DEMOTE_F64, MASM_F32, MASM_F64, 0, 0) X(F64_PROMOTE_F32, MASM_F64, MASM_F32, 0, 0)

typedef struct conversion_op {
    bool present, is_signed, saturating;
    masm_type to, from;
} conversion_op;

static const conversion_op conversion_ops[WASM_OP_COUNT] = {
#define CONVERSION(NAME, to, from, is_signed, saturating) [WASM_OP_##NAME] = {true, is_signed, saturating, to, from},
    CONVERSIONS(CONVERSION)
#undef CONVERSION
};

static const masm_access load_accesses[WASM_OP_COUNT] = {
    [WASM_OP_I32_LOAD] = MASM_ACCESS_I32, [WASM_OP_I64_LOAD] = MASM_ACCESS_I64,
    [WASM_OP_F32_LOAD] = MASM_ACCESS_F32, [WASM_OP_F64_LOAD] = MASM_ACCESS_F64,
    [WASM_OP_I32_LOAD8_S] = MASM_ACCESS_I32_8S, [WASM_OP_I32_LOAD8_U] = MASM_ACCESS_I32_8U,
    [WASM_OP_I32_LOAD16_S] = MASM_ACCESS_I32_16S, [WASM_OP_I32_LOAD16_U] = MASM_ACCESS_I32_16U,
    [WASM_OP_I64_LOAD8_S] = MASM_ACCESS_I64_8S, [WASM_OP_I64_LOAD8_U] = MASM_ACCESS_I64_8U,
    [WASM_OP_I64_LOAD16_S] = MASM_ACCESS_I64_16S, [WASM_OP_I64_LOAD16_U] = MASM_ACCESS_I64_16U,
    [WASM_OP_I64_LOAD32_S] = MASM_ACCESS_I64_32S, [WASM_OP_I64_LOAD32_U] = MASM_ACCESS_I64_32U,
    [WASM_OP_I32_STORE] = MASM_ACCESS_I32, [WASM_OP_I64_STORE] = MASM_ACCESS_I64,
    [WASM_OP_F32_STORE] = MASM_ACCESS_F32, [WASM_OP_F64_STORE] = MASM_ACCESS_F64,
    [WASM_OP_I32_STORE8] = MASM_ACCESS_I32_8U, [WASM_OP_I32_STORE16] = MASM_ACCESS_I32_16U,
    [WASM_OP_I64_STORE8] = MASM_ACCESS_I64_8U, [WASM_OP_I64_STORE16] = MASM_ACCESS_I64_16U,
    [WASM_OP_I64_STORE32] = MASM_ACCESS_I64_32U,
};

static masm_type access_type(masm_access access)
{
    static const masm_type types[] = {
#define ACCESS_TYPE(name, bytes, is_signed, type) type,
        MASM_MEMORY_ACCESSES(ACCESS_TYPE)
#undef ACCESS_TYPE
    };
    return types[access];
}

static void visit_binary(compiler *c, const binary_op *op)
{
    valstack *stack = &c->stack;
    value *rhs = valstack_top(stack, 0);
    bool float_file = masm_type_is_float(op->type);
    bool left_owned, right_owned;
    if (rhs->kind == VALUE_CONST && op->emit_imm) {
        int64_t imm = (int64_t)rhs->bits;
        valstack_pop(stack);
        masm_reg lhs = valstack_pop_read(stack, &left_owned);
        masm_reg dst = left_owned ? lhs : valstack_alloc(stack, float_file);
        op->emit_imm(&c->m, dst, lhs, imm);
        valstack_push_reg(stack, op->type, dst);
        return;
    }
    /* Operands read from cached locals' registers in place; the result
     * goes to an operand register the instruction owns, or a new one. */
    masm_reg right = valstack_pop_read(stack, &right_owned);
    masm_reg left = valstack_pop_read(stack, &left_owned);
    masm_reg dst = left_owned ? left : right_owned ? right : valstack_alloc(stack, float_file);
    op->emit(&c->m, dst, left, right);
    if (right_owned && right != dst)
        valstack_release(stack, op->type, right);
    valstack_push_reg(stack, op->type, dst);
}

static void visit_unary(compiler *c, const unary_op *op)
{
    valstack *stack = &c->stack;
    bool owned;
    masm_reg src = valstack_pop_read(stack, &owned);
    if (owned && masm_type_is_float(op->from) == masm_type_is_float(op->to)) {
        op->emit(&c->m, src, src);
        valstack_push_reg(stack, op->to, src);
    } else {
        masm_reg dst = valstack_alloc(stack, masm_type_is_float(op->to));
        op->emit(&c->m, dst, src);
        if (owned)
            valstack_release(stack, op->from, src);
        valstack_push_reg(stack, op->to, dst);
    }
}

/* Records a comparison as pending (see compiler.pending). */
static void set_pending(compiler *c, masm_type type, masm_cond cond, masm_reg lhs, bool lhs_owned, masm_reg rhs,
                        bool rhs_owned, bool rhs_is_imm, int64_t imm)
{
    c->pending.active = true;
    c->pending.type = type;
    c->pending.cond = cond;
    c->pending.lhs = lhs;
    c->pending.rhs = rhs;
    c->pending.lhs_owned = lhs_owned;
    c->pending.rhs_owned = rhs_owned;
    c->pending.rhs_is_imm = rhs_is_imm;
    c->pending.imm = imm;
    c->pending.is_float = false;
    if (lhs_owned)
        valstack_push_reg(&c->stack, MASM_I32, lhs);
    else
        valstack_push_const(&c->stack, MASM_I32, 0); /* placeholder */
}

static void visit_compare(compiler *c, const compare_op *op)
{
    valstack *stack = &c->stack;
    value *rhs = valstack_top(stack, 0);
    if (!op->is_float && rhs->kind == VALUE_CONST) {
        int64_t imm = (int64_t)rhs->bits;
        valstack_pop(stack);
        bool owned;
        masm_reg lhs = valstack_pop_read(stack, &owned);
        set_pending(c, op->type, (masm_cond)op->cond, lhs, owned, 0, false, true, imm);
        return;
    }
    bool left_owned, right_owned;
    masm_reg right = valstack_pop_read(stack, &right_owned);
    masm_reg left = valstack_pop_read(stack, &left_owned);
    if (op->is_float) { /* pending too: the lhs cannot hold the i32 result */
        set_pending(c, op->type, MASM_EQ, left, false, right, right_owned, false, 0);
        c->pending.lhs_owned = left_owned; /* set_pending pushed the placeholder */
        c->pending.is_float = true;
        c->pending.fcond = (masm_fcond)op->cond;
    } else {
        set_pending(c, op->type, (masm_cond)op->cond, left, left_owned, right, right_owned, false, 0);
    }
}

static void visit_conversion(compiler *c, const conversion_op *op)
{
    valstack *stack = &c->stack;
    masm_reg src = valstack_pop_reg(stack);
    masm_reg dst = masm_type_is_float(op->to) == masm_type_is_float(op->from)
                       ? src
                       : valstack_alloc(stack, masm_type_is_float(op->to));
    masm_convert(&c->m, op->to, op->from, op->is_signed, op->saturating, dst, src);
    if (dst != src || masm_type_is_float(op->to) != masm_type_is_float(op->from))
        valstack_release(stack, op->from, src);
    valstack_push_reg(stack, op->to, dst);
}

static void visit_reinterpret(compiler *c, masm_type to, masm_type from)
{
    valstack *stack = &c->stack;
    masm_reg src = valstack_pop_reg(stack);
    masm_reg dst = valstack_alloc(stack, masm_type_is_float(to));
    masm_reinterpret(&c->m, to, from, dst, src);
    valstack_release(stack, from, src);
    valstack_push_reg(stack, to, dst);
}

static void visit_load(compiler *c, const validate_instr *in, masm_access access)
{
    valstack *stack = &c->stack;
    bool owned;
    masm_reg index = valstack_pop_read(stack, &owned);
    masm_type type = access_type(access);
    masm_reg dst = owned && !masm_type_is_float(type) ? index : valstack_alloc(stack, masm_type_is_float(type));
    masm_load(&c->m, access, dst, index, in->memarg_offset);
    if (owned && dst != index)
        valstack_release(stack, MASM_I32, index);
    valstack_push_reg(stack, type, dst);
}

static void visit_store(compiler *c, const validate_instr *in, masm_access access)
{
    valstack *stack = &c->stack;
    masm_type type = access_type(access);
    bool src_owned, index_owned;
    masm_reg src = valstack_pop_read(stack, &src_owned);
    masm_reg index = valstack_pop_read(stack, &index_owned);
    masm_store(&c->m, access, index, in->memarg_offset, src);
    if (src_owned)
        valstack_release(stack, type, src);
    if (index_owned)
        valstack_release(stack, MASM_I32, index);
}

/* ---- the consumer -------------------------------------------------------- */

static wasm_status visit(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    valstack *stack = &c->stack;
    c->instr = in;
    switch (in->op) {
    case WASM_OP_BLOCK:
    case WASM_OP_LOOP: return visit_block(c, in, diag);
    case WASM_OP_IF: return visit_if(c, in, diag);
    case WASM_OP_ELSE: return visit_else(c, in, diag);
    case WASM_OP_END: return visit_end(c, in, diag);
    default: break;
    }
    if (!in->reachable)
        return WASM_OK;
    switch (in->op) {
    case WASM_OP_UNREACHABLE: masm_trap(&c->m, WRT_TRAP_UNREACHABLE); return WASM_OK;
    case WASM_OP_NOP: return WASM_OK;
    case WASM_OP_BR: emit_branch(c, in->depth); return WASM_OK;
    case WASM_OP_BR_IF: return visit_br_if(c, in, diag);
    case WASM_OP_BR_TABLE: return visit_br_table(c, in, diag);
    case WASM_OP_RETURN: emit_return(c); return WASM_OK;
    case WASM_OP_CALL: return compile_call(c, in, diag);
    case WASM_OP_CALL_INDIRECT: return compile_call_indirect(c, in, diag);
    case WASM_OP_DROP: valstack_pop(stack); return WASM_OK;
    case WASM_OP_SELECT:
    case WASM_OP_SELECT_T: return visit_select(c, in, diag);
    case WASM_OP_LOCAL_GET: valstack_push_local(stack, in->index); return WASM_OK;
    case WASM_OP_LOCAL_SET: write_local(c, in->index, false); return WASM_OK;
    case WASM_OP_LOCAL_TEE: write_local(c, in->index, true); return WASM_OK;
    case WASM_OP_GLOBAL_GET: {
        masm_type type = masm_type_of(in->type);
        masm_reg dst = valstack_alloc(stack, masm_type_is_float(type));
        masm_global_get(&c->m, type, dst, in->index);
        valstack_push_reg(stack, type, dst);
        return WASM_OK;
    }
    case WASM_OP_GLOBAL_SET: {
        masm_type type = masm_type_of(in->type);
        masm_reg src = valstack_pop_reg(stack);
        masm_global_set(&c->m, type, in->index, src);
        valstack_release(stack, type, src);
        return WASM_OK;
    }
    case WASM_OP_I32_CONST: valstack_push_const(stack, MASM_I32, (uint32_t)in->constant.i32); return WASM_OK;
    case WASM_OP_I64_CONST: valstack_push_const(stack, MASM_I64, (uint64_t)in->constant.i64); return WASM_OK;
    case WASM_OP_F32_CONST: valstack_push_const(stack, MASM_F32, in->constant.f32_bits); return WASM_OK;
    case WASM_OP_F64_CONST: valstack_push_const(stack, MASM_F64, in->constant.f64_bits); return WASM_OK;
    case WASM_OP_MEMORY_SIZE: {
        masm_reg dst = valstack_alloc(stack, false);
        masm_memory_size(&c->m, dst);
        valstack_push_reg(stack, MASM_I32, dst);
        return WASM_OK;
    }
    case WASM_OP_I32_REINTERPRET_F32: visit_reinterpret(c, MASM_I32, MASM_F32); return WASM_OK;
    case WASM_OP_I64_REINTERPRET_F64: visit_reinterpret(c, MASM_I64, MASM_F64); return WASM_OK;
    case WASM_OP_F32_REINTERPRET_I32: visit_reinterpret(c, MASM_F32, MASM_I32); return WASM_OK;
    case WASM_OP_F64_REINTERPRET_I64: visit_reinterpret(c, MASM_F64, MASM_I64); return WASM_OK;
    default: break;
    }
    if (compile_runtime_op(c, in))
        return WASM_OK;
    if (binary_ops[in->op].emit) {
        visit_binary(c, &binary_ops[in->op]);
        return WASM_OK;
    }
    if (in->op == WASM_OP_I32_EQZ || in->op == WASM_OP_I64_EQZ) {
        bool owned;
        masm_reg src = valstack_pop_read(stack, &owned);
        set_pending(c, in->op == WASM_OP_I32_EQZ ? MASM_I32 : MASM_I64, MASM_EQ, src, owned, 0, false, true, 0);
        return WASM_OK;
    }
    if (unary_ops[in->op].emit) {
        visit_unary(c, &unary_ops[in->op]);
        return WASM_OK;
    }
    if (compare_ops[in->op].present) {
        visit_compare(c, &compare_ops[in->op]);
        return WASM_OK;
    }
    if (conversion_ops[in->op].present) {
        visit_conversion(c, &conversion_ops[in->op]);
        return WASM_OK;
    }
    if (in->op >= WASM_OP_I32_LOAD && in->op <= WASM_OP_I64_LOAD32_U) {
        visit_load(c, in, load_accesses[in->op]);
        return WASM_OK;
    }
    if (in->op >= WASM_OP_I32_STORE && in->op <= WASM_OP_I64_STORE32) {
        visit_store(c, in, load_accesses[in->op]);
        return WASM_OK;
    }
    return unsupported(c, diag, wasm_opcode_name(in->op));
}

/* Zeroes the homes of the locals still pending, in runs of consecutive
 * frame slots. */
static void zero_pending_flush(compiler *c)
{
    uint32_t params = c->type->param_count, count = c->frame_locals;
    for (uint32_t i = 0; i < count;) {
        if (!c->zero_pending[params + i]) {
            i++;
            continue;
        }
        uint32_t end = i;
        while (end < count && c->zero_pending[params + end])
            c->zero_pending[params + end++] = false;
        masm_zero_frame_slots(&c->m, i, end - i);
        i = end;
    }
    c->zero_pending_count = 0;
}

/* Whether `in` may run before the pending locals are zeroed: anything but
 * a read of a pending local and control flow other than block and end.
 * Homes are only read by local.get (or copies of its value), and the
 * first branch, if or loop zeroes every pending home, so while homes are
 * pending every label is reached by its fallthrough only. A write makes its local's home current: that local
 * is no longer pending. */
static bool zero_pending_keep(compiler *c, const validate_instr *in)
{
    if (!in->reachable)
        return false;
    switch (in->op) {
    case WASM_OP_LOOP:
    case WASM_OP_IF:
    case WASM_OP_ELSE:
    case WASM_OP_BR:
    case WASM_OP_BR_IF:
    case WASM_OP_BR_TABLE:
    case WASM_OP_RETURN: return false;
    case WASM_OP_LOCAL_GET: return !c->zero_pending[in->index];
    case WASM_OP_LOCAL_SET:
    case WASM_OP_LOCAL_TEE:
        if (c->zero_pending[in->index]) {
            c->zero_pending[in->index] = false;
            c->zero_pending_count--;
        }
        return true;
    default: return true;
    }
}

static wasm_status on_instruction(void *context, const validate_instr *in, wasm_diag *diag)
{
    compiler *c = context;
    valstack_unpin(&c->stack);
    if (c->zero_pending_count && !zero_pending_keep(c, in))
        zero_pending_flush(c);
    if (in->reachable && !record_position(c, in->offset))
        return WASM_OUT_OF_MEMORY;
    if (!(in->reachable && (in->op == WASM_OP_BR_IF || in->op == WASM_OP_IF)))
        materialize_pending(c);
    wasm_status status = visit(c, in, diag);
    if (status != WASM_OK)
        return status;
    if (c->m.unsupported)
        return unsupported(c, diag, c->m.unsupported);
    if (c->m.code.failed)
        return WASM_OUT_OF_MEMORY;
    return WASM_OK;
}

static wasm_status on_begin_function(void *context, const validate_function *function, wasm_diag *diag)
{
    compiler *c = context;
    c->type = function->type;
    c->func_index = function->func_index;
    c->instr = NULL;
    c->max_outgoing = 0;
    c->control_count = 0;
    if (function->local_count > c->local_capacity) {
        local_home *locals = realloc(c->locals, function->local_count * sizeof *locals);
        if (!locals)
            return WASM_OUT_OF_MEMORY;
        c->locals = locals;
        bool *zero_pending = realloc(c->zero_pending, function->local_count * sizeof *zero_pending);
        if (!zero_pending)
            return WASM_OUT_OF_MEMORY;
        c->zero_pending = zero_pending;
        c->local_capacity = function->local_count;
    }
    uint32_t params = function->type->param_count;
    for (uint32_t i = 0; i < function->local_count; i++) {
        c->locals[i].type = masm_type_of(function->local_types[i]);
        c->locals[i].kind = i < params ? MASM_SLOT_PARAM : MASM_SLOT_FRAME;
        c->locals[i].slot = i < params ? i : i - params;
    }
    c->frame_locals = function->local_count - params;
    c->entry_offsets[function->func_index] = c->m.code.size;
    if (!record_position(c, function->code_offset)) /* the prologue's stack check */
        return WASM_OUT_OF_MEMORY;
    masm_prologue(&c->m);
    for (uint32_t i = 0; i < function->local_count; i++)
        c->zero_pending[i] = i >= params;
    c->zero_pending_count = function->local_count - params;
    valstack_reset(&c->stack, c->locals, function->local_count, c->frame_locals);
    /* Arguments that arrived in registers: stored to their homes, and the
     * registers become their caches. */
    for (uint32_t i = 0; i < params; i++) {
        masm_reg reg;
        if (masm_arg_reg(c->locals[i].type, i, &reg)) {
            masm_store_slot(&c->m, c->locals[i].type, MASM_SLOT_PARAM, i, reg);
            valstack_cache_param(&c->stack, i, reg);
        }
    }
    validate_block_type block = {function->type->param_count, function->type->result_count,
                                 function->type->params, function->type->results, UINT32_MAX};
    wasm_status status = push_control(c, VALIDATE_FRAME_FUNCTION, &block, true);
    c->controls[0].param_count = 0; /* parameters are locals, not stack values */
    c->controls[0].base = 0;
    return status;
}

static wasm_status on_end_function(void *context, const validate_function *function, wasm_diag *diag)
{
    compiler *c = context;
    masm_set_frame(&c->m, c->frame_locals + c->stack.max_height, c->max_outgoing);
    if (c->m.unsupported)
        return unsupported(c, diag, c->m.unsupported);
    return c->m.code.failed ? WASM_OUT_OF_MEMORY : WASM_OK;
}

wasm_status jit_compile_module(const wasm_module *module, const jit_options *options, jit_code **out,
                               wasm_diag *diag)
{
    *out = NULL;
    compiler c;
    memset(&c, 0, sizeof c);
    c.module = module;
    masm_init(&c.m);
    if (options)
        c.m.features &= ~options->disable_features;
    valstack_init(&c.stack, &c.m);
    jit_code *code = calloc(1, sizeof *code);
    c.entry_offsets = calloc(module->func_count ? module->func_count : 1, sizeof *c.entry_offsets);
    wasm_status status = WASM_OUT_OF_MEMORY;
    if (!code || !c.entry_offsets)
        goto fail;
    for (uint32_t i = 0; i < module->func_count; i++)
        c.entry_offsets[i] = SIZE_MAX;
    /* Typical x86-64 code is 2-3 bytes per wasm byte, and there is a source
     * position every 4-5 wasm bytes: reserving both up front avoids most of
     * their regrowth (copies and page faults). */
    size_t code_bytes = 0;
    for (uint32_t i = 0; i < module->func_count; i++)
        if (!module->funcs[i].imported)
            code_bytes += module->funcs[i].body_end - module->funcs[i].code_offset;
    codebuf_reserve(&c.m.code, code_bytes * 3 + 4096);
    c.position_capacity = code_bytes / 4 + module->func_count + 256;
    c.positions = malloc(c.position_capacity * sizeof *c.positions);
    if (!c.positions)
        goto fail;
    validate_consumer consumer = {&c, on_begin_function, on_instruction, on_end_function};
    status = validate_module(module, &consumer, diag);
    if (status != WASM_OK)
        goto fail;
    masm_patch_calls(&c.m, c.entry_offsets);
    status = WASM_OUT_OF_MEMORY;
    if (c.m.code.failed)
        goto fail;
    if (c.m.code.size > 0 && codemem_adopt(&c.m.code, &code->code) != CODEMEM_OK)
        goto fail;
    trap_set_code_owner(code->code.base, code);
    code->func_count = module->func_count;
    code->entry_offsets = c.entry_offsets;
    c.entry_offsets = NULL;
    code->positions = c.positions;
    code->position_count = c.position_count;
    c.positions = NULL;
    *out = code;
    status = WASM_OK;
fail:
    if (status == WASM_OUT_OF_MEMORY && diag->status == WASM_OK)
        wasm_diag_set(diag, WASM_OUT_OF_MEMORY, WASM_NO_FUNC, 0, "out of memory compiling the module");
    if (status != WASM_OK)
        free(code);
    free(c.entry_offsets);
    free(c.positions);
    free(c.controls);
    free(c.locals);
    free(c.zero_pending);
    valstack_free(&c.stack);
    masm_free(&c.m);
    return status;
}

void jit_code_free(jit_code *code)
{
    if (!code)
        return;
    codemem_free(&code->code);
    free(code->entry_offsets);
    free(code->positions);
    free(code);
}

bool jit_lookup_pc(const jit_code *code, uintptr_t pc, uint32_t *func_index, uint32_t *wasm_offset)
{
    uintptr_t base = (uintptr_t)code->code.base;
    if (pc < base || pc >= base + code->code.size)
        return false;
    size_t offset = pc - base;
    /* Functions are laid out in index order: the last entry <= offset. */
    uint32_t found = UINT32_MAX;
    for (uint32_t i = 0; i < code->func_count; i++)
        if (code->entry_offsets[i] != SIZE_MAX && code->entry_offsets[i] <= offset)
            found = i;
    size_t low = 0, high = code->position_count;
    while (high - low > 1) {
        size_t middle = low + (high - low) / 2;
        if (code->positions[middle].code_offset <= offset)
            low = middle;
        else
            high = middle;
    }
    *func_index = found;
    *wasm_offset = code->position_count ? code->positions[low].wasm_offset : 0;
    return found != UINT32_MAX;
}

const void *jit_entry(const jit_code *code, uint32_t func_index)
{
    if (func_index >= code->func_count || code->entry_offsets[func_index] == SIZE_MAX)
        return NULL;
    return code->code.base + code->entry_offsets[func_index];
}
