# runtime/fuzz/build.mk: the libFuzzer target for decode + validate, `make fuzz`,
# and the `fuzz` test suite (seed corpus replay + a short mutation run).
#
#   make fuzz                 fuzz for FUZZ_SECONDS (default 60) over build/.../fuzz/corpus,
#                             seeded from runtime/fuzz/corpus
#   make test-fuzz            the suite alone

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

fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    $(FUZZ_DIR)/corpus runtime/fuzz/corpus

# The suite builds the target itself, so that a missing fuzzer runtime is a
# reported failure rather than a silently absent suite.
TEST_SUITES += fuzz
.PHONY: test-fuzz
test-fuzz:
	@$(SUITE) fuzz runtime/fuzz/fuzz_test.sh "$(MAKE) --no-print-directory $(FUZZ_BIN)" \
	    $(FUZZ_BIN) $(FUZZ_DIR)/test-corpus runtime/fuzz/corpus "$(FUZZ_RUN_FLAGS)"
