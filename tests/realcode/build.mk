# tests/realcode/build.mk: suite `realcode`, clang-built C programs (src/*.c)
# run on wrt (wasi_run) and on node (wasi_run.js), outputs compared with each
# other and with src/NAME.expected. Each program is built eight ways: -O0
# -O1 -O2 -Os, each "split" (compile, then link without wasm-opt) and "opt"
# (one clang step, which runs wasm-opt itself when it is on PATH, then
# wasm-opt -O2). Modules are cached in $(BUILD)/realcode.
#
#   make test-realcode     the suite
#   make realcode-bless    regenerate src/*.expected and shim.expected from
#                          node's output (check the diff before committing)

WASI_RUN      := $(BIN)/wasi_run
WASI_RUN_OBJS := $(OBJ)/tests/realcode/wasi_run.o $(OBJ)/runtime/fuzz/diff/trap_kind.o \
                 $(OBJ)/tools/read_file.o
$(OBJ)/tests/realcode/wasi_run.o: CFLAGS += -Itools -Iruntime/fuzz/diff

all: $(WASI_RUN)

$(WASI_RUN): $(WASI_RUN_OBJS) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(WASI_RUN_OBJS) $(RUNTIME_LIB) $(LDLIBS) -o $@

# clang for wasm32-wasi; the wasm32 compiler-rt builtins
# (libclang-rt-14-dev-wasm32) provide __multi3 and friends.
WASM_CC           ?= clang
REALCODE_CC       := $(WASM_CC) --target=wasm32-wasi
REALCODE_CFLAGS   := -std=c11 -Wall -Wextra -Werror
REALCODE_DIR      := $(BUILD)/realcode
REALCODE_NAMES    := $(patsubst tests/realcode/src/%.c,%,$(wildcard tests/realcode/src/*.c))
REALCODE_LEVELS   := O0 O1 O2 Os
REALCODE_WASM     := $(foreach n,$(REALCODE_NAMES),$(foreach l,$(REALCODE_LEVELS),\
                       $(REALCODE_DIR)/$(n).$(l).split.wasm $(REALCODE_DIR)/$(n).$(l).opt.wasm))

# For each level: "split" compiles to an object and links it alone (no -O at
# link time, so clang runs no wasm-opt), the shape of a build without
# binaryen; "opt" is one clang step (at -O1 and above clang runs wasm-opt -O
# itself when it is on PATH), then wasm-opt -O2. wasm-opt needs no feature
# flags: clang 14's generic CPU emits MVP code, which its defaults cover.
define realcode_level_rules
$(REALCODE_DIR)/%.$(1).split.wasm: tests/realcode/src/%.c
	@mkdir -p $$(dir $$@)
	$(REALCODE_CC) $(REALCODE_CFLAGS) -$(1) -c $$< -o $$(basename $$@).o
	$(REALCODE_CC) $$(basename $$@).o -o $$@

$(REALCODE_DIR)/%.$(1).opt.wasm: tests/realcode/src/%.c
	@mkdir -p $$(dir $$@)
	$(REALCODE_CC) $(REALCODE_CFLAGS) -$(1) $$< -o $$(basename $$@).clang.wasm
	wasm-opt -O2 $$(basename $$@).clang.wasm -o $$@
endef
$(foreach l,$(REALCODE_LEVELS),$(eval $(call realcode_level_rules,$(l))))

TEST_SUITES += realcode
.PHONY: test-realcode
test-realcode: $(WASI_RUN) $(REALCODE_WASM)
	@$(SUITE) realcode tests/realcode/run.sh $(WASI_RUN) $(REALCODE_DIR) $(REALCODE_NAMES)

# Regenerates src/*.expected and shim.expected from node's output.
.PHONY: realcode-bless
realcode-bless: $(WASI_RUN) $(REALCODE_WASM)
	tests/realcode/run.sh --bless $(WASI_RUN) $(REALCODE_DIR) $(REALCODE_NAMES)
