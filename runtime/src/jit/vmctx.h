/* vmctx.h: the layout generated code sees (vmctx, functions, memory, tables) and its calling convention. */
#ifndef WRT_JIT_VMCTX_H
#define WRT_JIT_VMCTX_H

#include <stddef.h>
#include <stdint.h>

#include "../trap.h"

/*
 * One vmctx per instance. Generated code keeps it in a pinned register
 * (x86-64: r14) and the base of memory 0 in another (r15), reloaded from
 * vmctx->memory_base after any call that may have changed instance. Every
 * pointer below is stable for the instance's life:
 *
 *   memory_base   base of memory 0 (NULL without memory). The reservation
 *                 covers base + any u32 index + any u32 offset, so loads and
 *                 stores need no bounds check: an access past the committed
 *                 size faults and trap.c turns the fault into a trap.
 *   memory        memory 0's {base, size} header (size read by memory.size)
 *   guard         points at the store's trap_guard (trap.h), shared by
 *                 every instance of the store: its first cell is the stack
 *                 limit, which trap_call sets on every entry; each
 *                 prologue traps "call stack exhausted" if rsp would go
 *                 below it (an interrupt sets it to UINTPTR_MAX)
 *   interrupt     this instance's flag of the store's interrupt requests
 *                 (trap_flag): each loop header tests its word, one load;
 *                 when it is raised the header lowers it and traps
 *                 "interrupted" if the guard's request is still set
 *   globals       per global index, a pointer to its 16-byte cell (an
 *                 imported global points at the exporter's cell)
 *   funcs         per function index (imports first) a vmctx_func; calling
 *                 it means: vmctx register := func->vmctx, call func->code
 *   tables        per table index a vmctx_table (table0: the first one)
 *   signature_ids per type index, the engine-wide signature id
 *   helpers       runtime functions generated code calls (C ABI)
 *   instance      the owning instance (opaque here)
 *
 * Calling convention (internal, x86-64; PORTING.md has the general rule):
 *   - the caller sets r14 to the callee's vmctx and leaves in its own frame,
 *     at [rsp + 8*i], the outgoing slot area: argument i in slot i (8 bytes,
 *     i32/f32 in the low half); the area has max(params, results) slots.
 *   - result 0 comes back in rax (integers, references) or xmm0 (floats);
 *     result i >= 1 in slot i of the same area.
 *   - every general and SSE register except rsp, rbp is caller-saved; r14,
 *     r15 are restored by the caller after a call to another instance.
 *   - the callee keeps rbp as frame pointer: [rbp+16+8*i] is slot i.
 *   - host functions are called through one shared trampoline in the same
 *     convention (trap_host_trampoline()): their vmctx_func has code = the
 *     trampoline and vmctx = the host function object; the trampoline
 *     calls helpers->call[VMCTX_HELPER_CALL_HOST](caller vmctx, host
 *     function, slots) with the caller's vmctx taken from the caller's
 *     frame ([rbp-8]).
 */

/* The prefix of a memory object generated code reads. */
typedef struct vmctx_memory {
    uint8_t *base;
    uint64_t size; /* accessible bytes */
} vmctx_memory;

/* A callable function: generated code reads exactly these three fields at
 * these offsets (a host function object or a wasm function object must put
 * them at the same offsets; the integration asserts it). */
typedef struct vmctx_func {
    const void *code;      /* entry point in the internal convention */
    void *vmctx;           /* the context `code` expects */
    uint32_t signature_id; /* engine-wide, for call_indirect */
} vmctx_func;

/* The prefix of a table object generated code reads: parallel arrays with
 * one entry per element, each indexed by the element index itself.
 * call_indirect reads an element's copies of the referenced function's
 * code, vmctx and signature id, so its target is one load from the index
 * (`codes[index]`) instead of two through the function object. `refs`
 * holds the references themselves (a function object or an externref;
 * NULL = null), what table.get returns. A null element and every externref
 * element have signature id VMCTX_NO_SIGNATURE, which no function has (the
 * engine never hands it out), so call_indirect's signature check also
 * rejects null; only then does it read `refs` to trap "uninitialized
 * element" rather than "indirect call type mismatch". */
typedef struct vmctx_table {
    const void **codes;
    void **vmctxs;
    uint32_t *signature_ids;
    void **refs;
    uint32_t size;
} vmctx_table;

#define VMCTX_NO_SIGNATURE UINT32_MAX

