/* wasi.c: the wrt_wasi object and its configuration, the imports' definition, and the functions that touch no file: args, environ, clocks, random, poll_oneoff, proc_*, sched_yield, sock_*. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi.h"

/* ------------------------------------------------------------ the object */

static wrt_status wasi_fail(wrt_wasi *wasi, wrt_status status, const char *format, ...)
{
    va_list list;
    va_start(list, format);
    vsnprintf(wasi->message, sizeof wasi->message, format, list);
    va_end(list);
    return status;
}

wrt_wasi *wrt_wasi_new(void)
{
    wrt_wasi *wasi = calloc(1, sizeof *wasi);
    if (!wasi)
        return NULL;
    strcpy(wasi->message, "no error");
    if (wrt_wasi_set_stdio(wasi, 0, 1, 2) != WRT_OK) {
        wrt_wasi_delete(wasi);
        return NULL;
    }
    return wasi;
}

static void strings_free(char **strings, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(strings[i]);
    free(strings);
}

void wrt_wasi_delete(wrt_wasi *wasi)
{
    if (!wasi)
        return;
    strings_free(wasi->args, wasi->arg_count);
    strings_free(wasi->env, wasi->env_count);
    for (uint32_t fd = 0; fd < wasi->fd_count; fd++)
        wasi_fd_release(&wasi->fds[fd]);
    free(wasi->fds);
    free(wasi->funcs);
    free(wasi);
}

const char *wrt_wasi_message(const wrt_wasi *wasi)
{
    return wasi->message;
}

bool wrt_wasi_exit_code(const wrt_wasi *wasi, uint32_t *code)
{
    if (wasi->exited)
        *code = wasi->exit_code;
    return wasi->exited;
}

/* A copy of count strings, or NULL (out of memory). */
static char **strings_copy(size_t count, const char *const *strings)
{
    char **copy = calloc(count ? count : 1, sizeof *copy);
    for (size_t i = 0; copy && i < count; i++) {
        if (!(copy[i] = strdup(strings[i]))) {
            strings_free(copy, i);
            return NULL;
        }
    }
    return copy;
}

wrt_status wrt_wasi_set_args(wrt_wasi *wasi, size_t count, const char *const *args)
{
    char **copy = strings_copy(count, args);
    if (!copy)
        return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
    strings_free(wasi->args, wasi->arg_count);
    wasi->args = copy;
    wasi->arg_count = count;
    return WRT_OK;
}

wrt_status wrt_wasi_set_env(wrt_wasi *wasi, size_t count, const char *const *env)
{
    for (size_t i = 0; i < count; i++) {
        const char *equals = strchr(env[i], '=');
        if (!equals || equals == env[i])
            return wasi_fail(wasi, WRT_ERR_ARGUMENT, "environment entry '%s' is not NAME=VALUE", env[i]);
    }
    char **copy = strings_copy(count, env);
    if (!copy)
        return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
    strings_free(wasi->env, wasi->env_count);
    wasi->env = copy;
    wasi->env_count = count;
    return WRT_OK;
}

/* Makes guest fd `fd` (0-2) a duplicate of host fd `host`, or closed (-1). */
static wrt_status wasi_set_stdio_fd(wrt_wasi *wasi, uint32_t fd, int host)
{
    while (wasi->fd_count <= fd) {
        uint32_t unused;
        int32_t error = wasi_fd_add(wasi, -1, 0, 0, 0, &unused);
        if (error)
            return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
        wasi->fds[unused].open = false;
    }
    wasi_fd_release(&wasi->fds[fd]);
    if (host < 0)
        return WRT_OK;
    int copy = fcntl(host, F_DUPFD_CLOEXEC, 3);
    if (copy < 0)
        return wasi_fail(wasi, WRT_ERR_ARGUMENT, "cannot use host fd %d as guest fd %u: %s", host, fd,
                         strerror(errno));
    struct stat info;
    uint8_t filetype = fstat(copy, &info) == 0 ? wasi_filetype(info.st_mode) : WASI_FILETYPE_UNKNOWN;
    uint64_t rights = filetype == WASI_FILETYPE_REGULAR_FILE
                          ? WASI_RIGHTS_FILE
                          : WASI_RIGHTS_FILE & ~(WASI_RIGHT(WASI_R_FD_SEEK) | WASI_RIGHT(WASI_R_FD_TELL));
    wasi->fds[fd] = (wasi_fd){ .open = true, .host = copy, .filetype = filetype, .rights = rights };
    return WRT_OK;
}

