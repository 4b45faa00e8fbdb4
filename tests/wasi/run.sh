#!/usr/bin/env bash
# tests/wasi/run.sh: suite `wasi`: the official WASI test suite (a copy in WORKDIR/testsuite) on
# wrun through testsuite.js, then escape.sh; one "N passed, M failed" line for both.
# Usage: run.sh WRUN ESCAPE_WASM WORKDIR KNOWN_FAILURES
set -u
wrun=$1 escape=$2 dir=$3 known=$4
here=$(dirname "$0")
total_pass=0 total_fail=0
# add_counts LOG: adds LOG's last "N passed, M failed" line to the totals.
add_counts() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        total_fail=$((total_fail + 1)); echo "FAIL $1: no 'N passed, M failed' line"
        return
    fi
    total_pass=$((total_pass + $(echo "$line" | awk '{print $1}')))
    total_fail=$((total_fail + $(echo "$line" | awk '{print $3}' | tr -d ,)))
}
node "$here/testsuite.js" --known "$known" "$dir/testsuite" -- "$wrun" 2>&1 | tee "$dir/testsuite.log"
add_counts "$dir/testsuite.log"
"$here/escape.sh" "$wrun" "$escape" "$dir/escape" 2>&1 | tee "$dir/escape.log"
add_counts "$dir/escape.log"
echo "$total_pass passed, $total_fail failed"
[ $total_fail = 0 ]
