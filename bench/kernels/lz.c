/* lz.c: LZ77 compression and decompression in the style of LZ4: hashing 4-byte windows, match search, byte copies. */
/* bench n: 1100 */
#include "kernel.h"

#define LZ_INPUT_SIZE 65536
#define LZ_OUTPUT_SIZE (LZ_INPUT_SIZE + LZ_INPUT_SIZE / 255 + 64)
#define LZ_HASH_BITS 12
#define LZ_MIN_MATCH 4
#define LZ_LAST_LITERALS 8 /* the last bytes are always literals */

static uint8_t lz_input[LZ_INPUT_SIZE];
static uint8_t lz_compressed[LZ_OUTPUT_SIZE];
static uint8_t lz_output[LZ_INPUT_SIZE];
static uint32_t lz_table[1 << LZ_HASH_BITS];

static inline uint32_t lz_load32(const uint8_t *bytes)
{
    uint32_t value;
    __builtin_memcpy(&value, bytes, 4);
    return value;
}

static inline uint32_t lz_hash(uint32_t window)
{
    return (window * 2654435761u) >> (32 - LZ_HASH_BITS);
}

/* A length above 14 continues in bytes of 255 and a last one below it. */
static uint8_t *lz_write_length(uint8_t *out, uint32_t length)
{
    for (; length >= 255; length -= 255)
        *out++ = 255;
    *out++ = (uint8_t)length;
    return out;
}

/* One sequence: a token (literal count, match length - 4, 4 bits each),
 * the literals, then the match's 16-bit offset back. */
static uint8_t *lz_write_sequence(uint8_t *out, const uint8_t *literals,
                                  uint32_t literal_count, uint32_t offset,
                                  uint32_t match_length)
{
    uint32_t match_code = match_length - LZ_MIN_MATCH;
    uint8_t *token = out++;
    *token = (uint8_t)((literal_count < 15 ? literal_count : 15) << 4 |
                       (match_code < 15 ? match_code : 15));
    if (literal_count >= 15)
        out = lz_write_length(out, literal_count - 15);
    for (uint32_t i = 0; i < literal_count; i++)
        *out++ = literals[i];
    *out++ = (uint8_t)offset;
    *out++ = (uint8_t)(offset >> 8);
    if (match_code >= 15)
        out = lz_write_length(out, match_code - 15);
    return out;
}

/* Compresses `size` bytes; returns the compressed size. Greedy: the table
 * keeps the last position of each hashed 4-byte window. */
static uint32_t lz_compress(const uint8_t *input, uint32_t size, uint8_t *out)
{
    for (uint32_t i = 0; i < (1u << LZ_HASH_BITS); i++)
        lz_table[i] = 0;
    uint8_t *start = out;
    uint32_t anchor = 0, position = 1;
    uint32_t limit = size - LZ_LAST_LITERALS;
    while (position + LZ_MIN_MATCH <= limit) {
        uint32_t window = lz_load32(input + position);
        uint32_t slot = lz_hash(window);
        uint32_t candidate = lz_table[slot];
        lz_table[slot] = position;
        if (candidate == 0 || position - candidate > 65535 ||
            lz_load32(input + candidate) != window) {
            position++;
            continue;
        }
        uint32_t length = LZ_MIN_MATCH;
        while (position + length < limit && input[candidate + length] == input[position + length])
            length++;
        out = lz_write_sequence(out, input + anchor, position - anchor,
                                position - candidate, length);
        position += length;
        anchor = position;
    }
    /* The last literals, in a token with no match. */
    uint32_t literal_count = size - anchor;
    *out++ = (uint8_t)((literal_count < 15 ? literal_count : 15) << 4);
    if (literal_count >= 15)
        out = lz_write_length(out, literal_count - 15);
    for (uint32_t i = 0; i < literal_count; i++)
        *out++ = input[anchor + i];
    return (uint32_t)(out - start);
}

static const uint8_t *lz_read_length(const uint8_t *in, uint32_t *length)
{
    uint8_t byte;
    do {
        byte = *in++;
        *length += byte;
    } while (byte == 255);
    return in;
}

/* Decompresses `size` compressed bytes into `out`; returns the size
 * written. Matches may overlap their own output: copied byte by byte. */
static uint32_t lz_decompress(const uint8_t *in, uint32_t size, uint8_t *out)
{
    const uint8_t *end = in + size;
    uint8_t *start = out;
    for (;;) {
        uint8_t token = *in++;
        uint32_t literal_count = token >> 4;
        if (literal_count == 15)
            in = lz_read_length(in, &literal_count);
        for (uint32_t i = 0; i < literal_count; i++)
            *out++ = *in++;
        if (in >= end)
            return (uint32_t)(out - start);
        uint32_t offset = in[0] | (uint32_t)in[1] << 8;
        in += 2;
        uint32_t length = token & 15;
        if (length == 15)
            in = lz_read_length(in, &length);
        length += LZ_MIN_MATCH;
        const uint8_t *from = out - offset;
        for (uint32_t i = 0; i < length; i++)
            *out++ = from[i];
    }
}

/* Text-like input: words from a small vocabulary (many repeats at many
 * distances), runs of one byte, and stretches of noise. */
static void lz_make_input(uint32_t round)
{
    static const char vocabulary[] =
        "the of and to in is that for it as with was on be at by this had "
        "not are but from or have an they which one you were all her she ";
    uint32_t state = 0x12345678u ^ (round * 0x9e3779b9u);
    uint32_t i = 0;
    while (i < LZ_INPUT_SIZE) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        uint32_t kind = state & 15;
        if (kind < 12) {
            uint32_t at = (state >> 8) % (sizeof vocabulary - 12);
            for (uint32_t k = 0; k < 12 && i < LZ_INPUT_SIZE; k++)
                lz_input[i++] = (uint8_t)vocabulary[at + k];
        } else if (kind < 14) {
            for (uint32_t k = 0; k < 20 + (state >> 27) && i < LZ_INPUT_SIZE; k++)
                lz_input[i++] = (uint8_t)(state >> 8);
        } else {
            for (uint32_t k = 0; k < 16 && i < LZ_INPUT_SIZE; k++)
                lz_input[i++] = (uint8_t)(state >> ((k & 7) * 3)) ^ (uint8_t)k;
        }
    }
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        lz_make_input((uint32_t)round);
        uint32_t compressed = lz_compress(lz_input, LZ_INPUT_SIZE, lz_compressed);
        uint32_t restored = lz_decompress(lz_compressed, compressed, lz_output);
        uint64_t differences = restored != LZ_INPUT_SIZE;
        uint64_t hash = 0;
        for (uint32_t i = 0; i < LZ_INPUT_SIZE; i++)
            differences += lz_output[i] != lz_input[i];
        for (uint32_t i = 0; i < compressed; i++)
            hash = hash * 31 + lz_compressed[i];
        sum = checksum_mix(sum, compressed);
        sum = checksum_mix(sum, differences);
        sum = checksum_mix(sum, hash);
    }
    return (int64_t)sum;
}
