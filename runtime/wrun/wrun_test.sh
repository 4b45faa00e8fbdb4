#!/usr/bin/env bash
# Tests wrun's command line: usage, error paths (one clear line, non-zero
# exit) and argument parsing. Usage: wrun_test.sh WRUN SCRATCH_DIR
set -u
wrun=$1 dir=$2
mkdir -p "$dir"
pass=0 fail=0

# check NAME WANT_STATUS WANT_TEXT COMMAND...: the exit status must be
# WANT_STATUS and stdout+stderr must contain WANT_TEXT. A failing command
# (status 1 or 2) must say so in exactly one line, on stderr, starting "wrun: ".
check() {
    local name=$1 want_status=$2 want_text=$3; shift 3
    local out err status problem=""
    out=$("$@" 2> "$dir/stderr"); status=$?
    err=$(cat "$dir/stderr")
    if [ "$status" -ne "$want_status" ]; then
        problem="status $status (want $want_status)"
    elif [[ "$out$err" != *"$want_text"* ]]; then
        problem="output lacks: $want_text"
    elif [ "$status" -ne 0 ] && { [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ] ||
                                  [[ "$err" != "wrun: "* ]] || [ -n "$out" ]; }; then
        problem="an error must be one line on stderr starting 'wrun: '"
    fi
    if [ -z "$problem" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: $problem; output:"
        printf '%s\n%s\n' "$out" "$err" | head -5 | sed 's/^/    /'
    fi
}

wat() { # wat NAME TEXT: writes $dir/NAME.wasm
    printf '%s\n' "$2" > "$dir/$1.wat"
    wat2wasm "$dir/$1.wat" -o "$dir/$1.wasm" || { echo "wat2wasm failed for $1"; exit 1; }
}

wat ok '(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "id_f32") (param f32) (result f32) local.get 0)
  (func (export "id_f64") (param f64) (result f64) local.get 0)
  (func (export "id_i64") (param i64) (result i64) local.get 0)
  (func (export "is_null") (param externref) (result i32) local.get 0 ref.is_null)
  (memory (export "mem") 1 2)
  (global (export "g") (mut i64) (i64.const 7)))'
wat imports '(module (import "env" "f" (func (param i32))) (import "env" "m" (memory 1)))'
wat start '(module (func $s) (start $s))'
wat start_trap '(module (func $s unreachable) (start $s))'
# Byte offsets below are where wat2wasm puts each trapping instruction
# (wasm-objdump -d): recurse's body starts at 0x6c, the load is at 0x78, ...
wat traps '(module
  (memory 1)
  (func $recurse (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $recurse)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
  (func (export "boom") unreachable)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "trunc") (param f64) (result i32) local.get 0 i32.trunc_f64_s)
  (func (export "call_null") (call_indirect (i32.const 0)))
  (table 1 funcref))'
printf '\0asm\1\0\0\0\1\5\1\x60\0' > "$dir/truncated.wasm"
printf 'not wasm at all' > "$dir/garbage.wasm"
# A body that returns i64 where i32 is declared: invalid, in function 0.
printf '\0asm\1\0\0\0\1\5\1\x60\0\1\x7f\3\2\1\0\n\6\1\4\0\x42\0\x0b' > "$dir/invalid.wasm"

