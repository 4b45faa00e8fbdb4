/* wasi.h: what the WASI library's files share: the object, its fd table, guest memory access and the preview1 constants. */
#ifndef WRT_WASI_INTERNAL_H
#define WRT_WASI_INTERNAL_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wrt_wasi.h"

/* WASI errno values (preview1's $errno), the ones this library returns. */
enum {
    WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EAGAIN = 6, WASI_EBADF = 8,
    WASI_EBUSY = 10, WASI_EEXIST = 20, WASI_EFAULT = 21, WASI_EFBIG = 22, WASI_EILSEQ = 25,
    WASI_EINTR = 27, WASI_EINVAL = 28, WASI_EIO = 29, WASI_EISDIR = 31, WASI_ELOOP = 32,
    WASI_EMFILE = 33, WASI_EMLINK = 34, WASI_ENAMETOOLONG = 37, WASI_ENFILE = 41,
    WASI_ENODEV = 43, WASI_ENOENT = 44, WASI_ENOMEM = 48, WASI_ENOSPC = 51, WASI_ENOSYS = 52,
    WASI_ENOTDIR = 54, WASI_ENOTEMPTY = 55, WASI_ENOTSOCK = 57, WASI_ENOTSUP = 58,
    WASI_ENOTTY = 59, WASI_ENXIO = 60, WASI_EOVERFLOW = 61, WASI_EPERM = 63, WASI_EPIPE = 64,
    WASI_ERANGE = 68, WASI_EROFS = 69, WASI_ESPIPE = 70, WASI_ETIMEDOUT = 73,
    WASI_ETXTBSY = 74, WASI_EXDEV = 75, WASI_ENOTCAPABLE = 76,
};

