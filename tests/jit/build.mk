# tests/jit/build.mk: JIT tests (assembler encodings against GNU as, compiled modules).

JIT_TEST_CFLAGS := $(CFLAGS)

$(BIN)/jit_asm_test: $(OBJ)/tests/jit/asm_test.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

all: $(BIN)/jit_asm_test

TEST_SUITES += jit-asm
.PHONY: test-jit-asm
test-jit-asm: $(BIN)/jit_asm_test
	@$(SUITE) jit-asm tests/jit/asm_test.sh $(BIN)/jit_asm_test

$(OBJ)/tests/jit/jit_test.o: CFLAGS += -Itools
$(BIN)/jit_test: $(OBJ)/tests/jit/jit_test.o $(OBJ)/tools/read_file.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

all: $(BIN)/jit_test

TEST_SUITES += jit
.PHONY: test-jit
test-jit: $(BIN)/jit_test
	@$(SUITE) jit tests/jit/jit_test.sh $(BIN)/jit_test

$(BIN)/jit_trap_test: $(OBJ)/tests/jit/trap_test.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

all: $(BIN)/jit_trap_test

TEST_SUITES += jit-trap
.PHONY: test-jit-trap
test-jit-trap: $(BIN)/jit_trap_test
	@$(SUITE) jit-trap $(BIN)/jit_trap_test

