#!/usr/bin/env bash
# tests/itlc/run.sh: the itlc suite. Usage: run.sh [--bless]
#   golden/*.itl   `itlc -S` must print golden/NAME.wat exactly; the binary must
#                  pass wasm-validate, and wat2wasm of the WAT must give the same
#                  module as the binary (compared through wasm2wat, which drops
#                  the it.interface section that WABT 1.0.32 cannot write)
#   errors/*.itl   itlc must exit 1, print errors/NAME.err exactly on stderr and
#                  leave no output file
#   core/*.itl     checks against core modules (core/*.wat, assembled here with
#                  wat2wasm, and a malformed one): itlc must print core/NAME.err
#                  exactly and exit 1, or print nothing and exit 0 when it is empty
#   examples/*/*.itl must compile and validate
#   command-line cases: --help, --version, bad usage, missing input,
#                  unwritable output, default output name, -o -, --core-dir,
#                  --require-core
# --bless rewrites the .wat and .err files from the current itlc.
# Prints "N passed, M failed" last; exits non-zero iff M > 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
itlc=${BIN:-$root/build/bin}/itlc
bless=0
[ "${1:-}" = --bless ] && bless=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# golden: text form, validation, binary/text agreement
for itl in "$here"/golden/*.itl; do
    name=$(basename "$itl" .itl)
    expected="$here/golden/$name.wat"
    (cd "$here/golden" && "$itlc" -S "$name.itl" -o "$work/$name.wat") 2>"$work/$name.stderr"
    if [ $? -ne 0 ]; then
        fail "golden/$name: itlc -S failed: $(cat "$work/$name.stderr")"
        continue
    fi
    if [ $bless = 1 ]; then
        cp "$work/$name.wat" "$expected"
    fi
    if diff -u "$expected" "$work/$name.wat" >"$work/$name.diff" 2>&1; then
        pass
    else
        fail "golden/$name: WAT differs from $name.wat (run tests/itlc/run.sh --bless to accept):"
        head -40 "$work/$name.diff"
    fi
    if ! (cd "$here/golden" && "$itlc" "$name.itl" -o "$work/$name.wasm") 2>"$work/$name.stderr"; then
        fail "golden/$name: itlc failed: $(cat "$work/$name.stderr")"
        continue
    fi
    if wasm-validate "$work/$name.wasm" 2>"$work/$name.validate"; then
        pass
    else
        fail "golden/$name: wasm-validate: $(cat "$work/$name.validate")"
    fi
    if [ "$(wasm-objdump -h "$work/$name.wasm" | grep -c '"it.interface"')" = 1 ]; then
        pass
    else
        fail "golden/$name: not exactly one it.interface section"
    fi
    if wat2wasm "$work/$name.wat" -o "$work/$name.from_wat.wasm" 2>"$work/$name.wat2wasm" &&
        wasm2wat "$work/$name.wasm" >"$work/$name.a" && wasm2wat "$work/$name.from_wat.wasm" >"$work/$name.b" &&
        cmp -s "$work/$name.a" "$work/$name.b"; then
        pass
    else
        fail "golden/$name: wat2wasm of the WAT is not the binary: $(cat "$work/$name.wat2wasm")"
        diff "$work/$name.a" "$work/$name.b" | head -20
    fi
done

# errors: exact diagnostics, status 1, no output left behind
for itl in "$here"/errors/*.itl; do
    name=$(basename "$itl" .itl)
    out="$work/err_$name.wasm"
    (cd "$here/errors" && "$itlc" "$name.itl" -o "$out") 2>"$work/$name.err"
    status=$?
    [ $bless = 1 ] && cp "$work/$name.err" "$here/errors/$name.err"
    if [ $status -eq 1 ] && [ ! -e "$out" ] && cmp -s "$here/errors/$name.err" "$work/$name.err" &&
        ! ls "$work" | grep -q "^err_$name.wasm.tmp"; then
        pass
    else
        fail "errors/$name: status $status (want 1), output exists: $([ -e "$out" ] && echo yes || echo no)"
        diff -u "$here/errors/$name.err" "$work/$name.err" | head -30
    fi
done

# core: the ITL checked against its core modules, found beside the .itl file
mkdir -p "$work/core"
cp "$here"/core/*.itl "$work/core/"
for wat in "$here"/core/*.wat; do
    wat2wasm "$wat" -o "$work/core/$(basename "$wat" .wat).wasm" || fail "core: wat2wasm $wat"
done
# a type section whose one type has a parameter of unknown value type 0x55 (at byte 13)
printf '\0asm\1\0\0\0\1\4\1\140\1\125' >"$work/core/malformed.wasm"
# an export section whose one name is the byte FF (at byte 12)
printf '\0asm\1\0\0\0\7\5\1\1\377\0\0' >"$work/core/malformed_name.wasm"
for itl in "$here"/core/*.itl; do
    name=$(basename "$itl" .itl)
    expected="$here/core/$name.err"
    out="$work/core_$name.wasm"
    (cd "$work/core" && "$itlc" "$name.itl" -o "$out") 2>"$work/core_$name.err"
    status=$?
    [ $bless = 1 ] && cp "$work/core_$name.err" "$expected"
    want=1
    [ -s "$expected" ] || want=0
    if [ $want = 1 ]; then output_ok() { [ ! -e "$out" ]; }; else output_ok() { wasm-validate "$out"; }; fi
    if [ $status -eq $want ] && cmp -s "$expected" "$work/core_$name.err" && output_ok; then
        pass
    else
        fail "core/$name: status $status (want $want)"
        diff -u "$expected" "$work/core_$name.err" | head -30
    fi
done

# the examples' ITL files compile to valid adapters
for itl in "$root"/examples/*/*.itl; do
    [ -e "$itl" ] || continue
    name=$(basename "$itl" .itl)
    if "$itlc" "$itl" -o "$work/example_$name.wasm" 2>"$work/example_$name.err" &&
        wasm-validate "$work/example_$name.wasm"; then
        pass
    else
        fail "example $itl: $(cat "$work/example_$name.err")"
    fi
