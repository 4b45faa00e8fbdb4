/* read_file.h: a whole file into memory, for the project's C tools and tests (wrun, the spec runner, tests/jit, bench). */
#ifndef TOOLS_READ_FILE_H
#define TOOLS_READ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Reads the file at `path` into a malloc'd buffer (the caller frees it) and
 * stores its size in *size. NULL on failure, with errno saying why (ENOMEM
 * when out of memory; a directory fails with its read error). */
uint8_t *read_file(const char *path, size_t *size);

#endif
