/* decode_test.c: unit tests of the decoder and validator: LEB128, UTF-8, sections, typing messages, the consumer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "reader.h"
#include "validate.h"

static int passed, failed;

static void check(bool ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    }
}

/* ---- LEB128 ---- */

/* Reads one LEB of `bits` (32u, 32s, 33s, 64s) from bytes; returns the status
 * and the message through diag. */
static wasm_status read_leb(const char *bytes, size_t size, unsigned bits, bool is_signed,
                            uint64_t *value, wasm_diag *diag)
{
    wasm_diag_clear(diag);
    wasm_reader reader = { (const uint8_t *)bytes, 0, size, size, false, diag, WASM_NO_FUNC };
    if (bits == 32 && !is_signed) {
        uint32_t v;
        wasm_status status = reader_u32(&reader, &v);
        *value = v;
        return status;
    }
    return reader_leb_slow(&reader, bits, is_signed, value);
}

static void leb_case(const char *name, const char *bytes, size_t size, unsigned bits,
                     bool is_signed, uint64_t want, const char *want_error)
{
    wasm_diag diag;
    uint64_t value = 0;
    wasm_status status = read_leb(bytes, size, bits, is_signed, &value, &diag);
    char detail[300];
    if (want_error) {
        snprintf(detail, sizeof detail, "want error \"%s\", got status %d \"%s\"",
                 want_error, status, diag.message);
        check(status == WASM_MALFORMED && strstr(diag.message, want_error), name, detail);
    } else {
        snprintf(detail, sizeof detail, "want 0x%llx, got 0x%llx (%s)",
                 (unsigned long long)want, (unsigned long long)value, diag.message);
        check(status == WASM_OK && value == want, name, detail);
    }
}

static void test_leb128(void)
{
    leb_case("u32 one byte", "\x7f", 1, 32, false, 127, NULL);
    leb_case("u32 two bytes", "\x80\x01", 2, 32, false, 128, NULL);
    leb_case("u32 padded zero", "\x80\x80\x80\x80\x00", 5, 32, false, 0, NULL);
    leb_case("u32 max", "\xff\xff\xff\xff\x0f", 5, 32, false, 0xFFFFFFFF, NULL);
    leb_case("u32 unused bits set", "\xff\xff\xff\xff\x1f", 5, 32, false, 0, "integer too large");
    leb_case("u32 high bit in last byte", "\x80\x80\x80\x80\x70", 5, 32, false, 0, "integer too large");
    leb_case("u32 six bytes", "\x80\x80\x80\x80\x80\x00", 6, 32, false, 0,
             "integer representation too long");
    leb_case("u32 truncated", "\x80\x80", 2, 32, false, 0, "unexpected end");
    leb_case("s32 -1", "\x7f", 1, 32, true, UINT64_MAX, NULL);
    leb_case("s32 min", "\x80\x80\x80\x80\x78", 5, 32, true, (uint64_t)(int64_t)INT32_MIN, NULL);
    leb_case("s32 max", "\xff\xff\xff\xff\x07", 5, 32, true, INT32_MAX, NULL);
    leb_case("s32 padded -1", "\xff\xff\xff\xff\x7f", 5, 32, true, UINT64_MAX, NULL);
    leb_case("s32 bad sign bits", "\xff\xff\xff\xff\x4f", 5, 32, true, 0, "integer too large");
    leb_case("s32 positive with sign bits", "\x80\x80\x80\x80\x70", 5, 32, true, 0,
             "integer too large");
    leb_case("s32 too long", "\xff\xff\xff\xff\xff\x7f", 6, 32, true, 0,
             "integer representation too long");
    leb_case("s33 type index", "\x80\x80\x80\x80\x0f", 5, 33, true, 0xF0000000ull, NULL);
    leb_case("s33 bad sign bits", "\x80\x80\x80\x80\x2f", 5, 33, true, 0, "integer too large");
    leb_case("s64 min", "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f", 10, 64, true,
             (uint64_t)INT64_MIN, NULL);
    leb_case("s64 max", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00", 10, 64, true,
             (uint64_t)INT64_MAX, NULL);
    leb_case("s64 unused bits", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10, 64, true, 0,
             "integer too large");
    leb_case("s64 eleven bytes", "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 11, 64, true,
             0, "integer representation too long");
}

/* ---- UTF-8 ---- */

