# tests/runtime/build.mk: the decoder/validator unit tests (suite runtime-unit).

RUNTIME_UNIT_BIN := $(BIN)/decode_test

$(RUNTIME_UNIT_BIN): $(OBJ)/tests/runtime/decode_test.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# The test reads the decoder's internal headers (reader.h for LEB128/UTF-8).
$(OBJ)/tests/runtime/decode_test.o: CFLAGS += -Iruntime/src

all: $(RUNTIME_UNIT_BIN)

TEST_SUITES += runtime-unit
.PHONY: test-runtime-unit
test-runtime-unit: $(RUNTIME_UNIT_BIN)
	@$(SUITE) runtime-unit $(RUNTIME_UNIT_BIN) runtime/fuzz/corpus
