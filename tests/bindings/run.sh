#!/usr/bin/env bash
# tests/bindings/run.sh: suite `bindings`, the typed bindings itlc writes (docs/itl.md "Typed
# bindings"): --emit-dts (TypeScript declarations of loader/js's values) and --emit-header
# (C wrappers over it_loader.h). Usage: run.sh [--bless]
#   golden         the .d.ts and .h of tests/loader/rich/rich.itl and golden/names.itl must be
#                  golden/NAME.d.ts and golden/NAME.h exactly (--bless rewrites them)
#   headers        every example's header, and the golden ones, compile as C11 -pedantic (cc,
#                  clang) and as C++17 (clang++, g++: those installed), twice in one unit and
#                  side by side
#   TypeScript     every example's .d.ts and the golden ones pass tsc --strict together with
#                  the TypeScript hosts (examples/*/main.ts, ts/rich_host.ts); the hosts' JS
#                  runs: each examples/NAME/main.ts prints examples/NAME/expected.txt, rich_host
#                  checks the values rich gives at run time; each ts/wrong_*.ts must fail to
#                  type-check with the one error its `// expect:` line names
#   C hosts        $BIN/sample_typed (examples/sample/typed/main.c on it_sample.h) prints
#                  examples/sample/expected.txt; $BIN/bindings_rich_test runs it_rich.h's
#                  wrappers, and rich_bind refuses adapters whose exports differ
#   adapters       the bindings of each example's adapter (it_NAME.wasm, read back from its
#                  it.interface section) are those of its .itl; adapters that are not: one error
#   errors         every tests/itlc/errors/*.itl with --emit-dts and --emit-header: exit 1, the
#                  same diagnostics as without (errors/NAME.err), no output file; the command line
# Prints "N passed, M failed" last; exits non-zero iff M > 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
build=${BUILD:-build}
bin=${BIN:-$root/$build/bin}
itlc=$bin/itlc
tsc=$root/tools/npm/node_modules/.bin/tsc
bless=0
[ "${1:-}" = --bless ] && bless=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# ---- golden: rich.itl (every kind of type) and names.itl (names that need care)
for itl in tests/loader/rich/rich.itl "$here/golden/names.itl"; do
    name=$(basename "$itl" .itl)
    for kind in d.ts h; do
        flag=--emit-dts
        [ $kind = h ] && flag=--emit-header
        if ! (cd "$(dirname "$itl")" && "$itlc" $flag "$name.itl" -o "$work/$name.$kind") 2>"$work/err"; then
            fail "golden/$name.$kind: itlc $flag failed: $(cat "$work/err")"
            continue
        fi
        [ $bless = 1 ] && cp "$work/$name.$kind" "$here/golden/$name.$kind"
        if diff -u "$here/golden/$name.$kind" "$work/$name.$kind" >"$work/diff" 2>&1; then
            pass
        else
            fail "golden/$name.$kind differs from itlc $flag (run tests/bindings/run.sh --bless to accept):"
            head -40 "$work/diff"
        fi
    done
done

