/* jit.h: compiling a module to machine code (the validator's consumer) and finding its entry points. */
#ifndef WRT_JIT_JIT_H
#define WRT_JIT_JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../module.h"
#include "codemem.h"

/* The machine code of one module, shared by all its instances (code never
 * embeds instance addresses: everything goes through the vmctx). */
/* Where an instruction's machine code starts (for trap locations). */
typedef struct jit_source_position {
    uint32_t code_offset;
    uint32_t wasm_offset; /* byte offset of the instruction in the module */
} jit_source_position;

typedef struct jit_code {
    codemem code;
    uint32_t func_count;   /* module->func_count (imports included) */
    size_t *entry_offsets; /* per function index; SIZE_MAX for imports */
    jit_source_position *positions; /* ascending code offsets */
    size_t position_count;
} jit_code;

typedef struct jit_options {
    /* Clears masm features (MASM_FEATURE_*) to exercise fallbacks. */
    uint32_t disable_features;
} jit_options;

/* Validates and compiles every function of `module` in one pass. On
 * failure returns the status with `diag` filled (an instruction the JIT
 * cannot compile yet is WASM_UNSUPPORTED "unsupported by the JIT: NAME"
 * with its function index and offset: never a silent fallback). */
__attribute__((warn_unused_result))
wasm_status jit_compile_module(const wasm_module *module, const jit_options *options, jit_code **out,
                               wasm_diag *diag);
void jit_code_free(jit_code *code);

/* Maps a machine address inside `code` to the wasm function index and
 * byte offset of the instruction it belongs to; false if outside. */
bool jit_lookup_pc(const jit_code *code, uintptr_t pc, uint32_t *func_index, uint32_t *wasm_offset);

/* Entry point of defined function `func_index` (internal convention). */
const void *jit_entry(const jit_code *code, uint32_t func_index);

#endif
