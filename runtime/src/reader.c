/* reader.c: LEB128 decoding with every malformed case, vector counts, UTF-8 validation. */
#include "reader.h"

#include <string.h>

/*
 * Decodes an unsigned or signed LEB128 of `bits` bits (32, 33 or 64) at
 * reader->pos. On success the value is zero- or sign-extended to 64 bits.
 * The encoding may use at most ceil(bits / 7) bytes; in the last one only
 * the low (bits - 7 * (n - 1)) bits carry value, the others must be zero
 * (unsigned) or copies of the value's sign bit (signed).
 */
wasm_status reader_leb_slow(wasm_reader *reader, unsigned bits, bool is_signed,
                            uint64_t *out)
{
    size_t start = reader->pos;
    unsigned max_bytes = (bits + 6) / 7;
    unsigned shift = 0;
    uint64_t result = 0;
    *out = 0;
    for (unsigned i = 0;; i++) {
        if (reader->pos >= reader->end)
            return reader_unexpected_end(reader);
        uint8_t byte = reader->bytes[reader->pos++];
        if (i == max_bytes - 1) {
            if (byte & 0x80)
                return reader_fail(reader, start, "integer representation too long");
            unsigned used = bits - shift;            /* 1..7 value bits */
            uint8_t rest = (uint8_t)((0x7Fu >> used) << used);
            bool negative = is_signed && (byte >> (used - 1)) & 1;
            if ((byte & rest) != (negative ? rest : 0))
                return reader_fail(reader, start, "integer too large");
            result |= (uint64_t)(byte & 0x7F) << shift;
            if (negative && bits < 64)
                result |= ~(uint64_t)0 << bits;
            break;
        }
        result |= (uint64_t)(byte & 0x7F) << shift;
        shift += 7;
        if (!(byte & 0x80)) {
            if (is_signed && (byte & 0x40))
                result |= ~(uint64_t)0 << shift;
            break;
        }
    }
    *out = result;
    return WASM_OK;
}

wasm_status reader_count(wasm_reader *reader, size_t min_item_size, uint32_t *out)
{
    size_t start = reader->pos;
    wasm_status status = reader_u32(reader, out);
    if (status)
        return status;
    if (min_item_size && *out > (reader->end - reader->pos) / min_item_size) {
        reader->pos = start;
        if (reader->bounded)
            return reader_fail(reader, start, "unexpected end of section or function"
                               " (count %u too large)", *out);
        return reader_fail(reader, start, "unexpected end (count %u too large)", *out);
    }
    return WASM_OK;
}

wasm_status u32_vector_push(u32_vector *vector, uint32_t value)
{
    if (vector->count == vector->capacity) {
        size_t capacity = vector->capacity ? vector->capacity * 2 : 16;
        uint32_t *items = realloc(vector->items, capacity * sizeof *items);
        if (!items)
            return WASM_OUT_OF_MEMORY;
        vector->items = items;
        vector->capacity = capacity;
    }
    vector->items[vector->count++] = value;
    return WASM_OK;
}

void u32_vector_free(u32_vector *vector)
{
    free(vector->items);
    memset(vector, 0, sizeof *vector);
}

bool utf8_is_valid(const uint8_t *bytes, size_t length)
{
    size_t i = 0;
    while (i < length) {
        uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        unsigned extra;
        uint32_t code;
        uint32_t min;
        if ((lead & 0xE0) == 0xC0) {
            extra = 1, code = lead & 0x1F, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2, code = lead & 0x0F, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3, code = lead & 0x07, min = 0x10000;
        } else {
            return false;                    /* continuation or 0xF8.. lead */
        }
        if (length - i <= extra)
            return false;
        for (unsigned k = 1; k <= extra; k++) {
            uint8_t next = bytes[i + k];
            if ((next & 0xC0) != 0x80)
                return false;
            code = code << 6 | (next & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}
