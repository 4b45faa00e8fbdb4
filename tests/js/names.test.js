// names.test.js: names from an adapter and its core module are data, never
// object keys that reach the prototype chain (issue 18 item 8): imports and
// exports named __proto__, constructor, prototype, toString, hasOwnProperty
// (fixtures/protonames.itl over protonames_core.wat).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const loader = require('../../loader/js/it_loader.js');
const { new_dir, FIXTURES } = require('./helpers.js');

const itlc = path.join(process.env.BIN || path.join(__dirname, '..', '..', 'build', 'bin'), 'itlc');
const dir = new_dir();
execFileSync('wat2wasm', [path.join(FIXTURES, 'protonames_core.wat'), '-o', path.join(dir, 'protonames_core.wasm')]);
const adapter = path.join(dir, 'it_protonames.wasm');
execFileSync(itlc, [path.join(FIXTURES, 'protonames.itl'), '-o', adapter]);

const builtins = {
  toString: Object.prototype.toString,
  hasOwnProperty: Object.prototype.hasOwnProperty,
  constructor: Object.prototype.constructor,
  proto: Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'),
};

function assert_prototypes_untouched() {
  assert.equal(Object.prototype.toString, builtins.toString);
  assert.equal(Object.prototype.hasOwnProperty, builtins.hasOwnProperty);
  assert.equal(Object.prototype.constructor, builtins.constructor);
  assert.deepEqual(Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'), builtins.proto);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('prototype'), false);
  assert.equal(String({}), '[object Object]');
}

// An imports object with own properties of those names (a literal cannot
// make an own __proto__, so defineProperty).
function own(entries) {
  const object = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true });
  return object;
}

const both = [
  ['instantiateSync', (imports) => loader.instantiateSync(adapter, imports)],
  ['instantiate', (imports) => loader.instantiate(adapter, imports)],
];

for (const [how, load] of both) {
  test(`${how}: an import named like an inherited property is not provided by the builtin`, async () => {
    // {}.constructor.toString is Function.prototype.toString: not an import.
    await assert.rejects(async () => load({}), /imports constructor\.toString, which was not provided/);
    await assert.rejects(async () => load({ constructor: { toString: () => 1 } }),
      /imports hasOwnProperty\.__proto__, which was not provided/);
    assert_prototypes_untouched();
  });

  test(`${how}: imports and exports with those names work and pollute nothing`, async () => {
    const imports = {
      constructor: own([['toString', () => 41]]),
      hasOwnProperty: own([['__proto__', () => 42]]),
    };
    const c = await load(imports);
    assert_prototypes_untouched();
    assert.deepEqual(Object.keys(c).sort(), ['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString']);
    assert.equal(Object.getPrototypeOf(c), null);
    assert.equal(c.__proto__(), 41);       // core import __proto__.toString -> host constructor.toString
    assert.equal(c.toString(), 42);        // core import constructor.prototype -> host hasOwnProperty.__proto__
    assert.equal(c.constructor(), 3);
    assert.equal(c.hasOwnProperty(), 4);
    assert.equal(c.prototype(), 5);
    assert_prototypes_untouched();
  });
}

test('host functions may be methods of a class (inherited, but not from Object.prototype)', () => {
  class Host { toString() { return 7; } }
  const c = loader.instantiateSync(adapter, { constructor: new Host(), hasOwnProperty: own([['__proto__', () => 8]]) });
  assert.equal(c.__proto__(), 7);
  assert.equal(c.toString(), 8);
  assert_prototypes_untouched();
});
