/* hostile_test.c: the engine under hostile guests and hosts: big frames, small
 * thread stacks, chained signal handlers, sent signals, interruption and
 * store limits. Each case runs in a child process, so a case that kills
 * its process is a failure the suite reports, not the end of the suite.
 * Usage: hostile_test MODULE_DIR (the .wasm files of tests/hostile/modules). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "read_file.h"
#include "wrt.h"

static const char *module_dir;
static int passed, failed;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1 /* the sanitizer reports a fatal signal itself and exits 1 */
#else
#define SANITIZED 0
#endif

/* ---- a guest in a fresh store -------------------------------------------- */

typedef struct guest {
    wrt_engine *engine;
    wrt_store *store;
    wrt_module *module;
    wrt_instance *instance;
} guest;

/* Exits the child (failure) with a message: the parent reports the case. */
static _Noreturn void die(const char *what, const guest *g)
{
    printf("    %s%s%s\n", what, g ? ": " : "", g ? wrt_store_error(g->store)->message : "");
    fflush(stdout);
    _exit(1);
}

static wrt_module *load_module(wrt_store *store, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.wasm", module_dir, name);
    size_t size;
    uint8_t *bytes = read_file(path, &size);
    if (!bytes) {
        printf("    cannot read %s: %s\n", path, read_file_strerror(errno));
        _exit(1);
    }
    wrt_module *module;
    wrt_status status = wrt_module_new(store, bytes, size, &module);
    free(bytes);
    return status == WRT_OK ? module : NULL;
}

static guest guest_new(const char *name, const wrt_store_limits *limits)
{
    guest g = {0};
    g.engine = wrt_engine_new();
    g.store = g.engine ? wrt_store_new(g.engine) : NULL;
    if (!g.store)
        die("out of memory", NULL);
    if (limits)
        wrt_store_set_limits(g.store, limits);
    if (!(g.module = load_module(g.store, name)))
        die("module", &g);
    if (wrt_instance_new(g.store, g.module, NULL, &g.instance) != WRT_OK)
        die("instantiate", &g);
    return g;
}

static wrt_func *export_func(const guest *g, const char *name)
{
    wrt_extern object;
    if (wrt_instance_export(g->instance, (wrt_name){name, strlen(name)}, &object) != WRT_OK ||
        object.kind != WRT_EXTERN_FUNC)
        die(name, NULL);
    return object.of.func;
}

/* Calls export `name` with up to one i32 argument and one result. Returns
 * the trap kind (WRT_TRAP_NONE if it returned), the result in *result. */
static wrt_trap_kind call(const guest *g, const char *name, int arg_count, int32_t arg, int32_t *result)
{
    wrt_func *func = export_func(g, name);
    wrt_val args[1] = {{.type = WRT_I32, .of.i32 = arg}};
    wrt_val results[1];
    size_t result_count = wrt_func_type(func)->result_count;
    wrt_status status = wrt_func_call(g->store, func, args, (size_t)arg_count, results, result_count);
    if (status == WRT_OK) {
        if (result && result_count)
            *result = results[0].of.i32;
        return WRT_TRAP_NONE;
    }
    if (status != WRT_TRAP)
        die(name, g);
    return wrt_store_error(g->store)->trap;
}

static void expect_trap(const guest *g, const char *name, int arg_count, int32_t arg, wrt_trap_kind want)
{
    wrt_trap_kind got = call(g, name, arg_count, arg, NULL);
    if (got != want) {
        printf("    %s: trap '%s', want '%s'\n", name, wrt_trap_message(got), wrt_trap_message(want));
        _exit(1);
    }
}

/* ---- cases ----------------------------------------------------------------- */

/* A function with 50,000 i64 locals (400 KB a frame) that calls itself: the
 * prologue must check before it moves the stack pointer. */
static void big_frames(void)
{
    static const uint8_t module[] = {
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                   /* type () -> () */
        0x03, 0x02, 0x01, 0x00,                               /* one function */
        0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00,              /* export "f" */
        0x0A, 0x0A, 0x01, 0x08, 0x01, 0xD0, 0x86, 0x03, 0x7E, /* 50,000 i64 locals */
        0x10, 0x00, 0x0B,                                     /* call 0; end */
    };
    guest g = {0};
    g.engine = wrt_engine_new();
    g.store = wrt_store_new(g.engine);
    if (wrt_module_new(g.store, module, sizeof module, &g.module) != WRT_OK ||
        wrt_instance_new(g.store, g.module, NULL, &g.instance) != WRT_OK)
        die("big-frame module", &g);
    for (int round = 0; round < 3; round++)
        expect_trap(&g, "f", 0, 0, WRT_TRAP_STACK_EXHAUSTED);
}

/* Infinite recursion on a thread with a small stack. */
typedef struct thread_case {
    guest *g;
    wrt_trap_kind kind;
} thread_case;

