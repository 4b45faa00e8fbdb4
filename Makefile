# Top-level Makefile: builds every tool into $(BUILD), runs every test suite.
#
#   make               build everything into build/
#   make demo          install missing packages, build, run the examples
#   make test          run every test suite; ends with "N passed, M failed"
#   make test SANITIZE=address,undefined
#                      the same, with AddressSanitizer + UBSan builds (build/san-*)
#   make bench         benchmarks (ratios against node and native code)
#   make scale         compile/load time growth on hostile shapes (exponents <= 1.2)
#   make fuzz          run the decoder/validator fuzzer (FUZZ_SECONDS=...)
#
# Each folder adds its own rules in a fragment (itlc/build.mk, runtime/build.mk,
# tests/spec/build.mk, ...), found and included automatically. A fragment appends its test suites to TEST_SUITES; suite NAME is the
# phony target test-NAME, whose recipe must run `$(SUITE) NAME command...`.

CC       ?= cc
SANITIZE ?=
comma    := ,
OPT      ?= -O2

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
# -fPIC: every object may go into a shared library (make install builds
# libwrt.so and libitloader.so from the same objects as the archives).
CFLAGS   := -std=c11 $(OPT) -g $(WARNINGS) -D_GNU_SOURCE -fno-strict-aliasing -fPIC
LDFLAGS  :=
LDLIBS   := -lm -lpthread

ifeq ($(SANITIZE),)
BUILD    ?= build
else
BUILD    ?= build/san-$(subst $(comma),-,$(SANITIZE))
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=$(SANITIZE)
endif


BIN      := $(BUILD)/bin
OBJ      := $(BUILD)/obj
SUITE    := BUILD=$(BUILD) BIN=$(abspath $(BIN)) tools/suite.sh $(BUILD)/results

# What one fragment builds and another names as a prerequisite. Make expands
# prerequisites as it reads them, so these are defined here, before any
# fragment is included, not in the fragment that builds them (where the
# include order would decide whether the name is empty). The harness suite
# checks that no fragment reads an undefined variable.
RUNTIME_LIB  := $(BUILD)/lib/libwrt.a
LOADER_LIB   := $(BUILD)/lib/libitloader.a
# libwrt is the engine and its WASI (runtime/wasi: its own folder and
# header, wrt_wasi.h, built into the same library, as wasmtime's wasi.h).
RUNTIME_ISA  := x64
RUNTIME_SRCS := $(wildcard runtime/src/*.c runtime/src/jit/*.c runtime/src/jit/$(RUNTIME_ISA)/*.c) \
                $(wildcard runtime/wasi/src/*.c)
# The version of the libraries and tools (wrt.h's WRT_VERSION and the
# shared libraries' names: libwrt.so.MAJOR is the soname).
VERSION      := 0.1.0
VERSION_MAJOR := $(firstword $(subst ., ,$(VERSION)))
ITRUN        := $(BIN)/itrun
WRUN         := $(BIN)/wrun
EXAMPLES_OUT := $(BUILD)/examples
WASM_CC      ?= clang
# What ../shared (beside the checkout) holds: the official test suites.
SHARED       ?= ../shared

.PHONY: all test demo deps bench fuzz clean
all:

# Every build.mk in the tree, so a new component never edits this file.
include $(shell find . -name build.mk -not -path './build/*' -not -path './node_modules/*' | sort)

# Objects: one rule for every C file of the tree.
$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

deps:
	bash tools/install-deps.sh

test: all
	@rm -rf $(BUILD)/results; mkdir -p $(BUILD)/results
	@$(MAKE) --no-print-directory -k $(addprefix test-,$(TEST_SUITES)) || true
	@tools/summarize.sh $(BUILD)/results $(TEST_SUITES)

clean:
	rm -rf build
