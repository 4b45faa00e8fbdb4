#!/usr/bin/env bash
# run.sh: suite `loader`: loader_test, the header alone (C11 -pedantic, C++), itrun's
# command line, the example in docs/loader.md, and the examples' native output
# against Node's. Usage: run.sh LOADER_TEST FIXTURE_DIR BUILD
set -u
loader_test=$1 fixtures=$2 build=$3
bin=$build/bin itrun=$build/bin/itrun ex=$build/examples
passed=0 failed=0
tmp=$(mktemp -d /tmp/it-loader-run-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# loader_test: its own counts join ours.
out=$("$loader_test" "$fixtures" 2>&1); status=$?
echo "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
line=$(echo "$out" | tail -n 1)
if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
    [ $status -ne 0 ] && [ "${BASH_REMATCH[2]}" = 0 ] && fail "loader_test exited with $status"
else
    fail "loader_test: no summary line (status $status)"
fi

# The header compiles alone, as C11 -pedantic and as C++.
echo '#include "it_loader.h"' > "$tmp/h.c"
if $CC -std=c11 -pedantic -Werror -Wall -Wextra -Iloader/include -fsyntax-only "$tmp/h.c" 2>"$tmp/err"; then pass; else fail "it_loader.h as C11: $(cat "$tmp/err")"; fi
cp "$tmp/h.c" "$tmp/h.cc"
if ${CXX:-g++} -std=c++11 -pedantic -Werror -Wall -Wextra -Iloader/include -fsyntax-only "$tmp/h.cc" 2>"$tmp/err"; then pass; else fail "it_loader.h as C++: $(cat "$tmp/err")"; fi

# expect STATUS STDOUT STDERR-SUBSTRING -- command...: exact stdout, stderr containing the text.
expect() {
    local want_status=$1 want_out=$2 want_err=$3; shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
    local out; out=$(cat "$tmp/out")
    # Errors are one line (usage errors add the usage text after it).
    local first; first=$(head -n 1 "$tmp/err")
    if [ "$got" = "$want_status" ] && [ "$out" = "$want_out" ] &&
       { if [ -z "$want_err" ]; then [ ! -s "$tmp/err" ]; else [[ $first == *"$want_err"* ]] &&
         { [ "$got" = 2 ] || [ "$(wc -l <"$tmp/err")" = 1 ]; }; fi; }; then
        pass
    else
        fail "$* -> status $got (want $want_status), stdout '$out' (want '$want_out'), stderr '$(cat "$tmp/err")' (want '$want_err')"
    fi
}

fizz=$ex/fizzbuzz/it_fizz.wasm buzz=$ex/fizzbuzz/it_buzz.wasm fb=$ex/fizzbuzz/it_fizzbuzz.wasm
strings=$ex/strings/it_strings.wasm

# itrun: command line and errors.
expect 0 "$("$itrun" --help)" "" -- "$itrun" --help
"$itrun" --help | grep -q '^usage: itrun \[--link NAME=ADAPTER.wasm\]... \[--console NAME\]... \[--timeout SECONDS\]' && pass || fail "--help text"
expect 0 "$("$itrun" --version)" "" -- "$itrun" --version
"$itrun" --version | grep -qx 'itrun [0-9.]* (it.interface version 3)' && pass || fail "--version text"
expect 0 "component fizz (it_fizz.wasm)
export isFizz (s32) -> (bool)
export fizzStr () -> (string)
core module fizz.wasm" "" -- "$itrun" --list "$fizz"
expect 0 "component fizzbuzz (it_fizzbuzz.wasm)
export fizzbuzz (s32) -> ()
import fizz.isFizz (s32) -> (bool)
import fizz.fizzStr () -> (string)
import buzz.isBuzz (s32) -> (bool)
import buzz.buzzStr () -> (string)
import console.log (string) -> ()
core module fizzbuzz.wasm" "" -- "$itrun" --list "$fb"
expect 2 "" "itrun: no adapter given" -- "$itrun"
expect 2 "" "itrun: unknown option --frobnicate" -- "$itrun" --frobnicate "$fizz" isFizz 1
expect 2 "" "itrun: --link needs NAME=ADAPTER.wasm" -- "$itrun" --link
expect 2 "" "itrun: --console needs a module NAME" -- "$itrun" --console
expect 2 "" "itrun: --console needs a module NAME" -- "$itrun" --console= "$fizz" isFizz 1
expect 2 "" "itrun: --link fizz: expected NAME=ADAPTER.wasm" -- "$itrun" --link fizz "$fb" fizzbuzz 3
expect 2 "" "itrun: no export given" -- "$itrun" "$fizz"
expect 1 "" "itrun: cannot read adapter $tmp/none.wasm: No such file or directory" -- "$itrun" "$tmp/none.wasm" f
expect 1 "" "itrun: fizz.wasm: no it.interface custom section: not an adapter written by itlc" -- "$itrun" "$ex/fizzbuzz/fizz.wasm" f
echo "text" > "$tmp/bad.wasm"
expect 1 "" "itrun: bad.wasm: not a valid wasm module: malformed module" -- "$itrun" "$tmp/bad.wasm" f
expect 1 "" "itrun: it_fizz.wasm: fizz has no export isFizzz (its exports: isFizz, fizzStr)" -- "$itrun" "$fizz" isFizzz 9
expect 1 "" "itrun: fizz.isFizz expects 1 argument (s32) -> (bool), got 0" -- "$itrun" "$fizz" isFizz
expect 1 "" "itrun: fizz.isFizz expects 1 argument (s32) -> (bool), got 2" -- "$itrun" "$fizz" isFizz 1 2
expect 1 "" "itrun: fizz.fizzStr expects 0 arguments () -> (string), got 1" -- "$itrun" "$fizz" fizzStr x
expect 1 "" "itrun: fizz.isFizz: argument 1 (s32): 2147483648 is out of range (-2147483648..2147483647)" -- "$itrun" "$fizz" isFizz 2147483648
expect 1 "" "itrun: fizz.isFizz: argument 1 (s32): -0x80000001 is out of range" -- "$itrun" "$fizz" isFizz -0x80000001
expect 1 "" "itrun: fizz.isFizz: argument 1 (s32): 'nine' is not an integer" -- "$itrun" "$fizz" isFizz nine
expect 1 "" "itrun: fizz.isFizz: argument 1 (s32): '9n' is not an integer" -- "$itrun" "$fizz" isFizz 9n
expect 1 "" "itrun: fizz.isFizz: argument 1 (s32): '' is not an integer" -- "$itrun" "$fizz" isFizz ""
expect 1 "" "itrun: strings.u64Add: argument 1 (u64): -1 is out of range (0..18446744073709551615)" -- "$itrun" "$strings" u64Add -1 0
expect 1 "" "itrun: strings.u64Add: argument 2 (u64): 18446744073709551616 is out of range" -- "$itrun" "$strings" u64Add 1 18446744073709551616
expect 1 "" "itrun: strings.s64Negate: argument 1 (s64): 9223372036854775808 is out of range (-9223372036854775808..9223372036854775807)" -- "$itrun" "$strings" s64Negate 9223372036854775808
expect 1 "" "itrun: strings.repeat: argument 2 (u32): 4294967296 is out of range (0..4294967295)" -- "$itrun" "$strings" repeat x 4294967296
expect 1 "" "itrun: strings.f64Average: argument 1 (f64): '1.5x' is not a number" -- "$itrun" "$strings" f64Average 1.5x 1
expect 1 "" "itrun: strings.reverse: argument 1 is not valid UTF-8: byte 1: invalid lead byte" -- "$itrun" "$strings" reverse "$(printf 'a\xffb')"
expect 1 "" "itrun: it_fizzbuzz.wasm: fizzbuzz imports fizz.isFizz, which was not provided" -- "$itrun" "$fb" fizzbuzz 3
expect 1 "" "itrun: cannot read adapter $tmp/nope.wasm: No such file" -- "$itrun" --link fizz="$tmp/nope.wasm" "$fb" fizzbuzz 3

# itrun running code: results, console, linking, traps.
expect 0 "true" "" -- "$itrun" "$fizz" isFizz 9
expect 0 "false" "" -- "$itrun" "$fizz" isFizz -0x7
expect 0 "Fizz" "" -- "$itrun" "$fizz" fizzStr
expect 0 "$(sed -n '3,17p' examples/fizzbuzz/expected.txt)" "" -- "$itrun" --link fizz="$fizz" --link=buzz="$buzz" "$fb" fizzbuzz 15
expect 1 "" "itrun: it_fizzbuzz.wasm: fizzbuzz imports buzz.isBuzz, but component fizz (given as 'buzz') has no export isBuzz" -- "$itrun" --link fizz="$fizz" --link buzz="$fizz" "$fb" fizzbuzz 2
expect 0 "18446744073709551615n" "" -- "$itrun" "$strings" u64Add 0xfffffffffffffffe 1n
printf '(export (func _ "trap" unreachable)\n  (func _ "pair" (param string s32) (result s32 string u1) (local 1) (local 0) (as u1 (local 1))))\n' > "$tmp/t.itl"
if "$bin/itlc" "$tmp/t.itl" -o "$tmp/it_t.wasm" 2>"$tmp/err"; then
    expect 1 "" "itrun: t.trap: unreachable" -- "$itrun" "$tmp/it_t.wasm" trap
    expect 0 "[ 7, \"it's\", true ]" "" -- "$itrun" "$tmp/it_t.wasm" pair "it's" 7
else
    fail "itlc t.itl: $(cat "$tmp/err")"
fi
# A trap inside a core module, reached through the adapter: one line naming the export.
printf '(module (func (export "boom") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))\n' > "$tmp/m.wat"
printf '(module m "m.wasm" (func boom "boom" (param i32) (result i32)))\n(export (func _ "divide" (param s32) (result s32) (as s32 (call boom (as i32 (local 0))))))\n' > "$tmp/m.itl"
if wat2wasm "$tmp/m.wat" -o "$tmp/m.wasm" 2>"$tmp/err" && "$bin/itlc" "$tmp/m.itl" -o "$tmp/it_m.wasm" 2>>"$tmp/err"; then
    expect 1 "" "itrun: m.divide: integer divide by zero" -- "$itrun" "$tmp/it_m.wasm" divide 0
    expect 0 "1" "" -- "$itrun" "$tmp/it_m.wasm" divide 1
    rm "$tmp/m.wasm"
    expect 1 "" "itrun: m._it_init: load_wasm: cannot read core module $tmp/m.wasm: No such file or directory" -- "$itrun" "$tmp/it_m.wasm" divide 1
    # The core path is shown normalised, as Node's path.resolve shows it, whatever
    # `.`, `..` or `//` the adapter path had (the native loader printed /x/./m.wasm).
    mkdir -p "$tmp/rel/sub" && cp "$tmp/it_m.wasm" "$tmp/rel/sub/"
    itrun_path=$(realpath "$itrun") js_loader=$(realpath loader/js/it_loader.js)
    for adapter in ./sub/it_m.wasm sub/./it_m.wasm .//sub/../sub/it_m.wasm "$tmp/rel/./sub//it_m.wasm"; do
        expect 1 "" "itrun: m._it_init: load_wasm: cannot read core module $tmp/rel/sub/m.wasm: No such file or directory" -- \
            env -C "$tmp/rel" "$itrun_path" "$adapter" divide 1
        node_message=$(cd "$tmp/rel" && node -e "try { require('$js_loader').instantiateSync(process.argv[1], {}) } catch (e) { console.log(e.message) }" "$adapter")
        [ "$node_message" = "m: _it_init: load_wasm: cannot read core module $tmp/rel/sub/m.wasm: No such file or directory (ENOENT)" ] && pass ||
            fail "Node's message for $adapter: '$node_message'"
    done
else
    fail "core trap fixture: $(cat "$tmp/err")"
fi
# --console NAME: imports from NAME print like console's; only imports without results.
expect 1 "" "itrun: it_textstats.wasm: textstats imports log.log, which was not provided" -- "$itrun" "$ex/textstats/it_textstats.wasm" wordCount "a b"
expect 0 "reverseWords: 2 words, 3 bytes
b a" "" -- "$itrun" --console log "$ex/textstats/it_textstats.wasm" reverseWords "a b"
expect 1 "" "itrun: it_fizzbuzz.wasm imports fizz.isFizz as (s32) -> (bool), but itrun's console functions return nothing" -- "$itrun" --console=fizz "$fb" fizzbuzz 3
# A console import with every kind of value, like console.log.
printf '(import "console" (func log "log" (param string u1 s64 f32 u8)) (func warn "warn" (param f64)))\n(export (func _ "go" (param string f32 f64) (call log (local 0) (as u1 1) -5 (local 1) (as u8 255)) (call warn (local 2))))\n' > "$tmp/c.itl"
if "$bin/itlc" "$tmp/c.itl" -o "$tmp/it_c.wasm" 2>"$tmp/err"; then
    expect 0 "a b true -5n 0.10000000149011612 255
1e+21" "" -- "$itrun" "$tmp/it_c.wasm" go "a b" 0.1 1e21
else
    fail "itlc c.itl: $(cat "$tmp/err")"
fi

# WASI for core modules: --dir gives the files example its /data, without it
# the core module sees no file; bad --dir and --env values are refused.
notes=$ex/files/it_notes.wasm
expect 0 "[core] /data/notes.txt has 4 lines
4" "" -- "$itrun" --dir examples/files/data::/data "$notes" lineCount notes.txt
expect 0 "[core] cannot open /data/notes.txt: Capabilities insufficient
-1" "" -- "$itrun" "$notes" lineCount notes.txt
expect 0 "[core] cannot open /data/../secret.txt: Capabilities insufficient
-1" "" -- "$itrun" --dir examples/files/data::/data "$notes" lineCount ../secret.txt
expect 1 "" "itrun: WASI: cannot open directory '$tmp/nope': No such file or directory" -- \
    "$itrun" --dir "$tmp/nope" "$notes" lineCount notes.txt
expect 2 "" "--env takes NAME=VALUE, not 'X'" -- "$itrun" --env X "$notes" lineCount notes.txt
expect 2 "" "--dir takes HOST[::GUEST]" -- "$itrun" --dir "a::" "$notes" lineCount notes.txt

# The examples: every examples/NAME/ with an ITL file has a native twin of its Node host
# (docs/loader.md, "Examples"); a directory without one fails, it is never skipped.
#  - main.c ($bin/NAME_native): prints expected.txt, and so does the Node host main.js/main.mjs;
#  - calls.txt: each call prints the same through itrun (loader/itrun/calls.sh) as
#    through the Node loader (tests/loader/node_call.js --calls), and succeeds.
for itl_dir in $(ls -d examples/*/ | sort); do
    name=$(basename "$itl_dir") twins=0
    ls "$itl_dir"*.itl >/dev/null 2>&1 || continue
    if [ -f "examples/$name/main.c" ]; then
        twins=1
        out=$("$bin/${name}_native" "$ex/$name" 2>&1)
        [ "$out" = "$(cat "examples/$name/expected.txt")" ] && pass ||
            fail "$bin/${name}_native differs from examples/$name/expected.txt: $(diff <(echo "$out") "examples/$name/expected.txt" | head -5)"
        host=$(ls "examples/$name/main.js" "examples/$name/main.mjs" 2>/dev/null | head -1)
        out=$(node "$host" "$ex/$name" 2>&1)
        [ -n "$host" ] && [ "$out" = "$(cat "examples/$name/expected.txt")" ] && pass ||
            fail "examples/$name: Node host '$host' does not print expected.txt"
    fi
    if [ -f "examples/$name/calls.txt" ]; then
        twins=1
        loader/itrun/calls.sh "$itrun" "examples/$name/calls.txt" "$ex/$name" "$tmp/$name.native"
        node tests/loader/node_call.js --calls "examples/$name/calls.txt" "$ex/$name" "$tmp/$name.node" 2>"$tmp/err" ||
            fail "node_call.js --calls examples/$name/calls.txt: $(cat "$tmp/err")"
        count=$(ls "$tmp/$name.native" | wc -l)
        [ "$count" -gt 0 ] && [ "$count" = "$(ls "$tmp/$name.node" | wc -l)" ] ||
            fail "examples/$name/calls.txt: $count native outputs, $(ls "$tmp/$name.node" | wc -l) from Node"
        for k in $(seq 1 "$count"); do
            call=$(grep -v '^#' "examples/$name/calls.txt" | grep -v '^ *$' | sed -n "${k}p")
            if ! cmp -s "$tmp/$name.native/$k" "$tmp/$name.node/$k"; then
                fail "examples/$name/calls.txt call $k ($call): itrun '$(cat "$tmp/$name.native/$k")', node '$(cat "$tmp/$name.node/$k")'"
            elif grep -q '^exit [0-9]*$' "$tmp/$name.native/$k"; then
                fail "examples/$name/calls.txt call $k ($call) failed: $(cat "$tmp/$name.native/$k")"
            else
                pass
            fi
        done
    fi
    [ $twins = 1 ] || fail "examples/$name has no native twin (main.c or calls.txt, see docs/loader.md)"
done

# Rich types (docs/abi.md "Types"): tests/loader/rich/calls.txt through
# itrun and through the Node loader. A call that succeeds prints the same on
# both sides; one that fails (bad input) fails on both.
rich=$tmp/rich
mkdir -p "$rich"
if "$bin/itlc" tests/loader/rich/rich.itl -o "$rich/it_rich.wasm" &&
   "$bin/itlc" tests/loader/rich/rich_link.itl -o "$rich/it_rich_link.wasm"; then
    loader/itrun/calls.sh "$itrun" tests/loader/rich/calls.txt "$rich" "$rich/native"
    node tests/loader/node_call.js --calls tests/loader/rich/calls.txt "$rich" "$rich/node" 2>"$tmp/err" ||
        fail "node_call.js --calls tests/loader/rich/calls.txt: $(cat "$tmp/err")"
    count=$(ls "$rich/native" | wc -l)
    [ "$count" -gt 30 ] && [ "$count" = "$(ls "$rich/node" | wc -l)" ] ||
        fail "rich calls: $count native outputs, $(ls "$rich/node" | wc -l) from Node"
    for k in $(seq 1 "$count"); do
        call=$(grep -v '^#' tests/loader/rich/calls.txt | grep -v '^ *$' | sed -n "${k}p")
        native_failed=0 node_failed=0
        grep -q '^exit [0-9]*$' "$rich/native/$k" && native_failed=1
        grep -q '^exit [0-9]*$' "$rich/node/$k" && node_failed=1
        if [ $native_failed != $node_failed ]; then
            fail "rich call $k ($call): itrun '$(cat "$rich/native/$k")', node '$(cat "$rich/node/$k")'"
        elif [ $native_failed = 0 ] && ! cmp -s "$rich/native/$k" "$rich/node/$k"; then
            fail "rich call $k ($call): itrun '$(cat "$rich/native/$k")', node '$(cat "$rich/node/$k")'"
        else
            pass
        fi
    done
else
    fail "itlc cannot compile tests/loader/rich/rich.itl"
fi

# itrun prints what Node's console.log prints (tests/loader/inspect): random
# values of random IT types through both, compared byte for byte.
if out=$(tests/loader/inspect/run.sh "$bin" 1 1000 2>&1); then pass; else fail "tests/loader/inspect/run.sh: $out"; fi

# Values an adapter hands out are checked (tests/js/fixtures/hostile_values.wat,
# built by the Node tests' helper): the same traps as rich.test.js checks in Node.
hv=$tmp/hostile_values
mkdir -p "$hv"
if node -e "require('./tests/js/helpers.js').fixture('hostile_values', { dir: process.argv[1] })" "$hv"; then
    a=$hv/it_hostile_values.wasm
    expect 1 "" "itrun: hostile_values.badEnum: result 1 is not a case of color: 7 (it has 3)" -- "$itrun" "$a" badEnum
    expect 1 "" "itrun: hostile_values.badChar: result 1 is not a char: 55296 (0xd800) is not a Unicode scalar value" -- "$itrun" "$a" badChar
    expect 1 "" "itrun: hostile_values.bigChar: result 1 is not a char: 1114112 (0x110000)" -- "$itrun" "$a" bigChar
    expect 0 "{ read: true, write: true, exec: true }" "" -- "$itrun" "$a" extraFlags
    expect 1 "" "itrun: hostile_values.stringAsPoint: result 1 is not a value of type point (it is a string)" -- "$itrun" "$a" stringAsPoint x
    expect 1 "" "itrun: hostile_values.nullPoint: result 1 is not a value of type point (it is null)" -- "$itrun" "$a" nullPoint
    expect 1 "" "itrun: hostile_values.pointAsList: result 1 is not a value of type points (it is a value of type point)" -- "$itrun" "$a" pointAsList "{x: 1, y: 2}"
else
    fail "cannot build the hostile_values fixture"
fi

# value_make and value_take called as itlc never would (tests/js/fixtures/hostile_make.wat):
# each export does what hostile_make.expected says, as in Node (rich.test.js).
hm=$tmp/hostile_make
mkdir -p "$hm"
if node -e "require('./tests/js/helpers.js').fixture('hostile_make', { dir: process.argv[1] })" "$hm"; then
    while IFS='|' read -r name argument want; do
        [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
        if [ -n "$argument" ]; then
            "$itrun" "$hm/it_hostile_make.wasm" "$name" "$argument" >"$tmp/out" 2>"$tmp/err"; status=$?
        else
            "$itrun" "$hm/it_hostile_make.wasm" "$name" >"$tmp/out" 2>"$tmp/err"; status=$?
        fi
        if [ "${want#trap: }" != "$want" ]; then
            if [ $status = 1 ] && [ ! -s "$tmp/out" ] && grep -qF -- "itrun: ${want#trap: }" "$tmp/err"; then pass
            else fail "hostile_make $name: status $status, stderr '$(cat "$tmp/err")' (want '$want')"; fi
        elif [ $status = 0 ] && [ "$(cat "$tmp/out")" = "$want" ]; then
            pass
        else
            fail "hostile_make $name: status $status, '$(cat "$tmp/out")' '$(cat "$tmp/err")' (want '$want')"
        fi
    done <tests/js/fixtures/hostile_make.expected
else
    fail "cannot build the hostile_make fixture"
fi

# Canonical-ABI values a core module lies about (tests/loader/rich/canon_core.wat
# under hostile_canon.itl): each export traps as hostile_canon.expected says.
hc=$tmp/hostile_canon
mkdir -p "$hc"
if wat2wasm tests/loader/rich/canon_core.wat -o "$hc/canon_core.wasm" &&
   "$bin/itlc" --core-dir "$hc" --require-core tests/loader/rich/hostile_canon.itl -o "$hc/it_hostile_canon.wasm"; then
    while IFS='|' read -r name message; do
        [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
        "$itrun" "$hc/it_hostile_canon.wasm" "$name" >"$tmp/out" 2>"$tmp/err"; status=$?
        if [ $status = 1 ] && [ ! -s "$tmp/out" ] && grep -qF -- "itrun: $message" "$tmp/err"; then
            pass
        else
            fail "hostile_canon $name: status $status, stderr '$(cat "$tmp/err")' (want '$message')"
        fi
    done <tests/loader/rich/hostile_canon.expected
else
    fail "cannot build tests/loader/rich/hostile_canon.itl"
fi

# Memory stays bounded (issue 5): max RSS of `itrun ... fizzbuzz N` (console output to
# /dev/null) for N = 1000000 against N = 10000, in plain builds (sanitizers inflate and slow
# it). One outermost call makes two strings a line (fizzStr/buzzStr, the console.log text);
# itlc's scope_enter/scope_exit free them as each shim returns (docs/abi.md, "String
# lifetime"), so the million-line call stays within 10% + 2 MiB of the small one.
rss() { /usr/bin/time -f %M "$itrun" --link fizz="$fizz" --link buzz="$buzz" "$fb" fizzbuzz "$1" 2>&1 >/dev/null | tail -n 1; }
if [[ $build != *san-* ]] && [ -x /usr/bin/time ]; then
    small=$(rss 10000) large=$(rss 1000000)
    if [[ $small =~ ^[0-9]+$ && $large =~ ^[0-9]+$ ]]; then
        if [ "$large" -le $((small + small / 10 + 2048)) ]; then pass
        else fail "fizzbuzz(1000000) max RSS ${large} KiB vs fizzbuzz(10000) ${small} KiB: strings made within one call are not freed"; fi
    else
        fail "max RSS of itrun fizzbuzz: '$small' / '$large'"
    fi
fi

# The example program of docs/loader.md, extracted, built and run.
# block MARKER: the fenced block right after the line MARKER.
block() { awk -v marker="$1" '$0 == marker { f = 1; next } f == 1 && /^```/ { f = 2; next } f == 2 && /^```$/ { exit } f == 2 { print }' docs/loader.md; }
block '<!-- example: loader_example.c -->' > "$tmp/loader_example.c"
expected=$(block '<!-- output: loader_example -->')
if [ ! -s "$tmp/loader_example.c" ] || [ -z "$expected" ]; then
    fail "docs/loader.md: no example program or output block"
elif ! $CC $CFLAGS -Iloader/include "$tmp/loader_example.c" $LDFLAGS "$LOADER_LIB" "$RUNTIME_LIB" $LDLIBS -o "$tmp/loader_example" 2>"$tmp/err"; then
    fail "docs/loader.md example does not compile: $(cat "$tmp/err")"
else
    pass
    expect 0 "$expected" "" -- "$tmp/loader_example" "$ex/fizzbuzz"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
