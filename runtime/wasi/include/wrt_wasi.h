/* wrt_wasi.h: WASI preview1 (the wasi_snapshot_preview1 imports) for modules run on wrt. */
#ifndef WRT_WASI_H
#define WRT_WASI_H

/*
 * A wrt_wasi is one guest's view of the host: its arguments, environment,
 * standard streams and the directories it may use. wrt_wasi_define puts
 * the 46 functions of wasi_snapshot_preview1 into a wrt_imports; a module
 * instantiated with them calls the host through this object.
 *
 * OWNERSHIP
 *
 *   - wrt_wasi_new gives you the object; release it with wrt_wasi_delete,
 *     after the store whose functions wrt_wasi_define made (they point at
 *     it) is deleted or no longer runs code.
 *   - Everything you pass in (argument and environment strings, paths) is
 *     COPIED. Host file descriptors given to wrt_wasi_set_stdio are
 *     duplicated: the guest closing its fd 1 closes the copy only.
 *   - The message (wrt_wasi_message) is BORROWED until the next call that
 *     fails on the object.
 *
 * SANDBOX
 *
 *   The guest reaches the host's files only through the directories given
 *   to wrt_wasi_preopen, and only beneath them: every path is resolved
 *   relative to one of its directory descriptors, component by component,
 *   by the kernel (openat2 with RESOLVE_BENEATH): an absolute path, a `..`
 *   that would climb out, or a symlink pointing outside (absolute, or
 *   relative and climbing) fails with ENOTCAPABLE-style errors and never
 *   touches the outside file. Symlinks that stay inside are followed as
 *   POSIX says. Nothing else of the host is visible: no other fd, no
 *   process, no network (the sock_* functions answer EBADF/ENOTSUP: no
 *   socket is ever handed over). Rights (fd_fdstat_set_rights) only
 *   shrink. Defaults: no arguments, an empty environment, no directories,
 *   stdin/stdout/stderr the host's 0, 1, 2.
 *
 * THREADS
 *
 *   A wrt_wasi serves the store it was defined in, on that store's thread.
 *
 * EXIT
 *
 *   proc_exit(code) records the code and traps (WRT_TRAP_HOST, message
 *   "proc_exit"): the call from the host returns WRT_TRAP and
 *   wrt_wasi_exit_code says the program exited, and with what.
 */

#include "wrt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wrt_wasi wrt_wasi;

/* NULL if out of memory. */
wrt_wasi *wrt_wasi_new(void);
void wrt_wasi_delete(wrt_wasi *wasi);

/* The guest's argv (args[0] is by convention the program's name). */
WRT_MUST_USE wrt_status wrt_wasi_set_args(wrt_wasi *wasi, size_t count, const char *const *args);

/* The guest's environment: each entry "NAME=VALUE" (WRT_ERR_ARGUMENT
 * without '=' or with an empty NAME). */
WRT_MUST_USE wrt_status wrt_wasi_set_env(wrt_wasi *wasi, size_t count, const char *const *env);

/* Opens host directory `host_dir` now and gives it to the guest as a
 * preopened directory named `guest_path` (e.g. "/", ".", "data"); the
 * guest's fds 3, 4, ... are the preopens in the order given.
 * WRT_ERR_ARGUMENT with a message if it cannot be opened as a directory. */
WRT_MUST_USE wrt_status wrt_wasi_preopen(wrt_wasi *wasi, const char *host_dir, const char *guest_path);
/* The same from "HOST[::GUEST]" (the command lines' --dir): GUEST defaults
 * to HOST. */
WRT_MUST_USE wrt_status wrt_wasi_preopen_spec(wrt_wasi *wasi, const char *spec);

/* The host fds the guest's 0, 1 and 2 are (each duplicated; -1: that fd is
 * closed in the guest). */
WRT_MUST_USE wrt_status wrt_wasi_set_stdio(wrt_wasi *wasi, int stdin_fd, int stdout_fd, int stderr_fd);

/* Defines the wasi_snapshot_preview1 functions in `imports`, made in
 * `store` on the first call for it (later calls with the same store define
 * the same functions: one set per store, whatever the number of modules).
 * Call it after the configuration above. */
WRT_MUST_USE wrt_status wrt_wasi_define(wrt_wasi *wasi, wrt_store *store, wrt_imports *imports);

/* Whether the guest called proc_exit; if so *code is its argument. */
bool wrt_wasi_exit_code(const wrt_wasi *wasi, uint32_t *code);

/* What the last failing call on `wasi` said; never NULL. */
const char *wrt_wasi_message(const wrt_wasi *wasi);

#ifdef __cplusplus
}
#endif

#endif