wrt_status wrt_wasi_set_stdio(wrt_wasi *wasi, int stdin_fd, int stdout_fd, int stderr_fd)
{
    wrt_status status = wasi_set_stdio_fd(wasi, 0, stdin_fd);
    if (!status)
        status = wasi_set_stdio_fd(wasi, 1, stdout_fd);
    if (!status)
        status = wasi_set_stdio_fd(wasi, 2, stderr_fd);
    return status;
}

wrt_status wrt_wasi_preopen(wrt_wasi *wasi, const char *host_dir, const char *guest_path)
{
    int host = open(host_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (host < 0)
        return wasi_fail(wasi, WRT_ERR_ARGUMENT, "cannot open directory '%s': %s", host_dir, strerror(errno));
    char *name = strdup(guest_path);
    uint32_t fd;
    if (!name || wasi_fd_add(wasi, host, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_DIRECTORY, WASI_RIGHTS_ALL, &fd)) {
        free(name);
        return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
    }
    wasi->fds[fd].preopen_name = name;
    return WRT_OK;
}

wrt_status wrt_wasi_preopen_spec(wrt_wasi *wasi, const char *spec)
{
    const char *separator = strstr(spec, "::");
    char *host = separator ? strndup(spec, (size_t)(separator - spec)) : strdup(spec);
    if (!host)
        return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
    wrt_status status = wrt_wasi_preopen(wasi, host, separator ? separator + 2 : spec);
    free(host);
    return status;
}

/* ---------------------------------------------------------------- memory */

wasi_memory wasi_memory_of(wrt_wasi *wasi, const wrt_host_call *call)
{
    if (call->caller != wasi->memory_of) {
        wrt_extern memory;
        wasi->memory_of = call->caller;
        wasi->memory = NULL;
        if (call->caller && wrt_instance_export(call->caller, (wrt_name){ "memory", 6 }, &memory) == WRT_OK &&
            memory.kind == WRT_EXTERN_MEMORY)
            wasi->memory = memory.of.memory;
    }
    if (!wasi->memory)
        return (wasi_memory){ NULL, 0 };
    return (wasi_memory){ wrt_memory_data(wasi->memory), wrt_memory_size(wasi->memory) };
}

/* ----------------------------------------------------------------- errno */

int32_t wasi_errno(int error)
{
    switch (error) {
    case 0: return WASI_ESUCCESS;
    case E2BIG: return WASI_E2BIG;
    case EACCES: return WASI_EACCES;
    case EAGAIN: return WASI_EAGAIN;
    case EBADF: return WASI_EBADF;
    case EBUSY: return WASI_EBUSY;
    case EEXIST: return WASI_EEXIST;
    case EFAULT: return WASI_EFAULT;
    case EFBIG: return WASI_EFBIG;
    case EILSEQ: return WASI_EILSEQ;
    case EINTR: return WASI_EINTR;
    case EINVAL: return WASI_EINVAL;
    case EIO: return WASI_EIO;
    case EISDIR: return WASI_EISDIR;
    case ELOOP: return WASI_ELOOP;
    case EMFILE: return WASI_EMFILE;
    case EMLINK: return WASI_EMLINK;
    case ENAMETOOLONG: return WASI_ENAMETOOLONG;
    case ENFILE: return WASI_ENFILE;
    case ENODEV: return WASI_ENODEV;
    case ENOENT: return WASI_ENOENT;
    case ENOMEM: return WASI_ENOMEM;
    case ENOSPC: return WASI_ENOSPC;
    case ENOSYS: return WASI_ENOSYS;
    case ENOTDIR: return WASI_ENOTDIR;
    case ENOTEMPTY: return WASI_ENOTEMPTY;
    case ENOTSOCK: return WASI_ENOTSOCK;
    case ENOTSUP: return WASI_ENOTSUP;
    case ENOTTY: return WASI_ENOTTY;
    case ENXIO: return WASI_ENXIO;
    case EOVERFLOW: return WASI_EOVERFLOW;
    case EPERM: return WASI_EPERM;
    case EPIPE: return WASI_EPIPE;
    case ERANGE: return WASI_ERANGE;
    case EROFS: return WASI_EROFS;
    case ESPIPE: return WASI_ESPIPE;
    case ETIMEDOUT: return WASI_ETIMEDOUT;
    case ETXTBSY: return WASI_ETXTBSY;
    case EXDEV: return WASI_ENOTCAPABLE; /* RESOLVE_BENEATH: the path leaves the directory */
    default: return WASI_EIO;
    }
}

/* --------------------------------------------------------- args, environ */

/* Writes count strings as a pointer array at `pointers` and their bytes
 * (each NUL-terminated) at `buffer`. */
static int32_t store_strings(wasi_memory memory, char **strings, size_t count, uint32_t pointers, uint32_t buffer)
{
    uint8_t *array = wasi_bytes(memory, pointers, (uint64_t)count * 4);
    if (!array)
        return WASI_EFAULT;
    uint32_t at = buffer;
    for (size_t i = 0; i < count; i++) {
        size_t size = strlen(strings[i]) + 1;
        uint8_t *bytes = wasi_bytes(memory, at, size);
        if (!bytes)
            return WASI_EFAULT;
        memcpy(bytes, strings[i], size);
        memcpy(array + 4 * i, &at, 4);
        at += (uint32_t)size;
    }
    return WASI_ESUCCESS;
}

static int32_t store_sizes(wasi_memory memory, char **strings, size_t count, uint32_t count_at, uint32_t size_at)
{
    uint64_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += strlen(strings[i]) + 1;
    if (total > UINT32_MAX)
        return WASI_EOVERFLOW;
    if (!wasi_store_u32(memory, count_at, (uint32_t)count) || !wasi_store_u32(memory, size_at, (uint32_t)total))
        return WASI_EFAULT;
    return WASI_ESUCCESS;
}

wrt_status wasi_args_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    return wasi_result(cells, store_strings(wasi_memory_of(wasi, call), wasi->args, wasi->arg_count, WASI_U32(0),
                                            WASI_U32(1)));
}

