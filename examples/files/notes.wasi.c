// notes.wasi.c: the core module of the files example: ordinary C with stdio (fopen, fgets, printf) built as a WASI reactor; the loaders give it WASI and the directory "/data".
//
// Strings come in as (pointer, length) in a buffer from alloc, copied there by
// the adapter (notes.itl); a string goes out as a pointer to a 32-bit length
// followed by the bytes, in a buffer this module owns until the next call.

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

// Opens /data/NAME for reading, or prints why not (and returns NULL).
static FILE *open_note(const char *name, size_t length) {
    char path[300];
    snprintf(path, sizeof path, "/data/%.*s", (int)(length < 256 ? length : 256), name);
    FILE *file = fopen(path, "r");
    if (!file)
        printf("[core] cannot open %s: %s\n", path, strerror(errno));
    return file;
}

// The number of lines of /data/NAME, or -1 if it cannot be read.
__attribute__((export_name("line_count")))
int32_t line_count(const char *name, size_t length) {
    FILE *file = open_note(name, length);
    if (!file) {
        fflush(stdout);
        return -1;
    }
    char line[1024];
    int32_t lines = 0;
    while (fgets(line, sizeof line, file))
        lines++;
    fclose(file);
    printf("[core] /data/%.*s has %d lines\n", (int)length, name, (int)lines);
    fflush(stdout); // stdout is the host's: keep the order of the lines
    return lines;
}

static char *result; // the last string returned, length first

// The lines of /data/NAME containing WORD, joined by '\n' ("" if none or
// the file cannot be read).
__attribute__((export_name("find")))
const char *find(const char *name, size_t name_length, const char *word, size_t word_length) {
    char needle[256];
    snprintf(needle, sizeof needle, "%.*s", (int)(word_length < 255 ? word_length : 255), word);
    free(result);
    result = alloc(4);
    uint32_t size = 0;
    FILE *file = open_note(name, name_length);
    char line[1024];
    while (file && fgets(line, sizeof line, file)) {
        if (!strstr(line, needle))
            continue;
        size_t n = strcspn(line, "\n");
        char *grown = realloc(result, 4 + size + (size ? 1 : 0) + n);
        if (!grown) __builtin_trap();
        result = grown;
        if (size)
            result[4 + size++] = '\n';
        memcpy(result + 4 + size, line, n);
        size += (uint32_t)n;
    }
    if (file)
        fclose(file);
    fflush(stdout);
    memcpy(result, &size, 4);
    return result;
}
