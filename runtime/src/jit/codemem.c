/* codemem.c: executable memory for generated code with W^X (map RW, write or copy, mprotect RX). */
#include "codemem.h"
#include "codebuf.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../trap.h"

static size_t codemem_page_size(void)
{
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

/* The copy happens while the pages are read/write only; the flip to
 * read/execute happens before anyone can obtain a pointer to the code, so
 * the mapping is never RWX. x86 keeps instruction caches coherent, other
 * instruction sets need the __builtin___clear_cache call. */
codemem_status codemem_new(const uint8_t *image, size_t size, codemem *out)
{
    memset(out, 0, sizeof *out);
    if (size == 0)
        return CODEMEM_EMPTY;
    size_t page = codemem_page_size();
    size_t mapped = (size + page - 1) / page * page;
    void *pages = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED)
        return CODEMEM_NO_MEMORY;
    memcpy(pages, image, size);
    __builtin___clear_cache((char *)pages, (char *)pages + size);
    if (mprotect(pages, mapped, PROT_READ | PROT_EXEC) != 0) {
        munmap(pages, mapped);
        return CODEMEM_PROTECT_FAILED;
    }
    /* Unregistered code would turn its traps into host crashes. */
    if (trap_register_code(pages, size) != 0) {
        munmap(pages, mapped);
        return CODEMEM_NO_MEMORY;
    }
    out->base = pages;
    out->size = size;
    out->mapped = mapped;
    return CODEMEM_OK;
}

codemem_status codemem_adopt(codebuf *buf, codemem *out)
{
    memset(out, 0, sizeof *out);
    if (buf->size == 0)
        return CODEMEM_EMPTY;
    size_t page = codemem_page_size();
    size_t mapped = (buf->size + page - 1) / page * page;
    if (mapped < buf->capacity) {
        munmap(buf->bytes + mapped, buf->capacity - mapped);
        buf->capacity = mapped;
    }
    __builtin___clear_cache((char *)buf->bytes, (char *)buf->bytes + buf->size);
    if (mprotect(buf->bytes, mapped, PROT_READ | PROT_EXEC) != 0)
        return CODEMEM_PROTECT_FAILED;
    if (trap_register_code(buf->bytes, buf->size) != 0) {
        mprotect(buf->bytes, mapped, PROT_READ | PROT_WRITE);
        return CODEMEM_NO_MEMORY;
    }
    out->base = buf->bytes;
    out->size = buf->size;
    out->mapped = mapped;
    memset(buf, 0, sizeof *buf);
    return CODEMEM_OK;
}

void codemem_free(codemem *block)
{
    if (!block->base)
        return;
    trap_unregister_code(block->base);
    munmap(block->base, block->mapped);
    memset(block, 0, sizeof *block);
}

const char *codemem_status_message(codemem_status status)
{
    switch (status) {
    case CODEMEM_OK: return "ok";
    case CODEMEM_NO_MEMORY: return "out of memory mapping code pages";
    case CODEMEM_PROTECT_FAILED: return "cannot make code pages executable";
    case CODEMEM_EMPTY: return "no code to map";
    }
    return "unknown codemem status";
}
