#!/usr/bin/env bash
# Tests wrun's command line: usage, error paths (one clear line, non-zero
# exit) and argument parsing. Usage: wrun_test.sh WRUN SCRATCH_DIR
set -u
wrun=$1 dir=$2
mkdir -p "$dir"
pass=0 fail=0

# check NAME WANT_STATUS WANT_TEXT COMMAND...: the exit status must be
# WANT_STATUS and stdout+stderr must contain WANT_TEXT.
check() {
    local name=$1 want_status=$2 want_text=$3; shift 3
    local out status
    out=$("$@" 2>&1); status=$?
    if [ "$status" -eq "$want_status" ] && [[ "$out" == *"$want_text"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: status $status (want $want_status), output:"
        echo "$out" | head -5 | sed 's/^/    /'
        echo "    (want text: $want_text)"
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
printf '\0asm\1\0\0\0\1\5\1\x60\0' > "$dir/truncated.wasm"
printf 'not wasm at all' > "$dir/garbage.wasm"
# A body that returns i64 where i32 is declared: invalid, in function 0.
printf '\0asm\1\0\0\0\1\5\1\x60\0\1\x7f\3\2\1\0\n\6\1\4\0\x42\0\x0b' > "$dir/invalid.wasm"

check help           0 "usage: wrun"              "$wrun" --help
check version        0 "wrun "                    "$wrun" --version
check no-args        2 "no module given"          "$wrun"
check no-action      2 "nothing to do"            "$wrun" "$dir/ok.wasm"
check bad-option     2 "unknown option '--frob'"  "$wrun" "$dir/ok.wasm" --frob
check invoke-noname  2 "--invoke needs"           "$wrun" "$dir/ok.wasm" --invoke
check two-modules    2 "unexpected argument"      "$wrun" "$dir/ok.wasm" "$dir/ok.wasm" --list
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

if "$wrun" --version | grep -q "execution: not available"; then
    # Without the JIT, running wasm code must fail clearly, never pretend.
    check no-exec-invoke 1 "wasm execution is not available" "$wrun" "$dir/ok.wasm" --invoke add 1 2
    check no-exec-start  1 "cannot instantiate: cannot run wasm function 0" "$wrun" "$dir/start.wasm" --invoke s
else
    check add            0 "5"                    "$wrun" "$dir/ok.wasm" --invoke add 2 3
    check add-hex-neg    0 "-1"                   "$wrun" "$dir/ok.wasm" --invoke add 0x10 -17
    check add-unsigned   0 "-1"                   "$wrun" "$dir/ok.wasm" --invoke add 4294967295 0
    check i64-min        0 "-9223372036854775808" "$wrun" "$dir/ok.wasm" --invoke id_i64 -9223372036854775808
    check f32-nan        0 "nan:0x200000"         "$wrun" "$dir/ok.wasm" --invoke id_f32 nan:0x200000
    check f32-neg-nan    0 "-nan:0x400000"        "$wrun" "$dir/ok.wasm" --invoke id_f32 -nan
    check f64-inf        0 "-inf"                 "$wrun" "$dir/ok.wasm" --invoke id_f64 -inf
    check f64-value      0 "0.10000000000000001"  "$wrun" "$dir/ok.wasm" --invoke id_f64 0.1
    check null-ref       0 "1"                    "$wrun" "$dir/ok.wasm" --invoke is_null null
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
