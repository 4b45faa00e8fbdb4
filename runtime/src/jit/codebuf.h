/* codebuf.h: a growable byte buffer that the assemblers emit machine code into. */
#ifndef WRT_JIT_CODEBUF_H
#define WRT_JIT_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes are appended; on allocation failure `failed` is set and further
 * writes are dropped, so emitters never check: the compiler checks once per
 * function. Offsets (not pointers) name positions, since the buffer moves. */
typedef struct codebuf {
    uint8_t *bytes;
    size_t size;
    size_t capacity;
    bool failed;
} codebuf;

static inline bool codebuf_reserve(codebuf *buf, size_t extra)
{
    if (buf->failed)
        return false;
    if (buf->size + extra <= buf->capacity)
        return true;
    size_t capacity = buf->capacity ? buf->capacity : 256;
    while (capacity < buf->size + extra)
        capacity *= 2;
    uint8_t *bytes = realloc(buf->bytes, capacity);
    if (!bytes) {
        buf->failed = true;
        return false;
    }
    buf->bytes = bytes;
    buf->capacity = capacity;
    return true;
}

static inline void codebuf_byte(codebuf *buf, uint8_t byte)
{
    if (codebuf_reserve(buf, 1))
        buf->bytes[buf->size++] = byte;
}

static inline void codebuf_u32(codebuf *buf, uint32_t value)
{
    if (codebuf_reserve(buf, 4)) {
        memcpy(buf->bytes + buf->size, &value, 4);
        buf->size += 4;
    }
}

static inline void codebuf_u64(codebuf *buf, uint64_t value)
{
    if (codebuf_reserve(buf, 8)) {
        memcpy(buf->bytes + buf->size, &value, 8);
        buf->size += 8;
    }
}

/* Overwrites 4 bytes at `offset` (patching branch displacements). */
static inline void codebuf_patch_u32(codebuf *buf, size_t offset, uint32_t value)
{
    if (!buf->failed && offset + 4 <= buf->size)
        memcpy(buf->bytes + offset, &value, 4);
}

static inline void codebuf_free(codebuf *buf)
{
    free(buf->bytes);
    memset(buf, 0, sizeof *buf);
}

#endif
