// types.test.js: every IT type through the loader, both directions (JS -> adapter -> core -> JS,
// and adapter -> host function -> adapter), with edge values; strings; memory access.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const loader = require('../../loader/js/it_loader.js');
const { fixture } = require('./helpers.js');

const adapter = fixture('types');
const host_calls = [];
const host = {
  log: (s) => host_calls.push(['log', s]),
  callback: (x) => x * 2,
  id_u8: (x) => x,
  id_u64: (x) => { host_calls.push(['id_u64', x]); return x; },
  flip: (b) => { host_calls.push(['flip', b]); return !b; },
  upper: (s) => s.toUpperCase(),
  pair: (x) => [x, `#${x}`],
};
const fresh = () => loader.instantiateSync(adapter, { host });
const types = fresh();
const TRAP = WebAssembly.RuntimeError;

// Each row: export, values that round-trip, values that are a TypeError.
const identities = [
  ['id_u1', [true, false], [2, -1, 'true', null, undefined, 1n]],
  ['id_s8', [-128, 127, 0, -1], [-129, 128, 1.5, NaN, '1', 1n]],
  ['id_u8', [0, 255], [-1, 256, 0.5]],
  ['id_s16', [-32768, 32767], [-32769, 32768]],
  ['id_u16', [0, 65535], [-1, 65536]],
  ['id_s32', [-2147483648, 2147483647, 0], [2147483648, -2147483649, Infinity, '9']],
  ['id_u32', [0, 0xffffffff, 0x80000000], [-1, 2 ** 32, 1.25]],
  ['id_i32', [-2147483648, 2147483647, -1], [2 ** 31, 1.5]],
  ['id_s64', [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n], [2n ** 63n, -(2n ** 63n) - 1n, 1.5, 'x', 2 ** 60]],
  ['id_u64', [0n, 2n ** 64n - 1n, 2n ** 63n], [-1n, 2n ** 64n, -1]],
  ['id_i64', [-(2n ** 63n), -1n, 2n ** 63n - 1n], [2n ** 63n]],
  ['id_f32', [1.5, -0, Infinity, -Infinity, 0], ['1', 1n, null]],
  ['id_f64', [0.1, -0, Number.MAX_VALUE, 5e-324, -Infinity], [1n, '0.1']],
];

for (const [name, good, bad] of identities) {
  test(`${name} round-trips edge values`, () => {
    for (const value of good) assert.ok(Object.is(types[name](value), value), `${name}(${String(value)})`);
  });
  test(`${name} rejects wrong types and out-of-range values with a TypeError naming it`, () => {
    for (const value of bad) {
      assert.throws(() => types[name](value), (e) => e instanceof TypeError &&
        e.message.startsWith(`types.${name}: argument 1 must be `), `${name}(${String(value)})`);
    }
  });
}

test('u1 accepts 0 and 1 and always returns a boolean', () => {
  assert.equal(types.id_u1(1), true);
  assert.equal(types.id_u1(0), false);
});

test('u32 results are never negative; s64/u64 safe-integer numbers become BigInts', () => {
  assert.equal(types.id_u32(4294967295), 4294967295);
  assert.equal(types.id_s64(-5), -5n);
  assert.equal(types.id_u64(Number.MAX_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER));
  assert.equal(typeof types.id_i64(3), 'bigint');
});

test('floats: NaN stays NaN, -0 stays -0, f32 rounds', () => {
  assert.ok(Number.isNaN(types.id_f32(NaN)));
  assert.ok(Number.isNaN(types.id_f64(NaN)));
  assert.ok(Object.is(types.id_f32(-0), -0));
  assert.equal(types.id_f32(0.1), Math.fround(0.1));
  assert.equal(types.id_f32(1e40), Infinity);
});

const strings = [
  '', 'a', 'hello', 'héllo', 'ÿ', '€', '日本語テキスト', '𝄞', '😀 emoji 🎉', '\u{10FFFF}',
  '\uFEFFleading BOM', 'nul\0inside', 'x'.repeat(255), 'x'.repeat(256), 'é'.repeat(300),
  'ab𝄞'.repeat(10000), 'z'.repeat(1 << 20),
];

test('strings round-trip through core memory (empty, non-ASCII, 4-byte UTF-8, BOM, NUL, long)', () => {
  for (const s of strings) assert.equal(types.id_string(s), s, `length ${s.length}`);
});

