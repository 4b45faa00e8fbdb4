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
    free(stack->cache);
    stack->items = NULL;
    stack->cache = NULL;
}

void valstack_reset(valstack *stack, const local_home *locals, uint32_t local_count, uint32_t spill_base)
{
    stack->height = 0;
    stack->all_slots = stack->no_regs = stack->no_locals = 0;
    stack->max_height = 0;
    stack->locals = locals;
    stack->spill_base = spill_base;
    stack->local_count = 0;
    regalloc_init(&stack->regs);
    memset(&stack->caches, 0xFF, sizeof stack->caches); /* VALSTACK_NO_LOCAL everywhere */
    valstack_cache_state_empty(&stack->caches);
    valstack_cache_state_empty(&stack->loop_header);
    memset(stack->use_stamp, 0, sizeof stack->use_stamp);
    memset(stack->read_stamp, 0, sizeof stack->read_stamp);
    stack->clock = 0;
    stack->protect[0] = stack->protect[1] = 0;
    valstack_unpin(stack);
    if (local_count > stack->cache_capacity) {
        uint8_t *cache = realloc(stack->cache, local_count);
        if (!cache) { /* run without caching */
            stack->out_of_memory = true;
            stack->m->code.failed = true;
            return;
        }
        stack->cache = cache;
        stack->cache_capacity = local_count;
    }
    stack->local_count = local_count;
    if (local_count)
        memset(stack->cache, VALSTACK_NO_CACHE, local_count);
}

static bool is_float_local(const valstack *stack, uint32_t local)
{
    return masm_type_is_float(stack->locals[local].type);
}

/* Records that `reg` (owned by the caches from now on) holds `local`. */
static void set_cache(valstack *stack, uint32_t local, masm_reg reg)
{
    bool float_file = is_float_local(stack, local);
    stack->cache[local] = reg;
    stack->caches.owner[float_file][reg] = local;
    stack->caches.mask[float_file] |= 1u << reg;
    stack->use_stamp[float_file][reg] = ++stack->clock;
}

/* The register caching `local` (which must be cached), noted as read. */
static masm_reg read_cache(valstack *stack, uint32_t local)
{
    bool float_file = is_float_local(stack, local);
    masm_reg reg = stack->cache[local];
    stack->use_stamp[float_file][reg] = stack->read_stamp[float_file][reg] = ++stack->clock;
    return reg;
}

masm_reg valstack_local_reg(valstack *stack, uint32_t local)
{
    if (local >= stack->local_count || stack->cache[local] == VALSTACK_NO_CACHE)
        return VALSTACK_NO_CACHE;
    return read_cache(stack, local);
}

void valstack_cache_param(valstack *stack, uint32_t local, masm_reg reg)
{
    if (local < stack->local_count && stack->cache[local] == VALSTACK_NO_CACHE &&
        regalloc_take_reg(&stack->regs, is_float_local(stack, local), reg))
        set_cache(stack, local, reg);
}

bool valstack_cache_read_since(const valstack *stack, bool float_file, masm_reg reg, uint32_t clock)
{
    return stack->read_stamp[float_file][reg] > clock;
}

void valstack_uncache_local(valstack *stack, uint32_t local)
{
    if (local < stack->local_count && stack->cache[local] != VALSTACK_NO_CACHE) {
        bool float_file = is_float_local(stack, local);
        masm_reg reg = stack->cache[local];
        regalloc_release(&stack->regs, float_file, reg);
        stack->caches.owner[float_file][reg] = VALSTACK_NO_LOCAL;
        stack->caches.mask[float_file] &= ~(1u << reg);
        stack->cache[local] = VALSTACK_NO_CACHE;
    }
}

void valstack_drop_caches(valstack *stack)
{
    for (int file = 0; file < 2; file++)
        for (uint32_t bits = stack->caches.mask[file]; bits; bits &= bits - 1)
            valstack_uncache_local(stack, stack->caches.owner[file][__builtin_ctz(bits)]);
}

/* Keeps the register a local is already cached in (moving the new value
 * there), so that loop back edges find their locals where the header
 * expects them. */
