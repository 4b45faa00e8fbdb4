/* validate.c: the WebAssembly 2.0 validator (module rules, then one pass per body driving a consumer). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instr.h"
#include "validate.h"

/* One entry of the control stack (the spec's ctrl_frame). */
typedef struct {
    validate_frame_kind kind;
    validate_block_type type;
    uint32_t            height;          /* operand stack height at entry */
    bool                unreachable;     /* the spec's flag: stack is polymorphic */
    bool                start_reachable; /* really reachable at entry */
    bool                branched;        /* a reachable branch (or the then arm's
                                            fallthrough) leaves to the end */
    bool                dead;            /* really unreachable from here on, but
                                            not polymorphic: follows an inner
                                            block that cannot be left */
    uint32_t            br_table_mark;   /* last br_table that checked it */
} control_frame;

typedef struct {
    const wasm_module       *module;
    const validate_consumer *consumer;
    wasm_diag               *diag;
    wasm_reader              reader;
    validate_instr           instr;
    validate_function        function;

    /* Working stacks, grown on demand and reused across functions. */
    wasm_value_type *values;
    uint32_t         value_count;
    uint32_t         value_capacity;
    control_frame   *frames;
    uint32_t         frame_count;
    uint32_t         frame_capacity;
    wasm_value_type *locals;
    uint32_t         local_capacity;
    u32_vector       targets;

    uint8_t         *declared_funcs;     /* bitset: allowed in ref.func */
    uint32_t         br_table_count;     /* br_tables seen (frames' marks) */
} validator;

static wasm_status fail_at(validator *state, wasm_status status, size_t offset,
                           const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Records the first error (with the current function) and returns status. */
static wasm_status fail_at(validator *state, wasm_status status, size_t offset,
                           const char *format, ...)
{
    wasm_diag *diag = state->diag;
    if (diag->status != WASM_OK)
        return status;
    char message[sizeof diag->message];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return wasm_diag_set(diag, status, state->reader.func_index, offset, "%s", message);
}

#define fail(state, ...) fail_at((state), WASM_INVALID, (state)->instr.offset, __VA_ARGS__)

static const char *type_name(wasm_value_type type)
{
    return wasm_value_type_name(type);
}

static bool is_numeric(wasm_value_type type)
{
    return type == WASM_TYPE_I32 || type == WASM_TYPE_I64 || type == WASM_TYPE_F32
           || type == WASM_TYPE_F64 || type == WASM_TYPE_NONE;
}

/* ---- the operand and control stacks ---- */

static wasm_status grow(validator *state, void **items, uint32_t *capacity,
                        size_t item_size, uint32_t needed)
{
    if (needed <= *capacity)
        return WASM_OK;
    uint32_t new_capacity = *capacity ? *capacity : 64;
    while (new_capacity < needed)
        new_capacity *= 2;
    void *grown = realloc(*items, (size_t)new_capacity * item_size);
    if (!grown)
        return fail_at(state, WASM_OUT_OF_MEMORY, state->instr.offset, "out of memory");
    *items = grown;
    *capacity = new_capacity;
    return WASM_OK;
}

/* Operand stack height limit (an implementation limit: far beyond what
 * compilers emit, and it keeps a hostile module's memory use bounded). */
#define VALIDATE_MAX_STACK_HEIGHT (1u << 20)

static inline wasm_status push(validator *state, wasm_value_type type)
{
    if (state->value_count == state->value_capacity) {
        if (state->value_count >= VALIDATE_MAX_STACK_HEIGHT)
            return fail_at(state, WASM_UNSUPPORTED, state->instr.offset,
                           "operand stack deeper than %u values (implementation limit)",
                           VALIDATE_MAX_STACK_HEIGHT);
        wasm_status status = grow(state, (void **)&state->values, &state->value_capacity,
                                  sizeof *state->values, state->value_count + 1);
        if (status)
            return status;
    }
    state->values[state->value_count++] = type;
    if (state->value_count > state->function.max_stack_height)
        state->function.max_stack_height = state->value_count;
    return WASM_OK;
}

/* Pops any value; WASM_TYPE_NONE stands for "unknown" below a polymorphic
 * frame. An empty (non-polymorphic) frame is an error that names `expected`. */
static inline wasm_status pop_any(validator *state, wasm_value_type expected,
                                  wasm_value_type *out)
{
    const control_frame *frame = &state->frames[state->frame_count - 1];
    if (state->value_count == frame->height) {
        *out = WASM_TYPE_NONE;
        if (frame->unreachable)
            return WASM_OK;
        if (expected == WASM_TYPE_NONE)
            return fail(state, "type mismatch: expected a value, but the stack is empty");
        return fail(state, "type mismatch: expected %s, but the stack is empty",
                    type_name(expected));
    }
    *out = state->values[--state->value_count];
    return WASM_OK;
}

static inline wasm_status pop_expect(validator *state, wasm_value_type expected)
{
    const control_frame *frame = &state->frames[state->frame_count - 1];
    if (state->value_count > frame->height) {
        wasm_value_type actual = state->values[--state->value_count];
        if (actual == expected || actual == WASM_TYPE_NONE)
            return WASM_OK;
        return fail(state, "type mismatch: expected %s, got %s", type_name(expected),
                    type_name(actual));
    }
    wasm_value_type unused;
    return pop_any(state, expected, &unused);
}

static wasm_status pop_types(validator *state, const wasm_value_type *types,
                             uint32_t count)
{
    for (uint32_t i = count; i-- > 0;) {
        wasm_status status = pop_expect(state, types[i]);
        if (status)
            return status;
    }
    return WASM_OK;
}

static wasm_status push_types(validator *state, const wasm_value_type *types,
                              uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        wasm_status status = push(state, types[i]);
        if (status)
            return status;
    }
    return WASM_OK;
}

