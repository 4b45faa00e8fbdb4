#!/usr/bin/env bash
# runtime/fuzz/fuzz_test.sh: the `fuzz` suite: build the libFuzzer target,
# replay the seed corpus (every seed is one check), then mutate for
# FUZZ_TEST_SECONDS (default 10) seconds (one check).
#   fuzz_test.sh BUILD_COMMAND FUZZ_BIN WORK_CORPUS SEED_CORPUS RUN_FLAGS
set -u
build=$1 bin=$2 work=$3 seeds=$4 flags=$5
seconds=${FUZZ_TEST_SECONDS:-10}
pass=0 fail=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

if ! $build >"$log" 2>&1 || [ ! -x "$bin" ]; then
    cat "$log"
    echo "FAIL fuzz: could not build $bin with clang -fsanitize=fuzzer"
    echo "     (needs clang and its fuzzer runtime: apt-get install clang libclang-rt-14-dev)"
    echo "0 passed, 1 failed"
    exit 1
fi

count=$(find "$seeds" -name '*.wasm' | wc -l)
if [ "$count" -eq 0 ]; then
    echo "FAIL fuzz: no seeds in $seeds"; fail=$((fail + 1))
elif "$bin" $flags -runs=0 "$seeds" >"$log" 2>&1; then
    echo "ok   replayed $count seeds from $seeds"
    pass=$((pass + count))
else
    tail -n 40 "$log"
    echo "FAIL fuzz: replaying the seed corpus crashed (see above)"
    fail=$((fail + 1))
fi

rm -rf "$work"; mkdir -p "$work"
if "$bin" $flags -max_total_time="$seconds" "$work" "$seeds" >"$log" 2>&1; then
    echo "ok   ${seconds}s mutation run: $(grep -o 'Done [0-9]* runs' "$log" | tail -n 1)"
    pass=$((pass + 1))
else
    tail -n 40 "$log"
    echo "FAIL fuzz: the mutation run found a crash, leak or hang (see above; the input is saved in the build fuzz folder as crash-*/leak-*/timeout-*)"
    fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