static void *recurse_thread(void *argument)
{
    thread_case *t = argument;
    t->kind = call(t->g, "recurse", 1, 0, NULL);
    if (t->kind == WRT_TRAP_STACK_EXHAUSTED) /* and again: the store is still usable */
        t->kind = call(t->g, "recurse", 1, 0, NULL);
    return NULL;
}

static void run_on_stack(size_t stack_size)
{
    guest g = guest_new("guest", NULL);
    thread_case t = {&g, WRT_TRAP_NONE};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    if (pthread_attr_setstacksize(&attributes, stack_size) != 0)
        die("pthread_attr_setstacksize", NULL);
    pthread_t thread;
    if (pthread_create(&thread, &attributes, recurse_thread, &t) != 0)
        die("pthread_create", NULL);
    pthread_join(thread, NULL);
    if (t.kind != WRT_TRAP_STACK_EXHAUSTED) {
        printf("    %zu KiB stack: trap '%s'\n", stack_size / 1024, wrt_trap_message(t.kind));
        _exit(1);
    }
}

static void stack_64k(void) { run_on_stack(64 * 1024); }
static void stack_128k(void) { run_on_stack(128 * 1024); }
static void stack_256k(void) { run_on_stack(256 * 1024); }
static void stack_300k(void) { run_on_stack(300 * 1024); }

/* A thread whose stack is too small for wasm at all is refused with a
 * clear message, not run into its guard page. */
static void stack_too_small(void)
{
    run_on_stack(PTHREAD_STACK_MIN < 16384 ? 16384 : PTHREAD_STACK_MIN);
}

/* The embedder's stack size caps the depth on a big stack. */
static void stack_bytes_limit(void)
{
    wrt_store_limits limits = {.stack_bytes = 64 * 1024};
    guest g = guest_new("guest", &limits);
    expect_trap(&g, "recurse", 1, 0, WRT_TRAP_STACK_EXHAUSTED);
}

/* A host handler installed after the engine's, passing signals on (as crash
 * reporters and TSan do), runs the engine's handler with the signal
 * blocked: every trap must still come back, not only the first. */
static struct sigaction engine_segv, engine_ill;

static void host_handler(int signal_number, siginfo_t *info, void *context)
{
    struct sigaction *engine = signal_number == SIGSEGV ? &engine_segv : &engine_ill;
    engine->sa_sigaction(signal_number, info, context);
}

static void chained_handler(void)
{
    guest g = guest_new("guest", NULL);
    if (call(&g, "nop", 0, 0, NULL) != WRT_TRAP_NONE) /* the engine's handlers are in */
        die("nop", &g);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = host_handler;
    action.sa_flags = SA_SIGINFO; /* no SA_NODEFER: the signal is blocked in it */
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, &engine_segv) != 0 || sigaction(SIGILL, &action, &engine_ill) != 0 ||
        !(engine_segv.sa_flags & SA_SIGINFO) || !(engine_ill.sa_flags & SA_SIGINFO))
        die("sigaction", NULL);
    for (int round = 0; round < 3; round++) {
        expect_trap(&g, "load", 1, -4, WRT_TRAP_MEMORY_OUT_OF_BOUNDS);
        expect_trap(&g, "boom", 0, 0, WRT_TRAP_UNREACHABLE);
    }
}

/* A SIGSEGV sent with kill while wasm runs is not a trap: the process dies
 * of it (the default action), it does not carry on. */
static void *spin_thread(void *argument)
{
    thread_case *t = argument;
    t->kind = call(t->g, "spin", 0, 0, NULL);
    return NULL;
}

static void sent_signal(void)
{
    guest g = guest_new("guest", NULL);
    thread_case t = {&g, WRT_TRAP_NONE};
    pthread_t thread;
    if (pthread_create(&thread, NULL, spin_thread, &t) != 0)
        die("pthread_create", NULL);
    nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    pthread_kill(thread, SIGSEGV);
    nanosleep(&(struct timespec){2, 0}, NULL);
    printf("    the process survived a sent SIGSEGV (trap '%s')\n", wrt_trap_message(t.kind));
    _exit(0); /* the parent wants a death by SIGSEGV */
}

/* wrt_store_interrupt from another thread stops a loop and a loop of
 * calls; the store works afterwards; a request made while nothing runs
 * stops the next call at once. */
typedef struct interrupter {
    wrt_store *store;
    long delay_ms;
} interrupter;

static void *interrupt_later(void *argument)
{
    interrupter *i = argument;
    nanosleep(&(struct timespec){i->delay_ms / 1000, (i->delay_ms % 1000) * 1000000}, NULL);
    wrt_store_interrupt(i->store);
    return NULL;
}

