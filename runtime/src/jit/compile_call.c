/* compile_call.c: the baseline compiler's calls (direct, imports, call_indirect), argument passing, and the runtime-helper instructions (tables, references, bulk memory). */
#include "compile.h"

#include "vmctx.h"

/* ---- calls ------------------------------------------------------------- */

/* Stores the top `count` values in outgoing slots first.. and pops them;
 * then spills every remaining value (all registers are caller-saved). */
static void store_operands(compiler *c, uint32_t first_slot, uint32_t count, uint32_t slots_needed)
{
    valstack *stack = &c->stack;
    if (slots_needed > c->max_outgoing)
        c->max_outgoing = slots_needed;
    uint32_t first = stack->height - count;
    for (uint32_t i = 0; i < count; i++) {
        value *v = &stack->items[first + i];
        if (v->kind == VALUE_SLOT)
            masm_copy_slot(&c->m, v->type, MASM_SLOT_OUT, first_slot + i, MASM_SLOT_FRAME,
                           stack->spill_base + first + i);
        else
            valstack_store_value(stack, v, MASM_SLOT_OUT, first_slot + i);
    }
    valstack_truncate(stack, first);
    valstack_spill(stack, 0);
    valstack_drop_caches(stack); /* the callee clobbers every register */
}

static void push_call_results(compiler *c, const wasm_func_type *callee)
{
    valstack *stack = &c->stack;
    for (uint32_t i = 0; i < callee->result_count; i++) {
        masm_type type = masm_type_of(callee->results[i]);
        if (i == 0) {
            masm_reg reg = valstack_alloc(stack, masm_type_is_float(type));
            masm_move_from_return(&c->m, type, reg);
            valstack_push_reg(stack, type, reg);
        } else {
            masm_copy_slot(&c->m, type, MASM_SLOT_FRAME, stack->spill_base + stack->height, MASM_SLOT_OUT, i);
            valstack_push_slot(stack, type);
        }
    }
}

static uint32_t call_slots(const wasm_func_type *callee)
{
    return callee->param_count > callee->result_count ? callee->param_count : callee->result_count;
}

/* A call's arguments: those that travel in registers (masm_arg_reg) are
 * moved there, the others stored in their outgoing slots (all of them when
 * all_slots: the callee may be a host function); every other stack value is spilled and the caches dropped (the
 * callee clobbers every register). The register moves are a parallel move:
 * a register still needed as a source is not overwritten, and a cycle is
 * broken by sending one source through memory (a value's canonical slot,
 * a local's home). */
