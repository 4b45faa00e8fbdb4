/* codebuf.c: the code buffer's page-mapped storage (growth by mremap, release by munmap). */
#include "codebuf.h"

#include <sys/mman.h>
#include <unistd.h>

static size_t codebuf_page_size(void)
{
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

/* Doubles (at least one page) until `extra` fits. mremap moves the pages
 * rather than copying them, and the pages beyond what is written are
 * never touched, so reserving generously costs address space only. */
bool codebuf_grow(codebuf *buf, size_t extra)
{
    size_t page = codebuf_page_size();
    size_t capacity = buf->capacity ? buf->capacity : page;
    while (capacity < buf->size + extra) {
        if (capacity > SIZE_MAX / 2) {
            buf->failed = true;
            return false;
        }
        capacity *= 2;
    }
    capacity = (capacity + page - 1) / page * page;
    void *bytes = buf->bytes ? mremap(buf->bytes, buf->capacity, capacity, MREMAP_MAYMOVE)
                             : mmap(NULL, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (bytes == MAP_FAILED) {
        buf->failed = true;
        return false;
    }
    buf->bytes = bytes;
    buf->capacity = capacity;
    return true;
}

void codebuf_free(codebuf *buf)
{
    if (buf->bytes)
        munmap(buf->bytes, buf->capacity);
    memset(buf, 0, sizeof *buf);
}