/* $filetype */
enum {
    WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_BLOCK_DEVICE = 1, WASI_FILETYPE_CHARACTER_DEVICE = 2,
    WASI_FILETYPE_DIRECTORY = 3, WASI_FILETYPE_REGULAR_FILE = 4, WASI_FILETYPE_SOCKET_DGRAM = 5,
    WASI_FILETYPE_SOCKET_STREAM = 6, WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

/* $fdflags, $oflags, $lookupflags, $fstflags */
enum {
    WASI_FDFLAG_APPEND = 1, WASI_FDFLAG_DSYNC = 2, WASI_FDFLAG_NONBLOCK = 4, WASI_FDFLAG_RSYNC = 8,
    WASI_FDFLAG_SYNC = 16,
    WASI_OFLAG_CREAT = 1, WASI_OFLAG_DIRECTORY = 2, WASI_OFLAG_EXCL = 4, WASI_OFLAG_TRUNC = 8,
    WASI_LOOKUP_SYMLINK_FOLLOW = 1,
    WASI_FST_ATIM = 1, WASI_FST_ATIM_NOW = 2, WASI_FST_MTIM = 4, WASI_FST_MTIM_NOW = 8,
};

/* $rights: one bit per operation. */
#define WASI_RIGHT(n) ((uint64_t)1 << (n))
enum {
    WASI_R_FD_DATASYNC = 0, WASI_R_FD_READ = 1, WASI_R_FD_SEEK = 2, WASI_R_FD_FDSTAT_SET_FLAGS = 3,
    WASI_R_FD_SYNC = 4, WASI_R_FD_TELL = 5, WASI_R_FD_WRITE = 6, WASI_R_FD_ADVISE = 7,
    WASI_R_FD_ALLOCATE = 8, WASI_R_PATH_CREATE_DIRECTORY = 9, WASI_R_PATH_CREATE_FILE = 10,
    WASI_R_PATH_LINK_SOURCE = 11, WASI_R_PATH_LINK_TARGET = 12, WASI_R_PATH_OPEN = 13,
    WASI_R_FD_READDIR = 14, WASI_R_PATH_READLINK = 15, WASI_R_PATH_RENAME_SOURCE = 16,
    WASI_R_PATH_RENAME_TARGET = 17, WASI_R_PATH_FILESTAT_GET = 18,
    WASI_R_PATH_FILESTAT_SET_SIZE = 19, WASI_R_PATH_FILESTAT_SET_TIMES = 20,
    WASI_R_FD_FILESTAT_GET = 21, WASI_R_FD_FILESTAT_SET_SIZE = 22,
    WASI_R_FD_FILESTAT_SET_TIMES = 23, WASI_R_PATH_SYMLINK = 24, WASI_R_PATH_REMOVE_DIRECTORY = 25,
    WASI_R_PATH_UNLINK_FILE = 26, WASI_R_POLL_FD_READWRITE = 27, WASI_R_SOCK_SHUTDOWN = 28,
    WASI_R_SOCK_ACCEPT = 29,
};
#define WASI_RIGHTS_ALL (WASI_RIGHT(30) - 1)
/* What a regular file or a directory can do at most. */
#define WASI_RIGHTS_FILE                                                                               \
    (WASI_RIGHT(WASI_R_FD_DATASYNC) | WASI_RIGHT(WASI_R_FD_READ) | WASI_RIGHT(WASI_R_FD_SEEK) |       \
     WASI_RIGHT(WASI_R_FD_FDSTAT_SET_FLAGS) | WASI_RIGHT(WASI_R_FD_SYNC) | WASI_RIGHT(WASI_R_FD_TELL) | \
     WASI_RIGHT(WASI_R_FD_WRITE) | WASI_RIGHT(WASI_R_FD_ADVISE) | WASI_RIGHT(WASI_R_FD_ALLOCATE) |    \
     WASI_RIGHT(WASI_R_FD_FILESTAT_GET) | WASI_RIGHT(WASI_R_FD_FILESTAT_SET_SIZE) |                  \
     WASI_RIGHT(WASI_R_FD_FILESTAT_SET_TIMES) | WASI_RIGHT(WASI_R_POLL_FD_READWRITE))
#define WASI_RIGHTS_DIRECTORY                                                                          \
    (WASI_RIGHT(WASI_R_FD_FDSTAT_SET_FLAGS) | WASI_RIGHT(WASI_R_FD_SYNC) |                            \
     WASI_RIGHT(WASI_R_FD_ADVISE) | WASI_RIGHT(WASI_R_PATH_CREATE_DIRECTORY) |                        \
     WASI_RIGHT(WASI_R_PATH_CREATE_FILE) | WASI_RIGHT(WASI_R_PATH_LINK_SOURCE) |                      \
     WASI_RIGHT(WASI_R_PATH_LINK_TARGET) | WASI_RIGHT(WASI_R_PATH_OPEN) | WASI_RIGHT(WASI_R_FD_READDIR) | \
     WASI_RIGHT(WASI_R_PATH_READLINK) | WASI_RIGHT(WASI_R_PATH_RENAME_SOURCE) |                       \
     WASI_RIGHT(WASI_R_PATH_RENAME_TARGET) | WASI_RIGHT(WASI_R_PATH_FILESTAT_GET) |                   \
     WASI_RIGHT(WASI_R_PATH_FILESTAT_SET_SIZE) | WASI_RIGHT(WASI_R_PATH_FILESTAT_SET_TIMES) |         \
     WASI_RIGHT(WASI_R_FD_FILESTAT_GET) | WASI_RIGHT(WASI_R_FD_FILESTAT_SET_TIMES) |                  \
     WASI_RIGHT(WASI_R_PATH_SYMLINK) | WASI_RIGHT(WASI_R_PATH_REMOVE_DIRECTORY) |                     \
     WASI_RIGHT(WASI_R_PATH_UNLINK_FILE) | WASI_RIGHT(WASI_R_POLL_FD_READWRITE))

/* One open guest fd. */
typedef struct wasi_fd {
    bool open;
    int host;                 /* the host descriptor (owned) */
    uint8_t filetype;         /* $filetype */
    uint16_t flags;           /* $fdflags the guest set (append, nonblock, ...) */
    uint64_t rights;          /* what this fd may do */
    uint64_t inheriting;      /* what fds opened through it may do */
    char *preopen_name;       /* a preopened directory's guest name, else NULL */
    DIR *dir;                 /* fd_readdir's stream, opened on first use */
} wasi_fd;

struct wrt_wasi {
    char **args;
    size_t arg_count;
    char **env;
    size_t env_count;
    wasi_fd *fds; /* index = guest fd */
    uint32_t fd_count;
    bool exited;
    uint32_t exit_code;
    char message[512];
    /* The last caller's memory export, looked up once per instance. */
    wrt_instance *memory_of;
    wrt_memory *memory;
    /* The functions wrt_wasi_define made, for `funcs_store`; a later call
     * for the same store defines these again. */
    wrt_store *funcs_store;
    wrt_func **funcs;
};

/* The guest memory a host call works on: the caller's export "memory". */
typedef struct wasi_memory {
    uint8_t *base;
    uint64_t size; /* 0 if the caller exports no memory */
} wasi_memory;

wasi_memory wasi_memory_of(wrt_wasi *wasi, const wrt_host_call *call);

/* [address, address + length) inside memory, or NULL. */
static inline uint8_t *wasi_bytes(wasi_memory memory, uint32_t address, uint64_t length)
{
    if (address > memory.size || length > memory.size - address)
        return NULL;
    return memory.base + address;
}

static inline bool wasi_store_u32(wasi_memory memory, uint32_t address, uint32_t value)
{
    uint8_t *p = wasi_bytes(memory, address, 4);
    if (p)
        __builtin_memcpy(p, &value, 4);
    return p != NULL;
}

static inline bool wasi_store_u64(wasi_memory memory, uint32_t address, uint64_t value)
{
    uint8_t *p = wasi_bytes(memory, address, 8);
    if (p)
        __builtin_memcpy(p, &value, 8);
    return p != NULL;
}

static inline uint32_t wasi_load_u32(const uint8_t *p)
{
    uint32_t value;
    __builtin_memcpy(&value, p, 4);
    return value;
}

/* The WASI errno for a host errno value. */
int32_t wasi_errno(int error);

/* The open fd `fd` if it has every right in `rights`; else NULL with
 * *error EBADF (not open) or ENOTCAPABLE (a right missing). */
wasi_fd *wasi_fd_get(wrt_wasi *wasi, uint32_t fd, uint64_t rights, int32_t *error);

/* Puts host descriptor `host` in the lowest free guest fd from 3 on (*out):
 * 0-2 are stdio's, so preopens are found from 3 as wasi-libc looks for them
 * even when stdin is closed; EMFILE if the table cannot grow (host is then
 * closed). */
int32_t wasi_fd_add(wrt_wasi *wasi, int host, uint8_t filetype, uint64_t rights, uint64_t inheriting,
                    uint32_t *out);

/* Closes guest fd `fd`'s host side and frees its slot. */
void wasi_fd_release(wasi_fd *fd);

/* The $filetype of a host st_mode. */
uint8_t wasi_filetype(unsigned mode);

/* Writes a 64-byte $filestat for host `info` at `address`; EFAULT if outside. */
struct stat;
int32_t wasi_store_filestat(wasi_memory memory, uint32_t address, const struct stat *info);

/* The timespec pair futimens/utimensat take for (atim, mtim, fstflags);
 * EINVAL for contradictory flags. */
struct timespec;
int32_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fstflags, struct timespec times[2]);

