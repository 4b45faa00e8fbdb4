/* utf8.c: strict UTF-8 checking: the scalar reference, and SSSE3 and AVX2 versions of Keiser and Lemire's lookup algorithm chosen at run time. */
#include "loader.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* ----------------------------------------------------------------- scalar */

/* The first ill-formed sequence at or after `i` and what is wrong with it:
 * the slow, explaining half of utf8_check_scalar. */
static bool utf8_diagnose(const uint8_t *bytes, size_t size, size_t i,
                          size_t *bad_offset, const char **why)
{
    while (i < size) {
        uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t min, code;
        if (lead >= 0xc2 && lead <= 0xdf) {
            need = 1, min = 0x80, code = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            need = 2, min = 0x800, code = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            need = 3, min = 0x10000, code = lead & 0x07;
        } else {
            *bad_offset = i;
            *why = lead == 0xc0 || lead == 0xc1 ? "overlong encoding"
                   : lead <= 0xbf              ? "unexpected continuation byte"
                                               : "invalid lead byte";
            return false;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= size) {
                *bad_offset = i;
                *why = "truncated sequence at the end of the string";
                return false;
            }
            if ((bytes[i + k] & 0xc0) != 0x80) {
                *bad_offset = i;
                *why = "truncated sequence (a byte is not a continuation)";
                return false;
            }
            code = code << 6 | (bytes[i + k] & 0x3f);
        }
        *bad_offset = i;
        if (code < min) return *why = "overlong encoding", false;
        if (code >= 0xd800 && code <= 0xdfff)
            return *why = "encoded surrogate", false;
        if (code > 0x10ffff) return *why = "code point above U+10FFFF", false;
        i += need + 1;
    }
    return true;
}

/* The well-formed byte sequences of Unicode's table 3-7, ASCII eight bytes
 * at a time; at the first sequence that is not one, utf8_diagnose says what
 * is wrong. The reference every other version answers as. */
bool utf8_check_scalar(const uint8_t *bytes, size_t size, size_t *bad_offset,
                       const char **why)
{
    size_t i = 0;
    while (i < size) {
        if (size - i >= 8) {
            /* Skip the ASCII bytes before the first non-ASCII one
             * (little-endian: the lowest set bit is the first byte). */
            uint64_t word;
            memcpy(&word, bytes + i, 8);
            uint64_t high_bits = word & 0x8080808080808080u;
            if (!high_bits) {
                i += 8;
                continue;
            }
            i += (size_t)__builtin_ctzll(high_bits) / 8;
        }
        uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        /* The allowed range of the second byte depends on the lead. */
        uint8_t low = 0x80, high = 0xbf;
        size_t need;
        if (lead >= 0xc2 && lead <= 0xdf) need = 1;
        else if (lead >= 0xe0 && lead <= 0xef) {
            need = 2;
            if (lead == 0xe0) low = 0xa0;       /* no overlong forms */
            else if (lead == 0xed) high = 0x9f; /* no surrogates */
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            need = 3;
            if (lead == 0xf0) low = 0x90;       /* no overlong forms */
            else if (lead == 0xf4) high = 0x8f; /* nothing above U+10FFFF */
        } else
            break;
        if (size - i <= need || bytes[i + 1] < low || bytes[i + 1] > high) break;
        size_t k = 2;
        while (k <= need && (bytes[i + k] & 0xc0) == 0x80) k++;
        if (k <= need) break;
        i += need + 1;
    }
    return i >= size || utf8_diagnose(bytes, size, i, bad_offset, why);
}

#if defined(__x86_64__)

/* ---------------------------------------------------------- vector tables */

/*
 * Keiser and Lemire, "Validating UTF-8 in less than one instruction per
 * byte" (2021). Every error of UTF-8 shows in a pair of adjacent bytes
 * (the byte before, this byte), except two: a third or fourth byte that is
 * not a continuation, and a continuation that is not expected. The pair
 * errors are classified by three 16-entry tables, indexed by the high
 * nibble of the byte before, its low nibble and the high nibble of this
 * byte: each entry is the set of errors that nibble allows, so their AND is
 * the set of errors the pair has. Each error is a product of three nibble
 * sets, so the AND is exact (the two sharing bit 6 have the same high
 * nibbles). TWO_CONTINUATIONS is no error by itself: it must be set exactly
 * where the byte two before is a lead of 3 or 4 bytes or the byte three
 * before is a lead of 4 (then this byte must be a continuation, and so
 * must the one before); an XOR with that mask leaves only errors. What a
 * block leaves unfinished at its end (a lead in its last three bytes whose
 * sequence needs more) is checked with the next block, or at the end.
 *
 * The byte shuffles (pshufb) and shifts across vectors (palignr) are
 * SSSE3, not SSE2: the 16-byte version is compiled for SSSE3 and, like the
 * AVX2 one, chosen only if the CPU has it; x86-64 CPUs with SSE2 alone
 * (before Core 2 and AMD's Bulldozer) run the scalar check, which skips
 * ASCII 8 bytes at a time.
 */
