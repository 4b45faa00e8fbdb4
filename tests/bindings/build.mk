# tests/bindings/build.mk: suite `bindings` (itlc --emit-dts and --emit-header; tests/bindings/run.sh)
# and the two C programs built on headers itlc generates: examples/sample/typed/main.c, the typed
# twin of the sample's native host ($(BIN)/sample_typed), and tests/bindings/rich_test.c
# ($(BIN)/bindings_rich_test). Their headers go to $(BUILD)/bindings/include.

BINDINGS_INCLUDE := $(BUILD)/bindings/include

$(BINDINGS_INCLUDE)/it_sample.h: examples/sample/sample.itl $(BIN)/itlc
	@mkdir -p $(dir $@)
	$(BIN)/itlc --emit-header $< -o $@
$(BINDINGS_INCLUDE)/it_rich.h: tests/loader/rich/rich.itl $(BIN)/itlc
	@mkdir -p $(dir $@)
	$(BIN)/itlc --emit-header $< -o $@

# The header must exist before the first compile (later, the .d files name it).
$(OBJ)/examples/sample/typed/main.o: $(BINDINGS_INCLUDE)/it_sample.h
$(OBJ)/tests/bindings/rich_test.o: $(BINDINGS_INCLUDE)/it_rich.h
$(OBJ)/examples/sample/typed/main.o $(OBJ)/tests/bindings/rich_test.o: private CFLAGS += -I$(BINDINGS_INCLUDE)

$(BIN)/sample_typed: $(OBJ)/examples/sample/typed/main.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@
$(BIN)/bindings_rich_test: $(OBJ)/tests/bindings/rich_test.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@
all: $(BIN)/sample_typed $(BIN)/bindings_rich_test

TEST_SUITES += bindings
.PHONY: test-bindings
test-bindings: $(BIN)/itlc $(BIN)/sample_typed $(BIN)/bindings_rich_test examples
	@$(SUITE) bindings tests/bindings/run.sh
