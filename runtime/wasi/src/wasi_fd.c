/* wasi_fd.c: the guest's fd table and the fd_* functions (read, write, seek, stat, readdir, ...). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasi.h"

/* The most guest fds: as many as the host lets the process open is the real
 * bound; this keeps the table's size sane whatever the guest does. */
#define WASI_FD_MAX 65536u

/* ---------------------------------------------------------------- table */

wasi_fd *wasi_fd_get(wrt_wasi *wasi, uint32_t fd, uint64_t rights, int32_t *error)
{
    if (fd >= wasi->fd_count || !wasi->fds[fd].open) {
        *error = WASI_EBADF;
        return NULL;
    }
    if ((wasi->fds[fd].rights & rights) != rights) {
        *error = WASI_ENOTCAPABLE;
        return NULL;
    }
    return &wasi->fds[fd];
}

int32_t wasi_fd_add(wrt_wasi *wasi, int host, uint8_t filetype, uint64_t rights, uint64_t inheriting,
                    uint32_t *out)
{
    uint32_t fd = 3; /* 0, 1 and 2 are only ever stdio (wrt_wasi_set_stdio) */
    while (fd < wasi->fd_count && wasi->fds[fd].open)
        fd++;
    if (fd >= wasi->fd_count) {
        if (wasi->fd_count == WASI_FD_MAX) {
            if (host >= 0)
                close(host);
            return WASI_EMFILE;
        }
        uint32_t capacity = wasi->fd_count ? wasi->fd_count * 2 : 8;
        wasi_fd *grown = realloc(wasi->fds, capacity * sizeof *grown);
        if (!grown) {
            if (host >= 0)
                close(host);
            return WASI_ENOMEM;
        }
        memset(grown + wasi->fd_count, 0, (capacity - wasi->fd_count) * sizeof *grown);
        wasi->fds = grown;
        wasi->fd_count = capacity;
    }
    wasi->fds[fd] = (wasi_fd){ .open = true, .host = host, .filetype = filetype, .rights = rights,
                               .inheriting = inheriting };
    *out = fd;
    return WASI_ESUCCESS;
}

void wasi_fd_release(wasi_fd *fd)
{
    if (!fd->open)
        return;
    if (fd->dir)
        closedir(fd->dir);
    if (fd->host >= 0)
        close(fd->host);
    free(fd->preopen_name);
    *fd = (wasi_fd){ 0 };
}

uint8_t wasi_filetype(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
    case S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
    case S_IFDIR: return WASI_FILETYPE_DIRECTORY;
    case S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
    case S_IFSOCK: return WASI_FILETYPE_SOCKET_STREAM;
    case S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
    default: return WASI_FILETYPE_UNKNOWN;
    }
}

int32_t wasi_store_filestat(wasi_memory memory, uint32_t address, const struct stat *info)
{
    uint8_t *p = wasi_bytes(memory, address, 64);
    if (!p)
        return WASI_EFAULT;
    uint64_t fields[8] = {
        (uint64_t)info->st_dev,
        (uint64_t)info->st_ino,
        wasi_filetype(info->st_mode),
        (uint64_t)info->st_nlink,
        (uint64_t)info->st_size,
        (uint64_t)info->st_atim.tv_sec * 1000000000u + (uint64_t)info->st_atim.tv_nsec,
        (uint64_t)info->st_mtim.tv_sec * 1000000000u + (uint64_t)info->st_mtim.tv_nsec,
        (uint64_t)info->st_ctim.tv_sec * 1000000000u + (uint64_t)info->st_ctim.tv_nsec,
    };
    memcpy(p, fields, sizeof fields);
    return WASI_ESUCCESS;
}

int32_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fstflags, struct timespec times[2])
{
    if (fstflags & ~(uint32_t)(WASI_FST_ATIM | WASI_FST_ATIM_NOW | WASI_FST_MTIM | WASI_FST_MTIM_NOW))
        return WASI_EINVAL;
    if ((fstflags & WASI_FST_ATIM && fstflags & WASI_FST_ATIM_NOW) ||
        (fstflags & WASI_FST_MTIM && fstflags & WASI_FST_MTIM_NOW))
        return WASI_EINVAL;
    uint64_t values[2] = { atim, mtim };
    uint32_t set[2] = { WASI_FST_ATIM, WASI_FST_MTIM }, now[2] = { WASI_FST_ATIM_NOW, WASI_FST_MTIM_NOW };
    for (int i = 0; i < 2; i++) {
        if (fstflags & set[i])
            times[i] = (struct timespec){ (time_t)(values[i] / 1000000000u), (long)(values[i] % 1000000000u) };
        else
            times[i] = (struct timespec){ 0, fstflags & now[i] ? UTIME_NOW : UTIME_OMIT };
    }
    return WASI_ESUCCESS;
}

