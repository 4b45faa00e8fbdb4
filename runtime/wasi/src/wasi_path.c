/* wasi_path.c: the sandbox (every guest path resolved beneath a directory fd by the kernel) and the path_* functions. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wasi.h"

/*
 * The one rule: a guest path is only ever given to the kernel together with
 * a directory fd the guest holds, through openat2 with RESOLVE_BENEATH
 * (and RESOLVE_NO_MAGICLINKS: no /proc/self/fd tricks), which refuses with
 * EXDEV (ENOTCAPABLE for the guest) an absolute path, a ".." above the
 * directory and a symlink that leads out, at every step, atomically.
 * Operations that take a name rather than open a file (mkdir, unlink,
 * rename, symlink, link, readlink, stat without following) open the
 * *parent* that way and hand the kernel only the last component, which is
 * never "..": a path ending in ".." is opened whole as the directory
 * itself, ".". Following a final symlink (stat, set_times and link with
 * SYMLINK_FOLLOW) opens the target beneath the directory first and works on
 * that fd (through /proc/self/fd when the call has no fd form).
 */

static long open_beneath(int dir, const char *path, uint64_t flags, uint64_t mode)
{
    /* openat2 refuses a mode without O_CREAT (or O_TMPFILE). */
    struct open_how how = { .flags = flags | O_CLOEXEC, .mode = flags & O_CREAT ? mode : 0,
                            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
    long fd;
    do
        fd = syscall(SYS_openat2, dir, path, &how, sizeof how);
    while (fd < 0 && errno == EINTR);
    return fd;
}

/* A guest path as a NUL-terminated host string (malloc'd), or an errno:
 * EFAULT outside memory, EINVAL holding NUL, EILSEQ not UTF-8, ENOENT
 * empty. */
static int32_t path_copy(wasi_memory memory, uint32_t address, uint32_t length, char **out)
{
    const uint8_t *bytes = wasi_bytes(memory, address, length);
    if (!bytes)
        return WASI_EFAULT;
    if (length == 0)
        return WASI_ENOENT;
    if (memchr(bytes, 0, length))
        return WASI_EINVAL;
    for (uint32_t i = 0; i < length;) { /* UTF-8: well-formed, shortest form, no surrogates */
        uint8_t b = bytes[i];
        uint32_t extra = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : 9;
        if (extra == 9 || extra > length - i - 1)
            return WASI_EILSEQ;
        uint32_t code = extra ? b & (0x3F >> extra) : b;
        for (uint32_t k = 1; k <= extra; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return WASI_EILSEQ;
            code = code << 6 | (bytes[i + k] & 0x3F);
        }
        static const uint32_t least[] = { 0, 0x80, 0x800, 0x10000 };
        if (code < least[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return WASI_EILSEQ;
        i += extra + 1;
    }
    char *text = malloc(length + 1);
    if (!text)
        return WASI_ENOMEM;
    memcpy(text, bytes, length);
    text[length] = 0;
    *out = text;
    return WASI_ESUCCESS;
}

/* A resolved name: the kernel is given `name` relative to host fd `dir`. */
typedef struct wasi_path {
    int dir;    /* owned */
    char *name; /* owned; the last component (trailing slashes kept) or "." */
} wasi_path;

static void path_free(wasi_path *path)
{
    if (path->dir >= 0)
        close(path->dir);
    free(path->name);
    path->dir = -1;
    path->name = NULL;
}

/* The directory fd a path_* call names, with `rights`, or NULL. */
static wasi_fd *path_dir(wrt_wasi *wasi, uint32_t fd, uint64_t rights, int32_t *error)
{
    wasi_fd *dir = wasi_fd_get(wasi, fd, rights, error);
    if (dir && dir->filetype != WASI_FILETYPE_DIRECTORY) {
        *error = WASI_ENOTDIR;
        return NULL;
    }
    return dir;
}

/* Whether `name` ends in '/' and names a symlink in `dir`: the kernel
 * follows a symlink given with a trailing slash even where the call says
 * not to (fstatat, utimensat with AT_SYMLINK_NOFOLLOW), which could lead out
 * of the sandbox; such a name is refused (ENOTDIR, what rmdir says). */
static bool name_is_linked_dir(const char *name, int dir)
{
    size_t length = strlen(name);
    if (length < 2 || name[length - 1] != '/')
        return false;
    while (length > 1 && name[length - 1] == '/')
        length--;
    char *bare = strndup(name, length);
    struct stat info;
    bool linked = !bare || (fstatat(dir, bare, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode));
    free(bare);
    return linked;
}

/* Splits guest path (address, length) under directory `dir` into an open
 * parent and a last component, as the rule above says. */
static int32_t path_resolve(wasi_memory memory, wasi_fd *dir, uint32_t address, uint32_t length, wasi_path *out)
{
    *out = (wasi_path){ -1, NULL };
    char *text;
    int32_t error = path_copy(memory, address, length, &text);
    if (error)
        return error;
    /* The last component: text[start..end) plus any trailing slashes. */
    size_t end = strlen(text);
    while (end > 1 && text[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && text[start - 1] != '/')
        start--;
    char *name;
    const char *parent;
    if (end - start == 2 && text[start] == '.' && text[start + 1] == '.') {
        name = strdup("."); /* the whole path is a directory: work on it as "." */
        parent = text;
    } else {
        name = strdup(text + start);
        text[start] = 0;
        parent = start ? text : ".";
    }
    long fd = name ? open_beneath(dir->host, parent, O_PATH | O_DIRECTORY, 0) : -1;
    error = !name ? WASI_ENOMEM : fd < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
    free(text);
    if (!error && name_is_linked_dir(name, (int)fd)) {
        close((int)fd);
        error = WASI_ENOTDIR;
    }
    if (error) {
        free(name);
        return error;
    }
    *out = (wasi_path){ (int)fd, name };
    return WASI_ESUCCESS;
}

/* Opens guest path (address, length) beneath `dir` itself with `flags`. */
static int32_t path_open_whole(wasi_memory memory, wasi_fd *dir, uint32_t address, uint32_t length, uint64_t flags,
                               uint64_t mode, int *out)
{
    char *text;
    int32_t error = path_copy(memory, address, length, &text);
    if (error)
        return error;
    long fd = open_beneath(dir->host, text, flags, mode);
    error = fd < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
    free(text);
    *out = (int)fd;
    return error;
}

/* "/proc/self/fd/N" for host fd N. */
static void proc_fd_path(int fd, char out[32])
{
    snprintf(out, 32, "/proc/self/fd/%d", fd);
}

/* ------------------------------------------------------------ path_open */

wrt_status wasi_path_open(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    uint32_t dirflags = WASI_U32(1), oflags = WASI_U32(4), fdflags = WASI_U32(7);
    uint64_t base = WASI_U64(5), inheriting = WASI_U64(6);
    uint64_t needed = WASI_RIGHT(WASI_R_PATH_OPEN);
    if (oflags & WASI_OFLAG_CREAT)
        needed |= WASI_RIGHT(WASI_R_PATH_CREATE_FILE);
    if (oflags & WASI_OFLAG_TRUNC)
        needed |= WASI_RIGHT(WASI_R_PATH_FILESTAT_SET_SIZE);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(0), needed, &error);
    if (!dir)
        return wasi_result(cells, error);
    if (!wasi_bytes(memory, WASI_U32(8), 4))
        return wasi_result(cells, WASI_EFAULT);
    if (oflags & ~(uint32_t)(WASI_OFLAG_CREAT | WASI_OFLAG_DIRECTORY | WASI_OFLAG_EXCL | WASI_OFLAG_TRUNC))
        return wasi_result(cells, WASI_EINVAL);
    const uint64_t write_rights = WASI_RIGHT(WASI_R_FD_WRITE) | WASI_RIGHT(WASI_R_FD_ALLOCATE) |
                                  WASI_RIGHT(WASI_R_FD_FILESTAT_SET_SIZE);
    bool read = base & (WASI_RIGHT(WASI_R_FD_READ) | WASI_RIGHT(WASI_R_FD_READDIR));
    bool write = (base & write_rights) || (fdflags & WASI_FDFLAG_APPEND);
    uint64_t flags = O_NOCTTY;
    if (oflags & WASI_OFLAG_DIRECTORY)
        flags |= O_DIRECTORY; /* with write rights: EISDIR, as POSIX says */
    flags |= read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY;
    flags |= oflags & WASI_OFLAG_CREAT ? O_CREAT : 0;
    flags |= oflags & WASI_OFLAG_EXCL ? O_EXCL : 0;
    flags |= oflags & WASI_OFLAG_TRUNC ? O_TRUNC : 0;
    flags |= fdflags & WASI_FDFLAG_APPEND ? O_APPEND : 0;
    flags |= fdflags & WASI_FDFLAG_DSYNC ? O_DSYNC : 0;
    flags |= fdflags & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0;
    flags |= fdflags & WASI_FDFLAG_RSYNC ? O_RSYNC : 0;
    flags |= fdflags & WASI_FDFLAG_SYNC ? O_SYNC : 0;
    if (!(dirflags & WASI_LOOKUP_SYMLINK_FOLLOW))
        flags |= O_NOFOLLOW;
    int host;
    error = path_open_whole(memory, dir, WASI_U32(2), WASI_U32(3), flags, 0666, &host);
    if (error)
        return wasi_result(cells, error);
    struct stat info;
    if (fstat(host, &info) != 0) {
        error = wasi_errno(errno);
        close(host);
        return wasi_result(cells, error);
    }
    uint8_t filetype = wasi_filetype(info.st_mode);
    uint64_t possible = filetype == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_DIRECTORY | WASI_RIGHT(WASI_R_FD_READDIR)
                                                             : WASI_RIGHTS_FILE;
    if (filetype != WASI_FILETYPE_DIRECTORY && filetype != WASI_FILETYPE_REGULAR_FILE)
        possible &= ~(WASI_RIGHT(WASI_R_FD_SEEK) | WASI_RIGHT(WASI_R_FD_TELL));
    uint32_t fd;
    if ((error = wasi_fd_add(wasi, host, filetype, base & dir->inheriting & possible, inheriting & dir->inheriting,
                             &fd)) != 0)
        return wasi_result(cells, error);
    wasi->fds[fd].flags = (uint16_t)(fdflags & 0x1F);
    wasi_store_u32(memory, WASI_U32(8), fd);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* ------------------------------------------------ operations on one name */

enum { OP_MKDIR, OP_RMDIR, OP_UNLINK };

static wrt_status name_op(const wrt_host_call *call, wrt_raw *cells, int right, int op)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(right), &error);
    if (!dir)
        return wasi_result(cells, error);
    wasi_path path;
    if ((error = path_resolve(wasi_memory_of(wasi, call), dir, WASI_U32(1), WASI_U32(2), &path)) != 0)
        return wasi_result(cells, error);
    int result = op == OP_MKDIR   ? mkdirat(path.dir, path.name, 0777)
                 : op == OP_RMDIR ? unlinkat(path.dir, path.name, AT_REMOVEDIR)
                                  : unlinkat(path.dir, path.name, 0);
    error = result == 0 ? WASI_ESUCCESS : wasi_errno(errno);
    if (op == OP_RMDIR && error == WASI_EINVAL && strcmp(path.name, ".") == 0)
        error = WASI_EBUSY;
    path_free(&path);
    return wasi_result(cells, error);
}

wrt_status wasi_path_create_directory(const wrt_host_call *call, wrt_raw *cells)
{
    return name_op(call, cells, WASI_R_PATH_CREATE_DIRECTORY, OP_MKDIR);
}

wrt_status wasi_path_remove_directory(const wrt_host_call *call, wrt_raw *cells)
{
    return name_op(call, cells, WASI_R_PATH_REMOVE_DIRECTORY, OP_RMDIR);
}

wrt_status wasi_path_unlink_file(const wrt_host_call *call, wrt_raw *cells)
{
    return name_op(call, cells, WASI_R_PATH_UNLINK_FILE, OP_UNLINK);
}

/* ---------------------------------------------------------- stat, times */

/* Opens the file a path names, following a final symlink, as O_PATH. */
static int32_t open_followed(wasi_memory memory, wasi_fd *dir, uint32_t address, uint32_t length, int *out)
{
    return path_open_whole(memory, dir, address, length, O_PATH, 0, out);
}

wrt_status wasi_path_filestat_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_PATH_FILESTAT_GET), &error);
    if (!dir)
        return wasi_result(cells, error);
    struct stat info;
    if (WASI_U32(1) & WASI_LOOKUP_SYMLINK_FOLLOW) {
        int fd;
        if ((error = open_followed(memory, dir, WASI_U32(2), WASI_U32(3), &fd)) != 0)
            return wasi_result(cells, error);
        error = fstat(fd, &info) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
        close(fd);
    } else {
        wasi_path path;
        if ((error = path_resolve(memory, dir, WASI_U32(2), WASI_U32(3), &path)) != 0)
            return wasi_result(cells, error);
        error = fstatat(path.dir, path.name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
        path_free(&path);
    }
    if (error)
        return wasi_result(cells, error);
    return wasi_result(cells, wasi_store_filestat(memory, WASI_U32(4), &info));
}

