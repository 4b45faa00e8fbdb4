# examples/build.mk: the example components (C core modules + ITL adapters), `make examples`, `make demo`.
#
# Each examples/NAME/ holds C core modules (FILE.c -> FILE.wasm, plain wasm with
# no WASI imports; FILE.wasi.c -> FILE.wasm, a WASI reactor with all of
# wasi-libc, whose WASI imports the loaders provide) and ITL files (FILE.itl -> it_FILE.wasm, by itlc). Both land
# in $(BUILD)/examples/NAME/, side by side, because an adapter names its core
# modules by paths relative to itself. main.c is not a core module but a native
# host (built by the loader's build.mk), so it is left out here.
#
# Nothing here lists examples by name: every examples/NAME/ with a Node host
# (main.js, or main.mjs for an ES module) and an expected.txt is run by
# `make demo-node` as `node examples/NAME/main.js $(BUILD)/examples/NAME`, and
# tests/js/examples.test.js checks its output against expected.txt.

WASI_LIB     ?= /usr/lib/wasm32-wasi
# wasm32-wasi for wasi-libc's headers and malloc/string functions, but no
# start files and no compiler-rt: the modules export what they define and
# import only what their ITL adapts.
WASM_CFLAGS  := --target=wasm32-wasi -O2 -std=c11 -Wall -Wextra -Werror -nostdlib -Iexamples/common
# compiler-rt's wasm32 builtins after libc (float formatting, __multi3).
WASM_LDFLAGS  = -Wl,--no-entry -Wl,--strip-debug -L$(WASI_LIB) -lc \
                $(shell $(WASM_CC) --target=wasm32-wasi --print-libgcc-file-name)

# A WASI reactor (-mexec-model=reactor): libc's start in _initialize, which
# the loaders call once when they load the module; no _start.
WASM_WASI_FLAGS := --target=wasm32-wasi -mexec-model=reactor -O2 -std=c11 -Wall -Wextra -Werror \
                   -Wl,--strip-debug

EXAMPLE_WASI_C := $(sort $(wildcard examples/*/*.wasi.c))
EXAMPLE_C      := $(sort $(filter-out examples/%/main.c $(EXAMPLE_WASI_C),$(wildcard examples/*/*.c)))
EXAMPLE_ITL    := $(sort $(wildcard examples/*/*.itl))
EXAMPLE_CORES  := $(patsubst examples/%.c,$(EXAMPLES_OUT)/%.wasm,$(EXAMPLE_C)) \
                  $(patsubst examples/%.wasi.c,$(EXAMPLES_OUT)/%.wasm,$(EXAMPLE_WASI_C))
example_adapter = $(EXAMPLES_OUT)/$(notdir $(patsubst %/,%,$(dir $1)))/it_$(basename $(notdir $1)).wasm
EXAMPLE_ADAPTERS := $(foreach itl,$(EXAMPLE_ITL),$(call example_adapter,$(itl)))

define example_core_rule
$(patsubst examples/%.c,$(EXAMPLES_OUT)/%.wasm,$1): $1 examples/common/it_core.h
	@mkdir -p $$(dir $$@)
	$(WASM_CC) $(WASM_CFLAGS) $$< $(WASM_LDFLAGS) -o $$@
endef
$(foreach c,$(EXAMPLE_C),$(eval $(call example_core_rule,$(c))))

define example_wasi_core_rule
$(patsubst examples/%.wasi.c,$(EXAMPLES_OUT)/%.wasm,$1): $1
	@mkdir -p $$(dir $$@)
	$(WASM_CC) $(WASM_WASI_FLAGS) $$< -o $$@
endef
$(foreach c,$(EXAMPLE_WASI_C),$(eval $(call example_wasi_core_rule,$(c))))

# itlc checks each adapter against its core modules, which it finds beside
# the output (--core-dir) and requires (--require-core): so an adapter is
# built after the core modules of its example.
example_dir_cores = $(filter $(dir $(call example_adapter,$1))%,$(EXAMPLE_CORES))
define example_adapter_rule
$(call example_adapter,$1): $1 $(BIN)/itlc $(call example_dir_cores,$1)
	@mkdir -p $$(dir $$@)
	$(BIN)/itlc --core-dir $$(dir $$@) --require-core $$< -o $$@
endef
$(foreach itl,$(EXAMPLE_ITL),$(eval $(call example_adapter_rule,$(itl))))

.PHONY: examples example-cores demo demo-node
example-cores: $(EXAMPLE_CORES)
examples: $(EXAMPLE_CORES) $(EXAMPLE_ADAPTERS)
all: examples

# `make demo`: install what is missing, build everything, run the examples.
# Each way of running them is a target in DEMO_STEPS: the native loader adds
# its own (e.g. `DEMO_STEPS += demo-native` running $(BIN)/itrun on the same
# adapters) from loader/build.mk.
DEMO_STEPS += demo-node
demo:
	bash tools/install-deps.sh
	@$(MAKE) --no-print-directory all examples
	@$(MAKE) --no-print-directory $(DEMO_STEPS)

# The examples with a Node host and an expected output, as examples/NAME/main.js (or .mjs).
EXAMPLE_NODE_HOSTS := $(foreach dir,$(sort $(dir $(wildcard examples/*/expected.txt))),\
                        $(firstword $(wildcard $(dir)main.js $(dir)main.mjs)))
example_name = $(notdir $(patsubst %/,%,$(dir $1)))

# One recipe line pair per example (the blank line ends each).
define demo_node_example
@echo "== $(call example_name,$1) in Node ($1)"
node $1 $(EXAMPLES_OUT)/$(call example_name,$1)

endef

demo-node: examples
	$(foreach host,$(EXAMPLE_NODE_HOSTS),$(call demo_node_example,$(host)))
