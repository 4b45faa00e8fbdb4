# runtime/build.mk: the wasm engine, built as one static library from every
# C file under runtime/src (the instruction-set folder is chosen here).

RUNTIME_ISA  := x64
RUNTIME_SRCS := $(wildcard runtime/src/*.c runtime/src/jit/*.c runtime/src/jit/$(RUNTIME_ISA)/*.c)
RUNTIME_OBJS := $(RUNTIME_SRCS:%.c=$(OBJ)/%.o)
CFLAGS       += -Iruntime/include

$(RUNTIME_LIB): $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

ifneq ($(RUNTIME_SRCS),)
all: $(RUNTIME_LIB)
endif
