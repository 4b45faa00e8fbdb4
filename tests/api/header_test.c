/* header_test.c: wrt.h compiles alone (C11 -pedantic, and as C++: see build.mk) and its tables are complete. */
#include "wrt.h"

/* Used from both C and C++: nothing here but declarations and a use. */
int header_test_status_count(void);
int header_test_status_count(void) { return (int)WRT_STATUS_COUNT; }
