# runtime/fuzz/diff/build.mk: `make difffuzz`, differential fuzzing of wrt
# against V8 on random modules from binaryen's `wasm-opt -ttf`. Needs
# wasm-opt, wasm-validate and node; not a test suite (random, minutes long).
#
#   make difffuzz                     DIFFFUZZ_COUNT (default 200) random modules
#   make difffuzz DIFFFUZZ_COUNT=1000 more; mismatches in build/.../difffuzz/found

DIFFFUZZ_COUNT ?= 200
DIFFFUZZ_DIR   := $(BUILD)/difffuzz
DIFF_WRT       := $(BIN)/diff_wrt
DIFF_WRT_OBJS  := $(OBJ)/runtime/fuzz/diff/diff_wrt.o

$(DIFF_WRT): $(DIFF_WRT_OBJS) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(DIFF_WRT_OBJS) $(RUNTIME_LIB) $(LDLIBS) -o $@

.PHONY: difffuzz
difffuzz: $(DIFF_WRT)
	runtime/fuzz/diff/difffuzz.sh $(DIFF_WRT) runtime/fuzz/diff/diff_v8.js \
	    $(DIFFFUZZ_COUNT) $(DIFFFUZZ_DIR)
