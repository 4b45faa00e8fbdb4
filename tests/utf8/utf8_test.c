/* utf8_test.c: every version of the loader's UTF-8 check (loader/src/utf8.c) against the scalar reference: the same answer, offset and reason on exhaustive short sequences, placements at every offset, substitutions and random buffers. */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"

/*
 * utf8_test [RANDOM_BUFFERS [SEED]]
 *
 * The versions compared with utf8_check_scalar: utf8_check (the dispatch,
 * which runs the scalar one below 16 bytes), and on x86-64
 * utf8_check_ssse3 and utf8_check_avx2 called directly, and their vector
 * halves alone (utf8_scan_*), each only if the CPU has it (the first line
 * says which ran). Each group of inputs is one
 * check: its count of disagreements must be 0 (the first few are printed).
 * Every input sits at the very end of a heap block, so under ASan a read
 * past its end is an error.
 */

typedef bool utf8_version(const uint8_t *bytes, size_t size, size_t *bad_offset, const char **why);

typedef struct version {
    const char *name;
    utf8_version *check;
} version;

static version versions[3];
static size_t version_count;

/* The vector halves alone (no scalar fallback, which would hide a false
 * alarm): exact on valid/invalid, and the chunk they resume from holds the
 * first error (its lead may be up to 3 bytes before the chunk). */
typedef bool utf8_scan(const uint8_t *bytes, size_t size, size_t *resume);

typedef struct scanner {
    const char *name;
    utf8_scan *scan;
} scanner;

static scanner scanners[2];
static size_t scanner_count;

/* Where inputs are placed: the last `size` bytes of a block of AREA_SIZE. */
#define AREA_SIZE (2u << 20)
static uint8_t *area;

static long group_compared, group_disagreed;

static void dump(const uint8_t *bytes, size_t size, size_t around)
{
    size_t from = around > 8 ? around - 8 : 0, to = around + 8 < size ? around + 8 : size;
    printf("      %zu bytes, [%zu..%zu):", size, from, to);
    for (size_t i = from; i < to; i++) printf(" %02x", bytes[i]);
    printf("\n");
}

/* Compares every version with the scalar one on bytes[0, size) (which
 * must be in `area`, ending at its end). */
static void compare(const uint8_t *bytes, size_t size)
{
    size_t want_offset = 0;
    const char *want_why = NULL;
    bool want = utf8_check_scalar(bytes, size, &want_offset, &want_why);
    for (size_t v = 0; v < scanner_count; v++) {
        size_t resume = SIZE_MAX;
        bool got = scanners[v].scan(bytes, size, &resume);
        group_compared++;
        if (got == want && (got || resume == size || (want_offset + 3 >= resume && want_offset < resume + 64)))
            continue;
        if (group_disagreed++ < 8) {
            printf("    %s: %s", scanners[v].name, got ? "valid" : "invalid");
            if (!got) printf(", resuming at %zu", resume);
            printf(", scalar: %s", want ? "valid" : "invalid");
            if (!want) printf(" at %zu (%s)", want_offset, want_why);
            printf("\n");
            dump(bytes, size, want ? 0 : want_offset);
        }
    }
    for (size_t v = 0; v < version_count; v++) {
        size_t offset = SIZE_MAX;
        const char *why = NULL;
        bool got = versions[v].check(bytes, size, &offset, &why);
        group_compared++;
        if (got == want && (got || (offset == want_offset && why && strcmp(why, want_why) == 0)))
            continue;
        if (group_disagreed++ < 8) {
            printf("    %s: %s", versions[v].name, got ? "valid" : "invalid");
            if (!got) printf(" at %zu (%s)", offset, why ? why : "no reason");
            printf(", scalar: %s", want ? "valid" : "invalid");
            if (!want) printf(" at %zu (%s)", want_offset, want_why);
            printf("\n");
            dump(bytes, size, want ? (got ? 0 : offset) : want_offset);
        }
    }
}

/* A buffer of `size` bytes ending at the end of the area. */
static uint8_t *at_end(size_t size)
{
    return area + AREA_SIZE - size;
}

static void group_start(void)
{
    group_compared = group_disagreed = 0;
}

static void group_end(const char *what)
{
    check(group_disagreed == 0, "%s: %ld disagreements in %ld comparisons", what, group_disagreed,
          group_compared);
    printf("  %s: %ld comparisons\n", what, group_compared);
}

/* --------------------------------------------------------- short sequences */

/* Every 1-, 2- and 3-byte input, as a whole buffer. */
static void test_all_short(void)
{
    group_start();
    for (uint32_t length = 1; length <= 3; length++) {
        uint8_t *bytes = at_end(length);
        for (uint32_t value = 0; value < 1u << (8 * length); value++) {
            for (uint32_t k = 0; k < length; k++) bytes[k] = (uint8_t)(value >> (8 * k));
            compare(bytes, length);
        }
    }
    group_end("every input of 1, 2 and 3 bytes");
}

