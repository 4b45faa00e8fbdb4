/* trap_kind.c: wrt trap kinds merged into the kinds V8 can tell apart (trap_kinds.js is the V8 side). */
#include "trap_kind.h"

/* V8 reports null and mistyped call_indirect entries alike, a table index
 * past the end alike for call_indirect and table instructions, and "float
 * unrepresentable" for both a NaN and an out-of-range truncation, so those
 * kinds are merged. */
const char *trap_kind_name(wrt_trap_kind kind)
{
    switch (kind) {
    case WRT_TRAP_UNREACHABLE: return "unreachable";
    case WRT_TRAP_MEMORY_OUT_OF_BOUNDS: return "oob-memory";
    case WRT_TRAP_TABLE_OUT_OF_BOUNDS: return "oob-table";
    case WRT_TRAP_UNDEFINED_ELEMENT: return "oob-table";
    case WRT_TRAP_UNINITIALIZED_ELEMENT: return "signature";
    case WRT_TRAP_INDIRECT_CALL_TYPE: return "signature";
    case WRT_TRAP_DIVIDE_BY_ZERO: return "divide-by-zero";
    case WRT_TRAP_INTEGER_OVERFLOW: return "overflow-or-conversion";
    case WRT_TRAP_INVALID_CONVERSION: return "overflow-or-conversion";
    case WRT_TRAP_STACK_EXHAUSTED: return "stack";
    case WRT_TRAP_HOST: return "host";
    default: return "other";
    }
}
