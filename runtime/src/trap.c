/* trap.c: signal handlers that turn faults in generated code into traps, and the one entry trampoline (trap_call). */
#include "trap.h"

#include <pthread.h>
#include <stdbool.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "jit/codemem.h"
#include "jit/masm.h"
#include "jit/vmctx.h"

#if defined(__SANITIZE_ADDRESS__)
#define TRAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRAP_ASAN 1
#endif
#endif
#ifdef TRAP_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* One activation per nested trap_call on a thread; the innermost catches. */
typedef struct trap_activation {
    uintptr_t frame; /* its entry stub's frame, where a trap lands (masm_emit_trap_landing) */
    struct trap_activation *outer;
    trap_guard *guard;     /* the callee's store's, or NULL */
    uintptr_t stack_limit; /* what this call may use; nested calls inherit it */
    trap_info info;
} trap_activation;

/* Thread-locals the signal handler reads: initial-exec, so that reading
 * them is one %fs-relative load even in libwrt.so (the default model there
 * calls __tls_get_addr, which is not async-signal-safe). */
#define TRAP_THREAD_LOCAL _Thread_local __attribute__((tls_model("initial-exec")))
static TRAP_THREAD_LOCAL trap_activation *current_activation;
/* The lowest address wasm may use on this thread; 0 until the first call. */
static TRAP_THREAD_LOCAL uintptr_t thread_stack_floor;

/* The trap exit (masm_emit_trap_landing), set with the stubs: trap_raise
 * calls trap_unwind, the signal handler resumes at trap_landing. */
typedef void (*trap_unwind_fn)(uintptr_t frame);
static trap_unwind_fn trap_unwind;
static uintptr_t trap_landing;

/*
 * Registered code ranges, read by the signal handler without a lock: a list
 * of fixed-size chunks that only grows (a chunk is never freed or moved, a
 * free slot is reused). Writers take the lock; a slot is published with
 * atomic stores (end before start, so a reader that sees a start sees its
 * end), and a new chunk is fully zeroed before it is linked in. So there is
 * no cap on live modules other than memory; the first chunk is static, so a
 * process with fewer than TRAP_CHUNK_RANGES live modules never allocates.
 */
#define TRAP_CHUNK_RANGES 1024

typedef struct range_chunk {
    _Atomic uintptr_t start[TRAP_CHUNK_RANGES];
    _Atomic uintptr_t end[TRAP_CHUNK_RANGES];
    const void *_Atomic owner[TRAP_CHUNK_RANGES];
    struct range_chunk *_Atomic next;
} range_chunk;

static range_chunk first_chunk;
static pthread_mutex_t range_lock = PTHREAD_MUTEX_INITIALIZER;

/* The chunk and slot whose range holds `pc` (start == 0 means free).
 * Async-signal-safe: atomic loads only. */
static bool range_find_pc(uintptr_t pc, range_chunk **chunk_out, size_t *slot_out)
{
    for (range_chunk *chunk = &first_chunk; chunk; chunk = atomic_load(&chunk->next))
        for (size_t i = 0; i < TRAP_CHUNK_RANGES; i++) {
            uintptr_t start = atomic_load(&chunk->start[i]);
            if (start && pc >= start && pc < atomic_load(&chunk->end[i])) {
                *chunk_out = chunk;
                *slot_out = i;
                return true;
            }
        }
    return false;
}

/* The slot registered with exactly this start; caller holds the lock. */
static bool range_find_start(uintptr_t start, range_chunk **chunk_out, size_t *slot_out)
{
    for (range_chunk *chunk = &first_chunk; chunk; chunk = atomic_load(&chunk->next))
        for (size_t i = 0; i < TRAP_CHUNK_RANGES; i++)
            if (atomic_load(&chunk->start[i]) == start) {
                *chunk_out = chunk;
                *slot_out = i;
                return true;
            }
    return false;
}

