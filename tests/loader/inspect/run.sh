#!/usr/bin/env bash
# run.sh: itrun prints what Node's console.log prints: random values of random IT types through both, compared byte for byte.
#   tests/loader/inspect/run.sh [BIN_DIR [SEED [CALLS]]]     (defaults: build/bin, 1, 3000)
#
# gen.js writes a component of echo and console exports of random types and
# CALLS calls of them (seeded: the same seed gives the same calls); itlc
# builds it, loader/itrun/calls.sh runs the calls through itrun and
# tests/loader/node_call.js through the Node loader. Each call's output must
# be the same on both sides, except that a call expect.txt says fails (a
# result<T, E> export given an err) must fail on both. Also checks that
# loader/itrun/value_text.c's width tables are what this Node's
# getStringWidth gives (tests/loader/inspect/width_table.js).
# Run from the repository's top. Exits 1 on any difference, showing the first few.
set -u
bin=${1:-build/bin} seed=${2:-1} count=${3:-3000}
here=tests/loader/inspect
tmp=$(mktemp -d /tmp/it-inspect-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failed=0 shown=0 compared=0 failing=0 values=0
fail() {
    failed=$((failed + 1))
    [ $shown -lt 5 ] || return
    shown=$((shown + 1))
    echo "FAIL: $*"
}

node --expose-internals "$here/width_table.js" >"$tmp/table" &&
    sed -n '/^\/\* BEGIN tests\/loader\/inspect\/width_table.js \*\/$/,/^\/\* END /p' loader/itrun/value_text.c |
    sed '1d;$d' | diff "$tmp/table" - >"$tmp/diff" ||
    fail "loader/itrun/value_text.c's width tables are not this Node's (node --expose-internals $here/width_table.js prints them): $(head -c 600 "$tmp/diff")"

node "$here/gen.js" "$seed" "$count" "$tmp" || { echo "FAIL: gen.js $seed $count"; exit 1; }
if ! "$bin/itlc" "$tmp/inspect.itl" -o "$tmp/it_inspect.wasm" 2>"$tmp/err"; then
    echo "FAIL: itlc cannot compile gen.js's component (seed $seed): $(head -c 2000 "$tmp/err")"
    exit 1
fi
loader/itrun/calls.sh "$bin/itrun" "$tmp/calls.txt" "$tmp" "$tmp/native"
node tests/loader/node_call.js --calls "$tmp/calls.txt" "$tmp" "$tmp/node" 2>"$tmp/err" ||
    { echo "FAIL: node_call.js --calls: $(cat "$tmp/err")"; exit 1; }

# diff -rq names the calls whose outputs differ, in one process; only those
# are looked at (a failed call differs: itrun and node_call.js word their
# errors differently).
diff -rq "$tmp/native" "$tmp/node" 2>&1 | sed -n 's#^Files .*/native/\([0-9]*\) and .*#\1#p' | sort -n >"$tmp/differ"
[ "$(ls "$tmp/native" | wc -l)" = "$(wc -l <"$tmp/calls.txt")" ] && [ "$(ls "$tmp/node" | wc -l)" = "$(wc -l <"$tmp/calls.txt")" ] ||
    fail "$(wc -l <"$tmp/calls.txt") calls, $(ls "$tmp/native" | wc -l) outputs from itrun, $(ls "$tmp/node" | wc -l) from node"
k=0 next_differ=
exec 4<"$tmp/differ"
IFS= read -r next_differ <&4
while IFS= read -r expect && IFS= read -r call <&3; do
    k=$((k + 1))
    differs=0
    [ "$k" = "$next_differ" ] && { differs=1; next_differ=; IFS= read -r next_differ <&4; }
    native=$tmp/native/$k node=$tmp/node/$k
    if [ "$expect" = fails ]; then
        failing=$((failing + 1))
        grep -q '^exit [0-9]*$' "$native" && grep -q '^exit [0-9]*$' "$node" ||
            fail "call $k (${call:0:1500}) should fail on both sides: itrun '$(cat "$native")', node '$(cat "$node")'"
    elif [ $differs = 1 ]; then
        fail "call $k (${call:0:1500}):
--- itrun
$(head -c 3000 "$native")
--- node
$(head -c 3000 "$node")"
    else
        compared=$((compared + 1))
        IFS='|' read -ra words <<<"$call"
        values=$((values + ${#words[@]} - 2))
    fi
done <"$tmp/expect.txt" 3<"$tmp/calls.txt"

echo "inspect (seed $seed): $compared calls ($values values) printed the same, $failing failed on both sides as expected, $failed differ"
[ $failed = 0 ]