/* Byte values at the edges of every class UTF-8 tells apart (ASCII, the
 * continuation ranges that matter after E0, ED, F0 and F4, each kind of
 * lead, the bytes that never appear). */
static const uint8_t EDGES[] = {
    0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
    0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xff,
};
#define EDGE_COUNT (sizeof EDGES / sizeof EDGES[0])

/* 4-byte inputs: all of EDGES in each position, and every first two bytes
 * followed by continuations or a lead. */
static void test_four_bytes(void)
{
    static const uint8_t TAIL[] = {0x80, 0xbf, 0x41, 0xc2};
    group_start();
    uint8_t *bytes = at_end(4);
    for (size_t a = 0; a < EDGE_COUNT; a++)
        for (size_t b = 0; b < EDGE_COUNT; b++)
            for (size_t c = 0; c < EDGE_COUNT; c++)
                for (size_t d = 0; d < EDGE_COUNT; d++) {
                    bytes[0] = EDGES[a], bytes[1] = EDGES[b], bytes[2] = EDGES[c], bytes[3] = EDGES[d];
                    compare(bytes, 4);
                }
    for (uint32_t first = 0; first < 65536; first++)
        for (size_t c = 0; c < sizeof TAIL; c++)
            for (size_t d = 0; d < sizeof TAIL; d++) {
                bytes[0] = (uint8_t)first, bytes[1] = (uint8_t)(first >> 8), bytes[2] = TAIL[c], bytes[3] = TAIL[d];
                compare(bytes, 4);
            }
    group_end("4-byte inputs (edge bytes in every position; every first two bytes)");
}

/* Every sequence of 1 to 4 of these bytes at every offset 0..63 in ASCII
 * buffers ending right after it, one byte later, 31 bytes later (across the
 * next block and chunk) and at 130 bytes: every block boundary, chunk
 * boundary, padded last chunk and unfinished sequence before ASCII. */
static const uint8_t PLACED[] = {0x41, 0x80, 0x8f, 0x90, 0xa0, 0xbf, 0xc1, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5};
#define PLACED_COUNT (sizeof PLACED / sizeof PLACED[0])

static void test_placements(void)
{
    group_start();
    uint8_t sequence[4];
    for (size_t length = 1; length <= 4; length++) {
        size_t combinations = 1;
        for (size_t k = 0; k < length; k++) combinations *= PLACED_COUNT;
        for (size_t n = 0; n < combinations; n++) {
            for (size_t k = 0, rest = n; k < length; k++, rest /= PLACED_COUNT)
                sequence[k] = PLACED[rest % PLACED_COUNT];
            for (size_t offset = 0; offset < 64; offset++) {
                const size_t sizes[] = {offset + length, offset + length + 1, offset + length + 31, 130};
                for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
                    uint8_t *bytes = at_end(sizes[s]);
                    memset(bytes, 'a', sizes[s]);
                    memcpy(bytes + offset, sequence, length);
                    compare(bytes, sizes[s]);
                }
            }
        }
    }
    group_end("sequences of 1-4 edge bytes at every offset 0..63, 4 buffer sizes");
}

/* ------------------------------------------------------------------ texts */

/* Characters of 1 to 4 bytes, including the first and last of each length
 * and the neighbours of the surrogates. */
static const char *const CHARACTERS[] = {
    "a", "Z", " ", "\x7f", "\x00", "\xc2\x80", "\xc3\xa9", "\xdf\xbf", "\xe0\xa0\x80", "\xe4\xbd\xa0",
    "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf0\x9f\x98\x80",
    "\xf3\xbf\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xd0\xb6", "\xe2\x82\xac",
};
#define CHARACTER_COUNT (sizeof CHARACTERS / sizeof CHARACTERS[0])

static uint64_t random_state = 0x9e3779b97f4a7c15u;

static uint64_t random_next(void)
{
    /* xorshift64* */
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 0x2545f4914f6cdd1du;
}

static size_t character_length(const char *character)
{
    return character[0] ? strlen(character) : 1; /* "\x00" is the NUL character */
}

/* Valid UTF-8 into out[0, size): random characters, `ascii_percent` of
 * them ASCII, then ASCII to fill what is left. */
static void random_text(uint8_t *out, size_t size, unsigned ascii_percent)
{
    size_t at = 0;
    while (at < size) {
        const char *character = random_next() % 100 < ascii_percent ? "x"
                                : CHARACTERS[random_next() % CHARACTER_COUNT];
        size_t length = character_length(character);
        if (length > size - at) character = "y", length = 1;
        memcpy(out + at, character, length);
        at += length;
    }
}

