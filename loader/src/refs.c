/* refs.c: host references given to wasm (strings, core instances) as checked ids, and the handle table of ref_to_i32. */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

/*
 * An externref the loader gives to wasm is the id (generation << 32 |
 * slot + 1), never a host pointer: wasm cannot forge an externref, but it
 * can keep one (in a global or table) past the string's lifetime. A stale id
 * then finds a slot whose generation moved on, and the runtime function
 * traps instead of reading freed memory.
 *
 * Lifetime: unpinned slots (strings) made since the last sweep are listed in
 * `young`, in the order they were made: a stack. Adapter code brackets what
 * it makes with scope_enter (the stack's height, a mark) and scope_exit
 * (refs_scope_exit: frees every unpinned string above the mark but one it
 * keeps, which moves down to the mark). refs_sweep, run when an outermost
 * call returns, frees whatever is left of the call before it (its results,
 * strings of host calls, of scopes a trap unwound): a result stays alive
 * while the next call copies it as an argument, and until that call
 * returns. Each live unpinned slot is listed exactly once: entries
 * leave the list only by truncation, and a slot is freed only as its entry
 * goes. Pinned slots (core instances, anything given a handle) live until
 * refs_free.
 */

#define MAX_SLOTS 0x7fffffffu

static void *slot_id(const ref_table *refs, uint32_t index)
{
    return (void *)(uintptr_t)((uint64_t)refs->slots[index].generation << 32 |
                               ((uint64_t)index + 1));
}

/* The slot index of a live id, or UINT32_MAX. */
static uint32_t slot_of(const ref_table *refs, void *ref)
{
    uint64_t id = (uint64_t)(uintptr_t)ref;
    uint64_t index = (id & 0xffffffffu);
    if (index == 0 || index > refs->slot_count) return UINT32_MAX;
    const ref_slot *slot = &refs->slots[index - 1];
    if (slot->kind == REF_FREE || slot->generation != (uint32_t)(id >> 32))
        return UINT32_MAX;
    return (uint32_t)(index - 1);
}

static bool grow(void **array, uint32_t *capacity, size_t item_size)
{
    uint32_t next = *capacity ? *capacity * 2 : 16;
    if (next > MAX_SLOTS) return false;
    void *bigger = realloc(*array, (size_t)next * item_size);
    if (!bigger) return false;
    *array = bigger;
    *capacity = next;
    return true;
}

/* A free slot (reused or new) holding `object`; UINT32_MAX if full. */
static uint32_t slot_new(ref_table *refs, ref_kind kind, void *object,
                         bool pinned)
{
    uint32_t index;
    if (refs->free_head) {
        index = refs->free_head - 1;
        refs->free_head = refs->slots[index].next_free;
    } else {
        if (refs->slot_count == refs->slot_capacity &&
            !grow((void **)&refs->slots, &refs->slot_capacity,
                  sizeof *refs->slots))
            return UINT32_MAX;
        index = refs->slot_count++;
        refs->slots[index].generation = 1;
    }
    if (!pinned) {
        if (!array_push(&refs->young, &refs->young_count, &refs->young_capacity,
                        sizeof *refs->young, &index)) {
            refs->slots[index].next_free = refs->free_head;
            refs->free_head = index + 1;
            return UINT32_MAX;
        }
    }
    ref_slot *slot = &refs->slots[index];
    slot->object = object;
    slot->kind = (uint8_t)kind;
    slot->pinned = pinned;
    slot->next_free = 0;
    return index;
}

static void slot_release(ref_table *refs, uint32_t index)
{
    ref_slot *slot = &refs->slots[index];
    if (slot->kind == REF_STRING || slot->kind == REF_VALUE) {
        free(slot->object);
        refs->live_strings--;
    }
    slot->object = NULL;
    slot->freed = slot->kind;
    slot->kind = REF_FREE;
    slot->pinned = false;
    slot->generation = slot->generation == UINT32_MAX ? 1 : slot->generation + 1;
    slot->next_free = refs->free_head;
    refs->free_head = index + 1;
}

