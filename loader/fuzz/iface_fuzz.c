/* iface_fuzz.c: libFuzzer target for the native loader's reading of an
 * adapter, untrusted input: it_adapter_from_bytes (wrt decodes and
 * validates the module, the it.interface section is parsed, and checked
 * against the adapter's imports and exports). Seeded with real adapters
 * (the examples', the loader fixtures').
 *
 * Structure-aware: random bytes rarely get past the wasm decoder to the
 * section parser, so the custom mutator below mutates the payload of the
 * it.interface section of its input and rebuilds the module around it
 * (section size fixed up); one mutation in eight is libFuzzer's own on the
 * whole file, so the rest of the module is fuzzed too. An accepted adapter
 * is then read through every accessor, and each name must be a
 * NUL-terminated string and each type one the API names. */
#include "it_loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static const char SECTION[] = "it.interface";

static bool read_leb(const uint8_t *data, size_t size, size_t *pos, uint32_t *out)
{
    uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (*pos >= size) return false;
        uint8_t byte = data[(*pos)++];
        value |= (uint32_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *out = value;
            return true;
        }
    }
    return false;
}

static size_t write_leb(uint8_t *out, uint32_t value)
{
    size_t n = 0;
    do {
        uint8_t byte = value & 0x7f;
        value >>= 7;
        out[n++] = byte | (value ? 0x80 : 0);
    } while (value);
    return n;
}

/* Finds the first it.interface section: [start, end) is the whole section
 * (id and size included), [payload, end) its payload. */
static bool find_section(const uint8_t *data, size_t size, size_t *start, size_t *payload, size_t *end)
{
    if (size < 8 || memcmp(data, "\0asm", 4) != 0) return false;
    size_t pos = 8;
    while (pos < size) {
        size_t section_start = pos;
        uint8_t id = data[pos++];
        uint32_t length;
        if (!read_leb(data, size, &pos, &length) || length > size - pos) return false;
        size_t section_end = pos + length;
        uint32_t name_length;
        if (id == 0 && read_leb(data, section_end, &pos, &name_length) && name_length <= section_end - pos &&
            name_length == sizeof SECTION - 1 && memcmp(data + pos, SECTION, name_length) == 0) {
            *start = section_start;
            *payload = pos + name_length;
            *end = section_end;
            return true;
        }
        pos = section_end;
    }
    return false;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    size_t start, payload, end;
    if (seed % 8 == 0 || !find_section(data, size, &start, &payload, &end))
        return LLVMFuzzerMutate(data, size, max_size);
    /* The payload, mutated in a buffer of its own; the module rebuilt as
     * prefix + section header + name + payload + suffix. */
    size_t header_room = 1 + 5 + 1 + sizeof SECTION - 1;
    size_t fixed = start + (size - end) + header_room;
    if (fixed >= max_size) return LLVMFuzzerMutate(data, size, max_size);
    size_t room = max_size - fixed;
    uint8_t *buffer = malloc(room ? room : 1);
    uint8_t *suffix = malloc(size - end ? size - end : 1);
    if (!buffer || !suffix) abort();
    size_t payload_size = end - payload < room ? end - payload : room;
    memcpy(buffer, data + payload, payload_size);
    memcpy(suffix, data + end, size - end);
    size_t suffix_size = size - end;
    payload_size = LLVMFuzzerMutate(buffer, payload_size, room);
    size_t pos = start;
    data[pos++] = 0;
    pos += write_leb(data + pos, (uint32_t)(1 + sizeof SECTION - 1 + payload_size));
    data[pos++] = sizeof SECTION - 1;
    memcpy(data + pos, SECTION, sizeof SECTION - 1);
    pos += sizeof SECTION - 1;
    memcpy(data + pos, buffer, payload_size);
    pos += payload_size;
    memcpy(data + pos, suffix, suffix_size);
    pos += suffix_size;
    free(buffer);
    free(suffix);
    return pos;
}

static void check_text(const char *text, const char *what)
{
    if (!text) {
        fprintf(stderr, "an accepted adapter has a NULL %s\n", what);
        abort();
    }
    (void)strlen(text); /* ASan: it must be terminated */
}

static void check_signature(const it_signature *signature, bool import)
{
    if (!signature) {
        fprintf(stderr, "an accessor returned no signature for a valid index\n");
        abort();
    }
    if (import) check_text(signature->module, "import module");
    check_text(signature->name, "name");
    for (size_t i = 0; i < signature->param_count; i++)
        check_text(it_type_name(signature->params[i]), "parameter type name");
    for (size_t i = 0; i < signature->result_count; i++)
        check_text(it_type_name(signature->results[i]), "result type name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    it_context *context;
    if (it_context_new(&context)) abort();
    it_adapter *adapter;
    if (it_adapter_from_bytes(context, data, size, "it_fuzz.wasm", &adapter) == IT_OK) {
        check_text(it_adapter_name(adapter), "component name");
        check_text(it_adapter_file(adapter), "file name");
        for (size_t i = 0; i < it_adapter_export_count(adapter); i++) {
            const it_signature *signature = it_adapter_export(adapter, i);
            check_signature(signature, false);
            if (it_adapter_find_export(adapter, signature->name) == NULL) {
                fprintf(stderr, "export %zu is not found by its name\n", i);
                abort();
            }
        }
        for (size_t i = 0; i < it_adapter_import_count(adapter); i++)
            check_signature(it_adapter_import(adapter, i), true);
        for (size_t i = 0; i < it_adapter_module_count(adapter); i++)
            check_text(it_adapter_module_path(adapter, i), "core module path");
    } else {
        check_text(it_context_error(context)->message, "error message");
    }
    it_context_delete(context);
    return 0;
}
