# itlc/build.mk: the ITL compiler, $(BIN)/itlc (included by the top-level Makefile).

ITLC_SOURCES := $(wildcard itlc/*.c)
ITLC_OBJECTS := $(patsubst %.c,$(OBJ)/%.o,$(ITLC_SOURCES)) $(OBJ)/tools/read_file.o
$(patsubst %.c,$(OBJ)/%.o,$(ITLC_SOURCES)): CFLAGS += -Itools

all: $(BIN)/itlc

$(BIN)/itlc: $(ITLC_OBJECTS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)
