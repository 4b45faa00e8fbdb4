#!/usr/bin/env bash
# Suite `api`: header checks, then api_test, then the documented example
# (it must run and print exactly the output shown in docs/runtime.md).
# Usage: run.sh API_TEST MODULE_DIR EXAMPLE INSTANCE_TEST
set -u
api_test=$1 modules=$2 example=$3 instance_test=$4
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# header CHECK-NAME COMPILER ARGS...: compiles tests/api/header_test.c (wrt.h) and
# header_wasi_test.c (wrt_wasi.h), each header first and alone.
header() {
    local name=$1; shift
    local file
    for file in tests/api/header_test.c tests/api/header_wasi_test.c; do
        if "$@" -Iruntime/include -Iruntime/wasi/include -c "$file" -o "$tmp/h.o" 2> "$tmp/err"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL header $name ($file):"; sed 's/^/    /' "$tmp/err" | head -20
        fi
    done
}
header c11-pedantic   "${CC:-cc}" -std=c11 -pedantic -Wall -Wextra -Werror
header c99-pedantic   "${CC:-cc}" -std=c99 -pedantic -Wall -Wextra -Werror
header clang-c11      clang -std=c11 -pedantic -Wall -Wextra -Werror
header cxx11          c++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror
header clangxx17      clang++ -x c++ -std=c++17 -pedantic -Wall -Wextra -Werror

# counted PROGRAM ARGS...: adds the program's own "N passed, M failed".
counted() {
    local out status line
    out=$("$@" 2>&1); status=$?
    echo "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
    if [ -n "$line" ] && [ "$status" -eq 0 -o "$(echo "$line" | awk '{print $3}')" != 0 ]; then
        pass=$((pass + $(echo "$line" | awk '{print $1}')))
        fail=$((fail + $(echo "$line" | awk '{print $3}')))
    else
        fail=$((fail + 1)); echo "FAIL $1 exited with status $status"
    fi
}
counted "$api_test" "$modules"
counted "$instance_test"

# The example's output must be exactly what docs/runtime.md shows after
# "$ build/bin/runtime_example" (so the documentation cannot go stale).
doc=docs/runtime.md
awk '/^\$ build\/bin\/runtime_example$/ {on = 1; next} on && /^```/ {exit} on' "$doc" > "$tmp/want"
if ! out=$("$example" 2>&1); then
    fail=$((fail + 1)); echo "FAIL runtime_example exited non-zero:"; echo "$out" | sed 's/^/    /'
elif [ ! -s "$tmp/want" ]; then
    fail=$((fail + 1)); echo "FAIL $doc has no '\$ build/bin/runtime_example' output block"
elif ! diff -u "$tmp/want" <(printf '%s\n' "$out") > "$tmp/diff"; then
    fail=$((fail + 1)); echo "FAIL runtime_example output differs from $doc:"; sed 's/^/    /' "$tmp/diff"
else
    pass=$((pass + 1))
fi

# docs/runtime.md names every function of wrt.h, and every wrt_/WRT_ name it
# uses exists in wrt.h.
missing=""
for name in $(grep -oE '\bwrt_[a-z_]+ *\(' runtime/include/wrt.h | tr -d '( ' | sort -u); do
    grep -q "\b$name\b" "$doc" || missing="$missing $name"
done
for name in $(grep -oE '\b(wrt|WRT)_[A-Za-z0-9_]+' "$doc" | sort -u); do
    grep -q "\b$name\b" runtime/include/wrt.h || missing="$missing $name(not in wrt.h)"
done
if [ -z "$missing" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL $doc and wrt.h disagree:$missing"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
