#!/bin/bash
# difffuzz.sh: differential fuzzing of wrt against V8 (node) on random valid
# modules from binaryen's `wasm-opt -ttf`; not part of `make test`.
#
#   difffuzz.sh DIFF_WRT DIFF_V8_JS COUNT WORKDIR
#
# Each round turns random bytes into a module (Wasm 2.0 features, no SIMD/GC/
# EH/threads; half with reference types, half without out-of-bounds accesses,
# some optimised), skips it if wasm-validate rejects it (binaryen 108 emits
# typed function references under --enable-reference-types), runs both
# drivers and compares their output line by line. A mismatch keeps the module
# as WORKDIR/found/mismatch-N.wasm with both outputs beside it. Exit status 1
# if any mismatch.
#
# Minimising a mismatch (reduce-test.sh beside this script is the
# interestingness test; -b names the folder of the wasm-opt it runs):
#
#   export DIFF_WRT=$PWD/build/bin/diff_wrt DIFF_V8=$PWD/runtime/fuzz/diff/diff_v8.js
#   cp build/difffuzz/found/mismatch-N.wasm /tmp/r/m.wasm && cd /tmp/r
#   wasm-reduce m.wasm -b /usr/bin/ --command="$OLDPWD/runtime/fuzz/diff/reduce-test.sh t.wasm" \
#       -t t.wasm -w reduced.wasm
set -u
wrt=$1 v8=$2 count=$3 dir=$4
mkdir -p "$dir/found"
modules=0 calls=0 skipped=0 mismatches=0
base="--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int"
base="$base --enable-multivalue --enable-mutable-globals"
# NaN bits are nondeterministic in wasm (an arithmetic NaN result may carry
# either engine's payload and sign) and become visible through memory,
# reinterpret and copysign: --denan replaces NaNs with 0, as binaryen's own
# engine comparisons do. (Without it, f32.max(0, -nan:0x7fffdb) stored to
# memory gave ffffffdb here and ffc00000 in V8: both valid.)
base="$base --denan"
optimise=("" "" -O1 -O3 -Oz --flatten)
for ((round = 1; round <= count; round++)); do
    head -c $((2000 + RANDOM % 40000)) /dev/urandom > "$dir/in.bin"
    features=$base
    ((RANDOM % 2)) && features="$features --enable-reference-types"
    ((RANDOM % 2)) && features="$features --no-fuzz-oob"
    features="$features ${optimise[RANDOM % ${#optimise[@]}]}"
    # wasm-opt itself aborts on some inputs: count them as skipped.
    if ! (wasm-opt -ttf "$dir/in.bin" -o "$dir/m.wasm" $features) >/dev/null 2>&1 ||
       ! wasm-validate "$dir/m.wasm" 2>/dev/null; then
        skipped=$((skipped + 1))
        continue
    fi
    timeout 20 "$wrt" "$dir/m.wasm" > "$dir/wrt.txt" 2> "$dir/wrt.err"; wrt_status=$?
    timeout 60 node --stack-size=900 "$v8" "$dir/m.wasm" > "$dir/v8.txt" 2> "$dir/v8.err"; v8_status=$?
    modules=$((modules + 1))
    calls=$((calls + $(grep -c '^call ' "$dir/wrt.txt")))
    if [ $wrt_status != 0 ] || [ $v8_status != 0 ] || ! cmp -s "$dir/wrt.txt" "$dir/v8.txt"; then
        mismatches=$((mismatches + 1))
        found="$dir/found/mismatch-$mismatches"
        cp "$dir/m.wasm" "$found.wasm"
        cp "$dir/wrt.txt" "$found.wrt.txt"
        cp "$dir/v8.txt" "$found.v8.txt"
        echo "MISMATCH $found.wasm (exit status wrt $wrt_status, node $v8_status; features $features)"
        diff "$found.wrt.txt" "$found.v8.txt" | head -8
    fi
done
echo "difffuzz: $modules modules, $calls export calls compared, $skipped skipped (invalid), $mismatches mismatches"
[ $mismatches = 0 ]
