#!/usr/bin/env bash
# Checks tools/suite.sh and tools/summarize.sh: a suite that crashes, lies or
# fails must never be summed as a pass.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # check NAME EXPECTED_LINE COMMAND...
    local name=$1 want=$2; shift 2
    tools/suite.sh "$tmp" "$name" "$@" >/dev/null 2>&1
    if [ "$(cat "$tmp/$name")" = "$want" ]; then pass=$((pass+1)); else
        fail=$((fail+1)); echo "FAIL $name: got '$(cat "$tmp/$name")', want '$want'"; fi
}
check ok       "3 passed, 0 failed" sh -c 'echo "3 passed, 0 failed"'
check failing  "2 passed, 1 failed" sh -c 'echo "2 passed, 1 failed"; exit 1'
check crashed  "0 passed, 1 failed" sh -c 'exit 139'
check lying    "4 passed, 1 failed" sh -c 'echo "4 passed, 0 failed"; exit 2'
check last     "1 passed, 0 failed" sh -c 'echo "9 passed, 9 failed"; echo "1 passed, 0 failed"'
if tools/summarize.sh "$tmp" ok failing >/dev/null; then fail=$((fail+1)); echo "FAIL summarize exit status"; else pass=$((pass+1)); fi
if tools/summarize.sh "$tmp" ok missing >/dev/null; then fail=$((fail+1)); echo "FAIL summarize missing"; else pass=$((pass+1)); fi
# Every build.mk fragment reads only variables that are defined when it is
# read (a prerequisite named by an undefined variable is silently empty, and
# a fresh clone then fails to link in one include order and not another).
undefined=$(make -n --no-print-directory --warn-undefined-variables all bench fuzz difffuzz 2>&1 >/dev/null |
            grep 'undefined variable')
if [ -z "$undefined" ]; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL build.mk reads undefined variables:"; echo "$undefined" | sed 's/^/    /'; fi
tools/summarize.sh "$tmp" ok last >/dev/null && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL summarize ok"; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
