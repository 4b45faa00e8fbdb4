/* interface.c: IT types, UTF-8 checking and the it.interface custom section (docs/abi.md). */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ types */

const char *it_type_name(it_type type)
{
    switch (type) {
#define IT_TYPE_NAME(name, code, text) case name: return text;
        IT_TYPE_LIST(IT_TYPE_NAME)
#undef IT_TYPE_NAME
    case IT_TYPE_NONE: break;
    }
    return NULL;
}

it_type it_type_from_name(const char *name)
{
    if (!name) return IT_TYPE_NONE;
#define IT_TYPE_MATCH(type, code, text) if (strcmp(name, text) == 0) return type;
    IT_TYPE_LIST(IT_TYPE_MATCH)
#undef IT_TYPE_MATCH
    return IT_TYPE_NONE;
}

bool iface_type_known(uint8_t code)
{
    return it_type_name((it_type)code) != NULL;
}

wrt_valtype iface_lowered(it_type type)
{
    switch (type) {
    case IT_S64: case IT_U64: case IT_I64: return WRT_I64;
    case IT_F32: return WRT_F32;
    case IT_F64: return WRT_F64;
    case IT_STRING: return WRT_EXTERNREF;
    default: return WRT_I32;
    }
}

const char *it_status_message(it_status status)
{
    switch (status) {
#define IT_STATUS_TEXT(name, message) case name: return message;
        IT_STATUS_LIST(IT_STATUS_TEXT)
#undef IT_STATUS_TEXT
    case IT_STATUS_COUNT: break;
    }
    return "unknown status";
}

static void append_types(char *buffer, size_t size, size_t *used,
                         const it_type *types, size_t count)
{
    for (size_t i = 0; i < count && *used < size; i++) {
        int n = snprintf(buffer + *used, size - *used, "%s%s", i ? ", " : "",
                         it_type_name(types[i]));
        if (n < 0) return;
        *used += (size_t)n;
    }
}

void iface_signature_text(const it_signature *signature, char *buffer,
                          size_t size)
{
    if (size == 0) return;
    size_t used = 0;
    buffer[0] = '\0';
    const char *parts[] = {"(", ") -> (", ")"};
    for (int part = 0; part < 3 && used < size; part++) {
        int n = snprintf(buffer + used, size - used, "%s", parts[part]);
        if (n < 0) return;
        used += (size_t)n;
        if (part == 0)
            append_types(buffer, size, &used, signature->params,
                         signature->param_count);
        if (part == 1)
            append_types(buffer, size, &used, signature->results,
                         signature->result_count);
    }
}

bool iface_same_signature(const it_signature *a, const it_signature *b)
{
    if (a->param_count != b->param_count || a->result_count != b->result_count)
        return false;
    for (size_t i = 0; i < a->param_count; i++)
        if (a->params[i] != b->params[i]) return false;
    for (size_t i = 0; i < a->result_count; i++)
        if (a->results[i] != b->results[i]) return false;
    return true;
}

/* ------------------------------------------------------------------ UTF-8 */

/* The first ill-formed sequence at or after `i` and what is wrong with it:
 * the slow, explaining half of utf8_check. */
static bool utf8_diagnose(const uint8_t *bytes, size_t size, size_t i,
                          size_t *bad_offset, const char **why)
{
    while (i < size) {
        uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t min, code;
        if (lead >= 0xc2 && lead <= 0xdf) {
            need = 1, min = 0x80, code = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            need = 2, min = 0x800, code = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            need = 3, min = 0x10000, code = lead & 0x07;
        } else {
            *bad_offset = i;
            *why = lead == 0xc0 || lead == 0xc1 ? "overlong encoding"
                   : lead <= 0xbf              ? "unexpected continuation byte"
                                               : "invalid lead byte";
            return false;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= size) {
                *bad_offset = i;
                *why = "truncated sequence at the end of the string";
                return false;
            }
            if ((bytes[i + k] & 0xc0) != 0x80) {
                *bad_offset = i;
                *why = "truncated sequence (a byte is not a continuation)";
                return false;
            }
            code = code << 6 | (bytes[i + k] & 0x3f);
        }
        *bad_offset = i;
        if (code < min) return *why = "overlong encoding", false;
        if (code >= 0xd800 && code <= 0xdfff)
            return *why = "encoded surrogate", false;
        if (code > 0x10ffff) return *why = "code point above U+10FFFF", false;
        i += need + 1;
    }
    return true;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequences. The fast path checks the well-formed
 * byte sequences of Unicode's table 3-7 (ASCII eight bytes at a time); at
 * the first sequence that is not one, utf8_diagnose says what is wrong. */
