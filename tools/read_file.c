/* read_file.c: a whole file into memory, for the project's C tools and tests. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "read_file.h"

uint8_t *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    uint8_t *bytes = NULL;
    size_t used = 0, capacity = 0;
    for (;;) {
        if (used == capacity) {
            capacity = capacity ? capacity * 2 : 65536;
            uint8_t *grown = realloc(bytes, capacity);
            if (!grown) {
                free(bytes);
                fclose(file);
                errno = ENOMEM;
                return NULL;
            }
            bytes = grown;
        }
        size_t got = fread(bytes + used, 1, capacity - used, file);
        used += got;
        if (got == 0)
            break;
    }
    int read_error = ferror(file) ? (errno ? errno : EIO) : 0;
    fclose(file);
    if (read_error) {
        free(bytes);
        errno = read_error;
        return NULL;
    }
    *size = used;
    return bytes;
}
