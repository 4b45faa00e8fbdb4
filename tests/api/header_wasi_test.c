/* header_wasi_test.c: wrt_wasi.h compiles alone, like wrt.h (header_test.c). */
#include "wrt_wasi.h"

/* Nothing but declarations and a use. */
typedef wrt_wasi *(*header_wasi_test_new)(void);
header_wasi_test_new header_wasi_test_use(void);
header_wasi_test_new header_wasi_test_use(void) { return wrt_wasi_new; }
