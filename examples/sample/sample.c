// sample.c: the core module of examples/sample, seed 004's sample guest
// (the cmcpp/wasmtime "example:sample" world) written by hand the way
// wit-bindgen lays out a guest for the Component Model's canonical ABI:
// strings and lists as (pointer, length) in this memory, allocated by the
// caller through cabi_realloc; results of more than one core value through
// a return area this module owns (valid until its next call); more than 16
// parameter values passed as one pointer to them. sample.itl adapts these
// functions with lift/lower, lift-flat/lower-flat (docs/itl.md).

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

// The canonical ABI's allocator: the adapter asks it for room for every
// string and list it passes in. Traps rather than return NULL.
EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align; // malloc's alignment (16) covers every canonical type
    void *block = realloc(old, new_size ? new_size : 1);
    if (!block) __builtin_trap();
    return block;
}

// Where results of more than one core value go, and the memory this module
// gives out with them (freed at its next call: the adapter copies first).
static _Alignas(8) uint8_t ret_area[16];
static void **given;
static size_t given_count, given_capacity;

// Keeps `block` until the next forget().
static void *keep(void *block) {
    if (given_count == given_capacity) {
        given_capacity = given_capacity ? 2 * given_capacity : 8;
        given = cabi_realloc(given, 0, 4, given_capacity * sizeof *given);
    }
    return given[given_count++] = block;
}

static void *give(size_t size) {
    return keep(cabi_realloc(NULL, 0, 1, size));
}

static void forget(void) {
    for (size_t i = 0; i < given_count; i++) free(given[i]);
    given_count = 0;
}

static void put_string(uint8_t *at, const char *data, size_t size) {
    uint32_t pointer = (uint32_t)(uintptr_t)data, length = (uint32_t)size;
    memcpy(at, &pointer, 4);
    memcpy(at + 4, &length, 4);
}

// The host's log function (an import of the component).
__attribute__((import_module("example:sample/logging"), import_name("log")))
void host_log(const char *text, size_t length);

// strings.reverse: func(a: string) -> string, upper-cased and reversed. The
// string argument is the adapter's allocation: this module owns it now.
EXPORT("example:sample/strings#reverse")
uint8_t *reverse(char *text, size_t length) {
    forget();
    char *out = give(length);
    for (size_t i = 0; i < length; i++) {
        char c = text[length - 1 - i];
        out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    free(text);
    put_string(ret_area, out, length);
    return ret_area;
}

// strings.lots: func(p1: string, ..., p17: string) -> u32, the total length:
// 17 strings are 34 core values, past 16, so they come as one pointer to a
// tuple of 17 (pointer, length) pairs.
EXPORT("example:sample/strings#lots")
uint32_t lots(const uint32_t *strings) {
    uint32_t total = 0;
    for (int i = 0; i < 17; i++) {
        total += strings[2 * i + 1];
        free((void *)(uintptr_t)strings[2 * i]);
    }
    free((void *)strings);
    return total;
}

// variants.variant-func: func(a: variant { b(bool), n(u32) }) -> u32: n
// doubled, b negated (as 0 or 1). Flat: the case, then the payload.
EXPORT("example:sample/variants#variant-func")
uint32_t variant_func(uint32_t which, uint32_t payload) {
    return which == 0 ? (payload ? 0 : 1) : payload * 2;
}

// options.option-func: func(a: option<u32>) -> option<u32>, doubled. The
// result is two core values: in the return area, a u8 case and a u32 at 4.
EXPORT("example:sample/options#option-func")
uint8_t *option_func(uint32_t is_some, uint32_t value) {
    memset(ret_area, 0, 8);
    ret_area[0] = is_some != 0;
    uint32_t doubled = value * 2;
    if (is_some) memcpy(ret_area + 4, &doubled, 4);
    return ret_area;
}

// void.void-func: func(): logs through the host.
EXPORT("example:sample/void#void-func")
void void_func(void) {
    static const char hello[] = "Hello, Void_Func!";
    host_log(hello, sizeof hello - 1);
}

// results.ok-func / err-func: func() -> result<u32, string>: a u8 case at 0,
// then the u32 or the string at 4.
EXPORT("example:sample/results#ok-func")
uint8_t *ok_func(void) {
    memset(ret_area, 0, 12);
    uint32_t answer = 42;
    memcpy(ret_area + 4, &answer, 4);
    return ret_area;
}

EXPORT("example:sample/results#err-func")
uint8_t *err_func(void) {
    forget();
    static const char error[] = "error";
    char *text = give(sizeof error - 1);
    memcpy(text, error, sizeof error - 1);
    memset(ret_area, 0, 12);
    ret_area[0] = 1;
    put_string(ret_area + 4, text, sizeof error - 1);
    return ret_area;
}

EXPORT("example:sample/booleans#and")
bool and_func(bool a, bool b) {
    return a && b;
}

EXPORT("example:sample/floats#add")
double add(double a, double b) {
    return a + b;
}

// tuples.reverse-tuple: func(a: tuple<bool, string>) -> tuple<string, bool>:
// the string reversed as reverse does, the bool negated.
EXPORT("example:sample/tuples#reverse-tuple")
uint8_t *reverse_tuple(bool flag, char *text, size_t length) {
    uint8_t *reversed = reverse(text, length); // fills ret_area[0..8)
    (void)reversed;
    ret_area[8] = !flag;
    return ret_area;
}

// lists.list-filter: func(a: list<variant { b(bool), s(string) }>) -> list<string>:
// the strings. Each element is 12 bytes: a u8 case, then at 4 a bool or a string.
EXPORT("example:sample/lists#list-filter")
uint8_t *list_filter(const uint8_t *items, size_t count) {
    forget();
    uint8_t *out = give(count * 8 + 1);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        const uint8_t *item = items + 12 * i;
        if (item[0] != 1) continue; // a bool: nothing to keep
        memcpy(out + 8 * kept++, item + 4, 8); // the string's (pointer, length), now ours
        uint32_t pointer;
        memcpy(&pointer, item + 4, 4);
        keep((void *)(uintptr_t)pointer);
    }
    free((void *)items);
    put_string(ret_area, (const char *)out, kept); // a list: (pointer, count)
    return ret_area;
}

// enums.enum-func: func(a: e) -> e, with e = enum { a, b, c }.
EXPORT("example:sample/enums#enum-func")
uint32_t enum_func(uint32_t e) {
    return e;
}

// records.scale: func(p: point, by: f64) -> point, point = record { x: f64, y: f64 }.
EXPORT("example:sample/records#scale")
uint8_t *scale(double x, double y, double by) {
    double scaled[2] = {x * by, y * by};
    memcpy(ret_area, scaled, 16);
    return ret_area;
}

// flags.toggle: func(p: perms) -> perms, perms = flags { read, write, exec }:
// every flag flipped.
EXPORT("example:sample/flags#toggle")
uint32_t toggle(uint32_t perms) {
    return ~perms & 7;
}
