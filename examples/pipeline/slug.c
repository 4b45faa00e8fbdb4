// slug.c: core module `slug` of the pipeline example: turns a title into a URL slug, and exports the FNV-1a hash step that links.c imports.
//
// Memory contract with pipeline.itl: this module has its own linear memory.
// The adapter asks for a buffer with slug_alloc(len), copies a title's UTF-8
// bytes there, calls slugify(ptr, len), copies the slug out (slug_length()
// bytes at the returned pointer, a buffer this module owns until the next
// slugify) and gives the title's buffer back with slug_free(ptr).
// fnv1a_step takes and returns numbers only: links.c calls it through the
// adapter, which passes the numbers on unchanged.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "it_core.h"

static char *slug;         // the last slug made
static size_t slug_size;   // its length in bytes

// Memory for the adapter's copies of titles. Traps instead of returning
// NULL: the adapter has no `if` to test the pointer.
EXPORT("slug_alloc")
void *slug_alloc(size_t size) {
    void *block = malloc(size ? size : 1);
    if (!block) __builtin_trap();
    return block;
}

EXPORT("slug_free")
void slug_free(void *block) {
    free(block);
}

static int is_ascii_alnum(unsigned char byte) {
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
}

// The slug of a title: ASCII letters lower-cased, ASCII digits and every
// non-ASCII byte kept (so UTF-8 sequences stay whole and valid), and each run
// of other ASCII bytes (spaces, punctuation) between two kept bytes turned
// into one '-'; nothing at either end. "Hello, Wörld!" -> "hello-wörld".
// The slug is never longer than the title.
EXPORT("slugify")
const char *slugify(const char *title, size_t length) {
    char *grown = realloc(slug, length ? length : 1);
    if (!grown) __builtin_trap();
    slug = grown;
    slug_size = 0;
    int pending_dash = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)title[i];
        if (byte < 0x80 && !is_ascii_alnum(byte)) {
            pending_dash = slug_size > 0;
            continue;
        }
        if (pending_dash) slug[slug_size++] = '-';
        pending_dash = 0;
        slug[slug_size++] = (char)(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte);
    }
    return slug;
}

EXPORT("slug_length")
size_t slug_length(void) {
    return slug_size;
}

// One step of 32-bit FNV-1a: the hash after one more byte (the low 8 bits of
// `byte`).
EXPORT("fnv1a_step")
uint32_t fnv1a_step(uint32_t hash, uint32_t byte) {
    return (hash ^ (byte & 0xff)) * 16777619u;
}
