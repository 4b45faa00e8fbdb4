// links.c: core module `links` of the pipeline example: short ids and permalinks of titles, built with functions of core module `slug` imported through the adapter.
//
// This module has its own linear memory and never sees slug's. Its imports
// slug.slugify and slug.fnv1a_step are adapted in pipeline.itl: the adapter
// reads the title out of this memory, runs slug's slugify in slug's memory,
// and copies the slug back into this memory (a buffer from links_alloc).
//
// Memory contract with pipeline.itl for the exports: the adapter copies a
// title into a buffer from links_alloc, calls short_id or permalink with
// (ptr, len), and gives the buffer back with links_free. permalink returns a
// buffer this module owns until the next call: a 32-bit little-endian length,
// then the bytes.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "it_core.h"

// The slug of `length` bytes of title at `title`, in a buffer from
// links_alloc that the caller frees: a 32-bit little-endian length, then the
// bytes.
IMPORT("slug", "slugify")
char *import_slugify(const char *title, size_t length);

// One step of 32-bit FNV-1a (slug.c's fnv1a_step).
IMPORT("slug", "fnv1a_step")
uint32_t import_fnv1a_step(uint32_t hash, uint32_t byte);

// Memory for the adapter: copies of titles, and the slugs it brings back.
// Traps instead of returning NULL (the adapter has no `if`).
EXPORT("links_alloc")
void *links_alloc(size_t size) {
    void *block = malloc(size ? size : 1);
    if (!block) __builtin_trap();
    return block;
}

EXPORT("links_free")
void links_free(void *block) {
    free(block);
}

// 32-bit FNV-1a of the bytes, one imported step per byte.
static uint32_t hash_bytes(const char *bytes, size_t length) {
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++) hash = import_fnv1a_step(hash, (unsigned char)bytes[i]);
    return hash;
}

// A title's short id: the FNV-1a hash of its UTF-8 bytes.
EXPORT("short_id")
uint32_t short_id(const char *title, size_t length) {
    return hash_bytes(title, length);
}

static char *result;  // the last permalink, length first

// A title's permalink, "/posts/SLUG-ID": SLUG its slug (from slug.slugify),
// ID the short id of the slug in 8 lower-case hex digits ("/posts/ID" when
// the slug is empty). Returns a 32-bit length, then the bytes.
EXPORT("permalink")
const char *permalink(const char *title, size_t length) {
    static const char prefix[] = "/posts/";
    static const char hex[] = "0123456789abcdef";
    char *slug = import_slugify(title, length);
    uint32_t slug_size;
    memcpy(&slug_size, slug, 4);
    uint32_t id = hash_bytes(slug + 4, slug_size);
    uint32_t size = (uint32_t)(sizeof prefix - 1) + slug_size + (slug_size ? 1 : 0) + 8;
    free(result);
    result = links_alloc(4 + size);
    char *out = result;
    memcpy(out, &size, 4);
    out += 4;
    memcpy(out, prefix, sizeof prefix - 1);
    out += sizeof prefix - 1;
    memcpy(out, slug + 4, slug_size);
    out += slug_size;
    if (slug_size) *out++ = '-';
    for (int shift = 28; shift >= 0; shift -= 4) *out++ = hex[(id >> shift) & 0xf];
    free(slug);
    return result;
}
