/* valstack.c: the compiler's operand stack; values are materialised into registers only when an instruction needs them. */
#include "valstack.h"

#include <stdlib.h>
#include <string.h>

void valstack_init(valstack *stack, masm *m)
{
    memset(stack, 0, sizeof *stack);
    stack->m = m;
    regalloc_init(&stack->regs);
}

void valstack_free(valstack *stack)
{
    free(stack->items);
    stack->items = NULL;
}

void valstack_reset(valstack *stack, const local_home *locals, uint32_t spill_base)
{
    stack->height = 0;
    stack->max_height = 0;
    stack->locals = locals;
    stack->spill_base = spill_base;
    regalloc_init(&stack->regs);
}

static value *push(valstack *stack)
{
    if (stack->height == stack->capacity) {
        uint32_t capacity = stack->capacity ? stack->capacity * 2 : 64;
        value *items = realloc(stack->items, capacity * sizeof *items);
        if (!items) {
            stack->out_of_memory = true;
            stack->m->code.failed = true;
            static value sink;
            return &sink;
        }
        stack->items = items;
        stack->capacity = capacity;
    }
    value *v = &stack->items[stack->height++];
    if (stack->height > stack->max_height)
        stack->max_height = stack->height;
    memset(v, 0, sizeof *v);
    return v;
}

void valstack_push_const(valstack *stack, masm_type type, uint64_t bits)
{
    value *v = push(stack);
    v->kind = VALUE_CONST;
    v->type = type;
    v->bits = bits;
}

void valstack_push_reg(valstack *stack, masm_type type, masm_reg reg)
{
    value *v = push(stack);
    v->kind = VALUE_REG;
    v->type = type;
    v->reg = reg;
}

void valstack_push_local(valstack *stack, uint32_t local)
{
    value *v = push(stack);
    v->kind = VALUE_LOCAL;
    v->type = stack->locals[local].type;
    v->local = local;
}

void valstack_push_slot(valstack *stack, masm_type type)
{
    value *v = push(stack);
    v->kind = VALUE_SLOT;
    v->type = type;
}

void valstack_store_value(valstack *stack, const value *v, masm_slot_kind kind, uint32_t slot)
{
    masm *m = stack->m;
    switch (v->kind) {
    case VALUE_CONST: masm_store_slot_const(m, v->type, kind, slot, v->bits); break;
    case VALUE_REG: masm_store_slot(m, v->type, kind, slot, v->reg); break;
    case VALUE_LOCAL: {
        const local_home *home = &stack->locals[v->local];
        if (home->kind != kind || home->slot != slot)
            masm_copy_slot(m, v->type, kind, slot, home->kind, home->slot);
        break;
    }
    case VALUE_SLOT: break; /* handled by callers that know the height */
    }
}

/* Moves entry `index` to its canonical slot. */
static void spill_entry(valstack *stack, uint32_t index)
{
    value *v = &stack->items[index];
    uint32_t slot = stack->spill_base + index;
    if (v->kind == VALUE_SLOT)
        return;
    valstack_store_value(stack, v, MASM_SLOT_FRAME, slot);
    if (v->kind == VALUE_REG)
        regalloc_release(&stack->regs, masm_type_is_float(v->type), v->reg);
    v->kind = VALUE_SLOT;
}

masm_reg valstack_alloc(valstack *stack, bool float_file)
{
    masm_reg reg;
    if (regalloc_take(&stack->regs, float_file, &reg))
        return reg;
    /* Spill the deepest register of this file: the value used last. */
    for (uint32_t i = 0; i < stack->height; i++) {
        value *v = &stack->items[i];
        if (v->kind == VALUE_REG && masm_type_is_float(v->type) == float_file) {
            spill_entry(stack, i);
            break;
        }
    }
    if (!regalloc_take(&stack->regs, float_file, &reg)) {
        masm_unsupported(stack->m, "register allocation (no register to spill)");
        return 0;
    }
    return reg;
}

void valstack_release(valstack *stack, masm_type type, masm_reg reg)
{
    regalloc_release(&stack->regs, masm_type_is_float(type), reg);
}

masm_reg valstack_pop_reg(valstack *stack)
{
    value v = stack->items[stack->height - 1];
    if (v.kind == VALUE_REG) {
        stack->height--;
        return v.reg;
    }
    /* Allocate before popping so a spill cannot pick this entry's slot. */
    masm_reg reg = valstack_alloc(stack, masm_type_is_float(v.type));
    uint32_t index = stack->height - 1;
    switch (v.kind) {
    case VALUE_CONST: masm_load_const(stack->m, v.type, reg, v.bits); break;
    case VALUE_LOCAL:
        masm_load_slot(stack->m, v.type, reg, stack->locals[v.local].kind, stack->locals[v.local].slot);
        break;
    case VALUE_SLOT: masm_load_slot(stack->m, v.type, reg, MASM_SLOT_FRAME, stack->spill_base + index); break;
    case VALUE_REG: break;
    }
    stack->height--;
    return reg;
}

value valstack_pop(valstack *stack)
{
    value v = stack->items[--stack->height];
    if (v.kind == VALUE_REG)
        regalloc_release(&stack->regs, masm_type_is_float(v.type), v.reg);
    return v;
}

void valstack_truncate(valstack *stack, uint32_t height)
{
    while (stack->height > height)
        valstack_pop(stack);
}

void valstack_spill(valstack *stack, uint32_t from)
{
    for (uint32_t i = from; i < stack->height; i++)
        spill_entry(stack, i);
}

void valstack_detach_local(valstack *stack, uint32_t local)
{
    for (uint32_t i = 0; i < stack->height; i++)
        if (stack->items[i].kind == VALUE_LOCAL && stack->items[i].local == local)
            spill_entry(stack, i);
}

void valstack_detach_all_locals(valstack *stack)
{
    for (uint32_t i = 0; i < stack->height; i++)
        if (stack->items[i].kind == VALUE_LOCAL)
            spill_entry(stack, i);
}
