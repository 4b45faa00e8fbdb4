/* xxhash64.c: XXH64 over long buffers and short keys: i64 multiplies, rotates and unaligned 64-bit loads. */
/* bench n: 8000 */
#include "kernel.h"

#define XXHASH64_BUFFER_SIZE 32768
#define XXHASH64_KEYS 1024

static const uint64_t xxhash64_prime1 = 0x9e3779b185ebca87ull;
static const uint64_t xxhash64_prime2 = 0xc2b2ae3d27d4eb4full;
static const uint64_t xxhash64_prime3 = 0x165667b19e3779f9ull;
static const uint64_t xxhash64_prime4 = 0x85ebca77c2b2ae63ull;
static const uint64_t xxhash64_prime5 = 0x27d4eb2f165667c5ull;

static uint8_t xxhash64_buffer[XXHASH64_BUFFER_SIZE];

/* The header helpers of a hash library: inlined in both shapes. Loads are
 * little-endian and unaligned: i64.load align=1 in wasm, a mov natively. */
static inline uint64_t xxhash64_rotate_left(uint64_t x, uint32_t count)
{
    return (x << count) | (x >> (64 - count));
}

static inline uint64_t xxhash64_load64(const uint8_t *bytes)
{
    uint64_t value;
    __builtin_memcpy(&value, bytes, 8);
    return value;
}

static inline uint32_t xxhash64_load32(const uint8_t *bytes)
{
    uint32_t value;
    __builtin_memcpy(&value, bytes, 4);
    return value;
}

static inline uint64_t xxhash64_round(uint64_t accumulator, uint64_t input)
{
    accumulator += input * xxhash64_prime2;
    accumulator = xxhash64_rotate_left(accumulator, 31);
    return accumulator * xxhash64_prime1;
}

static inline uint64_t xxhash64_merge_round(uint64_t hash, uint64_t accumulator)
{
    hash ^= xxhash64_round(0, accumulator);
    return hash * xxhash64_prime1 + xxhash64_prime4;
}

/* XXH64 of `size` bytes with `seed`: four lanes of 32 bytes, then the
 * tail by 8, 4 and 1 bytes, then the avalanche. */
static uint64_t xxhash64_hash(const uint8_t *data, uint32_t size, uint64_t seed)
{
    const uint8_t *end = data + size;
    uint64_t hash;
    if (size >= 32) {
        const uint8_t *limit = end - 32;
        uint64_t v1 = seed + xxhash64_prime1 + xxhash64_prime2;
        uint64_t v2 = seed + xxhash64_prime2;
        uint64_t v3 = seed;
        uint64_t v4 = seed - xxhash64_prime1;
        do {
            v1 = xxhash64_round(v1, xxhash64_load64(data));
            v2 = xxhash64_round(v2, xxhash64_load64(data + 8));
            v3 = xxhash64_round(v3, xxhash64_load64(data + 16));
            v4 = xxhash64_round(v4, xxhash64_load64(data + 24));
            data += 32;
        } while (data <= limit);
        hash = xxhash64_rotate_left(v1, 1) + xxhash64_rotate_left(v2, 7) +
               xxhash64_rotate_left(v3, 12) + xxhash64_rotate_left(v4, 18);
        hash = xxhash64_merge_round(hash, v1);
        hash = xxhash64_merge_round(hash, v2);
        hash = xxhash64_merge_round(hash, v3);
        hash = xxhash64_merge_round(hash, v4);
    } else {
        hash = seed + xxhash64_prime5;
    }
    hash += size;
    for (; data + 8 <= end; data += 8) {
        hash ^= xxhash64_round(0, xxhash64_load64(data));
        hash = xxhash64_rotate_left(hash, 27) * xxhash64_prime1 + xxhash64_prime4;
    }
    if (data + 4 <= end) {
        hash ^= (uint64_t)xxhash64_load32(data) * xxhash64_prime1;
        hash = xxhash64_rotate_left(hash, 23) * xxhash64_prime2 + xxhash64_prime3;
        data += 4;
    }
    for (; data < end; data++) {
        hash ^= *data * xxhash64_prime5;
        hash = xxhash64_rotate_left(hash, 11) * xxhash64_prime1;
    }
    hash ^= hash >> 33;
    hash *= xxhash64_prime2;
    hash ^= hash >> 29;
    hash *= xxhash64_prime3;
    return hash ^ (hash >> 32);
}

int64_t run(int64_t n)
{
    uint64_t state = 0x9e3779b97f4a7c15ull;
    for (uint32_t i = 0; i < XXHASH64_BUFFER_SIZE; i += 8) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        uint64_t value = state * 0x2545f4914f6cdd1dull;
        for (int j = 0; j < 8; j++)
            xxhash64_buffer[i + j] = (uint8_t)(value >> (8 * j));
    }
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        /* One long buffer at an odd offset (unaligned loads)... */
        uint32_t offset = (uint32_t)round & 7;
        uint64_t hash = xxhash64_hash(xxhash64_buffer + offset,
                                      XXHASH64_BUFFER_SIZE - 8, (uint64_t)round);
        sum = checksum_mix(sum, hash);
        /* ... then short keys of 1 to 48 bytes, as a hash table hashes
         * them: mostly the tail code. */
        uint64_t keys = 0;
        for (uint32_t key = 0; key < XXHASH64_KEYS; key++) {
            uint32_t at = (uint32_t)(hash >> 20) % (XXHASH64_BUFFER_SIZE - 64);
            uint32_t size = 1 + (uint32_t)(hash >> 8) % 48;
            hash = xxhash64_hash(xxhash64_buffer + at, size, hash);
            keys += hash;
        }
        sum = checksum_mix(sum, keys);
        xxhash64_buffer[(uint32_t)round % XXHASH64_BUFFER_SIZE] ^= (uint8_t)keys;
    }
    return (int64_t)sum;
}