void valstack_cache_local(valstack *stack, uint32_t local, masm_reg reg, bool take_ownership)
{
    if (local >= stack->local_count)
        return;
    bool float_file = is_float_local(stack, local);
    masm_reg cache = stack->cache[local];
    if (take_ownership) {
        if (cache == VALSTACK_NO_CACHE) {
            set_cache(stack, local, reg);
            return;
        }
        masm_move(stack->m, stack->locals[local].type, cache, reg);
        regalloc_release(&stack->regs, float_file, reg);
        stack->use_stamp[float_file][cache] = ++stack->clock;
        return;
    }
    if (cache == VALSTACK_NO_CACHE && !regalloc_take_among(&stack->regs, float_file, ~stack->protect[float_file], &cache) &&
        !regalloc_take(&stack->regs, float_file, &cache))
        return;
    masm_move(stack->m, stack->locals[local].type, cache, reg);
    set_cache(stack, local, cache);
}

/* Evicts the least recently used cached local of the file (free: memory
 * is up to date). */
static bool evict_cache(valstack *stack, bool float_file)
{
    int oldest = -1;
    uint32_t candidates = stack->caches.mask[float_file] & ~stack->pinned[float_file];
    if (candidates & ~stack->protect[float_file])
        candidates &= ~stack->protect[float_file];
    for (uint32_t bits = candidates; bits; bits &= bits - 1) {
        int reg = __builtin_ctz(bits);
        if (oldest < 0 || stack->use_stamp[float_file][reg] < stack->use_stamp[float_file][oldest])
            oldest = reg;
    }
    if (oldest < 0)
        return false;
    valstack_uncache_local(stack, stack->caches.owner[float_file][oldest]);
    return true;
}

/* A register for a new cache of `local`: its register at the innermost
 * loop header if free, else a free one outside the header's, else any free
 * one, else one freed by evicting the least recently used cache. */
static bool take_cache_reg(valstack *stack, uint32_t local, masm_reg *reg)
{
    bool float_file = is_float_local(stack, local);
    for (uint32_t bits = stack->loop_header.mask[float_file]; bits; bits &= bits - 1) {
        masm_reg header_reg = (masm_reg)__builtin_ctz(bits);
        if (stack->loop_header.owner[float_file][header_reg] == local &&
            regalloc_take_reg(&stack->regs, float_file, header_reg)) {
            *reg = header_reg;
            return true;
        }
    }
    return regalloc_take_among(&stack->regs, float_file, ~stack->protect[float_file], reg) ||
           regalloc_take(&stack->regs, float_file, reg) ||
           (evict_cache(stack, float_file) && regalloc_take(&stack->regs, float_file, reg));
}

bool valstack_make_free(valstack *stack, bool float_file)
{
    return stack->regs.free[float_file] || evict_cache(stack, float_file);
}

void valstack_cache_state_empty(valstack_cache_state *state)
{
    state->mask[0] = state->mask[1] = 0;
}

void valstack_cache_state_meet(valstack_cache_state *dst, const valstack_cache_state *src)
{
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = dst->mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            if (dst->owner[file][reg] != valstack_cache_owner(src, file, reg))
                dst->mask[file] &= ~(1u << reg);
        }
    }
}

void valstack_adopt_caches(valstack *stack, const valstack_cache_state *state)
{
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = stack->caches.mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            uint32_t local = stack->caches.owner[file][reg];
            if (valstack_cache_owner(state, file, reg) != local)
                valstack_uncache_local(stack, local);
        }
    }
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = state->mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            uint32_t local = state->owner[file][reg];
            if (stack->caches.owner[file][reg] == local || local >= stack->local_count)
                continue;
            /* A subset of a valid state is valid: skip what cannot be had. */
            if (stack->cache[local] != VALSTACK_NO_CACHE || !regalloc_take_reg(&stack->regs, file, (masm_reg)reg))
                continue;
            set_cache(stack, local, (masm_reg)reg);
        }
    }
}

bool valstack_caches_conform(const valstack *stack, const valstack_cache_state *state)
{
    for (int file = 0; file < 2; file++)
        for (uint32_t bits = state->mask[file]; bits; bits &= bits - 1)
            if (state->owner[file][__builtin_ctz(bits)] != stack->caches.owner[file][__builtin_ctz(bits)])
                return false;
    return true;
}

/* A parallel move: each target register gets its local from the register
 * caching it now or, when that register is still needed as a source (a
 * cycle) or there is none, from the local's home. */
