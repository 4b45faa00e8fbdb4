#!/usr/bin/env bash
# tests/hostile/tools_test.sh: wrun (and itrun, itlc beside it) on hostile inputs: files that are not
# regular or too large, guests that loop or grow without end. Each must end
# quickly with one clear line and a non-zero status (or a bounded result).
# Usage: tools_test.sh WRUN MODULE_DIR
set -u
wrun=$1 dir=$2
pass=0 fail=0
# check NAME WANT_STATUS WANT_TEXT COMMAND...: within 10 s (60 s in a
# sanitized build, make's SANITIZE=..., several times slower), exit status
# WANT_STATUS, WANT_TEXT in the output.
limit=10; [ -n "${SANITIZE:-}" ] && limit=60
check() {
    local name=$1 want_status=$2 want_text=$3; shift 3
    local out status
    out=$(timeout $limit "$@" 2>&1); status=$?
    if [ "$status" -eq "$want_status" ] && [[ "$out" == *"$want_text"* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: status $status (want $want_status), output: $(printf '%s' "$out" | head -c 300)"
    fi
}
rm -f "$dir/fifo"; mkfifo "$dir/fifo"
truncate -s 1100M "$dir/huge.wasm"
check dev-zero    1 "cannot read: not a regular file" "$wrun" /dev/zero --validate
check dev-urandom 1 "cannot read: not a regular file" "$wrun" /dev/urandom --validate
check fifo        1 "cannot read: not a regular file" "$wrun" "$dir/fifo" --validate
check huge        1 "larger than 1 GiB"               "$wrun" "$dir/huge.wasm" --validate
rm -f "$dir/fifo" "$dir/huge.wasm"
check timeout     1 "trap: interrupted (function 1, offset 0x" "$wrun" --timeout 1 "$dir/guest.wasm" --invoke spin
check timeout-msg 1 "the --timeout of 1 s ran out"    "$wrun" --timeout 1 "$dir/guest.wasm" --invoke spin_calls
check timeout-start 1 "cannot instantiate: trap: interrupted" "$wrun" --timeout 0.2 "$dir/spin_start.wasm" --invoke x
check max-memory  0 "1001"                            "$wrun" --max-memory 67108864 "$dir/guest.wasm" --invoke grow
check timeout-bad 2 "--timeout takes seconds"         "$wrun" --timeout 0x10 "$dir/guest.wasm" --invoke spin
check max-memory-bad 2 "--max-memory takes a number"  "$wrun" --max-memory 1e9 "$dir/guest.wasm" --invoke grow

# Compile time is linear in the operand stack's height and the nesting depth:
# each of bench/scale.js's shapes for wrun, at 8 times its base size,
# compiles in well under a second (a quadratic compiler took minutes on some).
scale=$(dirname "$0")/../../bench/scale.js
for shape in $(node "$scale" --list | grep '^jit-'); do
    node "$scale" --emit "$shape" "$dir/$shape.wasm" || { fail=$((fail + 1)); echo "FAIL $shape: cannot generate"; continue; }
    check "scale-$shape" 0 "valid" "$wrun" "$dir/$shape.wasm" --validate
    rm -f "$dir/$shape.wasm"
done
# itlc reads only regular files, its input and the core modules it checks.
bin=$(dirname "$wrun")
rm -f "$dir/fifo.itl"; mkfifo "$dir/fifo.itl"
printf '(module m "/dev/urandom" (func f "f" (param) (result)))\n' > "$dir/dev_core.itl"
check itlc-dev-zero 1 "cannot read '/dev/zero': not a regular file" "$bin/itlc" /dev/zero -o "$dir/out.wasm"
check itlc-fifo     1 "not a regular file" "$bin/itlc" "$dir/fifo.itl" -o "$dir/out.wasm"
check itlc-dev-core 1 "cannot read core module '/dev/urandom': not a regular file" "$bin/itlc" "$dir/dev_core.itl" -o "$dir/out.wasm"
rm -f "$dir/fifo.itl" "$dir/dev_core.itl"

# itlc -o: a regular output keeps its mode (a new one gets 0666 & ~umask), a
# symlink stays a symlink, a device is written, not replaced, and the input
# is never overwritten.
out_dir=$dir/itlc_out; rm -rf "$out_dir"; mkdir -p "$out_dir"
printf '(export (func _ "f" (result s32) 1))\n' > "$out_dir/m.itl"
(umask 027; "$bin/itlc" "$out_dir/m.itl" -o "$out_dir/new.wasm")
check itlc-umask 0 "640" stat -c %a "$out_dir/new.wasm"
chmod 604 "$out_dir/new.wasm"; "$bin/itlc" "$out_dir/m.itl" -o "$out_dir/new.wasm"
check itlc-keeps-mode 0 "604" stat -c %a "$out_dir/new.wasm"
ln -s new.wasm "$out_dir/link.wasm"; "$bin/itlc" "$out_dir/m.itl" -o "$out_dir/link.wasm"
check itlc-symlink 0 "symbolic link" stat -c %F "$out_dir/link.wasm"
check itlc-dev-null 0 "" "$bin/itlc" "$out_dir/m.itl" -o /dev/null
check itlc-dev-null-kept 0 "character special file" stat -c %F /dev/null
check itlc-output-is-input 1 "cannot write '$out_dir/m.itl': it is the input file" "$bin/itlc" "$out_dir/m.itl" -o "$out_dir/m.itl"
check itlc-input-kept 0 '(export (func _ "f"' cat "$out_dir/m.itl"
# ... nor a core module it reads (here through a hard link).
cp examples/fizzbuzz/fizz.itl "$bin/../examples/fizzbuzz/fizz.wasm" "$out_dir/"
ln "$out_dir/fizz.wasm" "$out_dir/hard.wasm"
check itlc-output-is-core 1 "cannot write '$out_dir/hard.wasm': it is this core module's file" \
    "$bin/itlc" "$out_dir/fizz.itl" -o "$out_dir/hard.wasm"
check itlc-core-kept 0 "" cmp "$out_dir/fizz.wasm" "$bin/../examples/fizzbuzz/fizz.wasm"
rm -rf "$out_dir"

# Both loaders read only regular files, the adapter and the core modules it
# names: a core module that is /dev/zero (through a symlink) or a FIFO, an
# adapter that is a device, a FIFO or over 1 GiB, fails at once.
js_loader=$(dirname "$0")/../../loader/js/it_loader.js
# "${node_load[@]}" ADAPTER: instantiate both ways, print the errors.
node_load=(node -e 'const l = require(process.argv[1]);
  (async () => {
    try { l.instantiateSync(process.argv[2], {}); console.log("sync loaded"); } catch (e) { console.log(e.message); }
    try { await l.instantiate(process.argv[2], {}); console.log("async loaded"); } catch (e) { console.log(e.message); process.exit(1); }
  })();' "$js_loader")
loader_dir=$dir/loader_files
rm -rf "$loader_dir"; mkdir -p "$loader_dir"
cp "$bin/../examples/strings/it_strings.wasm" "$loader_dir/"
mkfifo "$loader_dir/fifo.wasm"
truncate -s 1100M "$loader_dir/huge.wasm"
for core in zero fifo; do
    rm -f "$loader_dir/strings.wasm"
    if [ $core = zero ]; then ln -s /dev/zero "$loader_dir/strings.wasm"; else mkfifo "$loader_dir/strings.wasm"; fi
    check itrun-core-$core 1 "loader_files/strings.wasm: not a regular file" \
        "$bin/itrun" "$loader_dir/it_strings.wasm" reverse abc
    check node-core-$core 1 "loader_files/strings.wasm: not a regular file" \
        "${node_load[@]}" "$loader_dir/it_strings.wasm"
done
for adapter in /dev/zero "$loader_dir/fifo.wasm"; do
    check "itrun-adapter-$adapter" 1 "cannot read adapter $adapter: not a regular file" "$bin/itrun" "$adapter" f
    check "node-adapter-$adapter" 1 "cannot read adapter $adapter: not a regular file" "${node_load[@]}" "$adapter"
done
check itrun-adapter-huge 1 "larger than 1 GiB" "$bin/itrun" "$loader_dir/huge.wasm" f
check node-adapter-huge 1 "larger than 1 GiB" "${node_load[@]}" "$loader_dir/huge.wasm"
rm -rf "$loader_dir"

# Names from adapters reach messages and itrun --list with every control
# character escaped (\xHH): a newline or a terminal escape in a name can
# neither forge a line nor hide the rest. Each error stays one line.
cat > "$dir/ctl.itl" <<'ITL'
(import "ns\0a\1b[2J" (func host "f\0aforged: line" (param s32)))
(export (func _ "a\0ab\c2\9b" (param s32) (call host (local 0))))
ITL
# one_line NAME WANT_LINES WANT_TEXT COMMAND...: the output has WANT_LINES
# lines and holds WANT_TEXT (any exit status).
one_line() {
    local name=$1 want_lines=$2 want_text=$3; shift 3
    local out; out=$(timeout 10 "$@" 2>&1)
    if [ "$(printf '%s\n' "$out" | wc -l)" -eq "$want_lines" ] && [[ "$out" == *"$want_text"* ]] && [[ "$out" != *$'\e'* ]]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL $name: $(printf '%q' "$out" | head -c 300)"
    fi
}
if "$bin/itlc" "$dir/ctl.itl" -o "$dir/it_ctl.wasm"; then
    one_line list-escaped 3 'export a\x0ab\xc2\x9b (s32) -> ()' "$bin/itrun" --list "$dir/it_ctl.wasm"
    one_line list-import-escaped 3 'import ns\x0a\x1b[2J.f\x0aforged: line (s32)' "$bin/itrun" --list "$dir/it_ctl.wasm"
    one_line itrun-no-export 1 '(its exports: a\x0ab\xc2\x9b)' "$bin/itrun" "$dir/it_ctl.wasm" nope
    one_line itrun-missing-import 1 'imports ns\x0a\x1b[2J.f\x0aforged: line, which was not provided' \
        "$bin/itrun" "$dir/it_ctl.wasm" "$(printf 'a\nb\xc2\x9b')" 1
    one_line node-missing-import 2 'imports ns\x0a\x1b[2J.f\x0aforged: line, which was not provided' \
        "${node_load[@]}" "$dir/it_ctl.wasm"
else
    fail=$((fail + 1)); echo "FAIL itlc cannot compile ctl.itl"
fi
rm -f "$dir/ctl.itl" "$dir/it_ctl.wasm"

# itrun --timeout stops a component that loops (in a call, or in a core
# module's start function during _it_init); --max-memory caps all the
# modules' memories together.
here=$(dirname "$0")
if "$bin/itlc" "$here/limits.itl" --core-dir "$dir" -o "$dir/it_limits.wasm" &&
   "$bin/itlc" "$here/spin_start.itl" --core-dir "$dir" -o "$dir/it_spin_start.wasm"; then
    check itrun-timeout 1 "limits.spin: interrupted (the --timeout of 1 s ran out)" \
        "$bin/itrun" --timeout 1 "$dir/it_limits.wasm" spin
    check itrun-timeout-calls 1 "interrupted (the --timeout of 0.5 s ran out)" \
        "$bin/itrun" --timeout 0.5 "$dir/it_limits.wasm" spin_calls
    check itrun-timeout-init 1 "spin_start.wasm: interrupted (the --timeout of 0.3 s ran out)" \
        "$bin/itrun" --timeout 0.3 "$dir/it_spin_start.wasm" f
    check itrun-timeout-unused 0 "1001" "$bin/itrun" --timeout 5 --max-memory 67108864 "$dir/it_limits.wasm" grow
    check itrun-max-memory 0 "1001" "$bin/itrun" --max-memory 67108864 "$dir/it_limits.wasm" grow
    check itrun-max-memory-low 1 "exceeds the store's limit of 65535 bytes" \
        "$bin/itrun" --max-memory 65535 "$dir/it_limits.wasm" grow
    check itrun-timeout-bad 2 "--timeout takes seconds" "$bin/itrun" --timeout 1.2.3 "$dir/it_limits.wasm" spin
    check itrun-timeout-zero 2 "--timeout takes seconds" "$bin/itrun" --timeout 0 "$dir/it_limits.wasm" spin
    check itrun-max-memory-bad 2 "--max-memory takes a number" "$bin/itrun" --max-memory 64M "$dir/it_limits.wasm" grow
    check loader-api-limits 0 "8 passed, 0 failed" "$bin/loader_limits_test" "$dir/it_limits.wasm" "$dir/it_spin_start.wasm"
else
    fail=$((fail + 1)); echo "FAIL itlc cannot compile limits.itl or spin_start.itl"
fi
rm -f "$dir/it_limits.wasm" "$dir/it_spin_start.wasm"

# itrun reads numbers strictly: the whole argument, one sign, one 0x; floats
# as JS writes them (no spaces, inf, nan or nan(...)).
strings=$bin/../examples/strings/it_strings.wasm
for bad in 0x0x10 +-1 " 1" "1 " 1n 0x ""; do
    check "itrun-int-'$bad'" 1 "is not an integer" "$bin/itrun" "$strings" repeat x "$bad"
done
for bad in " 1.5" "1.5 " inf nan "NaN(1)" 1e 0x 0x0x1p1 "" "1,5"; do
    check "itrun-float-'$bad'" 1 "is not a number" "$bin/itrun" "$strings" f64Average "$bad" 0
done
check itrun-hex   0 "xxxxxxxxxxxxxxxx" "$bin/itrun" "$strings" repeat x 0x10
check itrun-hexf  0 "6"                "$bin/itrun" "$strings" f64Average 0x1.8p3 0
check itrun-dot   0 "0.25"             "$bin/itrun" "$strings" f64Average .5 0
check itrun-inf   0 "-Infinity"        "$bin/itrun" "$strings" f64Average -Infinity 0
check itrun-nan   0 "NaN"              "$bin/itrun" "$strings" f64Average NaN 0

# The same for the native loader (itrun) and itlc: an adapter with many
# exports, ITL with many exports, helpers, parameters or one long line.
for shape in $(node "$scale" --list | grep '^loader-'); do
    node "$scale" --emit "$shape" "$dir/$shape.wasm" || { fail=$((fail + 1)); echo "FAIL $shape: cannot generate"; continue; }
    check "scale-$shape" 0 "" "$bin/itrun" "$dir/$shape.wasm" f0
    rm -f "$dir/$shape.wasm"
done
for shape in $(node "$scale" --list | grep '^itlc-'); do
    node "$scale" --emit "$shape" "$dir/$shape.itl" || { fail=$((fail + 1)); echo "FAIL $shape: cannot generate"; continue; }
    want=0; [ "$shape" = itlc-params ] && want=1 # over wasm's 1000 parameters: refused
    check "scale-$shape" $want "" "$bin/itlc" "$dir/$shape.itl" -o "$dir/$shape.wasm"
    rm -f "$dir/$shape.itl" "$dir/$shape.wasm"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
