/* codebuf.h: a growable byte buffer that the assemblers emit machine code into. */
#ifndef WRT_JIT_CODEBUF_H
#define WRT_JIT_CODEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Bytes are appended; on allocation failure `failed` is set and further
 * writes are dropped, so emitters never check: the compiler checks once per
 * function. Offsets (not pointers) name positions, since the buffer moves.
 * The bytes live in whole pages of their own (mmap, grown with mremap), so
 * that the finished image can become executable code in place
 * (codemem_adopt) instead of being copied. A zeroed codebuf is empty. */
typedef struct codebuf {
    uint8_t *bytes;
    size_t size;
    size_t capacity;   /* bytes mapped */
    bool failed;
} codebuf;

/* Makes room for at least `extra` more bytes (the slow path of
 * codebuf_reserve); false, with `failed` set, if mapping fails. */
bool codebuf_grow(codebuf *buf, size_t extra);

static inline bool codebuf_reserve(codebuf *buf, size_t extra)
{
    if (buf->failed)
        return false;
    if (buf->size + extra <= buf->capacity)
        return true;
    return codebuf_grow(buf, extra);
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

/* For an emitter that writes one instruction of at most `max` bytes
 * through a pointer: codebuf_open returns where to write (NULL once the
 * buffer has failed, and the instruction is dropped), codebuf_close takes
 * the pointer one past the last byte written. */
static inline uint8_t *codebuf_open(codebuf *buf, size_t max)
{
    return codebuf_reserve(buf, max) ? buf->bytes + buf->size : NULL;
}

static inline void codebuf_close(codebuf *buf, uint8_t *end)
{
    buf->size = (size_t)(end - buf->bytes);
}

/* Overwrites 4 bytes at `offset` (patching branch displacements). */
static inline void codebuf_patch_u32(codebuf *buf, size_t offset, uint32_t value)
{
    if (!buf->failed && offset + 4 <= buf->size)
        memcpy(buf->bytes + offset, &value, 4);
}

/* Unmaps the bytes and empties the buffer. */
void codebuf_free(codebuf *buf);

#endif