# ---- every example's bindings, and the golden inputs', into $gen (mirroring the tree, so that
# tsc's rootDirs find ./it_NAME beside each host)
gen=$work/gen
mkdir -p "$gen/golden" "$gen/tests/bindings/ts"
for itl in examples/*/*.itl; do
    dir=$gen/$(dirname "$itl") name=$(basename "$itl" .itl)
    mkdir -p "$dir"
    if "$itlc" --emit-dts "$itl" -o "$dir/it_$name.d.ts" 2>"$work/err" &&
        "$itlc" --emit-header "$itl" -o "$dir/it_$name.h" 2>>"$work/err"; then
        pass
    else
        fail "$itl: itlc --emit-dts / --emit-header: $(cat "$work/err")"
    fi
done
cp "$here/golden/rich.h" "$here/golden/names.h" "$gen/golden/" 2>/dev/null
cp "$here/golden/rich.d.ts" "$gen/tests/bindings/ts/it_rich.d.ts" 2>/dev/null
cp "$here/golden/names.d.ts" "$gen/tests/bindings/ts/it_names.d.ts" 2>/dev/null
# the wrong_*.ts snippets' declarations
for d in fizzbuzz/it_fizz fizzbuzz/it_buzz fizzbuzz/it_fizzbuzz strings/it_strings kv/it_kv; do
    cp "$gen/examples/$d.d.ts" "$gen/tests/bindings/ts/" 2>/dev/null
done

# ---- headers: C11 -pedantic and C++17, each dir's headers twice in one unit (include guards,
# the shared block of several headers)
compilers=()
for cc in cc clang; do command -v $cc >/dev/null && compilers+=("$cc -std=c11 -Wstrict-prototypes -Wmissing-prototypes"); done
for cxx in clang++ g++; do command -v $cxx >/dev/null && compilers+=("$cxx -x c++ -std=c++17"); done
[ ${#compilers[@]} -ge 2 ] || fail "headers: found ${#compilers[@]} of cc, clang, clang++, g++ (want a C and a C++ compiler)"
for dir in $(find "$gen" -name '*.h' -exec dirname {} \; | sort -u); do
    unit=$work/unit_$(echo "${dir#$gen/}" | tr / _).c
    : >"$unit"
    for round in 1 2; do
        for header in "$dir"/*.h; do echo "#include \"$(basename "$header")\"" >>"$unit"; done
    done
    echo 'int main(void) { return 0; }' >>"$unit"
    for compiler in "${compilers[@]}"; do
        if $compiler -pedantic -Wall -Wextra -Werror -Wshadow -fsyntax-only -Iloader/include -I"$dir" "$unit" \
            2>"$work/err"; then
            pass
        else
            fail "headers in ${dir#$gen/} as '$compiler': $(head -5 "$work/err")"
        fi
    done
done

# ---- TypeScript: the declarations and the hosts, tsc --strict (no @types: tests/bindings/ts/node.d.ts)
tsconfig() { # tsconfig FILE OUT_DIR_OR_EMPTY SOURCES...
    local file=$1 out=$2 list="" source
    shift 2
    for source in "$@"; do list="$list${list:+, }\"$source\""; done
    cat >"$file" <<EOF
{ "compilerOptions": { "strict": true, "types": [], "lib": ["es2020"], "target": "es2020",
    "module": "commonjs", "rootDir": "$root", "rootDirs": ["$root", "$gen"],
    $([ -n "$out" ] && echo "\"outDir\": \"$out\"" || echo '"noEmit": true') },
  "files": [$list] }
EOF
}
if [ ! -x "$tsc" ]; then
    fail "TypeScript: no $tsc (tools/install-deps.sh installs it)"
else
    hosts=$(ls "$root"/examples/*/main.ts)
    tsconfig "$work/tsconfig.json" "$work/out" "$here/ts/node.d.ts" $hosts "$here/ts/rich_host.ts" \
        $(find "$gen" -name '*.d.ts' | sort)
    if "$tsc" -p "$work/tsconfig.json" >"$work/tsc.out" 2>&1; then
        pass
    else
        fail "tsc --strict of every .d.ts and the TypeScript hosts:"
        head -30 "$work/tsc.out"
    fi
    # the hosts' JavaScript runs where main.js does: ../../loader/js/it_loader.js beside it
    mkdir -p "$work/out/loader/js"
    cp loader/js/it_loader.js "$work/out/loader/js/"
    for host in $hosts; do
        name=$(basename "$(dirname "$host")") host=${host#$root/}
        if node "$work/out/examples/$name/main.js" "$build/examples/$name" >"$work/$name.out" 2>&1 &&
            cmp -s "$work/$name.out" "examples/$name/expected.txt"; then
            pass
        else
            fail "$host (tsc's JavaScript) does not print examples/$name/expected.txt:"
            diff "$work/$name.out" "examples/$name/expected.txt" | head -10
        fi
    done
    for name in fizzbuzz tutorial sample kv; do
        [ -f "examples/$name/main.ts" ] && pass || fail "examples/$name has no TypeScript host main.ts"
    done
    mkdir -p "$work/rich"
    if "$itlc" tests/loader/rich/rich.itl -o "$work/rich/it_rich.wasm" 2>"$work/err" &&
        node "$work/out/tests/bindings/ts/rich_host.js" "$work/rich/it_rich.wasm" >"$work/rich.out" 2>&1 &&
        grep -q '^rich_host: [0-9]* checks passed$' "$work/rich.out"; then
        pass
    else
        fail "ts/rich_host.ts: $(cat "$work/err" "$work/rich.out" 2>/dev/null | head -5)"
    fi
    # wrong uses must fail, with exactly the error they expect
    for wrong in "$here"/ts/wrong_*.ts; do
        tsconfig "$work/wrong.json" "" "$here/ts/node.d.ts" "$wrong" $(ls "$gen"/tests/bindings/ts/*.d.ts)
        expect=$(sed -n 's|^// expect: ||p' "$wrong")
        "$tsc" -p "$work/wrong.json" >"$work/wrong.out" 2>&1
        status=$?
        if [ $status -ne 0 ] && [ "$(grep -c 'error TS' "$work/wrong.out")" = 1 ] &&
            grep -qF -- "$expect" "$work/wrong.out"; then
            pass
        else
            fail "ts/$(basename "$wrong"): tsc exited $status, want one error '$expect':"
            head -5 "$work/wrong.out"
        fi
    done
    # the declarations as the loader's own types (loader/js/it_loader.d.ts) take them
    if [ -f loader/js/it_loader.d.ts ]; then
        tsconfig "$work/loader.json" "" "$here/ts/with_loader_types.ts" $(ls "$gen"/tests/bindings/ts/*.d.ts)
        sed -i 's|"lib": \["es2020"\]|"lib": ["es2020", "dom"]|' "$work/loader.json"
        if "$tsc" -p "$work/loader.json" >"$work/loader.out" 2>&1; then
            pass
        else
            fail "ts/with_loader_types.ts against loader/js/it_loader.d.ts:"
            head -10 "$work/loader.out"
        fi
    fi
fi

# ---- C hosts on generated headers
out=$("$bin/sample_typed" "$build/examples/sample" 2>&1)
[ "$out" = "$(cat examples/sample/expected.txt)" ] && pass ||
    fail "sample_typed differs from examples/sample/expected.txt: $(diff <(echo "$out") examples/sample/expected.txt | head -5)"
if [ -f "$work/rich/it_rich.wasm" ] || "$itlc" tests/loader/rich/rich.itl -o "$work/rich/it_rich.wasm"; then
    "$bin/bindings_rich_test" "$work/rich/it_rich.wasm" >"$work/rich_test.out" 2>&1
    grep -v '^[0-9]* passed, [0-9]* failed$' "$work/rich_test.out"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/rich_test.out" | tail -n 1)
    if [ -n "$line" ]; then
        passed=$((passed + $(echo "$line" | awk '{print $1}')))
        failed=$((failed + $(echo "$line" | awk '{print $3}')))
    else
        fail "bindings_rich_test did not run: $(head -3 "$work/rich_test.out")"
    fi
fi
# rich_bind against adapters that are not rich's: another enum order, another kind, an export missing
bind_expect() { # bind_expect ITL_TEXT EXPECTED_LINE
    printf '%s\n' "$1" >"$work/rich/other.itl"
    if "$itlc" "$work/rich/other.itl" -o "$work/rich/it_other.wasm" 2>"$work/err"; then
        got=$("$bin/bindings_rich_test" --bind "$work/rich/it_other.wasm" 2>&1)
        [ "$got" = "$2" ] && pass || fail "rich_bind: got '$got', want '$2'"
    else
        fail "rich_bind: itlc: $(cat "$work/err")"
    fi
}
bind_expect "$(sed 's/(enum color red green blue)/(enum color red blue green)/' tests/loader/rich/rich.itl)" \
    "wrong argument count or type: color"
bind_expect '(export (func _ "point" (param u32) (result u32) (local 0)))' "wrong argument count or type: point"
bind_expect "(types (record point (field x f64) (field y f64)))
(export (func _ \"point\" (param point) (result point) (local 0)))" "no such export: other has no export person"
[ "$("$bin/bindings_rich_test" --bind "$work/rich/it_rich.wasm" 2>&1)" = "ok: " ] && pass ||
    fail "rich_bind refuses it_rich.wasm"

# ---- an adapter as input: the bindings from its it.interface section are those of its .itl
# (but for the file named on the first line, and parameter names, which the section lacks:
# the .d.ts is compared with parameter names blanked, the .h where the .itl names none)
blank_params() { sed -E '1d; s/([(]|, )[A-Za-z_$][A-Za-z0-9_$]*: /\1_: /g' "$1"; }
for itl in examples/*/*.itl; do
    name=$(basename "$itl" .itl) example=$(basename "$(dirname "$itl")")
    adapter=$build/examples/$example/it_$name.wasm
    if ! "$itlc" --emit-dts "$adapter" -o "$work/from_wasm.d.ts" 2>"$work/err" ||
        ! "$itlc" --emit-header "$adapter" -o "$work/from_wasm.h" 2>>"$work/err"; then
        fail "$adapter: itlc --emit-dts / --emit-header: $(cat "$work/err")"
        continue
    fi
    if cmp -s <(blank_params "$work/from_wasm.d.ts") <(blank_params "$gen/examples/$example/it_$name.d.ts"); then
        pass
    else
        fail "$adapter: its .d.ts is not that of $itl:"
        diff <(blank_params "$work/from_wasm.d.ts") <(blank_params "$gen/examples/$example/it_$name.d.ts") | head -10
    fi
    if ! grep -q '(param \$' "$itl"; then
        cmp -s <(sed 1d "$work/from_wasm.h") <(sed 1d "$gen/examples/$example/it_$name.h") && pass ||
            fail "$adapter: its .h is not that of $itl"
    fi
done
# adapters that are not, or not readable: one error, exit 1, no output
bad_adapter() { # bad_adapter FILE MESSAGE_PATTERN
    "$itlc" --emit-dts "$1" -o "$work/bad.d.ts" 2>"$work/err"
    local status=$?
    if [ $status -eq 1 ] && [ ! -e "$work/bad.d.ts" ] &&
        grep -qxE "itlc: error: '$1' is not an adapter itlc can read the interface of: $2" "$work/err"; then
        pass
    else
        fail "bad adapter $1: status $status, got: $(cat "$work/err")"
    fi
}
fizz_adapter=$build/examples/fizzbuzz/it_fizz.wasm
bad_adapter "$build/examples/fizzbuzz/fizz.wasm" "it has no it.interface custom section \(itlc writes one in every adapter\)"
size=$(wc -c <"$fizz_adapter")
head -c $((size - 3)) "$fizz_adapter" >"$work/truncated.wasm"
bad_adapter "$work/truncated.wasm" "malformed at byte offset [0-9]+: count larger than the section"
# the version (the byte after the section's name) made 2; a second it.interface section appended
node -e '
const fs = require("fs"), [adapter, out2, out_two] = process.argv.slice(1);
const bytes = fs.readFileSync(adapter), at = bytes.indexOf(Buffer.from("\x0cit.interface")) + 13;
const v2 = Buffer.from(bytes); v2[at] = 2; fs.writeFileSync(out2, v2);
const section = Buffer.from([0, 14, 12, ...Buffer.from("it.interface"), 3]);
fs.writeFileSync(out_two, Buffer.concat([bytes, section]));
console.log(at);' "$fizz_adapter" "$work/v2.wasm" "$work/two.wasm" >"$work/at"
bad_adapter "$work/v2.wasm" "its it.interface section is malformed at byte offset $(($(cat "$work/at") + 1)): it.interface version 2 \(this itlc reads version 3\)"
bad_adapter "$work/two.wasm" "malformed at byte offset $size: two it.interface sections"
mkdir -p "$work/adapter" && cp "$fizz_adapter" "$work/adapter/"
expect_default() { "$itlc" "$1" "$work/adapter/it_fizz.wasm" 2>/dev/null && [ -f "$work/adapter/it_fizz.$2" ]; }
expect_default --emit-dts d.ts && expect_default --emit-header h && pass ||
    fail "an adapter it_fizz.wasm's default outputs are it_fizz.d.ts and it_fizz.h"

# ---- errors: the same diagnostics as a compile, exit 1, no output
for itl in tests/itlc/errors/*.itl; do
    name=$(basename "$itl" .itl)
    for flag in --emit-dts --emit-header; do
        out=$work/err_$name.out
        (cd tests/itlc/errors && "$itlc" $flag "$name.itl" -o "$out") 2>"$work/$name.err"
        status=$?
        if [ $status -eq 1 ] && [ ! -e "$out" ] && ! ls "$work" | grep -q "^err_$name.out.tmp" &&
            cmp -s "tests/itlc/errors/$name.err" "$work/$name.err"; then
            pass
        else
            fail "errors/$name.itl $flag: status $status (want 1), output $([ -e "$out" ] && echo left || echo none)"
            diff -u "tests/itlc/errors/$name.err" "$work/$name.err" | head -10
        fi
    done
done

# ---- the command line
expect() { # expect DESCRIPTION STATUS PATTERN -- command...
    local what=$1 want=$2 pattern=$3
    shift 4
    "$@" >"$work/cli.out" 2>"$work/cli.err"
    local status=$?
    if [ $status -eq "$want" ] && { [ -z "$pattern" ] || cat "$work/cli.out" "$work/cli.err" | grep -qE -- "$pattern"; }; then
        pass
    else
        fail "cli: $what: status $status (want $want), output: $(cat "$work/cli.out" "$work/cli.err" | head -5)"
    fi
}
expect "--help lists --emit-dts" 0 '^  --emit-dts ' -- "$itlc" --help
expect "--help lists --emit-header" 0 '^  --emit-header ' -- "$itlc" --help
expect "-S with --emit-dts" 2 '^itlc: error: -S and --emit-dts cannot be combined' -- "$itlc" -S --emit-dts x.itl
expect "--emit-dts with --emit-header" 2 '^itlc: error: --emit-dts and --emit-header cannot be combined' \
    -- "$itlc" --emit-dts --emit-header x.itl
expect "a missing input" 1 "^itlc: error: cannot read '$work/nope.itl': No such file or directory$" \
    -- "$itlc" --emit-dts "$work/nope.itl"
[ ! -e "$work/it_nope.d.ts" ] && pass || fail "cli: a missing input left it_nope.d.ts"
mkdir -p "$work/cli"
cp examples/fizzbuzz/fizz.itl "$work/cli/"
expect "default output .d.ts" 0 '' -- "$itlc" --emit-dts "$work/cli/fizz.itl"
expect "default output .h" 0 '' -- "$itlc" --emit-header "$work/cli/fizz.itl"
[ -f "$work/cli/it_fizz.d.ts" ] && [ -f "$work/cli/it_fizz.h" ] && pass ||
    fail "cli: default outputs it_fizz.d.ts and it_fizz.h"
"$itlc" --emit-dts "$work/cli/fizz.itl" -o - >"$work/cli/stdout.d.ts" 2>/dev/null
cmp -s "$work/cli/stdout.d.ts" "$work/cli/it_fizz.d.ts" && pass || fail "cli: --emit-dts -o - differs from the file"
cp "$work/cli/it_fizz.h" "$work/cli/keep.h"
"$itlc" --emit-header tests/itlc/errors/unknown_function.itl -o "$work/cli/it_fizz.h" 2>/dev/null
cmp -s "$work/cli/keep.h" "$work/cli/it_fizz.h" && pass || fail "cli: a failed --emit-header changed an existing output"
expect "--require-core: core checks still run" 1 "error: core module 'fizz.wasm' not found" \
    -- "$itlc" --emit-header --require-core "$work/cli/fizz.itl" -o "$work/cli/x.h"
[ ! -e "$work/cli/x.h" ] && pass || fail "cli: a failed core check left x.h"
expect "--core-dir: checked against the built core module" 0 '' \
    -- "$itlc" --emit-dts --core-dir "$build/examples/fizzbuzz" --require-core "$work/cli/fizz.itl" -o "$work/cli/y.d.ts"
expect "the input as output" 1 "cannot write '$work/cli/fizz.itl': it is the input file" \
    -- "$itlc" --emit-dts "$work/cli/fizz.itl" -o "$work/cli/fizz.itl"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