/* ----------------------------------------------------------------- i/o */

/* The guest's iovec array (buf u32, len u32 each) as host iovecs (*out,
 * malloc'd), each checked against memory; *out_count of them: at most
 * 1024, IOV_MAX, so a longer array is a short read or write. */
static int32_t host_iovecs(wasi_memory memory, uint32_t address, uint32_t count, struct iovec **out,
                           int *out_count)
{
    const uint8_t *vectors = wasi_bytes(memory, address, (uint64_t)count * 8);
    if (!vectors)
        return WASI_EFAULT;
    if (count > 1024)
        count = 1024; /* a short read or write, as POSIX allows */
    struct iovec *iovecs = calloc(count ? count : 1, sizeof *iovecs);
    if (!iovecs)
        return WASI_ENOMEM;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t buffer = wasi_load_u32(vectors + 8 * i), length = wasi_load_u32(vectors + 8 * i + 4);
        uint8_t *bytes = wasi_bytes(memory, buffer, length);
        if (!bytes) {
            free(iovecs);
            return WASI_EFAULT;
        }
        iovecs[i] = (struct iovec){ bytes, length };
    }
    *out = iovecs;
    *out_count = (int)count;
    return WASI_ESUCCESS;
}

enum { IO_READ, IO_WRITE, IO_PREAD, IO_PWRITE };

/* fd_read, fd_write, fd_pread, fd_pwrite: (fd, iovs, iovs_len, [offset,] n). */
static wrt_status io(const wrt_host_call *call, wrt_raw *cells, int kind)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    bool positioned = kind == IO_PREAD || kind == IO_PWRITE, reading = kind == IO_READ || kind == IO_PREAD;
    uint64_t rights = WASI_RIGHT(reading ? WASI_R_FD_READ : WASI_R_FD_WRITE);
    if (positioned)
        rights |= WASI_RIGHT(WASI_R_FD_SEEK);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), rights, &error);
    if (!fd)
        return wasi_result(cells, error);
    if (fd->filetype == WASI_FILETYPE_DIRECTORY)
        return wasi_result(cells, WASI_EISDIR);
    uint32_t result_at = WASI_U32(positioned ? 4 : 3);
    if (!wasi_bytes(memory, result_at, 4))
        return wasi_result(cells, WASI_EFAULT);
    struct iovec *iovecs;
    int count;
    if ((error = host_iovecs(memory, WASI_U32(1), WASI_U32(2), &iovecs, &count)) != 0)
        return wasi_result(cells, error);
    ssize_t done;
    uint64_t offset = positioned ? WASI_U64(3) : 0;
    if (positioned && offset > INT64_MAX) {
        free(iovecs);
        return wasi_result(cells, WASI_EINVAL);
    }
    do {
        switch (kind) {
        case IO_READ: done = readv(fd->host, iovecs, count); break;
        case IO_WRITE: done = writev(fd->host, iovecs, count); break;
        case IO_PREAD: done = preadv(fd->host, iovecs, count, (off_t)offset); break;
        default: done = pwritev(fd->host, iovecs, count, (off_t)offset); break;
        }
    } while (done < 0 && errno == EINTR);
    free(iovecs);
    if (done < 0)
        return wasi_result(cells, wasi_errno(errno));
    wasi_store_u32(memory, result_at, (uint32_t)(done > UINT32_MAX ? UINT32_MAX : done));
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_fd_read(const wrt_host_call *call, wrt_raw *cells) { return io(call, cells, IO_READ); }
wrt_status wasi_fd_write(const wrt_host_call *call, wrt_raw *cells) { return io(call, cells, IO_WRITE); }
wrt_status wasi_fd_pread(const wrt_host_call *call, wrt_raw *cells) { return io(call, cells, IO_PREAD); }
wrt_status wasi_fd_pwrite(const wrt_host_call *call, wrt_raw *cells) { return io(call, cells, IO_PWRITE); }