void *refs_new_string(ref_table *refs, const char *bytes, size_t size)
{
    if (size > SIZE_MAX - sizeof(host_string) - 1) return NULL;
    host_string *string = malloc(sizeof *string + size + 1);
    if (!string) return NULL;
    string->size = size;
    if (size) memcpy(string->data, bytes, size);
    string->data[size] = '\0';
    uint32_t index = slot_new(refs, REF_STRING, string, false);
    if (index == UINT32_MAX) {
        free(string);
        return NULL;
    }
    refs->live_strings++;
    return slot_id(refs, index);
}

void *refs_new_value(ref_table *refs, host_value *value)
{
    uint32_t index = slot_new(refs, REF_VALUE, value, false);
    if (index == UINT32_MAX) {
        free(value);
        return NULL;
    }
    refs->live_strings++;
    return slot_id(refs, index);
}

void *refs_new_core(ref_table *refs, core_instance *core)
{
    uint32_t index = slot_new(refs, REF_CORE, core, true);
    return index == UINT32_MAX ? NULL : slot_id(refs, index);
}

void *refs_get(const ref_table *refs, void *ref, ref_kind kind)
{
    uint32_t index = slot_of(refs, ref);
    if (index == UINT32_MAX || refs->slots[index].kind != kind) return NULL;
    return refs->slots[index].object;
}

const char *refs_describe(const ref_table *refs, void *ref)
{
    if (!ref) return "null";
    uint32_t index = slot_of(refs, ref);
    if (index != UINT32_MAX)
        return refs->slots[index].kind == REF_STRING  ? "a string"
               : refs->slots[index].kind == REF_VALUE ? "a value of another type"
                                                      : "a core module instance";
    uint64_t id = (uint64_t)(uintptr_t)ref;
    if ((id & 0xffffffffu) != 0 && (id & 0xffffffffu) <= refs->slot_count)
        return refs->slots[(id & 0xffffffffu) - 1].freed == REF_VALUE
                   ? "a value no longer alive (its scope or call ended)"
                   : "a string no longer alive (its scope or call ended)";
    return "not a reference made by this loader";
}

void refs_sweep(ref_table *refs, size_t below)
{
    for (size_t i = 0; i < below; i++) {
        uint32_t index = refs->young[i];
        if (refs->slots[index].kind != REF_FREE && !refs->slots[index].pinned)
            slot_release(refs, index);
    }
    refs->young_count -= below;
    if (refs->young_count)
        memmove(refs->young, refs->young + below, refs->young_count * sizeof *refs->young);
    /* A burst of strings in one call should not keep its list forever. */
    if (refs->young_capacity > REFS_YOUNG_KEPT && refs->young_count < refs->young_capacity / 4) {
        size_t capacity = refs->young_count > REFS_YOUNG_KEPT ? refs->young_count : REFS_YOUNG_KEPT;
        uint32_t *young = realloc(refs->young, capacity * sizeof *young);
        if (young) {
            refs->young = young;
            refs->young_capacity = capacity;
        }
    }
}

scope_status refs_scope_exit(ref_table *refs, uint32_t mark, void *keep)
{
    uint32_t keep_index = UINT32_MAX;
    if (keep) {
        keep_index = slot_of(refs, keep);
        if (keep_index == UINT32_MAX ||
            (refs->slots[keep_index].kind != REF_STRING && refs->slots[keep_index].kind != REF_VALUE))
            return SCOPE_BAD_KEEP;
    }
    if (mark < refs->young_floor) return SCOPE_BELOW_FLOOR;
    if (mark > refs->young_count) return SCOPE_ABOVE_HEIGHT;
    bool kept = false;
    for (size_t i = mark; i < refs->young_count; i++) {
        uint32_t index = refs->young[i];
        if (index == keep_index)
            kept = true;
        else if (refs->slots[index].kind != REF_FREE && !refs->slots[index].pinned)
            slot_release(refs, index);
    }
    refs->young_count = mark;
    /* The kept string now belongs to the enclosing scope. A pinned one was
     * never going to be freed; one from below the mark stays where it is. */
    if (kept && !refs->slots[keep_index].pinned) refs->young[refs->young_count++] = keep_index;
    return SCOPE_OK;
}

