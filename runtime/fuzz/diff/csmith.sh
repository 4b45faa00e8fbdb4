#!/bin/bash
# csmith.sh: differential fuzzing of wrt against V8 (node) on compiled C:
# random csmith programs built by clang for wasm32-wasi, run on wasi_run and
# on node wasi_run.js (tests/realcode, the same WASI test shim), outputs
# (csmith's "checksum = ..." line and the exit line) compared. Not part of
# `make test`; `make csmithfuzz` runs it.
#
#   csmith.sh WASI_RUN WASI_RUN_JS COUNT WORKDIR [JOBS]
#
# Each program is built six ways: -O1 and -O2, plus -O0 (odd seeds) or -Os
# (even seeds) unless CSMITH_LEVELS=2 (then four: a third faster); each "split" (clang -c, then a link without -O, so no
# wasm-opt: the shape that hid issue 12's miscompile) and "opt" (one clang
# step, which runs wasm-opt itself, then wasm-opt -O2). Every module runs in
# node first (timeout CSMITH_NODE_TIMEOUT, default 10 s); a program whose
# module times out there is skipped from that module on (counted), a module
# that does not compile is skipped too. Then wrt (twice that timeout; a
# timeout here is a mismatch). JOBS workers run side by side, each in
# WORKDIR/job-N; CSMITH_SEED=S makes the run reproducible (seeds S, S+1, ...),
# otherwise the first seed is random and printed.
#
# A mismatch is kept as WORKDIR/found/seed-S.LEVEL.VARIANT.{c,wasm,wrt.txt,
# node.txt,wrt.err} (the C source, the module, both outputs, wrt's trap
# message). Exit status 1 if any mismatch.
#
# Minimising a mismatch (reduce-test.sh beside this script is the
# interestingness test for both reducers; it needs absolute paths):
#
#   export WASI_RUN=$PWD/build/bin/wasi_run SHIM_JS=$PWD/tests/realcode/wasi_run.js
#   # the C program, with creduce (keeps: compiles, node exits normally, wrt differs)
#   mkdir /tmp/r && cp build/csmithfuzz/found/seed-S.O2.split.c /tmp/r/prog.c && cd /tmp/r
#   LEVEL=-O2 VARIANT=split creduce --n 2 $OLDPWD/runtime/fuzz/diff/reduce-test.sh prog.c
#   # or the module itself, with binaryen's wasm-reduce (clang 14 emits MVP code;
#   # -b names the folder of wasm-opt, which wasm-reduce runs: without it
#   # Debian's wasm-reduce stops with "failed to read and write the binary")
#   wasm-reduce build/csmithfuzz/found/seed-S.O2.split.wasm -ef --mvp-features -b /usr/bin/ \
#       --command="$PWD/runtime/fuzz/diff/reduce-test.sh t.wasm" -t t.wasm -w w.wasm
set -u
wasi_run=$(realpath "$1") shim_js=$(realpath "$2") count=$3 dir=$4 jobs=${5:-1}
node_timeout=${CSMITH_NODE_TIMEOUT:-10}
levels=${CSMITH_LEVELS:-3}
cc="clang --target=wasm32-wasi -w -I/usr/include/csmith"
mkdir -p "$dir/found"
rm -f "$dir"/job-*/counts
first_seed=${CSMITH_SEED:-$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')}
echo "csmithfuzz: seeds $first_seed..$((first_seed + count - 1)), $jobs job(s)"

# compile LEVEL SOURCE OBJECT: clang -c, once per level; both variants link
# this object (a one-step `clang LEVEL prog.c` gives the same bytes as
# `clang LEVEL -c` then `clang LEVEL prog.o`, which runs wasm-opt).
compile() {
    $cc "$1" -c "$2" -o "$3"
}

# link LEVEL VARIANT OBJECT OUT: one module, false if the link or wasm-opt fail.
link() {
    local level=$1 variant=$2 object=$3 out=$4
    if [ "$variant" = split ]; then
        $cc "$object" -o "$out"
    else
        $cc "$level" "$object" -o "$out.clang.wasm" && wasm-opt -O2 "$out.clang.wasm" -o "$out"
    fi
}

# run_one OUT COMMAND...: stdout to OUT (its exit status appended when not 0),
# stderr to OUT.err; returns the command's exit status.
run_one() {
    local out=$1; shift
    "$@" > "$out" 2> "$out.err"
    local status=$?
    [ $status = 0 ] || echo "(exit status $status)" >> "$out"
    return $status
}

# worker JOB: programs JOB, JOB + jobs, ... of the run; its counts go to
# WORKDIR/job-JOB/counts as "programs modules skipped mismatches".
worker() {
    local job=$1 w=$dir/job-$1 programs=0 modules=0 skipped=0 mismatches=0
    mkdir -p "$w"
    for ((i = job; i < count; i += jobs)); do
        local seed=$((first_seed + i))
        if ! csmith --seed "$seed" -o "$w/prog.c" > /dev/null 2>&1; then
            skipped=$((skipped + 1)); continue
        fi
        programs=$((programs + 1))
        local third=-Os
        ((seed % 2)) && third=-O0
        [ "$levels" = 2 ] && third=
        for level in -O2 -O1 $third; do
            local variant timed_out=0 object=$w/prog$level.o
            rm -f "$object"
            if ! compile "$level" "$w/prog.c" "$object" > "$w/build.err" 2>&1; then
                echo "seed $seed $level: does not compile, skipped"
                skipped=$((skipped + 1)); continue
            fi
            for variant in opt split; do
                local m=$w/m${level}.$variant.wasm
                rm -f "$m"
                if ! link "$level" "$variant" "$object" "$m" > "$w/build.err" 2>&1; then
                    echo "seed $seed $level $variant: does not compile, skipped"
                    skipped=$((skipped + 1)); continue
                fi
                run_one "$m.node" timeout "$node_timeout" node --stack-size=900 "$shim_js" "$m"
                if [ $? = 124 ]; then
                    echo "seed $seed $level $variant: node timed out, program skipped"
                    timed_out=1; skipped=$((skipped + 1)); break
                fi
                run_one "$m.wrt" timeout $((2 * node_timeout)) "$wasi_run" "$m"
                modules=$((modules + 1))
                if ! cmp -s "$m.wrt" "$m.node"; then
                    mismatches=$((mismatches + 1))
                    local found=$dir/found/seed-$seed$level.$variant
                    cp "$w/prog.c" "$found.c"
                    cp "$m" "$found.wasm"
                    cp "$m.wrt" "$found.wrt.txt"
                    cp "$m.node" "$found.node.txt"
                    cp "$m.wrt.err" "$found.wrt.err"
                    echo "MISMATCH $found.wasm: wrt '$(tr '\0\n' '@ ' < "$m.wrt" | cut -c 1-60)'" \
                         "node '$(tr '\n' ' ' < "$m.node" | cut -c 1-60)'"
                fi
            done
            [ $timed_out = 1 ] && break
        done
    done
    echo "$programs $modules $skipped $mismatches" > "$w/counts"
}

for ((job = 0; job < jobs; job++)); do
    worker "$job" &
done
wait
read -r programs modules skipped mismatches < <(cat "$dir"/job-*/counts |
    awk '{p += $1; m += $2; s += $3; x += $4} END {print p, m, s, x}')
rm -f "$dir"/job-*/counts
echo "csmithfuzz: $programs programs, $modules modules compared, $skipped skipped, $mismatches mismatches"
[ "$mismatches" = 0 ]