test('string_len is the UTF-8 byte length', () => {
  const cases = [['', 0], ['abc', 3], ['é', 2], ['€', 3], ['𝄞', 4], ['a𝄞é', 7], ['\uD800', 3], ['x'.repeat(1000), 1000],
    ['é'.repeat(1000), 2000], ['\uDC00\uD800', 6]];
  for (const [s, n] of cases) assert.equal(types.string_len(s), n, JSON.stringify(s));
  assert.equal(types.string_len('𝄞'.repeat(500)), 2000);
});

test('a lone surrogate is written as U+FFFD', () => {
  assert.equal(types.id_string('a\uD800b'), 'a\uFFFDb');
  assert.equal(types.id_string('\uDFFF'), '\uFFFD');
});

test('string arguments must be strings', () => {
  for (const bad of [5, null, undefined, {}, ['a'], Symbol.iterator]) {
    assert.throws(() => types.id_string(bad), /types\.id_string: argument 1 must be a string/);
  }
});

test('a null externref given to string_len traps', () => {
  assert.throws(() => types.null_string_len(), (e) => e instanceof TRAP && /string_len: not a string \(got null\)/.test(e.message));
});

test('strings from core memory: hello, multi-value results as an array', () => {
  assert.equal(types.hello(), 'héllo');
  assert.deepEqual(types.pair(), [-7, 'héllo']);
});

const invalid_utf8 = [
  [[0xc0, 0x80], 'overlong'],
  [[0xe0, 0x80, 0x80], 'overlong'],
  [[0xed, 0xa0, 0x80], 'surrogate'],
  [[0xf4, 0x90, 0x80, 0x80], 'above U\\+10FFFF'],
  [[0xe2, 0x82], 'truncated'],
  [[0xe2, 0x41, 0x41], 'truncated'],
  [[0x80], 'continuation'],
  [[0xff], 'invalid lead byte'],
];

test('invalid UTF-8 from the core module traps naming the module, offset and reason', () => {
  const t = fresh();
  for (const [bytes, why] of invalid_utf8) {
    const at = 5000;
    // "ok" then the bad bytes, so the offset is at + 2.
    const all = [0x6f, 0x6b, ...bytes];
    all.forEach((b, i) => t.store_load(0x03, BigInt(b), at + i));
    assert.throws(() => t.read_at(at, all.length), (e) => e instanceof TRAP &&
      e.message.includes('types.read_at: mem_to_string: invalid UTF-8 in types_core.wasm memory \'memory\' at offset 5002') &&
      new RegExp(why).test(e.message), `${bytes}`);
  }
  assert.throws(() => t.read_at(32, 6), /at offset 34 .*overlong/);
});

test('valid UTF-8 from memory keeps a leading BOM', () => {
  const t = fresh();
  [0xef, 0xbb, 0xbf, 0x41].forEach((b, i) => t.store_load(0x03, BigInt(b), 7000 + i));
  assert.equal(t.read_at(7000, 4), '\uFEFFA');
  assert.equal(t.read_at(7000, 0), '');
});

test('mem_load/mem_store by type code: sign and zero extension, float bit patterns', () => {
  const rows = [
    [0x02, 0xffn, -1n], [0x03, -1n, 255n], [0x04, 0x8000n, -32768n], [0x05, -1n, 65535n],
    [0x06, 0x80000000n, -2147483648n], [0x07, -1n, 4294967295n], [0x10, 0xffffffffn, -1n],
    [0x08, -1n, -1n], [0x09, -1n, -1n], [0x11, 2n ** 62n, 2n ** 62n],
    [0x0a, 0x3fc00000n, 0x3fc00000n], [0x0b, -0x4010000000000000n, -0x4010000000000000n],
  ];
  for (const [code, value, expected] of rows) {
    assert.equal(types.store_load(code, value, 100), expected, `type 0x${code.toString(16)}`);
  }
  // f32 stored as bits reads back as the float's bits; little-endian layout.
  types.store_load(0x07, 0x11223344n, 200);
  assert.equal(types.load(0x03, 200), 0x44n);
  assert.equal(types.load(0x03, 203), 0x11n);
});

test('mem_load/mem_store trap on non-memory type codes and out-of-bounds addresses', () => {
  for (const code of [0x01, 0x0c, 0x00, 0x42]) {
    assert.throws(() => types.load(code, 0), (e) => e instanceof TRAP && /is not a memory type/.test(e.message));
  }
  const t = fresh();
  assert.equal(t.load(0x06, 65532), 0n);
  assert.throws(() => t.load(0x06, 65533), (e) => e instanceof TRAP && /out of bounds memory access/.test(e.message));
  assert.throws(() => t.store_load(0x08, 1n, 65529), /out of bounds/);
  assert.throws(() => t.load(0x03, 0xffffffff), /out of bounds/);
});

