/* strings.c: libc string code with allocation churn: strlen/memcpy/strcmp/strstr/strchr and malloc/realloc/free. */
/* bench n: 300 */
#include "kernel.h"

/*
 * The one kernel that uses libc (bench/build.mk: BENCH_LIBC_KERNELS): it is
 * compiled hosted (no -ffreestanding, so clang may also expand small
 * memcpy/strlen calls itself) and linked with wasi-libc in wasm (musl's C
 * string functions, dlmalloc over memory.grow) and with glibc natively (its
 * vectorised string functions, its malloc). That is what real programs get
 * on each side; it also means native is a hard reference here.
 *
 * A round builds a text of words grown by realloc, splits it into malloc'd
 * words kept in a realloc'd array, interns them in a hash table (strcmp on
 * collisions), searches the text with strstr and strchr, joins the words
 * into lines, compares those, and frees everything. Nothing an address
 * decides enters the checksum.
 */
#include <stdlib.h>
#include <string.h>

#define STRINGS_WORDS 6000
#define STRINGS_TABLE_SLOTS 4096 /* power of two, more than distinct words */

static const char *const strings_syllables[16] = {
    "ka", "lo", "mir", "en", "dus", "tra", "vel", "o", "pen", "qui", "sa",
    "rho", "ne", "ath", "ul", "zy",
};

typedef struct strings_buffer {
    char *bytes;
    size_t length, capacity;
} strings_buffer;

/* Appends `text` (of `length` bytes) and a terminating zero, doubling the
 * capacity with realloc when needed; returns 0 when out of memory. */
static int strings_append(strings_buffer *buffer, const char *text, size_t length)
{
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 16;
        while (buffer->length + length + 1 > capacity)
            capacity *= 2;
        char *bytes = realloc(buffer->bytes, capacity);
        if (!bytes)
            return 0;
        buffer->bytes = bytes;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, text, length);
    buffer->length += length;
    buffer->bytes[buffer->length] = 0;
    return 1;
}

/* A text of STRINGS_WORDS words of 1-4 syllables separated by spaces, a
 * newline every 12 words. */
static int strings_make_text(strings_buffer *text, uint32_t *state)
{
    for (uint32_t word = 0; word < STRINGS_WORDS; word++) {
        uint32_t x = *state = *state * 1664525u + 1013904223u;
        uint32_t syllables = 1 + (x >> 30);
        for (uint32_t s = 0; s < syllables; s++) {
            const char *syllable = strings_syllables[(x >> (4 * s + 8)) & 15];
            if (!strings_append(text, syllable, strlen(syllable)))
                return 0;
        }
        if (!strings_append(text, word % 12 == 11 ? "\n" : " ", 1))
            return 0;
    }
    return 1;
}

static uint32_t strings_hash(const char *word)
{
    uint32_t hash = 2166136261u;
    for (; *word; word++)
        hash = (hash ^ (uint8_t)*word) * 16777619u;
    return hash;
}

/* Interns `word` in the table; returns 1 if it was new. */
static int strings_intern(const char **table, uint32_t *counts, const char *word)
{
    uint32_t slot = strings_hash(word) & (STRINGS_TABLE_SLOTS - 1);
    while (table[slot]) {
        if (strcmp(table[slot], word) == 0) {
            counts[slot]++;
            return 0;
        }
        slot = (slot + 1) & (STRINGS_TABLE_SLOTS - 1);
    }
    table[slot] = word;
    counts[slot] = 1;
    return 1;
}

/* One round; returns its checksum, or 0 when out of memory. */
static uint64_t strings_round(uint32_t round)
{
    uint64_t sum = round;
    uint32_t state = 12345u + round * 7919u;
    strings_buffer text = {0};
    if (!strings_make_text(&text, &state))
        return 0;
    sum = checksum_mix(sum, strlen(text.bytes));

    /* Split with strchr into malloc'd copies, kept in a realloc'd array. */
    char **words = NULL;
    size_t word_count = 0, word_capacity = 0;
    const char *line = text.bytes;
    while (*line) {
        const char *line_end = strchr(line, '\n');
        if (!line_end)
            line_end = line + strlen(line);
        const char *start = line;
        while (start < line_end) {
            const char *space = strchr(start, ' ');
            const char *end = space && space < line_end ? space : line_end;
            size_t length = (size_t)(end - start);
            if (word_count == word_capacity) {
                word_capacity = word_capacity ? word_capacity * 2 : 8;
                char **grown = realloc(words, word_capacity * sizeof *words);
                if (!grown)
                    return 0;
                words = grown;
            }
            char *copy = malloc(length + 1);
            if (!copy)
                return 0;
            memcpy(copy, start, length);
            copy[length] = 0;
            words[word_count++] = copy;
            start = end + 1;
        }
        line = *line_end ? line_end + 1 : line_end;
    }
    sum = checksum_mix(sum, word_count);

    /* Intern: distinct words and their counts. */
    const char **table = calloc(STRINGS_TABLE_SLOTS, sizeof *table);
    uint32_t *counts = calloc(STRINGS_TABLE_SLOTS, sizeof *counts);
    if (!table || !counts)
        return 0;
    uint64_t distinct = 0;
    for (size_t i = 0; i < word_count; i++)
        distinct += (uint64_t)strings_intern(table, counts, words[i]);
    sum = checksum_mix(sum, distinct);
    for (uint32_t slot = 0; slot < STRINGS_TABLE_SLOTS; slot++)
        if (table[slot])
            sum = checksum_mix(sum, strings_hash(table[slot]) ^ counts[slot]);

    /* Search: every occurrence of a few words' texts (strstr), and the
     * spaces of each line (strchr). */
    for (uint32_t k = 0; k < 24; k++) {
        const char *needle = words[(k * 977 + round) % word_count];
        uint64_t found = 0, where = 0;
        for (const char *at = strstr(text.bytes, needle); at; at = strstr(at + 1, needle)) {
            found++;
            where += (uint64_t)(at - text.bytes);
        }
        sum = checksum_mix(sum, found ^ (where << 20));
    }

    /* Join every 12 words into a line of its own (free the old one as it
     * is replaced), and compare neighbouring lines. */
    char *previous = NULL;
    uint64_t order = 0;
    for (size_t i = 0; i + 12 <= word_count; i += 12) {
        strings_buffer joined = {0};
        for (size_t j = i; j < i + 12; j++)
            if (!strings_append(&joined, words[j], strlen(words[j])) ||
                !strings_append(&joined, ",", 1))
                return 0;
        if (previous) {
            int compared = strcmp(previous, joined.bytes);
            order = order * 3 + (uint64_t)(compared < 0 ? 0 : compared == 0 ? 1 : 2);
            free(previous);
        }
        previous = joined.bytes;
    }
    free(previous);
    sum = checksum_mix(sum, order);

    for (size_t i = 0; i < word_count; i++)
        free(words[i]);
    free(words);
    free(table);
    free(counts);
    free(text.bytes);
    return sum;
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        uint64_t result = strings_round((uint32_t)round);
        if (!result)
            return -1; /* out of memory: differs from native's checksum */
        sum = checksum_mix(sum, result);
    }
    return (int64_t)sum;
}