int trap_register_code(const void *start, size_t size)
{
    int status = -1;
    pthread_mutex_lock(&range_lock);
    range_chunk *chunk = NULL;
    size_t slot = 0;
    if (!range_find_start(0, &chunk, &slot)) {
        /* Every slot is taken: link a new zeroed chunk at the end. */
        range_chunk *last = &first_chunk;
        while (atomic_load(&last->next))
            last = atomic_load(&last->next);
        chunk = calloc(1, sizeof *chunk);
        if (!chunk)
            goto done;
        for (size_t i = 0; i < TRAP_CHUNK_RANGES; i++) {
            atomic_init(&chunk->start[i], 0);
            atomic_init(&chunk->end[i], 0);
            atomic_init(&chunk->owner[i], NULL);
        }
        atomic_init(&chunk->next, NULL);
        atomic_store(&last->next, chunk);
        slot = 0;
    }
    atomic_store(&chunk->owner[slot], NULL);
    atomic_store(&chunk->end[slot], (uintptr_t)start + size);
    atomic_store(&chunk->start[slot], (uintptr_t)start);
    status = 0;
done:
    pthread_mutex_unlock(&range_lock);
    return status;
}

void trap_unregister_code(const void *start)
{
    pthread_mutex_lock(&range_lock);
    range_chunk *chunk;
    size_t slot;
    if (start && range_find_start((uintptr_t)start, &chunk, &slot)) {
        atomic_store(&chunk->start[slot], 0);
        atomic_store(&chunk->end[slot], 0);
        atomic_store(&chunk->owner[slot], NULL);
    }
    pthread_mutex_unlock(&range_lock);
}

void trap_set_code_owner(const void *start, const void *owner)
{
    pthread_mutex_lock(&range_lock);
    range_chunk *chunk;
    size_t slot;
    if (start && range_find_start((uintptr_t)start, &chunk, &slot))
        atomic_store(&chunk->owner[slot], owner);
    pthread_mutex_unlock(&range_lock);
}

const void *trap_code_owner(uintptr_t pc)
{
    range_chunk *chunk;
    size_t slot;
    return range_find_pc(pc, &chunk, &slot) ? atomic_load(&chunk->owner[slot]) : NULL;
}

static bool in_generated_code(uintptr_t pc)
{
    range_chunk *chunk;
    size_t slot;
    return range_find_pc(pc, &chunk, &slot);
}

/* ---- signal handlers ------------------------------------------------------ */

static const int trap_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
static struct sigaction previous_actions[4];

/* Hands a signal we do not own to whoever had it before (normally the
 * default action: a crash with the usual core dump / exit status). */
static void pass_on(int index, int signal_number, siginfo_t *info, void *context)
{
    struct sigaction *previous = &previous_actions[index];
    if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction) {
        previous->sa_sigaction(signal_number, info, context);
        return;
    }
    if (previous->sa_handler == SIG_IGN)
        return;
    if (previous->sa_handler != SIG_DFL) {
        previous->sa_handler(signal_number);
        return;
    }
    /* Default action: reinstall it; a hardware fault re-executes and dies
     * with the right signal, a sent signal is raised again. */
    signal(signal_number, SIG_DFL);
    if (info->si_code <= 0)
        raise(signal_number);
}

/* A fault in generated code while a trap_call is active is a trap. A signal
 * that was sent (kill, tgkill, sigqueue: si_code <= 0) is not, wherever it
 * lands: it goes on to the previous handler. */
static void trap_signal_handler(int signal_number, siginfo_t *info, void *context)
{
    int index = 0;
    while (trap_signals[index] != signal_number)
        index++;
    trap_activation *activation = current_activation;
    uintptr_t pc = masm_signal_pc(context);
    if (activation && info->si_code > 0 && in_generated_code(pc)) {
        wrt_trap_kind kind = WRT_TRAP_NONE;
        switch (signal_number) {
        case SIGSEGV:
        case SIGBUS: kind = WRT_TRAP_MEMORY_OUT_OF_BOUNDS; break;
        case SIGFPE: kind = WRT_TRAP_DIVIDE_BY_ZERO; break;
        case SIGILL: kind = masm_decode_trap((const uint8_t *)pc); break;
        }
        if (kind != WRT_TRAP_NONE) {
            activation->info.kind = kind;
            activation->info.pc = pc;
            /* Return from the handler into the trap landing, which returns
             * from the entry stub: the kernel restores the signal mask of
             * the code that faulted, and only wasm frames are left behind. */
            masm_signal_resume(context, trap_landing, activation->frame);
            return;
        }
    }
    pass_on(index, signal_number, info, context);
}

static int install_status = -1;

static void install_once(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = trap_signal_handler;
    /* SA_NODEFER: a host handler that runs ours from its own may never
     * return to the kernel; the signal must not stay blocked then. */
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < 4; i++)
        if (sigaction(trap_signals[i], &action, &previous_actions[i]) != 0)
            return;
    install_status = 0;
}

