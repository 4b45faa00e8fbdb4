/* arena.c: the one allocator of itlc (freed once at exit) and small string helpers. */
#include <stdlib.h>
#include <string.h>

#include "itlc.h"

struct arena_block {
    arena_block *next;
    size_t size, used;
    max_align_t data[];
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

/* Bump-allocates from the head block; a request too big for a block gets a
 * block of its own. Memory is zeroed so structures start empty. */
void *arena_alloc(arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *block = a->head;
    if (!block || block->size - block->used < size) {
        size_t block_size = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        block = malloc(sizeof *block + block_size);
        if (!block) {
            fputs("itlc: out of memory\n", stderr);
            exit(2);
        }
        block->size = block_size;
        block->used = 0;
        /* a big block goes second so the head keeps serving small requests */
        if (a->head && block_size > ARENA_BLOCK_SIZE) {
            block->next = a->head->next;
            a->head->next = block;
        } else {
            block->next = a->head;
            a->head = block;
        }
    }
    void *result = (char *)block->data + block->used;
    block->used += size;
    memset(result, 0, size);
    return result;
}

char *arena_strndup(arena *a, const char *text, size_t length)
{
    char *copy = arena_alloc(a, length + 1);
    if (length)
        memcpy(copy, text, length);
    copy[length] = 0;
    return copy;
}

char *arena_printf(arena *a, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    char *text = arena_alloc(a, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    return text;
}

void *arena_grow(arena *a, void *items, size_t count, size_t *capacity, size_t element_size)
{
    if (count < *capacity)
        return items;
    size_t new_capacity = *capacity ? *capacity * 2 : 8;
    void *grown = arena_alloc(a, new_capacity * element_size);
    if (count)
        memcpy(grown, items, count * element_size);
    *capacity = new_capacity;
    return grown;
}

void arena_free(arena *a)
{
    arena_block *block = a->head;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    a->head = NULL;
}

bool str_equal(itlc_str a, itlc_str b)
{
    return a.length == b.length && (a.length == 0 || memcmp(a.bytes, b.bytes, a.length) == 0);
}

bool str_equal_cstr(itlc_str a, const char *b)
{
    itlc_str other = { b, strlen(b) };
    return str_equal(a, other);
}

/* FNV-1a. */
static size_t map_hash(const char *key, size_t length)
{
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)key[i]) * 0x100000001b3u;
    return (size_t)(hash ^ (hash >> 32));
}

static map_entry *map_slot(map_entry *entries, size_t capacity, const char *key, size_t length)
{
    size_t mask = capacity - 1;
    for (size_t i = map_hash(key, length) & mask;; i = (i + 1) & mask) {
        map_entry *entry = &entries[i];
        if (!entry->key || (entry->length == length && (length == 0 || memcmp(entry->key, key, length) == 0)))
            return entry;
    }
}

uint32_t *map_find(const itlc_map *m, const char *key, size_t length)
{
    if (!m->capacity)
        return NULL;
    map_entry *entry = map_slot(m->entries, m->capacity, key ? key : "", length);
    return entry->key ? &entry->value : NULL;
}

uint32_t *map_insert(itlc_map *m, arena *a, const char *key, size_t length, uint32_t value, bool *inserted)
{
    key = key ? key : "";
    if (2 * (m->count + 1) > m->capacity) {
        size_t capacity = m->capacity ? 2 * m->capacity : 16;
        map_entry *entries = arena_alloc(a, capacity * sizeof *entries); /* zeroed */
        for (size_t i = 0; i < m->capacity; i++)
            if (m->entries[i].key)
                *map_slot(entries, capacity, m->entries[i].key, m->entries[i].length) = m->entries[i];
        m->entries = entries;
        m->capacity = capacity;
    }
    map_entry *entry = map_slot(m->entries, m->capacity, key, length);
    bool is_new = !entry->key;
    if (is_new) {
        *entry = (map_entry){ key, length, value };
        m->count++;
    }
    if (inserted)
        *inserted = is_new;
    return &entry->value;
}

itlc_str map_pair_key(arena *a, itlc_str first, itlc_str second)
{
    char *key = arena_alloc(a, first.length + second.length + 2);
    if (first.length)
        memcpy(key, first.bytes, first.length);
    key[first.length] = '\0';
    if (second.length)
        memcpy(key + first.length + 1, second.bytes, second.length);
    key[first.length + 1 + second.length] = '\0';
    return (itlc_str){ key, first.length + 1 + second.length };
}
