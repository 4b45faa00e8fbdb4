// wasi.test.js: WASI for core modules (docs/loader.md, "WASI"): a core module's
// wasi_snapshot_preview1 imports come from the loader, configured by
// options.wasi, with the same results as the native loader (itrun --env); a
// WASI command is refused by both with the same message; bad options throw.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const loader = require('../../loader/js/it_loader.js');
const { new_dir, FIXTURES } = require('./helpers.js');

const bin = process.env.BIN || path.join(__dirname, '..', '..', 'build', 'bin');
const dir = new_dir(), command_dir = new_dir();
execFileSync('wat2wasm', [path.join(FIXTURES, 'wasi_core.wat'), '-o', path.join(dir, 'wasi_core.wasm')]);
execFileSync('wat2wasm', [path.join(FIXTURES, 'wasi_command.wat'), '-o', path.join(command_dir, 'wasi_core.wasm')]);
const adapter = path.join(dir, 'it_wasi.wasm'), command_adapter = path.join(command_dir, 'it_wasi.wasm');
execFileSync(path.join(bin, 'itlc'), [path.join(FIXTURES, 'wasi.itl'), '-o', adapter]);
fs.copyFileSync(adapter, command_adapter);

function itrun(...args) {
  return spawnSync(path.join(bin, 'itrun'), args, { encoding: 'utf8' });
}

test('the core module gets WASI from options.wasi, as natively', async () => {
  const wasi = await loader.instantiate(adapter, {}, { wasi: { args: ['a', 'b', 'c'], env: { A: '1', B: '2' } } });
  assert.equal(wasi.envCount(), 2);
  assert.equal(wasi.argCount(), 3);
  assert.equal(itrun('--env', 'A=1', '--env', 'B=2', adapter, 'envCount').stdout, '2\n');
});

test('by default: no arguments, an empty environment', () => {
  const wasi = loader.instantiateSync(adapter, {});
  assert.equal(wasi.envCount(), 0);
  assert.equal(wasi.argCount(), 0);
  assert.equal(itrun(adapter, 'envCount').stdout, '0\n');
});

test('a WASI command is refused by both loaders, with the same words', () => {
  const words = /wasi_core\.wasm is a WASI command \(it exports _start\): build it as a reactor \(clang -mexec-model=reactor\) to use it in a component/;
  assert.throws(() => loader.instantiateSync(command_adapter, {}), words);
  const native = itrun(command_adapter, 'envCount');
  assert.equal(native.status, 1);
  assert.match(native.stderr, words);
});

test('bad options.wasi throw a TypeError naming the field', () => {
  assert.throws(() => loader.instantiateSync(adapter, {}, { wasi: 3 }), { name: 'TypeError', message: /options\.wasi must be an object/ });
  assert.throws(() => loader.instantiateSync(adapter, {}, { wasi: { args: [1] } }), { name: 'TypeError', message: /options\.wasi\.args/ });
  assert.throws(() => loader.instantiateSync(adapter, {}, { wasi: { env: { A: 1 } } }), { name: 'TypeError', message: /options\.wasi\.env\.A/ });
  assert.throws(() => loader.instantiateSync(adapter, {}, 'x'), { name: 'TypeError', message: /options must be an object/ });
});

test('options.wasi.stdio is three fds', () => {
  assert.throws(() => loader.instantiateSync(adapter, {}, { wasi: { stdio: [0, 1] } }), { name: 'TypeError', message: /options\.wasi\.stdio/ });
  const wasi = loader.instantiateSync(adapter, {}, { wasi: { stdio: [0, 2, 2] } });
  assert.equal(wasi.envCount(), 0);
});