/* Checks that the top of the stack matches `types` without popping
 * (br_table's non-default targets). */
static wasm_status peek_types(validator *state, const wasm_value_type *types,
                              uint32_t count)
{
    const control_frame *frame = &state->frames[state->frame_count - 1];
    for (uint32_t i = 0; i < count; i++) {
        wasm_value_type expected = types[count - 1 - i];
        if (state->value_count - frame->height <= i) {
            if (frame->unreachable)
                return WASM_OK;
            return fail(state, "type mismatch: expected %s, but the stack is empty",
                        type_name(expected));
        }
        wasm_value_type actual = state->values[state->value_count - 1 - i];
        if (actual != expected && actual != WASM_TYPE_NONE)
            return fail(state, "type mismatch: expected %s, got %s", type_name(expected),
                        type_name(actual));
    }
    return WASM_OK;
}

static bool currently_reachable(const validator *state)
{
    const control_frame *frame = &state->frames[state->frame_count - 1];
    return frame->start_reachable && !frame->unreachable && !frame->dead;
}

static wasm_status push_frame(validator *state, validate_frame_kind kind,
                              const validate_block_type *type, bool start_reachable)
{
    if (state->frame_count == state->frame_capacity) {
        wasm_status status = grow(state, (void **)&state->frames, &state->frame_capacity,
                                  sizeof *state->frames, state->frame_count + 1);
        if (status)
            return status;
    }
    control_frame *frame = &state->frames[state->frame_count++];
    frame->kind = kind;
    frame->type = *type;
    frame->height = state->value_count;
    frame->unreachable = false;
    frame->start_reachable = start_reachable;
    frame->branched = false;
    frame->dead = false;
    frame->br_table_mark = 0;
    if (state->frame_count > state->function.max_control_depth)
        state->function.max_control_depth = state->frame_count;
    return push_types(state, type->params, type->param_count);
}

/* The spec's pop_ctrl: the frame's results must be exactly what is left. */
static wasm_status check_frame_end(validator *state)
{
    control_frame *frame = &state->frames[state->frame_count - 1];
    wasm_status status = pop_types(state, frame->type.results, frame->type.result_count);
    if (status)
        return status;
    if (state->value_count != frame->height)
        return fail(state, "type mismatch: %u extra value(s) at the end of the block",
                    state->value_count - frame->height);
    return WASM_OK;
}

static void set_unreachable(validator *state)
{
    control_frame *frame = &state->frames[state->frame_count - 1];
    state->value_count = frame->height;
    frame->unreachable = true;
}

/* A branch target by depth: "unknown label" when out of range. */
static wasm_status label_at(validator *state, uint32_t depth, control_frame **out)
{
    if (depth >= state->frame_count)
        return fail(state, "unknown label %u (%u enclosing blocks)", depth,
                    state->frame_count);
    *out = &state->frames[state->frame_count - 1 - depth];
    return WASM_OK;
}

static void label_types(const control_frame *frame, const wasm_value_type **types,
                        uint32_t *count)
{
    if (frame->kind == VALIDATE_FRAME_LOOP) {
        *types = frame->type.params;
        *count = frame->type.param_count;
    } else {
        *types = frame->type.results;
        *count = frame->type.result_count;
    }
}

/* Records that a branch leaves through `target`'s end (if the branch can
 * run). A branch to a loop goes back to its start, so it does not count. */
static void note_branch(validator *state, control_frame *target)
{
    if (target->kind != VALIDATE_FRAME_LOOP && currently_reachable(state))
        target->branched = true;
}

/* ---- index checks shared by instructions ---- */

static wasm_status check_memory(validator *state, uint32_t index)
{
    if (index >= state->module->memory_count)
        return fail(state, "unknown memory %u", index);
    return WASM_OK;
}

static wasm_status check_table(validator *state, uint32_t index)
{
    if (index >= state->module->table_count)
        return fail(state, "unknown table %u", index);
    return WASM_OK;
}

static wasm_status check_data(validator *state, uint32_t index)
{
    if (!state->module->has_data_count)
        return fail_at(state, WASM_MALFORMED, state->instr.offset,
                       "data count section required");
    if (index >= state->module->data_count)
        return fail(state, "unknown data segment %u", index);
    return WASM_OK;
}

static wasm_status check_elem(validator *state, uint32_t index)
{
    if (index >= state->module->elem_count)
        return fail(state, "unknown elem segment %u", index);
    return WASM_OK;
}

/* The checks that come with an immediate kind, for every opcode (the kinds
 * WASM_IMM_TABLE .. WASM_IMM_DATA_MEMORY: validate_function_body calls this
 * for those only). */
