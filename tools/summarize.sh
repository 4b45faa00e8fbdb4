#!/usr/bin/env bash
# Sums the per-suite results written by tools/suite.sh:
#   tools/summarize.sh RESULTS_DIR SUITE...
# Prints one line per suite, then the total "N passed, M failed" line, and
# exits non-zero if anything failed or a suite left no result.
set -u
results=$1; shift
passed=0 failed=0
echo "== summary"
for name in "$@"; do
    if [ -f "$results/$name" ]; then
        line=$(cat "$results/$name")
    else
        line="0 passed, 1 failed (no result)"
    fi
    printf '  %-14s %s\n' "$name" "$line"
    p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
    passed=$((passed + p)) failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
