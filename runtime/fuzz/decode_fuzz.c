/* decode_fuzz.c: libFuzzer entry point: decode + validate any bytes, with a consumer that checks the contract. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The consumer keeps its own control depth, as a JIT would, and aborts
 * (a crash the fuzzer reports) when the validator breaks validate.h's
 * promises. It also bails out on f64.nearest, to exercise the consumer
 * failure path the JIT uses for unsupported instructions. */
typedef struct {
    uint32_t depth;          /* open frames, the function's included */
    uint32_t max_depth;
    uint32_t code_offset;
    uint32_t body_end;
    uint32_t next_offset;    /* where the next instruction must start */
} fuzz_consumer;

static void contract_broken(const char *what)
{
    fprintf(stderr, "validate.h contract broken: %s\n", what);
    abort();
}

static wasm_status fuzz_begin(void *context, const validate_function *function,
                              wasm_diag *diag)
{
    fuzz_consumer *consumer = context;
    if (function->func_index < function->module->imported_func_count
        || function->local_count < function->type->param_count)
        contract_broken("begin_function record");
    consumer->depth = 1;
    consumer->max_depth = 1;
    consumer->code_offset = function->code_offset;
    consumer->body_end = function->body_end;
    consumer->next_offset = function->code_offset;
    return WASM_OK;
}

static wasm_status fuzz_instruction(void *context, const validate_instr *instr,
                                    wasm_diag *diag)
{
    fuzz_consumer *consumer = context;
    if (instr->offset != consumer->next_offset || instr->end_offset <= instr->offset
        || instr->end_offset > consumer->body_end)
        contract_broken("instruction offsets");
    consumer->next_offset = instr->end_offset;
    if (consumer->depth == 0)
        contract_broken("instruction after the function's end");
    switch (instr->op) {
    case WASM_OP_BLOCK: case WASM_OP_LOOP: case WASM_OP_IF:
        if (++consumer->depth > consumer->max_depth)
            consumer->max_depth = consumer->depth;
        if (instr->block.param_count && !instr->block.params)
            contract_broken("block params");
        break;
    case WASM_OP_ELSE:
        if (instr->frame_kind != VALIDATE_FRAME_IF)
            contract_broken("else frame kind");
        break;
    case WASM_OP_END:
        consumer->depth--;
        if ((consumer->depth == 0) != (instr->frame_kind == VALIDATE_FRAME_FUNCTION))
            contract_broken("end frame kind");
        break;
    case WASM_OP_BR: case WASM_OP_BR_TABLE: case WASM_OP_RETURN: case WASM_OP_UNREACHABLE:
        if (instr->reachable_after)
            contract_broken("reachable after an unconditional branch");
        break;
    case WASM_OP_F64_NEAREST:
        return wasm_diag_set(diag, WASM_UNSUPPORTED, WASM_NO_FUNC, instr->offset,
                             "fuzz consumer bails out on f64.nearest");
    default:
        break;
    }
    if (!instr->reachable && instr->reachable_after && instr->op != WASM_OP_END
        && instr->op != WASM_OP_ELSE)
        contract_broken("dead instruction makes the code after it reachable");
    if (instr->op == WASM_OP_BR_TABLE)
        for (uint32_t i = 0; i < instr->br_table_count; i++)
            if (instr->br_table_targets[i] >= consumer->depth)
                contract_broken("br_table target out of range");
    return WASM_OK;
}

static wasm_status fuzz_end(void *context, const validate_function *function,
                            wasm_diag *diag)
{
    fuzz_consumer *consumer = context;
    if (consumer->depth != 0 || consumer->next_offset != function->body_end
        || function->max_control_depth != consumer->max_depth)
        contract_broken("end_function record");
    return WASM_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wasm_module *module = NULL;
    wasm_diag diag;
    char text[512];
    wasm_status status = module_decode(data, size, &module, &diag);
    if (status != WASM_OK) {
        if (module || diag.status != status || !diag.message[0])
            contract_broken("decode failure without a diagnostic");
        wasm_diag_format(&diag, text, sizeof text);
        return 0;
    }
    /* Once without a consumer, once with: both must agree unless the
     * consumer bailed out. */
    wasm_status plain = validate_module(module, NULL, &diag);
    fuzz_consumer consumer;
    memset(&consumer, 0, sizeof consumer);
    validate_consumer callbacks = { &consumer, fuzz_begin, fuzz_instruction, fuzz_end };
    status = validate_module(module, &callbacks, &diag);
    if (status != plain && status != WASM_UNSUPPORTED)
        contract_broken("validation with and without a consumer disagree");
    if (status != WASM_OK && (diag.status != status || !diag.message[0]))
        contract_broken("validation failure without a diagnostic");
    wasm_diag_format(&diag, text, sizeof text);
    for (uint32_t i = 0; i < module->func_count; i++)
        (void)module_func_name(module, i);
    module_delete(module);
    return 0;
}