void valstack_conform_caches(valstack *stack, const valstack_cache_state *state)
{
    struct { uint32_t local; masm_reg dst, src; bool file; } moves[2 * VALSTACK_MAX_REGS];
    int count = 0;
    for (int file = 0; file < 2; file++) {
        for (uint32_t bits = state->mask[file]; bits; bits &= bits - 1) {
            int reg = __builtin_ctz(bits);
            uint32_t local = state->owner[file][reg];
            if (stack->caches.owner[file][reg] == local)
                continue;
            moves[count].local = local;
            moves[count].dst = (masm_reg)reg;
            moves[count].src = local < stack->local_count && stack->cache[local] != VALSTACK_NO_CACHE
                                   ? read_cache(stack, local)
                                   : VALSTACK_NO_CACHE;
            moves[count].file = file;
            count++;
        }
    }
    while (count > 0) {
        int ready = -1;
        for (int i = 0; i < count && ready < 0; i++) {
            bool blocked = false;
            for (int j = 0; j < count && !blocked; j++)
                blocked = j != i && moves[j].file == moves[i].file && moves[j].src == moves[i].dst;
            if (!blocked)
                ready = i;
        }
        if (ready < 0) { /* only cycles left: break one with a load */
            moves[0].src = VALSTACK_NO_CACHE;
            continue;
        }
        const local_home *home = &stack->locals[moves[ready].local];
        if (moves[ready].src == VALSTACK_NO_CACHE)
            masm_load_slot(stack->m, home->type, moves[ready].dst, home->kind, home->slot);
        else
            masm_move(stack->m, home->type, moves[ready].dst, moves[ready].src);
        moves[ready] = moves[--count];
    }
}

/* Keeps the watermarks at or below `height` (after a pop, before a push). */
static inline void lower_watermarks(valstack *stack, uint32_t height)
{
    if (stack->all_slots > height)
        stack->all_slots = height;
    if (stack->no_regs > height)
        stack->no_regs = height;
    if (stack->no_locals > height)
        stack->no_locals = height;
}

/* Entries [from, height) are all VALUE_SLOT now. */
static inline void raise_watermarks(valstack *stack, uint32_t from)
{
    if (from <= stack->all_slots)
        stack->all_slots = stack->height;
    if (from <= stack->no_regs)
        stack->no_regs = stack->height;
    if (from <= stack->no_locals)
        stack->no_locals = stack->height;
}