int trap_install_handlers(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_once);
    return install_status;
}

/* ---- entry trampoline --------------------------------------------------- */

/* masm_emit_entry_stub: the first result to slots[0] and *float_cell; 0,
 * or 1 when a trap left through the landing. */
typedef uint32_t (*entry_stub_fn)(const void *code, void *vmctx, uint64_t *slots, size_t nslots,
                                  uint64_t *float_cell, uintptr_t *frame);
static codemem entry_stub_code;
/* Entry stubs unrolled for 1..TRAP_FIXED_STUBS slots (most functions), at
 * index nslots; index 0 is the stub for any count. */
#define TRAP_FIXED_STUBS 8
static size_t entry_stub_offsets[TRAP_FIXED_STUBS + 1];
static entry_stub_fn entry_stubs[TRAP_FIXED_STUBS + 1];
/* The generic entry stub, published once every stub is built and the
 * handlers installed: trap_call's fast path is one acquire load of it. */
static _Atomic(entry_stub_fn) ready_entry_stub;

static size_t host_trampoline_offset;
static pthread_once_t stubs_once = PTHREAD_ONCE_INIT;


/* One code block for all shared stubs, each 16-byte aligned: the entry
 * stubs, the trap exit, then the host trampoline. */
static void build_stubs(void)
{
    codebuf buf = {0};
    for (uint32_t fixed = 0; fixed <= TRAP_FIXED_STUBS; fixed++) {
        entry_stub_offsets[fixed] = buf.size;
        masm_emit_entry_stub(&buf, fixed);
        while (buf.size % 16)
            codebuf_byte(&buf, 0xCC);
    }
    size_t unwind_offset = buf.size;
    size_t landing_offset = masm_emit_trap_landing(&buf); /* an offset in buf */
    while (buf.size % 16)
        codebuf_byte(&buf, 0xCC);
    host_trampoline_offset = buf.size;
    masm_emit_host_trampoline(&buf);
    if (buf.failed || codemem_new(buf.bytes, buf.size, &entry_stub_code) != CODEMEM_OK)
        memset(&entry_stub_code, 0, sizeof entry_stub_code);
    for (size_t i = 0; entry_stub_code.base && i <= TRAP_FIXED_STUBS; i++)
        entry_stubs[i] = (entry_stub_fn)(void *)(entry_stub_code.base + entry_stub_offsets[i]);
    if (entry_stub_code.base) {
        trap_unwind = (trap_unwind_fn)(void *)(entry_stub_code.base + unwind_offset);
        trap_landing = (uintptr_t)(entry_stub_code.base + landing_offset);
    }
    codebuf_free(&buf);
}

const void *trap_host_trampoline(void)
{
    pthread_once(&stubs_once, build_stubs);
    return entry_stub_code.base ? entry_stub_code.base + host_trampoline_offset : NULL;
}

/* ---- the stack ------------------------------------------------------------ */

/* Wasm may use a thread's stack down to a reserve above its lowest address,
 * kept for the host functions and runtime helpers wasm calls: a quarter of
 * what is free at the thread's first call, at most STACK_RESERVE_MAX. A
 * thread with less than STACK_WASM_MIN left for wasm is refused. If the
 * stack's bounds cannot be read, wasm gets STACK_UNKNOWN below the first
 * call (docs/runtime.md, "Stack"). */
enum {
    STACK_RESERVE_MAX = 256 * 1024,
    STACK_WASM_MIN = 16 * 1024,
    STACK_UNKNOWN = 512 * 1024,
    ALTSTACK_SIZE = 64 * 1024,
};

static uintptr_t compute_stack_floor(uintptr_t here)
{
    pthread_attr_t attributes;
    void *low = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
        pthread_attr_getstack(&attributes, &low, &size);
        pthread_attr_destroy(&attributes);
    }
    if (!low || here <= (uintptr_t)low || here - (uintptr_t)low > size)
        return here > STACK_UNKNOWN ? here - STACK_UNKNOWN : 1;
    uintptr_t free_bytes = here - (uintptr_t)low;
    uintptr_t reserve = free_bytes / 4 < STACK_RESERVE_MAX ? free_bytes / 4 : STACK_RESERVE_MAX;
    return (uintptr_t)low + reserve;
}

/* Signal handlers run on an alternate stack, so that a fault with little
 * stack left is still delivered: one per thread that runs wasm (unless the
 * host installed its own), unmapped when the thread exits. */