static wasm_status check_immediate(validator *state, wasm_immediate_kind kind)
{
    validate_instr *instr = &state->instr;
    wasm_status status;
    switch (kind) {
    case WASM_IMM_MEM1: case WASM_IMM_MEM2: case WASM_IMM_MEM4: case WASM_IMM_MEM8: {
        if ((status = check_memory(state, 0)))
            return status;
        uint32_t natural = (uint32_t)(kind - WASM_IMM_MEM1);  /* log2 of 1,2,4,8 */
        if (instr->memarg_align > natural)
            return fail(state, "alignment must not be larger than natural (2^%u > %u bytes)",
                        instr->memarg_align, 1u << natural);
        return WASM_OK;
    }
    case WASM_IMM_MEMORY: case WASM_IMM_MEMORY_COPY:
        return check_memory(state, 0);
    case WASM_IMM_DATA_MEMORY:
        if ((status = check_data(state, instr->index)))
            return status;
        return check_memory(state, 0);
    case WASM_IMM_DATA:
        return check_data(state, instr->index);
    case WASM_IMM_ELEM:
        return check_elem(state, instr->index);
    case WASM_IMM_TABLE:
        if ((status = check_table(state, instr->index)))
            return status;
        instr->type = state->module->tables[instr->index].elem_type;
        return WASM_OK;
    default:
        return WASM_OK;
    }
}

/* ---- instructions ---- */

/* A row of opcodes.def with a signature: pop params, push the result. */
static wasm_status validate_simple(validator *state, const wasm_opcode_info *info)
{
    for (int i = 2; i >= 0; i--) {
        if (info->params[i] != WASM_TYPE_NONE) {
            wasm_status status = pop_expect(state, info->params[i]);
            if (status)
                return status;
        }
    }
    if (info->result != WASM_TYPE_NONE)
        return push(state, info->result);
    return WASM_OK;
}

static wasm_status validate_end(validator *state)
{
    validate_instr *instr = &state->instr;
    control_frame *frame = &state->frames[state->frame_count - 1];
    instr->frame_kind = frame->kind;
    instr->block = frame->type;
    instr->reachable = currently_reachable(state);
    wasm_status status = check_frame_end(state);
    if (status)
        return status;
    bool after = frame->start_reachable
                 && ((!frame->unreachable && !frame->dead) || frame->branched
                     || frame->kind == VALIDATE_FRAME_IF);
    if (frame->kind == VALIDATE_FRAME_IF) {
        /* No else: the missing arm passes the params through unchanged. */
        const validate_block_type *type = &frame->type;
        if (type->param_count != type->result_count
            || (type->param_count
                && memcmp(type->params, type->results, type->param_count) != 0))
            return fail(state, "type mismatch: if without else must leave its"
                        " parameters as its results");
    }
    validate_block_type type = frame->type;
    validate_frame_kind kind = frame->kind;
    state->frame_count--;
    instr->reachable_after = after && kind != VALIDATE_FRAME_FUNCTION;
    if (kind == VALIDATE_FRAME_FUNCTION)
        return WASM_OK;
    if (!after)
        state->frames[state->frame_count - 1].dead = true;
    return push_types(state, type.results, type.result_count);
}

static wasm_status validate_branch_table(validator *state)
{
    validate_instr *instr = &state->instr;
    wasm_status status = pop_expect(state, WASM_TYPE_I32);
    if (status)
        return status;
    control_frame *target = NULL;
    if ((status = label_at(state, instr->br_table_default, &target)))
        return status;
    const wasm_value_type *default_types;
    uint32_t arity;
    label_types(target, &default_types, &arity);
    note_branch(state, target);
    /* Each frame is checked once per br_table, so that many targets cost
     * one step each, not one pass over the label's types each. */
    uint32_t mark = ++state->br_table_count;
    target->br_table_mark = mark;
    for (uint32_t i = 0; i < instr->br_table_count; i++) {
        if ((status = label_at(state, instr->br_table_targets[i], &target)))
            return status;
        if (target->br_table_mark == mark)
            continue;
        target->br_table_mark = mark;
        const wasm_value_type *types;
        uint32_t count;
        label_types(target, &types, &count);
        if (count != arity)
            return fail(state, "type mismatch: br_table target %u has %u value(s),"
                        " the default target %u", instr->br_table_targets[i], count,
                        arity);
        if ((status = peek_types(state, types, count)))
            return status;
        note_branch(state, target);
    }
    if ((status = pop_types(state, default_types, arity)))
        return status;
    set_unreachable(state);
    return WASM_OK;
}

static wasm_status validate_select(validator *state)
{
    validate_instr *instr = &state->instr;
    wasm_status status = pop_expect(state, WASM_TYPE_I32);
    if (status)
        return status;
    if (instr->op == WASM_OP_SELECT_T) {
        if ((status = pop_expect(state, instr->type)) || (status = pop_expect(state, instr->type)))
            return status;
        return push(state, instr->type);
    }
    wasm_value_type second, first;
    if ((status = pop_any(state, WASM_TYPE_NONE, &second))
        || (status = pop_any(state, WASM_TYPE_NONE, &first)))
        return status;
    if (!is_numeric(first) || !is_numeric(second))
        return fail(state, "type mismatch: select without a type needs numeric operands,"
                    " got %s", type_name(is_numeric(first) ? second : first));
    if (first != second && first != WASM_TYPE_NONE && second != WASM_TYPE_NONE)
        return fail(state, "type mismatch: select operands differ: %s and %s",
                    type_name(first), type_name(second));
    instr->type = first == WASM_TYPE_NONE ? second : first;
    return push(state, instr->type);
}