enum {
    UTF8_TOO_SHORT = 1 << 0,  /* 11______ then 0_______ or 11______: a lead without its continuation */
    UTF8_TOO_LONG = 1 << 1,   /* 0_______ 10______: a continuation after ASCII */
    UTF8_OVERLONG_3 = 1 << 2, /* 11100000 100_____: below U+0800 in 3 bytes */
    UTF8_TOO_LARGE = 1 << 3,  /* 11110100..11111111 then 1001____ or 101_____: above U+10FFFF */
    UTF8_SURROGATE = 1 << 4,  /* 11101101 101_____: U+D800..U+DFFF */
    UTF8_OVERLONG_2 = 1 << 5, /* 1100000_ 10______: below U+0080 in 2 bytes */
    UTF8_OVERLONG_4 = 1 << 6, /* 11110000 1000____: below U+10000 in 4 bytes */
    UTF8_TOO_LARGE_1000 = 1 << 6,      /* 11110101..11111111 1000____ (shares the bit) */
    UTF8_TWO_CONTINUATIONS = 1 << 7,   /* 10______ 10______: a third or fourth byte, or an error */
    UTF8_ANY_LOW = UTF8_TOO_SHORT | UTF8_TOO_LONG | UTF8_TWO_CONTINUATIONS, /* high nibbles decide them */
};

/* Indexed by the high nibble of the byte before. */
static const uint8_t UTF8_FIRST_HIGH[16] = {
    /* 0_______ ASCII */
    UTF8_TOO_LONG, UTF8_TOO_LONG, UTF8_TOO_LONG, UTF8_TOO_LONG,
    UTF8_TOO_LONG, UTF8_TOO_LONG, UTF8_TOO_LONG, UTF8_TOO_LONG,
    /* 10______ continuations */
    UTF8_TWO_CONTINUATIONS, UTF8_TWO_CONTINUATIONS, UTF8_TWO_CONTINUATIONS, UTF8_TWO_CONTINUATIONS,
    /* 1100____ */ UTF8_TOO_SHORT | UTF8_OVERLONG_2,
    /* 1101____ */ UTF8_TOO_SHORT,
    /* 1110____ */ UTF8_TOO_SHORT | UTF8_OVERLONG_3 | UTF8_SURROGATE,
    /* 1111____ */ UTF8_TOO_SHORT | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000 | UTF8_OVERLONG_4,
};

/* Indexed by the low nibble of the byte before. */
static const uint8_t UTF8_FIRST_LOW[16] = {
    /* ____0000 */ UTF8_ANY_LOW | UTF8_OVERLONG_2 | UTF8_OVERLONG_3 | UTF8_OVERLONG_4,
    /* ____0001 */ UTF8_ANY_LOW | UTF8_OVERLONG_2,
    /* ____0010 */ UTF8_ANY_LOW,
    /* ____0011 */ UTF8_ANY_LOW,
    /* ____0100 */ UTF8_ANY_LOW | UTF8_TOO_LARGE,
    /* ____0101 .. ____1100 */
    UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000, UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000,
    UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000, UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000,
    UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000, UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000,
    UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000, UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000,
    /* ____1101 */ UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000 | UTF8_SURROGATE,
    /* ____1110, ____1111 */
    UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000, UTF8_ANY_LOW | UTF8_TOO_LARGE | UTF8_TOO_LARGE_1000,
};

