/* valstack.h: the compiler's model of the wasm operand stack (constants, registers, locals, spill slots). */
#ifndef WRT_JIT_VALSTACK_H
#define WRT_JIT_VALSTACK_H

#include <stdbool.h>
#include <stdint.h>

#include "masm.h"
#include "regalloc.h"

/* Where a stack value lives until someone needs it in a register
 * (Lua's expdesc, Liftoff's VarState). A value at height h that is spilled
 * goes to its canonical frame slot (spill_base + h). */
typedef enum value_kind {
    VALUE_CONST, /* bits known at compile time */
    VALUE_REG,   /* in register `reg`, owned by this entry */
    VALUE_LOCAL, /* equal to local `local` (not copied yet) */
    VALUE_SLOT   /* in its canonical frame slot */
} value_kind;

typedef struct value {
    value_kind kind;
    masm_type type;
    masm_reg reg;
    uint32_t local;
    uint64_t bits;
} value;

/* Where a local lives: a parameter's incoming slot or a frame slot. */
typedef struct local_home {
    masm_slot_kind kind;
    uint32_t slot;
    masm_type type;
} local_home;

/* Locals live in memory (their home slot is always up to date: writes go
 * through), and a local may in addition be cached in a register within
 * straight-line code: local.get then reads the register. Caches are
 * dropped (compile-time only, no code) before every label and call, so
 * every join starts with no cached local. */
#define VALSTACK_NO_CACHE 0xFF

typedef struct valstack {
    value *items;
    uint32_t height, capacity, max_height;
    regalloc regs;
    masm *m;
    const local_home *locals;
    uint8_t *cache;        /* per local: its register, or VALSTACK_NO_CACHE */
    uint32_t local_count, cache_capacity;
    uint32_t spill_base;   /* frame slot of height 0 */
    bool out_of_memory;
} valstack;

void valstack_init(valstack *stack, masm *m);
void valstack_free(valstack *stack);
/* Starts a function: empty stack, all registers free. */
void valstack_reset(valstack *stack, const local_home *locals, uint32_t local_count, uint32_t spill_base);
/* Forgets every cached local (before labels and calls). */
void valstack_drop_caches(valstack *stack);
/* After `local` was written with the value in `reg` (already stored to its
 * home): take_ownership makes `reg` the cache (the caller gives it up);
 * otherwise the value is copied into the cache if a register is free. */
void valstack_cache_local(valstack *stack, uint32_t local, masm_reg reg, bool take_ownership);
/* After `local` was written with a value not in a register. */
void valstack_uncache_local(valstack *stack, uint32_t local);

void valstack_push_const(valstack *stack, masm_type type, uint64_t bits);
void valstack_push_reg(valstack *stack, masm_type type, masm_reg reg);
void valstack_push_local(valstack *stack, uint32_t local);
void valstack_push_slot(valstack *stack, masm_type type); /* already in its canonical slot */

static inline value *valstack_top(valstack *stack, uint32_t depth)
{
    return &stack->items[stack->height - 1 - depth];
}

/* A free register of the file, spilling the deepest register value if
 * none is free. The caller owns it (push it or release it). */
masm_reg valstack_alloc(valstack *stack, bool float_file);
void valstack_release(valstack *stack, masm_type type, masm_reg reg);
/* Pops the top value into a register the caller now owns. */
masm_reg valstack_pop_reg(valstack *stack);
/* Pops the top value without materialising it (its register, if any, is
 * released; constants stay usable through the returned copy). */
value valstack_pop(valstack *stack);
/* Drops values down to `height`, releasing their registers. */
void valstack_truncate(valstack *stack, uint32_t height);
/* Writes `v` (popped, or a copy of an entry) into a slot. */
void valstack_store_value(valstack *stack, const value *v, masm_slot_kind kind, uint32_t slot);
/* Spills every entry at or above `from` to its canonical slot. */
void valstack_spill(valstack *stack, uint32_t from);
/* Before local `local` is written: entries that still read it are copied
 * to their canonical slots. */
void valstack_detach_local(valstack *stack, uint32_t local);
/* Spills entries that read any local (before a return clobbers params). */
void valstack_detach_all_locals(valstack *stack);

#endif
