# runtime/wasi/build.mk: libwrt_wasi.a, WASI preview1 over wrt.h (runtime/wasi/include/wrt_wasi.h).

# WASI_SRCS is defined in the top Makefile: the native loader's library
# includes these objects too (loader/build.mk).
WASI_OBJS := $(WASI_SRCS:%.c=$(OBJ)/%.o)
$(WASI_OBJS): CFLAGS += -Iruntime/wasi/include

$(WRT_WASI_LIB): $(WASI_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

all: $(WRT_WASI_LIB)
