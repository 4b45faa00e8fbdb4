/* read_file.h: a whole file into memory, bounded, for the project's C tools and tests (wrun, the spec runner, tests/jit, bench). */
#ifndef TOOLS_READ_FILE_H
#define TOOLS_READ_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest file read_file reads: 1 GiB (V8's cap on a module's bytes). */
#define READ_FILE_MAX ((size_t)1 << 30)

/* errno values of read_file's own (read_file_strerror says them). */
enum { READ_FILE_NOT_REGULAR = 0x7f01, READ_FILE_TOO_LARGE = 0x7f02 };

/* Reads the regular file at `path` ("-": standard input) into a malloc'd
 * buffer (the caller frees it) and stores its size in *size. Anything but a
 * regular file (a directory, a device such as /dev/zero, a FIFO, a socket)
 * is refused before it is read, and so is a file over READ_FILE_MAX bytes
 * (standard input is read up to that). NULL on failure, with errno saying
 * why: an errno value, READ_FILE_NOT_REGULAR or READ_FILE_TOO_LARGE. */
uint8_t *read_file(const char *path, size_t *size);

/* Whether paths `a` and `b` name one existing file (same device and inode:
 * links and other spellings included), so that writing `b` would destroy
 * `a`. "-" is standard input or output, never a file here. */
bool read_file_same(const char *a, const char *b);

/* strerror for read_file's errno values. */
const char *read_file_strerror(int error);

#endif