/* Indexed by the high nibble of this byte. */
static const uint8_t UTF8_SECOND_HIGH[16] = {
    /* 0_______ ASCII */
    UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT,
    UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT,
    /* 1000____ */
    UTF8_TOO_LONG | UTF8_OVERLONG_2 | UTF8_TWO_CONTINUATIONS | UTF8_OVERLONG_3 | UTF8_TOO_LARGE_1000 |
        UTF8_OVERLONG_4,
    /* 1001____ */
    UTF8_TOO_LONG | UTF8_OVERLONG_2 | UTF8_TWO_CONTINUATIONS | UTF8_OVERLONG_3 | UTF8_TOO_LARGE,
    /* 1010____, 1011____ */
    UTF8_TOO_LONG | UTF8_OVERLONG_2 | UTF8_TWO_CONTINUATIONS | UTF8_SURROGATE | UTF8_TOO_LARGE,
    UTF8_TOO_LONG | UTF8_OVERLONG_2 | UTF8_TWO_CONTINUATIONS | UTF8_SURROGATE | UTF8_TOO_LARGE,
    /* 11______ leads */
    UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT, UTF8_TOO_SHORT,
};

/* The largest byte that ends a block without leaving a sequence unfinished,
 * by position: a lead of 4 bytes may not be among the last three, one of 3
 * among the last two, any lead not last. A 16-byte block uses the last 16. */
static const uint8_t UTF8_FINISHED_MAX[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xf0 - 1, 0xe0 - 1, 0xc0 - 1,
};

/* Moves the last k < 16 bytes of a 16-byte load to its front, zeros after:
 * a shuffle mask of 16 bytes from 16 - k. */
static const uint8_t UTF8_TO_FRONT[32] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};

/* The vector versions read the input 64 bytes at a time (a chunk: four
 * SSSE3 or two AVX2 blocks), skipping all-ASCII chunks with one test, and
 * look at the accumulated errors once per chunk. The rest, under 64 bytes,
 * goes 16 bytes at a time (utf8_scan_rest_ssse3), the last few bytes
 * shuffled out of the 16 that end the input, so nothing past the end is
 * read and nothing goes through memory (a store then a wider load would
 * stall); only an input shorter than 16 bytes is copied into a block, and
 * utf8_check leaves those to the scalar check. */
#define UTF8_CHUNK 64

/* The answer and offset of the scalar check from 0, resumed at `at` where
 * a vector check saw an error in the bytes from there (or at `size`, if it
 * saw the input end inside a sequence). Everything before `at` passed, so
 * it is valid UTF-8 but for at most one sequence cut at `at`: the scalar
 * check restarts at that sequence's lead, a character boundary, and reads
 * at most a chunk and a few bytes before it stops. */
static bool utf8_check_from(const uint8_t *bytes, size_t size, size_t at, size_t *bad_offset,
                            const char **why)
{
    size_t start = at;
    while (start > 0 && at - start < 3 && (bytes[start - 1] & 0xc0) == 0x80) start--;
    if (start > 0 && bytes[start - 1] >= 0xc0) start--;
    if (utf8_check_scalar(bytes + start, size - start, bad_offset, why)) return true;
    *bad_offset += start;
    return false;
}

/* ---------------------------------------------------------------- SSSE3 */

/* The errors of one 16-byte block given the block before it (zeros at the
 * start): non-zero bytes where something is wrong. */
__attribute__((target("ssse3"))) static inline __m128i
utf8_block_errors_ssse3(__m128i input, __m128i previous, __m128i first_high, __m128i first_low,
                        __m128i second_high)
{
    const __m128i nibble = _mm_set1_epi8(0x0f);
    __m128i before1 = _mm_alignr_epi8(input, previous, 16 - 1);
    __m128i before2 = _mm_alignr_epi8(input, previous, 16 - 2);
    __m128i before3 = _mm_alignr_epi8(input, previous, 16 - 3);
    __m128i pair = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(first_high, _mm_and_si128(_mm_srli_epi16(before1, 4), nibble)),
                      _mm_shuffle_epi8(first_low, _mm_and_si128(before1, nibble))),
        _mm_shuffle_epi8(second_high, _mm_and_si128(_mm_srli_epi16(input, 4), nibble)));
    /* Bit 7 where the byte two before is >= 0xe0 or the one three before >= 0xf0. */
    __m128i third = _mm_subs_epu8(before2, _mm_set1_epi8(0xe0 - 0x80));
    __m128i fourth = _mm_subs_epu8(before3, _mm_set1_epi8(0xf0 - 0x80));
    __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(pair, must_continue);
}

__attribute__((target("ssse3"))) static inline bool utf8_zero_ssse3(__m128i v)
{
    return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) == 0xffff;
}