static pthread_key_t altstack_key;
static pthread_once_t altstack_once = PTHREAD_ONCE_INIT;
static int altstack_key_status = -1;

static void altstack_release(void *block)
{
    long page = sysconf(_SC_PAGESIZE);
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && current.ss_sp == (char *)block + page) {
        stack_t disable = {.ss_flags = SS_DISABLE};
        sigaltstack(&disable, NULL);
    }
    munmap(block, (size_t)page + ALTSTACK_SIZE);
}

static void altstack_key_create(void)
{
    altstack_key_status = pthread_key_create(&altstack_key, altstack_release);
}

static void altstack_install(void)
{
    stack_t current;
    if (sigaltstack(NULL, &current) != 0 || !(current.ss_flags & SS_DISABLE))
        return; /* the host's */
    pthread_once(&altstack_once, altstack_key_create);
    if (altstack_key_status != 0)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *block = mmap(NULL, page + ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED)
        return;
    mprotect(block, page, PROT_NONE); /* a guard page below it */
    stack_t stack = {.ss_sp = block + page, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
    if (sigaltstack(&stack, NULL) != 0 || pthread_setspecific(altstack_key, block) != 0) {
        stack_t disable = {.ss_flags = SS_DISABLE};
        sigaltstack(&disable, NULL);
        munmap(block, page + ALTSTACK_SIZE);
    }
}

/* The limit of an outermost call made at `here`, or 0 if the thread has
 * too little stack for wasm. */
static uintptr_t outermost_stack_limit(const trap_guard *guard, uintptr_t here)
{
    if (__builtin_expect(!thread_stack_floor, 0)) {
        thread_stack_floor = compute_stack_floor(here);
        altstack_install();
    }
    uintptr_t limit = thread_stack_floor;
    if (guard && guard->stack_size && here > guard->stack_size && here - guard->stack_size > limit)
        limit = here - guard->stack_size;
    return here > limit && here - limit >= STACK_WASM_MIN ? limit : 0;
}

void trap_interrupt(trap_guard *guard)
{
    __atomic_store_n(&guard->interrupt, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&guard->stack_limit, UINTPTR_MAX, __ATOMIC_SEQ_CST);
    /* After the request: a loop header that lowers its flag then reads the
     * request (masm_loop_check) either sees it or gets its flag raised. */
    for (trap_flag *flag = __atomic_load_n(&guard->flags, __ATOMIC_ACQUIRE); flag; flag = flag->next)
        __atomic_store_n(&flag->raised, 1, __ATOMIC_SEQ_CST);
}

void trap_guard_add_flag(trap_guard *guard, trap_flag *flag)
{
    flag->raised = 1; /* its first loop header consults the guard once */
    flag->next = __atomic_load_n(&guard->flags, __ATOMIC_RELAXED);
    __atomic_store_n(&guard->flags, flag, __ATOMIC_RELEASE);
}

/* Publishes `limit` to the guard on entry, unless an interrupt is pending
 * (its UINTPTR_MAX must stay). The usual case, the same limit as last time,
 * stores nothing; otherwise the store is ordered before the load of the
 * request, so an interrupt that comes meanwhile is never overwritten. */
static inline void guard_enter(trap_guard *guard, uintptr_t limit)
{
    if (__atomic_load_n(&guard->stack_limit, __ATOMIC_RELAXED) == limit)
        return;
    if (__atomic_load_n(&guard->interrupt, __ATOMIC_SEQ_CST))
        return;
    __atomic_store_n(&guard->stack_limit, limit, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&guard->interrupt, __ATOMIC_SEQ_CST))
        __atomic_store_n(&guard->stack_limit, UINTPTR_MAX, __ATOMIC_SEQ_CST);
}

/* The end of an outermost call: a pending interrupt is consumed (it was for
 * this call, which has ended) and the limit put back. */
static inline bool guard_leave(trap_guard *guard, uintptr_t limit)
{
    if (__builtin_expect(!__atomic_load_n(&guard->interrupt, __ATOMIC_RELAXED), 1))
        return false;
    __atomic_store_n(&guard->interrupt, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&guard->stack_limit, limit, __ATOMIC_SEQ_CST);
    return true;
}

/* The first call on the process: build the stubs, install the handlers. */
static void trap_prepare(void)
{
    pthread_once(&stubs_once, build_stubs);
    if (trap_install_handlers() != 0 || !entry_stub_code.base) {
        fprintf(stderr, "wrt: cannot install trap handlers or the entry stub\n");
        abort();
    }
    atomic_store_explicit(&ready_entry_stub, entry_stubs[0], memory_order_release);
}

