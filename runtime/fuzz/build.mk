# runtime/fuzz/build.mk: the project's libFuzzer targets, `make fuzz`, and the
# `fuzz` test suite (each target: seed corpus replay + a short mutation run).
#
#   decode_fuzz  wasm decode + validate (runtime/fuzz/decode_fuzz.c), seeded
#                from runtime/fuzz/corpus
#   itl_fuzz     itlc's front end on .itl text (itlc/fuzz/itl_fuzz.c), seeded
#                with the examples' and tests/itlc's .itl files, with a
#                dictionary of ITL's keywords and types made from
#                itlc/forms.def and itlc/types.def
#   iface_fuzz   the native loader reading an adapter, it.interface section
#                first (loader/fuzz/iface_fuzz.c), seeded with the examples'
#                adapters
#
#   make fuzz                       each target for FUZZ_SECONDS (default 60)
#   make fuzz-itl FUZZ_SECONDS=3600 one target (fuzz-decode, fuzz-itl, fuzz-iface)
#   make test-fuzz                  the suite alone
#
# Work corpora and crash-*/leak-*/timeout-* files land in build/.../fuzz/NAME/.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_BIN     := $(FUZZ_DIR)/decode_fuzz
FUZZ_SRCS    := runtime/fuzz/decode_fuzz.c \
                $(addprefix runtime/src/,decode.c diag.c instr.c opcode.c reader.c validate.c)
FUZZ_CFLAGS  := -std=c11 -g -O1 $(WARNINGS) -D_GNU_SOURCE -Iruntime/src \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# -timeout: no input may take a second; -rss_limit_mb: nor grab unbounded memory.
FUZZ_RUN_FLAGS := -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -artifact_prefix=$(FUZZ_DIR)/

$(FUZZ_BIN): $(FUZZ_SRCS) $(wildcard runtime/src/*.h) runtime/src/opcodes.def
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SRCS) -o $@

# The other targets link the libraries' sources, built again with the
# fuzzer's instrumentation and sanitizers (objects under $(FUZZ_DIR)/obj).
FUZZ_OBJ_CFLAGS := $(filter-out -fsanitize=%,$(FUZZ_CFLAGS)) -fsanitize=fuzzer-no-link,address,undefined \
                   -fno-strict-aliasing -Iruntime/include -Iruntime/wasi/include -Iloader/include -Iloader/src -Iitlc -Itools -MMD -MP
FUZZ_RUNTIME_SRCS := $(RUNTIME_SRCS)
FUZZ_LOADER_SRCS  := $(wildcard loader/src/*.c) tools/read_file.c tools/escape.c
FUZZ_ITLC_SRCS    := $(filter-out itlc/main.c,$(wildcard itlc/*.c))
fuzz_objs = $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$1)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_OBJ_CFLAGS) -c $< -o $@
-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)

ITL_FUZZ_BIN   := $(FUZZ_DIR)/itl_fuzz
ITL_FUZZ_OBJS  := $(call fuzz_objs,itlc/fuzz/itl_fuzz.c $(FUZZ_ITLC_SRCS) $(FUZZ_LOADER_SRCS) $(FUZZ_RUNTIME_SRCS))
IFACE_FUZZ_BIN  := $(FUZZ_DIR)/iface_fuzz
IFACE_FUZZ_OBJS := $(call fuzz_objs,loader/fuzz/iface_fuzz.c $(FUZZ_LOADER_SRCS) $(FUZZ_RUNTIME_SRCS))

$(ITL_FUZZ_BIN): $(ITL_FUZZ_OBJS)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined $^ -lm -o $@
$(IFACE_FUZZ_BIN): $(IFACE_FUZZ_OBJS)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined $^ -lm -o $@

# Seeds: files of the checkout, and the built examples' adapters (copied
# into one folder each, as libFuzzer takes folders). The ITL dictionary:
# every quoted keyword of forms.def and types.def (its constructors too),
# the words inside forms, and the punctuation.
ITL_FUZZ_SEEDS   := $(FUZZ_DIR)/itl-seeds
IFACE_FUZZ_SEEDS := $(FUZZ_DIR)/iface-seeds
ITL_FUZZ_DICT    := $(FUZZ_DIR)/itl.dict

$(ITL_FUZZ_SEEDS): $(wildcard examples/*/*.itl) $(shell find tests/itlc tests/loader -name '*.itl')
	rm -rf $@ && mkdir -p $@
	for f in $^; do cp $$f $@/$$(echo $$f | tr / _); done

