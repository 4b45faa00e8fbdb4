# runtime/wasi/build.mk: libwrt_wasi.a, WASI preview1 over wrt.h (runtime/wasi/include/wrt_wasi.h).

WASI_SRCS := $(wildcard runtime/wasi/src/*.c)
WASI_OBJS := $(WASI_SRCS:%.c=$(OBJ)/%.o)
$(WASI_OBJS): CFLAGS += -Iruntime/wasi/include

$(WASI_LIB): $(WASI_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

all: $(WASI_LIB)