check help           0 "usage: wrun"              "$wrun" --help
check version        0 "x86-64 baseline JIT"                  "$wrun" --version
check no-args        2 "no module given"          "$wrun"
check no-start       1 "no export '_start': not a WASI command" "$wrun" "$dir/ok.wasm"
check bad-option     2 "unknown option '--frob'"  "$wrun" --frob "$dir/ok.wasm"
check program-option 1 "no export '_start'"       "$wrun" "$dir/ok.wasm" --frob
check invoke-noname  2 "--invoke needs"           "$wrun" "$dir/ok.wasm" --invoke
check two-modules    2 "unexpected argument"      "$wrun" "$dir/ok.wasm" --list "$dir/ok.wasm"
check missing-file   1 "cannot read: No such file" "$wrun" "$dir/nope.wasm" --validate
: > "$dir/empty.wasm"
check empty          1 "empty.wasm: error: malformed module" "$wrun" "$dir/empty.wasm" --validate
check directory      1 "cannot read: Is a directory" "$wrun" "$dir" --validate
check garbage        1 "garbage.wasm: error: malformed module" "$wrun" "$dir/garbage.wasm" --validate
check garbage-offset 1 "at offset 0x0: "               "$wrun" "$dir/garbage.wasm" --check
check truncated      1 "malformed module"         "$wrun" "$dir/truncated.wasm" --validate
check invalid        1 "invalid module"           "$wrun" "$dir/invalid.wasm" --validate
check invalid-where  1 "function 0 at offset 0x"   "$wrun" "$dir/invalid.wasm" --validate
check valid          0 "ok.wasm: valid"           "$wrun" "$dir/ok.wasm" --validate
check list-func      0 'export "add" (func (param i32 i32) (result i32))' "$wrun" "$dir/ok.wasm" --list
check list-memory    0 'export "mem" (memory 1 2)' "$wrun" "$dir/ok.wasm" --list
check list-global    0 'export "g" (global (mut i64))' "$wrun" "$dir/ok.wasm" --list
check list-import    0 'import "env" "f" (func (param i32))' "$wrun" "$dir/imports.wasm" --list
check unknown-import 1 "unknown import env.f"     "$wrun" "$dir/imports.wasm" --invoke f
check no-export      1 "no export named 'nope'"   "$wrun" "$dir/ok.wasm" --invoke nope
check not-a-func     1 "export 'mem' is a memory" "$wrun" "$dir/ok.wasm" --invoke mem
check arg-count      1 "'add' takes 2 arguments, got 1" "$wrun" "$dir/ok.wasm" --invoke add 1
check bad-int        1 "argument 2: 'x' is not a valid i32" "$wrun" "$dir/ok.wasm" --invoke add 1 x
check int-too-big    1 "'4294967296' is not a valid i32" "$wrun" "$dir/ok.wasm" --invoke add 4294967296 1
check int-too-small  1 "'-2147483649' is not a valid i32" "$wrun" "$dir/ok.wasm" --invoke add -2147483649 1
check bad-float      1 "'1.5x' is not a valid f32" "$wrun" "$dir/ok.wasm" --invoke id_f32 1.5x
check bad-nan        1 "'nan:0x0' is not a valid f64" "$wrun" "$dir/ok.wasm" --invoke id_f64 nan:0x0
check bad-ref        1 "'7' is not a valid externref" "$wrun" "$dir/ok.wasm" --invoke is_null 7

check add            0 "5"                    "$wrun" "$dir/ok.wasm" --invoke add 2 3
check add-hex-neg    0 "-1"                   "$wrun" "$dir/ok.wasm" --invoke add 0x10 -17
check add-unsigned   0 "-1"                   "$wrun" "$dir/ok.wasm" --invoke add 4294967295 0
check i64-min        0 "-9223372036854775808" "$wrun" "$dir/ok.wasm" --invoke id_i64 -9223372036854775808
check f32-nan        0 "nan:0x200000"         "$wrun" "$dir/ok.wasm" --invoke id_f32 nan:0x200000
check f32-neg-nan    0 "-nan:0x400000"        "$wrun" "$dir/ok.wasm" --invoke id_f32 -nan
check f64-inf        0 "-inf"                 "$wrun" "$dir/ok.wasm" --invoke id_f64 -inf
check f64-value      0 "0.1"                  "$wrun" "$dir/ok.wasm" --invoke id_f64 0.1
check f64-exact      0 "0.30000000000000004"  "$wrun" "$dir/ok.wasm" --invoke id_f64 0.30000000000000004
check f64-tiny       0 "5e-324"               "$wrun" "$dir/ok.wasm" --invoke id_f64 5e-324
check f32-value      0 "0.1"                  "$wrun" "$dir/ok.wasm" --invoke id_f32 0.1
check f32-max        0 "3.4028235e+38"        "$wrun" "$dir/ok.wasm" --invoke id_f32 3.4028234663852886e38
check f64-neg-zero   0 "-0"                   "$wrun" "$dir/ok.wasm" --invoke id_f64 -0
check null-ref       0 "1"                    "$wrun" "$dir/ok.wasm" --invoke is_null null
# The start function runs (and returns) before the export is looked up.
check start-runs     1 "no export named 's'"  "$wrun" "$dir/start.wasm" --invoke s