wrt_status wasi_path_filestat_set_times(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_PATH_FILESTAT_SET_TIMES), &error);
    if (!dir)
        return wasi_result(cells, error);
    struct timespec times[2];
    if ((error = wasi_times(WASI_U64(4), WASI_U64(5), WASI_U32(6), times)) != 0)
        return wasi_result(cells, error);
    if (WASI_U32(1) & WASI_LOOKUP_SYMLINK_FOLLOW) {
        int fd;
        if ((error = open_followed(memory, dir, WASI_U32(2), WASI_U32(3), &fd)) != 0)
            return wasi_result(cells, error);
        char through[32];
        proc_fd_path(fd, through);
        error = utimensat(AT_FDCWD, through, times, 0) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
        close(fd);
    } else {
        wasi_path path;
        if ((error = path_resolve(memory, dir, WASI_U32(2), WASI_U32(3), &path)) != 0)
            return wasi_result(cells, error);
        error = utimensat(path.dir, path.name, times, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
        path_free(&path);
    }
    return wasi_result(cells, error);
}

/* --------------------------------------------------------------- links */

wrt_status wasi_path_readlink(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_PATH_READLINK), &error);
    if (!dir)
        return wasi_result(cells, error);
    uint8_t *buffer = wasi_bytes(memory, WASI_U32(3), WASI_U32(4));
    if (!buffer || !wasi_bytes(memory, WASI_U32(5), 4))
        return wasi_result(cells, WASI_EFAULT);
    wasi_path path;
    if ((error = path_resolve(memory, dir, WASI_U32(1), WASI_U32(2), &path)) != 0)
        return wasi_result(cells, error);
    ssize_t length = readlinkat(path.dir, path.name, (char *)buffer, WASI_U32(4));
    error = length < 0 ? wasi_errno(errno) : WASI_ESUCCESS;
    path_free(&path);
    if (!error)
        wasi_store_u32(memory, WASI_U32(5), (uint32_t)length);
    return wasi_result(cells, error);
}