wrt_status wasi_fd_seek(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    uint32_t whence = WASI_U32(2);
    int64_t offset = cells[1].i64;
    /* fd_seek(0, SEEK_CUR) is what fd_tell does: either right will do. */
    uint64_t rights = WASI_RIGHT(offset == 0 && whence == 1 ? WASI_R_FD_TELL : WASI_R_FD_SEEK);
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    if (fd && !(fd->rights & rights) && !(fd->rights & WASI_RIGHT(WASI_R_FD_SEEK)))
        fd = NULL, error = WASI_ENOTCAPABLE;
    if (!fd)
        return wasi_result(cells, error);
    static const int host_whence[] = { SEEK_SET, SEEK_CUR, SEEK_END };
    if (whence > 2)
        return wasi_result(cells, WASI_EINVAL);
    if (fd->filetype == WASI_FILETYPE_DIRECTORY)
        return wasi_result(cells, WASI_EBADF);
    wasi_memory memory = wasi_memory_of(wasi, call);
    if (!wasi_bytes(memory, WASI_U32(3), 8))
        return wasi_result(cells, WASI_EFAULT);
    off_t at = lseek(fd->host, (off_t)offset, host_whence[whence]);
    if (at < 0)
        return wasi_result(cells, wasi_errno(errno));
    wasi_store_u64(memory, WASI_U32(3), (uint64_t)at);
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_fd_tell(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_FD_TELL), &error);
    if (!fd)
        return wasi_result(cells, error);
    wasi_memory memory = wasi_memory_of(wasi, call);
    if (!wasi_bytes(memory, WASI_U32(1), 8))
        return wasi_result(cells, WASI_EFAULT);
    off_t at = lseek(fd->host, 0, SEEK_CUR);
    if (at < 0)
        return wasi_result(cells, wasi_errno(errno));
    wasi_store_u64(memory, WASI_U32(1), (uint64_t)at);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* ----------------------------------------------------- fd administration */

wrt_status wasi_fd_close(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    if (!fd)
        return wasi_result(cells, error);
    wasi_fd_release(fd);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* fd_renumber(from, to): `to` must be open (as wasmtime has it); it is
 * closed and `from` moves there. */
wrt_status wasi_fd_renumber(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *from = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    wasi_fd *to = from ? wasi_fd_get(wasi, WASI_U32(1), 0, &error) : NULL;
    if (!to)
        return wasi_result(cells, error);
    if (from != to) {
        wasi_fd_release(to);
        *to = *from;
        *from = (wasi_fd){ 0 };
    }
    return wasi_result(cells, WASI_ESUCCESS);
}

static wrt_status sync_fd(const wrt_host_call *call, wrt_raw *cells, int right, int (*sync)(int))
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(right), &error);
    if (!fd)
        return wasi_result(cells, error);
    return wasi_result(cells, sync(fd->host) == 0 ? WASI_ESUCCESS : wasi_errno(errno));
}

wrt_status wasi_fd_sync(const wrt_host_call *call, wrt_raw *cells)
{
    return sync_fd(call, cells, WASI_R_FD_SYNC, fsync);
}

wrt_status wasi_fd_datasync(const wrt_host_call *call, wrt_raw *cells)
{
    return sync_fd(call, cells, WASI_R_FD_DATASYNC, fdatasync);
}

wrt_status wasi_fd_advise(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(WASI_R_FD_ADVISE), &error);
    if (!fd)
        return wasi_result(cells, error);
    static const int advice[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                  POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
    if (WASI_U32(3) > 5)
        return wasi_result(cells, WASI_EINVAL);
    if (fd->filetype == WASI_FILETYPE_DIRECTORY)
        return wasi_result(cells, WASI_EBADF);
    if (WASI_U64(1) > INT64_MAX || WASI_U64(2) > INT64_MAX)
        return wasi_result(cells, WASI_EINVAL);
    int result = posix_fadvise(fd->host, (off_t)WASI_U64(1), (off_t)WASI_U64(2), advice[WASI_U32(3)]);
    return wasi_result(cells, result == ESPIPE ? WASI_ESUCCESS : wasi_errno(result));
}

wrt_status wasi_fd_allocate(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(WASI_R_FD_ALLOCATE), &error);
    if (!fd)
        return wasi_result(cells, error);
    if (fd->filetype == WASI_FILETYPE_DIRECTORY)
        return wasi_result(cells, WASI_EBADF);
    uint64_t offset = WASI_U64(1), length = WASI_U64(2);
    if (offset > INT64_MAX || length > INT64_MAX - offset)
        return wasi_result(cells, WASI_EINVAL);
    int result = posix_fallocate(fd->host, (off_t)offset, (off_t)length);
    return wasi_result(cells, wasi_errno(result));
}

