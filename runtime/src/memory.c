/* memory.c: linear memories: an 8 GiB guarded reservation, committed as it grows. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "instance.h"

/*
 * The guard-region design (docs/runtime.md, "Memory"): every memory reserves
 * MEMORY_RESERVATION bytes of PROT_NONE address space once, so `base` never
 * moves, and commits (read/write) the first `size` bytes. Any access at
 * base + u32 index + u32 offset therefore lands inside the reservation, and
 * one past the committed part faults instead of needing a bounds check.
 */

static bool memory_commit(wrt_memory *memory, uint64_t new_size)
{
    if (new_size <= memory->size)
        return true;
    if (mprotect(memory->base + memory->size, new_size - memory->size,
                 PROT_READ | PROT_WRITE) != 0)
        return false;
    return true;
}

/* Whether the store's memory cap allows `bytes` more. */
static bool memory_within_limit(const wrt_store *store, uint64_t bytes)
{
    uint64_t cap = store->limits.memory_bytes;
    return !cap || (store->memory_bytes <= cap && bytes <= cap - store->memory_bytes);
}

wrt_status memory_create(wrt_store *store, const wrt_memorytype *type,
                         wrt_memory **out)
{
    *out = NULL;
    if (type->limits.min > MEMORY_MAX_PAGES ||
        (type->limits.has_max && (type->limits.max > MEMORY_MAX_PAGES ||
                                  type->limits.max < type->limits.min)))
        return store_fail(store, WRT_ERR_ARGUMENT,
                          "memory limits %u..%u are not valid",
                          type->limits.min, type->limits.max);
    uint64_t size = (uint64_t)type->limits.min * MEMORY_PAGE_SIZE;
    if (!memory_within_limit(store, size))
        return store_fail(store, WRT_ERR_LIMIT,
                          "a memory of %u pages exceeds the store's limit of %llu bytes (%llu in use)",
                          type->limits.min, (unsigned long long)store->limits.memory_bytes,
                          (unsigned long long)store->memory_bytes);
    wrt_memory *memory = calloc(1, sizeof *memory);
    if (!memory)
        return store_fail(store, WRT_ERR_NO_MEMORY, "out of memory");
    void *base = mmap(NULL, MEMORY_RESERVATION, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) {
        free(memory);
        return store_fail(store, WRT_ERR_NO_MEMORY,
                          "cannot reserve address space for a memory");
    }
    memory->base = base;
    memory->store = store;
    memory->has_max = type->limits.has_max;
    memory->max_pages = type->limits.has_max ? type->limits.max
                                             : MEMORY_MAX_PAGES;
    if (!memory_commit(memory, size) || !store_adopt(&store->memories, memory)) {
        memory_destroy(memory);
        return store_fail(store, WRT_ERR_NO_MEMORY,
                          "cannot commit %u pages of memory", type->limits.min);
    }
    memory->size = size;
    memory->pages = type->limits.min;
    store->memory_bytes += size;
    *out = memory;
    return WRT_OK;
}

void memory_destroy(wrt_memory *memory)
{
    if (!memory)
        return;
    munmap(memory->base, MEMORY_RESERVATION);
    free(memory);
}

int32_t memory_grow(wrt_memory *memory, uint32_t delta)
{
    uint32_t old = memory->pages;
    if (delta > memory->max_pages - old)
        return -1;
    uint64_t new_size = (uint64_t)(old + delta) * MEMORY_PAGE_SIZE;
    if (!memory_within_limit(memory->store, new_size - memory->size) || !memory_commit(memory, new_size))
        return -1;
    memory->store->memory_bytes += new_size - memory->size;
    memory->size = new_size;
    memory->pages = old + delta;
    return (int32_t)old;
}

wrt_trap_kind memory_init(wrt_memory *memory, uint32_t dst,
                          const uint8_t *data, uint32_t data_size,
                          uint32_t src, uint32_t count)
{
    if ((uint64_t)src + count > data_size ||
        (uint64_t)dst + count > memory->size)
        return WRT_TRAP_MEMORY_OUT_OF_BOUNDS;
    if (count)
        memcpy(memory->base + dst, data + src, count);
    return WRT_TRAP_NONE;
}

wrt_trap_kind memory_fill(wrt_memory *memory, uint32_t dst, uint8_t value,
                          uint32_t count)
{
    if ((uint64_t)dst + count > memory->size)
        return WRT_TRAP_MEMORY_OUT_OF_BOUNDS;
    memset(memory->base + dst, value, count);
    return WRT_TRAP_NONE;
}

wrt_trap_kind memory_copy(wrt_memory *dst_memory, uint32_t dst,
                          wrt_memory *src_memory, uint32_t src,
                          uint32_t count)
{
    if ((uint64_t)dst + count > dst_memory->size ||
        (uint64_t)src + count > src_memory->size)
        return WRT_TRAP_MEMORY_OUT_OF_BOUNDS;
    memmove(dst_memory->base + dst, src_memory->base + src, count);
    return WRT_TRAP_NONE;
}

/* ------------------------------------------------------------ public API */

wrt_status wrt_memory_new(wrt_store *store, const wrt_memorytype *type,
                          wrt_memory **out)
{
    return memory_create(store, type, out);
}

wrt_memorytype wrt_memory_type(const wrt_memory *memory)
{
    wrt_memorytype type;
    type.limits.min = memory->pages;
    type.limits.max = memory->has_max ? memory->max_pages : 0;
    type.limits.has_max = memory->has_max;
    return type;
}

uint8_t *wrt_memory_data(wrt_memory *memory) { return memory->base; }

uint64_t wrt_memory_size(const wrt_memory *memory) { return memory->size; }

uint32_t wrt_memory_pages(const wrt_memory *memory) { return memory->pages; }

wrt_status wrt_memory_grow(wrt_memory *memory, uint32_t delta,
                           uint32_t *old_pages)
{
    int32_t old = memory_grow(memory, delta);
    if (old < 0)
        return store_fail(memory->store, WRT_ERR_LIMIT,
                          "cannot grow memory of %u pages by %u (maximum %u)",
                          memory->pages, delta, memory->max_pages);
    if (old_pages)
        *old_pages = (uint32_t)old;
    return WRT_OK;
}

wrt_status wrt_memory_read(const wrt_memory *memory, uint64_t offset,
                           void *dst, size_t size)
{
    if (offset > memory->size || size > memory->size - offset)
        return store_fail(memory->store, WRT_ERR_OUT_OF_BOUNDS,
                          "memory read of %zu bytes at %llu is out of bounds "
                          "(memory size %llu)", size,
                          (unsigned long long)offset,
                          (unsigned long long)memory->size);
    if (size)
        memcpy(dst, memory->base + offset, size);
    return WRT_OK;
}

wrt_status wrt_memory_write(wrt_memory *memory, uint64_t offset,
                            const void *src, size_t size)
{
    if (offset > memory->size || size > memory->size - offset)
        return store_fail(memory->store, WRT_ERR_OUT_OF_BOUNDS,
                          "memory write of %zu bytes at %llu is out of bounds "
                          "(memory size %llu)", size,
                          (unsigned long long)offset,
                          (unsigned long long)memory->size);
    if (size)
        memcpy(memory->base + offset, src, size);
    return WRT_OK;
}