$(IFACE_FUZZ_SEEDS): examples
	rm -rf $@ && mkdir -p $@
	for f in $(EXAMPLES_OUT)/*/it_*.wasm; do cp $$f $@/$$(basename $$f); done

$(ITL_FUZZ_DICT): itlc/forms.def itlc/types.def
	@mkdir -p $(dir $@)
	grep -oh '[XC]([A-Z_0-9]*, *"[^"]*"' $^ | sed 's/.*\("[^"]*"\)/\1/' | sort -u > $@
	printf '"("\n")"\n"\\""\n";;"\n"(param"\n"(result"\n"field"\n"case"\n"then"\n"else"\n"realloc"\n"type"\n"$$x"\n"_"\n"some"\n"none"\n"ok"\n"err"\n"(case ("\n' >> $@

ITL_FUZZ_ENV  := ITL_FUZZ_CORES=$(EXAMPLES_OUT)
ITL_FUZZ_RUN  := $(FUZZ_RUN_FLAGS) -dict=$(ITL_FUZZ_DICT)

.PHONY: fuzz fuzz-decode fuzz-itl fuzz-iface
fuzz: fuzz-decode fuzz-itl fuzz-iface

fuzz-decode: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    $(FUZZ_DIR)/corpus runtime/fuzz/corpus

fuzz-itl: $(ITL_FUZZ_BIN) $(ITL_FUZZ_SEEDS) $(ITL_FUZZ_DICT) examples
	@mkdir -p $(FUZZ_DIR)/itl-corpus
	$(ITL_FUZZ_ENV) $(ITL_FUZZ_BIN) $(ITL_FUZZ_RUN) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    $(FUZZ_DIR)/itl-corpus $(ITL_FUZZ_SEEDS)

fuzz-iface: $(IFACE_FUZZ_BIN) $(IFACE_FUZZ_SEEDS)
	@mkdir -p $(FUZZ_DIR)/iface-corpus
	$(IFACE_FUZZ_BIN) $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    $(FUZZ_DIR)/iface-corpus $(IFACE_FUZZ_SEEDS)

# The suite builds the target itself, so that a missing fuzzer runtime is a
# reported failure rather than a silently absent suite.
TEST_SUITES += fuzz
.PHONY: test-fuzz
test-fuzz: examples
	@$(SUITE) fuzz runtime/fuzz/fuzz_test.sh \
	    "decode|$(MAKE) --no-print-directory $(FUZZ_BIN)|$(FUZZ_BIN)|runtime/fuzz/corpus|$(FUZZ_RUN_FLAGS)" \
	    "itl|$(MAKE) --no-print-directory $(ITL_FUZZ_BIN) $(ITL_FUZZ_SEEDS) $(ITL_FUZZ_DICT)|env $(ITL_FUZZ_ENV) $(ITL_FUZZ_BIN)|$(ITL_FUZZ_SEEDS)|$(ITL_FUZZ_RUN)" \
	    "iface|$(MAKE) --no-print-directory $(IFACE_FUZZ_BIN) $(IFACE_FUZZ_SEEDS)|$(IFACE_FUZZ_BIN)|$(IFACE_FUZZ_SEEDS)|$(FUZZ_RUN_FLAGS)" \
	    $(FUZZ_DIR)/test-corpus
