#!/usr/bin/env bash
# tests/install/install_test.sh: suite `install`: `make install` into a temporary prefix, then a
# host program outside the tree (a copy of examples/fizzbuzz/main.c) built with pkg-config
# alone, against the shared and the static libraries, must print examples/fizzbuzz/expected.txt;
# the shared libraries export only wrt_* and it_*; `make uninstall` removes every file.
# Usage: install_test.sh MAKE WORKDIR EXAMPLES_DIR [SANITIZER_FLAGS]
# (a sanitized build's libraries need the host built with the same -fsanitize flags)
set -u
make=$1 dir=$2 examples=$(cd "$3" && pwd) san=${4:-}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
rm -rf "$dir" && mkdir -p "$dir/host" || exit 1
dir=$(cd "$dir" && pwd) prefix=$(cd "$dir" && pwd)/prefix
if $make --no-print-directory install PREFIX="$prefix" > "$dir/install.log" 2>&1; then ok; else
    bad "make install PREFIX=$prefix: $(tail -3 "$dir/install.log")"; echo "$pass passed, $fail failed"; exit 1; fi
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
for file in bin/itlc bin/itrun bin/wrun include/wrt.h include/wrt_wasi.h include/it_loader.h \
            lib/libwrt.a lib/libitloader.a lib/libwrt.so lib/libitloader.so lib/pkgconfig/itloader.pc; do
    [ -e "$prefix/$file" ] && ok || bad "not installed: $file"
done
[ "$(readlink "$prefix/lib/libwrt.so.0")" = libwrt.so.0.1.0 ] && ok || bad "libwrt.so.0 is not a link to libwrt.so.0.1.0"
[ "$(objdump -p "$prefix/lib/libitloader.so" | awk '/SONAME/ {print $2}')" = libitloader.so.0 ] && ok ||
    bad "libitloader.so's soname is not libitloader.so.0"

# Only the public API is global in what is installed, shared or static.
for lib in libwrt libitloader; do
    others=$(nm -D --defined-only "$prefix/lib/$lib.so" | awk '$2 ~ /[A-Z]/ && $3 !~ /^(wrt|it)_/ {print $3}' | head -5)
    [ -z "$others" ] && ok || bad "$lib.so exports names outside wrt_*/it_*: $others"
    others=$(nm --defined-only "$prefix/lib/$lib.a" | awk 'NF == 3 && $2 ~ /[A-Z]/ && $3 !~ /^(wrt|it)_/ {print $3}' | head -5)
    [ -z "$others" ] && ok || bad "$lib.a has globals outside wrt_*/it_*: $others"
done
# An outside host: its own folder, nothing of the tree but the source.
cp examples/fizzbuzz/main.c "$dir/host/main.c"
cd "$dir/host" || exit 1
expected=$(cat "$OLDPWD/examples/fizzbuzz/expected.txt")
if cc -std=c11 -Wall -Werror $san main.c $(pkg-config --cflags --libs itloader) -o host_shared 2> build.err; then ok; else
    bad "shared build with pkg-config --cflags --libs itloader: $(head -3 build.err)"; fi
[ "$(LD_LIBRARY_PATH=$prefix/lib ./host_shared "$examples/fizzbuzz" 2>&1)" = "$expected" ] && ok ||
    bad "the shared host does not print examples/fizzbuzz/expected.txt"
LD_LIBRARY_PATH=$prefix/lib ldd ./host_shared | grep -q "libitloader.so.0 => $prefix/lib/" && ok ||
    bad "the shared host does not use the installed libitloader.so.0"
# Static: the archives only (the shared libraries moved away, so -l finds the .a).
mkdir -p "$dir/so" && mv "$prefix"/lib/*.so* "$dir/so/"
if cc -std=c11 -Wall -Werror $san main.c $(pkg-config --static --cflags --libs itloader) -o host_static 2> build.err; then ok; else
    bad "static build with pkg-config --static: $(head -3 build.err)"; fi
[ "$(./host_static "$examples/fizzbuzz" 2>&1)" = "$expected" ] && ok ||
    bad "the static host does not print examples/fizzbuzz/expected.txt"
ldd ./host_static 2>&1 | grep -q "libitloader\|libwrt" && bad "the static host still needs a shared library" || ok
# So a host may define names the libraries use inside (array_push, module_decode).
printf '#include "it_loader.h"
int array_push(void);
int array_push(void) { return 1; }
int module_decode(void);
int module_decode(void) { return 2; }
int main(void) { it_context *c; if (it_context_new(&c)) return 1; it_context_delete(c); return array_push() + module_decode() - 3; }
' > "$dir/host/clash.c"
if (cd "$dir/host" && cc -std=c11 $san clash.c $(pkg-config --static --cflags --libs itloader) -o clash 2> clash.err && ./clash); then ok; else
    bad "a host defining array_push and module_decode does not link or run: $(head -3 "$dir/host/clash.err")"; fi


# One version everywhere: the three tools say the one pkg-config gives.
for tool in itlc itrun wrun; do
    [ "$("$prefix/bin/$tool" --version | awk '{print $2}')" = "$(pkg-config --modversion wrt)" ] && ok ||
        bad "$tool --version ($("$prefix/bin/$tool" --version)) differs from pkg-config's $(pkg-config --modversion wrt)"
done
# The version pkg-config gives is the headers'.
printf '#include <stdio.h>\n#include "it_loader.h"\n#include "wrt.h"\nint main(void) { printf("%%s %%s\\n", WRT_VERSION, IT_LOADER_VERSION); return 0; }\n' > version.c
cc version.c $(pkg-config --cflags itloader) -o version 2>/dev/null
[ "$(./version)" = "$(pkg-config --modversion wrt) $(pkg-config --modversion itloader)" ] && ok ||
    bad "pkg-config --modversion ($(pkg-config --modversion wrt)) differs from the headers ($(./version))"
cd "$OLDPWD" || exit 1
mv "$dir"/so/* "$prefix/lib/"

if $make --no-print-directory uninstall PREFIX="$prefix" > "$dir/uninstall.log" 2>&1; then ok; else bad "make uninstall"; fi
left=$(find "$prefix" -type f -o -type l | head -5)
[ -z "$left" ] && ok || bad "left after make uninstall: $left"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