/* The functions, one per import, in the raw-callback form (cells: the
 * arguments in order, result 0 into cells[0].i32). Defined in wasi_fd.c
 * (fd_*), wasi_path.c (path_*) and wasi.c (the rest). */
#define WASI_FUNCTIONS(X)                                                   \
    X(args_get, "ii", "i")                                                  \
    X(args_sizes_get, "ii", "i")                                            \
    X(environ_get, "ii", "i")                                               \
    X(environ_sizes_get, "ii", "i")                                         \
    X(clock_res_get, "ii", "i")                                             \
    X(clock_time_get, "iIi", "i")                                           \
    X(fd_advise, "iIIi", "i")                                               \
    X(fd_allocate, "iII", "i")                                              \
    X(fd_close, "i", "i")                                                   \
    X(fd_datasync, "i", "i")                                                \
    X(fd_fdstat_get, "ii", "i")                                             \
    X(fd_fdstat_set_flags, "ii", "i")                                       \
    X(fd_fdstat_set_rights, "iII", "i")                                     \
    X(fd_filestat_get, "ii", "i")                                           \
    X(fd_filestat_set_size, "iI", "i")                                      \
    X(fd_filestat_set_times, "iIIi", "i")                                   \
    X(fd_pread, "iiiIi", "i")                                               \
    X(fd_prestat_get, "ii", "i")                                            \
    X(fd_prestat_dir_name, "iii", "i")                                      \
    X(fd_pwrite, "iiiIi", "i")                                              \
    X(fd_read, "iiii", "i")                                                 \
    X(fd_readdir, "iiiIi", "i")                                             \
    X(fd_renumber, "ii", "i")                                               \
    X(fd_seek, "iIii", "i")                                                 \
    X(fd_sync, "i", "i")                                                    \
    X(fd_tell, "ii", "i")                                                   \
    X(fd_write, "iiii", "i")                                                \
    X(path_create_directory, "iii", "i")                                    \
    X(path_filestat_get, "iiiii", "i")                                      \
    X(path_filestat_set_times, "iiiiIIi", "i")                              \
    X(path_link, "iiiiiii", "i")                                            \
    X(path_open, "iiiiiIIii", "i")                                          \
    X(path_readlink, "iiiiii", "i")                                         \
    X(path_remove_directory, "iii", "i")                                    \
    X(path_rename, "iiiiii", "i")                                           \
    X(path_symlink, "iiiii", "i")                                           \
    X(path_unlink_file, "iii", "i")                                         \
    X(poll_oneoff, "iiii", "i")                                             \
    X(proc_exit, "i", "")                                                   \
    X(proc_raise, "i", "i")                                                 \
    X(sched_yield, "", "i")                                                 \
    X(random_get, "ii", "i")                                                \
    X(sock_accept, "iii", "i")                                              \
    X(sock_recv, "iiiiii", "i")                                             \
    X(sock_send, "iiiii", "i")                                              \
    X(sock_shutdown, "ii", "i")

#define WASI_DECLARE(name, params, results) wrt_status wasi_##name(const wrt_host_call *call, wrt_raw *cells);
WASI_FUNCTIONS(WASI_DECLARE)
#undef WASI_DECLARE

/* Argument i as a guest u32 / u64. */
#define WASI_U32(i) ((uint32_t)cells[i].i32)
#define WASI_U64(i) ((uint64_t)cells[i].i64)

/* Sets the result errno and returns WRT_OK: `return wasi_result(cells, e);` */
static inline wrt_status wasi_result(wrt_raw *cells, int32_t error)
{
    cells[0].i32 = error;
    return WRT_OK;
}

#endif