/* Every byte value at every position of mixed texts (some placed after
 * ASCII so positions cross chunks at every phase), and every prefix. */
static void test_substitutions(void)
{
    group_start();
    uint8_t text[300];
    for (int t = 0; t < 4; t++) {
        random_text(text, sizeof text, t == 0 ? 0 : 30 * (unsigned)t);
        for (size_t size = 0; size <= sizeof text; size++) compare(memcpy(at_end(size), text, size), size);
        for (size_t position = 0; position < sizeof text; position++)
            for (unsigned value = 0; value < 256; value++) {
                uint8_t *bytes = memcpy(at_end(sizeof text), text, sizeof text);
                bytes[position] = (uint8_t)value;
                compare(bytes, sizeof text);
            }
    }
    group_end("every byte at every position of 300-byte mixed texts, and their prefixes");
}

/* Random inputs: bytes (mostly ASCII, so errors come late), and valid text
 * of 0 to 2000 bytes with 0 to 3 corruptions (a random byte, a byte of
 * EDGES, or the text cut short). */
static void test_random(long count)
{
    group_start();
    static uint8_t buffer[2048];
    for (long n = 0; n < count; n++) {
        uint64_t shape = random_next();
        size_t size = shape & 1 ? (size_t)(random_next() % 200) : (size_t)(random_next() % 2001);
        if (shape & 2) {
            unsigned ascii_percent = (unsigned)(random_next() % 101);
            for (size_t i = 0; i < size; i++)
                buffer[i] = random_next() % 100 < ascii_percent ? (uint8_t)(random_next() & 0x7f)
                                                               : (uint8_t)random_next();
        } else {
            random_text(buffer, size, (unsigned)(random_next() % 101));
            unsigned corruptions = (unsigned)(random_next() % 4);
            for (unsigned c = 0; c < corruptions && size; c++) {
                size_t position = (size_t)(random_next() % size);
                switch (random_next() % 3) {
                case 0: buffer[position] = (uint8_t)random_next(); break;
                case 1: buffer[position] = EDGES[random_next() % EDGE_COUNT]; break;
                default: size = position; break;
                }
            }
        }
        compare(memcpy(at_end(size), buffer, size), size);
    }
    group_end("random buffers (bytes; valid text with corruptions)");
}

/* 1 MiB of mixed text: valid, then with one bad byte near each chunk
 * boundary of its last kilobyte and at the very end. */
static void test_large(void)
{
    group_start();
    const size_t size = 1u << 20;
    uint8_t *text = malloc(size);
    if (!text) {
        check(false, "out of memory");
        return;
    }
    random_text(text, size, 50);
    uint8_t *bytes = memcpy(at_end(size), text, size);
    compare(bytes, size);
    for (size_t position = size - 1024; position < size; position += 61) {
        for (unsigned v = 0; v < 3; v++) {
            memcpy(bytes, text, size);
            bytes[position] = (uint8_t[]){0x80, 0xc0, 0xf0}[v];
            compare(bytes, size);
        }
    }
    memcpy(bytes, text, size);
    bytes[size - 1] = 0xe1;
    compare(bytes, size);
    free(text);
    group_end("1 MiB of mixed text, valid and with late errors");
}

int main(int argc, char **argv)
{
    long random_count = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
    if (argc > 2) random_state = strtoull(argv[2], NULL, 0) | 1;
    area = malloc(AREA_SIZE);
    if (!area) return 1;

    versions[version_count++] = (version){"utf8_check", utf8_check};
#if defined(__x86_64__)
    if (__builtin_cpu_supports("ssse3")) {
        versions[version_count++] = (version){"utf8_check_ssse3", utf8_check_ssse3};
        scanners[scanner_count++] = (scanner){"utf8_scan_ssse3", utf8_scan_ssse3};
    }
    if (__builtin_cpu_supports("avx2")) {
        versions[version_count++] = (version){"utf8_check_avx2", utf8_check_avx2};
        scanners[scanner_count++] = (scanner){"utf8_scan_avx2", utf8_scan_avx2};
    }
#endif
    printf("utf8: against utf8_check_scalar:");
    for (size_t v = 0; v < version_count; v++) printf(" %s", versions[v].name);
    for (size_t v = 0; v < scanner_count; v++) printf(" %s", scanners[v].name);
    printf(" (utf8_check runs %s from 16 bytes); random seed 0x%llx\n", utf8_check_kind(),
           (unsigned long long)random_state);
    check(version_count > 1 || strcmp(utf8_check_kind(), "scalar") == 0,
          "a vector version is chosen but none was tested");

    test_all_short();
    test_four_bytes();
    test_placements();
    test_substitutions();
    test_random(random_count);
    test_large();
    free(area);
    return check_summary();
}
