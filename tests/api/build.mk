# tests/api/build.mk: suite `api`: wrt.h compiles alone as C11 -pedantic and
# as C++, the API unit tests (tests/api/api_test.c, modules built from
# tests/api/modules/*.wat at test time) and the documented example program
# (docs/examples/runtime_example.c) builds and runs.

API_TEST      := $(BIN)/api_test
API_INTERNAL  := $(BIN)/instance_test
API_EXAMPLE   := $(BIN)/runtime_example
API_WASM      := $(patsubst tests/api/modules/%.wat,$(BUILD)/api/%.wasm,$(wildcard tests/api/modules/*.wat))

all: $(API_TEST) $(API_INTERNAL) $(API_EXAMPLE)

# instance_test checks internals, so it sees runtime/src.
$(OBJ)/tests/api/instance_test.o: CFLAGS += -Iruntime/src
$(API_INTERNAL): $(OBJ)/tests/api/instance_test.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(RUNTIME_LIB) $(LDLIBS) -o $@

$(API_TEST): $(OBJ)/tests/api/api_test.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(RUNTIME_LIB) $(LDLIBS) -o $@

$(API_EXAMPLE): $(OBJ)/docs/examples/runtime_example.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(RUNTIME_LIB) $(LDLIBS) -o $@

$(BUILD)/api/%.wasm: tests/api/modules/%.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

TEST_SUITES += api
.PHONY: test-api
test-api: $(API_TEST) $(API_INTERNAL) $(API_EXAMPLE) $(API_WASM)
	@$(SUITE) api env CC="$(CC)" tests/api/run.sh $(API_TEST) $(BUILD)/api $(API_EXAMPLE) $(API_INTERNAL)
