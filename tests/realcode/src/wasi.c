/* wasi.c: what the test shim provides, through wasi-libc and through the raw WASI calls: argv, environ, clocks, random bytes, stdin at EOF, stdio as terminals, errors for everything else, and exit(3) after output without a final newline. */
#define _DEFAULT_SOURCE /* getentropy, clock_gettime, isatty under -std=c11 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

int main(int argc, char **argv)
{
    printf("argc %d argv[0] %s argv[1] %s\n", argc, argv[0], argc > 1 ? argv[1] : "(none)");
    printf("getenv HOME %s PATH %s\n", getenv("HOME") ? "set" : "unset", getenv("PATH") ? "set" : "unset");

    time_t now = time(NULL);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    struct tm *utc = gmtime(&now);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", utc);
    printf("time %lld (%s UTC), monotonic %lld.%09ld\n", (long long)now, date, (long long)ts.tv_sec,
           ts.tv_nsec);

    unsigned char bytes[12];
    int got = getentropy(bytes, sizeof bytes);
    printf("getentropy %d:", got);
    for (size_t i = 0; i < sizeof bytes; i++)
        printf(" %02x", bytes[i]);
    printf("\n");

    char line[32];
    printf("fgets(stdin) %s, feof %d\n", fgets(line, sizeof line, stdin) ? "read" : "NULL", feof(stdin));
    printf("isatty 0 %d 1 %d 2 %d 3 %d\n", isatty(0), isatty(1), isatty(2), isatty(3));
    errno = 0;
    off_t offset = lseek(1, 0, SEEK_CUR);
    printf("lseek(1) %lld errno %s\n", (long long)offset, errno == ESPIPE ? "ESPIPE" : strerror(errno));
    errno = 0;
    FILE *file = fopen("/tmp/x.txt", "r");
    printf("fopen %s errno %s\n", file ? "opened" : "NULL", errno ? "set" : "0");

    /* Raw calls: the errors the shim returns. */
    __wasi_ciovec_t vector = {(const uint8_t *)"raw\n", 4};
    __wasi_size_t written = 0;
    printf("fd_write(5) %d\n", __wasi_fd_write(5, &vector, 1, &written));
    __wasi_ciovec_t outside = {(const uint8_t *)0xfffffff0u, 100};
    printf("fd_write(outside memory) %d\n", __wasi_fd_write(1, &outside, 1, &written));
    fflush(stdout);
    printf("fd_write(1) %d", __wasi_fd_write(1, &vector, 1, &written));
    printf(" wrote %u\n", (unsigned)written);
    __wasi_fdstat_t stat;
    printf("fd_fdstat_get(1) %d type %d, (7) %d\n", __wasi_fd_fdstat_get(1, &stat), stat.fs_filetype,
           __wasi_fd_fdstat_get(7, &stat));
    __wasi_prestat_t prestat;
    printf("fd_prestat_get(3) %d fd_close(9) %d\n", __wasi_fd_prestat_get(3, &prestat), __wasi_fd_close(9));

    fprintf(stderr, "wasi: to stderr\n");
    printf("exiting with 3 after a line without newline");
    exit(3);
}
