/* reader.h: the bounded byte reader shared by decode.c and validate.c (LEB128, bytes, vectors). */
#ifndef WRT_READER_H
#define WRT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "module.h"

/*
 * A cursor over module bytes [pos, end). Offsets are absolute (from the
 * module start) so that diagnostics point into the file. Every read checks
 * the end: reading past it is "unexpected end" (for the whole module) or
 * "unexpected end of section or function" (for a sub-range). Errors go to
 * `diag` with `func_index` attached.
 */
typedef struct {
    const uint8_t *bytes;      /* module start */
    size_t         pos;
    size_t         end;
    size_t         module_end; /* the module's size */
    bool           bounded;    /* end is a section's or a body's end */
    wasm_diag     *diag;
    uint32_t       func_index; /* WASM_NO_FUNC outside function bodies */
} wasm_reader;

static inline bool reader_at_end(const wasm_reader *reader)
{
    return reader->pos >= reader->end;
}

/* Records a malformed-module error at `offset`. */
#define reader_fail(reader, offset, ...)                                       \
    wasm_diag_set((reader)->diag, WASM_MALFORMED, (reader)->func_index,        \
                  (offset), __VA_ARGS__)

static inline wasm_status reader_unexpected_end(wasm_reader *reader)
{
    if (reader->bounded)
        return reader_fail(reader, reader->pos,
                           "unexpected end of section or function");
    return reader_fail(reader, reader->pos, "unexpected end");
}

static inline wasm_status reader_u8(wasm_reader *reader, uint8_t *out)
{
    if (reader->pos >= reader->end) {
        *out = 0;
        return reader_unexpected_end(reader);
    }
    *out = reader->bytes[reader->pos++];
    return WASM_OK;
}

/* LEB128 readers for the widths the format uses. `bits` is the value's
 * width; the last byte may only carry the bits that fit (unsigned: zeros;
 * signed: copies of the sign bit), else "integer too large"; a longer
 * encoding is "integer representation too long". */
wasm_status reader_leb_slow(wasm_reader *reader, unsigned bits, bool is_signed,
                            uint64_t *out);

/* The common encodings of at most 5 bytes (away from the end: linkers pad
 * relocated indices and addresses to 5 bytes) are decoded inline. A fifth
 * byte of a 32-bit value is checked like the slow path does (only the bits
 * that fit: zeros, or copies of the sign bit); anything else returns false
 * and is left to reader_leb_slow, which also reports the errors. */
static inline bool reader_leb_short(wasm_reader *reader, unsigned bits, bool is_signed, uint64_t *out)
{
    if (reader->pos + 5 > reader->end)
        return false;
    const uint8_t *p = reader->bytes + reader->pos;
    uint64_t value = 0;
    for (unsigned i = 0; i < 5; i++) {
        value |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (p[i] < 0x80) {
            if (i == 4 && bits == 32) {
                uint8_t high = p[4] & (is_signed ? 0x78 : 0x70);
                if (high != 0 && !(is_signed && high == 0x78))
                    return false;
            }
            unsigned unused = 64 - 7 * (i + 1);
            if (is_signed)
                value = (uint64_t)((int64_t)(value << unused) >> unused);
            reader->pos += i + 1;
            *out = value;
            return true;
        }
    }
    return false;
}

static inline wasm_status reader_u32(wasm_reader *reader, uint32_t *out)
{
    if (reader->pos < reader->end && reader->bytes[reader->pos] < 0x80) {
        *out = reader->bytes[reader->pos++];
        return WASM_OK;
    }
    uint64_t value = 0;
    if (reader_leb_short(reader, 32, false, &value)) {
        *out = (uint32_t)value;
        return WASM_OK;
    }
    wasm_status status = reader_leb_slow(reader, 32, false, &value);
    *out = (uint32_t)value;
    return status;
}

static inline wasm_status reader_s32(wasm_reader *reader, int32_t *out)
{
    uint64_t value = 0;
    wasm_status status = reader_leb_short(reader, 32, true, &value)
                             ? WASM_OK
                             : reader_leb_slow(reader, 32, true, &value);
    *out = (int32_t)(uint32_t)value;
    return status;
}

static inline wasm_status reader_s33(wasm_reader *reader, int64_t *out)
{
    uint64_t value = 0;
    wasm_status status = reader_leb_slow(reader, 33, true, &value);
    *out = (int64_t)value;
    return status;
}

static inline wasm_status reader_s64(wasm_reader *reader, int64_t *out)
{
    uint64_t value = 0;
    wasm_status status = reader_leb_short(reader, 64, true, &value)
                             ? WASM_OK
                             : reader_leb_slow(reader, 64, true, &value);
    *out = (int64_t)value;
    return status;
}

/* `count` little-endian bytes as an unsigned integer (floats' bits). */
static inline wasm_status reader_fixed(wasm_reader *reader, unsigned count,
                                       uint64_t *out)
{
    if (reader->pos > reader->end || reader->end - reader->pos < count) {
        *out = 0;
        return reader_unexpected_end(reader);
    }
    uint64_t value = 0;
    for (unsigned i = 0; i < count; i++)
        value |= (uint64_t)reader->bytes[reader->pos + i] << (8 * i);
    reader->pos += count;
    *out = value;
    return WASM_OK;
}

/* A vector length that must be backed by at least `min_item_size` bytes
 * per item, so that a huge count fails here rather than in malloc. */
wasm_status reader_count(wasm_reader *reader, size_t min_item_size,
                         uint32_t *out);

/* A growable array of u32 (br_table targets), reused between calls. */
typedef struct {
    uint32_t *items;
    size_t    count;
    size_t    capacity;
} u32_vector;

wasm_status u32_vector_push(u32_vector *vector, uint32_t value);
void        u32_vector_free(u32_vector *vector);

/* Checks that [bytes, bytes+length) is well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
bool utf8_is_valid(const uint8_t *bytes, size_t length);

#endif /* WRT_READER_H */
