# tests/utf8/build.mk: suite `utf8`: every version of the native loader's UTF-8
# check (loader/src/utf8.c: scalar, SSSE3, AVX2, the run-time choice) against the
# scalar one (tests/utf8/utf8_test.c). UTF8_TEST_RANDOM: random buffers (2000000).

UTF8_TEST        := $(BIN)/utf8_test
UTF8_TEST_RANDOM ?= 2000000

all: $(UTF8_TEST)

$(OBJ)/tests/utf8/utf8_test.o: CFLAGS += -Iloader/src
$(UTF8_TEST): $(OBJ)/tests/utf8/utf8_test.o $(OBJ)/loader/src/utf8.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

TEST_SUITES += utf8
.PHONY: test-utf8
test-utf8: $(UTF8_TEST)
	@$(SUITE) utf8 $(UTF8_TEST) $(UTF8_TEST_RANDOM)
