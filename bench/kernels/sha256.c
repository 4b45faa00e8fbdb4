/* sha256.c: SHA-256 of a buffer: chains of i32 rotates, shifts, xors and adds, big-endian loads (crypto rounds). */
/* bench n: 14000 */
#include "kernel.h"

/* 8 KiB hashed in pieces of varying length per round: full blocks plus the
 * padding of the last one, as a real hash of a message does. */
#define SHA256_BUFFER_SIZE 8192

static uint8_t sha256_buffer[SHA256_BUFFER_SIZE];

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The helpers a crypto library keeps in a header: inlined in both shapes. */
static inline uint32_t sha256_rotate_right(uint32_t x, uint32_t count)
{
    return (x >> count) | (x << (32 - count));
}

static inline uint32_t sha256_load_big_endian(const uint8_t *bytes)
{
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
           (uint32_t)bytes[2] << 8 | bytes[3];
}

/* One 64-byte block into `state`: the message schedule in a local array,
 * then 64 rounds over the eight working variables. */
static void sha256_compress(uint32_t state[8], const uint8_t *block)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = sha256_load_big_endian(block + 4 * i);
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = sha256_rotate_right(w[i - 15], 7) ^
                      sha256_rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = sha256_rotate_right(w[i - 2], 17) ^
                      sha256_rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t s1 = sha256_rotate_right(e, 6) ^ sha256_rotate_right(e, 11) ^
                      sha256_rotate_right(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = h + s1 + choose + sha256_k[i] + w[i];
        uint32_t s0 = sha256_rotate_right(a, 2) ^ sha256_rotate_right(a, 13) ^
                      sha256_rotate_right(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = s0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

/* SHA-256 of `size` bytes at `data` into digest[8]: the full blocks, then
 * the rest with its padding (0x80, zeros, the length in bits) in one or two
 * more blocks. */
static void sha256_hash(const uint8_t *data, uint32_t size, uint32_t digest[8])
{
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                        0xa54ff53a, 0x510e527f, 0x9b05688c,
                                        0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 8; i++)
        digest[i] = initial[i];
    uint32_t full = size / 64 * 64;
    for (uint32_t offset = 0; offset < full; offset += 64)
        sha256_compress(digest, data + offset);
    uint8_t last[128];
    uint32_t rest = size - full;
    for (uint32_t i = 0; i < rest; i++)
        last[i] = data[full + i];
    last[rest] = 0x80;
    uint32_t padded = rest + 1 + 8 <= 64 ? 64 : 128;
    for (uint32_t i = rest + 1; i < padded - 8; i++)
        last[i] = 0;
    uint64_t bits = (uint64_t)size * 8;
    for (int i = 0; i < 8; i++)
        last[padded - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (uint32_t offset = 0; offset < padded; offset += 64)
        sha256_compress(digest, last + offset);
}

int64_t run(int64_t n)
{
    uint64_t state = 0x243f6a8885a308d3ull;
    for (uint32_t i = 0; i < SHA256_BUFFER_SIZE; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        sha256_buffer[i] = (uint8_t)(state >> 24);
    }
    uint64_t sum = 0;
    uint32_t digest[8];
    for (int64_t round = 0; round < n; round++) {
        /* Lengths from 1 KiB to 8 KiB, every remainder mod 64 in turn; the
         * digest is fed back so that each round depends on the last. */
        uint32_t size = 1024 + (uint32_t)(round * 1031 % (SHA256_BUFFER_SIZE - 1024));
        sha256_hash(sha256_buffer, size, digest);
        for (int i = 0; i < 8; i++)
            sum = checksum_mix(sum, digest[i]);
        uint32_t at = (uint32_t)(round * 4 % (SHA256_BUFFER_SIZE - 4));
        for (int i = 0; i < 4; i++)
            sha256_buffer[at + i] ^= (uint8_t)(digest[i] >> 3);
    }
    return (int64_t)sum;
}