# Traps: kind, function index (and name, when the name section has one) and
# byte offset of the trapping instruction; exit status 1.
check trap-oob       1 "trap: out of bounds memory access (function 1, offset 0x78)" "$wrun" "$dir/traps.wasm" --invoke load 65535
check trap-oob-neg   1 "trap: out of bounds memory access"          "$wrun" "$dir/traps.wasm" --invoke load -1
check trap-unreach   1 "trap: unreachable (function 2, offset 0x7e)"   "$wrun" "$dir/traps.wasm" --invoke boom
check trap-div       1 "trap: integer divide by zero (function 3, offset 0x86)" "$wrun" "$dir/traps.wasm" --invoke div 1 0
check trap-overflow  1 "trap: integer overflow (function 3, offset 0x86)" "$wrun" "$dir/traps.wasm" --invoke div -2147483648 -1
check trap-convert   1 "trap: invalid conversion to integer (function 4, offset 0x8c)" "$wrun" "$dir/traps.wasm" --invoke trunc nan
check trap-null      1 "trap: uninitialized element (function 5, offset 0x92)" "$wrun" "$dir/traps.wasm" --invoke call_null
# Stack exhaustion is reported at the entry of the function that could not
# get its frame (the stack check is in its prologue): recurse's first byte.
check trap-stack     1 "trap: call stack exhausted (function 0, offset 0x6c)" "$wrun" "$dir/traps.wasm" --invoke recurse 0
check start-trap     1 "cannot instantiate: trap: unreachable (function 0, offset 0x1a)" "$wrun" "$dir/start_trap.wasm" --invoke s
# Traps raised inside the runtime's helpers (bulk memory, table access) are
# located at the instruction that called the helper.
wat helpers '(module (memory 1) (table $t 2 funcref) (elem $e func $fill) (data $d "abc")
  (func $fill (export "fill") (memory.fill (i32.const 65535) (i32.const 0) (i32.const 2)))
  (func (export "copy") (memory.copy (i32.const 0) (i32.const 65535) (i32.const 2)))
  (func (export "init") (memory.init $d (i32.const 0) (i32.const 2) (i32.const 2)))
  (func (export "tget") (drop (table.get $t (i32.const 2))))
  (func (export "tset") (table.set $t (i32.const 2) (ref.null func)))
  (func (export "tfill") (table.fill $t (i32.const 1) (ref.null func) (i32.const 2)))
  (func (export "tcopy") (table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 2)))
  (func (export "tinit") (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 2))))'
check helper-fill    1 "trap: out of bounds memory access (function 0, offset 0x79)" "$wrun" "$dir/helpers.wasm" --invoke fill
check helper-copy    1 "trap: out of bounds memory access (function 1, offset 0x87)" "$wrun" "$dir/helpers.wasm" --invoke copy
check helper-init    1 "trap: out of bounds memory access (function 2, offset 0x94)" "$wrun" "$dir/helpers.wasm" --invoke init
check helper-tget    1 "trap: out of bounds table access (function 3, offset 0x9d)" "$wrun" "$dir/helpers.wasm" --invoke tget
check helper-tset    1 "trap: out of bounds table access (function 4, offset 0xa7)" "$wrun" "$dir/helpers.wasm" --invoke tset
check helper-tfill   1 "trap: out of bounds table access (function 5, offset 0xb2)" "$wrun" "$dir/helpers.wasm" --invoke tfill
check helper-tcopy   1 "trap: out of bounds table access (function 6, offset 0xbe)" "$wrun" "$dir/helpers.wasm" --invoke tcopy
check helper-tinit   1 "trap: out of bounds table access (function 7, offset 0xcb)" "$wrun" "$dir/helpers.wasm" --invoke tinit
wat segment '(module (memory 1) (data (i32.const 65535) "ab"))'
check segment-trap   1 "cannot instantiate: trap: out of bounds memory access: data segment 0 at offset 65535 (module offset 0x" "$wrun" "$dir/segment.wasm" --invoke x
check no-trap        0 "3"                                          "$wrun" "$dir/traps.wasm" --invoke div 7 2
wat2wasm --debug-names "$dir/traps.wat" -o "$dir/traps_named.wasm"
check trap-name      1 "call stack exhausted (function 0 'recurse', offset 0x6c)" "$wrun" "$dir/traps_named.wasm" --invoke recurse 0
check import-hint    1 "(wrun provides WASI preview1 and nothing else)" "$wrun" "$dir/imports.wasm" --invoke f

# --disasm: the JIT's code of one function, each instruction under its offset.
check disasm-export  0 ";; @0x7c i32.add"           "$wrun" "$dir/ok.wasm" --disasm add
check disasm-code    0 "ret"                        "$wrun" "$dir/ok.wasm" --disasm add
check disasm-index   0 ";; function 1 : "           "$wrun" "$dir/ok.wasm" --disasm 1
check disasm-named   0 "call stack"                 "$wrun" "$dir/traps_named.wasm" --disasm recurse
check disasm-none    1 "no function 'nope'"         "$wrun" "$dir/ok.wasm" --disasm nope
check disasm-range   1 "no function '7'"            "$wrun" "$dir/ok.wasm" --disasm 7
check disasm-import  1 "is an import"               "$wrun" "$dir/imports.wasm" --disasm 0
check disasm-noname  2 "--disasm needs"             "$wrun" "$dir/ok.wasm" --disasm

# --help lists every option the parser accepts, and every documented option.
for option in --invoke --validate --check --list --disasm --timeout --max-memory --dir --env --inherit-env --help -h --version; do
    check "help-$option" 0 "$option" "$wrun" --help
done

# docs/runtime.md shows exactly what --help prints.
awk '/^usage: wrun / {on = 1} on && /^```/ {exit} on' docs/runtime.md > "$dir/help.doc"
if "$wrun" --help | diff -u "$dir/help.doc" - > "$dir/help.diff"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL help-doc: docs/runtime.md's usage block differs from wrun --help:"
    sed 's/^/    /' "$dir/help.diff"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
