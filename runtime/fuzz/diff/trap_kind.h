/* trap_kind.h: the trap kinds that wrt and V8 can both tell apart, as printed by the differential drivers (diff_wrt, tests/realcode/wasi_run). */
#ifndef DIFF_TRAP_KIND_H
#define DIFF_TRAP_KIND_H

#include "wrt.h"

/* The merged kind name of `kind` ("unreachable", "oob-memory", ...);
 * trap_kinds.js maps V8's messages to the same names. */
const char *trap_kind_name(wrt_trap_kind kind);

#endif