test('mem_to_string/string_to_mem trap out of bounds and write nothing', () => {
  const t = fresh();
  assert.equal(t.read_at(65536, 0), '');
  assert.throws(() => t.read_at(65530, 7), (e) => e instanceof TRAP && /types\.read_at: mem_to_string: out of bounds/.test(e.message));
  assert.throws(() => t.read_at(0xffffffff, 1), /out of bounds/);
  assert.throws(() => t.write_at('abc', 65534), /types\.write_at: string_to_mem: out of bounds/);
  assert.equal(t.load(0x03, 65534), 0n);
});

test('the memory view follows memory.grow', () => {
  const t = fresh();
  assert.equal(t.write_at('before', 100), 'before');       // caches the view
  assert.throws(() => t.write_at('abc', 65536), /out of bounds/);
  assert.equal(t.grow(1), 1);                              // detaches the old buffer
  assert.equal(t.write_at('abc', 65536), 'abc');
  assert.equal(t.write_at('é𝄞', 131072 - 6), 'é𝄞');
  // A long string makes the core's malloc grow memory between string_len and string_to_mem.
  const t2 = fresh();
  assert.equal(t2.id_string('short'), 'short');
  const long = 'é'.repeat(200000);
  assert.equal(t2.id_string(long), long);
});

test('a trap in guest code is a WebAssembly.RuntimeError naming the export', () => {
  // The stack (what Node prints for an uncaught error) starts with the message, once.
  assert.throws(() => types.crash(), (e) => e instanceof TRAP && e.message === 'types.crash: unreachable' &&
    e.stack.split('\n')[0] === 'RuntimeError: types.crash: unreachable');
});

test('forged handles trap, never crash', () => {
  types.forge(1);  // the core instance's handle
  for (const handle of [0, -1, 2, 99, 0x7fffffff]) {
    assert.throws(() => types.forge(handle), (e) => e instanceof TRAP &&
      e.message === `types.forge: i32_to_ref: unknown handle ${handle} (never returned by ref_to_i32)`);
  }
});

test('wrong argument counts are TypeErrors naming the function and its signature', () => {
  assert.throws(() => types.id_s32(), { name: 'TypeError', message: 'types.id_s32 expects 1 argument (s32) -> (s32), got 0' });
  assert.throws(() => types.id_s32(1, 2), /types\.id_s32 expects 1 argument .*got 2/);
  assert.throws(() => types.hello(1), /types\.hello expects 0 arguments \(\) -> \(string\), got 1/);
  assert.throws(() => types.read_at(1), /types\.read_at expects 2 arguments/);
  assert.throws(() => types.store_load(1, 2n), /types\.store_load expects 3 arguments/);
  assert.throws(() => types.store_load(0x03, 1n, 0, 4), /got 4/);
});

test('export wrappers carry the export name and arity', () => {
  assert.equal(types.store_load.name, 'store_load');
  assert.equal(types.store_load.length, 3);
});

test('host functions: arguments lifted by IT type (string, u1, u64), results lowered', () => {
  host_calls.length = 0;
  types.log_hello();
  assert.equal(types.call_flip(true), false);
  assert.equal(types.call_flip(0), true);
  assert.equal(types.call_id_u64(2n ** 64n - 1n), 2n ** 64n - 1n);
  assert.deepEqual(host_calls, [['log', 'héllo'], ['flip', true], ['flip', false], ['id_u64', 2n ** 64n - 1n]]);
  assert.equal(types.call_upper('straße é'), 'STRASSE É');
  assert.equal(types.call_id_u8(255), 255);
  assert.deepEqual(types.call_pair(-3), [-3, '#-3']);
  assert.equal(types.via_core(21), 42);
});