static void test_utf8(void)
{
    static const struct { const char *name, *bytes; size_t size; bool valid; } cases[] = {
        { "ascii", "hello", 5, true },
        { "empty", "", 0, true },
        { "two-byte", "\xc3\xa9", 2, true },
        { "three-byte", "\xe2\x82\xac", 3, true },
        { "four-byte max", "\xf4\x8f\xbf\xbf", 4, true },
        { "nul inside", "a\0b", 3, true },
        { "overlong two-byte", "\xc0\x80", 2, false },
        { "overlong three-byte", "\xe0\x80\x80", 3, false },
        { "surrogate", "\xed\xa0\x80", 3, false },
        { "above U+10FFFF", "\xf4\x90\x80\x80", 4, false },
        { "lone continuation", "\x80", 1, false },
        { "truncated", "\xe2\x82", 2, false },
        { "bad continuation", "\xe2\x28\xa1", 3, false },
        { "five-byte lead", "\xf8\x88\x80\x80\x80", 5, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(utf8_is_valid((const uint8_t *)cases[i].bytes, cases[i].size) == cases[i].valid,
              cases[i].name, cases[i].valid ? "should be valid UTF-8" : "should be rejected");
}

/* ---- whole modules ---- */

#define HEADER "\0asm\1\0\0\0"
#define TYPE_VOID "\x01\x04\x01\x60\x00\x00"     /* type 0: [] -> [] */
#define FUNC_ONE "\x03\x02\x01\x00"              /* one function of type 0 */

/* Decodes and validates; fills diag; returns the final status. */
static wasm_status load(const char *bytes, size_t size, wasm_diag *diag)
{
    wasm_module *module = NULL;
    wasm_status status = module_decode((const uint8_t *)bytes, size, &module, diag);
    if (status == WASM_OK)
        status = validate_module(module, NULL, diag);
    module_delete(module);
    return status;
}

static void module_case(const char *name, const char *bytes, size_t size,
                        wasm_status want, const char *want_text, long want_func,
                        long want_offset)
{
    wasm_diag diag;
    wasm_status status = load(bytes, size, &diag);
    char formatted[300], detail[600];
    wasm_diag_format(&diag, formatted, sizeof formatted);
    snprintf(detail, sizeof detail, "want %s \"%s\", got %s \"%s\"",
             wasm_status_message(want), want_text ? want_text : "",
             wasm_status_message(status), formatted);
    bool ok = status == want && (!want_text || strstr(diag.message, want_text))
              && (want_func < 0 || diag.func_index == (uint32_t)want_func)
              && (want_offset < 0 || diag.offset == (size_t)want_offset);
    check(ok, name, detail);
}

#define MODULE(name, literal, want, text, func, offset) \
    module_case(name, literal, sizeof(literal) - 1, want, text, func, offset)

static void test_sections(void)
{
    MODULE("empty module", HEADER, WASM_OK, NULL, -1, -1);
    MODULE("no magic", "\0asn\1\0\0\0", WASM_MALFORMED, "magic header not detected", -1, 0);
    MODULE("short file", "\0as", WASM_MALFORMED, "unexpected end", -1, 0);
    MODULE("version 2", "\0asm\2\0\0\0", WASM_MALFORMED, "unknown binary version", -1, 4);
    MODULE("section out of order", HEADER FUNC_ONE TYPE_VOID, WASM_MALFORMED,
           "unexpected content after last section", -1, 12);
    MODULE("section repeated", HEADER TYPE_VOID TYPE_VOID, WASM_MALFORMED,
           "unexpected content after last section", -1, 14);
    MODULE("data count before code", HEADER TYPE_VOID FUNC_ONE "\x0c\x01\x00"
           "\x0a\x04\x01\x02\x00\x0b", WASM_OK, NULL, -1, -1);
    MODULE("data count after code", HEADER TYPE_VOID FUNC_ONE "\x0a\x04\x01\x02\x00\x0b"
           "\x0c\x01\x00", WASM_MALFORMED, "unexpected content after last section", -1, -1);
    MODULE("custom sections anywhere", HEADER "\x00\x02\x01x" TYPE_VOID "\x00\x02\x01y"
           FUNC_ONE "\x0a\x04\x01\x02\x00\x0b" "\x00\x02\x01z", WASM_OK, NULL, -1, -1);
    MODULE("bad section id", HEADER "\x0d\x00", WASM_MALFORMED, "malformed section id", -1, 8);
    MODULE("section longer than its contents", HEADER "\x01\x05\x01\x60\x00\x00\x00",
           WASM_MALFORMED, "section size mismatch", -1, -1);
    MODULE("section shorter than its contents", HEADER "\x01\x03\x01\x60\x00\x00",
           WASM_MALFORMED, "unexpected end of section or function", -1, -1);
    MODULE("section past the end", HEADER "\x01\x09\x01\x60\x00\x00", WASM_MALFORMED,
           "length out of bounds", -1, 8);
    MODULE("functions without code", HEADER TYPE_VOID FUNC_ONE, WASM_MALFORMED,
           "function and code section have inconsistent lengths", -1, -1);
    MODULE("data count mismatch", HEADER "\x0c\x01\x02" "\x0b\x01\x00", WASM_MALFORMED,
           "data count and data section have inconsistent lengths", -1, -1);
    MODULE("custom section bad UTF-8 name", HEADER "\x00\x03\x02\xc0\x80", WASM_MALFORMED,
           "malformed UTF-8 encoding", -1, -1);
    MODULE("too many locals", HEADER TYPE_VOID FUNC_ONE
           "\x0a\x0e\x01\x0c\x02\xff\xff\xff\xff\x0f\x7f\xff\xff\xff\xff\x0f\x7e\x0b",
           WASM_MALFORMED, "too many locals", 0, -1);
    MODULE("bad reference type", HEADER "\x04\x04\x01\x7f\x00\x00", WASM_MALFORMED,
           "malformed reference type", -1, -1);
    MODULE("memory above 4 GiB is invalid, not malformed",
           HEADER "\x05\x05\x01\x00\x81\x80\x04", WASM_INVALID,
           "memory size must be at most 65536 pages", -1, -1);
    MODULE("two memories", HEADER "\x05\x05\x02\x00\x01\x00\x01", WASM_INVALID,
           "multiple memories", -1, -1);
    MODULE("data count required", HEADER TYPE_VOID FUNC_ONE "\x05\x03\x01\x00\x00"
           "\x0a\x07\x01\x05\x00\xfc\x09\x00\x0b" "\x0b\x03\x01\x01\x00",
           WASM_MALFORMED, "data count section required", 0, 0x1c);
    MODULE("SIMD", HEADER TYPE_VOID FUNC_ONE "\x0a\x05\x01\x03\x00\xfd\x0f",
           WASM_UNSUPPORTED, "SIMD is not supported yet", 0, -1);
    MODULE("illegal opcode", HEADER TYPE_VOID FUNC_ONE "\x0a\x05\x01\x03\x00\xff\x0b",
           WASM_MALFORMED, "illegal opcode", 0, 0x17);
    MODULE("missing end", HEADER TYPE_VOID FUNC_ONE "\x0a\x04\x01\x02\x00\x01",
           WASM_MALFORMED, "unexpected end of section or function", 0, -1);
    MODULE("malformed name section is ignored", HEADER TYPE_VOID FUNC_ONE
           "\x0a\x04\x01\x02\x00\x0b" "\x00\x0a\x04name\x01\x09\x05\x00\x01",
           WASM_OK, NULL, -1, -1);
}

/* A type with 1001 parameters passes the spec but not our limit of 1000. */
static void test_type_limit(void)
{
    static char bytes[1100];
    size_t size = 0;
    memcpy(bytes, HEADER, 8);
    size = 8;
    bytes[size++] = 0x01;                           /* type section */
    bytes[size++] = (char)0xee, bytes[size++] = 0x07; /* size 1006 */
    bytes[size++] = 0x01, bytes[size++] = 0x60;
    bytes[size++] = (char)0xe9, bytes[size++] = 0x07; /* 1001 params */
    memset(bytes + size, 0x7f, 1001);
    size += 1001;
    bytes[size++] = 0x00;                           /* no results */
    wasm_diag diag;
    wasm_status status = load(bytes, size, &diag);
    check(status == WASM_UNSUPPORTED && strstr(diag.message, "implementation limit"),
          "1001 parameters hit the implementation limit", diag.message);
}

/* ---- validator messages ---- */

/* A module of type [] -> [i32] functions (type 0) with one body. */
#define I32_FUNC(body_size_plus_1, body) HEADER "\x01\x05\x01\x60\x00\x01\x7f" FUNC_ONE \
    "\x0a" body_size_plus_1 "\x01" body

static void test_validator(void)
{
    /* f64.const 0; end: expected i32, got f64 at the end (offset 0x23). */
    MODULE("result type mismatch", I32_FUNC("\x0d", "\x0b\x00\x44\0\0\0\0\0\0\0\0\x0b"),
           WASM_INVALID, "type mismatch: expected i32, got f64", 0, 0x21);
    MODULE("empty stack", I32_FUNC("\x04", "\x02\x00\x0b"), WASM_INVALID,
           "type mismatch: expected i32, but the stack is empty", 0, 0x18);
    MODULE("unreachable is polymorphic", I32_FUNC("\x05", "\x03\x00\x00\x0b"), WASM_OK,
           NULL, -1, -1);
    MODULE("unknown local", I32_FUNC("\x06", "\x04\x00\x20\x05\x0b"), WASM_INVALID,
           "unknown local 5", 0, 0x18);
    MODULE("unknown label", I32_FUNC("\x06", "\x04\x00\x0c\x03\x0b"), WASM_INVALID,
           "unknown label 3", 0, 0x18);
    MODULE("no memory", I32_FUNC("\x09", "\x07\x00\x41\x00\x28\x02\x00\x0b"), WASM_INVALID,
           "unknown memory 0", 0, 0x1a);
    MODULE("select of references",
           HEADER "\x01\x06\x01\x60\x01\x6f\x01\x6f" FUNC_ONE
           "\x0a\x0b\x01\x09\x00\x20\x00\x20\x00\x41\x00\x1b\x0b",
           WASM_INVALID, "select without a type needs numeric operands", 0, -1);
    MODULE("br_table arity", I32_FUNC("\x12",
           "\x10\x00\x02\x7f\x02\x40\x41\x00\x0e\x01\x00\x01\x0b\x41\x00\x0b\x0b"),
           WASM_INVALID, "br_table target", 0, -1);
    MODULE("undeclared function reference", I32_FUNC("\x07", "\x05\x00\xd2\x00\x1a\x0b"),
           WASM_INVALID, "undeclared function reference 0", 0, 0x18);
    MODULE("immutable global",
           HEADER TYPE_VOID FUNC_ONE "\x06\x06\x01\x7f\x00\x41\x00\x0b"
           "\x0a\x08\x01\x06\x00\x41\x01\x24\x00\x0b",
           WASM_INVALID, "global is immutable", 0, -1);
    MODULE("constant expression required",
           HEADER "\x06\x09\x01\x7f\x00\x41\x01\x41\x02\x6a\x0b",
           WASM_INVALID, "constant expression required", -1, -1);
    MODULE("duplicate export", HEADER TYPE_VOID FUNC_ONE "\x07\x09\x02\x01\x61\x00\x00"
           "\x01\x61\x00\x00" "\x0a\x04\x01\x02\x00\x0b", WASM_INVALID,
           "duplicate export name", -1, -1);
    MODULE("start with params", HEADER "\x01\x05\x01\x60\x01\x7f\x00" FUNC_ONE "\x08\x01\x00"
           "\x0a\x04\x01\x02\x00\x0b", WASM_INVALID, "start function", -1, -1);
    MODULE("alignment", HEADER TYPE_VOID FUNC_ONE "\x05\x03\x01\x00\x01"
           "\x0a\x0a\x01\x08\x00\x41\x00\x28\x03\x00\x1a\x0b", WASM_INVALID,
           "alignment must not be larger than natural", 0, -1);
}

/* ---- the consumer ---- */

typedef struct {
    char trace[512];
    int  functions;
} trace_consumer;

static wasm_status trace_begin(void *context, const validate_function *function,
                               wasm_diag *diag)
{
    trace_consumer *consumer = context;
    consumer->functions++;
    char item[64];
    snprintf(item, sizeof item, "begin %u locals %u;", function->func_index,
             function->local_count);
    strncat(consumer->trace, item, sizeof consumer->trace - strlen(consumer->trace) - 1);
    return WASM_OK;
}

static wasm_status trace_instruction(void *context, const validate_instr *instr,
                                     wasm_diag *diag)
{
    trace_consumer *consumer = context;
    char item[64];
    snprintf(item, sizeof item, " %s%s%s", wasm_opcode_name(instr->op),
             instr->reachable ? "" : "(dead)", instr->reachable_after ? "" : "!");
    strncat(consumer->trace, item, sizeof consumer->trace - strlen(consumer->trace) - 1);
    if (instr->op == WASM_OP_F32_SQRT)
        return WASM_UNSUPPORTED;
    return WASM_OK;
}

static wasm_status trace_end(void *context, const validate_function *function,
                             wasm_diag *diag)
{
    trace_consumer *consumer = context;
    char item[64];
    snprintf(item, sizeof item, "; end stack %u depth %u", function->max_stack_height,
             function->max_control_depth);
    strncat(consumer->trace, item, sizeof consumer->trace - strlen(consumer->trace) - 1);
    return WASM_OK;
}

static void consumer_case(const char *name, const char *bytes, size_t size,
                          wasm_status want, const char *want_trace)
{
    wasm_module *module = NULL;
    wasm_diag diag;
    trace_consumer consumer;
    memset(&consumer, 0, sizeof consumer);
    validate_consumer callbacks = { &consumer, trace_begin, trace_instruction, trace_end };
    wasm_status status = module_decode((const uint8_t *)bytes, size, &module, &diag);
    if (status == WASM_OK)
        status = validate_module(module, &callbacks, &diag);
    char detail[1200], formatted[300];
    wasm_diag_format(&diag, formatted, sizeof formatted);
    snprintf(detail, sizeof detail, "want %d \"%s\"\n     got %d \"%s\" (%s)", want,
             want_trace, status, consumer.trace, formatted);
    check(status == want && strcmp(consumer.trace, want_trace) == 0, name, detail);
    module_delete(module);
}

#define CONSUMER(name, literal, want, trace) \
    consumer_case(name, literal, sizeof(literal) - 1, want, trace)

static void test_consumer(void)
{
    /* (block (br 0) (i32.const 1) drop) nop */
    CONSUMER("reachability after br",
             HEADER TYPE_VOID FUNC_ONE "\x0a\x0e\x01\x0c\x01\x01\x7f\x02\x40\x0c\x00\x41\x01\x1a\x0b\x0b",
             WASM_OK,
             "begin 0 locals 1; block br! i32.const(dead)! drop(dead)! end(dead) end!"
             "; end stack 1 depth 2");
    /* (if (i32.const 0) (then unreachable)) end: the if falls through */
    CONSUMER("if without else stays reachable",
             HEADER TYPE_VOID FUNC_ONE "\x0a\x0a\x01\x08\x00\x41\x00\x04\x40\x00\x0b\x0b",
             WASM_OK, "begin 0 locals 0; i32.const if unreachable! end(dead) end!"
             "; end stack 1 depth 2");
    /* (loop (br 0)) nop: an endless loop, nothing after it runs */
    CONSUMER("loop that never exits",
             HEADER TYPE_VOID FUNC_ONE "\x0a\x0a\x01\x08\x00\x03\x40\x0c\x00\x0b\x01\x0b",
             WASM_OK, "begin 0 locals 0; loop br! end(dead)! nop(dead)! end(dead)!"
             "; end stack 0 depth 2");
    /* f32.const 0; f32.sqrt: the consumer bails out */
    CONSUMER("consumer failure stops validation",
             HEADER "\x01\x05\x01\x60\x00\x01\x7d" FUNC_ONE
             "\x0a\x0a\x01\x08\x00\x43\x00\x00\x00\x00\x91\x0b",
             WASM_UNSUPPORTED, "begin 0 locals 0; f32.const f32.sqrt");
}

/* ---- the fuzz seeds: their names say what they are ---- */

static void test_corpus(const char *folder)
{
    DIR *dir = opendir(folder);
    if (!dir) {
        check(false, "corpus folder", folder);
        return;
    }
    struct dirent *entry;
    int seen = 0;
    while ((entry = readdir(dir))) {
        size_t length = strlen(entry->d_name);
        if (length < 5 || strcmp(entry->d_name + length - 5, ".wasm") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
        FILE *file = fopen(path, "rb");
        if (!file) {
            check(false, path, "cannot open");
            continue;
        }
        static char buffer[1 << 20];
        size_t size = fread(buffer, 1, sizeof buffer, file);
        fclose(file);
        wasm_status want = strncmp(entry->d_name, "invalid_", 8) == 0     ? WASM_INVALID
                           : strncmp(entry->d_name, "malformed_", 10) == 0 ? WASM_MALFORMED
                           : strncmp(entry->d_name, "unsupported_", 12) == 0
                               ? WASM_UNSUPPORTED
                               : WASM_OK;
        wasm_diag diag;
        wasm_status status = load(buffer, size, &diag);
        char formatted[300], detail[400];
        wasm_diag_format(&diag, formatted, sizeof formatted);
        snprintf(detail, sizeof detail, "want %s, got %s (%s)", wasm_status_message(want),
                 wasm_status_message(status), formatted);
        check(status == want, path, detail);
        seen++;
    }
    closedir(dir);
    check(seen > 0, "corpus has seeds", folder);
}

int main(int argc, char **argv)
{
    test_leb128();
    test_utf8();
    test_sections();
    test_type_limit();
    test_validator();
    test_consumer();
    test_corpus(argc > 1 ? argv[1] : "runtime/fuzz/corpus");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