static void interrupt_case(const char *function)
{
    guest g = guest_new("guest", NULL);
    for (int round = 0; round < 3; round++) {
        interrupter i = {g.store, 50};
        pthread_t thread;
        if (pthread_create(&thread, NULL, interrupt_later, &i) != 0)
            die("pthread_create", NULL);
        expect_trap(&g, function, 0, 0, WRT_TRAP_INTERRUPTED);
        pthread_join(thread, NULL);
        int32_t result = 0;
        if (call(&g, "recurse", 1, 0, NULL) != WRT_TRAP_STACK_EXHAUSTED ||
            call(&g, "load", 1, 0, &result) != WRT_TRAP_NONE)
            die("the store after an interrupt", &g);
    }
    wrt_store_interrupt(g.store); /* nothing runs: the next call stops */
    expect_trap(&g, function, 0, 0, WRT_TRAP_INTERRUPTED);
    if (call(&g, "nop", 0, 0, NULL) != WRT_TRAP_NONE)
        die("nop after a consumed interrupt", &g);
}

static void interrupt_loop(void) { interrupt_case("spin"); }
static void interrupt_calls(void) { interrupt_case("spin_calls"); }

/* A start function that never returns is interrupted too. */
static void interrupt_start(void)
{
    wrt_engine *engine = wrt_engine_new();
    wrt_store *store = wrt_store_new(engine);
    wrt_module *module = load_module(store, "spin_start");
    interrupter i = {store, 50};
    pthread_t thread;
    if (!module || pthread_create(&thread, NULL, interrupt_later, &i) != 0)
        die("spin_start", NULL);
    wrt_instance *instance;
    wrt_status status = wrt_instance_new(store, module, NULL, &instance);
    pthread_join(thread, NULL);
    if (status != WRT_TRAP || wrt_store_error(store)->trap != WRT_TRAP_INTERRUPTED) {
        printf("    instantiation: %s\n", wrt_store_error(store)->message);
        _exit(1);
    }
}

/* memory.grow past the store's cap returns -1: 1,000 pages at a time under
 * a 64 MiB cap stops at 1,001 pages (the first page included). */
static void memory_limit(void)
{
    wrt_store_limits limits = {.memory_bytes = 64 << 20};
    guest g = guest_new("guest", &limits);
    int32_t pages = 0;
    if (call(&g, "grow", 0, 0, &pages) != WRT_TRAP_NONE || pages != 1001) {
        printf("    grew to %d pages, want 1001\n", pages);
        _exit(1);
    }
    /* A second module's memory no longer fits: instantiation fails. */
    wrt_module *module = load_module(g.store, "two_memories");
    wrt_instance *instance;
    if (!module || wrt_instance_new(g.store, module, NULL, &instance) != WRT_ERR_LIMIT ||
        !strstr(wrt_store_error(g.store)->message, "limit"))
        die("a memory past the cap", &g);
    wrt_memory *memory;
    if (wrt_memory_new(g.store, &(wrt_memorytype){.limits = {.min = 100}}, &memory) != WRT_ERR_LIMIT)
        die("wrt_memory_new past the cap", &g);
}

static void table_limit(void)
{
    wrt_store_limits limits = {.table_elements = 100};
    guest g = guest_new("guest", &limits);
    int32_t result = 0;
    if (call(&g, "table_grow", 1, 99, &result) != WRT_TRAP_NONE || result != 1)
        die("table.grow within the cap", &g);
    if (call(&g, "table_grow", 1, 1, &result) != WRT_TRAP_NONE || result != -1)
        die("table.grow past the cap", &g);
}

static void instance_limit(void)
{
    wrt_store_limits limits = {.instances = 1};
    guest g = guest_new("guest", &limits);
    wrt_instance *second;
    if (wrt_instance_new(g.store, g.module, NULL, &second) != WRT_ERR_LIMIT)
        die("a second instance past the cap", &g);
}

/* ---- the runner ----------------------------------------------------------- */

typedef enum outcome { EXITS_0, DIES_OF_SEGV } outcome;

static void run(const char *name, void (*body)(void), outcome want)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(60); /* a hang is a failure too */
        body();
        fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    bool ok;
    if (want == DIES_OF_SEGV)
        ok = (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) ||
             (SANITIZED && WIFEXITED(status) && WEXITSTATUS(status) != 0);
    else
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (WIFSIGNALED(status))
        printf("FAIL %s: killed by signal %d (%s)\n", name, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        printf("FAIL %s: exit status %d\n", name, WEXITSTATUS(status));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hostile_test MODULE_DIR\n");
        return 2;
    }
    module_dir = argv[1];
    run("big-frames", big_frames, EXITS_0);
    run("stack-64k", stack_64k, EXITS_0);
    run("stack-128k", stack_128k, EXITS_0);
    run("stack-256k", stack_256k, EXITS_0);
    run("stack-300k", stack_300k, EXITS_0);
    run("stack-too-small", stack_too_small, EXITS_0);
    run("stack-bytes-limit", stack_bytes_limit, EXITS_0);
    run("chained-handler", chained_handler, EXITS_0);
    run("sent-signal", sent_signal, DIES_OF_SEGV);
    run("interrupt-loop", interrupt_loop, EXITS_0);
    run("interrupt-calls", interrupt_calls, EXITS_0);
    run("interrupt-start", interrupt_start, EXITS_0);
    run("memory-limit", memory_limit, EXITS_0);
    run("table-limit", table_limit, EXITS_0);
    run("instance-limit", instance_limit, EXITS_0);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