/* The end of a scan: bytes[at, size), under 64 bytes, after the chunks
 * before `at` passed; `previous` is the 16 bytes before `at` (zeros at the
 * start), `unfinished` what they left unfinished. Every block is checked
 * whole, with the one before it, which covers a sequence cut at `at` (an
 * ASCII shortcut here costs mixed text more than it saves ASCII). The
 * last, short block is followed by zeros (ASCII, which ends any sequence
 * left unfinished). Returns and sets *resume as utf8_scan_ssse3. */
__attribute__((target("ssse3"))) static inline bool
utf8_scan_rest_ssse3(const uint8_t *bytes, size_t size, size_t at, __m128i previous, __m128i unfinished,
                     size_t *resume)
{
    if (at < size) {
        const __m128i first_high = _mm_loadu_si128((const __m128i *)UTF8_FIRST_HIGH);
        const __m128i first_low = _mm_loadu_si128((const __m128i *)UTF8_FIRST_LOW);
        const __m128i second_high = _mm_loadu_si128((const __m128i *)UTF8_SECOND_HIGH);
        __m128i errors = _mm_setzero_si128(), block = previous;
        for (size_t next = at; next < size; next += 16) {
            size_t left = size - next;
            if (left >= 16) {
                block = _mm_loadu_si128((const __m128i *)(bytes + next));
            } else if (size >= 16) {
                block = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(bytes + size - 16)),
                                         _mm_loadu_si128((const __m128i *)(UTF8_TO_FRONT + 16 - left)));
            } else { /* the whole input is shorter than a block */
                uint8_t few[16] = {0};
                memcpy(few, bytes, size);
                block = _mm_loadu_si128((const __m128i *)few);
            }
            errors = _mm_or_si128(errors, utf8_block_errors_ssse3(block, previous, first_high, first_low,
                                                                  second_high));
            previous = block;
        }
        if (!utf8_zero_ssse3(errors)) {
            *resume = at;
            return false;
        }
        unfinished = _mm_subs_epu8(block, _mm_loadu_si128((const __m128i *)(UTF8_FINISHED_MAX + 16)));
    }
    *resume = size;
    return utf8_zero_ssse3(unfinished);
}

__attribute__((target("ssse3"))) bool utf8_scan_ssse3(const uint8_t *bytes, size_t size, size_t *resume)
{
    const __m128i first_high = _mm_loadu_si128((const __m128i *)UTF8_FIRST_HIGH);
    const __m128i first_low = _mm_loadu_si128((const __m128i *)UTF8_FIRST_LOW);
    const __m128i second_high = _mm_loadu_si128((const __m128i *)UTF8_SECOND_HIGH);
    const __m128i finished_max = _mm_loadu_si128((const __m128i *)(UTF8_FINISHED_MAX + 16));
    __m128i previous = _mm_setzero_si128(), unfinished = previous, errors = previous;
    size_t at = 0;
    for (; size - at >= UTF8_CHUNK; at += UTF8_CHUNK) {
        __m128i block[4];
        for (int k = 0; k < 4; k++) block[k] = _mm_loadu_si128((const __m128i *)(bytes + at + 16 * k));
        __m128i any = _mm_or_si128(_mm_or_si128(block[0], block[1]), _mm_or_si128(block[2], block[3]));
        if (!_mm_movemask_epi8(any)) {
            /* All ASCII: right unless the chunk before left a sequence unfinished. */
            errors = _mm_or_si128(errors, unfinished);
            unfinished = _mm_setzero_si128();
        } else {
            for (int k = 0; k < 4; k++) {
                errors = _mm_or_si128(errors, utf8_block_errors_ssse3(block[k], k ? block[k - 1] : previous,
                                                                      first_high, first_low, second_high));
            }
            unfinished = _mm_subs_epu8(block[3], finished_max);
        }
        previous = block[3];
        if (!utf8_zero_ssse3(errors)) {
            *resume = at;
            return false;
        }
    }
    return utf8_scan_rest_ssse3(bytes, size, at, previous, unfinished, resume);
}

bool utf8_check_ssse3(const uint8_t *bytes, size_t size, size_t *bad_offset, const char **why)
{
    size_t resume;
    return utf8_scan_ssse3(bytes, size, &resume) || utf8_check_from(bytes, size, resume, bad_offset, why);
}

/* ----------------------------------------------------------------- AVX2 */

/* utf8_block_errors_ssse3 on 32 bytes. The shuffles work within each
 * 16-byte lane (the tables are in both), and so does alignr: the bytes
 * before each lane come from a vector of the lanes before them. */