wrt_status wasi_args_sizes_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    return wasi_result(cells, store_sizes(wasi_memory_of(wasi, call), wasi->args, wasi->arg_count, WASI_U32(0),
                                          WASI_U32(1)));
}

wrt_status wasi_environ_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    return wasi_result(cells, store_strings(wasi_memory_of(wasi, call), wasi->env, wasi->env_count, WASI_U32(0),
                                            WASI_U32(1)));
}

wrt_status wasi_environ_sizes_get(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    return wasi_result(cells, store_sizes(wasi_memory_of(wasi, call), wasi->env, wasi->env_count, WASI_U32(0),
                                          WASI_U32(1)));
}

/* ---------------------------------------------------------------- clocks */

/* The host clock of a $clockid (realtime, monotonic, process and thread
 * CPU time), or false. */
static bool host_clock(uint32_t id, clockid_t *clock)
{
    static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                        CLOCK_THREAD_CPUTIME_ID };
    if (id >= sizeof clocks / sizeof clocks[0])
        return false;
    *clock = clocks[id];
    return true;
}

static uint64_t nanoseconds(struct timespec time)
{
    return (uint64_t)time.tv_sec * 1000000000u + (uint64_t)time.tv_nsec;
}

wrt_status wasi_clock_res_get(const wrt_host_call *call, wrt_raw *cells)
{
    clockid_t clock;
    struct timespec resolution;
    if (!host_clock(WASI_U32(0), &clock))
        return wasi_result(cells, WASI_EINVAL);
    if (clock_getres(clock, &resolution) != 0)
        return wasi_result(cells, wasi_errno(errno));
    uint64_t value = nanoseconds(resolution);
    if (!wasi_store_u64(wasi_memory_of(call->user, call), WASI_U32(1), value ? value : 1))
        return wasi_result(cells, WASI_EFAULT);
    return wasi_result(cells, WASI_ESUCCESS);
}

