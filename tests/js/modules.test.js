// modules.test.js: one adapter over two core modules (itlc output): each keeps its own memory, one
// imports the other's exports through the adapter, and _it_init loads them in declaration order.
// Needs $BIN/itlc and wat2wasm; examples/pipeline is the full example of the same thing.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const loader = require('../../loader/js/it_loader.js');
const { new_dir } = require('./helpers.js');

const itlc = path.join(process.env.BIN || path.join(__dirname, '..', '..', 'build', 'bin'), 'itlc');
const TRAP = WebAssembly.RuntimeError;

// Core module a: its own memory, and val() = 42. Core module b: its own memory, a start
// function that calls its import a.val and keeps the result, and got() returning it.
const CORES = {
  'a.wasm': `(module (memory (export "memory") 1) (func (export "val") (result i32) i32.const 42)
    (func (export "alloc") (param i32) (result i32) i32.const 1024))`,
  'b.wasm': `(module (import "a" "val" (func $val (result i32))) (memory (export "memory") 1)
    (global $got (mut i32) (i32.const 0))
    (func $start (global.set $got (call $val))) (start $start)
    (func (export "got") (result i32) global.get $got)
    (func (export "alloc") (param i32) (result i32) i32.const 2048))`,
};

const MODULE_A = '(module a "a.wasm" (func a_val "val" (result i32)) (func a_alloc "alloc" (param i32) (result i32)))';
const MODULE_B = `(module b "b.wasm" (func b_got "got" (result i32)) (func b_alloc "alloc" (param i32) (result i32))
  (import "a" (func _ "val" (result i32) (call a_val))))`;
const EXPORTS = `(export
  (func _ "got" (result s32) (as s32 (call b_got)))
  ;; writes s in a's memory and t in b's, at the same address, then reads both back
  (func _ "both" (param string string) (result string string)
    (string-to-mem a "memory" (local 0) 100)
    (string-to-mem b "memory" (local 1) 100)
    (mem-to-string a "memory" 100 (string-len (local 0)))
    (mem-to-string b "memory" 100 (string-len (local 1))))
  ;; a string from a's memory copied into b's (at b's alloc) and read back from there
  (func _ "cross" (param string) (result string)
    (string-to-mem a "memory" (local 0) (call a_alloc (string-len (local 0))))
    (let (mem-to-string a "memory" (call a_alloc 0) (string-len (local 0))))
    (string-to-mem b "memory" (local 1) (call b_alloc (string-len (local 1))))
    (mem-to-string b "memory" (call b_alloc 0) (string-len (local 1)))))`;

// Builds NAME.itl from `source` with the two core modules beside it; returns the adapter's path.
function build(name, source) {
  const dir = new_dir();
  for (const [file, wat] of Object.entries(CORES)) {
    fs.writeFileSync(path.join(dir, `${file}.wat`), wat);
    execFileSync('wat2wasm', [path.join(dir, `${file}.wat`), '-o', path.join(dir, file)]);
  }
  fs.writeFileSync(path.join(dir, `${name}.itl`), source);
  execFileSync(itlc, ['--require-core', path.join(dir, `${name}.itl`)]);
  return path.join(dir, `it_${name}.wasm`);
}

test('two core modules: a start function may call a module declared before it', () => {
  const ab = loader.instantiateSync(build('ab', `${MODULE_A}\n${MODULE_B}\n${EXPORTS}`), {});
  assert.deepEqual(Object.keys(ab), ['got', 'both', 'cross']);
  assert.equal(ab.got(), 42);
});

test('two core modules: each has its own memory, and strings cross between them', () => {
  const ab = loader.instantiateSync(build('ab', `${MODULE_A}\n${MODULE_B}\n${EXPORTS}`), {});
  assert.deepEqual(ab.both('in a', 'in b: é🎉'), ['in a', 'in b: é🎉']);
  assert.equal(ab.cross('Zürich 東京'), 'Zürich 東京');
});

test('two core modules: a start function calling a module declared after it traps in _it_init', () => {
  const adapter = build('ba', `${MODULE_B}\n${MODULE_A}\n${EXPORTS}`);
  // V8 words the trap of an empty table slot "null function or function signature mismatch"
  // (the native loader: "uninitialized element").
  assert.throws(() => loader.instantiateSync(adapter, {}), (e) => e instanceof TRAP &&
    /^ba: _it_init: load_wasm: start function of .*b\.wasm: null function/.test(e.message) &&
    e.stack.split('\n')[0] === `RuntimeError: ${e.message}`);
});
