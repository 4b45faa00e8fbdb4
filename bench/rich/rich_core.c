// rich_core.c: the core module of the rich-types boundary bench (rich.itl):
// canonical-ABI functions that give their argument back, so that a call
// measures lowering into core memory and lifting out of it.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static void *owned; // the last argument's memory, freed at the next call

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align;
    void *block = realloc(old, new_size ? new_size : 1);
    if (!block) __builtin_trap();
    return block;
}

static _Alignas(8) uint8_t ret_area[16];

static uint8_t *pair(void *pointer, uint32_t length) {
    free(owned);
    owned = pointer;
    uint32_t p = (uint32_t)(uintptr_t)pointer;
    memcpy(ret_area, &p, 4);
    memcpy(ret_area + 4, &length, 4);
    return ret_area;
}

// list<u32> -> list<u32>
EXPORT("echo-list")
uint8_t *echo_list(uint32_t *items, uint32_t count) { return pair(items, count); }

// record { a: u32, b: u32, c: f64, d: u8 } -> the same: flat in, a return area out
EXPORT("echo-record")
uint8_t *echo_record(uint32_t a, uint32_t b, double c, uint32_t d) {
    static _Alignas(8) uint8_t area[24]; // a at 0, b at 4, c at 8, d at 16
    memcpy(area, &a, 4);
    memcpy(area + 4, &b, 4);
    memcpy(area + 8, &c, 8);
    area[16] = (uint8_t)d;
    return area;
}

// option<string> -> the same
EXPORT("echo-option")
uint8_t *echo_option(uint32_t is_some, char *text, uint32_t length) {
    static _Alignas(4) uint8_t area[12];
    memset(area, 0, sizeof area);
    if (is_some) {
        free(owned);
        owned = text;
        area[0] = 1;
        uint32_t p = (uint32_t)(uintptr_t)text;
        memcpy(area + 4, &p, 4);
        memcpy(area + 8, &length, 4);
    }
    return area;
}