test('host function results are checked: TypeError naming the import', () => {
  const bad = (overrides) => loader.instantiateSync(adapter, { host: { ...host, ...overrides } });
  assert.throws(() => bad({ id_u8: () => 300 }).call_id_u8(1),
    { name: 'TypeError', message: 'types import host.id_u8: the host function\'s result must be a u8 (an integer in 0..255), got 300' });
  assert.throws(() => bad({ id_u8: () => '3' }).call_id_u8(1), /host\.id_u8: .* got the string "3"/);
  assert.throws(() => bad({ id_u64: () => -1n }).call_id_u64(1n), /host\.id_u64: the host function's result must be a u64/);
  assert.throws(() => bad({ flip: () => 'yes' }).call_flip(true), /host\.flip: the host function's result must be a bool/);
  assert.throws(() => bad({ upper: () => 5 }).call_upper('a'), /host\.upper: the host function's result must be a string, got 5/);
  assert.throws(() => bad({ pair: () => 5 }).call_pair(1), /host\.pair: the host function must return an array of 2 values/);
  assert.throws(() => bad({ pair: () => [1] }).call_pair(1), /must return an array of 2 values/);
  assert.throws(() => bad({ pair: () => [1, 2] }).call_pair(1), /host\.pair: the host function's result 2 must be a string/);
  assert.throws(() => bad({ callback: () => 1.5 }).via_core(1), /host\.callback: the host function's result must be an s32/);
});

test('a host function for an import without results may return anything: the value is ignored', () => {
  for (const returned of [42, 'text', { an: 'object' }, Promise.resolve(1), null, 2n ** 70n]) {
    const t = loader.instantiateSync(adapter, { host: { ...host, log: () => returned } });
    assert.equal(t.log_hello(), undefined);
  }
});

test('a 64-bit argument given as an unsafe Number is refused with a message saying to pass a BigInt', () => {
  assert.throws(() => types.id_u64(2 ** 60), {
    name: 'TypeError',
    message: 'types.id_u64: argument 1 must be a u64 (a BigInt or safe integer in 0..18446744073709551615), got ' +
      '1152921504606847000, a number beyond Number.MAX_SAFE_INTEGER (2^53 - 1), which may not be exact; ' +
      'pass a BigInt instead (1152921504606846976n for this number, or write the literal with an n suffix)',
  });
  assert.throws(() => types.id_s64(-(2 ** 63)), /got -9223372036854776000, a number beyond Number\.MAX_SAFE_INTEGER .*\(-9223372036854775808n for this number/);
  assert.throws(() => types.id_u64(1.5), { message: /got 1\.5$/ });   // not an integer: no BigInt advice
  assert.equal(types.id_u64(2 ** 53 - 1), 2n ** 53n - 1n);
});

test('an exception thrown by a host function propagates unchanged', () => {
  const error = new Error('from the host');
  const t = loader.instantiateSync(adapter, { host: { ...host, log: () => { throw error; } } });
  assert.throws(() => t.log_hello(), (e) => e === error && e.message === 'from the host');
});

test('the returned object holds exactly the ITL exports', () => {
  const expected = require('./fixtures/types.json').exports.map(([name]) => name);
  assert.deepEqual(Object.keys(types), expected);
  for (const name of ['_it_init', '_it_table', '_it_memory', '_it_shim_callback', 'toString', 'constructor']) {
    assert.equal(name in types, false, name);
  }
  assert.equal(Object.getPrototypeOf(types), null);
  assert.ok(Object.isFrozen(types));
  assert.deepEqual(Object.getOwnPropertyNames(types), expected);
});

test('instantiate (async) and instantiateSync give the same component', async () => {
  const t = await loader.instantiate(adapter, { host });
  assert.deepEqual(Object.keys(t), Object.keys(types));
  assert.equal(t.id_string('async é'), 'async é');
  assert.equal(t.via_core(5), 10);
});

test('readInterface returns the section with type names', () => {
  const iface = loader.readInterface(adapter);
  assert.equal(iface.version, 3);
  assert.equal(iface.component, 'types');
  const { paramTypes, resultTypes, ...names } = iface.exports[0];
  assert.deepEqual(names, { name: 'id_u1', params: ['bool'], results: ['bool'] });
  assert.equal(paramTypes[0].kind, 'bool');
  assert.equal(resultTypes[0].name, 'bool');
  assert.deepEqual(iface.modules, [{ path: 'types_core.wasm', imports: [{ module: 'env', name: 'callback', shim: '_it_shim_callback' }] }]);
});

// scope_enter / scope_exit (docs/abi.md, "String lifetime"): JS strings are
// garbage-collected, so the loader's pair is trivial: mark 0, keep returned.
test('scope_enter returns 0 and scope_exit returns what it keeps, whatever the mark', () => {
  const s = loader.instantiateSync(fixture('scopes'), {});
  assert.equal(s.mark(), 0);
  assert.equal(s.keep('kept é'), 'kept é');
  assert.equal(s.forged('x', -5), 'x');
  assert.equal(s.forged('y', 0x7fffffff), 'y');
  assert.equal(s.nothing(), true);
});
