#!/usr/bin/env bash
# tests/wasi/run.sh: suite `wasi`: the official WASI test suite (a copy in WORKDIR/testsuite) on
# wrun through testsuite.js, escape.sh, wasi_api_test and wrun's command line; one "N passed,
# M failed" line for all.
# Usage: run.sh WRUN ESCAPE_WASM ECHO_WASM WORKDIR KNOWN_FAILURES API_TEST API_WASM
set -u
wrun=$1 escape=$2 echo_wasm=$3 dir=$4 known=$5 api_test=$6 api_wasm=$7
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
# The C API's configuration and exit paths (wasi_api_test.c).
"$api_test" "$api_wasm" 2>&1 | tee "$dir/api.log"
add_counts "$dir/api.log"

# wrun's command line: arguments, environment, stdin, exit codes, errors (echo.c).
pass=0 fail=0
# check NAME WANT_STATUS WANT_TEXT COMMAND...: exit status and a text in the output.
check() {
    local name=$1 want_status=$2 want_text=$3; shift 3
    local out status
    out=$(timeout 20 "$@" 2>&1 < /dev/null); status=$?
    if [ "$status" -eq "$want_status" ] && [[ "$out" == *"$want_text"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: status $status (want $want_status), output: $(printf '%s' "$out" | head -c 300)"
    fi
}
check args        0 "argv[0]=$echo_wasm"$'\n'"argv[1]=a b"$'\n'"argv[2]=--list" "$wrun" "$echo_wasm" "a b" --list
check dash-dash   0 "argv[1]=--help"           "$wrun" "$echo_wasm" -- --help
check options-after 0 "FOO=bar"                "$wrun" "$echo_wasm" --env FOO=bar --getenv=FOO
check env-empty   0 "HOME=(unset)"             "$wrun" "$echo_wasm" --getenv=HOME
check env         0 "FOO=x=y"                  "$wrun" --env FOO=x=y "$echo_wasm" --getenv=FOO
check inherit-env 0 "WASI_TEST_VAR=inherited"  env WASI_TEST_VAR=inherited "$wrun" --inherit-env "$echo_wasm" --getenv=WASI_TEST_VAR
check exit-code   42 "argv[0]"                 "$wrun" "$echo_wasm" --exit 42
out=$(printf 'one\ntwo\n' | "$wrun" "$echo_wasm" --stdin 2>&1)
if [ "$out" = "argv[0]=$echo_wasm"$'\n'"stdin: one"$'\n'"stdin: two" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL stdin: output: $out"; fi
check dir-missing 1 "cannot open directory '$dir/nope': No such file or directory" "$wrun" --dir "$dir/nope" "$echo_wasm"
check dir-file    1 "Not a directory"          "$wrun" --dir "$echo_wasm" "$echo_wasm"
check dir-empty-guest 2 "--dir takes HOST[::GUEST]" "$wrun" --dir "$dir::" "$echo_wasm"
check env-bad     2 "--env takes NAME=VALUE"   "$wrun" --env =x "$echo_wasm"
check invoke-main 0 "argv[0]=$echo_wasm"       "$wrun" "$echo_wasm" --invoke _start
echo "$pass passed, $fail failed" > "$dir/cli.log"
cat "$dir/cli.log"
add_counts "$dir/cli.log"
echo "$total_pass passed, $total_fail failed"
[ $total_fail = 0 ]