/* Runtime functions generated code calls with the C calling convention:
 *   uint64_t helper(void *vmctx, uint64_t a, uint64_t b, uint64_t c,
 *                   uint64_t d, uint64_t e)
 * with the caller's vmctx first and the operands below in order (unused
 * ones are garbage). i32 operands are zero-extended; references are
 * pointers (NULL = null). A helper that must trap calls trap_raise (trap.h),
 * which longjmps to the entry trampoline. X(name, operands, result) */
#define VMCTX_HELPER_LIST(X)                                                             \
    X(MEMORY_GROW, "delta", "old page count or -1 (i32)")                            \
    X(MEMORY_FILL, "dst, value, count", "-")                                         \
    X(MEMORY_COPY, "dst, src, count", "-")                                           \
    X(MEMORY_INIT, "segment, dst, src, count", "-")                                  \
    X(DATA_DROP, "segment", "-")                                                     \
    X(TABLE_GET, "table, index", "reference (traps out of bounds)")                  \
    X(TABLE_SET, "table, index, reference", "- (traps out of bounds)")               \
    X(TABLE_GROW, "table, init reference, delta", "old size or -1 (i32)")            \
    X(TABLE_FILL, "table, dst, reference, count", "-")                               \
    X(TABLE_COPY, "dst table, src table, dst, src, count", "-")                      \
    X(TABLE_INIT, "segment, table, dst, src, count", "-")                            \
    X(ELEM_DROP, "segment", "-")                                                     \
    /* Host function called from wasm (through the host trampoline):             */ \
    /* a = the host function object (its vmctx_func.vmctx), b = uint64_t *slots:  */ \
    /* arguments in, results i >= 1 out; returns result 0's bits.                */ \
    X(CALL_HOST, "host function, slots", "result 0 bits")

typedef enum vmctx_helper {
#define VMCTX_HELPER_ENUM(name, operands, result) VMCTX_HELPER_##name,
    VMCTX_HELPER_LIST(VMCTX_HELPER_ENUM)
#undef VMCTX_HELPER_ENUM
    VMCTX_HELPER_COUNT
} vmctx_helper;

typedef uint64_t (*vmctx_helper_fn)(void *vmctx, uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e);

typedef struct vmctx_helpers {
    vmctx_helper_fn call[VMCTX_HELPER_COUNT];
} vmctx_helpers;

typedef struct vmctx {
    uint8_t *memory_base;
    vmctx_memory *memory;
    struct trap_guard *guard;
    trap_flag interrupt;   /* this instance's copy of the request (trap.h) */
    void **globals;
    vmctx_func **funcs;
    vmctx_table **tables;
    const uint32_t *signature_ids;
    const vmctx_helpers *helpers;
    void *instance;
    vmctx_table *table0;   /* tables[0] (required if the module has a
                              table): one load less for call_indirect */
} vmctx;

#define VMCTX_MEMORY_BASE offsetof(vmctx, memory_base)
#define VMCTX_MEMORY offsetof(vmctx, memory)
#define VMCTX_GUARD offsetof(vmctx, guard)
#define VMCTX_INTERRUPT offsetof(vmctx, interrupt.raised)
#define VMCTX_GLOBALS offsetof(vmctx, globals)
#define VMCTX_FUNCS offsetof(vmctx, funcs)
#define VMCTX_TABLES offsetof(vmctx, tables)
#define VMCTX_SIGNATURE_IDS offsetof(vmctx, signature_ids)
#define VMCTX_HELPERS offsetof(vmctx, helpers)
#define VMCTX_TABLE0 offsetof(vmctx, table0)

#define VMCTX_MEMORY_SIZE offsetof(vmctx_memory, size)
#define VMCTX_FUNC_CODE offsetof(vmctx_func, code)
#define VMCTX_FUNC_VMCTX offsetof(vmctx_func, vmctx)
#define VMCTX_FUNC_SIGNATURE offsetof(vmctx_func, signature_id)
#define VMCTX_TABLE_CODES offsetof(vmctx_table, codes)
#define VMCTX_TABLE_VMCTXS offsetof(vmctx_table, vmctxs)
#define VMCTX_TABLE_SIGNATURE_IDS offsetof(vmctx_table, signature_ids)
#define VMCTX_TABLE_REFS offsetof(vmctx_table, refs)
#define VMCTX_TABLE_SIZE offsetof(vmctx_table, size)

#endif