static wasm_status validate_call(validator *state, const wasm_func_type *type)
{
    wasm_status status = pop_types(state, type->params, type->param_count);
    if (status)
        return status;
    return push_types(state, type->results, type->result_count);
}

/* Typing of the SPECIAL rows of opcodes.def. */
static wasm_status validate_special(validator *state)
{
    validate_instr *instr = &state->instr;
    const wasm_module *module = state->module;
    control_frame *target = NULL;
    wasm_status status = WASM_OK;
    wasm_value_type type;
    switch (instr->op) {
    case WASM_OP_UNREACHABLE:
        set_unreachable(state);
        break;
    case WASM_OP_BLOCK:
    case WASM_OP_LOOP:
        if ((status = pop_types(state, instr->block.params, instr->block.param_count)))
            break;
        status = push_frame(state, instr->op == WASM_OP_LOOP ? VALIDATE_FRAME_LOOP
                                                             : VALIDATE_FRAME_BLOCK,
                            &instr->block, instr->reachable);
        break;
    case WASM_OP_IF:
        if ((status = pop_expect(state, WASM_TYPE_I32))
            || (status = pop_types(state, instr->block.params, instr->block.param_count)))
            break;
        status = push_frame(state, VALIDATE_FRAME_IF, &instr->block, instr->reachable);
        break;
    case WASM_OP_ELSE: {
        control_frame *frame = &state->frames[state->frame_count - 1];
        if (frame->kind != VALIDATE_FRAME_IF)
            return fail_at(state, WASM_MALFORMED, instr->offset, "else without matching if");
        instr->frame_kind = frame->kind;
        instr->block = frame->type;
        if ((status = check_frame_end(state)))
            break;
        bool then_falls_through = currently_reachable(state);
        validate_block_type block = frame->type;
        bool start_reachable = frame->start_reachable;
        bool branched = frame->branched || then_falls_through;
        state->frame_count--;
        if ((status = push_frame(state, VALIDATE_FRAME_ELSE, &block, start_reachable)))
            break;
        state->frames[state->frame_count - 1].branched = branched;
        break;
    }
    case WASM_OP_END:
        return validate_end(state);
    case WASM_OP_BR: {
        if ((status = label_at(state, instr->depth, &target)))
            break;
        const wasm_value_type *types;
        uint32_t count;
        label_types(target, &types, &count);
        if ((status = pop_types(state, types, count)))
            break;
        note_branch(state, target);
        set_unreachable(state);
        break;
    }
    case WASM_OP_BR_IF: {
        if ((status = pop_expect(state, WASM_TYPE_I32))
            || (status = label_at(state, instr->depth, &target)))
            break;
        const wasm_value_type *types;
        uint32_t count;
        label_types(target, &types, &count);
        if ((status = pop_types(state, types, count)))
            break;
        note_branch(state, target);
        status = push_types(state, types, count);
        break;
    }
    case WASM_OP_BR_TABLE:
        status = validate_branch_table(state);
        break;
    case WASM_OP_RETURN: {
        const control_frame *outermost = &state->frames[0];
        if ((status = pop_types(state, outermost->type.results, outermost->type.result_count)))
            break;
        set_unreachable(state);
        break;
    }
    case WASM_OP_CALL:
        if (instr->index >= module->func_count)
            return fail(state, "unknown function %u", instr->index);
        status = validate_call(state, module_func_type(module, instr->index));
        break;
    case WASM_OP_CALL_INDIRECT:
        if ((status = check_table(state, instr->index2)))
            break;
        if (module->tables[instr->index2].elem_type != WASM_TYPE_FUNCREF)
            return fail(state, "type mismatch: call_indirect needs a funcref table,"
                        " table %u holds %s", instr->index2,
                        type_name(module->tables[instr->index2].elem_type));
        if (instr->index >= module->type_count)
            return fail(state, "unknown type %u", instr->index);
        if ((status = pop_expect(state, WASM_TYPE_I32)))
            break;
        status = validate_call(state, &module->types[instr->index]);
        break;
    case WASM_OP_DROP:
        status = pop_any(state, WASM_TYPE_NONE, &instr->type);
        break;
    case WASM_OP_SELECT:
    case WASM_OP_SELECT_T:
        status = validate_select(state);
        break;
    case WASM_OP_LOCAL_GET:
    case WASM_OP_LOCAL_SET:
    case WASM_OP_LOCAL_TEE:
        if (instr->index >= state->function.local_count)
            return fail(state, "unknown local %u", instr->index);
        type = instr->type = state->locals[instr->index];
        if (instr->op != WASM_OP_LOCAL_GET && (status = pop_expect(state, type)))
            break;
        if (instr->op != WASM_OP_LOCAL_SET)
            status = push(state, type);
        break;
    case WASM_OP_GLOBAL_GET:
    case WASM_OP_GLOBAL_SET:
        if (instr->index >= module->global_count)
            return fail(state, "unknown global %u", instr->index);
        type = instr->type = module->globals[instr->index].type.type;
        if (instr->op == WASM_OP_GLOBAL_GET) {
            status = push(state, type);
            break;
        }
        if (!module->globals[instr->index].type.mutable_)
            return fail(state, "global is immutable: global.set %u", instr->index);
        status = pop_expect(state, type);
        break;
    case WASM_OP_TABLE_GET:   /* [i32] -> [t] */
        if (!(status = pop_expect(state, WASM_TYPE_I32)))
            status = push(state, instr->type);
        break;
    case WASM_OP_TABLE_SET:   /* [i32 t] -> [] */
        if (!(status = pop_expect(state, instr->type)))
            status = pop_expect(state, WASM_TYPE_I32);
        break;
    case WASM_OP_TABLE_GROW:  /* [t i32] -> [i32] */
        if (!(status = pop_expect(state, WASM_TYPE_I32))
            && !(status = pop_expect(state, instr->type)))
            status = push(state, WASM_TYPE_I32);
        break;
    case WASM_OP_TABLE_FILL:  /* [i32 t i32] -> [] */
        if (!(status = pop_expect(state, WASM_TYPE_I32))
            && !(status = pop_expect(state, instr->type)))
            status = pop_expect(state, WASM_TYPE_I32);
        break;
    case WASM_OP_TABLE_COPY:  /* x := destination, y := source */
        if ((status = check_table(state, instr->index))
            || (status = check_table(state, instr->index2)))
            break;
        instr->type = module->tables[instr->index].elem_type;
        if (module->tables[instr->index2].elem_type != instr->type)
            return fail(state, "type mismatch: table.copy from a %s table to a %s table",
                        type_name(module->tables[instr->index2].elem_type),
                        type_name(instr->type));
        status = validate_simple(state, &(wasm_opcode_info){
            .params = { WASM_TYPE_I32, WASM_TYPE_I32, WASM_TYPE_I32 } });
        break;
    case WASM_OP_TABLE_INIT:  /* x := element segment, y := table */
        if ((status = check_table(state, instr->index2))
            || (status = check_elem(state, instr->index)))
            break;
        instr->type = module->tables[instr->index2].elem_type;
        if (module->elems[instr->index].elem_type != instr->type)
            return fail(state, "type mismatch: table.init of a %s segment into a %s table",
                        type_name(module->elems[instr->index].elem_type),
                        type_name(instr->type));
        status = validate_simple(state, &(wasm_opcode_info){
            .params = { WASM_TYPE_I32, WASM_TYPE_I32, WASM_TYPE_I32 } });
        break;
    case WASM_OP_REF_NULL:
        status = push(state, instr->type);
        break;
    case WASM_OP_REF_IS_NULL:
        if ((status = pop_any(state, WASM_TYPE_FUNCREF, &instr->type)))
            break;
        if (instr->type != WASM_TYPE_NONE && !wasm_value_type_is_ref(instr->type))
            return fail(state, "type mismatch: expected a reference, got %s",
                        type_name(instr->type));
        status = push(state, WASM_TYPE_I32);
        break;
    case WASM_OP_REF_FUNC:
        if (instr->index >= module->func_count)
            return fail(state, "unknown function %u", instr->index);
        if (!(state->declared_funcs[instr->index / 8] & (1u << (instr->index % 8))))
            return fail(state, "undeclared function reference %u", instr->index);
        status = push(state, WASM_TYPE_FUNCREF);
        break;
    default:
        return fail(state, "internal error: no typing rule for %s",
                    wasm_opcode_name(instr->op));
    }
    return status;
}

