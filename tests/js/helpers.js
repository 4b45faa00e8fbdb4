// helpers.js: builds the hand-written test adapters (fixtures/*.wat + *.json) for the loader tests.
//
// fixture('types') compiles fixtures/types.wat with wat2wasm into a fresh
// temporary directory, appends the it.interface section described by
// fixtures/types.json, compiles the core modules it names (NAME.wasm from
// fixtures/NAME.wat), and returns the adapter's path. Options change the
// section or the core modules, for the error-path tests.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const FIXTURES = path.join(__dirname, 'fixtures');
const TYPE_CODES = {
  u1: 0x01, s8: 0x02, u8: 0x03, s16: 0x04, u16: 0x05, s32: 0x06, u32: 0x07,
  s64: 0x08, u64: 0x09, f32: 0x0a, f64: 0x0b, string: 0x0c, char: 0x0d, i32: 0x10, i64: 0x11,
};

const temporary_dirs = [];
process.on('exit', () => {
  for (const dir of temporary_dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function new_dir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'it-loader-test-'));
  temporary_dirs.push(dir);
  return dir;
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function string_bytes(text) {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...leb(bytes.length), ...bytes];
}

function vec(items, encode) {
  return [...leb(items.length), ...items.flatMap(encode)];
}

const CTOR_CODES = { record: 0x40, tuple: 0x41, list: 0x42, enum: 0x43, flags: 0x44, variant: 0x45, option: 0x46, result: 0x47 };

// The bytes of an it.interface section from its JSON description. The
// signatures name primitive types ("s32") or the description's own types
// (desc.types: NAME -> { record: [[label, type]...] } | { tuple: [type...] }
// | { list: type } | { enum: [label...] } | { flags: [label...] } |
// { variant: [[label, type or null]...] } | { option: type } |
// { result: [ok or null, err or null] }). The type table (docs/abi.md
// "Types") gets each type used after its members, in order of first use.
function encode_interface(desc) {
  const table = [];          // [name, bytes]
  const indices = new Map(); // name -> index
  const defined = desc.types || {};
  const index = (name) => {
    if (indices.has(name)) return indices.get(name);
    let bytes;
    if (name in TYPE_CODES) {
      bytes = [...string_bytes(''), TYPE_CODES[name]];
    } else if (name in defined) {
      const [ctor, members] = Object.entries(defined[name])[0];
      const opt = (type) => (type === null ? [0] : [1, ...leb(index(type))]);
      let body;
      switch (ctor) {
        case 'record': body = vec(members, ([label, type]) => [...string_bytes(label), ...leb(index(type))]); break;
        case 'tuple': body = vec(members, (type) => leb(index(type))); break;
        case 'list': case 'option': body = leb(index(members)); break;
        case 'enum': case 'flags': body = vec(members, (label) => string_bytes(label)); break;
        case 'variant': body = vec(members, ([label, type]) => [...string_bytes(label), ...opt(type)]); break;
        case 'result': body = [...opt(members[0]), ...opt(members[1])]; break;
        default: throw new Error(`unknown type constructor ${ctor}`);
      }
      bytes = [...string_bytes(name), CTOR_CODES[ctor], ...body];
    } else {
      throw new Error(`unknown IT type ${name}`);
    }
    indices.set(name, table.length);
    table.push(bytes);
    return table.length - 1;
  };
  const types = (names) => vec(names, (name) => leb(index(name)));
  const signatures = [
    ...vec(desc.exports, ([name, params, results]) => [...string_bytes(name), ...types(params), ...types(results)]),
    ...vec(desc.imports, ([module, name, params, results]) =>
      [...string_bytes(module), ...string_bytes(name), ...types(params), ...types(results)]),
  ];
  return Buffer.from([
    ...leb(desc.version),
    ...string_bytes(desc.component),
    ...vec(table, (bytes) => bytes),
    ...signatures,
    ...vec(desc.modules, (m) => [...string_bytes(m.path),
      ...vec(m.imports, ([module, name, shim]) => [...string_bytes(module), ...string_bytes(name), ...string_bytes(shim)])]),
  ]);
}

// A wasm custom section (id 0) named `name` holding `payload`.
function custom_section(name, payload) {
  const body = Buffer.concat([Buffer.from(string_bytes(name)), payload]);
  return Buffer.concat([Buffer.from([0, ...leb(body.length)]), body]);
}

function wat2wasm(wat_file, wasm_file) {
  execFileSync('wat2wasm', [wat_file, '-o', wasm_file], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function load_description(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

// Builds fixture `name` into a new directory; returns the adapter's path.
// options.edit(desc): change the section description before encoding.
// options.section: raw section payload bytes (instead of the description).
// options.sections: how many it.interface sections to append (default 1).
// options.cores: { 'file.wasm': 'fixture_name' | Buffer | null } core modules
//   to put next to the adapter (null: none); default, each core NAME.wasm the
//   description names, from fixtures/NAME.wat.
function fixture(name, options = {}) {
  const dir = options.dir || new_dir();
  const desc = load_description(name);
  if (options.edit) options.edit(desc);
  const adapter = path.join(dir, `it_${name}.wasm`);
  wat2wasm(path.join(FIXTURES, `${name}.wat`), adapter);
  const payload = options.section || encode_interface(desc);
  const count = options.sections === undefined ? 1 : options.sections;
  for (let i = 0; i < count; i++) fs.appendFileSync(adapter, custom_section('it.interface', payload));
  const cores = options.cores ||
    Object.fromEntries(desc.modules.map((m) => [m.path, path.basename(m.path, '.wasm')]));
  for (const [file, source] of Object.entries(cores)) {
    const target = path.join(dir, file);
    if (source === null) continue;
    if (Buffer.isBuffer(source)) fs.writeFileSync(target, source);
    else wat2wasm(path.join(FIXTURES, `${source}.wat`), target);
  }
  return adapter;
}

module.exports = { fixture, encode_interface, custom_section, load_description, new_dir, FIXTURES };