static void pass_arguments(compiler *c, const wasm_func_type *callee, bool all_slots)
{
    valstack *stack = &c->stack;
    uint32_t count = callee->param_count, slots = call_slots(callee);
    if (slots > c->max_outgoing)
        c->max_outgoing = slots;
    uint32_t first = stack->height - count;
    struct { uint32_t arg; masm_reg dst, src; bool pending; } moves[MASM_MAX_ARG_REGS];
    uint32_t move_count = 0;
    for (uint32_t i = 0; i < count; i++) {
        value *v = &stack->items[first + i];
        masm_reg dst;
        bool in_reg = masm_arg_reg(v->type, i, &dst);
        if (!in_reg || all_slots) {
            if (v->kind == VALUE_SLOT)
                masm_copy_slot(&c->m, v->type, MASM_SLOT_OUT, i, MASM_SLOT_FRAME, stack->spill_base + first + i);
            else
                valstack_store_value(stack, v, MASM_SLOT_OUT, i);
        }
        if (!in_reg)
            continue;
        masm_reg src = v->kind == VALUE_REG     ? v->reg
                       : v->kind == VALUE_LOCAL ? valstack_local_reg(stack, v->local)
                                                : VALSTACK_NO_CACHE;
        moves[move_count].arg = i;
        moves[move_count].dst = dst;
        moves[move_count].src = src;
        moves[move_count].pending = src != VALSTACK_NO_CACHE;
        move_count++;
    }
    valstack_spill_below(stack, first);
    for (;;) {
        int ready = -1, any = -1;
        for (uint32_t i = 0; i < move_count && ready < 0; i++) {
            if (!moves[i].pending)
                continue;
            any = (int)i;
            bool file = masm_type_is_float(stack->items[first + moves[i].arg].type), blocked = false;
            for (uint32_t j = 0; j < move_count && !blocked; j++)
                blocked = j != i && moves[j].pending && moves[j].src == moves[i].dst &&
                          masm_type_is_float(stack->items[first + moves[j].arg].type) == file;
            if (!blocked)
                ready = (int)i;
        }
        if (any < 0)
            break;
        if (ready < 0) { /* a cycle: this source goes through memory */
            value *v = &stack->items[first + moves[any].arg];
            if (v->kind == VALUE_REG)
                masm_store_slot(&c->m, v->type, MASM_SLOT_FRAME, stack->spill_base + first + moves[any].arg, v->reg);
            moves[any].src = VALSTACK_NO_CACHE;
            moves[any].pending = false;
            continue;
        }
        masm_move(&c->m, stack->items[first + moves[ready].arg].type, moves[ready].dst, moves[ready].src);
        moves[ready].pending = false;
    }
    for (uint32_t i = 0; i < move_count; i++) {
        if (moves[i].src != VALSTACK_NO_CACHE)
            continue;
        value *v = &stack->items[first + moves[i].arg];
        const local_home *home = v->kind == VALUE_LOCAL ? &c->locals[v->local] : NULL;
        if (v->kind == VALUE_CONST)
            masm_load_const(&c->m, v->type, moves[i].dst, v->bits);
        else if (home)
            masm_load_slot(&c->m, v->type, moves[i].dst, home->kind, home->slot);
        else
            masm_load_slot(&c->m, v->type, moves[i].dst, MASM_SLOT_FRAME, stack->spill_base + first + moves[i].arg);
    }
    valstack_truncate(stack, first);
    valstack_drop_caches(stack);
}

wasm_status compile_call(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    const wasm_func_type *callee = module_func_type(c->module, in->index);
    if (in->index < c->module->imported_func_count) {
        pass_arguments(c, callee, true);
        masm_call_import(&c->m, in->index);
    } else {
        pass_arguments(c, callee, false);
        masm_call_direct(&c->m, in->index);
    }
    push_call_results(c, callee);
    return WASM_OK;
}

wasm_status compile_call_indirect(compiler *c, const validate_instr *in, wasm_diag *diag)
{
    const wasm_func_type *callee = &c->module->types[in->index];
    masm_reg index = valstack_pop_reg(&c->stack);
    /* The index must survive the argument moves. */
    uint32_t arg_mask = 0;
    for (uint32_t i = 0; i < callee->param_count; i++) {
        masm_reg reg;
        if (!masm_type_is_float(masm_type_of(callee->params[i])) &&
            masm_arg_reg(masm_type_of(callee->params[i]), i, &reg))
            arg_mask |= 1u << reg;
    }
    if (arg_mask & (1u << index)) {
        uint32_t taken = 0;
        masm_reg other = index;
        while (arg_mask & (1u << other)) {
            taken |= 1u << other;
            other = valstack_alloc(&c->stack, false);
        }
        masm_move(&c->m, MASM_I32, other, index);
        for (masm_reg reg = 0; reg < 32; reg++)
            if (taken & (1u << reg))
                valstack_release(&c->stack, MASM_I32, reg);
        index = other;
    }
    pass_arguments(c, callee, true);
    masm_call_indirect(&c->m, index, in->index2, in->index);
    valstack_release(&c->stack, MASM_I32, index);
    push_call_results(c, callee);
    return WASM_OK;
}

/* A runtime helper (vmctx.h): immediates first, then `stack_count` stack
 * operands; pushes the integer result if the type is not NONE. */
