#!/usr/bin/env bash
# run.sh: suite `realcode`. Runs every module built from tests/realcode/src/NAME.c
# on wrt (wasi_run) and on node (wasi_run.js); each module is one check: the
# two outputs must be equal, and node's must equal src/NAME.expected (so a
# node or wasi-libc change is noticed too). Then the shim's own paths
# (shim.wat: --invoke, a trap, an unsupported import, errors) the same way
# against shim.expected.
#
#   tests/realcode/run.sh [--bless] WASI_RUN MODULE_DIR NAME...
#
# --bless rewrites src/NAME.expected and shim.expected from node's output
# (after checking that node prints the same for all eight builds of NAME);
# `make realcode-bless` does it for every program.
set -u
bless=0
if [ "${1:-}" = --bless ]; then bless=1; shift; fi
wasi_run=$1 dir=$2; shift 2
here=tests/realcode
out=$dir/out
mkdir -p "$out"
pass=0 fail=0

# run_both OUT_PREFIX ARGS...: wrt's and node's stdout in OUT_PREFIX.wrt and
# OUT_PREFIX.node (stderr beside them). A non-zero exit status is appended,
# with the number of stderr lines (an error must be one line; the two
# drivers' wording differs).
run_both() {
    local prefix=$1; shift
    run_one "$prefix.wrt" timeout 20 "$wasi_run" "$@"
    run_one "$prefix.node" timeout 60 node "$here/wasi_run.js" "$@"
}
run_one() {
    local file=$1; shift
    "$@" > "$file" 2> "$file.err"
    local status=$?
    [ $status = 0 ] || echo "(exit status $status, $(wc -l < "$file.err") line(s) on stderr)" >> "$file"
}

# The first lines of a diff, bytes made visible (garbage output is binary).
show_diff() {
    diff -a "$1" "$2" | head -n 6 | cat -v | cut -c 1-150 | sed 's/^/    /'
}

# check LABEL PREFIX EXPECTED: one check.
check() {
    local label=$1 prefix=$2 expected=$3
    if ! cmp -s "$prefix.wrt" "$prefix.node"; then
        fail=$((fail + 1))
        echo "FAIL $label: wrt and node differ ($prefix.wrt, $prefix.node)"
        show_diff "$prefix.wrt" "$prefix.node"
        tail -n 2 "$prefix.wrt.err" | sed 's/^/    wrt stderr: /'
    elif [ $bless = 0 ] && ! cmp -s "$prefix.node" "$expected"; then
        fail=$((fail + 1))
        echo "FAIL $label: node differs from $expected (node or wasi-libc changed? see --bless)"
        show_diff "$expected" "$prefix.node"
    else
        pass=$((pass + 1))
    fi
}

for name in "$@"; do
    expected=$here/src/$name.expected
    failed_before=$fail
    rm -f "$out/$name.bless"
    for level in O0 O1 O2 Os; do
        for variant in split opt; do
            module=$name.$level.$variant
            run_both "$out/$module" "$dir/$module.wasm"
            check "$module" "$out/$module" "$expected"
            if [ $bless = 1 ] && [ ! -e "$out/$name.bless" ]; then
                cp "$out/$module.node" "$out/$name.bless"
            elif [ $bless = 1 ] && ! cmp -s "$out/$module.node" "$out/$name.bless"; then
                echo "FAIL bless: node prints differently for $module than for $name.O0.split"
                fail=$((fail + 1))
            fi
        done
    done
    if [ $bless = 1 ] && [ $fail = $failed_before ]; then
        mv "$out/$name.bless" "$expected"
        echo "blessed $expected"
    fi
    echo "$name: $((8 - (fail - failed_before))) of 8 modules match"
done

# The shim itself: one check per invocation; shim.expected holds node's
# output of each under a line "== LABEL".
if wat2wasm "$here/shim.wat" -o "$dir/shim.wasm" 2> "$out/shim.err"; then
    : > "$out/shim.all"
    while read -r label args; do
        run_both "$out/shim.$label" $args
        { echo "== $label"; cat "$out/shim.$label.node"; } >> "$out/shim.all"
        awk -v l="== $label" '$0 == l {on = 1; next} /^== / {on = 0} on' "$here/shim.expected" \
            > "$out/shim.$label.expected" 2> /dev/null
        check "shim $label" "$out/shim.$label" "$out/shim.$label.expected"
    done <<END
start        $dir/shim.wasm
answer       $dir/shim.wasm --invoke answer
divide       $dir/shim.wasm --invoke divide_by_zero
unsupported  $dir/shim.wasm --invoke call_unsupported
exit         $dir/shim.wasm --invoke exit_7
missing      $dir/shim.wasm --invoke no_such_export
unreadable   $dir/no-such-file.wasm
malformed    $here/shim.wat
usage        $dir/shim.wasm --frob
END
    if [ $bless = 1 ]; then
        cp "$out/shim.all" "$here/shim.expected"
        echo "blessed $here/shim.expected"
    fi
else
    cat "$out/shim.err"
    echo "FAIL shim: wat2wasm failed"
    fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
