/* read_file.c: a whole file into memory, bounded, for the project's C tools and tests. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_file.h"

/* Reads at most `max` + 1 bytes from `fd` (one more than allowed shows the
 * input is too large); `expected` sizes the first buffer. */
static uint8_t *read_all(int fd, size_t expected, size_t max, size_t *size)
{
    size_t capacity = expected < max ? expected + 1 : max + 1, used = 0;
    if (capacity < 4096)
        capacity = 4096;
    uint8_t *bytes = malloc(capacity);
    if (!bytes) {
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        if (used == capacity) {
            if (used > max) {
                free(bytes);
                errno = READ_FILE_TOO_LARGE;
                return NULL;
            }
            size_t grown_capacity = capacity > max / 2 ? max + 1 : capacity * 2;
            uint8_t *grown = realloc(bytes, grown_capacity);
            if (!grown) {
                free(bytes);
                errno = ENOMEM;
                return NULL;
            }
            bytes = grown;
            capacity = grown_capacity;
        }
        ssize_t got = read(fd, bytes + used, capacity - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int error = errno;
            free(bytes);
            errno = error;
            return NULL;
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    if (used > max) {
        free(bytes);
        errno = READ_FILE_TOO_LARGE;
        return NULL;
    }
    *size = used;
    return bytes;
}

uint8_t *read_file(const char *path, size_t *size)
{
    if (!strcmp(path, "-"))
        return read_all(STDIN_FILENO, 0, READ_FILE_MAX, size);
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
     * refuses it like any other file that is not regular. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat info;
    uint8_t *bytes = NULL;
    int error = 0;
    if (fstat(fd, &info) != 0)
        error = errno;
    else if (!S_ISREG(info.st_mode))
        error = S_ISDIR(info.st_mode) ? EISDIR : READ_FILE_NOT_REGULAR;
    else if ((uint64_t)info.st_size > READ_FILE_MAX)
        error = READ_FILE_TOO_LARGE;
    else if (!(bytes = read_all(fd, (size_t)info.st_size, READ_FILE_MAX, size)))
        error = errno;
    close(fd);
    errno = error;
    return bytes;
}

bool read_file_same(const char *a, const char *b)
{
    struct stat info_a, info_b;
    return strcmp(a, "-") != 0 && strcmp(b, "-") != 0 && stat(a, &info_a) == 0 && stat(b, &info_b) == 0 &&
           info_a.st_dev == info_b.st_dev && info_a.st_ino == info_b.st_ino;
}

const char *read_file_strerror(int error)
{
    switch (error) {
    case READ_FILE_NOT_REGULAR: return "not a regular file";
    case READ_FILE_TOO_LARGE: return "larger than 1 GiB (1073741824 bytes), the limit";
    default: return strerror(error);
    }
}
