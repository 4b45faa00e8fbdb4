/* regalloc.h: bitsets of free registers per register file (general, float). */
#ifndef WRT_JIT_REGALLOC_H
#define WRT_JIT_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "masm.h"

/* The allocator only tracks which allocatable registers are free; choosing
 * a value to spill when none is free is valstack.c's job (it knows where
 * values live). */
typedef struct regalloc {
    uint32_t free[2]; /* [0] general, [1] float; bit n = register n */
    uint32_t all[2];
} regalloc;

void regalloc_init(regalloc *regs);
/* Takes the lowest free register of the file; false if none is free. */
bool regalloc_take(regalloc *regs, bool float_file, masm_reg *out);
/* Takes the lowest free register of the file that is in `among`; false
 * if none is. */
bool regalloc_take_among(regalloc *regs, bool float_file, uint32_t among, masm_reg *out);
/* Takes register `reg` if it is free. */
bool regalloc_take_reg(regalloc *regs, bool float_file, masm_reg reg);
void regalloc_release(regalloc *regs, bool float_file, masm_reg reg);
bool regalloc_all_free(const regalloc *regs);

#endif
