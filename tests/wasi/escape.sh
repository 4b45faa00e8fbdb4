#!/usr/bin/env bash
# tests/wasi/escape.sh: the sandbox. Runs escape.wasm (escape.c) under wrun with one preopened
# directory whose symlinks point out of it every way, compares what each attempt got with
# escape.expected, and checks that nothing outside the directory was read, written, moved or
# created. Prints "N passed, M failed".
# Usage: escape.sh WRUN ESCAPE_WASM WORKDIR [--bless]
set -u
wrun=$1 module=$2 dir=$3
expected=$(dirname "$0")/escape.expected
pass=0 fail=0
rm -rf "$dir" && mkdir -p "$dir/host/sandbox/sub" || exit 1
host=$(cd "$dir/host" && pwd)
echo secret > "$host/secret.txt"
echo inside > "$host/sandbox/file.txt"
touch -d 2001-01-01 "$host/secret.txt"
# What must not change: the secret (atime too: it is never even read) and the
# directory beside the sandbox (its times too: utimensat through a link).
state() { stat -c '%s %Y %X %h %i' "$host/secret.txt" "$host"; }
before=$(state)
(cd "$host/sandbox" && ln -s ../secret.txt rel && ln -s "$host/secret.txt" abs && ln -s .. up &&
    ln -s ../.. sub/upup && ln -s ../created.txt dangle && ln -s sub inner)
"$wrun" --dir "$host/sandbox::/sandbox" "$module" > "$dir/out.txt" 2> "$dir/err.txt"
status=$?
if [ "${4:-}" = --bless ]; then
    cp "$dir/out.txt" "$expected"
    echo "escape.sh: wrote $expected"
fi
if [ $status = 0 ] && cmp -s "$dir/out.txt" "$expected"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL escape: exit status $status, output differs from $expected:"
    diff "$expected" "$dir/out.txt" | head -20
    head -3 "$dir/err.txt"
fi
# Outside the sandbox: everything as it was, nothing new.
after=$(state)
if [ "$before" = "$after" ] && [ "$(cat "$host/secret.txt")" = secret ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL escape-secret: secret.txt or its directory changed: '$before' -> '$after'"
fi
outside=$(ls -A "$host" | tr '\n' ' ')
if [ "$outside" = "sandbox secret.txt " ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL escape-outside: files beside the sandbox: $outside"
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
