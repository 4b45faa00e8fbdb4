# bench/build.mk: `make bench`: every kernel in bench/kernels/ built to wasm and natively, timed by
# native, node, node TurboFan-only, node Liftoff-only and our engine, and the cost of a call into an adapted export
# (boundary_bench.c/.js), reported by bench/run.js. Not part of `all` or `test`.
#
#   make bench                      the full table (BENCH_RUNS=5 timed calls per engine)
#   make bench BENCH_RUNS=1 BENCH_SCALE=0.05 BENCH_KERNELS="matmul calls"
#                                   a quick check while developing
#   make bench BENCH_SHAPES=opt     one row per kernel (the inlined shape only)
#   make bench-build                build the kernels and drivers only
#
# Kernels are compiled by clang (BENCH_CLANG) with the same flags for both
# targets: -O2, freestanding (no libc, no loop-to-memcpy), the project's
# warnings; the kernels of BENCH_LIBC_KERNELS are compiled hosted and linked
# with libc (wasi-libc in wasm, glibc natively). Native code is plain x86-64
# (no -march), as clang -O2 gives it.
#
# Each kernel is built in two shapes, a row each (BENCH_SHAPES):
#
#   opt    row NAME: clang -O2 of the whole file (it inlines within it), then
#          binaryen's `wasm-opt -O2` over the linked module (it inlines
#          across functions, even noinline ones): how a release build with
#          the usual toolchain ships. Native: the same clang -O2 object.
#   calls  row NAME/calls: clang -O2 -finline-hint-functions: only functions
#          written `inline` (the helpers a header would hold) are inlined,
#          every other function stays a function and every call a call, as
#          if each function were its own file; linked by wasm-ld alone (no
#          wasm-opt). Native is compiled the same way, so the ratios compare
#          engines on the same code. Files: wasm/NAME.calls.wasm, native/NAME.calls.

