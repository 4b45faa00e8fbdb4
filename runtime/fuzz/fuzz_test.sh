#!/usr/bin/env bash
# runtime/fuzz/fuzz_test.sh: the `fuzz` suite: for each libFuzzer target,
# build it, replay its seed corpus (every seed is one check), then mutate
# for FUZZ_TEST_SECONDS (default 10) seconds (one check).
#   fuzz_test.sh TARGET... WORK_DIR
# where each TARGET is "NAME|BUILD_COMMAND|RUN_COMMAND|SEED_DIR|RUN_FLAGS"
# (RUN_COMMAND: the fuzzer binary, possibly after `env VAR=VALUE`).
set -u
work=${!#}
seconds=${FUZZ_TEST_SECONDS:-10}
pass=0 fail=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

for target in "${@:1:$#-1}"; do
    IFS='|' read -r name build run seeds flags <<< "$target"
    if ! $build >"$log" 2>&1; then
        cat "$log"
        echo "FAIL fuzz $name: could not build it with clang -fsanitize=fuzzer"
        echo "     (needs clang and its fuzzer runtime: apt-get install clang libclang-rt-14-dev)"
        fail=$((fail + 1))
        continue
    fi
    count=$(find "$seeds" -type f | wc -l)
    if [ "$count" -eq 0 ]; then
        echo "FAIL fuzz $name: no seeds in $seeds"; fail=$((fail + 1))
    elif $run $flags -runs=0 "$seeds" >"$log" 2>&1; then
        echo "ok   $name: replayed $count seeds from $seeds"
        pass=$((pass + count))
    else
        tail -n 40 "$log"
        echo "FAIL fuzz $name: replaying the seed corpus crashed (see above)"
        fail=$((fail + 1))
    fi
    rm -rf "$work/$name"; mkdir -p "$work/$name"
    if $run $flags -max_total_time="$seconds" "$work/$name" "$seeds" >"$log" 2>&1; then
        echo "ok   $name: ${seconds}s mutation run: $(grep -o 'Done [0-9]* runs' "$log" | tail -n 1)"
        pass=$((pass + 1))
    else
        tail -n 40 "$log"
        echo "FAIL fuzz $name: the mutation run found a crash, leak or hang (see above; the input is saved in the build fuzz folder as crash-*/leak-*/timeout-*)"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