static void visit_helper(compiler *c, vmctx_helper helper, uint32_t imm_count, uint32_t imm0, uint32_t imm1,
                         uint32_t stack_count, wasm_value_type result)
{
    store_operands(c, imm_count, stack_count, imm_count + stack_count);
    if (imm_count > 0)
        masm_store_slot_const(&c->m, MASM_I64, MASM_SLOT_OUT, 0, imm0);
    if (imm_count > 1)
        masm_store_slot_const(&c->m, MASM_I64, MASM_SLOT_OUT, 1, imm1);
    masm_call_helper(&c->m, helper, imm_count + stack_count);
    if (result != WASM_TYPE_NONE) {
        masm_type type = masm_type_of(result);
        masm_reg reg = valstack_alloc(&c->stack, false);
        masm_move_from_return(&c->m, type, reg);
        valstack_push_reg(&c->stack, type, reg);
    }
}

/* Table, reference and bulk-memory instructions; false if `in` is none. */
bool compile_runtime_op(compiler *c, const validate_instr *in)
{
    valstack *stack = &c->stack;
    const wasm_value_type ref = WASM_TYPE_FUNCREF; /* any reference: a pointer */
    switch (in->op) {
    case WASM_OP_REF_NULL: valstack_push_const(stack, MASM_I64, 0); return true;
    case WASM_OP_REF_IS_NULL: {
        masm_reg reg = valstack_pop_reg(stack);
        masm_i64_eqz(&c->m, reg, reg);
        valstack_push_reg(stack, MASM_I32, reg);
        return true;
    }
    case WASM_OP_REF_FUNC: {
        masm_reg reg = valstack_alloc(stack, false);
        masm_func_ref(&c->m, reg, in->index);
        valstack_push_reg(stack, MASM_I64, reg);
        return true;
    }
    case WASM_OP_TABLE_SIZE: {
        masm_reg reg = valstack_alloc(stack, false);
        masm_table_size(&c->m, reg, in->index);
        valstack_push_reg(stack, MASM_I32, reg);
        return true;
    }
    case WASM_OP_TABLE_GET: visit_helper(c, VMCTX_HELPER_TABLE_GET, 1, in->index, 0, 1, ref); return true;
    case WASM_OP_TABLE_SET: visit_helper(c, VMCTX_HELPER_TABLE_SET, 1, in->index, 0, 2, WASM_TYPE_NONE); return true;
    case WASM_OP_TABLE_GROW: visit_helper(c, VMCTX_HELPER_TABLE_GROW, 1, in->index, 0, 2, WASM_TYPE_I32); return true;
    case WASM_OP_TABLE_FILL: visit_helper(c, VMCTX_HELPER_TABLE_FILL, 1, in->index, 0, 3, WASM_TYPE_NONE); return true;
    case WASM_OP_TABLE_COPY:
        visit_helper(c, VMCTX_HELPER_TABLE_COPY, 2, in->index, in->index2, 3, WASM_TYPE_NONE);
        return true;
    case WASM_OP_TABLE_INIT:
        visit_helper(c, VMCTX_HELPER_TABLE_INIT, 2, in->index, in->index2, 3, WASM_TYPE_NONE);
        return true;
    case WASM_OP_ELEM_DROP: visit_helper(c, VMCTX_HELPER_ELEM_DROP, 1, in->index, 0, 0, WASM_TYPE_NONE); return true;
    case WASM_OP_MEMORY_GROW: visit_helper(c, VMCTX_HELPER_MEMORY_GROW, 0, 0, 0, 1, WASM_TYPE_I32); return true;
    case WASM_OP_MEMORY_FILL: visit_helper(c, VMCTX_HELPER_MEMORY_FILL, 0, 0, 0, 3, WASM_TYPE_NONE); return true;
    case WASM_OP_MEMORY_COPY: visit_helper(c, VMCTX_HELPER_MEMORY_COPY, 0, 0, 0, 3, WASM_TYPE_NONE); return true;
    case WASM_OP_MEMORY_INIT:
        visit_helper(c, VMCTX_HELPER_MEMORY_INIT, 1, in->index, 0, 3, WASM_TYPE_NONE);
        return true;
    case WASM_OP_DATA_DROP: visit_helper(c, VMCTX_HELPER_DATA_DROP, 1, in->index, 0, 0, WASM_TYPE_NONE); return true;
    default: return false;
    }
}
