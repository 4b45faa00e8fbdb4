// trap_kinds.js: V8's trap messages mapped to the merged kind names of trap_kind.c (diff_v8.js, tests/realcode/wasi_run.js).
'use strict';

const kinds = [
  [/unreachable/, 'unreachable'],
  [/memory access out of bounds|data segment out of bounds/, 'oob-memory'],
  [/table index is out of bounds|invalid index into function table|element segment out of bounds|table access out of bounds|out of bounds table/, 'oob-table'],
  [/function signature mismatch/, 'signature'],
  [/divide by zero|remainder by zero/, 'divide-by-zero'],
  [/divide result unrepresentable/, 'overflow-or-conversion'],
  [/float unrepresentable in integer range/, 'overflow-or-conversion'],
  [/Maximum call stack size exceeded/, 'stack'],
];

// The kind of a thrown trap; anything that is not a wasm trap (or V8's stack
// overflow) is 'other(MESSAGE)'.
function trapKind(e) {
  const m = String(e && e.message);
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    for (const [re, k] of kinds) if (re.test(m)) return k;
  }
  return 'other(' + m + ')';
}

module.exports = { trapKind };
