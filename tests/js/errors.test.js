// errors.test.js: every error path of the loader says what is wrong and where.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');
const { fixture, encode_interface, load_description, new_dir } = require('./helpers.js');

const TRAP = WebAssembly.RuntimeError;
const noop = () => 0;
const host = { log: noop, callback: noop, id_u8: noop, id_u64: () => 0n, flip: () => true, upper: (s) => s, pair: (x) => [x, ''] };

// Both entry points must fail the same way.
async function rejects_both(adapter, imports, check) {
  assert.throws(() => loader.instantiateSync(adapter, imports), check, 'instantiateSync');
  await assert.rejects(loader.instantiate(adapter, imports), check, 'instantiate');
}

test('a missing adapter file names the path', async () => {
  const missing = path.join(new_dir(), 'it_nothing.wasm');
  await rejects_both(missing, {}, (e) => e.message === `cannot read adapter ${missing}: No such file or directory (ENOENT)`);
  assert.throws(() => loader.readInterface(missing), /cannot read adapter .*it_nothing\.wasm: No such file or directory \(ENOENT\)/);
});

test('an adapter that is not wasm names the path', async () => {
  const file = path.join(new_dir(), 'it_text.wasm');
  fs.writeFileSync(file, 'not wasm at all');
  await rejects_both(file, {}, (e) => e.message.startsWith(`${file} is not a valid wasm module: `));
});

test('the adapter path must be a string or URL', () => {
  assert.throws(() => loader.instantiateSync(42, {}), /adapter path must be a string or file URL, got 42/);
});

test('imports must be an object', () => {
  assert.throws(() => loader.instantiateSync(fixture('load_only'), 5), /imports must be an object, got 5/);
});

test('a missing it.interface section is rejected', async () => {
  await rejects_both(fixture('types', { sections: 0 }), { host },
    /it_types\.wasm: no it\.interface custom section: not an adapter written by itlc/);
});

test('two it.interface sections are rejected', async () => {
  await rejects_both(fixture('types', { sections: 2 }), { host }, /it_types\.wasm: 2 it\.interface sections \(there must be exactly one\)/);
});

test('an unknown version is rejected', async () => {
  for (const version of [4, 1000]) {
    await rejects_both(fixture('types', { edit: (d) => { d.version = version; } }), { host },
      new RegExp(`/it_types\\.wasm: it\\.interface version ${version} is not supported \\(this loader supports version 3\\)$`));
  }
});

test('an adapter of an older version (0, 1: before string scopes, 2: before the type table) is refused: rebuild it', async () => {
  for (const version of [0, 1, 2]) {
    await rejects_both(fixture('types', { edit: (d) => { d.version = version; } }), { host },
      (e) => e.message.endsWith(`/it_types.wasm: it.interface version ${version} is not supported ` +
                                '(this loader supports version 3); rebuild it with this itlc'));
  }
});

test('a malformed section says which byte is wrong', async () => {
  const good = encode_interface(load_description('types'));
  // version 3, "x", no types, one export whose 5-byte name has 1 byte
  await rejects_both(fixture('types', { section: Buffer.from([3, 1, 0x78, 0, 1, 5, 0x66]) }), { host },
    /it_types\.wasm: malformed it\.interface section at byte 6: an export name runs past the end of the section/);
  await rejects_both(fixture('types', { section: Buffer.concat([good, Buffer.from([0])]) }), { host },
    /malformed it\.interface section at byte \d+: 1 unexpected bytes after the core modules/);
  // version 3, name "x", one type: unnamed, of unknown code 0x0e
  const bad_type = Buffer.from([3, 1, 0x78, 1, 0, 0x0e, 0, 0, 0]);
  await rejects_both(fixture('types', { section: bad_type }), { host },
    /malformed it\.interface section at byte 5: unknown IT type code 0x0e/);
  const bad_utf8 = Buffer.from([3, 2, 0xc0, 0x80, 0, 0, 0, 0]);
  await rejects_both(fixture('types', { section: bad_utf8 }), { host }, /at byte 2: the component name is not valid UTF-8/);
  const huge_count = Buffer.from([3, 1, 0x78, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  await rejects_both(fixture('types', { section: huge_count }), { host }, /cannot fit in the section/);
  // one name rule with the native loader and itlc: an export named "f\0"
  const nul_name = Buffer.from([3, 1, 0x78, 0, 1, 2, 0x66, 0x00, 0, 0, 0, 0]);
  await rejects_both(fixture('types', { section: nul_name }), { host }, /an export name contains a NUL byte \(not supported\)/);
  // an export "f" of 1001 parameters (type 0, s32): more than a wasm function takes
  const many = Buffer.from([3, 1, 0x78, 1, 0, 0x06, 1, 1, 0x66, 0xe9, 0x07, ...new Array(1001).fill(0), 0, 0, 0]);
  await rejects_both(fixture('types', { section: many }), { host }, /1001 parameters are more than a wasm function takes \(1000\)/);
  const long_leb = Buffer.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x00]);
  await rejects_both(fixture('types', { section: long_leb }), { host }, /at byte 5: the version is longer than 5 bytes/);
});

test('a missing import is named: component, namespace and function', async () => {
  const adapter = fixture('types');
  await rejects_both(adapter, {}, { message: 'types imports host.log, which was not provided' });
  await rejects_both(adapter, undefined, { message: 'types imports host.log, which was not provided' });
  const { upper, ...without_upper } = host;
  await rejects_both(adapter, { host: without_upper }, { message: 'types imports host.upper, which was not provided' });
  await rejects_both(adapter, { host: { ...host, flip: 'no' } },
    (e) => e instanceof TypeError && e.message === 'types imports host.flip: the value provided must be a function, got the string "no"');
});

