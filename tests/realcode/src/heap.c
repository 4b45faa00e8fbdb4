/* heap.c: malloc, calloc, realloc and free churn (dlmalloc in wasi-libc) with every block's contents checked, plus a growing hash table and a linked list. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 88172645u;

static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

#define SLOTS 256

typedef struct block {
    unsigned char *data;
    size_t size;
    unsigned char fill;
} block;

static int check(const block *b)
{
    for (size_t i = 0; i < b->size; i++)
        if (b->data[i] != (unsigned char)(b->fill + i))
            return 0;
    return 1;
}

static void set(block *b, size_t from)
{
    for (size_t i = from; i < b->size; i++)
        b->data[i] = (unsigned char)(b->fill + i);
}

/* Random allocations, reallocations and frees; a block's bytes must survive
 * realloc up to the smaller size. */
static void churn(int rounds)
{
    static block blocks[SLOTS];
    int bad = 0, allocations = 0, reallocations = 0, frees = 0;
    size_t live = 0, peak = 0;
    for (int round = 0; round < rounds; round++) {
        block *b = &blocks[next_random() % SLOTS];
        uint32_t action = next_random() % 4;
        size_t size = next_random() % (next_random() % 8 == 0 ? 20000 : 300) + 1;
        if (!b->data) {
            b->data = action == 0 ? calloc(size, 1) : malloc(size);
            if (action == 0)
                for (size_t i = 0; i < size; i++)
                    bad += b->data[i] != 0;
            b->size = size;
            b->fill = (unsigned char)next_random();
            set(b, 0);
            live += size;
            allocations++;
        } else if (action == 3) {
            bad += !check(b);
            free(b->data);
            live -= b->size;
            b->data = NULL;
            frees++;
        } else {
            bad += !check(b);
            unsigned char *grown = realloc(b->data, size);
            size_t old = b->size;
            b->data = grown;
            b->size = size;
            if (size < old)
                bad += !check(b);
            else {
                for (size_t i = 0; i < old; i++)
                    bad += grown[i] != (unsigned char)(b->fill + i);
                set(b, old);
            }
            live = live - old + size;
            reallocations++;
        }
        peak = live > peak ? live : peak;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (blocks[i].data) {
            bad += !check(&blocks[i]);
            live -= blocks[i].size;
            free(blocks[i].data);
            blocks[i].data = NULL;
        }
    }
    printf("churn %d: %d malloc, %d realloc, %d free, peak %zu, left %zu, bad %d\n", rounds,
           allocations, reallocations, frees, peak, live, bad);
}

typedef struct entry {
    char *key;
    int value;
    struct entry *next;
} entry;

typedef struct table {
    entry **buckets;
    size_t bucket_count, size;
} table;

static uint32_t hash_string(const char *s)
{
    uint32_t h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static void table_grow(table *t)
{
    size_t count = t->bucket_count ? t->bucket_count * 2 : 8;
    entry **buckets = calloc(count, sizeof *buckets);
    for (size_t i = 0; i < t->bucket_count; i++) {
        for (entry *e = t->buckets[i], *next; e; e = next) {
            next = e->next;
            size_t j = hash_string(e->key) % count;
            e->next = buckets[j];
            buckets[j] = e;
        }
    }
    free(t->buckets);
    t->buckets = buckets;
    t->bucket_count = count;
}

/* Adds `delta` to key's value (a new key starts at 0). */
static void table_add(table *t, const char *key, int delta)
{
    if (t->size >= t->bucket_count * 3 / 4)
        table_grow(t);
    size_t i = hash_string(key) % t->bucket_count;
    for (entry *e = t->buckets[i]; e; e = e->next) {
        if (strcmp(e->key, key) == 0) {
            e->value += delta;
            return;
        }
    }
    entry *e = malloc(sizeof *e);
    e->key = malloc(strlen(key) + 1);
    strcpy(e->key, key);
    e->value = delta;
    e->next = t->buckets[i];
    t->buckets[i] = e;
    t->size++;
}

static void words_table(void)
{
    table t = {NULL, 0, 0};
    char key[16];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%u", (unsigned)(next_random() % 700));
        table_add(&t, key, (int)(next_random() % 10));
    }
    long sum = 0;
    int longest = 0;
    for (size_t i = 0; i < t.bucket_count; i++) {
        int chain = 0;
        for (entry *e = t.buckets[i], *next; e; e = next, chain++) {
            next = e->next;
            sum += e->value * (long)hash_string(e->key) % 1000;
            free(e->key);
            free(e);
        }
        longest = chain > longest ? chain : longest;
    }
    free(t.buckets);
    printf("table: %zu keys in %zu buckets, longest chain %d, sum %ld\n", t.size, t.bucket_count,
           longest, sum);
}

int main(void)
{
    churn(100);
    churn(5000);
    churn(20000);
    words_table();
    return 0;
}
