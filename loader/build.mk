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
