/* instr.h: decoding one instruction (opcode + immediates), driven by opcodes.def. */
#ifndef WRT_INSTR_H
#define WRT_INSTR_H

#include "reader.h"
#include "validate.h"

/*
 * Reads the instruction at reader->pos: fills instr->op, offset, end_offset
 * and the immediates that opcodes.def gives the opcode (the other members
 * are left as they were). Binary-format errors are WASM_MALFORMED; SIMD is
 * WASM_UNSUPPORTED. With a module, a block type's type index is resolved
 * (WASM_INVALID "unknown type" if out of range) and a typed select with
 * other than one type is WASM_INVALID "invalid result arity"; with
 * module == NULL (constant expressions seen by the decoder) they are only
 * decoded. br_table targets go to `targets` (cleared first), which
 * instr->br_table_targets then points into.
 */
wasm_status instr_read(wasm_reader *reader, const wasm_module *module,
                       validate_instr *instr, u32_vector *targets);

/* Reads a value type byte: malformed if it is not one, unsupported for v128. */
wasm_status instr_read_value_type(wasm_reader *reader, wasm_value_type *out);

/* Reads a reference type byte (0x70 / 0x6F), else "malformed reference type". */
wasm_status instr_read_ref_type(wasm_reader *reader, wasm_value_type *out);

#endif /* WRT_INSTR_H */
