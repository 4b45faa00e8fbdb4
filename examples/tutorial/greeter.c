// greeter.c: the core module of the tutorial in docs/itl.md ("Your first component"): plain C compiled to wasm32.
//
// Strings come in as (pointer, length) in this module's memory, copied there
// by the adapter into a buffer from alloc. Strings go out as a pointer to a
// buffer this module owns (valid until the next call), with the length either
// in front of the bytes (greet) or from a second export (shout, result_length).

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A function of the host, reached through the adapter: greeter.itl adapts
// the core import env.log.
__attribute__((import_module("env"), import_name("log")))
void host_log(const char *text, size_t length);

// Memory for the adapter's copies of strings. Traps instead of returning
// NULL: the adapter has no `if` to test the pointer.
__attribute__((export_name("alloc")))
void *alloc(size_t size) {
    void *block = malloc(size ? size : 1);
    if (!block) __builtin_trap();
    return block;
}

__attribute__((export_name("dealloc")))
void dealloc(void *block) {
    free(block);
}

// A string in, a number out.
__attribute__((export_name("count_vowels")))
uint32_t count_vowels(const char *text, size_t length) {
    uint32_t vowels = 0;
    for (size_t i = 0; i < length; i++)
        vowels += text[i] != 0 && strchr("aeiouAEIOU", text[i]) != NULL;
    return vowels;
}

static char *result;         // the last string this module returned
static uint32_t result_size; // its length in bytes

// Makes `result` hold `size` bytes (the previous result is gone).
static char *new_result(size_t size) {
    free(result);
    result = alloc(size);
    return result;
}

// A string out, length first: a 32-bit little-endian length, then the bytes
// of "Hello, NAME!". Logs the greeting through the host.
__attribute__((export_name("greet")))
const char *greet(const char *name, size_t length) {
    static const char hello[] = "Hello, ";
    uint32_t size = (uint32_t)(sizeof hello - 1 + length + 1);
    char *buffer = new_result(4 + size);
    memcpy(buffer, &size, 4);
    memcpy(buffer + 4, hello, sizeof hello - 1);
    memcpy(buffer + 4 + sizeof hello - 1, name, length);
    buffer[4 + size - 1] = '!';
    host_log(buffer + 4, size);
    return buffer;
}

// A string out, length apart: the text with ASCII letters upper-cased;
// result_length() is its length.
__attribute__((export_name("shout")))
const char *shout(const char *text, size_t length) {
    char *buffer = new_result(length);
    for (size_t i = 0; i < length; i++)
        buffer[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
    result_size = (uint32_t)length;
    return buffer;
}

__attribute__((export_name("result_length")))
uint32_t result_length(void) {
    return result_size;
}
