#!/usr/bin/env bash
# asm_test.sh: assembles the Intel-syntax text printed by jit_asm_test with GNU as
# and compares, instruction by instruction, with the bytes our encoders produced.
#   tests/jit/asm_test.sh PATH/TO/jit_asm_test
set -u
program=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }
"$program" emit > "$tmp/cases.s" || fail "jit_asm_test emit failed"
as --64 -o "$tmp/cases.o" "$tmp/cases.s" 2> "$tmp/as.log" || { head -20 "$tmp/as.log"; fail "as rejected the test text"; }
objcopy -O binary -j .text "$tmp/cases.o" "$tmp/cases.bin" || fail "objcopy failed"
nm "$tmp/cases.o" | awk '$3 ~ /^case_/ { print $1, $3 }' > "$tmp/cases.syms"
"$program" check "$tmp/cases.bin" "$tmp/cases.syms"