/* Expands the function's locals (params first) into the reused array. */
static wasm_status load_locals(validator *state, const wasm_func *func,
                               const wasm_func_type *type)
{
    uint32_t total = type->param_count + func->local_count;
    wasm_status status = grow(state, (void **)&state->locals, &state->local_capacity,
                              sizeof *state->locals, total ? total : 1);
    if (status)
        return status;
    if (type->param_count)
        memcpy(state->locals, type->params, type->param_count);
    uint32_t next = type->param_count;
    for (uint32_t i = 0; i < func->local_run_count; i++) {
        memset(state->locals + next, func->local_runs[i].type, func->local_runs[i].count);
        next += func->local_runs[i].count;
    }
    state->function.local_count = total;
    state->function.local_types = state->locals;
    return WASM_OK;
}

/* Validates one defined function's body, driving the consumer. */
static wasm_status validate_function_body(validator *state, uint32_t func_index)
{
    const wasm_module *module = state->module;
    const wasm_func *func = &module->funcs[func_index];
    const wasm_func_type *type = module_func_type(module, func_index);
    const validate_consumer *consumer = state->consumer;
    validate_instr *instr = &state->instr;
    wasm_reader *reader = &state->reader;
    wasm_status status;

    reader->func_index = func_index;
    reader->pos = func->code_offset;
    reader->end = func->body_end;
    memset(&state->function, 0, sizeof state->function);
    state->function.module = module;
    state->function.func_index = func_index;
    state->function.type = type;
    state->function.code_offset = func->code_offset;
    state->function.body_end = func->body_end;
    memset(instr, 0, sizeof *instr);
    instr->offset = func->code_offset;
    if ((status = load_locals(state, func, type)))
        return status;
    state->value_count = 0;
    state->frame_count = 0;
    validate_block_type function_block = {
        .param_count = 0, .params = NULL,
        .result_count = type->result_count, .results = type->results,
        .type_index = func->type_index,
    };
    if ((status = push_frame(state, VALIDATE_FRAME_FUNCTION, &function_block, true)))
        return status;
    /* For END's record: the function frame reports the function's params. */
    state->frames[0].type.param_count = type->param_count;
    state->frames[0].type.params = type->params;
    state->frames[0].height = 0;
    state->value_count = 0;

    if (consumer && consumer->begin_function
        && (status = consumer->begin_function(consumer->context, &state->function,
                                              state->diag)))
        goto consumer_failed;

    while (state->frame_count > 0) {
        if (reader->pos >= reader->end)
            return fail_at(state, WASM_MALFORMED, reader->pos,
                           "unexpected end of section or function (END opcode expected)");
        if ((status = instr_read(reader, module, instr, &state->targets)))
            return status;
        const wasm_opcode_info *info = &wasm_opcode_infos[instr->op];
        instr->reachable = currently_reachable(state);
        /* Only these kinds have checks (a range test spares most
         * instructions check_immediate's jump table). */
        if (info->immediate >= WASM_IMM_TABLE && info->immediate <= WASM_IMM_DATA_MEMORY
            && (status = check_immediate(state, (wasm_immediate_kind)info->immediate)))
            return status;
        if (info->special) {
            if ((status = validate_special(state)))
                return status;
        } else if ((status = validate_simple(state, info))) {
            return status;
        }
        if (instr->op != WASM_OP_END)
            instr->reachable_after = state->frame_count > 0 && currently_reachable(state);
        if (consumer && consumer->instruction
            && (status = consumer->instruction(consumer->context, instr, state->diag)))
            goto consumer_failed;
    }
    if (reader->pos != reader->end)
        return fail_at(state, WASM_MALFORMED, reader->pos,
                       "section size mismatch (bytes after the function's final end)");
    if (consumer && consumer->end_function
        && (status = consumer->end_function(consumer->context, &state->function,
                                            state->diag)))
        goto consumer_failed;
    return WASM_OK;

consumer_failed:
    if (state->diag->status == WASM_OK)
        fail_at(state, status, instr->offset, "%s", wasm_status_message(status));
    return status;
}

