/* spectest.h: the `spectest` host module the spec scripts import from. */
#ifndef SPEC_SPECTEST_H
#define SPEC_SPECTEST_H

#include "wrt.h"

/* Creates the spectest functions, globals, table and memory in `store` and
 * defines them in `imports` under the module name "spectest". */
WRT_MUST_USE wrt_status spectest_define(wrt_store *store, wrt_imports *imports);

#endif /* SPEC_SPECTEST_H */