wrt_status wasi_fd_fdstat_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    if (!fd)
        return wasi_result(cells, error);
    uint8_t *p = wasi_bytes(wasi_memory_of(wasi, call), WASI_U32(1), 24);
    if (!p)
        return wasi_result(cells, WASI_EFAULT);
    uint16_t flags = fd->flags;
    int host_flags = fcntl(fd->host, F_GETFL);
    if (host_flags >= 0) {
        flags = (uint16_t)(flags & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK));
        flags |= host_flags & O_APPEND ? WASI_FDFLAG_APPEND : 0;
        flags |= host_flags & O_NONBLOCK ? WASI_FDFLAG_NONBLOCK : 0;
    }
    memset(p, 0, 24);
    p[0] = fd->filetype;
    memcpy(p + 2, &flags, 2);
    memcpy(p + 8, &fd->rights, 8);
    memcpy(p + 16, &fd->inheriting, 8);
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_fd_fdstat_set_flags(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(WASI_R_FD_FDSTAT_SET_FLAGS), &error);
    if (!fd)
        return wasi_result(cells, error);
    uint32_t flags = WASI_U32(1);
    if (flags & ~(uint32_t)(WASI_FDFLAG_APPEND | WASI_FDFLAG_DSYNC | WASI_FDFLAG_NONBLOCK | WASI_FDFLAG_RSYNC |
                            WASI_FDFLAG_SYNC))
        return wasi_result(cells, WASI_EINVAL);
    if (flags & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC))
        return wasi_result(cells, WASI_ENOTSUP); /* fcntl cannot change these on Linux */
    int host_flags = fcntl(fd->host, F_GETFL);
    if (host_flags < 0)
        return wasi_result(cells, wasi_errno(errno));
    host_flags &= ~(O_APPEND | O_NONBLOCK);
    host_flags |= flags & WASI_FDFLAG_APPEND ? O_APPEND : 0;
    host_flags |= flags & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0;
    if (fcntl(fd->host, F_SETFL, host_flags) != 0)
        return wasi_result(cells, wasi_errno(errno));
    fd->flags = (uint16_t)flags;
    return wasi_result(cells, WASI_ESUCCESS);
}

/* Rights only shrink: asking for one the fd does not have is ENOTCAPABLE. */
wrt_status wasi_fd_fdstat_set_rights(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), 0, &error);
    if (!fd)
        return wasi_result(cells, error);
    uint64_t rights = WASI_U64(1), inheriting = WASI_U64(2);
    if ((rights & ~fd->rights) || (inheriting & ~fd->inheriting))
        return wasi_result(cells, WASI_ENOTCAPABLE);
    fd->rights = rights;
    fd->inheriting = inheriting;
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_fd_filestat_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_FD_FILESTAT_GET), &error);
    if (!fd)
        return wasi_result(cells, error);
    struct stat info;
    if (fstat(fd->host, &info) != 0)
        return wasi_result(cells, wasi_errno(errno));
    return wasi_result(cells, wasi_store_filestat(wasi_memory_of(wasi, call), WASI_U32(1), &info));
}

wrt_status wasi_fd_filestat_set_size(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(WASI_R_FD_FILESTAT_SET_SIZE), &error);
    if (!fd)
        return wasi_result(cells, error);
    if (WASI_U64(1) > INT64_MAX)
        return wasi_result(cells, WASI_EINVAL);
    return wasi_result(cells, ftruncate(fd->host, (off_t)WASI_U64(1)) == 0 ? WASI_ESUCCESS : wasi_errno(errno));
}

wrt_status wasi_fd_filestat_set_times(const wrt_host_call *call, wrt_raw *cells)
{
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(call->user, WASI_U32(0), WASI_RIGHT(WASI_R_FD_FILESTAT_SET_TIMES), &error);
    if (!fd)
        return wasi_result(cells, error);
    struct timespec times[2];
    if ((error = wasi_times(WASI_U64(1), WASI_U64(2), WASI_U32(3), times)) != 0)
        return wasi_result(cells, error);
    return wasi_result(cells, futimens(fd->host, times) == 0 ? WASI_ESUCCESS : wasi_errno(errno));
}

