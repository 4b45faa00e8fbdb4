// rich.test.js: values of constructed types (records, lists, variants, ...)
// through the Node loader: the JS mapping both ways (docs/loader.md "Rich
// types"), through host functions, and every bad input as a TypeError naming
// the function, the argument and the path. The components are
// tests/loader/rich/rich.itl and rich_host.itl, compiled by $BIN/itlc.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const loader = require('../../loader/js/it_loader.js');
const { new_dir } = require('./helpers.js');

const itlc = path.join(process.env.BIN || path.join(__dirname, '..', '..', 'build', 'bin'), 'itlc');
const sources = path.join(__dirname, '..', 'loader', 'rich');
const dir = new_dir();
for (const name of ['rich', 'rich_host']) {
  execFileSync(itlc, [path.join(sources, `${name}.itl`), '-o', path.join(dir, `it_${name}.wasm`)]);
}
const logged = [];
const rich = loader.instantiateSync(path.join(dir, 'it_rich.wasm'), {
  console: { logPoint: (p) => logged.push(p), logAll: (...args) => logged.push(args) },
});

test('records, enums, flags, variants, options, results, tuples and chars round-trip', () => {
  assert.deepEqual(rich.point({ x: 1, y: -2.5 }), { x: 1, y: -2.5 });
  const ada = { name: 'Ada', age: 36, tags: ['a', 'b'], home: { x: 0, y: 1 } };
  assert.deepEqual(rich.person(ada), ada);
  assert.deepEqual(rich.person({ ...ada, home: undefined }), { ...ada, home: undefined });
  assert.equal(rich.color('blue'), 'blue');
  assert.deepEqual(rich.perms({ read: true, exec: true }), { read: true, write: false, exec: true });
  assert.deepEqual(rich.perms({}), { read: false, write: false, exec: false });
  assert.deepEqual(rich.shape({ tag: 'rect', val: { x: 1, y: 2 } }), { tag: 'rect', val: { x: 1, y: 2 } });
  assert.deepEqual(rich.shape({ tag: 'empty' }), { tag: 'empty' });
  assert.equal(rich.maybe(undefined), undefined);
  assert.equal(rich.maybe(null), undefined);
  assert.equal(rich.maybe(0xffffffff), 0xffffffff);
  assert.equal(rich.maybeString('é'), 'é');
  assert.deepEqual(rich.pair([true, '🎉']), [true, '🎉']);
  assert.equal(rich.char('é'), 'é');
  assert.equal(rich.bool(true), true);
  assert.deepEqual(rich.two({ x: 1, y: 2 }, 'red'), ['red', { x: 1, y: 2 }]);
});

test('the inner option of option<option<T>> is tagged, as jco maps it', () => {
  assert.equal(rich.maybeMaybe(undefined), undefined);
  assert.deepEqual(rich.maybeMaybe({ tag: 'none' }), { tag: 'none' });
  assert.deepEqual(rich.maybeMaybe({ tag: 'some', val: 3 }), { tag: 'some', val: 3 });
  assert.throws(() => rich.maybeMaybe(3), (e) => e instanceof TypeError &&
    e.message === "rich.maybeMaybe: argument 1 must be { tag: 'some', val } or { tag: 'none' } ((option u32), inside an option), got 3");
});

test('a result<T, E> result returns T or throws a ComponentError carrying E', () => {
  assert.equal(rich.outcome({ tag: 'ok', val: 4 }), 4);
  assert.throws(() => rich.outcome({ tag: 'err', val: 'bad' }),
    (e) => e instanceof loader.ComponentError && e.payload === 'bad' &&
      e.message === 'rich.outcome returned an error: the string "bad"');
});

