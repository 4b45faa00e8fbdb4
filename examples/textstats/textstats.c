// textstats.c: a C core module computing statistics on UTF-8 text (words, code points, FNV-1a hash, average word length) and two transforms (reverse the words, title-case ASCII words).
//
// Memory contract with textstats.itl: the adapter asks for a buffer with
// text_alloc(len), copies the UTF-8 text there, calls one of the functions
// below with (ptr, len), then gives the buffer back with text_free(ptr).
// The transforms return a pointer to a result buffer owned by this module,
// valid until the next transform call; text_result_len() is its length in
// bytes (a core function returns one value, so the length comes separately).
// The input is valid UTF-8 (the adapter's string_to_mem writes only that).
// A word is a maximal run of bytes that are not ASCII whitespace.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_EXPORT(name) __attribute__((export_name(name)))

// The host's log(string), reached through the adapter's shim for env.log.
__attribute__((import_module("env"), import_name("log")))
void host_log(const char *text, size_t length);

static char *result_buffer;
static size_t result_length;

static int is_space(unsigned char byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' || byte == '\v';
}

// True for the first byte of a UTF-8 sequence (not a continuation byte 10xxxxxx).
static int is_code_point_start(unsigned char byte) {
    return (byte & 0xc0) != 0x80;
}

// Traps when memory runs out: the adapter has no `if` to check for a null
// pointer, and would copy the string to address 0.
TEXT_EXPORT("text_alloc")
char *text_alloc(size_t length) {
    char *buffer = malloc(length ? length : 1);
    if (!buffer) __builtin_trap();
    return buffer;
}

TEXT_EXPORT("text_free")
void text_free(char *buffer) {
    free(buffer);
}

TEXT_EXPORT("text_result_len")
size_t text_result_len(void) {
    return result_length;
}

TEXT_EXPORT("word_count")
uint32_t word_count(const char *text, size_t length) {
    uint32_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < length; i++) {
        int space = is_space((unsigned char)text[i]);
        if (!space && !in_word) words++;
        in_word = !space;
    }
    return words;
}

TEXT_EXPORT("code_points")
uint32_t code_points(const char *text, size_t length) {
    uint32_t count = 0;
    for (size_t i = 0; i < length; i++) count += is_code_point_start((unsigned char)text[i]);
    return count;
}

// 64-bit FNV-1a over the UTF-8 bytes, starting from `seed` instead of the
// standard offset basis.
TEXT_EXPORT("fnv1a_hash_seeded")
uint64_t fnv1a_hash_seeded(const char *text, size_t length, uint64_t seed) {
    uint64_t hash = seed;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 0x100000001b3u;
    }
    return hash;
}

// 64-bit FNV-1a over the UTF-8 bytes.
TEXT_EXPORT("fnv1a_hash")
uint64_t fnv1a_hash(const char *text, size_t length) {
    return fnv1a_hash_seeded(text, length, 0xcbf29ce484222325u);
}

// Code points in words divided by the number of words; 0 for no words.
TEXT_EXPORT("average_word_length")
double average_word_length(const char *text, size_t length) {
    uint32_t words = word_count(text, length);
    uint32_t letters = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        letters += !is_space(byte) && is_code_point_start(byte);
    }
    return words ? (double)letters / words : 0.0;
}

// Makes the result buffer hold at least `capacity` bytes (and at least one).
// Traps when memory runs out (the adapter cannot check a null result).
static void reserve_result(size_t capacity) {
    char *grown = realloc(result_buffer, capacity ? capacity : 1);
    if (!grown) __builtin_trap();
    result_buffer = grown;
}

// Appends the decimal form of `value` at `out`; returns the end.
static char *append_decimal(char *out, uint32_t value) {
    char digits[10];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (count) *out++ = digits[--count];
    return out;
}

// Logs "NAME: W words, B bytes" through the host.
static void log_summary(const char *name, uint32_t words, size_t bytes) {
    char message[80];
    size_t name_length = strlen(name);
    char *out = message;
    memcpy(out, name, name_length);
    out += name_length;
    memcpy(out, ": ", 2);
    out = append_decimal(out + 2, words);
    memcpy(out, " words, ", 8);
    out = append_decimal(out + 8, (uint32_t)bytes);
    memcpy(out, " bytes", 6);
    out += 6;
    host_log(message, (size_t)(out - message));
}

// The words in reverse order, separated by single spaces (leading, trailing
// and repeated whitespace disappear). Logs how many words it reversed.
TEXT_EXPORT("reverse_words")
const char *reverse_words(const char *text, size_t length) {
    result_length = 0;
    reserve_result(length);
    size_t end = length;
    uint32_t words = 0;
    while (end > 0) {
        while (end > 0 && is_space((unsigned char)text[end - 1])) end--;
        size_t start = end;
        while (start > 0 && !is_space((unsigned char)text[start - 1])) start--;
        if (start == end) break;
        if (words++) result_buffer[result_length++] = ' ';
        memcpy(result_buffer + result_length, text + start, end - start);
        result_length += end - start;
        end = start;
    }
    log_summary("reverseWords", words, length);
    return result_buffer;
}

// The text with the first byte of each word upper-cased and the rest of the
// word's ASCII letters lower-cased; non-ASCII bytes and whitespace are kept.
TEXT_EXPORT("title_case")
const char *title_case(const char *text, size_t length) {
    result_length = 0;
    reserve_result(length);
    int in_word = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        int space = is_space(byte);
        if (!space && !in_word && byte >= 'a' && byte <= 'z') byte = (unsigned char)(byte - 'a' + 'A');
        else if (!space && in_word && byte >= 'A' && byte <= 'Z') byte = (unsigned char)(byte - 'A' + 'a');
        result_buffer[i] = (char)byte;
        in_word = !space;
    }
    result_length = length;
    return result_buffer;
}
