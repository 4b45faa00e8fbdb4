#!/bin/bash
# reduce-test.sh: interestingness test for minimising a csmithfuzz mismatch,
# with creduce (on the C program) or binaryen's wasm-reduce (on the module);
# csmith.sh's header shows both command lines.
#
#   reduce-test.sh [FILE]    FILE.c (default prog.c, as creduce wants) or FILE.wasm
#
# Environment: WASI_RUN and SHIM_JS, absolute paths of build/bin/wasi_run and
# tests/realcode/wasi_run.js; for C, LEVEL (default -O2) and VARIANT (split:
# clang -c then link without wasm-opt, the default; opt: one clang step then
# wasm-opt -O2), as in the mismatch's file name.
#
# Interesting (exit 0, prints "interesting") when the module builds, node
# runs it to a normal end within 5 s (its last line is `exit N`; not a trap,
# so no stack-depth differences), and wrt prints something else. The result
# is the same for the same input, as wasm-reduce needs.
set -u
file=${1:-prog.c}
boring() { echo boring; exit 1; }
if [ -n "${DIFF_WRT:-}" ]; then
    : "${DIFF_V8:?set DIFF_V8 to diff_v8.js}"
    timeout 20 "$DIFF_WRT" "$file" > reduce-test.wrt 2>/dev/null || boring
    timeout 60 node --stack-size=900 "$DIFF_V8" "$file" > reduce-test.v8 2>/dev/null || boring
    cmp -s reduce-test.wrt reduce-test.v8 && boring
    echo interesting
    exit 0
fi
: "${WASI_RUN:?set WASI_RUN to the absolute path of wasi_run}" "${SHIM_JS:?set SHIM_JS to wasi_run.js}"
cc="clang --target=wasm32-wasi -w -I/usr/include/csmith"
case $file in
*.c)
    module=reduce-test.wasm
    if [ "${VARIANT:-split}" = split ]; then
        $cc ${LEVEL:--O2} -c "$file" -o reduce-test.o 2>/dev/null &&
            $cc reduce-test.o -o $module 2>/dev/null || boring
    else
        $cc ${LEVEL:--O2} "$file" -o reduce-test.clang.wasm 2>/dev/null &&
            wasm-opt -O2 reduce-test.clang.wasm -o $module 2>/dev/null || boring
    fi
    ;;
*) module=$file ;;
esac
timeout 5 node --stack-size=900 "$SHIM_JS" "$module" > reduce-test.node 2>/dev/null || boring
tail -n 1 reduce-test.node | grep -q '^exit [0-9]*$' || boring
timeout 10 "$WASI_RUN" "$module" > reduce-test.wrt 2>/dev/null
cmp -s reduce-test.wrt reduce-test.node && boring
echo interesting
