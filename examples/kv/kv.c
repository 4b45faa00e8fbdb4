// kv.c: the core module of examples/kv: a small key-value store and a CSV
// row parser, laid out for the Component Model's canonical ABI as a
// wit-bindgen guest would be (kv.itl adapts it):
//
//   set: func(key: string, value: string)
//   get: func(key: string) -> option<string>
//   remove: func(key: string) -> bool
//   keys: func() -> list<string>                  (in insertion order)
//   parse-row: func(line: string) -> result<person, string>
//     person = record { name: string, age: u32, email: option<string> }
//
// Strings come in as (pointer, length) in buffers the adapter allocated with
// cabi_realloc, which this module then owns. Results of more than one core
// value go through a return area; the memory they point at stays valid
// until the next call (the adapter copies it out at once).

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align;
    void *block = realloc(old, new_size ? new_size : 1);
    if (!block) __builtin_trap();
    return block;
}

typedef struct string {
    char *data;
    uint32_t size;
} string;

typedef struct entry {
    string key, value;
} entry;

static entry *entries;
static size_t entry_count, entry_capacity;

static _Alignas(8) uint8_t ret_area[32];
static void *scratch; // what the last result pointed at, freed at the next call

static void put_u32(uint8_t *at, uint32_t value) { memcpy(at, &value, 4); }

static void put_string(uint8_t *at, const char *data, uint32_t size) {
    put_u32(at, (uint32_t)(uintptr_t)data);
    put_u32(at + 4, size);
}

static entry *find(const char *key, size_t size) {
    for (size_t i = 0; i < entry_count; i++)
        if (entries[i].key.size == size && memcmp(entries[i].key.data, key, size) == 0) return &entries[i];
    return NULL;
}

EXPORT("example:kv/store#set")
void set(char *key, size_t key_size, char *value, size_t value_size) {
    entry *e = find(key, key_size);
    if (e) {
        free(key);
        free(e->value.data);
        e->value = (string){value, (uint32_t)value_size};
        return;
    }
    if (entry_count == entry_capacity) {
        entry_capacity = entry_capacity ? 2 * entry_capacity : 8;
        entries = cabi_realloc(entries, 0, 4, entry_capacity * sizeof *entries);
    }
    entries[entry_count++] = (entry){{key, (uint32_t)key_size}, {value, (uint32_t)value_size}};
}

// get: option<string> in the return area: a u8 case at 0, the string at 4.
EXPORT("example:kv/store#get")
uint8_t *get(char *key, size_t key_size) {
    entry *e = find(key, key_size);
    free(key);
    memset(ret_area, 0, 12);
    if (e) {
        ret_area[0] = 1;
        put_string(ret_area + 4, e->value.data, e->value.size);
    }
    return ret_area;
}

EXPORT("example:kv/store#remove")
bool remove_key(char *key, size_t key_size) {
    entry *e = find(key, key_size);
    free(key);
    if (!e) return false;
    free(e->key.data);
    free(e->value.data);
    memmove(e, e + 1, (size_t)(entries + entry_count - (e + 1)) * sizeof *e);
    entry_count--;
    return true;
}

// keys: list<string> in the return area: (pointer, count) of (pointer, length) pairs.
EXPORT("example:kv/store#keys")
uint8_t *keys(void) {
    free(scratch);
    uint8_t *list = scratch = cabi_realloc(NULL, 0, 4, entry_count * 8);
    for (size_t i = 0; i < entry_count; i++) put_string(list + 8 * i, entries[i].key.data, entries[i].key.size);
    put_string(ret_area, (const char *)list, (uint32_t)entry_count);
    return ret_area;
}

// parse-row: "name,age[,email]" -> result<person, string> in the return area:
// a u8 case at 0, the payload at 4: person { name at 4, age at 12, email: a
// u8 case at 16 and the string at 20 }, or the error string at 4.
static uint8_t *parse_error(const char *message) {
    memset(ret_area, 0, 28);
    ret_area[0] = 1;
    put_string(ret_area + 4, message, (uint32_t)strlen(message));
    return ret_area;
}

EXPORT("example:kv/csv#parse-row")
uint8_t *parse_row(char *line, size_t size) {
    free(scratch);
    scratch = line; // the fields point into it
    char *end = line + size, *comma = memchr(line, ',', size);
    if (!comma) return parse_error("expected name,age[,email]");
    if (comma == line) return parse_error("the name is empty");
    char *age_start = comma + 1, *age_end = memchr(age_start, ',', (size_t)(end - age_start));
    if (!age_end) age_end = end;
    if (age_end == age_start) return parse_error("the age is empty");
    uint64_t age = 0;
    for (char *p = age_start; p < age_end; p++) {
        if (*p < '0' || *p > '9') return parse_error("the age is not a number");
        age = age * 10 + (uint64_t)(*p - '0');
        if (age > 200) return parse_error("the age is out of range (0..200)");
    }
    memset(ret_area, 0, 28);
    put_string(ret_area + 4, line, (uint32_t)(comma - line));
    put_u32(ret_area + 12, (uint32_t)age);
    if (age_end < end && age_end + 1 < end) {
        ret_area[16] = 1;
        put_string(ret_area + 20, age_end + 1, (uint32_t)(end - age_end - 1));
    }
    return ret_area;
}