/* ---- module-level rules ---- */

#define module_fail(state, offset, ...) \
    fail_at((state), WASM_INVALID, (offset), __VA_ARGS__)

static wasm_status check_limits(validator *state, const wasm_limits *limits,
                                uint64_t bound, const char *what, size_t offset)
{
    if (limits->min > bound)
        return module_fail(state, offset, "%s", what);
    if (limits->has_max && limits->max > bound)
        return module_fail(state, offset, "%s", what);
    if (limits->has_max && limits->min > limits->max)
        return module_fail(state, offset, "size minimum must not be greater than maximum");
    return WASM_OK;
}

static wasm_value_type const_expr_type(const wasm_module *module, const wasm_const_expr *expr)
{
    switch (expr->kind) {
    case WASM_CONST_I32: return WASM_TYPE_I32;
    case WASM_CONST_I64: return WASM_TYPE_I64;
    case WASM_CONST_F32: return WASM_TYPE_F32;
    case WASM_CONST_F64: return WASM_TYPE_F64;
    case WASM_CONST_REF_NULL: return expr->value.ref_type;
    case WASM_CONST_REF_FUNC: return WASM_TYPE_FUNCREF;
    case WASM_CONST_GLOBAL_GET: return module->globals[expr->index].type.type;
    case WASM_CONST_OTHER: break;
    }
    return WASM_TYPE_NONE;
}

/*
 * A constant expression of type `expected`. Wasm 2.0: one of t.const,
 * ref.null, ref.func, or global.get of an imported immutable global.
 */
