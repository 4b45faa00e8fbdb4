# packaging/build.mk: `make install` and `make uninstall`: the tools, the public headers, the
# libraries as archives and as shared libraries (soname libNAME.so.MAJOR), and pkg-config files.
#
#   make install PREFIX=/usr/local DESTDIR=      (the defaults)
#   cc host.c $(pkg-config --cflags --libs itloader)             shared
#   cc host.c $(pkg-config --static --cflags --libs itloader)    static (with -static, or no .so)
#
# Only the public API is visible from what is installed, so a host's own array_push or
# module_decode never collides with ours: the shared libraries are linked from the
# archives' objects (all built -fPIC) with packaging/exports.map; the installed archives
# are one partially linked object each (ld -r) whose globals other than wrt_* (it_*) are
# made local (objcopy --keep-global-symbol). The tests link build/lib's archives, which
# keep the internals visible. libitloader needs libwrt.

PREFIX  ?= /usr/local
DESTDIR ?=
RUNTIME_SO := $(BUILD)/lib/libwrt.so.$(VERSION)
LOADER_SO  := $(BUILD)/lib/libitloader.so.$(VERSION)
PUBLIC_HEADERS := runtime/include/wrt.h runtime/wasi/include/wrt_wasi.h loader/include/it_loader.h
DIST_RUNTIME_LIB := $(BUILD)/lib/dist/libwrt.a
DIST_LOADER_LIB  := $(BUILD)/lib/dist/libitloader.a

# dist_archive ARCHIVE PREFIX OUT: ARCHIVE as one object exporting only PREFIX*.
define dist_archive
	@mkdir -p $(dir $3)
	ld -r --whole-archive $1 -o $3.o
	objcopy --wildcard --keep-global-symbol='$2*' $3.o
	rm -f $3 && ar rcs $3 $3.o && rm -f $3.o
endef
$(DIST_RUNTIME_LIB): $(RUNTIME_LIB)
	$(call dist_archive,$(RUNTIME_LIB),wrt_,$@)
$(DIST_LOADER_LIB): $(LOADER_LIB)
	$(call dist_archive,$(LOADER_LIB),it_,$@)

$(RUNTIME_SO): $(RUNTIME_LIB) packaging/exports.map
	$(CC) -shared -Wl,-soname,libwrt.so.$(VERSION_MAJOR) -Wl,--version-script=packaging/exports.map \
	    $(LDFLAGS) -Wl,--whole-archive $(RUNTIME_LIB) -Wl,--no-whole-archive $(LDLIBS) -o $@
$(LOADER_SO): $(LOADER_LIB) $(RUNTIME_SO) packaging/exports.map
	$(CC) -shared -Wl,-soname,libitloader.so.$(VERSION_MAJOR) -Wl,--version-script=packaging/exports.map \
	    $(LDFLAGS) -Wl,--whole-archive $(LOADER_LIB) -Wl,--no-whole-archive $(RUNTIME_SO) $(LDLIBS) -o $@
all: $(RUNTIME_SO) $(LOADER_SO) $(DIST_RUNTIME_LIB) $(DIST_LOADER_LIB)

# pc NAME: packaging/NAME.pc.in with the prefix and version filled in.
pc = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' packaging/$1.pc.in

.PHONY: install uninstall
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BIN)/itlc $(ITRUN) $(WRUN) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(DIST_RUNTIME_LIB) $(DIST_LOADER_LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(RUNTIME_SO) $(LOADER_SO) $(DESTDIR)$(PREFIX)/lib/
	for lib in libwrt libitloader; do \
	    ln -sf $$lib.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$$lib.so.$(VERSION_MAJOR) && \
	    ln -sf $$lib.so.$(VERSION_MAJOR) $(DESTDIR)$(PREFIX)/lib/$$lib.so || exit 1; done
	$(call pc,wrt) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/wrt.pc
	$(call pc,itloader) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/itloader.pc

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,itlc itrun wrun) \
	      $(addprefix $(DESTDIR)$(PREFIX)/include/,$(notdir $(PUBLIC_HEADERS))) \
	      $(addprefix $(DESTDIR)$(PREFIX)/lib/,libwrt.a libitloader.a) \
	      $(foreach lib,libwrt libitloader,$(addprefix $(DESTDIR)$(PREFIX)/lib/$(lib).so,.$(VERSION) .$(VERSION_MAJOR) '')) \
	      $(addprefix $(DESTDIR)$(PREFIX)/lib/pkgconfig/,wrt.pc itloader.pc)

# Suite `install`: installs into a temporary prefix and builds a host outside the tree with
# pkg-config alone, shared and static (tests/install/install_test.sh).
TEST_SUITES += install
.PHONY: test-install
test-install: all examples
	@$(SUITE) install tests/install/install_test.sh "$(MAKE)" $(BUILD)/install-test $(EXAMPLES_OUT) \
	    "$(filter -fsanitize=%,$(LDFLAGS))"
