# tests/hostile/build.mk: suite `hostile`: the engine under hostile guests and
# hosts (issue 18's regressions): big frames, small thread stacks, chained
# signal handlers, sent signals, interruption, store limits
# (tests/hostile/hostile_test.c, each case in a child process), and the
# command-line tools on hostile inputs (tests/hostile/tools_test.sh).

HOSTILE_TEST := $(BIN)/hostile_test
HOSTILE_WASM := $(patsubst tests/hostile/modules/%.wat,$(BUILD)/hostile/%.wasm,$(wildcard tests/hostile/modules/*.wat))

all: $(HOSTILE_TEST)

$(OBJ)/tests/hostile/hostile_test.o: CFLAGS += -Itools
$(HOSTILE_TEST): $(OBJ)/tests/hostile/hostile_test.o $(OBJ)/tools/read_file.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# The native loader's interruption and limits, on the adapters tools_test.sh
# builds from limits.itl and spin_start.itl.
LOADER_LIMITS_TEST := $(BIN)/loader_limits_test
all: $(LOADER_LIMITS_TEST)
$(LOADER_LIMITS_TEST): $(OBJ)/tests/hostile/loader_limits_test.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@

$(BUILD)/hostile/%.wasm: tests/hostile/modules/%.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

TEST_SUITES += hostile
.PHONY: test-hostile
test-hostile: $(HOSTILE_TEST) $(LOADER_LIMITS_TEST) $(HOSTILE_WASM) $(WRUN) $(ITRUN) $(BIN)/itlc examples
	@$(SUITE) hostile tests/hostile/run.sh $(HOSTILE_TEST) $(BUILD)/hostile $(WRUN)
