# tests/wasi/build.mk: suite `wasi`, WASI preview1 under wrun (runtime/wasi): the official
# WASI test suite from $(SHARED)/wasi-testsuite, run by testsuite.js on a copy of it (the
# tests write into their folders), with known-failures.txt; and escape.sh, the sandbox
# against every way out of a preopened directory; and wrun's command line (echo.c).
#
#   make test-wasi        the suite
#   make wasi-node        the official suite on node's node:wasi (node_wasi.js), for reference
#   make wasi-bless       regenerate escape.expected (check the diff before committing)

WASI_TESTSUITE := $(SHARED)/wasi-testsuite
WASI_DIR       := $(BUILD)/wasi
WASI_ESCAPE    := $(WASI_DIR)/escape.wasm
WASI_ECHO      := $(WASI_DIR)/echo.wasm
WASI_KNOWN     := tests/wasi/known-failures.txt
WASI_API_TEST  := $(BIN)/wasi_api_test
WASI_API_WASM  := $(WASI_DIR)/api.wasm

$(OBJ)/tests/wasi/wasi_api_test.o: CFLAGS += -Itools
$(WASI_API_TEST): $(OBJ)/tests/wasi/wasi_api_test.o $(OBJ)/tools/read_file.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
all: $(WASI_API_TEST)

$(WASI_API_WASM): tests/wasi/api.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

$(WASI_DIR)/%.wasm: tests/wasi/%.c
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi -std=c11 -O2 -Wall -Wextra -Werror $< -o $@

# A fresh copy of the official suite to run in.
.PHONY: wasi-testsuite-copy
wasi-testsuite-copy:
	@rm -rf $(WASI_DIR)/testsuite && mkdir -p $(WASI_DIR)
	@cp -r $(WASI_TESTSUITE) $(WASI_DIR)/testsuite

TEST_SUITES += wasi
.PHONY: test-wasi wasi-node wasi-bless
test-wasi: $(WRUN) $(WASI_ESCAPE) $(WASI_ECHO) $(WASI_API_TEST) $(WASI_API_WASM)
	@if [ ! -d $(WASI_TESTSUITE)/tests ]; then $(SUITE) wasi sh -c 'echo "wasi: no $(WASI_TESTSUITE): the official suites belong in ../shared beside the checkout (or make test SHARED=DIR)"; exit 1'; exit 1; fi
	@$(MAKE) --no-print-directory wasi-testsuite-copy
	@$(SUITE) wasi tests/wasi/run.sh $(WRUN) $(WASI_ESCAPE) $(WASI_ECHO) $(WASI_DIR) $(WASI_KNOWN) \
	    $(WASI_API_TEST) $(WASI_API_WASM)

wasi-node: wasi-testsuite-copy
	node tests/wasi/testsuite.js $(WASI_DIR)/testsuite -- node tests/wasi/node_wasi.js

wasi-bless: $(WRUN) $(WASI_ESCAPE)
	tests/wasi/escape.sh $(WRUN) $(WASI_ESCAPE) $(WASI_DIR)/escape --bless