done

# what the adapters compute: `as` and arithmetic, run in node
if (cd "$here/golden" && "$itlc" conversions.itl -o "$work/conversions.wasm" &&
    "$itlc" arithmetic.itl -o "$work/arithmetic.wasm" && "$itlc" compare.itl -o "$work/compare.wasm"); then
    node "$here/semantics.mjs" "$work" >"$work/semantics.out" 2>&1
    grep -v '^[0-9]* passed, [0-9]* failed$' "$work/semantics.out"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/semantics.out" | tail -n 1)
    if [ -n "$line" ]; then
        passed=$((passed + $(echo "$line" | awk '{print $1}')))
        failed=$((failed + $(echo "$line" | awk '{print $3}')))
    else
        fail "semantics.mjs did not run"
    fi
else
    fail "semantics: could not compile conversions.itl / arithmetic.itl / compare.itl"
fi

# the documentation's `as` table is what itlc does
"$itlc" --print-conversions >"$work/conversions.md"
sed -n '/^<!-- conversions: itlc --print-conversions -->$/,/^<!-- end conversions -->$/p' "$root/docs/itl.md" |
    sed '1d;$d' >"$work/doc_conversions.md"
if cmp -s "$work/conversions.md" "$work/doc_conversions.md"; then
    pass
else
    fail "docs/itl.md's conversion table differs from itlc --print-conversions"
fi

# the command line
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
expect "--help" 0 '^usage: itlc' -- "$itlc" --help
expect "--version" 0 '^itlc [0-9]+\.[0-9]+\.[0-9]+ \(adapter ABI version 3\)$' -- "$itlc" --version
expect "no input" 2 'error: no input file' -- "$itlc"
expect "unknown option" 2 "error: unknown option --frob" -- "$itlc" --frob x.itl
expect "-o without file" 2 'missing argument after -o' -- "$itlc" x.itl -o
expect "two inputs" 2 'more than one input file' -- "$itlc" a.itl b.itl
expect "missing input" 1 "^itlc: error: cannot read '$work/nope.itl': No such file or directory$" -- "$itlc" "$work/nope.itl"
expect "unwritable output" 1 "^itlc: error: cannot write '$work/no/such/dir/x.wasm': No such file or directory$" \
    -- "$itlc" "$here/golden/empty.itl" -o "$work/no/such/dir/x.wasm"
