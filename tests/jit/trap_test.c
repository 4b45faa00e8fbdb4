/* trap_test.c: faults outside generated code still crash; code pages are never writable and executable. */
#include "../check.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../runtime/src/jit/codemem.h"
#include "../../runtime/src/jit/vmctx.h"
#include "../../runtime/src/trap.h"


#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1 /* ASan and TSan report fatal signals themselves and exit non-zero */
#else
#define SANITIZED 0
#endif

/* Runs `body` in a child; returns the signal that killed it, -1 if it
 * exited with a failure status, 0 if it exited normally. */
static int child_signal(void (*body)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr)) /* the expected crash report is noise */
            _exit(3);
        body();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        return WTERMSIG(status);
    return WEXITSTATUS(status) ? -1 : 0;
}

static void segv_in_c(void)
{
    (void)trap_install_handlers();
    volatile uint8_t *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    signal(SIGABRT, SIG_DFL);
    page[0] = 1; /* not generated code: must crash */
}

static void ill_in_c(void)
{
    (void)trap_install_handlers();
    __builtin_trap();
}

static void raise_outside(void)
{
    trap_raise(WRT_TRAP_HOST);
}

/* Whether any mapping of this process is writable and executable. */
static int has_wx_mapping(void)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (maps && fgets(line, sizeof line, maps)) {
        char perms[8];
        if (sscanf(line, "%*s %7s", perms) == 1 && perms[1] == 'w' && perms[2] == 'x')
            found = 1;
    }
    if (maps)
        fclose(maps);
    return found;
}

int main(void)
{
    int signal_number = child_signal(segv_in_c);
    check(signal_number == SIGSEGV || (SANITIZED && signal_number == -1), "SIGSEGV in C code is not swallowed");
    signal_number = child_signal(ill_in_c);
    check(signal_number == SIGILL || (SANITIZED && signal_number == -1), "SIGILL in C code is not swallowed");
    check(child_signal(raise_outside) == SIGABRT, "trap_raise outside wasm aborts");

    static const uint8_t return_42[] = {0xB8, 42, 0, 0, 0, 0xC3}; /* mov eax, 42; ret */
    codemem block;
    check(codemem_new(return_42, sizeof return_42, &block) == CODEMEM_OK, "codemem_new");
    check(!has_wx_mapping(), "no writable+executable mapping");
    int (*function)(void) = (int (*)(void))(void *)block.base;
    check(function() == 42, "code in codemem runs");
    codemem_free(&block);
    check(codemem_new(return_42, 0, &block) == CODEMEM_EMPTY, "empty code is refused");
    return check_summary();
}
