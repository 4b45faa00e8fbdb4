/* trap.h: traps raised by generated code, and the one entry trampoline that catches them. */
#ifndef WRT_TRAP_H
#define WRT_TRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wrt.h"

/* Trap kinds are the public wrt_trap_kind (one list, in wrt.h). Generated
 * code encodes an explicit trap as the ISA's trap instruction followed by
 * the kind (x86-64: ud2; db kind), see masm_decode_trap. */

/* What every instance of a store shares with trap_call: the stack limit
 * each prologue (and loop header) compares rsp with, and the interrupt
 * request. stack_limit comes first: generated code reads the guard's first
 * cell (jit/vmctx.h). An interrupt sets stack_limit to UINTPTR_MAX, so the
 * next check fails; trap_call then reports WRT_TRAP_INTERRUPTED. */
/* One instance's copy of the interrupt request, which its loop headers test
 * in one load from the vmctx (jit/vmctx.h). An interrupt raises every
 * instance's flag; a raised flag is only a hint: the loop header then
 * lowers it and consults the guard, so a flag left raised after its request
 * was consumed (or a new instance's, which starts raised) costs one check. */
typedef struct trap_flag {
    int raised;             /* atomic; first: the word generated code tests */
    struct trap_flag *next; /* the guard's list */
} trap_flag;

typedef struct trap_guard {
    uintptr_t stack_limit;   /* atomic accesses (__atomic builtins) */
    int interrupt;           /* atomic: an interrupt is requested */
    size_t stack_size;       /* wasm stack per outermost call; 0: no cap
                                but the thread's */
    trap_flag *flags;        /* atomic head: every instance's flag, newest
                                first; they live as long as the store */
} trap_guard;

/* Requests an interrupt of the code running under `guard` (any thread, any
 * time; async-signal-safe): the request, the stack limit, every flag. */
void trap_interrupt(trap_guard *guard);

/* Adds an instance's flag (raised) to the guard's list; only on the store's
 * own thread, and the flag must live as long as the guard. */
void trap_guard_add_flag(trap_guard *guard, trap_flag *flag);

/* What a trap left behind: the kind, and the machine address that trapped
 * (0 when raised by trap_raise from C without a location). Mapping the address to a wasm
 * function index and byte offset is the compiled module's job
 * (jit_lookup_pc). */
typedef struct trap_info {
    wrt_trap_kind kind;
    uintptr_t pc;
    const char *detail; /* a static message for the store, or NULL: the
                           kind's own */
} trap_info;

/* Calls generated code through the one entry trampoline.
 *   code     entry point of a wasm function (internal calling convention,
 *            jit/vmctx.h)
 *   vmctx    the callee's vmctx (a struct vmctx *)
 *   slots    nslots + 1 cells of 8 bytes: on entry the arguments in order;
 *            on return result i in slots[i] (i >= 1); result 0 in slots[0]
 *            if it is an integer or reference, in slots[nslots] if it is a
 *            float (the entry stub stores both return registers).
 *   nslots   max(param count, result count, 1)
 * Returns WRT_TRAP_NONE, or the trap kind with *info filled.
 * This is the ONLY place a trap lands: faults in generated code (the
 * signal handler resumes at the entry stub's trap landing) and trap_raise
 * (which unwinds to it, as longjmp would) both return here through the
 * stub. Calls nest (a host function called from wasm may call wasm again);
 * each level is a boundary of its own and only the innermost one catches.
 * Per call it costs the stub's saves of the callee-saved registers (no
 * setjmp; the kernel restores the signal mask of the faulting code when
 * the handler returns) and a load of the store's stack limit (computed
 * once per thread, stored when it changes).
 * The first call on a thread computes its stack limit and installs an
 * alternate signal stack; a thread with too little stack for wasm gets
 * WRT_TRAP_STACK_EXHAUSTED with a `detail` saying so. */
__attribute__((warn_unused_result))
wrt_trap_kind trap_call(const void *code, void *vmctx, uint64_t *slots, size_t nslots, trap_info *info);

/* trap_call when the caller knows the type: `slots` has exactly nslots
 * cells and result 0 lands in slots[0] whatever its type
 * (`result0_is_float`: it comes back in a float register). */
__attribute__((warn_unused_result))
wrt_trap_kind trap_call_slots(const void *code, void *vmctx, uint64_t *slots, size_t nslots, bool result0_is_float,
                              trap_info *info);

/* The shared trampoline through which generated code calls host
 * functions (jit/vmctx.h): the `code` of every host function's vmctx_func.
 * NULL only if the stubs could not be mapped. */
const void *trap_host_trampoline(void);

/* Raises a trap from C code that generated code called (host functions,
 * runtime helpers such as table.init). Does not return. Must only be called
 * while a trap_call is active on this thread (aborts otherwise). */
_Noreturn void trap_raise(wrt_trap_kind kind);

/* trap_raise with a location: `pc` is an address inside the generated code
 * that called the raising C function (its return address minus one, which
 * lies in the call instruction), mapped to a wasm function and offset like
 * a faulting instruction's. */
_Noreturn void trap_raise_at(wrt_trap_kind kind, uintptr_t pc);

/* Whether a trap_call is active on this thread. */
int trap_active(void);

/* Generated code ranges: a fault whose pc lies in a registered range becomes
 * a trap; any other fault goes to the previous handler (normally: crash).
 * There is no cap on the number of ranges (the registry grows in chunks);
 * trap_register_code returns 0, or -1 if it could not allocate a chunk, in
 * which case the code is NOT registered and must not be run (its faults
 * would crash the host): the caller fails with "out of memory". */
int trap_register_code(const void *start, size_t size);
void trap_unregister_code(const void *start);

/* Who owns a registered range (the JIT's jit_code, to map a trapping pc
 * back to a function and byte offset); NULL if unknown. */
void trap_set_code_owner(const void *start, const void *owner);
const void *trap_code_owner(uintptr_t pc);

/* Installs the signal handlers once per process (idempotent, thread-safe).
 * trap_call calls it; returns 0, or -1 if sigaction failed. */
int trap_install_handlers(void);

#endif
