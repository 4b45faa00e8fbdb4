# runtime/wrun/build.mk: `wrun`, the command-line runner for plain wasm
# modules, and its suite `wrun` (error paths and argument parsing).

WRUN_OBJS := $(OBJ)/runtime/wrun/wrun.o $(OBJ)/tools/read_file.o $(OBJ)/tools/run_limits.o
$(OBJ)/runtime/wrun/wrun.o: CFLAGS += -Itools

all: $(WRUN)

$(WRUN): $(WRUN_OBJS) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(WRUN_OBJS) $(RUNTIME_LIB) $(LDLIBS) -o $@

TEST_SUITES += wrun
.PHONY: test-wrun
test-wrun: $(WRUN)
	@$(SUITE) wrun runtime/wrun/wrun_test.sh $(WRUN) $(BUILD)/wrun-test