bool utf8_check(const uint8_t *bytes, size_t size, size_t *bad_offset,
                const char **why)
{
    size_t i = 0;
    while (i < size) {
        if (size - i >= 8) {
            /* Skip the ASCII bytes before the first non-ASCII one
             * (little-endian: the lowest set bit is the first byte). */
            uint64_t word;
            memcpy(&word, bytes + i, 8);
            uint64_t high_bits = word & 0x8080808080808080u;
            if (!high_bits) {
                i += 8;
                continue;
            }
            i += (size_t)__builtin_ctzll(high_bits) / 8;
        }
        uint8_t lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        /* The allowed range of the second byte depends on the lead. */
        uint8_t low = 0x80, high = 0xbf;
        size_t need;
        if (lead >= 0xc2 && lead <= 0xdf) need = 1;
        else if (lead >= 0xe0 && lead <= 0xef) {
            need = 2;
            if (lead == 0xe0) low = 0xa0;       /* no overlong forms */
            else if (lead == 0xed) high = 0x9f; /* no surrogates */
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            need = 3;
            if (lead == 0xf0) low = 0x90;       /* no overlong forms */
            else if (lead == 0xf4) high = 0x8f; /* nothing above U+10FFFF */
        } else
            break;
        if (size - i <= need || bytes[i + 1] < low || bytes[i + 1] > high) break;
        size_t k = 2;
        while (k <= need && (bytes[i + k] & 0xc0) == 0x80) k++;
        if (k <= need) break;
        i += need + 1;
    }
    return i >= size || utf8_diagnose(bytes, size, i, bad_offset, why);
}

/* ------------------------------------------------------- finding the section */

/* Reads an unsigned LEB128 of at most 32 bits; false at the end or if too long. */
static bool read_u32(const uint8_t *bytes, size_t size, size_t *pos,
                     uint32_t *out)
{
    uint64_t result = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (*pos >= size) return false;
        uint8_t byte = bytes[(*pos)++];
        result |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            if (result > UINT32_MAX) return false;
            *out = (uint32_t)result;
            return true;
        }
    }
    return false;
}

static const char SECTION_NAME[] = "it.interface";

size_t iface_find_section(const uint8_t *bytes, size_t size,
                          const uint8_t **payload, size_t *payload_size)
{
    size_t pos = 8, found = 0;
    while (pos < size) {
        uint8_t id = bytes[pos++];
        uint32_t length;
        if (!read_u32(bytes, size, &pos, &length) || length > size - pos)
            break;
        size_t end = pos + length;
        if (id == 0) {
            uint32_t name_length;
            size_t at = pos;
            if (read_u32(bytes, end, &at, &name_length) &&
                name_length <= end - at && name_length == strlen(SECTION_NAME) &&
                memcmp(bytes + at, SECTION_NAME, name_length) == 0) {
                if (found++ == 0) {
                    *payload = bytes + at + name_length;
                    *payload_size = end - (at + name_length);
                }
            }
        }
        pos = end;
    }
    return found;
}

/* ---------------------------------------------------------------- parsing */

typedef struct parser {
    const uint8_t *bytes;
    size_t size, pos;
    iface_failure *failure;
} parser;

