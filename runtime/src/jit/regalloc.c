/* regalloc.c: bitsets of free registers per register file. */
#include "regalloc.h"

void regalloc_init(regalloc *regs)
{
    regs->all[0] = regs->free[0] = masm_allocatable(false);
    regs->all[1] = regs->free[1] = masm_allocatable(true);
}

bool regalloc_take(regalloc *regs, bool float_file, masm_reg *out)
{
    uint32_t available = regs->free[float_file];
    if (!available)
        return false;
    masm_reg reg = (masm_reg)__builtin_ctz(available);
    regs->free[float_file] &= ~(1u << reg);
    *out = reg;
    return true;
}

bool regalloc_take_among(regalloc *regs, bool float_file, uint32_t among, masm_reg *out)
{
    uint32_t available = regs->free[float_file] & among;
    if (!available)
        return false;
    masm_reg reg = (masm_reg)__builtin_ctz(available);
    regs->free[float_file] &= ~(1u << reg);
    *out = reg;
    return true;
}

bool regalloc_take_reg(regalloc *regs, bool float_file, masm_reg reg)
{
    if (!(regs->free[float_file] & (1u << reg)))
        return false;
    regs->free[float_file] &= ~(1u << reg);
    return true;
}

void regalloc_release(regalloc *regs, bool float_file, masm_reg reg)
{
    regs->free[float_file] |= 1u << reg;
}

bool regalloc_all_free(const regalloc *regs)
{
    return regs->free[0] == regs->all[0] && regs->free[1] == regs->all[1];
}