wrt_status wasi_clock_time_get(const wrt_host_call *call, wrt_raw *cells)
{
    clockid_t clock;
    struct timespec now;
    if (!host_clock(WASI_U32(0), &clock))
        return wasi_result(cells, WASI_EINVAL);
    if (clock_gettime(clock, &now) != 0)
        return wasi_result(cells, wasi_errno(errno));
    if (!wasi_store_u64(wasi_memory_of(call->user, call), WASI_U32(2), nanoseconds(now)))
        return wasi_result(cells, WASI_EFAULT);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* ---------------------------------------------------------------- random */

wrt_status wasi_random_get(const wrt_host_call *call, wrt_raw *cells)
{
    uint8_t *bytes = wasi_bytes(wasi_memory_of(call->user, call), WASI_U32(0), WASI_U32(1));
    if (!bytes)
        return wasi_result(cells, WASI_EFAULT);
    for (size_t done = 0, size = WASI_U32(1); done < size;) {
        ssize_t got = getrandom(bytes + done, size - done, 0);
        if (got < 0 && errno != EINTR)
            return wasi_result(cells, wasi_errno(errno));
        if (got > 0)
            done += (size_t)got;
    }
    return wasi_result(cells, WASI_ESUCCESS);
}

/* --------------------------------------------------------------- process */

wrt_status wasi_proc_exit(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi->exited = true;
    wasi->exit_code = WASI_U32(0);
    return wrt_host_trap(call, "proc_exit");
}

/* Raising a signal would act on the host process: refused. */
wrt_status wasi_proc_raise(const wrt_host_call *call, wrt_raw *cells)
{
    return wasi_result(cells, WASI_ENOSYS);
}

wrt_status wasi_sched_yield(const wrt_host_call *call, wrt_raw *cells)
{
    sched_yield();
    return wasi_result(cells, WASI_ESUCCESS);
}

/* --------------------------------------------------------------- sockets */

/* No socket is ever handed to the guest, so every fd is not one. */
static int32_t not_a_socket(wrt_wasi *wasi, uint32_t fd)
{
    int32_t error = WASI_ESUCCESS;
    return wasi_fd_get(wasi, fd, 0, &error) ? WASI_ENOTSOCK : error;
}

wrt_status wasi_sock_accept(const wrt_host_call *call, wrt_raw *cells)
{
    return wasi_result(cells, not_a_socket(call->user, WASI_U32(0)));
}

wrt_status wasi_sock_recv(const wrt_host_call *call, wrt_raw *cells)
{
    return wasi_result(cells, not_a_socket(call->user, WASI_U32(0)));
}

wrt_status wasi_sock_send(const wrt_host_call *call, wrt_raw *cells)
{
    return wasi_result(cells, not_a_socket(call->user, WASI_U32(0)));
}

wrt_status wasi_sock_shutdown(const wrt_host_call *call, wrt_raw *cells)
{
    return wasi_result(cells, not_a_socket(call->user, WASI_U32(0)));
}

/* ------------------------------------------------------------ poll_oneoff */

enum { SUBSCRIPTION_SIZE = 48, EVENT_SIZE = 32, EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };

/* Waits for the first of the subscriptions (clocks, and fds ready to read or
 * write) and writes an event for each one that is ready. Regular files are
 * always ready. A clock's timeout is relative unless its abstime flag is
 * set. */
wrt_status wasi_poll_oneoff(const wrt_host_call *call, wrt_raw *cells)
{
    wrt_wasi *wasi = call->user;
    wasi_memory memory = wasi_memory_of(wasi, call);
    uint32_t count = WASI_U32(2);
    const uint8_t *in = wasi_bytes(memory, WASI_U32(0), (uint64_t)count * SUBSCRIPTION_SIZE);
    uint8_t *out = wasi_bytes(memory, WASI_U32(1), (uint64_t)count * EVENT_SIZE);
    if (count == 0)
        return wasi_result(cells, WASI_EINVAL);
    if (!in || !out || !wasi_bytes(memory, WASI_U32(3), 4))
        return wasi_result(cells, WASI_EFAULT);
    /* Per subscription: the host poll entry (fd -1: none), an error to
     * report (> 0; -1: a file, ready), a clock's monotonic deadline. */
    struct pollfd *polls = calloc(count, sizeof *polls);
    int32_t *errors = calloc(count, sizeof *errors);
    uint64_t *deadlines = calloc(count, sizeof *deadlines);
    if (!polls || !errors || !deadlines) {
        free(polls);
        free(errors);
        free(deadlines);
        return wasi_result(cells, WASI_ENOMEM);
    }
    /* The earliest clock deadline, in monotonic nanoseconds (or none). */
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    uint64_t now = nanoseconds(start), deadline = UINT64_MAX;
    bool ready_now = false;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *s = in + (size_t)i * SUBSCRIPTION_SIZE;
        polls[i].fd = -1;
        if (s[8] == EVENT_CLOCK) {
            uint32_t id = wasi_load_u32(s + 16);
            uint64_t timeout;
            uint16_t flags;
            memcpy(&timeout, s + 24, 8);
            memcpy(&flags, s + 40, 2);
            clockid_t clock;
            if (!host_clock(id, &clock)) {
                errors[i] = WASI_EINVAL;
                ready_now = true;
                continue;
            }
            uint64_t at = timeout;
            if (flags & 1) { /* abstime: on that clock; convert to monotonic */
                struct timespec clock_now;
                clock_gettime(clock, &clock_now);
                uint64_t t = nanoseconds(clock_now);
                at = timeout > t ? now + (timeout - t) : now;
            } else {
                at = timeout > UINT64_MAX - now ? UINT64_MAX : now + timeout;
            }
            deadlines[i] = at;
            if (at < deadline)
                deadline = at;
        } else if (s[8] == EVENT_FD_READ || s[8] == EVENT_FD_WRITE) {
            int32_t error = WASI_ESUCCESS;
            wasi_fd *fd = wasi_fd_get(wasi, wasi_load_u32(s + 16), WASI_RIGHT(WASI_R_POLL_FD_READWRITE), &error);
            if (!fd) {
                errors[i] = error;
                ready_now = true;
            } else if (fd->filetype == WASI_FILETYPE_REGULAR_FILE || fd->filetype == WASI_FILETYPE_DIRECTORY) {
                ready_now = true; /* polls[i].fd stays -1: ready, below */
                errors[i] = -1;
            } else {
                polls[i].fd = fd->host;
                polls[i].events = s[8] == EVENT_FD_READ ? POLLIN : POLLOUT;
            }
        } else {
            errors[i] = WASI_EINVAL;
            ready_now = true;
        }
    }
    int timeout_ms = -1;
    if (ready_now)
        timeout_ms = 0;
    else if (deadline != UINT64_MAX)
        timeout_ms = (int)((deadline - now + 999999) / 1000000 > 0x7fffffff ? 0x7fffffff
                                                                             : (deadline - now + 999999) / 1000000);
    int ready;
    for (;;) {
        ready = poll(polls, count, timeout_ms);
        if (ready >= 0 || errno != EINTR)
            break;
    }
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    uint32_t events = 0;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *s = in + (size_t)i * SUBSCRIPTION_SIZE;
        uint16_t error = 0;
        uint64_t nbytes = 0;
        uint16_t flags = 0;
        if (errors[i] > 0) {
            error = (uint16_t)errors[i];
        } else if (s[8] == EVENT_CLOCK) {
            if (nanoseconds(end) < deadlines[i])
                continue;
        } else if (errors[i] < 0) {
            nbytes = 0; /* a file: always ready */
        } else if (polls[i].revents) {
            if (polls[i].revents & (POLLHUP | POLLERR))
                flags = 1; /* $eventrwflags.fd_readwrite_hangup */
        } else {
            continue;
        }
        uint8_t *e = out + (size_t)events * EVENT_SIZE;
        memset(e, 0, EVENT_SIZE);
        memcpy(e, s, 8); /* userdata */
        memcpy(e + 8, &error, 2);
        e[10] = s[8];
        memcpy(e + 16, &nbytes, 8);
        memcpy(e + 24, &flags, 2);
        events++;
    }
    free(polls);
    free(errors);
    free(deadlines);
    wasi_store_u32(memory, WASI_U32(3), events);
    return wasi_result(cells, WASI_ESUCCESS);
}

