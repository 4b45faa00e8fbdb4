/* validate.h: the WebAssembly 2.0 validator and its consumer interface (the JIT rides on it). */
#ifndef WRT_VALIDATE_H
#define WRT_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "module.h"
#include "opcode.h"

/*
 * validate_module() checks a decoded module against the typing rules of
 * WebAssembly 2.0: module-level rules first (types, imports, limits,
 * constant expressions, exports, start, segments), then every function body
 * in index order, each in one forward pass.
 *
 * A CONSUMER may ride on the pass (as V8's Liftoff rides on V8's decoder):
 * for each defined function it gets begin_function, then one `instruction`
 * call per instruction AFTER that instruction has been decoded and
 * type-checked (so the consumer may trust the record), then end_function.
 * The consumer sees EVERY instruction, reachable or not, so it can keep its
 * own control stack in step; it should emit code only when
 * `instr->reachable` is true. Any callback may be NULL.
 *
 * Function bodies are decoded here, so errors inside them that are binary
 * format errors (bad LEB128, unknown opcode, "data count section required",
 * a body not ending in `end`) are reported as WASM_MALFORMED; typing errors
 * as WASM_INVALID; SIMD as WASM_UNSUPPORTED.
 */

/* The kind of a control frame (for ELSE and END records). */
typedef enum {
    VALIDATE_FRAME_FUNCTION,   /* the function body's implicit block */
    VALIDATE_FRAME_BLOCK,
    VALIDATE_FRAME_LOOP,
    VALIDATE_FRAME_IF,         /* an `if` whose `else` has not been seen */
    VALIDATE_FRAME_ELSE        /* an `if` after its `else` */
} validate_frame_kind;

/* A block type resolved to its parameter and result types. The arrays
 * point into the module or into static storage: valid as long as the
 * module. */
typedef struct {
    uint32_t               param_count;
    uint32_t               result_count;
    const wasm_value_type *params;
    const wasm_value_type *results;
    uint32_t               type_index;  /* type index, or UINT32_MAX for
                                           0x40 / a single value type */
} validate_block_type;

/*
 * One instruction, as handed to the consumer. Only the members listed for
 * the opcode are meaningful; the record is reused between calls, so copy
 * what must outlive the call (br_table_targets in particular).
 */
typedef struct {
    wasm_opcode op;
    uint32_t    offset;          /* byte offset of the opcode in module->bytes */
    uint32_t    end_offset;      /* one past the instruction's last byte */

    /* Reachability (real, not the spec validator's relaxed notion: code in
     * a block that starts in dead code is unreachable too, and so is code
     * after a block that cannot be left, e.g. `loop br 0 end`; the typing
     * rules still treat the latter normally, as the spec does).
     * reachable: this instruction can execute. For END and ELSE: the end
     *   of the arm they close can be reached by falling through.
     * reachable_after: the instruction that follows can execute. False
     *   after unreachable/br/br_table/return; after END, true when the
     *   block can be left by falling through or by a reachable branch to
     *   it (or, for an `if` without `else`, when the `if` was reachable);
     *   after ELSE, true when the `if` itself was reachable. */
    bool        reachable;
    bool        reachable_after;

    /* BLOCK, LOOP, IF: the block type. ELSE, END: the type of the frame
     * they close (END of the function: the function's type). */
    validate_block_type block;
    /* ELSE, END: which frame they close. */
    validate_frame_kind frame_kind;

    /* BR, BR_IF: label depth (0 = innermost). */
    uint32_t        depth;

    /* BR_TABLE: target_count depths, then the default depth. */
    const uint32_t *br_table_targets;
    uint32_t        br_table_count;
    uint32_t        br_table_default;

    /* Loads and stores: align is the log2 exponent as encoded (already
     * checked <= the natural alignment), offset the static offset. */
    uint32_t        memarg_align;
    uint32_t        memarg_offset;

    /* The first index immediate:
     *   CALL, REF_FUNC: function index; CALL_INDIRECT: type index;
     *   LOCAL_*: local index (params first); GLOBAL_*: global index;
     *   TABLE_GET/SET/GROW/SIZE/FILL: table index; TABLE_COPY: destination
     *   table; TABLE_INIT, ELEM_DROP: element segment; MEMORY_INIT,
     *   DATA_DROP: data segment; memory ops: memory index (always 0). */
    uint32_t        index;
    /* The second index immediate: CALL_INDIRECT: table index;
     * TABLE_INIT: table index; TABLE_COPY: source table. */
    uint32_t        index2;

    /* I32_CONST, I64_CONST, F32_CONST, F64_CONST (floats as raw bits). */
    union {
        int32_t  i32;
        int64_t  i64;
        uint32_t f32_bits;
        uint64_t f64_bits;
    } constant;

    /* The value type the instruction works on, where the opcode alone does
     * not say it:
     *   DROP, SELECT, SELECT_T: the operand type (WASM_TYPE_NONE when the
     *     operands come from the polymorphic stack of unreachable code);
     *   REF_NULL: the reference type; REF_IS_NULL: the operand type (or
     *     NONE, as for DROP);
     *   LOCAL_*: the local's type; GLOBAL_*: the global's type;
     *   TABLE_*: the (destination) table's element type. */
    wasm_value_type type;
} validate_instr;

/* The function a consumer is given in begin_function / end_function. */
typedef struct {
    const wasm_module     *module;
    uint32_t               func_index;   /* in the function index space */
    const wasm_func_type  *type;
    uint32_t               local_count;  /* params + declared locals */
    const wasm_value_type *local_types;  /* local_count entries, params first;
                                            valid until end_function returns */
    uint32_t               code_offset;  /* first instruction */
    uint32_t               body_end;     /* one past the final `end` */
    /* Filled for end_function only: the largest operand stack height and
     * control depth (the function frame counts as 1) seen in the body. */
    uint32_t               max_stack_height;
    uint32_t               max_control_depth;
} validate_function;

/*
 * The consumer. Each callback returns WASM_OK to go on; any other status
 * stops validation and is returned by validate_module. A callback that fails
 * may fill `diag` itself (wasm_diag_set, with the function index and offset);
 * if it leaves it empty, the validator records the status's generic message
 * at the current function and instruction.
 */
typedef struct {
    void *context;
    wasm_status (*begin_function)(void *context, const validate_function *function,
                                  wasm_diag *diag);
    wasm_status (*instruction)(void *context, const validate_instr *instr,
                               wasm_diag *diag);
    wasm_status (*end_function)(void *context, const validate_function *function,
                                wasm_diag *diag);
} validate_consumer;

/*
 * Validates `module`; with a non-NULL consumer, drives it as described
 * above. Returns WASM_OK, or the first error's status with `diag` filled:
 * message like "type mismatch: expected i32, got f64", func_index (or
 * WASM_NO_FUNC) and the byte offset. Allocates only its working stacks, reused
 * across functions; never writes to the module. Thread-safe for distinct
 * diag records.
 */
wasm_status validate_module(const wasm_module *module,
                            const validate_consumer *consumer,
                            wasm_diag *diag)
#if defined(__GNUC__)
    __attribute__((warn_unused_result))
#endif
    ;

#endif /* WRT_VALIDATE_H */