wrt_status wasi_path_symlink(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *dir = path_dir(wasi, WASI_U32(2), WASI_RIGHT(WASI_R_PATH_SYMLINK), &error);
    if (!dir)
        return wasi_result(cells, error);
    char *target;
    if ((error = path_copy(memory, WASI_U32(0), WASI_U32(1), &target)) != 0)
        return wasi_result(cells, error);
    if (target[0] == '/') { /* it could only ever lead out of the sandbox */
        free(target);
        return wasi_result(cells, WASI_EPERM);
    }
    wasi_path path;
    if ((error = path_resolve(memory, dir, WASI_U32(3), WASI_U32(4), &path)) != 0) {
        free(target);
        return wasi_result(cells, error);
    }
    error = symlinkat(target, path.dir, path.name) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
    free(target);
    path_free(&path);
    return wasi_result(cells, error);
}

wrt_status wasi_path_link(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *old_dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_PATH_LINK_SOURCE), &error);
    wasi_fd *new_dir = old_dir ? path_dir(wasi, WASI_U32(4), WASI_RIGHT(WASI_R_PATH_LINK_TARGET), &error) : NULL;
    if (!new_dir)
        return wasi_result(cells, error);
    wasi_path to;
    if ((error = path_resolve(memory, new_dir, WASI_U32(5), WASI_U32(6), &to)) != 0)
        return wasi_result(cells, error);
    if (WASI_U32(1) & WASI_LOOKUP_SYMLINK_FOLLOW) {
        int fd;
        if ((error = open_followed(memory, old_dir, WASI_U32(2), WASI_U32(3), &fd)) == 0) {
            char through[32];
            proc_fd_path(fd, through);
            error = linkat(AT_FDCWD, through, to.dir, to.name, AT_SYMLINK_FOLLOW) == 0 ? WASI_ESUCCESS
                                                                                       : wasi_errno(errno);
            close(fd);
        }
    } else {
        wasi_path from;
        if ((error = path_resolve(memory, old_dir, WASI_U32(2), WASI_U32(3), &from)) == 0) {
            error = linkat(from.dir, from.name, to.dir, to.name, 0) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
            path_free(&from);
        }
    }
    path_free(&to);
    return wasi_result(cells, error);
}

wrt_status wasi_path_rename(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *old_dir = path_dir(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_PATH_RENAME_SOURCE), &error);
    wasi_fd *new_dir = old_dir ? path_dir(wasi, WASI_U32(3), WASI_RIGHT(WASI_R_PATH_RENAME_TARGET), &error) : NULL;
    if (!new_dir)
        return wasi_result(cells, error);
    wasi_path from, to;
    if ((error = path_resolve(memory, old_dir, WASI_U32(1), WASI_U32(2), &from)) != 0)
        return wasi_result(cells, error);
    if ((error = path_resolve(memory, new_dir, WASI_U32(4), WASI_U32(5), &to)) == 0) {
        error = renameat(from.dir, from.name, to.dir, to.name) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
        path_free(&to);
    }
    path_free(&from);
    return wasi_result(cells, error);
}