# (in a directory of its own: $work holds the golden adapters, and $work/fizzbuzz.wasm
# would be taken for fizzbuzz.itl's core module)
mkdir -p "$work/cli"
cp "$here/golden/fizzbuzz.itl" "$work/cli/fizzbuzz.itl"
expect "default output" 0 '' -- "$itlc" "$work/cli/fizzbuzz.itl"
if [ -f "$work/cli/it_fizzbuzz.wasm" ] && wasm-validate "$work/cli/it_fizzbuzz.wasm"; then pass; else fail "cli: default output it_fizzbuzz.wasm"; fi
expect "default output -S" 0 '' -- "$itlc" -S "$work/cli/fizzbuzz.itl"
if [ -f "$work/cli/it_fizzbuzz.wat" ]; then pass; else fail "cli: default output it_fizzbuzz.wat"; fi
"$itlc" "$here/golden/fizzbuzz.itl" -o - >"$work/cli/stdout.wasm" 2>/dev/null
if cmp -s "$work/cli/stdout.wasm" "$work/cli/it_fizzbuzz.wasm"; then pass; else fail "cli: -o - differs from the file output"; fi
# an error leaves a previous output untouched
cp "$work/cli/it_fizzbuzz.wasm" "$work/cli/keep.wasm"
"$itlc" "$here/errors/unknown_function.itl" -o "$work/cli/it_fizzbuzz.wasm" 2>/dev/null
if cmp -s "$work/cli/keep.wasm" "$work/cli/it_fizzbuzz.wasm"; then pass; else fail "cli: a failed compile changed an existing output"; fi

# core modules: searched with --core-dir, required with --require-core
mkdir -p "$work/elsewhere"
cp "$here/core/ok.itl" "$here/core/export_missing.itl" "$work/elsewhere/"
expect "core module not beside the .itl: not checked" 0 '' -- "$itlc" "$work/elsewhere/export_missing.itl" -o "$work/cd.wasm"
expect "--core-dir finds it" 1 "^$work/elsewhere/export_missing.itl:4:13: error: core module '$work/core/lib.wasm' has no function export \"sub\"\$" \
    -- "$itlc" --core-dir "$work/nowhere" --core-dir "$work/core" "$work/elsewhere/export_missing.itl" -o "$work/cd.wasm"
expect "--require-core: a module not found" 1 \
    "^$work/elsewhere/ok.itl:9:9: error: core module 'absent.wasm' not found \\(looked for '$work/core/absent.wasm', '$work/elsewhere/absent.wasm'\\)\$" \
    -- "$itlc" --require-core --core-dir "$work/core" "$work/elsewhere/ok.itl" -o "$work/cd.wasm"
grep -v absent "$here/core/ok.itl" >"$work/elsewhere/all_found.itl"
expect "--require-core: every module found" 0 '' -- "$itlc" --require-core --core-dir "$work/core" \
    "$work/elsewhere/all_found.itl" -o "$work/cd.wasm"
expect "--core-dir without a directory" 2 'missing argument after --core-dir' -- "$itlc" x.itl --core-dir
expect "--help mentions --core-dir" 0 '--require-core' -- "$itlc" --help
# --help names every option main.c parses.
for option in $(grep -oE 'strcmp\(arg, "-[-a-zA-Z]+"\)' "$root/itlc/main.c" | grep -oE '"-[^"]+"' | tr -d '"'); do
    expect "--help mentions $option" 0 "(^|[ ,])$option([ ,=]|\$)" -- "$itlc" --help
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
