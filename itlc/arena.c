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
