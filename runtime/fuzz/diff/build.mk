# runtime/fuzz/diff/build.mk: `make difffuzz`, differential fuzzing of wrt
# against V8 on random modules from binaryen's `wasm-opt -ttf`, and `make
# csmithfuzz`, the same on csmith programs compiled by clang (below). Needs
# wasm-opt, wasm-validate and node; not test suites (random, minutes long).
#
#   make difffuzz                     DIFFFUZZ_COUNT (default 200) random modules
#   make difffuzz DIFFFUZZ_COUNT=1000 more; mismatches in build/.../difffuzz/found

DIFFFUZZ_COUNT ?= 200
DIFFFUZZ_DIR   := $(BUILD)/difffuzz
DIFF_WRT       := $(BIN)/diff_wrt
DIFF_WRT_OBJS  := $(OBJ)/runtime/fuzz/diff/diff_wrt.o $(OBJ)/runtime/fuzz/diff/trap_kind.o

$(DIFF_WRT): $(DIFF_WRT_OBJS) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(DIFF_WRT_OBJS) $(RUNTIME_LIB) $(LDLIBS) -o $@

.PHONY: difffuzz
difffuzz: $(DIFF_WRT)
	runtime/fuzz/diff/difffuzz.sh $(DIFF_WRT) runtime/fuzz/diff/diff_v8.js \
	    $(DIFFFUZZ_COUNT) $(DIFFFUZZ_DIR)

# `make csmithfuzz`: differential fuzzing on csmith programs compiled by
# clang (csmith.sh); needs csmith, clang for wasm32-wasi, wasm-opt and node.
#
#   make csmithfuzz CSMITH_COUNT=200 CSMITH_JOBS=2   mismatches in build/.../csmithfuzz/found
#   make csmithfuzz CSMITH_SEED=1234                 a reproducible run
#   CSMITH_LEVELS=2 (-O2, -O1 only: four modules a program, not six) and
#   CSMITH_NODE_TIMEOUT=S (node's per-module timeout, default 10) are read too.
CSMITH_COUNT ?= 50
CSMITH_JOBS  ?= 1
CSMITH_DIR   := $(BUILD)/csmithfuzz

# $(BIN)/wasi_run is tests/realcode's WASI_RUN, named here in full because
# that fragment is included after this one.
.PHONY: csmithfuzz
csmithfuzz: $(BIN)/wasi_run
	nice runtime/fuzz/diff/csmith.sh $(BIN)/wasi_run tests/realcode/wasi_run.js \
	    $(CSMITH_COUNT) $(CSMITH_DIR) $(CSMITH_JOBS)