__attribute__((target("avx2"))) static inline __m256i
utf8_block_errors_avx2(__m256i input, __m256i previous, __m256i first_high, __m256i first_low,
                       __m256i second_high)
{
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    __m256i lanes_before = _mm256_permute2x128_si256(previous, input, 0x21);
    __m256i before1 = _mm256_alignr_epi8(input, lanes_before, 16 - 1);
    __m256i before2 = _mm256_alignr_epi8(input, lanes_before, 16 - 2);
    __m256i before3 = _mm256_alignr_epi8(input, lanes_before, 16 - 3);
    __m256i pair = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(first_high, _mm256_and_si256(_mm256_srli_epi16(before1, 4), nibble)),
                         _mm256_shuffle_epi8(first_low, _mm256_and_si256(before1, nibble))),
        _mm256_shuffle_epi8(second_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble)));
    __m256i third = _mm256_subs_epu8(before2, _mm256_set1_epi8(0xe0 - 0x80));
    __m256i fourth = _mm256_subs_epu8(before3, _mm256_set1_epi8(0xf0 - 0x80));
    __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(pair, must_continue);
}

/* utf8_scan_ssse3 with two 32-byte blocks per chunk; the rest under 64
 * bytes is utf8_scan_rest_ssse3's, from the upper halves of the state
 * (what is unfinished is in the last three bytes). */
__attribute__((target("avx2"))) bool utf8_scan_avx2(const uint8_t *bytes, size_t size, size_t *resume)
{
    const __m256i first_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)UTF8_FIRST_HIGH));
    const __m256i first_low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)UTF8_FIRST_LOW));
    const __m256i second_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)UTF8_SECOND_HIGH));
    const __m256i finished_max = _mm256_loadu_si256((const __m256i *)UTF8_FINISHED_MAX);
    __m256i previous = _mm256_setzero_si256(), unfinished = previous, errors = previous;
    size_t at = 0;
    for (; size - at >= UTF8_CHUNK; at += UTF8_CHUNK) {
        __m256i low = _mm256_loadu_si256((const __m256i *)(bytes + at));
        __m256i high = _mm256_loadu_si256((const __m256i *)(bytes + at + 32));
        if (!_mm256_movemask_epi8(_mm256_or_si256(low, high))) {
            errors = _mm256_or_si256(errors, unfinished);
            unfinished = _mm256_setzero_si256();
        } else {
            errors = _mm256_or_si256(errors, utf8_block_errors_avx2(low, previous, first_high, first_low,
                                                                    second_high));
            errors = _mm256_or_si256(errors, utf8_block_errors_avx2(high, low, first_high, first_low,
                                                                    second_high));
            unfinished = _mm256_subs_epu8(high, finished_max);
        }
        previous = high;
        if (!_mm256_testz_si256(errors, errors)) {
            *resume = at;
            return false;
        }
    }
    return utf8_scan_rest_ssse3(bytes, size, at, _mm256_extracti128_si256(previous, 1),
                                _mm256_extracti128_si256(unfinished, 1), resume);
}

bool utf8_check_avx2(const uint8_t *bytes, size_t size, size_t *bad_offset, const char **why)
{
    size_t resume;
    return utf8_scan_avx2(bytes, size, &resume) || utf8_check_from(bytes, size, resume, bad_offset, why);
}

#endif /* __x86_64__ */

/* ------------------------------------------------------------- dispatch */

/* Below this many bytes the scalar check is faster: a vector check would
 * copy the input into a zeroed block (a store then a wider load). */
#define UTF8_VECTOR_MIN 16

bool utf8_check(const uint8_t *bytes, size_t size, size_t *bad_offset, const char **why)
{
#if defined(__x86_64__)
    /* __builtin_cpu_supports reads what libgcc's constructor found (cpuid,
     * and for AVX2 that the OS saves the ymm registers): a load and a test. */
    if (size >= UTF8_VECTOR_MIN) {
        if (__builtin_cpu_supports("avx2")) return utf8_check_avx2(bytes, size, bad_offset, why);
        if (__builtin_cpu_supports("ssse3")) return utf8_check_ssse3(bytes, size, bad_offset, why);
    }
#endif
    return utf8_check_scalar(bytes, size, bad_offset, why);
}

const char *utf8_check_kind(void)
{
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return "avx2";
    if (__builtin_cpu_supports("ssse3")) return "ssse3";
#endif
    return "scalar";
}
