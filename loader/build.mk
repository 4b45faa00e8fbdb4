# loader/build.mk: the native loader library (libitloader.a), itrun, and the native fizzbuzz host.
#
# The library is every C file under loader/src, on top of libwrt. Tests live
# in tests/loader (suite `loader`, tests/loader/build.mk).

LOADER_SRCS := $(wildcard loader/src/*.c)
LOADER_OBJS := $(LOADER_SRCS:%.c=$(OBJ)/%.o)
LOADER_LIB  := $(BUILD)/lib/libitloader.a
ITRUN       := $(BIN)/itrun
CFLAGS      += -Iloader/include

$(LOADER_OBJS): CFLAGS += -Iloader/src

$(LOADER_LIB): $(LOADER_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(ITRUN): $(OBJ)/loader/itrun/itrun.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@

all: $(LOADER_LIB)
all: $(ITRUN)

# The native host of the fizzbuzz example (examples/fizzbuzz/main.c, the C
# twin of main.js): `build/bin/fizzbuzz_native [ADAPTER_DIR]`.
FIZZBUZZ_NATIVE := $(BIN)/fizzbuzz_native
$(FIZZBUZZ_NATIVE): $(OBJ)/examples/fizzbuzz/main.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@
all: $(FIZZBUZZ_NATIVE)

# `make demo` runs the examples natively too.
DEMO_STEPS += demo-native
.PHONY: demo-native
demo-native: examples $(ITRUN) $(FIZZBUZZ_NATIVE)
	@echo "== fizzbuzz natively (examples/fizzbuzz/main.c, it_loader.h)"
	$(FIZZBUZZ_NATIVE) $(EXAMPLES_OUT)/fizzbuzz
	@echo "== itrun: one export from the shell"
	$(ITRUN) $(EXAMPLES_OUT)/fizzbuzz/it_fizz.wasm isFizz 9
	$(ITRUN) --link fizz=$(EXAMPLES_OUT)/fizzbuzz/it_fizz.wasm --link buzz=$(EXAMPLES_OUT)/fizzbuzz/it_buzz.wasm $(EXAMPLES_OUT)/fizzbuzz/it_fizzbuzz.wasm fizzbuzz 15
	$(ITRUN) $(EXAMPLES_OUT)/strings/it_strings.wasm reverse "héllo wörld 🎉"
