#!/usr/bin/env bash
# tests/hostile/run.sh: the hostile suite. Usage: run.sh HOSTILE_TEST MODULE_DIR WRUN
# Runs hostile_test (the engine's cases) and tools_test.sh (wrun on hostile
# inputs); prints one "N passed, M failed" line for both.
set -u
here=$(cd "$(dirname "$0")" && pwd)
test=$1 dir=$2 wrun=$3
"$test" "$dir" | tee "$dir/engine.out"
engine=$(tail -n 1 "$dir/engine.out")
"$here/tools_test.sh" "$wrun" "$dir" | tee "$dir/tools.out"
tools=$(tail -n 1 "$dir/tools.out")
pass=$(( $(echo "$engine" | awk '{print $1}') + $(echo "$tools" | awk '{print $1}') ))
fail=$(( $(echo "$engine" | awk '{print $3}') + $(echo "$tools" | awk '{print $3}') ))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