static value *push(valstack *stack)
{
    lower_watermarks(stack, stack->height); /* compile.c may have lowered the height itself */
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

void valstack_load_into(valstack *stack, uint32_t index, masm_reg dst)
{
    const value *v = &stack->items[index];
    switch (v->kind) {
    case VALUE_CONST: masm_load_const(stack->m, v->type, dst, v->bits); break;
    case VALUE_REG: masm_move(stack->m, v->type, dst, v->reg); break;
    case VALUE_LOCAL:
        if (v->local < stack->local_count && stack->cache[v->local] != VALSTACK_NO_CACHE)
            masm_move(stack->m, v->type, dst, read_cache(stack, v->local));
        else
            masm_load_slot(stack->m, v->type, dst, stack->locals[v->local].kind, stack->locals[v->local].slot);
        break;
    case VALUE_SLOT: masm_load_slot(stack->m, v->type, dst, MASM_SLOT_FRAME, stack->spill_base + index); break;
    }
}

void valstack_store_value(valstack *stack, const value *v, masm_slot_kind kind, uint32_t slot)
{
    masm *m = stack->m;
    switch (v->kind) {
    case VALUE_CONST: masm_store_slot_const(m, v->type, kind, slot, v->bits); break;
    case VALUE_REG: masm_store_slot(m, v->type, kind, slot, v->reg); break;
    case VALUE_LOCAL: {
        const local_home *home = &stack->locals[v->local];
        if (v->local < stack->local_count && stack->cache[v->local] != VALSTACK_NO_CACHE)
            masm_store_slot(m, v->type, kind, slot, read_cache(stack, v->local));
        else if (home->kind != kind || home->slot != slot)
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
    if (regalloc_take_among(&stack->regs, float_file, ~stack->protect[float_file], &reg) ||
        regalloc_take(&stack->regs, float_file, &reg))
        return reg;
    if (evict_cache(stack, float_file) && regalloc_take(&stack->regs, float_file, &reg))
        return reg;
    /* Spill the deepest register of this file: the value used last. */
    lower_watermarks(stack, stack->height);
    bool other_file_seen = false;
    for (uint32_t i = stack->no_regs; i < stack->height; i++) {
        value *v = &stack->items[i];
        if (v->kind != VALUE_REG)
            continue;
        if (masm_type_is_float(v->type) == float_file) {
            spill_entry(stack, i);
            if (!other_file_seen)
                stack->no_regs = i + 1;
            break;
        }
        if (!other_file_seen)
            stack->no_regs = i;
        other_file_seen = true;
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
        lower_watermarks(stack, stack->height);
        return v.reg;
    }
    /* Allocate before popping so a spill cannot pick this entry's slot. */
    masm_reg reg = valstack_alloc(stack, masm_type_is_float(v.type));
    lower_watermarks(stack, stack->height - 1);
    uint32_t index = stack->height - 1;
    switch (v.kind) {
    case VALUE_CONST: masm_load_const(stack->m, v.type, reg, v.bits); break;
    case VALUE_LOCAL: {
        if (v.local < stack->local_count && stack->cache[v.local] != VALSTACK_NO_CACHE) {
            masm_move(stack->m, v.type, reg, read_cache(stack, v.local));
            break;
        }
        masm_load_slot(stack->m, v.type, reg, stack->locals[v.local].kind, stack->locals[v.local].slot);
        /* Keep a copy for the next local.get, in place of the least
         * recently used cache if no register is free. */
        masm_reg copy;
        if (v.local < stack->local_count && take_cache_reg(stack, v.local, &copy)) {
            masm_move(stack->m, v.type, copy, reg);
            set_cache(stack, v.local, copy);
        }
        break;
    }
    case VALUE_SLOT: masm_load_slot(stack->m, v.type, reg, MASM_SLOT_FRAME, stack->spill_base + index); break;
    case VALUE_REG: break;
    }
    stack->height--;
    return reg;
}

masm_reg valstack_pop_read(valstack *stack, bool *owned)
{
    value v = stack->items[stack->height - 1];
    if (v.kind == VALUE_LOCAL && v.local < stack->local_count && stack->cache[v.local] == VALSTACK_NO_CACHE) {
        /* Loaded straight into a new cache register and read from there
         * (valstack_pop_reg would load a register for the caller and copy
         * it to the cache: one move more). Never spills for it. */
        masm_reg reg;
        if (take_cache_reg(stack, v.local, &reg)) {
            masm_load_slot(stack->m, v.type, reg, stack->locals[v.local].kind, stack->locals[v.local].slot);
            set_cache(stack, v.local, reg);
        }
    }
    if (v.kind == VALUE_LOCAL && v.local < stack->local_count && stack->cache[v.local] != VALSTACK_NO_CACHE) {
        masm_reg reg = read_cache(stack, v.local);
        stack->pinned[masm_type_is_float(v.type)] |= 1u << reg;
        stack->height--;
        lower_watermarks(stack, stack->height);
        *owned = false;
        return reg;
    }
    *owned = true;
    return valstack_pop_reg(stack);
}

void valstack_unpin(valstack *stack)
{
    stack->pinned[0] = stack->pinned[1] = 0;
}

value valstack_pop(valstack *stack)
{
    value v = stack->items[--stack->height];
    lower_watermarks(stack, stack->height);
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
    lower_watermarks(stack, stack->height);
    for (uint32_t i = from > stack->all_slots ? from : stack->all_slots; i < stack->height; i++)
        spill_entry(stack, i);
    raise_watermarks(stack, from);
}

void valstack_spill_below(valstack *stack, uint32_t end)
{
    lower_watermarks(stack, stack->height);
    if (end > stack->height)
        end = stack->height;
    for (uint32_t i = stack->all_slots; i < end; i++)
        spill_entry(stack, i);
    if (end > stack->all_slots)
        stack->all_slots = end;
    if (end > stack->no_regs)
        stack->no_regs = end;
    if (end > stack->no_locals)
        stack->no_locals = end;
}

void valstack_detach_all_locals(valstack *stack)
{
    lower_watermarks(stack, stack->height);
    for (uint32_t i = stack->no_locals; i < stack->height; i++)
        if (stack->items[i].kind == VALUE_LOCAL)
            spill_entry(stack, i);
    stack->no_locals = stack->height;
}

/* Above this many entries to scan, detaching one local detaches them all:
 * each entry is then spilled at most once, where scanning for one local at
 * a time over a deep stack would cost its height at every local.set. */
enum { DETACH_SCAN_MAX = 64 };

void valstack_detach_local(valstack *stack, uint32_t local)
{
    lower_watermarks(stack, stack->height);
    if (stack->height - stack->no_locals > DETACH_SCAN_MAX) {
        valstack_detach_all_locals(stack);
        return;
    }
    for (uint32_t i = stack->no_locals; i < stack->height; i++)
        if (stack->items[i].kind == VALUE_LOCAL && stack->items[i].local == local)
            spill_entry(stack, i);
}
