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

$(BIN)/jit_test: $(OBJ)/tests/jit/jit_test.o $(RUNTIME_LIB)
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

# The spec runner linked with the JIT's execution seam (jit/exec_jit.c)
# instead of exec_none.c: `make jit-spec` shows how the JIT does on the
# official suite before the switch (not a registered suite: the spec suite
# itself takes over once exec_none.c is deleted).
JIT_SPEC_RUNNER := $(BIN)/jit_spec_runner
# (tests/spec/build.mk is read after this file: its variables are only used
# in the recipe, where they are expanded late.)
$(JIT_SPEC_RUNNER): $(BIN)/spec_runner $(OBJ)/runtime/src/jit/exec_jit.o $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(SPEC_RUNNER_OBJS) $(OBJ)/runtime/src/jit/exec_jit.o $(RUNTIME_LIB) $(LDLIBS) -o $@

.PHONY: jit-spec
jit-spec: $(JIT_SPEC_RUNNER)
	@$(MAKE) --no-print-directory -k spec-convert >/dev/null || true
	$(JIT_SPEC_RUNNER) $(SPEC_JSON)
