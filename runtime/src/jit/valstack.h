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
 * through), and a local may in addition be cached in a register: local.get
 * then reads the register. Caches are dropped (compile-time only, no code)
 * before calls. At control-flow joins the caches are a state of their own
 * (valstack_cache_state): a forward label keeps only the caches every edge
 * into it agrees on (no code: the subset of what holds on every path), a
 * loop header keeps the caches it was entered with and every back edge
 * re-establishes them (valstack_conform_caches). Since homes are current,
 * forgetting a cache is always safe. */
#define VALSTACK_NO_CACHE 0xFF
#define VALSTACK_NO_LOCAL UINT32_MAX
#define VALSTACK_MAX_REGS 32 /* per register file (masm_allocatable bits) */

/* Which local each register caches, per file: register r caches
 * owner[file][r] when bit r of mask[file] is set, nothing otherwise (then
 * owner[file][r] is meaningless, except in the valstack's own `caches`,
 * where it is VALSTACK_NO_LOCAL). The loops visit only the mask's bits,
 * and copies move only those entries: states are copied at every join. */
typedef struct valstack_cache_state {
    uint32_t mask[2];
    uint32_t owner[2][VALSTACK_MAX_REGS];
} valstack_cache_state;

/* The local register `reg` caches in `state`, or VALSTACK_NO_LOCAL. */
static inline uint32_t valstack_cache_owner(const valstack_cache_state *state, int file, int reg)
{
    return state->mask[file] >> reg & 1 ? state->owner[file][reg] : VALSTACK_NO_LOCAL;
}

/* *dst = *src, touching only the cached registers' entries. */
static inline void valstack_cache_state_copy(valstack_cache_state *dst, const valstack_cache_state *src)
{
    for (int file = 0; file < 2; file++) {
        dst->mask[file] = src->mask[file];
        for (uint32_t bits = src->mask[file]; bits; bits &= bits - 1)
            dst->owner[file][__builtin_ctz(bits)] = src->owner[file][__builtin_ctz(bits)];
    }
}

typedef struct valstack {
    value *items;
    uint32_t height, capacity, max_height;
    /* Watermarks, so that no operation rescans the whole stack each time
     * (compile time stays linear in the stack's height): entries
     * [0, all_slots) are VALUE_SLOT, [0, no_regs) hold no VALUE_REG and
     * [0, no_locals) no VALUE_LOCAL. Pushes and pops lower them to the
     * height; scans and spills raise them. */
    uint32_t all_slots, no_regs, no_locals;
    regalloc regs;
    masm *m;
    const local_home *locals;
    uint8_t *cache;        /* per local: its register, or VALSTACK_NO_CACHE */
    uint32_t local_count, cache_capacity;
    uint32_t spill_base;   /* frame slot of height 0 */
    valstack_cache_state caches; /* the inverse of `cache` */
    /* Per register: when its cache was last used (eviction takes the
     * oldest) and last read (a loop header's cache nobody read inside the
     * loop can be given up: valstack_cache_read_since). */
    uint32_t use_stamp[2][VALSTACK_MAX_REGS], read_stamp[2][VALSTACK_MAX_REGS];
    uint32_t clock;
    uint32_t pinned[2];    /* cache registers read by the current
                              instruction: not evicted until it ends */
    uint32_t protect[2];   /* the innermost loop header's cache registers:
                              evicted last (a back edge would reload them,
                              often a loop-carried value) */
    /* The innermost loop header's caches (mask = protect): a local loaded
     * into a cache takes its header register if free, and temporaries
     * avoid those registers, so back edges need fewer moves. */
    valstack_cache_state loop_header;
    bool out_of_memory;
} valstack;

void valstack_init(valstack *stack, masm *m);
void valstack_free(valstack *stack);
/* Starts a function: empty stack, all registers free. */
void valstack_reset(valstack *stack, const local_home *locals, uint32_t local_count, uint32_t spill_base);
/* Forgets every cached local (before calls). */
void valstack_drop_caches(valstack *stack);
/* Join states (see above). `empty` has no cache. */
void valstack_cache_state_empty(valstack_cache_state *state);
/* dst keeps only the pairs (register, local) that src has too. */
void valstack_cache_state_meet(valstack_cache_state *dst, const valstack_cache_state *src);
/* The current caches become `state`'s subset that can be adopted (its
 * registers must be free apart from caches: truncate the stack to a
 * frame's base first). No code. */
void valstack_adopt_caches(valstack *stack, const valstack_cache_state *state);
/* Whether the cache in register `reg` was read after `clock` (a value of
 * stack->clock taken earlier). */
bool valstack_cache_read_since(const valstack *stack, bool float_file, masm_reg reg, uint32_t clock);
/* Whether every cache of `state` holds now (a jump needs no moves). */
bool valstack_caches_conform(const valstack *stack, const valstack_cache_state *state);
/* Emits moves that make every cache of `state` hold (registers from the
 * current caches, else loads from the homes), for a jump that follows at
 * once: other registers are clobbered, the model is unchanged. */
void valstack_conform_caches(valstack *stack, const valstack_cache_state *state);
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
/* The register caching `local` (noted as read), or VALSTACK_NO_CACHE. */
masm_reg valstack_local_reg(valstack *stack, uint32_t local);
/* At function entry: parameter `local` arrived in `reg` (already stored to
 * its home), which becomes its cache. */
void valstack_cache_param(valstack *stack, uint32_t local, masm_reg reg);
/* Spills every entry below height `end` to its canonical slot. */
void valstack_spill_below(valstack *stack, uint32_t end);
/* Whether a register of the file is free, evicting the least recently used
 * cache if none is (never spills a stack value). */
bool valstack_make_free(valstack *stack, bool float_file);
/* Pops the top value into a register the caller now owns. */
masm_reg valstack_pop_reg(valstack *stack);
/* Pops the top value into a register for reading: a cached local's own
 * register (*owned false: the caller must neither write nor release it;
 * it stays pinned until valstack_unpin) or, as valstack_pop_reg, one the
 * caller owns. */
masm_reg valstack_pop_read(valstack *stack, bool *owned);
/* Ends the pins of valstack_pop_read (at every instruction's start). */
void valstack_unpin(valstack *stack);
/* Pops the top value without materialising it (its register, if any, is
 * released; constants stay usable through the returned copy). */
value valstack_pop(valstack *stack);
/* Drops values down to `height`, releasing their registers. */
void valstack_truncate(valstack *stack, uint32_t height);
/* Loads entry `index` into register `dst` without allocating: for a
 * fixed register no entry holds (the return register at a return). The
 * entry is unchanged. */
void valstack_load_into(valstack *stack, uint32_t index, masm_reg dst);
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
