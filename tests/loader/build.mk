# tests/loader/build.mk: suite `loader`: the native loader's unit tests (loader_test.c on
# hand-written fixtures), it_loader.h alone as C11 -pedantic and as C++, itrun's
# command line, the documented example (docs/loader.md), and the examples' native
# output against Node's.

LOADER_TEST      := $(BIN)/loader_test
LOADER_FIXTURES  := $(patsubst tests/loader/fixtures/%.wat,$(BUILD)/tests/loader/%.wasm,$(wildcard tests/loader/fixtures/*.wat))

all: $(LOADER_TEST)

# loader_test also reads the loader's internals (the live string count).
$(OBJ)/tests/loader/loader_test.o: CFLAGS += -Iloader/src
$(LOADER_TEST): $(OBJ)/tests/loader/loader_test.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@

$(BUILD)/tests/loader/%.wasm: tests/loader/fixtures/%.wat
	@mkdir -p $(dir $@)
	wat2wasm $< -o $@

# The rich-types components (tests/loader/rich), for loader_test.
LOADER_FIXTURES += $(BUILD)/tests/loader/it_rich.wasm $(BUILD)/tests/loader/it_rich_host.wasm
$(BUILD)/tests/loader/it_%.wasm: tests/loader/rich/%.itl $(BIN)/itlc
	@mkdir -p $(dir $@)
	$(BIN)/itlc $< -o $@

TEST_SUITES += loader
.PHONY: test-loader
test-loader: $(LOADER_TEST) $(LOADER_FIXTURES) $(ITRUN) $(EXAMPLE_NATIVES) examples
	@$(SUITE) loader env CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" LDLIBS="$(LDLIBS)" \
	    LOADER_LIB=$(LOADER_LIB) RUNTIME_LIB=$(RUNTIME_LIB) \
	    tests/loader/run.sh $(LOADER_TEST) $(BUILD)/tests/loader $(BUILD)
