// itlc.test.js: the loader running real itlc output (fixtures/alltypes.itl over types_core.wasm):
// every IT type, normalising conversions, strings, memory, host imports, traps.
// Needs $BIN/itlc (BIN is set by tools/suite.sh; default build/bin).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const loader = require('../../loader/js/it_loader.js');
const { fixture, new_dir, FIXTURES } = require('./helpers.js');

const itlc = path.join(process.env.BIN || path.join(__dirname, '..', '..', 'build', 'bin'), 'itlc');
const dir = new_dir();
fixture('types', { dir });   // puts types_core.wasm in dir
const adapter = path.join(dir, 'it_alltypes.wasm');
execFileSync(itlc, [path.join(FIXTURES, 'alltypes.itl'), '-o', adapter]);

const calls = [];
const host = {
  callback: (x) => x * 3,
  shout: (s) => `${s.toUpperCase()}!`,
  big: (value, delta) => { calls.push([value, delta]); return value + BigInt(delta); },
};
const all = loader.instantiateSync(adapter, { host });
const TRAP = WebAssembly.RuntimeError;

test('itlc output: the section lists exactly the ITL exports and imports', () => {
  const iface = loader.readInterface(adapter);
  assert.equal(iface.component, 'alltypes');
  assert.deepEqual(Object.keys(all), iface.exports.map((e) => e.name));
  assert.deepEqual(iface.imports.map((i) => `${i.module}.${i.name}`), ['host.callback', 'host.shout', 'host.big']);
  assert.deepEqual(iface.modules, [{ path: 'types_core.wasm', imports: [{ module: 'env', name: 'callback', shim: iface.modules[0].imports[0].shim }] }]);
});

test('itlc output: every IT type round-trips its edge values', () => {
  const rows = [
    ['id_u1', [true, false]], ['id_s8', [-128, 127]], ['id_u8', [0, 255]], ['id_s16', [-32768, 32767]],
    ['id_u16', [0, 65535]], ['id_s32', [-2147483648, 2147483647]], ['id_u32', [0, 0xffffffff]],
    ['id_i32', [-1, 2147483647]], ['id_s64', [-(2n ** 63n), 2n ** 63n - 1n]], ['id_u64', [0n, 2n ** 64n - 1n]],
    ['id_i64', [-1n, 2n ** 63n - 1n]], ['id_f32', [-0, Infinity, 1.5]], ['id_f64', [-0, 5e-324, Number.MAX_VALUE]],
  ];
  for (const [name, values] of rows) {
    for (const value of values) assert.ok(Object.is(all[name](value), value), `${name}(${value})`);
  }
  assert.ok(Number.isNaN(all.id_f64(NaN)));
  assert.ok(Number.isNaN(all.id_f32(NaN)));
});

test('itlc output: narrowing conversions and arithmetic give normalised values', () => {
  const in_range = (value, min, max) => Number.isInteger(value) && value >= min && value <= max;
  for (const x of [300, -1, 0x7fffffff, -2147483648, 255, 256]) {
    assert.ok(in_range(all.to_u8(x), 0, 255), `to_u8(${x}) = ${all.to_u8(x)}`);
    assert.ok(in_range(all.to_s8(x), -128, 127), `to_s8(${x}) = ${all.to_s8(x)}`);
    assert.equal(typeof all.to_u1(x), 'boolean');
  }
  assert.equal(all.to_u8(255), 255);
  assert.equal(all.to_s8(-128), -128);
  assert.equal(all.to_u1(0), false);
  assert.ok(in_range(all.to_u16(-1n), 0, 65535));
  assert.ok(in_range(all.add_u8(200, 100), 0, 255), `add_u8(200, 100) = ${all.add_u8(200, 100)}`);
  assert.equal(all.add_u8(200, 100), 44);   // wrapping, docs/abi.md: normalised
  assert.equal(all.mul_s16(300, 300), (300 * 300) << 16 >> 16);
  assert.equal(all.sub_u32(0, 1), 0xffffffff);
  assert.equal(all.div_s32(-7, 2), -3);
  assert.equal(all.div_u64(2n ** 64n - 1n, 2n), 2n ** 63n - 1n);
  assert.throws(() => all.div_s32(1, 0), (e) => e instanceof TRAP && /^alltypes\.div_s32: /.test(e.message));
});

test('itlc output: strings both ways, long and non-ASCII; invalid UTF-8 traps', () => {
  for (const s of ['', 'héllo', '𝄞😀', '\uFEFF', 'x'.repeat(300), 'é'.repeat(100000)]) assert.equal(all.id_string(s), s);
  assert.equal(all.string_len('a𝄞é'), 7);
  all.store_load_u16(0x80c0);   // bytes C0 80 at 100: an overlong NUL
  assert.throws(() => all.read_at(100, 2), (e) => e instanceof TRAP &&
    e.message.startsWith('alltypes.read_at: mem_to_string: invalid UTF-8 in types_core.wasm memory \'memory\' at offset 100'));
  assert.throws(() => all.read_at(0xffffffff, 2), /alltypes\.read_at: mem_to_string: out of bounds/);
});

test('itlc output: load and store by type', () => {
  assert.equal(all.store_load_u16(65535), 65535);
  assert.equal(all.store_load_s8(-128), -128);
  assert.ok(Object.is(all.store_load_f64(-0), -0));
  assert.equal(all.store_load_f64(Math.PI), Math.PI);
  assert.equal(all.store_load_u64(2n ** 64n - 1n), 2n ** 64n - 1n);
});

test('itlc output: memory growth is seen by later string copies', () => {
  const t = loader.instantiateSync(adapter, { host });
  assert.equal(t.id_string('a'), 'a');
  assert.equal(t.grow(2), 1);
  const long = '日本'.repeat(50000);   // 300000 bytes: past the first page, malloc grows again
  assert.equal(t.id_string(long), long);
});

test('itlc output: host imports, directly and through a core-import adapter', () => {
  assert.equal(all.via_core(-5), -15);
  assert.equal(all.call_shout('straße'), 'STRASSE!');
  assert.equal(all.call_big(2n ** 64n - 2n, -1), 2n ** 64n - 3n);
  assert.deepEqual(calls.at(-1), [2n ** 64n - 2n, -1]);
  assert.throws(() => all.call_big(2n ** 64n - 1n, 1), /alltypes import host\.big: the host function's result must be a u64/);
});

test('itlc output: traps name the export', () => {
  assert.throws(() => all.crash(), (e) => e instanceof TRAP && e.message === 'alltypes.crash: unreachable');
  assert.throws(() => all.trap(), (e) => e instanceof TRAP && e.message === 'alltypes.trap: unreachable');
});

test('itlc output: async instantiate works the same', async () => {
  const t = await loader.instantiate(adapter, { host });
  assert.equal(t.id_string('async'), 'async');
  assert.equal(t.via_core(2), 6);
});