test('a missing core file is a trap in _it_init naming the path', async () => {
  const adapter = fixture('load_only', { cores: { 'load_only_core.wasm': null } });
  const core = path.join(path.dirname(adapter), 'load_only_core.wasm');
  await rejects_both(adapter, {}, (e) => e instanceof TRAP &&
    e.message === `load_only: _it_init: load_wasm: cannot read core module ${core}: No such file or directory (ENOENT)`);
});

test('an invalid core file names the path', async () => {
  const adapter = fixture('load_only', { cores: { 'load_only_core.wasm': Buffer.from('\0asm garbage') } });
  await rejects_both(adapter, {}, (e) => e instanceof TRAP &&
    /load_only: _it_init: load_wasm: .*load_only_core\.wasm is not a valid wasm module/.test(e.message));
});

test('a core import the ITL does not adapt is named', async () => {
  await rejects_both(fixture('load_only', { cores: { 'load_only_core.wasm': 'unadapted_core' } }), {},
    (e) => e instanceof TRAP && e.message ===
      'load_only: _it_init: load_wasm: load_only_core.wasm imports env.abort, which load_only.itl does not adapt');
  await rejects_both(fixture('types', { edit: (d) => { d.modules[0].imports = []; } }), { host },
    /types_core\.wasm imports env\.callback, which types\.itl does not adapt/);
});

test('a shim that is not an adapter export is named', async () => {
  await rejects_both(fixture('types', { edit: (d) => { d.modules[0].imports[0][2] = 'no_such_shim'; } }), { host },
    /types_core\.wasm import env\.callback \(a function\) is wired to 'no_such_shim', which is not a function export of it_types\.wasm/);
});

test('a trap in a core start function names the file', async () => {
  await rejects_both(fixture('load_only', { cores: { 'load_only_core.wasm': 'start_trap_core' } }), {},
    // Annotated twice (the start function, then _it_init): each prefix once, in the stack too.
    (e) => e instanceof TRAP && /^load_only: _it_init: load_wasm: start function of .*load_only_core\.wasm: unreachable$/.test(e.message) &&
      e.stack.split('\n')[0] === `RuntimeError: ${e.message}`);
});

test('a core path differing between _it_memory and the section is an error naming both', async () => {
  const adapter = fixture('types', {
    edit: (d) => { d.modules[0].path = 'other.wasm'; },
    cores: { 'types_core.wasm': 'types_core', 'other.wasm': 'types_core' },
  });
  await rejects_both(adapter, { host }, /core module 0 is 'types_core\.wasm' in _it_memory but 'other\.wasm' in it\.interface/);
});

test('the section and the adapter must agree on exports and imports', async () => {
  await rejects_both(fixture('types', { edit: (d) => { d.exports.push(['ghost', [], []]); } }), { host },
    /it_types\.wasm: it\.interface lists export ghost, which is not a function export of the adapter/);
  await rejects_both(fixture('types', { edit: (d) => { d.imports.shift(); } }), { host },
    /it_types\.wasm imports host\.log \(a function\), which its it\.interface section does not list/);
});

test('core types that disagree with the section or the ABI are rejected (an itlc bug, caught early)', async () => {
  await rejects_both(fixture('types', { edit: (d) => { d.exports[2][1] = ['u64']; d.exports[2][2] = ['u64']; } }), { host },
    { message: 'it_types.wasm: export id_u8 has core type (i32 -> i32), but it.interface (u64) -> (u64) says (i64 -> i64)' });
  await rejects_both(fixture('types', { edit: (d) => { d.imports[0][2] = ['s32']; } }), { host: { ...host, log: noop } },
    { message: 'it_types.wasm: import host.log has core type (externref ->), but it.interface (s32) -> () says (i32 ->)' });
  await rejects_both(fixture('bad_runtime'), {},
    { message: 'it_bad_runtime.wasm: import _it_runtime.string_len has core type (externref -> i64), but docs/abi.md says (externref -> i32)' });
  await rejects_both(fixture('bad_init'), {},
    { message: 'it_bad_init.wasm: export _it_init has core type (i32 ->), but docs/abi.md says (->)' });
});

test('an _it_runtime import this loader does not know is named', async () => {
  const adapter = fixture('bad_runtime');
  const bytes = fs.readFileSync(adapter);
  // Rename the import "string_len" to "string_lex" in place.
  const at = bytes.indexOf('string_len');
  bytes.write('string_lex', at);
  fs.writeFileSync(adapter, bytes);
  await rejects_both(adapter, {}, { message: 'it_bad_runtime.wasm imports _it_runtime.string_lex (a function), which this loader does not provide (ABI version 3)' });
});

test('relative core paths resolve against the adapter, not the working directory', async () => {
  const adapter = fixture('types');
  const saved = process.cwd();
  process.chdir(path.dirname(path.dirname(adapter)));
  try {
    const relative = path.join(path.basename(path.dirname(adapter)), 'it_types.wasm');
    const t = loader.instantiateSync(relative, { host });
    assert.equal(t.hello(), 'héllo');
    const t2 = await loader.instantiate(new URL(`file://${adapter}`), { host });
    assert.equal(t2.id_u8(7), 7);
  } finally {
    process.chdir(saved);
  }
});