static wasm_status check_const_expr(validator *state, const wasm_const_expr *expr,
                                    wasm_value_type expected)
{
    const wasm_module *module = state->module;
    if (expr->kind == WASM_CONST_OTHER) {
        /* Tell "not constant" from "wrong number of values". */
        wasm_reader reader = state->reader;
        reader.pos = expr->offset;
        reader.end = expr->end;
        validate_instr instr;
        memset(&instr, 0, sizeof instr);
        while (reader.pos < reader.end) {
            if (instr_read(&reader, NULL, &instr, &state->targets))
                return state->diag->status;
            switch (instr.op) {
            case WASM_OP_I32_CONST: case WASM_OP_I64_CONST: case WASM_OP_F32_CONST:
            case WASM_OP_F64_CONST: case WASM_OP_REF_NULL: case WASM_OP_REF_FUNC:
            case WASM_OP_GLOBAL_GET: case WASM_OP_END:
                break;
            default:
                return module_fail(state, instr.offset, "constant expression required"
                                   " (%s is not constant)", wasm_opcode_name(instr.op));
            }
        }
        return module_fail(state, expr->offset, "type mismatch: a constant expression"
                           " must produce exactly one %s", type_name(expected));
    }
    if (expr->kind == WASM_CONST_REF_FUNC && expr->index >= module->func_count)
        return module_fail(state, expr->offset, "unknown function %u", expr->index);
    if (expr->kind == WASM_CONST_GLOBAL_GET) {
        if (expr->index >= module->imported_global_count)
            return module_fail(state, expr->offset, "unknown global %u (constant"
                               " expressions may only read imported globals)",
                               expr->index);
        if (module->globals[expr->index].type.mutable_)
            return module_fail(state, expr->offset, "constant expression required"
                               " (global %u is mutable)", expr->index);
    }
    wasm_value_type actual = const_expr_type(module, expr);
    if (actual != expected)
        return module_fail(state, expr->offset, "type mismatch: expected %s, got %s",
                           type_name(expected), type_name(actual));
    return WASM_OK;
}

static void declare_func(validator *state, uint32_t index)
{
    if (index < state->module->func_count)
        state->declared_funcs[index / 8] |= (uint8_t)(1u << (index % 8));
}

/* The functions ref.func may name: those in element segments, exports and
 * global initializers (the spec's C.refs). */
static wasm_status collect_declared_funcs(validator *state)
{
    const wasm_module *module = state->module;
    state->declared_funcs = calloc((size_t)module->func_count / 8 + 1, 1);
    if (!state->declared_funcs)
        return fail_at(state, WASM_OUT_OF_MEMORY, 0, "out of memory");
    for (uint32_t i = 0; i < module->elem_count; i++)
        for (uint32_t k = 0; k < module->elems[i].item_count; k++)
            if (module->elems[i].items[k].kind == WASM_CONST_REF_FUNC)
                declare_func(state, module->elems[i].items[k].index);
    for (uint32_t i = 0; i < module->export_count; i++)
        if (module->exports[i].kind == WASM_EXTERN_FUNC)
            declare_func(state, module->exports[i].index);
    for (uint32_t i = module->imported_global_count; i < module->global_count; i++)
        if (module->globals[i].init.kind == WASM_CONST_REF_FUNC)
            declare_func(state, module->globals[i].init.index);
    return WASM_OK;
}

static int compare_names(const void *left, const void *right)
{
    const wasm_name *a = *(const wasm_name *const *)left;
    const wasm_name *b = *(const wasm_name *const *)right;
    if (a->length != b->length)
        return a->length < b->length ? -1 : 1;
    return memcmp(a->chars, b->chars, a->length);
}

static wasm_status check_exports(validator *state)
{
    const wasm_module *module = state->module;
    static const char *const kind_names[] = { "function", "table", "memory", "global" };
    for (uint32_t i = 0; i < module->export_count; i++) {
        const wasm_export *export_ = &module->exports[i];
        uint32_t limit = export_->kind == WASM_EXTERN_FUNC    ? module->func_count
                         : export_->kind == WASM_EXTERN_TABLE ? module->table_count
                         : export_->kind == WASM_EXTERN_MEMORY ? module->memory_count
                                                               : module->global_count;
        if (export_->index >= limit)
            return module_fail(state, 0, "unknown %s %u (export \"%s\")",
                               kind_names[export_->kind], export_->index,
                               export_->name.chars);
    }
    if (module->export_count < 2)
        return WASM_OK;
    const wasm_name **names = malloc(module->export_count * sizeof *names);
    if (!names)
        return fail_at(state, WASM_OUT_OF_MEMORY, 0, "out of memory");
    for (uint32_t i = 0; i < module->export_count; i++)
        names[i] = &module->exports[i].name;
    qsort(names, module->export_count, sizeof *names, compare_names);
    wasm_status status = WASM_OK;
    for (uint32_t i = 1; i < module->export_count && !status; i++)
        if (compare_names(&names[i - 1], &names[i]) == 0)
            status = module_fail(state, 0, "duplicate export name \"%s\"", names[i]->chars);
    free(names);
    return status;
}