static bool parse_fail(parser *p, it_status status, const char *format,
                       const char *what)
{
    p->failure->status = status;
    p->failure->offset = p->pos;
    snprintf(p->failure->what, sizeof p->failure->what, format, what);
    return false;
}

static bool parse_u32(parser *p, const char *what, uint32_t *out)
{
    size_t start = p->pos;
    if (read_u32(p->bytes, p->size, &p->pos, out)) return true;
    bool at_end = p->pos >= p->size;
    p->pos = start;
    return parse_fail(p, IT_ERR_INTERFACE,
                      at_end ? "unexpected end while reading %s"
                             : "%s is not a valid 32-bit LEB128",
                      what);
}

/* A string: LEB128 length then UTF-8, copied NUL-terminated. Names with a
 * NUL byte are rejected: the C API passes names as C strings. */
static bool parse_string(parser *p, const char *what, char **out)
{
    uint32_t length;
    if (!parse_u32(p, what, &length)) return false;
    if (length > p->size - p->pos)
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s runs past the end of the section", what);
    const uint8_t *start = p->bytes + p->pos;
    size_t bad;
    const char *why;
    if (!utf8_check(start, length, &bad, &why))
        return parse_fail(p, IT_ERR_INTERFACE, "%s is not valid UTF-8", what);
    if (memchr(start, 0, length))
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s contains a NUL byte (not supported)", what);
    char *copy = malloc((size_t)length + 1);
    if (!copy) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    memcpy(copy, start, length);
    copy[length] = '\0';
    p->pos += length;
    *out = copy;
    return true;
}

/* A vector count, checked against the bytes left (each item takes >= 1). */
static bool parse_count(parser *p, const char *what, uint32_t *count)
{
    if (!parse_u32(p, what, count)) return false;
    if (*count > p->size - p->pos)
        return parse_fail(p, IT_ERR_INTERFACE,
                          "%s cannot fit in the rest of the section", what);
    return true;
}

#define IFACE_MAX_VALUES 1000u

static bool parse_types(parser *p, const char *what, const it_type **out,
                        size_t *count_out)
{
    uint32_t count;
    if (!parse_count(p, what, &count)) return false;
    /* Each type lowers to one core value, and a wasm function type has at
     * most 1000 parameters and 1000 results (wrt, like the JS API). */
    if (count > IFACE_MAX_VALUES) {
        char text[120];
        snprintf(text, sizeof text, "%s %u is more than a wasm function takes (%u)", what, count,
                 IFACE_MAX_VALUES);
        return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
    }
    it_type *types = calloc(count ? count : 1, sizeof *types);
    if (!types) return parse_fail(p, IT_ERR_NO_MEMORY, "%s", "out of memory");
    *out = types;
    *count_out = count;
    for (uint32_t i = 0; i < count; i++) {
        uint8_t code = p->bytes[p->pos];
        if (!iface_type_known(code)) {
            char text[48];
            snprintf(text, sizeof text, "unknown IT type code 0x%02x", code);
            return parse_fail(p, IT_ERR_INTERFACE, "%s", text);
        }
        types[i] = (it_type)code;
        p->pos++;
    }
    return true;
}

static bool parse_signature(parser *p, it_signature *signature)
{
    return parse_types(p, "the parameter count", &signature->params,
                       &signature->param_count) &&
           parse_types(p, "the result count", &signature->results,
                       &signature->result_count);
}

