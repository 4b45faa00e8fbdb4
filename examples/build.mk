# examples/build.mk: the example components (C core modules + ITL adapters), `make examples`, `make demo`.
#
# Each examples/NAME/ holds C core modules (FILE.c -> FILE.wasm, plain wasm with
# no WASI imports) and ITL files (FILE.itl -> it_FILE.wasm, by itlc). Both land
# in $(BUILD)/examples/NAME/, side by side, because an adapter names its core
# modules by paths relative to itself.

EXAMPLES_OUT := $(BUILD)/examples
WASM_CC      ?= clang
WASI_LIB     ?= /usr/lib/wasm32-wasi
# wasm32-wasi for wasi-libc's headers and malloc/string functions, but no
# start files and no compiler-rt: the modules export what they define and
# import only what their ITL adapts.
WASM_CFLAGS  := --target=wasm32-wasi -O2 -std=c11 -Wall -Wextra -Werror -nostdlib -Iexamples/common
WASM_LDFLAGS := -Wl,--no-entry -Wl,--strip-debug -L$(WASI_LIB) -lc

EXAMPLE_C      := $(sort $(wildcard examples/*/*.c))
EXAMPLE_ITL    := $(sort $(wildcard examples/*/*.itl))
EXAMPLE_CORES  := $(patsubst examples/%.c,$(EXAMPLES_OUT)/%.wasm,$(EXAMPLE_C))
example_adapter = $(EXAMPLES_OUT)/$(notdir $(patsubst %/,%,$(dir $1)))/it_$(basename $(notdir $1)).wasm
EXAMPLE_ADAPTERS := $(foreach itl,$(EXAMPLE_ITL),$(call example_adapter,$(itl)))

define example_core_rule
$(patsubst examples/%.c,$(EXAMPLES_OUT)/%.wasm,$1): $1 examples/common/it_core.h
	@mkdir -p $$(dir $$@)
	$(WASM_CC) $(WASM_CFLAGS) $$< $(WASM_LDFLAGS) -o $$@
endef
$(foreach c,$(EXAMPLE_C),$(eval $(call example_core_rule,$(c))))

define example_adapter_rule
$(call example_adapter,$1): $1 $(BIN)/itlc
	@mkdir -p $$(dir $$@)
	$(BIN)/itlc $$< -o $$@
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

demo-node: examples
	@echo "== fizzbuzz in Node (loader/js/it_loader.js)"
	node examples/fizzbuzz/main.js $(EXAMPLES_OUT)/fizzbuzz
	@echo "== strings in Node (loader/js/it_loader.mjs)"
	node examples/strings/main.mjs $(EXAMPLES_OUT)/strings
	@echo "== textstats in Node (loader/js/it_loader.js)"
	node examples/textstats/main.js $(EXAMPLES_OUT)/textstats
