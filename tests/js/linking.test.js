// linking.test.js: component-to-component imports (raw pass-through) and host functions for component imports.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const loader = require('../../loader/js/it_loader.js');
const { fixture } = require('./helpers.js');

const host = { log() {}, callback: (x) => x, id_u8: (x) => x, id_u64: (x) => x, flip: (b) => b, upper: (s) => s, pair: (x) => [x, ''] };
const types = loader.instantiateSync(fixture('types'), { host });
const linked_adapter = fixture('linked');

test('an adapted instance satisfies a component import (raw exports pass straight through)', async () => {
  const linked = await loader.instantiate(linked_adapter, { types });
  assert.equal(linked.call_id_u32(0xffffffff), 0xffffffff);
  assert.equal(linked.call_id_string('é𝄞 linked'), 'é𝄞 linked');
  assert.equal(linked.call_id_string('x'.repeat(5000)), 'x'.repeat(5000));
  assert.deepEqual(Object.keys(linked), ['call_id_u32', 'call_id_string']);
});

test('single exports of an adapted instance pass through too', () => {
  const linked = loader.instantiateSync(linked_adapter, { types: { id_u32: types.id_u32, id_string: types.id_string } });
  assert.equal(linked.call_id_u32(7), 7);
  assert.equal(linked.call_id_string('ü'), 'ü');
});

test('host functions satisfy component imports, wrapped and checked', () => {
  const calls = [];
  const linked = loader.instantiateSync(linked_adapter, {
    types: { id_u32: (x) => { calls.push(x); return x + 1; }, id_string: (s) => `${s}!` },
  });
  assert.equal(linked.call_id_u32(0xfffffffe), 0xffffffff);
  assert.deepEqual(calls, [0xfffffffe]);   // lifted: never negative
  assert.equal(linked.call_id_string('é'), 'é!');
  const bad = loader.instantiateSync(linked_adapter, { types: { id_u32: () => -1, id_string: () => null } });
  assert.throws(() => bad.call_id_u32(1), { name: 'TypeError', message: 'linked import types.id_u32: the host function\'s result must be a u32 (an integer in 0..4294967295), got -1' });
  assert.throws(() => bad.call_id_string('a'), /linked import types\.id_string: the host function's result must be a string, got null/);
});

test('a signature mismatch between components is an error naming both', () => {
  const adapter = fixture('linked', { edit: (d) => { d.imports[0][2] = ['s32']; d.imports[0][3] = ['s32']; } });
  assert.throws(() => loader.instantiateSync(adapter, { types }),
    { message: 'linked imports types.id_u32 as (s32) -> (s32), but component types exports id_u32 as (u32) -> (u32)' });
  assert.throws(() => loader.instantiateSync(adapter, { types: { id_u32: types.id_u32, id_string: types.id_string } }),
    { message: 'linked imports types.id_u32 as (s32) -> (s32), but the function given is types.id_u32 (u32) -> (u32)' });
});

test('a component that lacks the export is named', () => {
  const other = loader.instantiateSync(fixture('load_only'), {});
  assert.throws(() => loader.instantiateSync(linked_adapter, { types: other }),
    { message: 'linked imports types.id_u32, but component load_only (given as \'types\') has no export id_u32' });
});

test('a trap in an imported component surfaces through the importer', () => {
  const crashing = loader.instantiateSync(linked_adapter, { types: { id_u32: () => types.crash(), id_string: (s) => s } });
  assert.throws(() => crashing.call_id_u32(1), (e) => e instanceof WebAssembly.RuntimeError &&
    e.message === 'linked.call_id_u32: types.crash: unreachable');
});