BENCH_CLANG    ?= clang
BENCH_DIR      := $(BUILD)/bench
BENCH_KERNELS  ?= $(sort $(basename $(notdir $(wildcard bench/kernels/*.c))))
BENCH_SHAPES   ?= opt calls
BENCH_CFLAGS   := -std=c11 -O2 -ffreestanding -fno-strict-aliasing $(WARNINGS)
BENCH_CALLS_CFLAGS := -finline-hint-functions
BENCH_WASM_LD  ?= wasm-ld
BENCH_WASM_OPT ?= wasm-opt
# -g keeps the name section (function names for perf maps and --disasm).
BENCH_WASM_OPT_FLAGS := -O2 -g
BENCH_WASM_LDFLAGS := --no-entry --export=run
# Per-kernel linker flags (memory size). The seed's matmul has exactly 8 pages.
BENCH_WASM_LDFLAGS_matmul := --initial-memory=524288 --max-memory=524288 \
                             -z stack-size=16384

# Kernels that call libc (strings.c: string functions and malloc). They are
# compiled hosted (-ffreestanding off, so clang also treats strlen/memcpy as
# builtins, as in any program), for wasm32-wasi with wasi-libc's headers,
# and linked with wasi-libc and compiler-rt's builtins the way
# examples/build.mk links its core modules (no start files: the module
# still exports only run and must import nothing); natively with glibc.
BENCH_LIBC_KERNELS := strings
BENCH_HOSTED_CFLAGS := -std=c11 -O2 -fno-strict-aliasing $(WARNINGS)
# Compile-speed input: all of wasi-libc as one module (300 KB of code; it
# imports WASI, so it is compiled, never run). Skipped if not installed.
BENCH_WASI_LIBC ?= /usr/lib/wasm32-wasi/libc.a
bench_is_libc      = $(filter $1,$(BENCH_LIBC_KERNELS))
bench_cflags       = $(if $(call bench_is_libc,$1),$(BENCH_HOSTED_CFLAGS),$(BENCH_CFLAGS))
bench_wasm_target  = $(if $(call bench_is_libc,$1),--target=wasm32-wasi,--target=wasm32)
bench_wasm_libs    = $(if $(call bench_is_libc,$1),-L$(dir $(BENCH_WASI_LIBC)) -lc \
                       $(shell $(BENCH_CLANG) --target=wasm32-wasi --print-libgcc-file-name))

# The rows run.js measures, kernel by kernel, and their files' stems
# (NAME/calls -> NAME.calls).
BENCH_ROWS     := $(foreach kernel,$(BENCH_KERNELS),$(if $(filter opt,$(BENCH_SHAPES)),$(kernel)) \
                    $(if $(filter calls,$(BENCH_SHAPES)),$(kernel)/calls))
BENCH_STEMS    := $(subst /,.,$(BENCH_ROWS))
BENCH_WASMS    := $(BENCH_STEMS:%=$(BENCH_DIR)/wasm/%.wasm)
BENCH_NATIVES  := $(BENCH_STEMS:%=$(BENCH_DIR)/native/%)
BENCH_CORPUS   := $(if $(wildcard $(BENCH_WASI_LIBC)),$(BENCH_DIR)/compile/libc.wasm)
BENCH_WRT      := $(BENCH_DIR)/wrt_bench

.PHONY: bench bench-build bench-wrt bench-boundary
# Keep the objects make would otherwise delete as intermediates.
.SECONDARY: $(foreach stem,$(BENCH_STEMS),$(BENCH_DIR)/native/$(stem).o $(BENCH_DIR)/wasm/$(stem).o) \
            $(OBJ)/bench/native_bench.o $(OBJ)/bench/bench_stats.o $(OBJ)/bench/wrt_bench.o

# A kernel must not import anything: the wasm is run as is by every engine.
# $(call bench_check_imports,FILE.tmp,KERNEL) fails (and removes the file)
# if it does.
define bench_check_imports
@if wasm-objdump -h $1 | grep -q ' Import '; then \
    echo "bench/kernels/$2.c: the wasm build imports something (a libc call?):"; \
    wasm-objdump -j Import -x $1; rm -f $1; exit 1; fi
endef

$(BENCH_DIR)/wasm/%.o: bench/kernels/%.c bench/kernels/kernel.h bench/build.mk
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) $(call bench_cflags,$*) $(call bench_wasm_target,$*) -c $< -o $@

$(BENCH_DIR)/wasm/%.calls.o: bench/kernels/%.c bench/kernels/kernel.h bench/build.mk
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) $(call bench_cflags,$*) $(BENCH_CALLS_CFLAGS) $(call bench_wasm_target,$*) -c $< -o $@

# The opt shape: linked by wasm-ld itself (the clang driver would run
# wasm-opt with flags of its choosing when it is on PATH), then wasm-opt -O2.
$(BENCH_DIR)/wasm/%.wasm: $(BENCH_DIR)/wasm/%.o bench/build.mk
	$(BENCH_WASM_LD) $(BENCH_WASM_LDFLAGS) $(value BENCH_WASM_LDFLAGS_$*) $< $(call bench_wasm_libs,$*) \
	    -o $@.linked.tmp
	$(BENCH_WASM_OPT) $(BENCH_WASM_OPT_FLAGS) $@.linked.tmp -o $@.tmp
	@rm -f $@.linked.tmp
	$(call bench_check_imports,$@.tmp,$*)
	@mv $@.tmp $@

# The calls shape: wasm-ld only.
$(BENCH_DIR)/wasm/%.calls.wasm: $(BENCH_DIR)/wasm/%.calls.o bench/build.mk
	$(BENCH_WASM_LD) $(BENCH_WASM_LDFLAGS) $(value BENCH_WASM_LDFLAGS_$*) $< $(call bench_wasm_libs,$*) \
	    -o $@.tmp
	$(call bench_check_imports,$@.tmp,$*)
	@mv $@.tmp $@

$(BENCH_DIR)/compile/libc.wasm: $(BENCH_WASI_LIBC) bench/build.mk
	@mkdir -p $(dir $@)
	$(BENCH_WASM_LD) --whole-archive $(BENCH_WASI_LIBC) --no-entry --export-all \
	    --allow-undefined -o $@

$(BENCH_DIR)/native/%.o: bench/kernels/%.c bench/kernels/kernel.h bench/build.mk
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) $(call bench_cflags,$*) -c $< -o $@

$(BENCH_DIR)/native/%.calls.o: bench/kernels/%.c bench/kernels/kernel.h bench/build.mk
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) $(call bench_cflags,$*) $(BENCH_CALLS_CFLAGS) -c $< -o $@

# NAME and NAME.calls alike.
$(BENCH_DIR)/native/%: $(BENCH_DIR)/native/%.o $(OBJ)/bench/native_bench.o $(OBJ)/bench/bench_stats.o
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

$(OBJ)/bench/wrt_bench.o: CFLAGS += -Itools
$(BENCH_WRT): $(OBJ)/bench/wrt_bench.o $(OBJ)/bench/bench_stats.o $(OBJ)/tools/read_file.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

# The same driver over an engine built without the interrupt check at loop
# headers (WRT_BENCH_NO_LOOP_CHECKS, runtime/src/jit/compile.c): run.js
# reports ours / this, what wrt_store_interrupt costs. (Function entries
# need no check of their own: the stack check there fails once interrupted.)
BENCH_WRT_NOCHECKS      := $(BENCH_DIR)/wrt_bench_nochecks
BENCH_NOCHECKS_OBJS     := $(RUNTIME_SRCS:%.c=$(BENCH_DIR)/nochecks/%.o)
$(BENCH_DIR)/nochecks/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DWRT_BENCH_NO_LOOP_CHECKS -MMD -MP -c $< -o $@
-include $(BENCH_NOCHECKS_OBJS:.o=.d)
$(BENCH_WRT_NOCHECKS): $(OBJ)/bench/wrt_bench.o $(OBJ)/bench/bench_stats.o $(OBJ)/tools/read_file.o \
                       $(BENCH_NOCHECKS_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

bench-wrt: $(BENCH_WRT) $(BENCH_WRT_NOCHECKS)

# Boundary speed: one call from C into an adapted export (the native loader,
# on the examples' adapters) and from JS through it_loader.js, with plain core
# calls as references.
BENCH_BOUNDARY := $(BENCH_DIR)/boundary_bench
# Its utf8_* rows call the loader's internal UTF-8 checks (loader/src/loader.h).
$(OBJ)/bench/boundary_bench.o: CFLAGS += -Iloader/src
$(BENCH_BOUNDARY): $(OBJ)/bench/boundary_bench.o $(OBJ)/bench/bench_stats.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)
.SECONDARY: $(OBJ)/bench/boundary_bench.o
# bench/rich: the rich types' rows, a canonical-ABI core module and its adapter.
BENCH_RICH := $(BENCH_DIR)/rich/rich_core.wasm $(BENCH_DIR)/rich/it_rich.wasm
$(BENCH_DIR)/rich/rich_core.wasm: bench/rich/rich_core.c
	@mkdir -p $(dir $@)
	$(WASM_CC) $(WASM_CFLAGS) $< $(WASM_LDFLAGS) -o $@
$(BENCH_DIR)/rich/it_rich.wasm: bench/rich/rich.itl $(BIN)/itlc $(BENCH_DIR)/rich/rich_core.wasm
	$(BIN)/itlc --core-dir $(dir $@) --require-core $< -o $@
bench-boundary: $(BENCH_BOUNDARY) examples $(BENCH_RICH)

# Start-up: hello world natively and for wasm32-wasi (run by wrun and node).
BENCH_STARTUP := $(BENCH_DIR)/startup/hello $(BENCH_DIR)/startup/hello.wasm
$(BENCH_DIR)/startup/hello: bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) -O2 $< -o $@
$(BENCH_DIR)/startup/hello.wasm: bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(BENCH_CLANG) --target=wasm32-wasi -O2 $< -o $@

bench-build: $(BENCH_WASMS) $(BENCH_NATIVES) $(BENCH_CORPUS) $(BENCH_STARTUP) $(WRUN)

# Our engine's driver is built separately: if the runtime does not build
# right now, the table is still printed and says so in the "ours" column.
bench: bench-build
	@$(MAKE) --no-print-directory bench-wrt || { rm -f $(BENCH_WRT); \
	    echo "bench: could not build $(BENCH_WRT); reporting without our engine"; }
	@$(MAKE) --no-print-directory bench-boundary || { rm -f $(BENCH_BOUNDARY); \
	    echo "bench: could not build $(BENCH_BOUNDARY) or the examples; boundary table without it"; }
	node bench/run.js --build $(BENCH_DIR) $(BENCH_CORPUS:%=--compile %) --boundary $(EXAMPLES_OUT) --startup \
	    $(BENCH_ROWS)

# Scaling on hostile input: each shape of bench/scale.js at n, 2n, 4n, 8n
# through the tools (compile time, load time); fails if any growth exponent
# is above 1.2. `make bench` runs it too.
.PHONY: scale
scale: $(WRUN) $(BIN)/itlc $(ITRUN)
	node bench/scale.js $(BIN) $(BUILD)/scale
bench: scale
