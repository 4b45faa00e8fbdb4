#!/usr/bin/env bash
# jit_test.sh: converts every tests/jit/*.wat with wat2wasm and runs its `;; run` lines
# through the JIT, once with every CPU feature and once with the fallbacks.
#   tests/jit/jit_test.sh PATH/TO/jit_test
set -u
program=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
args=()
for wat in tests/jit/*.wat; do
    wasm="$tmp/$(basename "$wat" .wat).wasm"
    if ! wat2wasm -o "$wasm" "$wat" 2> "$tmp/err"; then
        cat "$tmp/err"; echo "wat2wasm failed on $wat"; echo "0 passed, 1 failed"; exit 1
    fi
    args+=("$wasm" "$wat")
done
"$program" "${args[@]}" > "$tmp/all" ; status_all=$?
"$program" --no-features "${args[@]}" > "$tmp/fallback"; status_fallback=$?
grep -v '^[0-9]* passed' "$tmp/all"
grep -v '^[0-9]* passed' "$tmp/fallback" | sed 's/^/[no-features] /'
p=0 f=0
for file in "$tmp/all" "$tmp/fallback"; do
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$file" | tail -n 1)
    [ -z "$line" ] && { f=$((f+1)); continue; }
    p=$((p + $(echo "$line" | awk '{print $1}'))) f=$((f + $(echo "$line" | awk '{print $3}')))
done
[ $status_all -ne 0 ] && [ $f -eq 0 ] && f=1
[ $status_fallback -ne 0 ] && [ $f -eq 0 ] && f=1
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
