# loader/build.mk: the native loader library (libitloader.a), itrun, and the examples' native hosts.
#
# The library is every C file under loader/src, tools/read_file.c (the
# bounded reader of every file input) and tools/escape.c (control characters
# in messages), on top of libwrt (whose WASI gives the core modules theirs). Tests live
# in tests/loader (suite `loader`, tests/loader/build.mk).

LOADER_SRCS := $(wildcard loader/src/*.c)
LOADER_OBJS := $(LOADER_SRCS:%.c=$(OBJ)/%.o) $(OBJ)/tools/read_file.o $(OBJ)/tools/escape.o
CFLAGS      += -Iloader/include

$(LOADER_OBJS): CFLAGS += -Iloader/src -Itools

$(LOADER_LIB): $(LOADER_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

ITRUN_OBJS := $(OBJ)/loader/itrun/itrun.o $(OBJ)/loader/itrun/value_text.o $(OBJ)/tools/run_limits.o
$(OBJ)/loader/itrun/itrun.o: CFLAGS += -Itools
$(ITRUN): $(ITRUN_OBJS) $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $(ITRUN_OBJS) $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@

all: $(LOADER_LIB)
all: $(ITRUN)

# Examples run natively. Every examples/NAME/ with an ITL file has a native
# twin of its Node host (docs/loader.md, "Examples"): a C host
# examples/NAME/main.c, built as $(BIN)/NAME_native (`NAME_native
# [ADAPTER_DIR]`, printing examples/NAME/expected.txt), and/or
# examples/NAME/calls.txt, itrun calls run by loader/itrun/calls.sh.
EXAMPLE_NAMES   := $(sort $(patsubst examples/%/,%,$(dir $(wildcard examples/*/*.itl))))
EXAMPLE_NATIVES := $(patsubst examples/%/main.c,$(BIN)/%_native,$(wildcard examples/*/main.c))
$(EXAMPLE_NATIVES): $(BIN)/%_native: $(OBJ)/examples/%/main.o $(LOADER_LIB) $(RUNTIME_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $< $(LOADER_LIB) $(RUNTIME_LIB) $(LDLIBS) -o $@
all: $(EXAMPLE_NATIVES)

# `make demo` runs every example natively too: its C host, then its itrun calls.
DEMO_STEPS += demo-native
.PHONY: demo-native
demo-native: examples $(ITRUN) $(EXAMPLE_NATIVES)
	@$(foreach name,$(EXAMPLE_NAMES),\
	    $(if $(wildcard examples/$(name)/main.c),\
	        echo "== $(name) natively (examples/$(name)/main.c, it_loader.h)" && \
	        $(BIN)/$(name)_native $(EXAMPLES_OUT)/$(name) &&) \
	    $(if $(wildcard examples/$(name)/calls.txt),\
	        echo "== $(name) through itrun (examples/$(name)/calls.txt)" && \
	        loader/itrun/calls.sh $(ITRUN) examples/$(name)/calls.txt $(EXAMPLES_OUT)/$(name) &&) \
	    $(if $(wildcard examples/$(name)/main.c examples/$(name)/calls.txt),,\
	        { echo "demo-native: examples/$(name) has no native twin (main.c or calls.txt)"; exit 1; } &&)) true