/* ------------------------------------------------------------- preopens */

wrt_status wasi_fd_prestat_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    if (!fd)
        return wasi_result(cells, error);
    if (!fd->preopen_name)
        return wasi_result(cells, WASI_EBADF);
    uint8_t *p = wasi_bytes(wasi_memory_of(wasi, call), WASI_U32(1), 8);
    if (!p)
        return wasi_result(cells, WASI_EFAULT);
    uint32_t length = (uint32_t)strlen(fd->preopen_name);
    memset(p, 0, 8); /* tag 0: a directory */
    memcpy(p + 4, &length, 4);
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_fd_prestat_dir_name(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), 0, &error);
    if (!fd)
        return wasi_result(cells, error);
    if (!fd->preopen_name)
        return wasi_result(cells, WASI_EBADF);
    size_t length = strlen(fd->preopen_name);
    if (WASI_U32(2) < length)
        return wasi_result(cells, WASI_ENAMETOOLONG);
    uint8_t *p = wasi_bytes(wasi_memory_of(wasi, call), WASI_U32(1), length);
    if (!p)
        return wasi_result(cells, WASI_EFAULT);
    memcpy(p, fd->preopen_name, length);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* -------------------------------------------------------------- readdir */

static uint8_t dirent_filetype(const struct dirent *entry, DIR *dir)
{
    switch (entry->d_type) {
    case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
    case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
    case DT_DIR: return WASI_FILETYPE_DIRECTORY;
    case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
    case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
    case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
    case DT_UNKNOWN: {
        struct stat info;
        if (fstatat(dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0)
            return wasi_filetype(info.st_mode);
        return WASI_FILETYPE_UNKNOWN;
    }
    default: return WASI_FILETYPE_UNKNOWN;
    }
}

/* fd_readdir(fd, buf, buf_len, cookie, bufused): entries from `cookie` on
 * (0: the start; else a d_next given before, the host's telldir), each a
 * 24-byte $dirent and its name, the last one cut at buf_len (the guest
 * then reads again from the cookie before it). */
wrt_status wasi_fd_readdir(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    int32_t error = WASI_ESUCCESS;
    wasi_fd *fd = wasi_fd_get(wasi, WASI_U32(0), WASI_RIGHT(WASI_R_FD_READDIR), &error);
    if (!fd)
        return wasi_result(cells, error);
    if (fd->filetype != WASI_FILETYPE_DIRECTORY)
        return wasi_result(cells, WASI_ENOTDIR);
    wasi_memory memory = wasi_memory_of(wasi, call);
    uint32_t size = WASI_U32(2);
    uint8_t *buffer = wasi_bytes(memory, WASI_U32(1), size);
    if (!buffer || !wasi_bytes(memory, WASI_U32(4), 4))
        return wasi_result(cells, WASI_EFAULT);
    if (!fd->dir) {
        int copy = openat(fd->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (copy < 0 || !(fd->dir = fdopendir(copy))) {
            if (copy >= 0)
                close(copy);
            return wasi_result(cells, wasi_errno(errno));
        }
    }
    uint64_t cookie = WASI_U64(3);
    if (cookie == 0)
        rewinddir(fd->dir);
    else if (cookie > LONG_MAX)
        return wasi_result(cells, WASI_EINVAL);
    else
        seekdir(fd->dir, (long)cookie);
    uint32_t used = 0;
    while (used < size) {
        errno = 0;
        struct dirent *entry = readdir(fd->dir);
        if (!entry) {
            if (errno)
                return wasi_result(cells, wasi_errno(errno));
            break;
        }
        uint32_t name_length = (uint32_t)strlen(entry->d_name);
        uint8_t header[24] = { 0 };
        uint64_t next = (uint64_t)telldir(fd->dir), inode = (uint64_t)entry->d_ino;
        memcpy(header, &next, 8);
        memcpy(header + 8, &inode, 8);
        memcpy(header + 16, &name_length, 4);
        header[20] = dirent_filetype(entry, fd->dir);
        uint32_t take = size - used < 24 ? size - used : 24;
        memcpy(buffer + used, header, take);
        used += take;
        take = size - used < name_length ? size - used : name_length;
        memcpy(buffer + used, entry->d_name, take);
        used += take;
    }
    wasi_store_u32(memory, WASI_U32(4), used);
    return wasi_result(cells, WASI_ESUCCESS);
}