static wasm_status validate_module_fields(validator *state)
{
    const wasm_module *module = state->module;
    wasm_status status;
    const char *memory_too_big = "memory size must be at most 65536 pages (4GiB)";
    for (uint32_t i = 0; i < module->func_count; i++)
        if (module->funcs[i].type_index >= module->type_count)
            return module_fail(state, 0, "unknown type %u (function %u)",
                               module->funcs[i].type_index, i);
    for (uint32_t i = 0; i < module->table_count; i++)
        if ((status = check_limits(state, &module->tables[i].limits, UINT32_MAX,
                                   "table size must be at most 2^32-1", 0)))
            return status;
    for (uint32_t i = 0; i < module->memory_count; i++)
        if ((status = check_limits(state, &module->memories[i].limits, 65536,
                                   memory_too_big, 0)))
            return status;
    if (module->memory_count > 1)
        return module_fail(state, 0, "multiple memories (%u)", module->memory_count);
    for (uint32_t i = module->imported_global_count; i < module->global_count; i++)
        if ((status = check_const_expr(state, &module->globals[i].init,
                                       module->globals[i].type.type)))
            return status;
    if ((status = check_exports(state)))
        return status;
    if (module->has_start) {
        if (module->start_func >= module->func_count)
            return module_fail(state, 0, "unknown function %u (start)", module->start_func);
        const wasm_func_type *type = module_func_type(module, module->start_func);
        if (type->param_count || type->result_count)
            return module_fail(state, 0, "start function must have type [] -> []");
    }
    for (uint32_t i = 0; i < module->elem_count; i++) {
        const wasm_elem_segment *segment = &module->elems[i];
        if (segment->mode == WASM_SEGMENT_ACTIVE) {
            if (segment->table_index >= module->table_count)
                return module_fail(state, segment->section_offset, "unknown table %u",
                                   segment->table_index);
            if (module->tables[segment->table_index].elem_type != segment->elem_type)
                return module_fail(state, segment->section_offset, "type mismatch:"
                                   " %s segment for a %s table",
                                   type_name(segment->elem_type),
                                   type_name(module->tables[segment->table_index].elem_type));
            if ((status = check_const_expr(state, &segment->offset, WASM_TYPE_I32)))
                return status;
        }
        for (uint32_t k = 0; k < segment->item_count; k++)
            if ((status = check_const_expr(state, &segment->items[k], segment->elem_type)))
                return status;
    }
    for (uint32_t i = 0; i < module->data_segment_count; i++) {
        const wasm_data_segment *segment = &module->data[i];
        if (segment->mode != WASM_SEGMENT_ACTIVE)
            continue;
        if (segment->memory_index >= module->memory_count)
            return module_fail(state, segment->section_offset, "unknown memory %u",
                               segment->memory_index);
        if ((status = check_const_expr(state, &segment->offset, WASM_TYPE_I32)))
            return status;
    }
    return WASM_OK;
}

/*
 * Looks for a binary-format error in any function body, decoding only.
 * The spec decodes the whole module before validating it, so a module that
 * is both malformed and invalid must be reported as malformed; the
 * one-pass validator finds the first error in body order, so after an
 * "invalid" verdict this scan (error path only) upgrades it.
 */
static bool find_malformed_body(validator *state, wasm_diag *malformed)
{
    const wasm_module *module = state->module;
    validate_instr instr;
    memset(&instr, 0, sizeof instr);
    for (uint32_t i = module->imported_func_count; i < module->func_count; i++) {
        const wasm_func *func = &module->funcs[i];
        wasm_reader reader = state->reader;
        reader.diag = malformed;
        reader.func_index = i;
        reader.pos = func->code_offset;
        reader.end = func->body_end;
        uint32_t depth = 1;
        while (depth > 0) {
            if (reader.pos >= reader.end) {
                wasm_diag_set(malformed, WASM_MALFORMED, i, reader.pos,
                              "unexpected end of section or function (END opcode expected)");
                return true;
            }
            if (instr_read(&reader, NULL, &instr, &state->targets))
                return malformed->status == WASM_MALFORMED;
            if (instr.op == WASM_OP_BLOCK || instr.op == WASM_OP_LOOP || instr.op == WASM_OP_IF)
                depth++;
            else if (instr.op == WASM_OP_END)
                depth--;
            else if ((instr.op == WASM_OP_MEMORY_INIT || instr.op == WASM_OP_DATA_DROP)
                     && !module->has_data_count) {
                wasm_diag_set(malformed, WASM_MALFORMED, i, instr.offset,
                              "data count section required");
                return true;
            }
        }
        if (reader.pos != reader.end) {
            wasm_diag_set(malformed, WASM_MALFORMED, i, reader.pos,
                          "section size mismatch (bytes after the function's final end)");
            return true;
        }
    }
    return false;
}

wasm_status validate_module(const wasm_module *module, const validate_consumer *consumer,
                            wasm_diag *diag)
{
    validator state;
    memset(&state, 0, sizeof state);
    state.module = module;
    state.consumer = consumer;
    state.diag = diag;
    state.reader.bytes = module->bytes;
    state.reader.module_end = module->size;
    state.reader.end = module->size;
    state.reader.diag = diag;
    state.reader.func_index = WASM_NO_FUNC;
    state.reader.bounded = true;      /* always inside a body or an expression */
    wasm_diag_clear(diag);

    wasm_status status = validate_module_fields(&state);
    if (!status)
        status = collect_declared_funcs(&state);
    for (uint32_t i = module->imported_func_count; !status && i < module->func_count; i++)
        status = validate_function_body(&state, i);
    if (status == WASM_INVALID) {
        wasm_diag malformed;
        wasm_diag_clear(&malformed);
        if (find_malformed_body(&state, &malformed)) {
            *diag = malformed;
            status = WASM_MALFORMED;
        }
    }

    free(state.values);
    free(state.frames);
    free(state.locals);
    free(state.declared_funcs);
    u32_vector_free(&state.targets);
    if (status && diag->status == WASM_OK)
        wasm_diag_set(diag, status, WASM_NO_FUNC, 0, "%s", wasm_status_message(status));
    return status;
}
