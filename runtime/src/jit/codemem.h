/* codemem.h: executable memory for generated code, W^X (never writable and executable at once). */
#ifndef WRT_JIT_CODEMEM_H
#define WRT_JIT_CODEMEM_H

#include <stddef.h>
#include <stdint.h>

/* A block of finished machine code: either a byte image copied into fresh
 * read/write pages (codemem_new) or the pages of a codebuf taken over
 * (codemem_adopt), then flipped to read/execute with mprotect. The mapping is never writable and executable at the same time.
 * The block is registered with trap.c so that faults inside it become traps.
 * Owned by the compiled module; freed with codemem_free. */
typedef struct codemem {
    uint8_t *base;      /* start of the code, page aligned */
    size_t   size;      /* bytes of code */
    size_t   mapped;    /* bytes mapped (size rounded up to whole pages) */
} codemem;

typedef enum codemem_status {
    CODEMEM_OK = 0,
    CODEMEM_NO_MEMORY,      /* mmap failed */
    CODEMEM_PROTECT_FAILED, /* mprotect to read/execute failed */
    CODEMEM_EMPTY,          /* zero bytes of code */
} codemem_status;

/* Copies `size` bytes of `image` into fresh executable pages.
 * On success *out holds the block; on failure *out is zeroed. */
__attribute__((warn_unused_result))
codemem_status codemem_new(const uint8_t *image, size_t size, codemem *out);

/* Turns the finished image in `buf` into executable code in place: the
 * pages past the code are unmapped and the rest flipped to read/execute
 * (the pages were never executable while writable). On success the block
 * owns the pages and `buf` is emptied; on failure *out is zeroed and `buf`
 * still owns its pages (free it with codebuf_free). */
struct codebuf;
__attribute__((warn_unused_result))
codemem_status codemem_adopt(struct codebuf *buf, codemem *out);

/* Unregisters and unmaps the block; a zeroed block is ignored. */
void codemem_free(codemem *block);

/* Message for a status code. */
const char *codemem_status_message(codemem_status status);

#endif
