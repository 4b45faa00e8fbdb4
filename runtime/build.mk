# runtime/build.mk: the wasm engine, built as one static library from every
# C file under runtime/src (RUNTIME_SRCS, with the instruction-set folder
# RUNTIME_ISA, is defined in the top Makefile: the fuzzers and make bench
# build the same sources their own way).

RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(OBJ)/%.o)
CFLAGS       += -Iruntime/include -Iruntime/wasi/include

$(RUNTIME_LIB): $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

ifneq ($(RUNTIME_SRCS),)
all: $(RUNTIME_LIB)
endif
