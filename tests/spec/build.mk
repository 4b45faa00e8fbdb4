# tests/spec/build.mk: the official spec suite (suite `spec`), from
# $(SHARED)/wasm-testsuite (SHARED is ../shared unless set): converts every
# core .wast with wast2json at test time (once; each .json is its own stamp)
# and runs them all through the runner linked with libwrt.a.

SPEC_CORE      := $(SHARED)/wasm-testsuite/core
SPEC_WAST      := $(sort $(wildcard $(SPEC_CORE)/*.wast))
SPEC_OUT       := $(BUILD)/spec
SPEC_JSON      := $(patsubst $(SPEC_CORE)/%.wast,$(SPEC_OUT)/%.json,$(SPEC_WAST))
SPEC_RUNNER    := $(BIN)/spec_runner
SPEC_RUNNER_SRCS := tests/spec/runner.c tests/spec/json.c tests/spec/spectest.c tools/read_file.c
SPEC_RUNNER_OBJS := $(SPEC_RUNNER_SRCS:%.c=$(OBJ)/%.o)
$(OBJ)/tests/spec/runner.o: CFLAGS += -Itools
SPEC_KNOWN     := tests/spec/known-failures.txt

all: $(SPEC_RUNNER)

$(SPEC_RUNNER): $(SPEC_RUNNER_OBJS) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(SPEC_RUNNER_OBJS) $(RUNTIME_LIB) $(LDLIBS) -o $@

# wast2json 1.0.32 exits 0 even when it reports validation errors, so any
# stderr output counts as a failed conversion (and leaves no .json behind).
$(SPEC_OUT)/%.json: $(SPEC_CORE)/%.wast
	@mkdir -p $(SPEC_OUT)
	@wast2json $< -o $@ 2> $@.stderr || { cat $@.stderr >&2; rm -f $@; exit 1; }
	@if [ -s $@.stderr ]; then cat $@.stderr >&2; rm -f $@; exit 1; fi
	@rm -f $@.stderr

TEST_SUITES += spec
.PHONY: test-spec spec-convert
spec-convert: $(SPEC_JSON)
# A failed conversion shows its stderr and leaves no .json: the runner then
# counts that file as failed ("cannot read"), so the suite still reports.
test-spec: $(SPEC_RUNNER)
	@if [ ! -d $(SPEC_CORE) ]; then $(SUITE) spec sh -c 'echo "spec: no $(SPEC_CORE): the official suites belong in ../shared beside the checkout (or make test SHARED=DIR)"; exit 1'; exit 1; fi
	@$(MAKE) --no-print-directory -k spec-convert >/dev/null || true
	@$(SUITE) spec $(SPEC_RUNNER) --known $(SPEC_KNOWN) $(SPEC_JSON)
