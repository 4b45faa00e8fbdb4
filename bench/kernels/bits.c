/* bits.c: i64 bit manipulation: popcount, clz/ctz, rotates, xorshift, multiply-hash, byte swaps. */
/* bench n: 7000 */
#include "kernel.h"

/* xorshift64*: shifts, xors and a 64-bit multiply per number. */
static inline uint64_t bits_xorshift(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static inline uint64_t bits_rotate_left(uint64_t x, uint32_t count)
{
    count &= 63;
    return (x << count) | (x >> ((64 - count) & 63));
}

static inline uint64_t bits_rotate_right(uint64_t x, uint32_t count)
{
    count &= 63;
    return (x >> count) | (x << ((64 - count) & 63));
}

/* murmur3's 64-bit finaliser: multiply-hash. */
static inline uint64_t bits_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
}

/* Leading and trailing zero counts, defined for 0 as wasm defines them. */
static inline uint32_t bits_clz(uint64_t x)
{
    return x ? (uint32_t)__builtin_clzll(x) : 64;
}

static inline uint32_t bits_ctz(uint64_t x)
{
    return x ? (uint32_t)__builtin_ctzll(x) : 64;
}

/* One block of 4096 numbers through every operation; the rounds chain
 * through `state`. */
static KERNEL_NOINLINE uint64_t bits_block(uint64_t *state)
{
    uint64_t sum = 0, previous = 0;
    for (uint32_t i = 0; i < 4096; i++) {
        uint64_t x = bits_xorshift(state);
        uint32_t ones = (uint32_t)__builtin_popcountll(x);
        uint64_t sparse = x & (x >> 7) & (x >> 13); /* often zero-heavy */
        uint32_t leading = bits_clz(sparse);
        uint32_t trailing = bits_ctz(sparse);
        uint64_t rotated = bits_rotate_left(x, ones) ^
                           bits_rotate_right(previous, leading + trailing);
        uint64_t swapped = __builtin_bswap64(rotated);
        /* Unsigned and signed division by a non-constant, and shifts. */
        uint64_t divisor = (x >> 60) | 1;
        int64_t quotient = (int64_t)rotated / (int64_t)divisor;
        sum += bits_mix(swapped ^ (uint64_t)quotient) + (rotated % divisor) +
               ((uint64_t)ones << 32) + (leading ^ (trailing << 8));
        sum ^= (uint64_t)((int64_t)sum >> 17);
        previous = x;
    }
    return sum;
}

int64_t run(int64_t n)
{
    uint64_t state = 0x9e3779b97f4a7c15ull;
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++)
        sum = checksum_mix(sum, bits_block(&state));
    return (int64_t)sum;
}