/* ----------------------------------------------------------- the imports */

typedef struct wasi_import {
    const char *name;
    const char *params, *results; /* 'i' i32, 'I' i64 */
    wrt_host_raw_callback callback;
} wasi_import;

static const wasi_import wasi_imports[] = {
#define WASI_ROW(name, params, results) { #name, params, results, wasi_##name },
    WASI_FUNCTIONS(WASI_ROW)
#undef WASI_ROW
};

enum { WASI_IMPORT_COUNT = sizeof wasi_imports / sizeof wasi_imports[0] };

/* The functions for `store`, made on the first call for it. */
static wrt_status wasi_funcs(wrt_wasi *wasi, wrt_store *store)
{
    if (wasi->funcs_store == store)
        return WRT_OK;
    wrt_func **funcs = calloc(WASI_IMPORT_COUNT, sizeof *funcs);
    if (!funcs)
        return wasi_fail(wasi, WRT_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < WASI_IMPORT_COUNT; i++) {
        const wasi_import *row = &wasi_imports[i];
        wrt_valtype params[16], results[1];
        size_t param_count = strlen(row->params), result_count = strlen(row->results);
        for (size_t k = 0; k < param_count; k++)
            params[k] = row->params[k] == 'I' ? WRT_I64 : WRT_I32;
        for (size_t k = 0; k < result_count; k++)
            results[k] = WRT_I32;
        wrt_functype type = { param_count, params, result_count, results };
        wrt_status status = wrt_func_new_raw(store, &type, row->callback, wasi, &funcs[i]);
        if (status) {
            free(funcs);
            return wasi_fail(wasi, status, "cannot make wasi_snapshot_preview1.%s: %s", row->name,
                             wrt_status_message(status));
        }
    }
    free(wasi->funcs);
    wasi->funcs = funcs;
    wasi->funcs_store = store;
    return WRT_OK;
}

wrt_status wrt_wasi_define(wrt_wasi *wasi, wrt_store *store, wrt_imports *imports)
{
    static const wrt_name module = { "wasi_snapshot_preview1", 22 };
    wrt_status status = wasi_funcs(wasi, store);
    if (status)
        return status;
    for (size_t i = 0; i < WASI_IMPORT_COUNT; i++) {
        const wasi_import *row = &wasi_imports[i];
        wrt_extern object = { .kind = WRT_EXTERN_FUNC, .of.func = wasi->funcs[i] };
        status = wrt_imports_define(imports, module, (wrt_name){ row->name, strlen(row->name) }, object);
        if (status)
            return wasi_fail(wasi, status, "cannot define wasi_snapshot_preview1.%s: %s", row->name,
                             wrt_status_message(status));
    }
    return WRT_OK;
}