test('lists of numbers are typed arrays; other lists are arrays', () => {
  const bytes = rich.bytes([1, 2, 255]);
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes], [1, 2, 255]);
  const given = new Uint8Array([9, 8]);
  const back = rich.bytes(given);
  assert.deepEqual([...back], [9, 8]);
  assert.notEqual(back, given, 'a copy, not the same array');
  assert.deepEqual(rich.numbers([1n, -5, 2n ** 63n - 1n]), new BigInt64Array([1n, -5n, 2n ** 63n - 1n]));
  assert.deepEqual(rich.floats([0.5, -0]), new Float32Array([0.5, -0]));
  assert.deepEqual(rich.strings(['a', '']), ['a', '']);
  assert.deepEqual(rich.nested([[[1, 'a']], []]), [[[1, 'a']], []]);
  assert.deepEqual(rich.points([{ x: 1, y: 2 }]), [{ x: 1, y: 2 }]);
});

test('values are copied: the host cannot change what the component holds', () => {
  const p = { x: 1, y: 2 };
  const back = rich.point(p);
  assert.notEqual(back, p);
  back.x = 99;
  assert.equal(p.x, 1);
});

test('imports get the JS values: console functions print records, flags, variants, typed arrays', () => {
  logged.length = 0;
  rich.logPoint({ x: 1, y: 2 });
  rich.logAll('hi', 'blue', { write: true }, { tag: 'circle', val: 2 }, [1, 2, 3]);
  assert.deepEqual(logged, [{ x: 1, y: 2 },
    ['hi', 'blue', { read: false, write: true, exec: false }, { tag: 'circle', val: 2 }, new Uint32Array([1, 2, 3])]]);
});

test('bad input is a TypeError naming the function, the argument and the path', () => {
  const bad = (f, args, message) => assert.throws(() => f(...args),
    (e) => e instanceof TypeError && e.message === message, message);
  bad(rich.point, [{ x: 1 }], 'rich.point: argument 1.y must be an f64 (a number), got undefined');
  bad(rich.point, [[1, 2]], 'rich.point: argument 1 must be an object (point), got an array');
  bad(rich.person, [{ name: 'A', age: 300, tags: [], home: undefined }],
    'rich.person: argument 1.age must be a u8 (an integer in 0..255), got 300');
  bad(rich.person, [{ name: 'A', age: 3, tags: ['x', 5], home: undefined }],
    'rich.person: argument 1.tags[1] must be a string, got 5');
  bad(rich.person, [{ name: 'A', age: 3, tags: [], home: { x: 'a', y: 1 } }],
    'rich.person: argument 1.home.x must be an f64 (a number), got the string "a"');
  bad(rich.color, ['purple'], 'rich.color: argument 1 must be one of "red", "green", "blue" (color), got the string "purple"');
  bad(rich.perms, [{ exce: true }], 'rich.perms: argument 1.exce must be a flag of perms (not one), got true');
  bad(rich.perms, [{ read: 1 }], 'rich.perms: argument 1.read must be a boolean, got 1');
  bad(rich.shape, [{ tag: 'rect', val: { x: 1 } }], 'rich.shape: argument 1.val.y must be an f64 (a number), got undefined');
  bad(rich.shape, [{ tag: 'square' }],
    'rich.shape: argument 1 must be { tag, val } with tag one of "circle", "rect", "empty" (shape), got the string "square"');
  bad(rich.pair, [[true]], 'rich.pair: argument 1 must be an array of 2 (pair), got an array');
  bad(rich.char, ['ab'], 'rich.char: argument 1 must be a char (a string of one Unicode scalar value), got the string "ab"');
  bad(rich.char, ['\ud800'], 'rich.char: argument 1 must be a char (a string of one Unicode scalar value), got the string "\\ud800"');
  bad(rich.bytes, [[256]], 'rich.bytes: argument 1[0] must be a u8 (an integer in 0..255), got 256');
  bad(rich.bytes, [new Uint16Array([7, 300])], 'rich.bytes: argument 1[1] must be a u8 (an integer in 0..255), got 300');
  bad(rich.bytes, ['abc'], 'rich.bytes: argument 1 must be an array or Uint8Array ((list u8)), got the string "abc"');
});