void refs_free(ref_table *refs)
{
    for (uint32_t i = 0; i < refs->slot_count; i++)
        if (refs->slots[i].kind == REF_STRING || refs->slots[i].kind == REF_VALUE)
            free(refs->slots[i].object);
    free(refs->slots);
    free(refs->young);
    free(refs->handles);
    free(refs->handle_index);
    memset(refs, 0, sizeof *refs);
}

/* ---------------------------------------------------------------- handles */

static uint32_t handle_hash(const it_component *owner, void *ref)
{
    uint64_t key = (uint64_t)(uintptr_t)ref * 0x9e3779b97f4a7c15u ^
                   (uint64_t)(uintptr_t)owner;
    key ^= key >> 29;
    return (uint32_t)(key * 0xbf58476d1ce4e5b9u >> 32);
}

/* Re-inserts every handle into an index of `capacity` (a power of two). */
static bool rebuild_index(ref_table *refs, uint32_t capacity)
{
    uint32_t *index = calloc(capacity, sizeof *index);
    if (!index) return false;
    for (uint32_t h = 1; h <= refs->handle_count; h++) {
        const handle_entry *entry = &refs->handles[h - 1];
        uint32_t at = handle_hash(entry->owner, entry->ref) & (capacity - 1);
        while (index[at]) at = (at + 1) & (capacity - 1);
        index[at] = h;
    }
    free(refs->handle_index);
    refs->handle_index = index;
    refs->handle_index_capacity = capacity;
    return true;
}

uint32_t refs_handle(ref_table *refs, const it_component *owner, void *ref)
{
    uint32_t mask = refs->handle_index_capacity - 1;
    if (refs->handle_index) {
        uint32_t at = handle_hash(owner, ref) & mask;
        for (; refs->handle_index[at]; at = (at + 1) & mask) {
            const handle_entry *entry = &refs->handles[refs->handle_index[at] - 1];
            if (entry->owner == owner && entry->ref == ref)
                return refs->handle_index[at];
        }
    }
    if (refs->handle_count >= INT32_MAX - 1) return 0;
    if (refs->handle_count == refs->handle_capacity &&
        !grow((void **)&refs->handles, &refs->handle_capacity,
              sizeof *refs->handles))
        return 0;
    /* Keep the index at most half full. */
    if ((uint64_t)(refs->handle_count + 1) * 2 > refs->handle_index_capacity &&
        !rebuild_index(refs, refs->handle_index_capacity
                                 ? refs->handle_index_capacity * 2
                                 : 64))
        return 0;
    uint32_t handle = ++refs->handle_count;
    refs->handles[handle - 1] = (handle_entry){owner, ref};
    mask = refs->handle_index_capacity - 1;
    uint32_t at = handle_hash(owner, ref) & mask;
    while (refs->handle_index[at]) at = (at + 1) & mask;
    refs->handle_index[at] = handle;
    /* A handle keeps its reference alive as long as the component. */
    uint32_t index = slot_of(refs, ref);
    if (index != UINT32_MAX) refs->slots[index].pinned = true;
    return handle;
}

bool refs_from_handle(const ref_table *refs, const it_component *owner,
                      uint32_t handle, void **ref)
{
    if (handle == 0 || handle > refs->handle_count) return false;
    const handle_entry *entry = &refs->handles[handle - 1];
    if (entry->owner != owner) return false;
    *ref = entry->ref;
    return true;
}