it_status iface_parse(const uint8_t *bytes, size_t size, iface *out,
                      iface_failure *failure)
{
    memset(out, 0, sizeof *out);
    parser p = {bytes, size, 0, failure};
    uint32_t count;
    if (!parse_u32(&p, "the version", &out->version)) goto fail;
    if (out->version != IT_ABI_VERSION) {
        p.pos = 0;
        char text[150];
        /* Older adapters lack what this version added (string scopes in
         * 2): itlc writes the current version, so a rebuild is the fix. */
        snprintf(text, sizeof text,
                 "version %u is not supported (this loader supports version %d)%s",
                 out->version, IT_ABI_VERSION,
                 out->version < IT_ABI_VERSION ? "; rebuild it with this itlc" : "");
        parse_fail(&p, IT_ERR_VERSION, "%s", text);
        goto fail;
    }
    if (!parse_string(&p, "the component name", &out->component)) goto fail;

    if (!parse_count(&p, "the export count", &count)) goto fail;
    out->exports = calloc(count ? count : 1, sizeof *out->exports);
    if (!out->exports) goto no_memory;
    out->export_count = count; /* items are zeroed: iface_free handles a partial parse */
    for (uint32_t i = 0; i < count; i++) {
        it_signature *item = &out->exports[i];
        char *name;
        if (!parse_string(&p, "an export name", &name)) goto fail;
        item->name = name;
        if (!parse_signature(&p, item)) goto fail;
    }

    if (!parse_count(&p, "the import count", &count)) goto fail;
    out->imports = calloc(count ? count : 1, sizeof *out->imports);
    if (!out->imports) goto no_memory;
    out->import_count = count;
    for (uint32_t i = 0; i < count; i++) {
        it_signature *item = &out->imports[i];
        char *module, *name;
        if (!parse_string(&p, "an import module", &module)) goto fail;
        item->module = module;
        if (!parse_string(&p, "an import name", &name)) goto fail;
        item->name = name;
        if (!parse_signature(&p, item)) goto fail;
    }

    if (!parse_count(&p, "the core module count", &count)) goto fail;
    out->modules = calloc(count ? count : 1, sizeof *out->modules);
    if (!out->modules) goto no_memory;
    out->module_count = count;
    for (uint32_t i = 0; i < count; i++) {
        iface_module *module = &out->modules[i];
        uint32_t import_count;
        if (!parse_string(&p, "a core module path", &module->path)) goto fail;
        if (!parse_count(&p, "the core import count", &import_count)) goto fail;
        module->imports =
            calloc(import_count ? import_count : 1, sizeof *module->imports);
        if (!module->imports) goto no_memory;
        module->import_count = import_count;
        for (uint32_t k = 0; k < import_count; k++) {
            iface_core_import *wire = &module->imports[k];
            if (!parse_string(&p, "a core import module", &wire->module) ||
                !parse_string(&p, "a core import name", &wire->name) ||
                !parse_string(&p, "a shim name", &wire->shim))
                goto fail;
        }
    }
    if (p.pos != size) {
        char text[80];
        snprintf(text, sizeof text, "%zu unexpected bytes after the core modules",
                 size - p.pos);
        parse_fail(&p, IT_ERR_INTERFACE, "%s", text);
        goto fail;
    }
    return IT_OK;

no_memory:
    parse_fail(&p, IT_ERR_NO_MEMORY, "%s", "out of memory");
fail:
    iface_free(out);
    return failure->status;
}

static void free_signature(it_signature *signature)
{
    free((char *)signature->module);
    free((char *)signature->name);
    free((it_type *)signature->params);
    free((it_type *)signature->results);
}

void iface_free(iface *parsed)
{
    free(parsed->component);
    for (size_t i = 0; i < parsed->export_count; i++)
        free_signature(&parsed->exports[i]);
    free(parsed->exports);
    for (size_t i = 0; i < parsed->import_count; i++)
        free_signature(&parsed->imports[i]);
    free(parsed->imports);
    for (size_t i = 0; i < parsed->module_count; i++) {
        iface_module *module = &parsed->modules[i];
        free(module->path);
        for (size_t k = 0; k < module->import_count; k++) {
            free(module->imports[k].module);
            free(module->imports[k].name);
            free(module->imports[k].shim);
        }
        free(module->imports);
    }
    free(parsed->modules);
    memset(parsed, 0, sizeof *parsed);
}