/* Whether an outer activation on this thread runs under `guard` too. */
static bool guard_is_outer(const trap_activation *activation, const trap_guard *guard)
{
    for (activation = activation->outer; activation; activation = activation->outer)
        if (activation->guard == guard)
            return true;
    return false;
}

/* Both trap_call forms: xmm0 is stored to *float_cell after rax to slots[0]. */
static inline wrt_trap_kind trap_enter(const void *code, void *vmctx_pointer, uint64_t *slots, size_t nslots,
                                       uint64_t *float_cell, trap_info *info)
{
    if (__builtin_expect(!atomic_load_explicit(&ready_entry_stub, memory_order_acquire), 0))
        trap_prepare();
    trap_guard *guard = ((vmctx *)vmctx_pointer)->guard;

    trap_activation activation;
    activation.outer = current_activation;
    activation.guard = guard;
    if (activation.outer) {
        activation.stack_limit = activation.outer->stack_limit;
    } else {
        activation.stack_limit = outermost_stack_limit(guard, (uintptr_t)__builtin_frame_address(0));
        if (!activation.stack_limit) {
            info->kind = WRT_TRAP_STACK_EXHAUSTED;
            info->detail = "call stack exhausted: the thread's stack is too small to run wasm";
            return info->kind;
        }
    }
    /* Every entry, not only the outermost: a nested call may enter another
     * store, and a store may move between threads. */
    if (guard)
        guard_enter(guard, activation.stack_limit);
    activation.info.kind = WRT_TRAP_NONE;
    activation.info.pc = 0;
    activation.info.detail = NULL;
    activation.frame = 0;
    current_activation = &activation;
    /* A trap returns 1 from the stub (its landing), the registers as they
     * were: no setjmp, and the signal mask is the kernel's to restore. */
    entry_stub_fn stub = entry_stubs[nslots <= TRAP_FIXED_STUBS ? nslots : 0];
    uint32_t trapped = stub(code, vmctx_pointer, slots, nslots, float_cell, &activation.frame);
    current_activation = activation.outer;
    if (__builtin_expect(!trapped, 1)) {
        if (guard && !guard_is_outer(&activation, guard))
            guard_leave(guard, activation.stack_limit);
        return WRT_TRAP_NONE;
    }
    *info = activation.info;
    /* An interrupt fails the stack checks (UINTPTR_MAX): say which it was.
     * The outermost call of the store consumes it; nested ones leave it
     * pending, so their callers stop too. */
    if (guard && info->kind == WRT_TRAP_STACK_EXHAUSTED && __atomic_load_n(&guard->interrupt, __ATOMIC_SEQ_CST))
        info->kind = WRT_TRAP_INTERRUPTED;
    if (guard && !guard_is_outer(&activation, guard))
        guard_leave(guard, activation.stack_limit);
    return info->kind;
}

wrt_trap_kind trap_call(const void *code, void *vmctx_pointer, uint64_t *slots, size_t nslots, trap_info *info)
{
    info->kind = WRT_TRAP_NONE;
    info->pc = 0;
    info->detail = NULL;
    return trap_enter(code, vmctx_pointer, slots, nslots, &slots[nslots], info);
}

wrt_trap_kind trap_call_slots(const void *code, void *vmctx_pointer, uint64_t *slots, size_t nslots, bool result0_is_float,
                              trap_info *info)
{
    uint64_t unused_float;
    return trap_enter(code, vmctx_pointer, slots, nslots, result0_is_float ? slots : &unused_float, info);
}

_Noreturn void trap_raise_at(wrt_trap_kind kind, uintptr_t pc)
{
    trap_activation *activation = current_activation;
    if (!activation) {
        fprintf(stderr, "wrt: trap_raise(%d) outside of wasm code\n", (int)kind);
        abort();
    }
    activation->info.kind = kind;
    activation->info.pc = pc;
#ifdef TRAP_ASAN
    /* The C frames between here and the stub are left as longjmp leaves
     * them: their stack shadow must not stay poisoned. */
    __asan_handle_no_return();
#endif
    trap_unwind(activation->frame);
    __builtin_unreachable();
}

_Noreturn void trap_raise(wrt_trap_kind kind)
{
    trap_raise_at(kind, 0);
}

int trap_active(void)
{
    return current_activation != NULL;
}