test('host functions get and return values of every kind, checked', () => {
  const seen = [];
  const host = {
    point: (p) => (seen.push(p), { x: p.y, y: p.x }),
    person: (p) => ({ ...p, age: p.age + 1 }),
    color: (c) => (c === 'red' ? 'green' : 'red'),
    perms: (p) => ({ read: !p.read, write: !p.write, exec: !p.exec }),
    shape: (s) => (s.tag === 'empty' ? { tag: 'circle', val: 1 } : { tag: 'empty' }),
    outcome: (r) => { if (r.tag === 'ok') return r.val * 2; throw new loader.ComponentError('host', `${r.val}!`); },
    bytes: (b) => b.map((x) => x + 1),
  };
  const h = loader.instantiateSync(path.join(dir, 'it_rich_host.wasm'), { host });
  assert.deepEqual(h.viaPoint({ x: 1, y: 2 }), { x: 2, y: 1 });
  assert.deepEqual(seen, [{ x: 1, y: 2 }]);
  assert.deepEqual(h.viaPerson({ name: 'A', age: 1, tags: ['t'], home: undefined }),
    { name: 'A', age: 2, tags: ['t'], home: undefined });
  assert.equal(h.viaColor('red'), 'green');
  assert.deepEqual(h.viaPerms({ read: true }), { read: false, write: true, exec: true });
  assert.deepEqual(h.viaShape({ tag: 'empty' }), { tag: 'circle', val: 1 });
  assert.equal(h.viaOutcome({ tag: 'ok', val: 21 }), 42);
  assert.throws(() => h.viaOutcome({ tag: 'err', val: 'no' }), (e) => e instanceof loader.ComponentError && e.payload === 'no!');
  assert.deepEqual([...h.viaBytes(new Uint8Array([1, 254]))], [2, 255]);

  // What a host returns is checked like an argument, naming the import.
  const broken = loader.instantiateSync(path.join(dir, 'it_rich_host.wasm'), {
    host: { ...host, point: () => ({ x: 1 }), color: () => 'mauve', bytes: () => [1, 256] },
  });
  assert.throws(() => broken.viaPoint({ x: 1, y: 2 }), (e) => e instanceof TypeError &&
    e.message === "rich_host import host.point: the host function's result.y must be an f64 (a number), got undefined");
  assert.throws(() => broken.viaColor('red'), /host\.color: the host function's result must be one of "red", "green", "blue" \(color\), got the string "mauve"/);
  assert.throws(() => broken.viaBytes([1]), /host\.bytes: the host function's result\[1\] must be a u8/);
  // An exception without a payload is not an err: it passes through.
  const throwing = loader.instantiateSync(path.join(dir, 'it_rich_host.wasm'), {
    host: { ...host, outcome: () => { throw new RangeError('host bug'); } },
  });
  assert.throws(() => throwing.viaOutcome({ tag: 'ok', val: 1 }), (e) => e instanceof RangeError && e.message === 'host bug');
});

test('readInterface gives the type descriptors', () => {
  const iface = loader.readInterface(path.join(dir, 'it_rich.wasm'));
  const person = iface.exports.find((e) => e.name === 'person');
  assert.deepEqual(person.params, ['person']);
  const type = person.paramTypes[0];
  assert.equal(type.kind, 'record');
  assert.deepEqual(type.members.map((m) => [m.label, m.type.name]),
    [['name', 'string'], ['age', 'u8'], ['tags', '(list string)'], ['home', '(option point)']]);
});

test('values an adapter hands out are checked: a bad one traps, naming the export', () => {
  const { fixture } = require('./helpers.js');
  const h = loader.instantiateSync(fixture('hostile_values'), {});
  const TRAP = WebAssembly.RuntimeError;
  const traps = (f, args, message) => assert.throws(() => f(...args),
    (e) => e instanceof TRAP && e.message === message, message);
  traps(h.badEnum, [], 'hostile_values.badEnum: result is not a case of color: 7 (it has 3)');
  traps(h.badChar, [], 'hostile_values.badChar: result is not a char: 55296 (0xd800) is not a Unicode scalar value');
  traps(h.bigChar, [], 'hostile_values.bigChar: result is not a char: 1114112 (0x110000) is not a Unicode scalar value');
  assert.deepEqual(h.extraFlags(), { read: true, write: true, exec: true });
  traps(h.stringAsPoint, ['x'], 'hostile_values.stringAsPoint: result is not an object (point) (got the string "x")');
  traps(h.nullPoint, [], 'hostile_values.nullPoint: result is not an object (point) (got null)');
  traps(h.pointAsList, [{ x: 1, y: 2 }], 'hostile_values.pointAsList: result is not an array (points) (got an object)');
});

test('value_make and value_take called as itlc never would trap, as natively (hostile_make.expected)', () => {
  const fs = require('node:fs');
  const { fixture, FIXTURES } = require('./helpers.js');
  const h = loader.instantiateSync(fixture('hostile_make'), {});
  const lines = fs.readFileSync(path.join(FIXTURES, 'hostile_make.expected'), 'utf8').split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  assert.ok(lines.length >= 16);
  for (const line of lines) {
    const [name, argument, expected] = line.split('|');
    const args = argument === '' ? [] : [JSON.parse(argument)];
    if (expected.startsWith('trap: ')) {
      assert.throws(() => h[name](...args), (e) => e instanceof WebAssembly.RuntimeError &&
        e.message.includes(expected.slice(6)), `${name}: ${expected}`);
    } else {
      assert.equal(require('node:util').format(h[name](...args)), expected, name);
    }
  }
});

test('canonical-ABI values a core module lies about trap, as natively (hostile_canon.expected)', () => {
  const fs = require('node:fs');
  execFileSync('wat2wasm', [path.join(sources, 'canon_core.wat'), '-o', path.join(dir, 'canon_core.wasm')]);
  execFileSync(itlc, ['--core-dir', dir, '--require-core', path.join(sources, 'hostile_canon.itl'),
    '-o', path.join(dir, 'it_hostile_canon.wasm')]);
  const h = loader.instantiateSync(path.join(dir, 'it_hostile_canon.wasm'), {});
  const rows = fs.readFileSync(path.join(sources, 'hostile_canon.expected'), 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#')).map((line) => line.split('|'));
  assert.ok(rows.length >= 10);
  for (const [name, message] of rows) {
    assert.throws(() => h[name](), (e) => e instanceof WebAssembly.RuntimeError && e.message.includes(message),
      `${name}: ${message}`);
  }
});

test('components link with constructed types compared by structure, not by name', () => {
  const fs = require('node:fs');
  execFileSync(itlc, [path.join(sources, 'rich_link.itl'), '-o', path.join(dir, 'it_rich_link.wasm')]);
  const linked = loader.instantiateSync(path.join(dir, 'it_rich_link.wasm'), { rich });
  assert.deepEqual(linked.viaPoint({ x: 1, y: 2 }), { x: 1, y: 2 });
  assert.deepEqual(linked.viaShape({ tag: 'circle', val: 2 }), { tag: 'circle', val: 2 });
  assert.deepEqual(linked.viaStrings(['a', 'é']), ['a', 'é']);
  // the same fields in another order are another type
  const swapped = path.join(dir, 'swapped.itl');
  fs.writeFileSync(swapped, '(types (record pt (field y f64) (field x f64)))\n' +
    '(import "rich" (func point "point" (param pt) (result pt)))\n' +
    '(export (func _ "f" (param pt) (result pt) (call point (local 0))))\n');
  execFileSync(itlc, [swapped, '-o', path.join(dir, 'it_swapped.wasm')]);
  assert.throws(() => loader.instantiateSync(path.join(dir, 'it_swapped.wasm'), { rich }),
    /swapped imports rich\.point as \(pt\) -> \(pt\), but component rich exports point as \(point\) -> \(point\)/);
});
