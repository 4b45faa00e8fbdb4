/* memory.c: loads and stores of every width: a byte sieve, copy/fill loops, an open-addressing hash table. */
/* bench n: 1200 */
#include "kernel.h"

/* 64 KiB each: the working set stays in L2, so this measures the code the
 * engine emits for memory access (bounds handling, addressing), not DRAM. */
#define MEMORY_SIEVE_SIZE 65536
#define MEMORY_BUFFER_SIZE 65536
#define MEMORY_TABLE_SLOTS 8192 /* power of two */
#define MEMORY_TABLE_KEYS 5000

static uint8_t memory_sieve_flags[MEMORY_SIEVE_SIZE];
/* Aligned: they are also accessed as u32 and u64 arrays. */
static _Alignas(16) uint8_t memory_source[MEMORY_BUFFER_SIZE];
static _Alignas(16) uint8_t memory_target[MEMORY_BUFFER_SIZE];
static uint32_t memory_table_keys[MEMORY_TABLE_SLOTS];
static uint16_t memory_table_counts[MEMORY_TABLE_SLOTS];

/* Sieve of Eratosthenes on bytes: i32.store8 / i32.load8_u. Returns a
 * checksum of the primes found. */
static KERNEL_NOINLINE uint64_t memory_sieve(void)
{
    for (uint32_t i = 0; i < MEMORY_SIEVE_SIZE; i++)
        memory_sieve_flags[i] = 1;
    memory_sieve_flags[0] = memory_sieve_flags[1] = 0;
    for (uint32_t i = 2; i * i < MEMORY_SIEVE_SIZE; i++)
        if (memory_sieve_flags[i])
            for (uint32_t j = i * i; j < MEMORY_SIEVE_SIZE; j += i)
                memory_sieve_flags[j] = 0;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < MEMORY_SIEVE_SIZE; i++)
        if (memory_sieve_flags[i])
            sum = sum * 31 + i;
    return sum;
}

/* Own fill and copy loops (freestanding: they stay loops), one per width. */
static KERNEL_NOINLINE void memory_fill_bytes(uint8_t *target, uint8_t value,
                                              uint32_t size)
{
    for (uint32_t i = 0; i < size; i++)
        target[i] = value;
}

static KERNEL_NOINLINE void memory_copy_bytes(uint8_t *target,
                                              const uint8_t *source,
                                              uint32_t size)
{
    for (uint32_t i = 0; i < size; i++)
        target[i] = source[i];
}

static KERNEL_NOINLINE void memory_copy_words(uint32_t *target,
                                              const uint32_t *source,
                                              uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        target[i] = source[i];
}

/* Copy with a byte-wise transformation, so the compiler cannot widen it:
 * load8 / store8 with a data-dependent value. */
static KERNEL_NOINLINE void memory_copy_mixed(uint8_t *target,
                                              const uint8_t *source,
                                              uint32_t size)
{
    uint8_t carry = 0;
    for (uint32_t i = 0; i < size; i++) {
        carry = (uint8_t)(carry * 5 + source[i]);
        target[i] = carry;
    }
}

/* Copies and fills of the 64 KiB buffers at each width (including
 * unaligned halfword and i64 accesses); returns a checksum of the target. */
static KERNEL_NOINLINE uint64_t memory_copies(uint32_t round)
{
    for (uint32_t i = 0; i < MEMORY_BUFFER_SIZE; i++)
        memory_source[i] = (uint8_t)(i * 17 + round);
    memory_fill_bytes(memory_target, (uint8_t)round, MEMORY_BUFFER_SIZE);
    memory_copy_bytes(memory_target + 1, memory_source, MEMORY_BUFFER_SIZE - 1);
    memory_copy_words((uint32_t *)memory_target, (const uint32_t *)memory_source,
                      MEMORY_BUFFER_SIZE / 8);
    memory_copy_mixed(memory_target + MEMORY_BUFFER_SIZE / 2, memory_source,
                      MEMORY_BUFFER_SIZE / 2);
    uint64_t sum = 0;
    /* Halfword loads at odd addresses, then i64 loads. */
    for (uint32_t i = 1; i + 2 <= MEMORY_BUFFER_SIZE; i += 2) {
        uint16_t half;
        __builtin_memcpy(&half, memory_target + i, sizeof half);
        sum += half;
    }
    const uint64_t *words = (const uint64_t *)memory_target;
    for (uint32_t i = 0; i < MEMORY_BUFFER_SIZE / 8; i++)
        sum = sum * 3 + words[i];
    return sum;
}

/* Open addressing with linear probing: inserts keys (counting repeats in a
 * parallel u16 array), then looks up present and absent keys. */
static KERNEL_NOINLINE uint64_t memory_hash_table(uint32_t round)
{
    for (uint32_t i = 0; i < MEMORY_TABLE_SLOTS; i++) {
        memory_table_keys[i] = 0; /* 0 = empty; keys are never 0 */
        memory_table_counts[i] = 0;
    }
    uint32_t key = round * 2654435761u + 1;
    for (uint32_t i = 0; i < MEMORY_TABLE_KEYS; i++) {
        key = key * 1103515245u + 12345u;
        uint32_t wanted = (key >> 8) % 6000u + 1; /* repeats happen */
        uint32_t slot = (wanted * 2654435761u) & (MEMORY_TABLE_SLOTS - 1);
        while (memory_table_keys[slot] && memory_table_keys[slot] != wanted)
            slot = (slot + 1) & (MEMORY_TABLE_SLOTS - 1);
        memory_table_keys[slot] = wanted;
        memory_table_counts[slot]++;
    }
    uint64_t sum = 0;
    for (uint32_t wanted = 1; wanted <= 12000; wanted++) {
        uint32_t slot = (wanted * 2654435761u) & (MEMORY_TABLE_SLOTS - 1);
        while (memory_table_keys[slot] && memory_table_keys[slot] != wanted)
            slot = (slot + 1) & (MEMORY_TABLE_SLOTS - 1);
        if (memory_table_keys[slot])
            sum = sum * 7 + memory_table_counts[slot] + slot;
    }
    return sum;
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        if (round % 8 == 0)
            sum = checksum_mix(sum, memory_sieve());
        sum = checksum_mix(sum, memory_copies((uint32_t)round));
        sum = checksum_mix(sum, memory_hash_table((uint32_t)round));
    }
    return (int64_t)sum;
}
