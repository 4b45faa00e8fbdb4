// it_loader.js: the reference loader for Interface Types adapters, in Node and in browsers (docs/abi.md, version 3).
//
//   const loader = require('./it_loader.js');
//   const fizz = await loader.instantiate('it_fizz.wasm', {});       // async: compiles off-thread
//   const fizz2 = loader.instantiateSync('it_fizz.wasm', {});        // same, synchronously
//   fizz.isFizz(9) === true
//   await loader.instantiate('it_notes.wasm', {}, { wasi: { preopens: { '/data': 'data' } } });
//   await loader.instantiate(new URL('https://example.com/it_fizz.wasm'), {});  // fetched, core modules too
//   await loader.instantiate(bytes, {}, { modules: { 'fizz.wasm': core_bytes } });
//
// An adapter (written by itlc) imports `_it_runtime.*` from this file, loads its
// core modules through `load_wasm` and exposes the ITL exports. This file reads
// the adapter's `it.interface` section, provides `_it_runtime`, wires the
// component's imports (other adapted instances pass straight through, host
// functions are wrapped), calls `_it_init` and returns an object holding
// exactly the ITL exports, lifting and lowering values by their IT types.
//
// Errors: misuse by the caller (wrong argument type/count, a missing import) is
// a TypeError or Error naming the function and what; a failure inside the
// adapter or a core module (a trap, invalid UTF-8, a bad handle, a missing core
// file during `_it_init`) is a WebAssembly.RuntimeError whose message says
// which export (or `_it_init`) was running.
//
// No dependencies. One file for every environment: CommonJS in Node (see
// it_loader.mjs for the ES module entry point, in Node and browsers). Node's
// built-in modules are loaded only when a path or WASI needs them, so the
// same code runs as an ES module in a browser, where adapters and core
// modules are fetched (or given as bytes) and WASI is not available.
'use strict';

// The it.interface versions this loader understands (docs/abi.md, "Versioning").
const SUPPORTED_VERSIONS = Object.freeze([3]);
const SECTION_NAME = 'it.interface';
const RUNTIME_MODULE = '_it_runtime';

// Where the raw adapter exports and IT signatures of an adapted instance are
// kept: on the returned object and on each of its export wrappers, so another
// component importing them can take the raw function straight through.
const COMPONENT = Symbol('it_loader.component');
const RAW_EXPORT = Symbol('it_loader.raw_export');

// ---------------------------------------------------------------------------
// Node's built-in modules, loaded when first needed (node:fs for paths,
// node:wasi for WASI, ...): null where there are none (a browser). In
// CommonJS through `require`; when this file is evaluated as an ES module
// (it_loader.mjs in a browser, or a copy in a "type": "module" folder of
// Node) through process.getBuiltinModule (Node 20.16 and later). `require`
// is read into a variable so that bundlers do not try to bundle node:fs.
// ---------------------------------------------------------------------------
const node_require = typeof require === 'function' ? require : null;
const builtins = new Map();

function node_builtin(name) {
  if (builtins.has(name)) return builtins.get(name);
  let found = null;
  try {
    if (node_require) found = node_require(name);
    else if (typeof process === 'object' && process !== null && typeof process.getBuiltinModule === 'function') {
      found = process.getBuiltinModule(name) || null;
    }
  } catch {
    found = null;
  }
  builtins.set(name, found);
  return found;
}

// Whether paths are files here (Node) rather than URLs (a browser).
function has_filesystem() {
  return node_builtin('node:fs') !== null && node_builtin('node:path') !== null && node_builtin('node:url') !== null;
}

// node:fs and node:path, for the callers that run only once has_filesystem()
// has said yes (a path was given, or the adapter came from one).
function node_fs() { return node_builtin('node:fs'); }
function node_path() { return node_builtin('node:path'); }

// ---------------------------------------------------------------------------
// Files: the one bounded reader of adapters and core modules, as the native
// loader's (tools/read_file): regular files only (a device such as /dev/zero
// or a FIFO is refused before it is read; O_NONBLOCK so opening a FIFO does
// not wait for a writer), at most READ_FILE_MAX bytes. Errors carry `code`:
// Node's (ENOENT, EISDIR, ...) or the reason in words. Fetched files have the
// same limit (fetch_bytes below).
// ---------------------------------------------------------------------------
const READ_FILE_MAX = 2 ** 30;

function open_flags() {
  const { constants } = node_fs();
  return constants.O_RDONLY | (constants.O_NONBLOCK || 0);
}

const TOO_LARGE = `larger than 1 GiB (${READ_FILE_MAX} bytes), the limit`;

function refuse(why) {
  throw Object.assign(loader_error(Error, why), { code: why });
}

// Why a file could not be read, in the native loader's words with Node's
// code after them ("No such file or directory (ENOENT)"), or the reason.
const FILE_ERRORS = {
  __proto__: null,
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', ELOOP: 'Too many levels of symbolic links', EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long', EPERM: 'Operation not permitted',
};

function file_error_text(error) {
  const code = error.code;
  return FILE_ERRORS[code] ? `${FILE_ERRORS[code]} (${code})` : code || error.message;
}

function refuse_unreadable(stat) {
  if (stat.isDirectory()) refuse('EISDIR');
  if (!stat.isFile()) refuse('not a regular file');
  if (stat.size > READ_FILE_MAX) refuse(TOO_LARGE);
}

// A regular file that grew while it was read.
function refuse_grown(bytes) {
  if (bytes.length > READ_FILE_MAX) refuse(TOO_LARGE);
  return bytes;
}

function read_file_sync(file) {
  const fs = node_fs();
  const fd = fs.openSync(file, open_flags());
  try {
    refuse_unreadable(fs.fstatSync(fd));
    return refuse_grown(fs.readFileSync(fd));
  } finally {
    fs.closeSync(fd);
  }
}

async function read_file(file) {
  const handle = await node_fs().promises.open(file, open_flags());
  try {
    refuse_unreadable(await handle.stat());
    return refuse_grown(await handle.readFile());
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------
// IT types: the one table. Each row: code in it.interface, name, kind of JS
// value, and for integers the inclusive range (BigInt for 64-bit kinds).
// Memory size is the width `mem_load`/`mem_store` use (0: not a memory type).
// ---------------------------------------------------------------------------
const IT_TYPE_ROWS = [
  // code  name      kind      min                 max              memory bytes  lowered
  [0x01, 'bool',   'bool',   0,                  1,                    0,      'i32'],
  [0x02, 's8',     'int32',  -0x80,              0x7f,                 1,      'i32'],
  [0x03, 'u8',     'int32',  0,                  0xff,                 1,      'i32'],
  [0x04, 's16',    'int32',  -0x8000,            0x7fff,               2,      'i32'],
  [0x05, 'u16',    'int32',  0,                  0xffff,               2,      'i32'],
  [0x06, 's32',    'int32',  -0x80000000,        0x7fffffff,           4,      'i32'],
  [0x07, 'u32',    'int32',  0,                  0xffffffff,           4,      'i32'],
  [0x08, 's64',    'int64',  -(2n ** 63n),       2n ** 63n - 1n,       8,      'i64'],
  [0x09, 'u64',    'int64',  0n,                 2n ** 64n - 1n,       8,      'i64'],
  [0x0a, 'f32',    'float',  null,               null,                 4,      'f32'],
  [0x0b, 'f64',    'float',  null,               null,                 8,      'f64'],
  [0x0c, 'string', 'string', null,               null,                 0,      'externref'],
  [0x0d, 'char',   'char',   0,                  0x10ffff,             0,      'i32'],
  [0x10, 'i32',    'int32',  -0x80000000,        0x7fffffff,           4,      'i32'],
  [0x11, 'i64',    'int64',  -(2n ** 63n),       2n ** 63n - 1n,       8,      'i64'],
];

const IT_TYPES = new Map(IT_TYPE_ROWS.map(([code, name, kind, min, max, size, lowered]) =>
  [code, Object.freeze({ code, name, kind, min, max, size, lowered })]));

// The type constructors (itlc/types.def's C rows): the descriptor byte of
// it.interface's type table and how the adapter holds a value.
const IT_CTOR_ROWS = [
  // code  name       lowered
  [0x40, 'record',  'externref'],
  [0x41, 'tuple',   'externref'],
  [0x42, 'list',    'externref'],
  [0x43, 'enum',    'i32'],
  [0x44, 'flags',   'i32'],
  [0x45, 'variant', 'externref'],
  [0x46, 'option',  'externref'],
  [0x47, 'result',  'externref'],
];
const IT_CTORS = new Map(IT_CTOR_ROWS.map(([code, name, lowered]) => [code, Object.freeze({ code, name, lowered })]));
const MAX_TYPE_DEPTH = 100;  // as itlc and the native loader: the conversions recurse over types
const MAX_FLAGS = 32;        // one i32 of bits

// The core signature of each `_it_runtime` function (docs/abi.md), as
// 'params -> results' in core type names; the adapter's imports must match.
const RUNTIME_SIGNATURES = {
  __proto__: null,
  load_wasm: 'i32 i32 -> externref',
  set_table_func: 'i32 externref i32 ->',
  ref_to_i32: 'externref -> i32',
  i32_to_ref: 'i32 -> externref',
  string_len: 'externref -> i32',
  mem_to_string: 'i32 i32 i32 i32 -> externref',
  string_to_mem: 'i32 i32 externref i32 ->',
  mem_load: 'i32 i32 i32 i32 -> i64',
  mem_store: 'i32 i32 i32 i32 i64 ->',
  scope_enter: '-> i32',
  scope_exit: 'externref i32 -> externref',
  value_lift: 'i32 i32 i32 i32 -> externref',
  value_lower: 'i32 i32 i32 i32 externref i32 ->',
  value_lift_flat: 'i32 i32 i32 i32 -> externref',
  value_lower_flat: 'i32 i32 i32 i32 externref i32 ->',
  string_const: 'i32 -> externref',
  value_make: 'i32 i32 i32 -> externref',
  value_take: 'externref i32 i32 i32 -> i32',
};

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

// A trap raised by a `_it_runtime` function: the same class a wasm trap has,
// so callers catch one kind of error for "the component failed".
function trap(message) {
  return new WebAssembly.RuntimeError(one_line(message));
}

// `text` with every control character (C0, DEL, C1) written as \xHH: names
// come from adapters and core modules, and a newline or a terminal escape in
// one must not forge a second line of a message or hide the rest. Every error
// the loader makes goes through here (trap, annotate, loader_error).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
function one_line(text) {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    // C1 as its two UTF-8 bytes, as the native loader writes it
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\xc2\\x${code.toString(16)}`;
  });
}

// A new error of class `Kind` whose message is `message` on one line.
function loader_error(Kind, message) {
  return new Kind(one_line(message));
}

// Prefixes a trap's message with where it happened ("fizz.isFizz"), keeping the
// error object (and its class) so `instanceof WebAssembly.RuntimeError` holds.
function annotate(error, where) {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  const old_message = error.message;
  const message = one_line(`${where}: ${old_message}`);
  try {
    // Read the stack before changing the message: V8 formats it on first
    // access, with the message of that moment (reading it after would put
    // `where` in twice).
    const stack = error.stack;
    error.message = message;
    if (typeof stack === 'string') error.stack = stack.replace(old_message, message);
  } catch { /* a frozen error keeps its message */ }
  return error;
}

// A short description of a JS value for error messages.
function describe(value) {
  switch (typeof value) {
    case 'string': return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
    case 'bigint': return `${value}n`;
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'undefined': return 'undefined';
    case 'function': return 'a function';
    case 'object': return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default: return String(value);
  }
}

function signature_text(sig) {
  const list = (types) => types.map((type) => type.name).join(', ');
  return `(${list(sig.params)}) -> (${list(sig.results)})`;
}

// Types are equal when their structures are (the names of definitions do
// not count, the labels of fields and cases do), as in the Component Model.
function same_type(a, b) {
  if (a === b) return true;
  if (a.kind !== b.kind || a.code !== b.code) return false;
  if (!a.members) return true;
  return a.members.length === b.members.length && a.members.every((m, i) => m.label === b.members[i].label &&
    (m.type === null ? b.members[i].type === null : b.members[i].type !== null && same_type(m.type, b.members[i].type)));
}

function same_signature(a, b) {
  return a.params.length === b.params.length && a.results.length === b.results.length &&
    a.params.every((t, i) => same_type(t, b.params[i])) && a.results.every((t, i) => same_type(t, b.results[i]));
}

// ---------------------------------------------------------------------------
// The it.interface section
// ---------------------------------------------------------------------------

// Parses the bytes of an it.interface section (docs/abi.md). `file` names the
// adapter in errors. Throws an Error saying which byte is wrong and why.
function parse_interface(bytes, file) {
  let pos = 0;
  const fail = (what) => {
    throw loader_error(Error, `${file}: malformed ${SECTION_NAME} section at byte ${pos}: ${what}`);
  };
  const u32 = (what) => {
    let result = 0, shift = 0;
    for (;;) {
      if (pos >= bytes.length) fail(`unexpected end while reading ${what}`);
      const byte = bytes[pos++];
      if (shift === 28 && (byte & 0x70) !== 0) fail(`${what} does not fit in 32 bits`);
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 28) fail(`${what} is longer than 5 bytes`);
    }
  };
  const string = (what) => {
    const length = u32(`the length of ${what}`);
    if (pos + length > bytes.length) fail(`${what} runs past the end of the section`);
    const start = pos;
    pos += length;
    let text;
    try {
      text = strict_decoder.decode(bytes.subarray(start, pos));
    } catch {
      pos = start;
      return fail(`${what} is not valid UTF-8`);
    }
    // The one name rule, as in the native loader and itlc: no NUL byte.
    if (text.includes('\0')) {
      pos = start;
      return fail(`${what} contains a NUL byte (not supported)`);
    }
    return text;
  };
  const vec = (what, item) => {
    const count = u32(`the count of ${what}`);
    if (count > bytes.length - pos) fail(`${count} ${what} cannot fit in the section`);
    const items = [];
    for (let i = 0; i < count; i++) items.push(item(i));
    return items;
  };
  // The type table (docs/abi.md "Types"): each entry may use only the
  // entries before it, so types are never recursive and nest at most
  // MAX_TYPE_DEPTH deep.
  const table = [];
  const type_ref = (what) => {
    const at = pos, index = u32(what);
    if (index >= table.length) {
      pos = at;
      fail(`${what} is type ${index}, which is not defined before it (${table.length} types so far)`);
    }
    return table[index];
  };
  const optional_ref = (what) => {
    if (pos >= bytes.length) fail(`unexpected end while reading ${what}`);
    const flag = bytes[pos++];
    if (flag > 1) { pos--; fail(`${what} must be 0 (none) or 1 (a type), found ${flag}`); }
    return flag ? type_ref(what) : null;
  };
  const labels = (what, item) => {
    const at = pos, members = vec(what, item), seen = new Set();
    for (const m of members) {
      if (seen.has(m.label)) { pos = at; fail(`'${m.label}' appears twice in the ${what}`); }
      seen.add(m.label);
    }
    return members;
  };
  const typedef = () => {
    const defined = string('a type name');
    if (pos >= bytes.length) fail('unexpected end while reading a type');
    const at = pos, code = bytes[pos++];
    const prim = IT_TYPES.get(code);
    if (prim) return primitive_type(prim, defined);
    const ctor = IT_CTORS.get(code);
    if (!ctor) { pos = at; fail(`unknown IT type code 0x${code.toString(16).padStart(2, '0')}`); }
    let members;
    switch (ctor.name) {
      case 'record': members = labels('record fields', () => ({ label: string('a field name'), type: type_ref('a field type') })); break;
      case 'tuple': members = vec('tuple elements', () => ({ label: '', type: type_ref('a tuple element type') })); break;
      case 'list': case 'option': members = [{ label: '', type: type_ref(`the ${ctor.name} element type`) }]; break;
      case 'enum': members = labels('enum cases', () => ({ label: string('an enum case'), type: null })); break;
      case 'flags': members = labels('flags', () => ({ label: string('a flag name'), type: null })); break;
      case 'variant': members = labels('variant cases', () => ({ label: string('a case name'), type: optional_ref('a case type') })); break;
      case 'result': members = [{ label: 'ok', type: optional_ref('the ok type') }, { label: 'err', type: optional_ref('the err type') }]; break;
    }
    if (members.length === 0) { pos = at; fail(`a ${ctor.name} needs at least one member`); }
    if (ctor.name === 'flags' && members.length > MAX_FLAGS) { pos = at; fail(`${members.length} flags are more than ${MAX_FLAGS}`); }
    const type = constructed_type(ctor, members, defined);
    if (type.depth > MAX_TYPE_DEPTH) { pos = at; fail(`type nested more than ${MAX_TYPE_DEPTH} levels deep`); }
    return type;
  };
  // Each IT value lowers to one core value: at most 1000 of each, as wasm functions take.
  const values = (what) => {
    const at = pos, types = vec(what, () => type_ref('a type index'));
    if (types.length > 1000) {
      pos = at;
      fail(`${types.length} ${what} are more than a wasm function takes (1000)`);
    }
    return types;
  };
  const signature = () => ({ params: values('parameters'), results: values('results') });

  const version = u32('the version');
  if (!SUPPORTED_VERSIONS.includes(version)) {
    // Version 1 adapters predate scope_enter/scope_exit (string lifetime):
    // itlc writes version 2, so a rebuild is all they need.
    throw loader_error(Error, `${file}: ${SECTION_NAME} version ${version} is not supported ` +
      `(this loader supports version ${SUPPORTED_VERSIONS.join(', ')})` +
      (version < SUPPORTED_VERSIONS[0] ? '; rebuild it with this itlc' : ''));
  }
  const component = string('the component name');
  vec('types', () => { const type = typedef(); table.push(type); return type; });
  const exports = vec('exports', () => {
    const name = string('an export name');
    return { name, ...signature() };
  });
  const imports = vec('imports', () => {
    const module = string('an import module');
    const name = string('an import name');
    return { module, name, ...signature() };
  });
  const modules = vec('core modules', () => ({
    path: string('a core module path'),
    imports: vec('core imports', () => ({
      module: string('a core import module'),
      name: string('a core import name'),
      shim: string('a shim name'),
    })),
  }));
  if (pos !== bytes.length) fail(`${bytes.length - pos} unexpected bytes after the core modules`);
  return { version, component, types: table, exports, imports, modules };
}

// Type descriptors, as parse_interface builds them: { kind, code, name,
// defined, lowered, members, depth } where kind is a primitive's kind of
// IT_TYPE_ROWS ('int32', 'string', ...) or a constructor's name, name is
// what messages print, and members is null for primitives, else
// [{ label, type }] (type null: none).
function primitive_type(prim, defined) {
  return Object.freeze({ ...prim, kind: prim.kind, prim, defined, members: null, depth: 1,
    name: defined || prim.name });
}

function constructed_type(ctor, members, defined) {
  const part = (m) => m.type ? m.type.name : '_';
  let text;
  switch (ctor.name) {
    case 'record': text = members.map((m) => ` (field ${m.label} ${part(m)})`).join(''); break;
    case 'variant': text = members.map((m) => m.type ? ` (case ${m.label} ${part(m)})` : ` (case ${m.label})`).join(''); break;
    case 'enum': case 'flags': text = members.map((m) => ` ${m.label}`).join(''); break;
    case 'result': // (result), (result T), (result _ E), (result T E)
      text = members[1].type ? ` ${part(members[0])} ${part(members[1])}` : members[0].type ? ` ${part(members[0])}` : '';
      break;
    default: text = members.map((m) => ` ${part(m)}`).join('');
  }
  const depth = 1 + Math.max(0, ...members.map((m) => m.type ? m.type.depth : 0));
  return Object.freeze({ kind: ctor.name, code: ctor.code, lowered: ctor.lowered, prim: null, defined,
    members: Object.freeze(members.map(Object.freeze)), depth, name: defined || `(${ctor.name}${text})` });
}

// The parsed it.interface section of a compiled adapter module.
function read_interface(module, file) {
  const sections = WebAssembly.Module.customSections(module, SECTION_NAME);
  if (sections.length === 0) {
    throw loader_error(Error, `${file}: no ${SECTION_NAME} custom section: not an adapter written by itlc`);
  }
  if (sections.length > 1) {
    throw loader_error(Error, `${file}: ${sections.length} ${SECTION_NAME} sections (there must be exactly one)`);
  }
  return parse_interface(new Uint8Array(sections[0]), file);
}

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

// ignoreBOM: a leading U+FEFF is content, not a marker to drop.
const strict_decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy_decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // names in a module the engine validated
const encoder = new TextEncoder();
const SHORT_STRING = 32;  // at most this many bytes: copied by hand, not through TextDecoder/Encoder

// The first invalid UTF-8 sequence in bytes[start, end): its offset from
// `start` and what is wrong. Only called once decoding has failed.
function find_invalid_utf8(bytes, start, end) {
  let i = start;
  while (i < end) {
    const lead = bytes[i];
    if (lead < 0x80) { i++; continue; }
    let need, min;
    if (lead >= 0xc2 && lead <= 0xdf) { need = 1; min = 0x80; }
    else if (lead >= 0xe0 && lead <= 0xef) { need = 2; min = 0x800; }
    else if (lead >= 0xf0 && lead <= 0xf4) { need = 3; min = 0x10000; }
    else if (lead === 0xc0 || lead === 0xc1) return { offset: i - start, why: `overlong encoding (lead byte 0x${lead.toString(16)})` };
    else if (lead >= 0x80 && lead <= 0xbf) return { offset: i - start, why: `unexpected continuation byte 0x${lead.toString(16)}` };
    else return { offset: i - start, why: `invalid lead byte 0x${lead.toString(16)}` };
    let code = lead & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= end) return { offset: i - start, why: 'truncated sequence at the end of the string' };
      const byte = bytes[i + k];
      if ((byte & 0xc0) !== 0x80) return { offset: i - start, why: `truncated sequence (byte 0x${byte.toString(16)} is not a continuation)` };
      code = code * 64 + (byte & 0x3f);
    }
    if (code < min) return { offset: i - start, why: 'overlong encoding' };
    if (code >= 0xd800 && code <= 0xdfff) return { offset: i - start, why: `encoded surrogate U+${code.toString(16).toUpperCase()}` };
    if (code > 0x10ffff) return { offset: i - start, why: 'code point above U+10FFFF' };
    i += need + 1;
  }
  return { offset: end - start, why: 'invalid UTF-8' };
}

// Decodes bytes[start, end) as UTF-8; `where` names the memory for errors.
// Short ASCII (the common case) skips TextDecoder.
function decode_utf8(bytes, start, end, where, what = 'mem_to_string') {
  const length = end - start;
  if (length <= SHORT_STRING) {
    let i = start;
    while (i < end && bytes[i] < 0x80) i++;
    if (i === end) return length === 0 ? '' : String.fromCharCode.apply(null, bytes.subarray(start, end));
  }
  try {
    return strict_decoder.decode(bytes.subarray(start, end));
  } catch {
    const bad = find_invalid_utf8(bytes, start, end);
    throw trap(`${what}: invalid UTF-8 in ${where} at offset ${start + bad.offset} ` +
      `(string at ${start}, ${length} bytes): ${bad.why}`);
  }
}

// The UTF-8 length of a JS string, as TextEncoder writes it (a lone surrogate
// becomes U+FFFD, 3 bytes). The last answer is cached: adapters ask for the
// length, allocate, then copy, asking again.
// Long strings are measured by Node's Buffer.byteLength where there is one
// (a browser counts them by hand, as short ones are).
let last_length_string = '';
let last_length = 0;
const byte_length = typeof Buffer === 'function' && typeof Buffer.byteLength === 'function'
  ? (string) => Buffer.byteLength(string, 'utf8') : null;
function utf8_length(string) {
  if (string === last_length_string) return last_length;
  let length = string.length;
  if (length > 256 && byte_length) {
    length = byte_length(string);
  } else {
    for (let i = 0; i < string.length; i++) {
      const unit = string.charCodeAt(i);
      if (unit < 0x80) continue;
      if (unit < 0x800) { length += 1; continue; }
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < string.length) {
        const next = string.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { length += 2; i++; continue; }
      }
      length += 2;
    }
  }
  last_length_string = string;
  last_length = length;
  return length;
}

// ---------------------------------------------------------------------------
// Lowering (JS value -> core value) and lifting (core value -> JS value)
// ---------------------------------------------------------------------------

// What a value of a primitive type must be, for messages.
function expected_text(type) {
  const an = (text) => text.replace(/^an u/, 'a u');
  switch (type.kind) {
    case 'bool': return `a ${type.prim.name} (a boolean, or 0 or 1)`;
    case 'int32': return an(`an ${type.prim.name} (an integer in ${type.min}..${type.max})`);
    case 'int64': return an(`an ${type.prim.name} (a BigInt or safe integer in ${type.min}..${type.max})`);
    case 'float': return `an ${type.prim.name} (a number)`;
    case 'string': return 'a string';
    case 'char': return 'a char (a string of one Unicode scalar value)';
  }
  return type.name;
}

// The numbers of a list<T> of these element types travel as typed arrays
// (as jco maps them); other lists are arrays.
const TYPED_ARRAYS = {
  __proto__: null,
  s8: Int8Array, u8: Uint8Array, s16: Int16Array, u16: Uint16Array, s32: Int32Array, u32: Uint32Array,
  i32: Int32Array, s64: BigInt64Array, u64: BigUint64Array, i64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};

// A JS value of any type, checked and copied: (value, path, fail) -> the
// value as the loader hands it on (fresh objects, u64 as BigInt, booleans
// for bool, ...). fail(path, expected, value) throws. The same function
// lowers what a host passes in (fail: TypeError) and lifts what an adapter
// hands out (fail: trap): both sides are untrusted. `tagged` is set for the
// inner option of option<option<T>>, which is { tag: 'some', val } or
// { tag: 'none' } (as jco maps it), so that its none differs from the
// outer one's undefined.
// Labels are any names, `__proto__` and `constructor` included: a value's
// own property is read (never an inherited one), and a field is defined,
// so that `__proto__` is a field like any other and sets no prototype.
function own(object, label) {
  return Object.prototype.hasOwnProperty.call(object, label) ? object[label] : undefined;
}
function set_field(object, label, value) {
  if (label === '__proto__') Object.defineProperty(object, label, { value, enumerable: true, writable: true, configurable: true });
  else object[label] = value;
}

function value_converter(type, tagged = false) {
  const key = tagged ? 'convert_tagged' : 'convert';
  const cache = converters.get(type) || {};
  if (cache[key]) return cache[key];
  converters.set(type, cache);
  let convert;
  const expected = type.prim ? expected_text(type) : null;
  const member = (m) => m.type ? value_converter(m.type, type.kind === 'option' && m.type.kind === 'option') : null;
  const is_object = (v) => typeof v === 'object' && v !== null;
  switch (type.kind) {
    case 'bool':
      convert = (v, path, fail) => v === true || v === false ? v : v === 0 || v === 1 ? v === 1 : fail(path, expected, v);
      break;
    case 'int32': {
      const { min, max } = type;
      convert = (v, path, fail) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? (Object.is(v, -0) ? 0 : v) : fail(path, expected, v);
      break;
    }
    case 'int64': {
      const { min, max } = type;
      convert = (v, path, fail) => {
        if (typeof v === 'bigint' && v >= min && v <= max) return v;
        if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max) return BigInt(v);
        return fail(path, expected, v);
      };
      break;
    }
    case 'float':
      convert = (v, path, fail) => typeof v === 'number' ? v : fail(path, expected, v);
      break;
    case 'string':
      convert = (v, path, fail) => typeof v === 'string' ? v : fail(path, expected, v);
      break;
    case 'char':
      convert = (v, path, fail) => {
        if (typeof v === 'string' && v.length > 0 && v.length <= 2) {
          const code = v.codePointAt(0);
          if ((code < 0xd800 || code > 0xdfff) && v.length === (code > 0xffff ? 2 : 1)) return v;
        }
        return fail(path, expected, v);
      };
      break;
    case 'enum': {
      const labels = type.members.map((m) => m.label);
      const text = `one of ${labels.map((l) => JSON.stringify(l)).join(', ')} (${type.name})`;
      convert = (v, path, fail) => typeof v === 'string' && labels.includes(v) ? v : fail(path, text, v);
      break;
    }
    case 'flags': {
      const labels = type.members.map((m) => m.label);
      const text = `an object of booleans with the flags ${labels.join(', ')} (${type.name})`;
      convert = (v, path, fail) => {
        if (!is_object(v)) return fail(path, text, v);
        for (const key of Object.keys(v)) if (!labels.includes(key)) fail(`${path}.${key}`, `a flag of ${type.name} (not one)`, v[key]);
        const out = {};
        for (const label of labels) {
          const flag = own(v, label);
          if (flag !== undefined && typeof flag !== 'boolean') fail(`${path}.${label}`, 'a boolean', flag);
          set_field(out, label, flag === true);
        }
        return out;
      };
      break;
    }
    case 'record': {
      const fields = type.members.map((m) => [m.label, value_converter(m.type)]);
      const text = `an object (${type.name})`;
      convert = (v, path, fail) => {
        if (!is_object(v) || Array.isArray(v)) return fail(path, text, v);
        const out = {};
        for (const [label, field] of fields) set_field(out, label, field(own(v, label), `${path}.${label}`, fail));
        return out;
      };
      break;
    }
    case 'tuple': {
      const items = type.members.map(member);
      const text = `an array of ${items.length} (${type.name})`;
      convert = (v, path, fail) => {
        if (!Array.isArray(v) || v.length !== items.length) return fail(path, text, v);
        return items.map((item, i) => item(v[i], `${path}[${i}]`, fail));
      };
      break;
    }
    case 'list': {
      const element = type.members[0].type;
      const item = value_converter(element);
      const Typed = element.prim ? TYPED_ARRAYS[element.prim.name] : undefined;
      const text = `an array${Typed ? ` or ${Typed.name}` : ''} (${type.name})`;
      convert = (v, path, fail) => {
        if (Typed && v instanceof Typed) return v.slice();
        if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return fail(path, text, v);
        const out = Typed ? new Typed(v.length) : new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = item(v[i], `${path}[${i}]`, fail);
        return out;
      };
      break;
    }
    case 'variant': {
      const cases = new Map(type.members.map((m) => [m.label, member(m)]));
      const text = `{ tag, val } with tag one of ${[...cases.keys()].map((l) => JSON.stringify(l)).join(', ')} (${type.name})`;
      convert = (v, path, fail) => {
        if (!is_object(v) || !cases.has(v.tag)) return fail(path, text, is_object(v) ? v.tag : v);
        const payload = cases.get(v.tag);
        return payload ? { tag: v.tag, val: payload(v.val, `${path}.val`, fail) } : { tag: v.tag };
      };
      break;
    }
    case 'option': {
      const some = member(type.members[0]);
      if (tagged) {
        const text = `{ tag: 'some', val } or { tag: 'none' } (${type.name}, inside an option)`;
        convert = (v, path, fail) => {
          if (is_object(v) && v.tag === 'none') return { tag: 'none' };
          if (is_object(v) && v.tag === 'some') return { tag: 'some', val: some(v.val, `${path}.val`, fail) };
          return fail(path, text, v);
        };
      } else {
        convert = (v, path, fail) => v === undefined || v === null ? undefined : some(v, path, fail);
      }
      break;
    }
    case 'result': {
      const [ok, err] = type.members.map(member);
      const text = `{ tag: 'ok', val } or { tag: 'err', val } (${type.name})`;
      convert = (v, path, fail) => {
        if (!is_object(v) || (v.tag !== 'ok' && v.tag !== 'err')) return fail(path, text, v);
        const side = v.tag === 'ok' ? ok : err;
        return side ? { tag: v.tag, val: side(v.val, `${path}.val`, fail) } : { tag: v.tag };
      };
      break;
    }
    default:
      throw loader_error(Error, `unhandled IT type ${type.name}`);
  }
  cache[key] = convert;
  return convert;
}
const converters = new WeakMap(); // type -> { convert, convert_tagged }

// The two ways a conversion fails: the host's value (TypeError) or the
// adapter's (a trap: the component broke the contract).
function host_fail(what) {
  return (path, expected, value) => {
    throw loader_error(TypeError, `${what}${path} must be ${expected}, got ${describe(value)}`);
  };
}
function adapter_fail(what) {
  return (path, expected, value) => {
    throw trap(`${what}${path} is not ${expected} (got ${describe(value)})`);
  };
}

// A function checking and lowering one JS value of IT type `type` to the
// adapter's core value; `what` names the function and the value in errors
// ("fizz.isFizz: argument 1").
function make_lower(type, what) {
  const fail = (value, expected, hint = '') => {
    throw loader_error(TypeError, `${what} must be ${expected}, got ${describe(value)}${hint}`);
  };
  const expected = type.prim ? expected_text(type) : null;
  switch (type.kind) {
    case 'bool':
      return (value) => value === true ? 1 : value === false ? 0 :
        value === 0 || value === 1 ? value : fail(value, expected);
    case 'int32': {
      const { min, max } = type;
      return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? value : fail(value, expected);
    }
    case 'int64': {
      const { min, max } = type;
      return (value) => {
        if (typeof value === 'bigint') return value >= min && value <= max ? value : fail(value, expected);
        if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return BigInt(value);
        // An integral number past 2^53 - 1 was probably rounded already (2 ** 60 prints as
        // 1152921504606847000): say why it is refused and what to write instead.
        if (typeof value === 'number' && Number.isInteger(value)) {
          return fail(value, expected, `, a number beyond Number.MAX_SAFE_INTEGER (2^53 - 1), which may not be exact; ` +
            `pass a BigInt instead (${BigInt(value)}n for this number, or write the literal with an n suffix)`);
        }
        return fail(value, expected);
      };
    }
    case 'float':
      return (value) => typeof value === 'number' ? value : fail(value, expected);
    case 'string':
      return (value) => typeof value === 'string' ? value : fail(value, expected);
  }
  const convert = value_converter(type), failure = host_fail(what);
  switch (type.kind) {
    case 'char': return (value) => convert(value, '', failure).codePointAt(0);
    case 'enum': {
      const index = new Map(type.members.map((m, i) => [m.label, i]));
      return (value) => index.get(convert(value, '', failure));
    }
    case 'flags': {
      const labels = type.members.map((m) => m.label);
      return (value) => {
        const flags = convert(value, '', failure);
        let bits = 0;
        labels.forEach((label, i) => { if (flags[label]) bits |= 1 << i; });
        return bits;
      };
    }
  }
  return (value) => convert(value, '', failure); // an aggregate: the adapter holds the JS value itself
}

// A function lifting one core value of IT type `type` to JS, or null when the
// core value already is the JS value.
function make_lift(type, what) {
  if (type.prim) {
    switch (type.prim.name) {
      case 'bool': return (raw) => raw !== 0;
      case 'u32': return (raw) => raw >>> 0;
      case 'u64': return (raw) => BigInt.asUintN(64, raw);
      case 'string': return (raw) => {
        if (typeof raw !== 'string') throw trap(`${what} is not a string (got ${describe(raw)})`);
        return raw;
      };
      case 'char': return (raw) => {
        const code = raw >>> 0;
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          throw trap(`${what} is not a char: ${code} (0x${code.toString(16)}) is not a Unicode scalar value`);
        }
        return String.fromCodePoint(code);
      };
      default: return null;
    }
  }
  switch (type.kind) {
    case 'enum': {
      const labels = type.members.map((m) => m.label);
      return (raw) => {
        if (raw >>> 0 >= labels.length) throw trap(`${what} is not a case of ${type.name}: ${raw >>> 0} (it has ${labels.length})`);
        return labels[raw];
      };
    }
    case 'flags': {
      const labels = type.members.map((m) => m.label);
      return (raw) => {
        const out = {};
        labels.forEach((label, i) => { set_field(out, label, (raw & (1 << i)) !== 0); });
        return out;
      };
    }
  }
  const convert = value_converter(type), failure = adapter_fail(what);
  return (raw) => convert(raw, '', failure);
}

// The error an export with a result<T, E> result throws for an err: its
// `payload` is the E value (undefined for a result without an error type).
class ComponentError extends Error {
  constructor(where, payload) {
    super(one_line(`${where} returned an error: ${describe(payload)}`));
    this.name = 'ComponentError';
    this.payload = payload;
  }
}

// Lifts the results of a call: undefined for none, a value for one, an array
// for several (the JS API hands several wasm results over as an array). A
// single result<T, E> returns T's value or throws a ComponentError with E's.
function make_lift_results(results, what) {
  if (results.length === 0) return () => undefined;
  // Traps name the result only: the export wrapper's annotate() puts the
  // export's name in front.
  if (results.length === 1) {
    const lift = make_lift(results[0], 'result') || ((raw) => raw);
    if (results[0].kind !== 'result') return lift;
    return (raw) => {
      const value = lift(raw);
      if (value.tag === 'err') throw new ComponentError(what, value.val);
      return value.val;
    };
  }
  const lifts = results.map((type, i) => make_lift(type, `result ${i + 1}`));
  return (raw) => raw.map((value, i) => lifts[i] ? lifts[i](value) : value);
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// The JS function for ITL export `label` (adapter function `raw`, IT
// signature `sig`): checks the argument count and types, lowers, calls,
// lifts the results, and names the export on traps.
function make_export_wrapper(label, raw, sig) {
  const count = sig.params.length;
  const lowers = sig.params.map((code, i) => make_lower(code, `${label}: argument ${i + 1}`));
  const lift = make_lift_results(sig.results, label);
  const [lower0, lower1, lower2] = lowers;
  const bad_count = (got) => loader_error(TypeError, 
    `${label} expects ${plural(count, 'argument')} ${signature_text(sig)}, got ${got}`);
  // Each arity gets its own function so a call allocates nothing; lowering
  // errors are TypeErrors and pass through annotate() unchanged.
  let wrapper;
  switch (count) {
    case 0:
      wrapper = function () {
        if (arguments.length !== 0) throw bad_count(arguments.length);
        try { return lift(raw()); } catch (error) { throw annotate(error, label); }
      };
      break;
    case 1:
      wrapper = function (a) {
        if (arguments.length !== 1) throw bad_count(arguments.length);
        try { return lift(raw(lower0(a))); } catch (error) { throw annotate(error, label); }
      };
      break;
    case 2:
      wrapper = function (a, b) {
        if (arguments.length !== 2) throw bad_count(arguments.length);
        try { return lift(raw(lower0(a), lower1(b))); } catch (error) { throw annotate(error, label); }
      };
      break;
    case 3:
      wrapper = function (a, b, c) {
        if (arguments.length !== 3) throw bad_count(arguments.length);
        try { return lift(raw(lower0(a), lower1(b), lower2(c))); } catch (error) { throw annotate(error, label); }
      };
      break;
    default:
      wrapper = function (...args) {
        if (args.length !== count) throw bad_count(args.length);
        try {
          for (let i = 0; i < count; i++) args[i] = lowers[i](args[i]);
          return lift(raw(...args));
        } catch (error) { throw annotate(error, label); }
      };
  }
  Object.defineProperty(wrapper, 'name', { value: label.slice(label.indexOf('.') + 1) });
  Object.defineProperty(wrapper, 'length', { value: count });
  Object.defineProperty(wrapper, RAW_EXPORT, { value: { raw, sig, label } });
  return wrapper;
}

// The adapter import for component import `label` served by host function
// `host`: lifts the core arguments, calls `host`, checks and lowers its results.
function make_host_wrapper(label, host, sig) {
  const lifts = sig.params.map((type, i) => make_lift(type, `${label}: argument ${i + 1}`));
  const results = sig.results;
  const lowers = results.map((type, i) =>
    make_lower(type, `${label}: the host function's ${results.length === 1 ? 'result' : `result ${i + 1}`}`));
  // A host function with one result<T, E> result returns T's value for ok,
  // and throws an error with a `payload` property (a ComponentError) for err;
  // other exceptions pass through.
  const returns_result = results.length === 1 && results[0].kind === 'result';
  return function (...args) {
    for (let i = 0; i < args.length; i++) if (lifts[i]) args[i] = lifts[i](args[i]);
    if (returns_result) {
      let value;
      try {
        value = { tag: 'ok', val: host(...args) };
      } catch (error) {
        if (typeof error !== 'object' || error === null || !('payload' in error)) throw error;
        value = { tag: 'err', val: error.payload };
      }
      return lowers[0](value);
    }
    const value = host(...args);
    if (results.length === 0) return undefined; // whatever a host function without results returns is ignored
    if (results.length === 1) return lowers[0](value);
    if (!Array.isArray(value) || value.length !== results.length) {
      throw loader_error(TypeError, `${label}: the host function must return an array of ` +
        `${results.length} values ${signature_text(sig)}, got ${describe(value)}`);
    }
    return value.map((item, i) => lowers[i](item));
  };
}


// ---------------------------------------------------------------------------
// The canonical ABI (docs/abi.md "Layout in memory", "Flattening"): how a
// value of each type lies in a core module's memory and as flat core values
// ---------------------------------------------------------------------------

const MAX_FLAT = 1000;          // value_lift_flat / value_lower_flat: at most this many cells
const LIFT_BUDGET = 2 ** 30;    // string bytes and list elements one lift may copy
const layouts = new WeakMap();  // type -> { size, align, disc, payload, offsets, flat }

function align_to(offset, align) {
  return Math.ceil(offset / align) * align;
}

function discriminant_size(cases) {
  return cases <= 0x100 ? 1 : cases <= 0x10000 ? 2 : 4;
}

// The flat core types joined, as the canonical ABI's join().
function join_flat(a, b) {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

// { size, align } in memory; for records and tuples the member offsets, for
// variants (and options, results, enums) the discriminant's size and the
// payload's offset; `flat`: the flat core types, or null past MAX_FLAT.
function layout(type) {
  let l = layouts.get(type);
  if (l) return l;
  if (type.prim) {
    const name = type.prim.name;
    const size = name === 'string' ? 8 : name === 'bool' || name === 's8' || name === 'u8' ? 1
      : name === 's16' || name === 'u16' ? 2 : name === 's64' || name === 'u64' || name === 'i64' || name === 'f64' ? 8 : 4;
    const flat = name === 'string' ? ['i32', 'i32'] : [type.lowered];
    l = { size, align: name === 'string' ? 4 : size, flat };
  } else {
    const members = type.members.map((m) => (m.type ? layout(m.type) : null));
    const cap = (flat) => (flat && flat.length <= MAX_FLAT ? flat : null);
    switch (type.kind) {
      case 'record': case 'tuple': {
        let size = 0, align = 1, flat = [];
        const offsets = members.map((m) => {
          size = align_to(size, m.align);
          const at = size;
          size += m.size;
          align = Math.max(align, m.align);
          flat = flat && m.flat ? cap(flat.concat(m.flat)) : null;
          return at;
        });
        l = { size: align_to(size, align), align, offsets, flat };
        break;
      }
      case 'list': l = { size: 8, align: 4, flat: ['i32', 'i32'] }; break;
      case 'flags': {
        const n = type.members.length, size = n <= 8 ? 1 : n <= 16 ? 2 : 4;
        l = { size, align: size, flat: ['i32'] };
        break;
      }
      default: { // enum, variant, option, result
        const cases = type.kind === 'variant' || type.kind === 'enum' ? type.members.length : 2;
        const disc = discriminant_size(cases);
        const payloads = type.kind === 'option' ? [null, members[0]] : type.kind === 'enum' ? [] : members;
        let payload_size = 0, payload_align = 1, joined = [];
        for (const m of payloads) {
          if (!m) continue;
          payload_size = Math.max(payload_size, m.size);
          payload_align = Math.max(payload_align, m.align);
          if (!joined || !m.flat) { joined = null; continue; }
          m.flat.forEach((t, i) => { joined[i] = i < joined.length ? join_flat(joined[i], t) : t; });
        }
        const align = Math.max(disc, payload_align);
        const payload = align_to(disc, payload_align);
        l = { size: align_to(payload + payload_size, align), align, disc, payload, flat: joined ? cap(['i32', ...joined]) : null };
      }
    }
  }
  layouts.set(type, l);
  return l;
}

// The payload type of case `index` of a variant, option or result (null: none).
function case_type(type, index) {
  if (type.kind === 'option') return index === 1 ? type.members[0].type : null;
  return type.members[index].type;
}

function case_label(type, index) {
  if (type.kind === 'option') return index === 1 ? 'some' : 'none';
  return type.members[index].label;
}

function case_count(type) {
  return type.kind === 'option' ? 2 : type.members.length;
}

function is_scalar_value(code) {
  return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
}

const NUMBER_ACCESS = {
  __proto__: null,
  s8: ['getInt8', 'setInt8'], u8: ['getUint8', 'setUint8'], s16: ['getInt16', 'setInt16'],
  u16: ['getUint16', 'setUint16'], s32: ['getInt32', 'setInt32'], u32: ['getUint32', 'setUint32'],
  i32: ['getInt32', 'setInt32'], s64: ['getBigInt64', 'setBigInt64'], u64: ['getBigUint64', 'setBigUint64'],
  i64: ['getBigInt64', 'setBigInt64'], f32: ['getFloat32', 'setFloat32'], f64: ['getFloat64', 'setFloat64'],
};

// ---------------------------------------------------------------------------
// WASI for core modules (docs/loader.md, "WASI")
// ---------------------------------------------------------------------------

// node:wasi, one WASI object per core module that imports wasi_snapshot_preview1
// functions its ITL does not adapt (node binds a WASI object to one instance's
// memory), all with the options given to instantiate: { args, env, preopens:
// { GUEST: HOST }, stdio: [IN, OUT, ERR] }.
const WASI_MODULE = 'wasi_snapshot_preview1';

// The options.wasi of instantiate (`what`: the function), checked: { args, env, preopens, stdio }.
function wasi_options(options, what) {
  if (options === undefined || options === null) return { args: [], env: {}, preopens: {}, stdio: [0, 1, 2] };
  if (typeof options !== 'object') throw loader_error(TypeError, `${what}: options must be an object, got ${describe(options)}`);
  const wasi = options.wasi === undefined ? {} : options.wasi;
  if (wasi === null || typeof wasi !== 'object') {
    throw loader_error(TypeError, `${what}: options.wasi must be an object, got ${describe(wasi)}`);
  }
  const args = wasi.args === undefined ? [] : wasi.args;
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) {
    throw loader_error(TypeError, `${what}: options.wasi.args must be an array of strings`);
  }
  const env = Object.create(null), preopens = Object.create(null);
  for (const [field, target] of [['env', env], ['preopens', preopens]]) {
    const given = wasi[field] === undefined ? {} : wasi[field];
    if (given === null || typeof given !== 'object') {
      throw loader_error(TypeError, `${what}: options.wasi.${field} must be an object of strings`);
    }
    for (const key of Object.keys(given)) {
      if (typeof given[key] !== 'string') {
        throw loader_error(TypeError, `${what}: options.wasi.${field}.${key} must be a string, got ${describe(given[key])}`);
      }
      target[key] = given[key];
    }
  }
  const stdio = wasi.stdio === undefined ? [0, 1, 2] : wasi.stdio;
  if (!Array.isArray(stdio) || stdio.length !== 3 || !stdio.every((fd) => Number.isInteger(fd) && fd >= 0)) {
    throw loader_error(TypeError, `${what}: options.wasi.stdio must be [stdin, stdout, stderr], three fds`);
  }
  return { args: [...args], env, preopens, stdio: [...stdio] };
}

// A node:wasi object for one core module. Node announces WASI as
// experimental on stderr the first time; that line is the loader's business,
// not its user's output, so it is dropped (only that warning).
// Returns null where there is no node:wasi (a browser).
function new_wasi(options) {
  if (typeof process !== 'object' || process === null || typeof process.emitWarning !== 'function') return null;
  const emit = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    if (/WASI is an experimental feature/.test(String((warning && warning.message) || warning))) return undefined;
    return emit.call(this, warning, ...rest);
  };
  try {
    const node_wasi = node_builtin('node:wasi'); // node warns when it first loads node:wasi
    if (!node_wasi) return null;
    const { WASI } = node_wasi;
    return new WASI({ version: 'preview1', args: options.args, env: options.env, preopens: options.preopens,
                      stdin: options.stdio[0], stdout: options.stdio[1], stderr: options.stdio[2],
                      returnOnExit: true });
  } finally {
    process.emitWarning = emit;
  }
}

// ---------------------------------------------------------------------------
// _it_runtime: one set per adapter instance
// ---------------------------------------------------------------------------

// The `_it_runtime` functions for one adapter. `adapter` is filled in once the
// adapter is instantiated (its memory, table and exports); `prepared` holds
// core modules compiled ahead of time by the async path, by index.
function make_runtime(context) {
  const { file, iface } = context;
  const adapter = context.adapter;           // { memory, table, exports }, set after instantiation
  const handles = [];                        // handle h -> handles[h - 1]
  const handle_of = new Map();               // reference -> handle (one handle per reference)
  const core_names = new WeakMap();          // core instance -> its path in it.interface
  const names = new Map();                   // name pointer -> decoded name (_it_memory is read-only data)
  const memories = new Map();                // handle -> Map(name pointer -> memory entry)
  let last_handle = 0, last_name = -1, last_entry = null;

  // The string at name pointer `pointer` in _it_memory (LEB128 length + UTF-8).
  function read_name(pointer, what) {
    const cached = names.get(pointer);
    if (cached !== undefined) return cached;
    if (!adapter.memory) throw trap(`${what}: ${file} has no _it_memory export to read names from`);
    const bytes = new Uint8Array(adapter.memory.buffer);
    let pos = pointer >>> 0, length = 0, shift = 0;
    for (;;) {
      if (pos >= bytes.length || shift > 28) {
        throw trap(`${what}: bad name pointer ${pointer >>> 0} in _it_memory of ${file}`);
      }
      const byte = bytes[pos++];
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    if (pos + length > bytes.length) {
      throw trap(`${what}: name at ${pointer >>> 0} in _it_memory of ${file} runs out of bounds`);
    }
    let name;
    try {
      name = strict_decoder.decode(bytes.subarray(pos, pos + length));
    } catch {
      throw trap(`${what}: name at ${pointer >>> 0} in _it_memory of ${file} is not valid UTF-8`);
    }
    names.set(pointer, name);
    return name;
  }

  function reference(handle, what) {
    const ref = Number.isInteger(handle) && handle > 0 && handle <= handles.length ? handles[handle - 1] : undefined;
    if (ref === undefined) throw trap(`${what}: unknown handle ${handle} (never returned by ref_to_i32)`);
    return ref;
  }

  // Resolves (core instance handle, memory name pointer) to a cached entry
  // { memory, bytes, view, where }; `bytes` and `view` are refreshed by
  // current() when the memory's buffer has changed.
  function memory_entry(handle, name_pointer, what) {
    if (handle === last_handle && name_pointer === last_name) return last_entry;
    let by_name = memories.get(handle);
    let entry = by_name && by_name.get(name_pointer);
    if (!entry) {
      const instance = reference(handle, what);
      if (!(instance instanceof WebAssembly.Instance)) {
        throw trap(`${what}: handle ${handle} is not a core module instance (got ${describe(instance)})`);
      }
      const core = core_names.get(instance) || 'core module';
      const name = read_name(name_pointer, what);
      const memory = instance.exports[name];
      if (!(memory instanceof WebAssembly.Memory)) {
        throw trap(`${what}: ${core} has no memory export '${name}'`);
      }
      entry = { memory, bytes: null, view: null, where: `${core} memory '${name}'` };
      refresh(entry);
      if (!by_name) memories.set(handle, by_name = new Map());
      by_name.set(name_pointer, entry);
    }
    last_handle = handle;
    last_name = name_pointer;
    last_entry = entry;
    return entry;
  }

  function refresh(entry) {
    const buffer = entry.memory.buffer;
    entry.bytes = new Uint8Array(buffer);
    entry.view = new DataView(buffer);
  }

  // Checks that [pointer, pointer + length) lies in the entry's memory,
  // refreshing the views first if the memory has grown (memory.grow detaches
  // the old buffer, so an old view reads as empty or too short).
  function check_range(entry, pointer, length, what) {
    if (pointer + length <= entry.bytes.length && entry.bytes.length !== 0) return;
    refresh(entry);
    if (pointer + length > entry.bytes.length) {
      throw trap(`${what}: out of bounds memory access (${length} bytes at ${pointer} in ${entry.where}, ` +
        `${entry.bytes.length} bytes long)`);
    }
  }

  // The checks mem_load and mem_store share: `code` is a memory type and
  // [pointer, pointer + its size) lies in the memory.
  function typed_access(handle, name_pointer, pointer, code, what) {
    const type = IT_TYPES.get(code);
    if (!type || type.size === 0) throw trap(`${what}: type code ${code} is not a memory type`);
    const entry = memory_entry(handle, name_pointer, what);
    const at = pointer >>> 0;
    check_range(entry, at, type.size, what);
    return { type, view: entry.view, at };
  }

  function check_string(value, what) {
    if (typeof value !== 'string') throw trap(`${what}: not a string (got ${describe(value)})`);
  }


  // ---- values of the canonical ABI (docs/abi.md "value_lift" ...) ----

  // Type `index` of the table: a string or constructed type held as an externref.
  function value_type(index, what) {
    const type = iface.types[index >>> 0];
    if (type === undefined) {
      throw trap(`${what}: type ${index >>> 0} is not in the type table of ${file} (${iface.types.length} types)`);
    }
    if (type.lowered !== 'externref') {
      throw trap(`${what}: type ${index >>> 0} (${type.name}) is not a string or a constructed type held as an externref`);
    }
    if (!layout(type).flat && what.endsWith('_flat')) {
      throw trap(`${what}: ${type.name} has more than ${MAX_FLAT} flat values`);
    }
    return type;
  }

  // The realloc of the core module at _it_table slot `slot` (-1: none).
  function realloc_at(slot, what) {
    if (slot === -1) return null;
    const index = slot >>> 0;
    if (!adapter.table || index >= adapter.table.length) {
      throw trap(`${what}: realloc slot ${index} is out of range of _it_table`);
    }
    const func = adapter.table.get(index);
    if (typeof func !== 'function') throw trap(`${what}: realloc slot ${index} of _it_table is empty`);
    return func;
  }

  function read_uint(view, at, size) {
    return size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
  }

  function write_uint(view, at, size, value) {
    if (size === 1) view.setUint8(at, value);
    else if (size === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value >>> 0, true);
  }

  // Copies are bounded: a list of a million strings all pointing at one big
  // string would otherwise make the host copy it a million times.
  function spend(st, units) {
    st.budget -= units;
    if (st.budget < 0) throw trap(`${st.what}: the value is too large to lift (more than ${LIFT_BUDGET} string bytes and list elements)`);
  }

  function load_string(pointer, length, st) {
    const { entry, what } = st;
    check_range(entry, pointer, length, what);
    spend(st, length);
    return decode_utf8(entry.bytes, pointer, pointer + length, entry.where, what);
  }

  function load_list(type, pointer, count, st) {
    const { entry, what } = st;
    const element = type.members[0].type, el = layout(element);
    if (pointer % el.align) {
      throw trap(`${what}: a ${type.name} at ${pointer} in ${entry.where} is not aligned to ${el.align}`);
    }
    const bytes = count * el.size;
    if (bytes > 0xffffffff) throw trap(`${what}: a ${type.name} of ${count} elements does not fit in 32-bit memory`);
    check_range(entry, pointer, bytes, what);
    const Typed = element.prim ? TYPED_ARRAYS[element.prim.name] : undefined;
    if (Typed) return new Typed(entry.bytes.buffer.slice(pointer, pointer + bytes));
    spend(st, count);
    const out = new Array(count);
    for (let i = 0; i < count; i++) out[i] = load_value(element, pointer + i * el.size, st, false);
    return out;
  }

  // The value of `type` at `at` (in range: the caller checked), in the
  // loader's JS form; `tagged` for the inner option of option<option<T>>.
  function load_value(type, at, st, tagged) {
    const { entry, what } = st;
    if (type.prim) {
      const name = type.prim.name;
      switch (name) {
        case 'bool': return entry.bytes[at] !== 0;
        case 'string': return load_string(entry.view.getUint32(at, true), entry.view.getUint32(at + 4, true), st);
        case 'char': {
          const code = entry.view.getUint32(at, true);
          if (!is_scalar_value(code)) {
            throw trap(`${what}: the char at ${at} in ${entry.where} is ${code} (0x${code.toString(16)}), not a Unicode scalar value`);
          }
          return String.fromCodePoint(code);
        }
        default: return entry.view[NUMBER_ACCESS[name][0]](at, true);
      }
    }
    const l = layout(type);
    switch (type.kind) {
      case 'record': {
        const out = {};
        type.members.forEach((m, i) => { set_field(out, m.label, load_value(m.type, at + l.offsets[i], st, false)); });
        return out;
      }
      case 'tuple': return type.members.map((m, i) => load_value(m.type, at + l.offsets[i], st, false));
      case 'list': return load_list(type, entry.view.getUint32(at, true), entry.view.getUint32(at + 4, true), st);
      case 'flags': {
        const bits = read_uint(entry.view, at, l.size), out = {};
        type.members.forEach((m, i) => { set_field(out, m.label, (bits & (1 << i)) !== 0); });
        return out;
      }
      case 'enum': {
        const index = read_uint(entry.view, at, l.disc);
        if (index >= type.members.length) {
          throw trap(`${what}: the ${type.name} at ${at} in ${entry.where} is case ${index}, but it has ${type.members.length}`);
        }
        return type.members[index].label;
      }
    }
    const index = read_uint(entry.view, at, l.disc);
    if (index >= case_count(type)) {
      throw trap(`${what}: the ${type.name} at ${at} in ${entry.where} is case ${index}, but it has ${case_count(type)}`);
    }
    const payload = case_type(type, index);
    const val = payload ? load_value(payload, at + l.payload, st, type.kind === 'option' && payload.kind === 'option') : undefined;
    return tagged_value(type, index, payload, val, tagged);
  }

  // A case as the loader's JS form has it (see value_converter).
  function tagged_value(type, index, payload, val, tagged) {
    if (type.kind === 'option' && !tagged) return index ? val : undefined;
    const tag = type.kind === 'result' ? (index ? 'err' : 'ok') : case_label(type, index);
    return payload ? { tag, val } : { tag };
  }

  // Room for `size` bytes aligned to `align` from the core module's realloc.
  function allocate(st, align, size) {
    const { entry, what } = st;
    if (!st.realloc) throw trap(`${what}: the value holds a string or list, and no realloc was given to allocate it`);
    if (size > 0xffffffff) throw trap(`${what}: ${size} bytes do not fit in 32-bit memory`);
    const pointer = st.realloc(0, 0, align, size) >>> 0;
    refresh(entry); // the realloc may have grown the memory
    if (pointer % align) throw trap(`${what}: realloc returned ${pointer}, which is not aligned to ${align}`);
    check_range(entry, pointer, size, what);
    return pointer;
  }

  function store_string(value, st) {
    const length = utf8_length(value);
    const pointer = allocate(st, 1, length);
    encoder.encodeInto(value, st.entry.bytes.subarray(pointer, pointer + length));
    return [pointer, length];
  }

  function store_list(type, value, st) {
    const element = type.members[0].type, el = layout(element);
    const pointer = allocate(st, el.align, value.length * el.size);
    if (ArrayBuffer.isView(value)) {
      st.entry.bytes.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), pointer);
    } else {
      for (let i = 0; i < value.length; i++) store_value(element, value[i], pointer + i * el.size, st, false);
    }
    return [pointer, value.length];
  }

  // Stores a checked value (value_converter's form) at `at`, in range. The
  // views are read afresh after every allocation (it may grow the memory).
  function store_value(type, value, at, st, tagged) {
    const { entry } = st;
    if (type.prim) {
      const name = type.prim.name;
      switch (name) {
        case 'bool': entry.bytes[at] = value ? 1 : 0; return;
        case 'char': entry.view.setUint32(at, value.codePointAt(0), true); return;
        case 'string': {
          const [pointer, length] = store_string(value, st);
          entry.view.setUint32(at, pointer, true);
          entry.view.setUint32(at + 4, length, true);
          return;
        }
        default: entry.view[NUMBER_ACCESS[name][1]](at, value, true); return;
      }
    }
    const l = layout(type);
    switch (type.kind) {
      case 'record': type.members.forEach((m, i) => store_value(m.type, value[m.label], at + l.offsets[i], st, false)); return;
      case 'tuple': type.members.forEach((m, i) => store_value(m.type, value[i], at + l.offsets[i], st, false)); return;
      case 'list': {
        const [pointer, count] = store_list(type, value, st);
        entry.view.setUint32(at, pointer, true);
        entry.view.setUint32(at + 4, count, true);
        return;
      }
      case 'flags': {
        let bits = 0;
        type.members.forEach((m, i) => { if (value[m.label]) bits |= 1 << i; });
        write_uint(entry.view, at, l.size, bits);
        return;
      }
      case 'enum': write_uint(entry.view, at, l.disc, type.members.findIndex((m) => m.label === value)); return;
    }
    const [index, payload, val] = case_of(type, value, tagged);
    write_uint(entry.view, at, l.disc, index);
    if (payload) store_value(payload, val, at + l.payload, st, type.kind === 'option' && payload.kind === 'option');
  }

  // [case index, payload type, payload value] of a checked variant, option or result.
  function case_of(type, value, tagged) {
    if (type.kind === 'option' && !tagged) return value === undefined ? [0, null, undefined] : [1, case_type(type, 1), value];
    const count = case_count(type);
    for (let i = 0; i < count; i++) {
      const tag = type.kind === 'result' ? (i ? 'err' : 'ok') : case_label(type, i);
      if (value.tag === tag) return [i, case_type(type, i), value.val];
    }
    throw trap(`unreachable: a checked ${type.name} has no case ${value.tag}`);
  }

  // ---- flat values: the cells in _it_memory, 8 bytes each ----

  const f32_bits = new Float32Array(1), f32_as_i32 = new Int32Array(f32_bits.buffer);
  const f64_bits = new Float64Array(1), f64_as_i64 = new BigInt64Array(f64_bits.buffer);

  // A flat value of core type `have` as one of type `want` (the canonical
  // ABI's coercions between a case's flat types and the joined ones).
  function coerce(value, have, want) {
    if (have === want) return value;
    if (have === 'f32' && want === 'i32') { f32_bits[0] = value; return f32_as_i32[0]; }
    if (have === 'i32' && want === 'i64') return BigInt(value >>> 0);
    if (have === 'f32' && want === 'i64') { f32_bits[0] = value; return BigInt(f32_as_i32[0] >>> 0); }
    if (have === 'f64' && want === 'i64') { f64_bits[0] = value; return f64_as_i64[0]; }
    if (have === 'i64' && want === 'i32') return Number(BigInt.asIntN(32, value));
    if (have === 'i32' && want === 'f32') { f32_as_i32[0] = value; return f32_bits[0]; }
    if (have === 'i64' && want === 'f32') { f32_as_i32[0] = Number(BigInt.asIntN(32, value)); return f32_bits[0]; }
    if (have === 'i64' && want === 'f64') { f64_as_i64[0] = value; return f64_bits[0]; }
    throw trap(`unreachable: no coercion from ${have} to ${want}`);
  }

  // The flat values of a checked value, as JS numbers (i32 f32 f64) and BigInts (i64).
  function flat_values(type, value, st, tagged) {
    if (type.prim) {
      const name = type.prim.name;
      switch (name) {
        case 'bool': return [value ? 1 : 0];
        case 'char': return [value.codePointAt(0)];
        case 'string': return store_string(value, st);
        case 's64': case 'u64': case 'i64': return [BigInt.asIntN(64, value)];
        case 'f32': case 'f64': return [value];
        default: return [value | 0];
      }
    }
    switch (type.kind) {
      case 'record': return type.members.flatMap((m) => flat_values(m.type, value[m.label], st, false));
      case 'tuple': return type.members.flatMap((m, i) => flat_values(m.type, value[i], st, false));
      case 'list': return store_list(type, value, st);
      case 'flags': {
        let bits = 0;
        type.members.forEach((m, i) => { if (value[m.label]) bits |= 1 << i; });
        return [bits];
      }
      case 'enum': return [type.members.findIndex((m) => m.label === value)];
    }
    const joined = layout(type).flat.slice(1);
    const [index, payload, val] = case_of(type, value, tagged);
    const out = [index];
    if (payload) {
      const have = layout(payload).flat;
      flat_values(payload, val, st, type.kind === 'option' && payload.kind === 'option')
        .forEach((x, i) => out.push(coerce(x, have[i], joined[i])));
    }
    for (let i = out.length - 1; i < joined.length; i++) out.push(joined[i] === 'i64' ? 0n : 0);
    return out;
  }

  // The value of `type` from flat values vi.values (of core types vi.types), from vi.at on.
  function lift_flat_value(type, vi, st, tagged) {
    const next = (want) => coerce(vi.values[vi.at], vi.types[vi.at++], want);
    if (type.prim) {
      const name = type.prim.name;
      switch (name) {
        case 'bool': return next('i32') !== 0;
        case 's8': return (next('i32') << 24) >> 24;
        case 'u8': return next('i32') & 0xff;
        case 's16': return (next('i32') << 16) >> 16;
        case 'u16': return next('i32') & 0xffff;
        case 'u32': return next('i32') >>> 0;
        case 's32': case 'i32': return next('i32') | 0;
        case 's64': case 'i64': return BigInt.asIntN(64, next('i64'));
        case 'u64': return BigInt.asUintN(64, next('i64'));
        case 'f32': return next('f32');
        case 'f64': return next('f64');
        case 'char': {
          const code = next('i32') >>> 0;
          if (!is_scalar_value(code)) throw trap(`${st.what}: a char of ${code} (0x${code.toString(16)}) is not a Unicode scalar value`);
          return String.fromCodePoint(code);
        }
        case 'string': {
          const pointer = next('i32') >>> 0;
          return load_string(pointer, next('i32') >>> 0, st);
        }
      }
    }
    switch (type.kind) {
      case 'record': {
        const out = {};
        for (const m of type.members) set_field(out, m.label, lift_flat_value(m.type, vi, st, false));
        return out;
      }
      case 'tuple': return type.members.map((m) => lift_flat_value(m.type, vi, st, false));
      case 'list': {
        const pointer = next('i32') >>> 0;
        return load_list(type, pointer, next('i32') >>> 0, st);
      }
      case 'flags': {
        const bits = next('i32'), out = {};
        type.members.forEach((m, i) => { set_field(out, m.label, (bits & (1 << i)) !== 0); });
        return out;
      }
      case 'enum': {
        const index = next('i32') >>> 0;
        if (index >= type.members.length) throw trap(`${st.what}: ${type.name} case ${index}, but it has ${type.members.length}`);
        return type.members[index].label;
      }
    }
    const index = next('i32') >>> 0;
    if (index >= case_count(type)) throw trap(`${st.what}: ${type.name} case ${index}, but it has ${case_count(type)}`);
    const payload = case_type(type, index), end = vi.at + layout(type).flat.length - 1;
    const val = payload ? lift_flat_value(payload, vi, st, type.kind === 'option' && payload.kind === 'option') : undefined;
    vi.at = end; // the joined values past this case's
    return tagged_value(type, index, payload, val, tagged);
  }

  // The cells [cells, cells + 8 * count) of _it_memory, checked.
  function cells_view(cells, count, what) {
    const start = cells >>> 0;
    if (!adapter.memory || start + 8 * count > adapter.memory.buffer.byteLength) {
      throw trap(`${what}: cells ${start}..${start + 8 * count} are out of bounds of _it_memory of ${file}`);
    }
    return new DataView(adapter.memory.buffer, start, 8 * count);
  }

  const CELL_ACCESS = { i32: ['getInt32', 'setInt32'], i64: ['getBigInt64', 'setBigInt64'], f32: ['getFloat32', 'setFloat32'], f64: ['getFloat64', 'setFloat64'] };

  // ---- members of values built and taken apart in the adapter (value_make, value_take) ----

  // Slots [0, count) of the adapter's _it_refs table, where members held as references pass.
  function refs_slots(count, what) {
    const table = adapter.refs;
    if (!table) throw trap(`${what}: ${file} has no _it_refs export (a table of externref)`);
    if (count > table.length) throw trap(`${what}: slots 0..${count - 1} are out of range of _it_refs (${table.length} slots)`);
    return table;
  }

  // An option directly inside an option is tagged in JS (jco); the adapter holds it as any option.
  const nests = (parent, type) => parent.kind === 'option' && type.kind === 'option';
  const tag_option = (v) => v === undefined ? { tag: 'none' } : { tag: 'some', val: v };
  const untag_option = (v) => v.tag === 'none' ? undefined : v.val;

  // Member i (of type `type`, a member of `parent`) from cell i or _it_refs slot i, checked.
  function member_in(parent, type, view, i, where, what) {
    const raw = type.lowered === 'externref' ? refs_slots(i + 1, what).get(i) : view[CELL_ACCESS[type.lowered][0]](8 * i, true);
    const lift = make_lift(type, where);
    const value = lift ? lift(raw) : raw;
    const nested = nests(parent, type);
    return value_converter(type, nested)(nested ? tag_option(value) : value, '', adapter_fail(where));
  }

  // A checked member's JS value as the adapter holds it, into cell 0 or _it_refs slot 0.
  function member_out(parent, type, value, cells, what) {
    const core = make_lower(type, what)(nests(parent, type) ? untag_option(value) : value);
    if (type.lowered === 'externref') {
      try {
        refs_slots(1, what).set(0, core);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw error;
        throw trap(`${what}: _it_refs slot 0 cannot be written (${one_line(String(error.message))})`);
      }
    } else {
      cells_view(cells, 1, what)[CELL_ACCESS[type.lowered][1]](0, core, true);
    }
  }

  function load_core(path_pointer, index) {
    const what = 'load_wasm';
    const path = read_name(path_pointer, what);
    const desc = iface.modules[index];
    if (!desc) {
      throw trap(`${what}: core module index ${index} is not in the ${SECTION_NAME} section of ${file} ` +
        `(${iface.modules.length} modules)`);
    }
    if (desc.path !== path) {
      throw trap(`${what}: core module ${index} is '${path}' in _it_memory but '${desc.path}' in ${SECTION_NAME}`);
    }
    // core_file: what messages call the module (its path or URL, or its
    // path in it.interface when the host gave it)
    const { module, label: core_file } = core_module(context, index, path);
    const imports = Object.create(null);
    let wasi = null;
    for (const wanted of WebAssembly.Module.imports(module)) {
      const wiring = desc.imports.find((w) => w.module === wanted.module && w.name === wanted.name);
      if (!wiring && wanted.module === WASI_MODULE) {
        if (!wasi) wasi = new_wasi(context.wasi);
        if (!wasi) {
          throw trap(`${what}: ${path} imports ${wanted.module}.${wanted.name}: WASI is not available here ` +
            '(the loader\'s WASI is node:wasi, in Node only)');
        }
        const func = Object.hasOwn(wasi.wasiImport, wanted.name) ? wasi.wasiImport[wanted.name] : undefined;
        if (typeof func !== 'function') {
          throw trap(`${what}: ${path} imports ${wanted.module}.${wanted.name}, which is not a WASI preview1 function`);
        }
        define_import(imports, wanted.module, wanted.name, func);
        continue;
      }
      if (!wiring) {
        throw trap(`${what}: ${path} imports ${wanted.module}.${wanted.name}, which ${iface.component}.itl does not adapt`);
      }
      const shim = adapter.exports[wiring.shim];
      if (wanted.kind !== 'function' || typeof shim !== 'function') {
        throw trap(`${what}: ${path} import ${wanted.module}.${wanted.name} (a ${wanted.kind}) is wired to ` +
          `'${wiring.shim}', which is not a function export of ${file}`);
      }
      define_import(imports, wanted.module, wanted.name, shim);
    }
    const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
    if (wasi && exported.has('_start') && !exported.has('_initialize')) {
      throw trap(`${what}: ${core_file} is a WASI command (it exports _start): build it as a reactor ` +
        '(clang -mexec-model=reactor) to use it in a component');
    }
    let instance;
    try {
      instance = new WebAssembly.Instance(module, imports);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw annotate(error, `${what}: start function of ${core_file}`);
      throw trap(`${what}: cannot instantiate ${core_file}: ${error.message}`);
    }
    if (wasi) {
      try {
        wasi.initialize(instance); // binds its memory; runs _initialize if there is one
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw annotate(error, `${what}: _initialize of ${core_file}`);
        throw trap(`${what}: WASI for ${core_file}: ${error.message}`);
      }
    }
    core_names.set(instance, path);
    return instance;
  }

  return {
    load_wasm: load_core,

    set_table_func(slot, instance, name_pointer) {
      const what = 'set_table_func';
      if (!(instance instanceof WebAssembly.Instance)) {
        throw trap(`${what}: not a core module instance (got ${describe(instance)})`);
      }
      const name = read_name(name_pointer, what);
      const func = instance.exports[name];
      if (typeof func !== 'function') {
        throw trap(`${what}: ${core_names.get(instance) || 'the core module'} has no function export '${name}'`);
      }
      if (!adapter.table) throw trap(`${what}: ${file} has no _it_table export`);
      const index = slot >>> 0;
      if (index >= adapter.table.length) {
        throw trap(`${what}: slot ${index} is out of range of _it_table (${adapter.table.length} slots)`);
      }
      adapter.table.set(index, func);
    },

    ref_to_i32(ref) {
      let handle = handle_of.get(ref);
      if (handle === undefined) {
        handles.push(ref);
        handle = handles.length;
        handle_of.set(ref, handle);
      }
      return handle;
    },

    i32_to_ref(handle) {
      return reference(handle, 'i32_to_ref');
    },

    string_len(string) {
      if (typeof string !== 'string') check_string(string, 'string_len');
      return utf8_length(string);
    },

    mem_to_string(handle, name_pointer, pointer, length) {
      const what = 'mem_to_string';
      const entry = memory_entry(handle, name_pointer, what);
      const start = pointer >>> 0, count = length >>> 0;
      check_range(entry, start, count, what);
      return decode_utf8(entry.bytes, start, start + count, entry.where);
    },

    string_to_mem(handle, name_pointer, string, pointer) {
      const what = 'string_to_mem';
      if (typeof string !== 'string') check_string(string, what);
      const entry = memory_entry(handle, name_pointer, what);
      const length = utf8_length(string);
      const start = pointer >>> 0;
      check_range(entry, start, length, what);
      const bytes = entry.bytes;
      if (length === string.length && length <= SHORT_STRING) {
        for (let i = 0; i < length; i++) bytes[start + i] = string.charCodeAt(i);  // ASCII
      } else {
        encoder.encodeInto(string, bytes.subarray(start, start + length));
      }
    },

    mem_load(handle, name_pointer, pointer, code) {
      const { type, view, at } = typed_access(handle, name_pointer, pointer, code, 'mem_load');
      switch (type.name) {
        case 's8': return BigInt(view.getInt8(at));
        case 'u8': return BigInt(view.getUint8(at));
        case 's16': return BigInt(view.getInt16(at, true));
        case 'u16': return BigInt(view.getUint16(at, true));
        case 's32': case 'i32': return BigInt(view.getInt32(at, true));
        case 'u32': case 'f32': return BigInt(view.getUint32(at, true));
        default: return view.getBigInt64(at, true);  // s64 u64 i64 f64: the bit pattern
      }
    },


    // An ITL string literal: the name at that name pointer in _it_memory.
    string_const(name_pointer) {
      return read_name(name_pointer, 'string_const');
    },

    // The canonical ABI's values: from and to a core module's memory, and
    // from and to their flat core values in the cells (docs/abi.md).
    value_lift(handle, name_pointer, pointer, type_index) {
      const what = 'value_lift';
      const type = value_type(type_index, what), l = layout(type);
      const entry = memory_entry(handle, name_pointer, what), at = pointer >>> 0;
      if (at % l.align) throw trap(`${what}: pointer ${at} is not aligned to ${l.align}, as ${type.name} is`);
      check_range(entry, at, l.size, what);
      return load_value(type, at, { entry, what, budget: LIFT_BUDGET }, false);
    },

    value_lower(handle, name_pointer, realloc_slot, pointer, value, type_index) {
      const what = 'value_lower';
      const type = value_type(type_index, what), l = layout(type);
      const checked = value_converter(type)(value, '', adapter_fail(`${what}: the value`));
      const entry = memory_entry(handle, name_pointer, what), at = pointer >>> 0;
      if (at % l.align) throw trap(`${what}: pointer ${at} is not aligned to ${l.align}, as ${type.name} is`);
      check_range(entry, at, l.size, what);
      // store_value reads the views afresh after each allocation (a realloc may grow the memory)
      store_value(type, checked, at, { entry, what, realloc: realloc_at(realloc_slot, what) }, false);
    },

    value_lift_flat(handle, name_pointer, cells, type_index) {
      const what = 'value_lift_flat';
      const type = value_type(type_index, what), types = layout(type).flat;
      const view = cells_view(cells, types.length, what);
      const values = types.map((t, i) => view[CELL_ACCESS[t][0]](8 * i, true));
      const entry = memory_entry(handle, name_pointer, what);
      return lift_flat_value(type, { values, types, at: 0 }, { entry, what, budget: LIFT_BUDGET }, false);
    },

    value_lower_flat(handle, name_pointer, realloc_slot, cells, value, type_index) {
      const what = 'value_lower_flat';
      const type = value_type(type_index, what), types = layout(type).flat;
      const checked = value_converter(type)(value, '', adapter_fail(`${what}: the value`));
      const entry = memory_entry(handle, name_pointer, what);
      const values = flat_values(type, checked, { entry, what, realloc: realloc_at(realloc_slot, what) }, false);
      const view = cells_view(cells, types.length, what);
      types.forEach((t, i) => view[CELL_ACCESS[t][1]](8 * i, values[i], true));
    },

    // Values built and taken apart in the adapter (make-record, match, ...):
    // numbers pass in the cells, references in _it_refs (docs/abi.md).
    value_make(type_index, which, cells) {
      const what = 'value_make';
      const type = value_type(type_index, what);
      const index = which >>> 0;
      let members; // [path, type] of each
      switch (type.kind) {
        case 'record': case 'tuple':
          if (index !== 0) throw trap(`${what}: case ${index} given for ${type.name} (it takes 0)`);
          members = type.members.map((m, i) => [type.kind === 'record' ? `.${m.label}` : `[${i}]`, m.type]);
          break;
        case 'list':
          if (index > MAX_FLAT) throw trap(`${what}: ${index} members for ${type.name}; at most ${MAX_FLAT} fit the cells`);
          members = Array.from({ length: index }, (_, i) => [`[${i}]`, type.members[0].type]);
          break;
        case 'variant': case 'option': case 'result': {
          if (index >= case_count(type)) throw trap(`${what}: ${index} is not a case of ${type.name}`);
          const payload = case_type(type, index);
          members = payload ? [['.val', payload]] : [];
          break;
        }
        default:
          throw trap(`${what}: ${type.name} is not built from members`);
      }
      const view = cells_view(cells, members.length, what);
      const values = members.map(([path, member], i) => member_in(type, member, view, i, `${what}: ${type.name}${path}`, what));
      switch (type.kind) {
        case 'record': {
          const out = {};
          type.members.forEach((m, i) => { set_field(out, m.label, values[i]); });
          return out;
        }
        case 'tuple': return values;
        case 'list': return value_converter(type)(values, '', adapter_fail(`${what}: ${type.name}`)); // typed arrays
        default: return tagged_value(type, index, members.length > 0, values[0], false);
      }
    },

    value_take(value, type_index, cells, which) {
      const what = 'value_take';
      const type = value_type(type_index, what);
      const index = which >>> 0, none = index === 0xffffffff;
      const is_object = typeof value === 'object' && value !== null;
      const bad = (expected) => trap(`${what}: the value is not ${expected} (${type.name}) (got ${describe(value)})`);
      let result = 0, member = null, member_value;
      switch (type.kind) {
        case 'record': case 'tuple': {
          if (type.kind === 'record' ? !is_object || Array.isArray(value)
                                     : !Array.isArray(value) || value.length !== type.members.length) {
            throw bad(type.kind === 'record' ? 'an object' : `an array of ${type.members.length}`);
          }
          if (index >= type.members.length) throw trap(`${what}: ${type.name} has no field ${index} (it has ${type.members.length})`);
          member = type.members[index];
          member_value = type.kind === 'record' ? own(value, member.label) : value[index];
          member = [type.kind === 'record' ? `.${member.label}` : `[${index}]`, member.type];
          break;
        }
        case 'list': {
          if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw bad('an array');
          result = value.length;
          if (none) break;
          if (index >= value.length) throw trap(`${what}: index ${index} is out of range of a list of ${value.length}`);
          member = [`[${index}]`, type.members[0].type];
          member_value = value[index];
          break;
        }
        case 'variant': case 'option': case 'result': {
          if (!none) throw trap(`${what}: index ${index} given for ${type.name} (it takes -1)`);
          if (type.kind === 'option') {
            result = value === undefined || value === null ? 0 : 1;
            member_value = value;
          } else {
            const count = case_count(type);
            for (result = 0; result < count && !(is_object && value.tag === (type.kind === 'result' ? ['ok', 'err'][result] : case_label(type, result))); result++);
            if (result === count) throw bad(`a { tag, val } of one of its ${count} cases`);
            member_value = value.val;
          }
          const payload = case_type(type, result);
          if (payload) member = ['.val', payload];
          break;
        }
        default:
          throw trap(`${what}: ${type.name} is not taken apart into members`);
      }
      if (member) {
        const [path, member_type] = member;
        const where = `${what}: the value${path}`;
        const checked = value_converter(member_type, nests(type, member_type))(member_value, '', adapter_fail(where));
        member_out(type, member_type, checked, cells, what);
      }
      return result;
    },

    // String scopes (docs/abi.md, "String lifetime"): JS strings are
    // garbage-collected, so there is nothing to free; the mark is unused.
    scope_enter() {
      return 0;
    },

    scope_exit(keep, mark) {
      return keep;
    },

    mem_store(handle, name_pointer, pointer, code, value) {
      const { type, view, at } = typed_access(handle, name_pointer, pointer, code, 'mem_store');
      switch (type.size) {
        case 1: view.setUint8(at, Number(BigInt.asUintN(8, value))); break;
        case 2: view.setUint16(at, Number(BigInt.asUintN(16, value)), true); break;
        case 4: view.setUint32(at, Number(BigInt.asUintN(32, value)), true); break;
        default: view.setBigUint64(at, value, true);
      }
    },
  };
}

// ---------------------------------------------------------------------------
// Core signatures of the adapter's function imports and exports
// ---------------------------------------------------------------------------

const VALUE_TYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

// Reads the type, import, function and export sections of a wasm binary the
// engine has already validated, and returns the core signature of every
// function import ([{ module, name, type: 'params -> results' }]) and function
// export (name -> the same). Returns null if it meets anything it does not know (a
// newer binary feature): the signature checks are then skipped, not failed.
function read_core_signatures(bytes) {
  let pos = 8;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const name = () => {
    const length = u32();
    pos += length;
    return lossy_decoder.decode(bytes.subarray(pos - length, pos));
  };
  const limits = () => {
    const flags = bytes[pos++];
    if (flags > 1) throw loader_error(Error, 'limits');
    u32();
    if (flags === 1) u32();
  };
  const types = [], functions = [];
  const imports = [], exports = new Map();
  try {
    while (pos < bytes.length) {
      const id = bytes[pos++];
      const size = u32();
      const end = pos + size;
      if (id === 1) {
        for (let count = u32(); count > 0; count--) {
          if (bytes[pos++] !== 0x60) throw loader_error(Error, 'type');
          const list = () => {
            const items = [];
            for (let n = u32(); n > 0; n--) {
              const type = VALUE_TYPES[bytes[pos++]];
              if (!type) throw loader_error(Error, 'value type');
              items.push(type);
            }
            return items.join(' ');
          };
          const params = list();
          types.push(`${params}${params ? ' ' : ''}->${(() => { const r = list(); return r ? ' ' + r : ''; })()}`);
        }
      } else if (id === 2) {
        for (let count = u32(); count > 0; count--) {
          const module = name(), field = name();
          const kind = bytes[pos++];
          if (kind === 0) { const type = types[u32()]; imports.push({ module, name: field, type }); functions.push(type); }
          else if (kind === 1) { pos++; limits(); }
          else if (kind === 2) limits();
          else if (kind === 3) pos += 2;
          else throw loader_error(Error, 'import kind');
        }
      } else if (id === 3) {
        for (let count = u32(); count > 0; count--) functions.push(types[u32()]);
      } else if (id === 7) {
        for (let count = u32(); count > 0; count--) {
          const export_name = name();
          const kind = bytes[pos++];
          const index = u32();
          if (kind === 0) exports.set(export_name, functions[index]);
        }
      }
      pos = end;
    }
  } catch {
    return null;
  }
  return { imports, exports };
}

// 'params -> results' for the lowered form of an IT signature.
function lowered_text(sig) {
  const list = (types) => types.map((type) => type.lowered).join(' ');
  const params = list(sig.params), results = list(sig.results);
  return `${params}${params ? ' ' : ''}->${results ? ' ' + results : ''}`;
}

// Checks that the adapter's functions have the core types its it.interface
// section and docs/abi.md say: a mismatch is an itlc bug, reported here
// rather than as a wrong value later.
function check_core_signatures(bytes, iface, file) {
  const core = read_core_signatures(bytes);
  if (!core) return;
  const mismatch = (what, found, expected, why) => loader_error(Error, 
    `${file}: ${what} has core type (${found}), but ${why} says (${expected})`);
  for (const { module, name, type: found } of core.imports) {
    const key = `${module}.${name}`;
    if (module === RUNTIME_MODULE) {
      const expected = RUNTIME_SIGNATURES[name];
      if (expected && found !== expected) throw mismatch(`import ${key}`, found, expected, 'docs/abi.md');
      continue;
    }
    const listed = iface.imports.find((i) => i.module === module && i.name === name);
    if (listed && found !== lowered_text(listed)) {
      throw mismatch(`import ${key}`, found, lowered_text(listed), `${SECTION_NAME} ${signature_text(listed)}`);
    }
  }
  for (const entry of iface.exports) {
    const found = core.exports.get(entry.name);
    if (found !== undefined && found !== lowered_text(entry)) {
      throw mismatch(`export ${entry.name}`, found, lowered_text(entry), `${SECTION_NAME} ${signature_text(entry)}`);
    }
  }
  const init = core.exports.get('_it_init');
  if (init !== undefined && init !== '->') throw mismatch('export _it_init', init, '->', 'docs/abi.md');
}

// ---------------------------------------------------------------------------
// Sources: where an adapter and its core modules come from
// ---------------------------------------------------------------------------
//
// An adapter is a path (node:fs), a URL (fetched; a file: URL is a path in
// Node), its bytes, a Response, or a compiled WebAssembly.Module; instantiate
// also takes a promise of any of these (instantiate(fetch(url))). Core
// modules come from options.modules (path as in it.interface -> bytes,
// Response or WebAssembly.Module), else options.resolve(path, location),
// else beside the adapter: its directory, or its URL (fetched). Where there
// is no file system (a browser), a string is a URL relative to the page.

const UNNAMED = 'adapter'; // what messages call an adapter given without a path or URL

function is_url(value) {
  return typeof URL === 'function' && value instanceof URL;
}

// A fetch Response (or one from another realm or a polyfill: same shape).
function is_response(value) {
  return typeof value === 'object' && value !== null && typeof value.arrayBuffer === 'function' &&
    typeof value.ok === 'boolean' && typeof value.status === 'number';
}

function is_thenable(value) {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof value.then === 'function';
}

// The bytes of an ArrayBuffer, a SharedArrayBuffer or a view of one (a
// Uint8Array, a Buffer, a DataView...), as a Uint8Array; otherwise null.
function as_bytes(value) {
  if (ArrayBuffer.isView(value)) {
    return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  const tag = Object.prototype.toString.call(value);
  if (value instanceof ArrayBuffer || tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
    return new Uint8Array(value);
  }
  return null;
}

// A string source where there are no files (a browser, a worker): a URL,
// relative to the page's.
function page_url(text, what) {
  const base = typeof document === 'object' && document !== null && typeof document.baseURI === 'string' ? document.baseURI
    : typeof location === 'object' && location !== null && typeof location.href === 'string' ? location.href : undefined;
  try {
    return new URL(text, base);
  } catch {
    throw loader_error(TypeError, `${what}: ${JSON.stringify(text)} is not a URL, and there is no file system here to read it as a path`);
  }
}

// The last segment of a URL's path, decoded: what messages call the adapter.
function url_file_name(url) {
  const segment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment) || url.href;
  } catch {
    return segment || url.href;
  }
}

// An adapter source, sorted: { label, name, base } and one of `file` (a
// path), `url` (to fetch), `bytes`, `module` (compiled) or `response` (a
// Response or a promise: instantiate waits for it and sorts what it gives).
// `label` names the adapter in loading errors (the path as given, the URL),
// `name` in the component's own messages (its file name); `base` is where
// its core modules are: { dir } or { url }, or null (bytes, a module).
function adapter_source(source, what) {
  if (typeof source === 'string') return has_filesystem() ? file_source(source) : url_source(page_url(source, what));
  if (is_url(source)) {
    if (source.protocol === 'file:' && has_filesystem()) return file_source(node_builtin('node:url').fileURLToPath(source));
    return url_source(new URL(source.href));
  }
  const unnamed = { label: UNNAMED, name: UNNAMED, base: null };
  const bytes = as_bytes(source);
  if (bytes) return { ...unnamed, bytes };
  if (source instanceof WebAssembly.Module) return { ...unnamed, module: source };
  if (is_response(source) || is_thenable(source)) return { ...unnamed, response: source };
  throw loader_error(TypeError, `${what}: the adapter path must be a string or file URL, got ${describe(source)} ` +
    '(or give the adapter as a URL, its bytes as a Uint8Array or ArrayBuffer, a Response or a WebAssembly.Module)');
}

function file_source(file) {
  const path = node_path();
  return { label: file, name: path.basename(file), base: { dir: path.dirname(path.resolve(file)) }, file };
}

function url_source(url) {
  return { label: url.href, name: url_file_name(url), base: { url }, url };
}

// The body of `response` (or of fetching `url`), at most READ_FILE_MAX bytes
// as files are. Every error is fail(`${failing}: why`).
async function fetch_bytes(url, response, failing, fail) {
  const text = (error) => {
    const cause = error && error.cause && error.cause.message;
    return `${(error && error.message) || String(error)}${cause ? ` (${cause})` : ''}`;
  };
  if (!response) {
    if (typeof fetch !== 'function') throw fail(`${failing}: there is no fetch here to get it`);
    try {
      response = await fetch(url);
    } catch (error) {
      throw fail(`${failing}: ${text(error)}`);
    }
  }
  if (response.bodyUsed) throw fail(`${failing}: the Response's body has already been read`);
  if (!response.ok) throw fail(`${failing}: ${response.status} ${response.statusText || ''}`.trimEnd());
  const headers = response.headers;
  const length = headers && typeof headers.get === 'function' ? Number(headers.get('content-length')) : 0;
  if (length > READ_FILE_MAX) throw fail(`${failing}: ${TOO_LARGE}`);
  let bytes;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw fail(`${failing}: ${text(error)}`);
  }
  if (bytes.length > READ_FILE_MAX) throw fail(`${failing}: ${TOO_LARGE}`);
  return bytes;
}

function compile_error(file, error) {
  return loader_error(Error, `${file} is not a valid wasm module: ${error.message}`);
}

const adapter_failure = (message) => loader_error(Error, message);

// The adapter of `source`, read and compiled off the main thread, for
// instantiate: { info (adapter_source's), bytes (null for a module), module }.
async function load_adapter(source, what) {
  let info = adapter_source(source, what);
  if (info.response && is_thenable(info.response)) info = adapter_source(await info.response, what);
  let bytes = info.bytes || null;
  if (info.file !== undefined) {
    try {
      bytes = await read_file(info.file);
    } catch (error) {
      throw loader_error(Error, `cannot read adapter ${info.file}: ${file_error_text(error)}`);
    }
  } else if (info.url) {
    bytes = await fetch_bytes(info.url, null, `cannot fetch adapter ${info.label}`, adapter_failure);
  } else if (info.response) {
    // A Response knows its URL (after redirects), unless it was made by hand.
    if (info.response.url) info = { ...url_source(new URL(info.response.url)), response: info.response };
    const failing = info.response.url ? `cannot read adapter ${info.label}` : 'cannot read the adapter\'s Response';
    bytes = await fetch_bytes(null, info.response, failing, adapter_failure);
  }
  let module = info.module || null;
  if (!module) {
    try {
      module = await WebAssembly.compile(bytes);
    } catch (error) {
      throw compile_error(info.label, error);
    }
  }
  return { info, bytes, module };
}

// The same, synchronously (instantiateSync, readInterface): paths, bytes and
// modules; a URL or a Response would need waiting.
function load_adapter_sync(source, what) {
  const info = adapter_source(source, what);
  if (info.url || info.response) {
    throw loader_error(TypeError, `${what} cannot fetch ${info.url ? info.label : 'a Response or a promise'}: ` +
      (what === 'readInterface' ? 'fetch it, and give its bytes' : 'use instantiate, or give the adapter\'s bytes'));
  }
  let bytes = info.bytes || null;
  if (info.file !== undefined) {
    try {
      bytes = read_file_sync(info.file);
    } catch (error) {
      throw loader_error(Error, `cannot read adapter ${info.file}: ${file_error_text(error)}`);
    }
  }
  let module = info.module || null;
  if (!module) {
    try {
      module = new WebAssembly.Module(bytes);
    } catch (error) {
      throw compile_error(info.label, error);
    }
  }
  return { info, bytes, module };
}

// options.modules and options.resolve, checked: { modules (an object or a
// Map, or null), resolve (or null) }. Every value of options.modules is
// checked now, whichever core modules the adapter names (one map may serve
// several adapters; keys it does not name are ignored).
function core_options(options, what, sync) {
  if (options === undefined || options === null) return { modules: null, resolve: null };
  const modules = options.modules === undefined || options.modules === null ? null : options.modules;
  if (modules !== null) {
    if (typeof modules !== 'object') {
      throw loader_error(TypeError, `${what}: options.modules must be an object or a Map from core module paths ` +
        `to their bytes or WebAssembly.Module, got ${describe(modules)}`);
    }
    const entries = modules instanceof Map ? [...modules] : Object.keys(modules).map((key) => [key, modules[key]]);
    for (const [key, value] of entries) core_value(value, `${what}: options.modules[${JSON.stringify(key)}]`, sync);
  }
  const resolve = options.resolve === undefined || options.resolve === null ? null : options.resolve;
  if (resolve !== null && typeof resolve !== 'function') {
    throw loader_error(TypeError, `${what}: options.resolve must be a function (path, location) returning ` +
      `a core module's bytes, got ${describe(resolve)}`);
  }
  return { modules, resolve };
}

// A core module given by the host, sorted: { bytes } | { module } | {
// response } (not for instantiateSync). Anything else is a TypeError:
// `subject` must be...
function core_value(value, subject, sync) {
  const bytes = as_bytes(value);
  if (bytes) return { bytes };
  if (value instanceof WebAssembly.Module) return { module: value };
  if (is_response(value) && !sync) return { response: value };
  const kinds = sync ? 'a Uint8Array, an ArrayBuffer or a WebAssembly.Module' : 'a Uint8Array, an ArrayBuffer, a Response or a WebAssembly.Module';
  throw loader_error(TypeError, `${subject} must be ${kinds}, got ${is_response(value) ? 'a Response, which instantiateSync ' +
    'cannot wait for (use instantiate)' : describe(value)}`);
}

// What the host gives for core module `path` (core_value's form, or from
// instantiate a promise of it), or undefined: load it from beside the
// adapter. `location` is where that is (a path or URL, or undefined), for
// options.resolve.
function given_core(context, path, location, sync) {
  const { what, cores: { modules, resolve } } = context;
  if (modules && (modules instanceof Map ? modules.has(path) : Object.hasOwn(modules, path))) {
    return core_value(modules instanceof Map ? modules.get(path) : modules[path],
      `${what}: options.modules[${JSON.stringify(path)}]`, sync);
  }
  if (!resolve) return undefined;
  const subject = `${what}: the result of options.resolve(${JSON.stringify(path)})`;
  const sort = (value) => (value === undefined || value === null ? undefined : core_value(value, subject, sync));
  const value = resolve(path, location);
  if (!is_thenable(value)) return sort(value);
  if (sync) {
    Promise.resolve(value).catch(() => {}); // never waited for: its failure is not unhandled
    throw loader_error(TypeError, `${subject} is a promise, which instantiateSync cannot wait for: ` +
      'return the bytes or a WebAssembly.Module, or use instantiate');
  }
  return Promise.resolve(value).then(sort);
}

// Where core module `path` is beside the adapter: { label, file } or
// { label, url }, or null (the adapter has no location). A path is taken
// literally in a URL: '%', '?', '#' and '\' are escaped.
function core_location(base, path) {
  if (!base) return null;
  if (base.dir !== undefined) {
    const file = node_path().resolve(base.dir, path);
    return { label: file, file };
  }
  let url;
  try {
    url = new URL(path.replace(/[%?#\\]/g, encodeURIComponent), base.url);
  } catch {
    throw trap(`load_wasm: core module path '${path}' does not resolve against ${base.url.href}`);
  }
  return { label: url.href, url };
}

function no_location(path) {
  return trap(`load_wasm: core module ${path} has no location (the adapter was given without a path or URL): ` +
    'give it in options.modules or options.resolve');
}

// Compiles core module `index` (path `path`) ahead, in parallel with the
// others (instantiate), into context.prepared[index]: { module, label }, or
// { error } for load_wasm to throw when _it_init asks for the module. A file
// that cannot be read or compiled is left to load_wasm (its location is
// kept), which reads it again synchronously and reports it as
// instantiateSync does.
async function prefetch_core(context, path, index) {
  const what = 'load_wasm';
  try {
    const location = core_location(context.base, path);
    let given = given_core(context, path, location ? location.label : undefined, false);
    if (is_thenable(given)) given = await given;
    let bytes, label;
    if (given) {
      label = path;
      if (given.module) {
        context.prepared[index] = { module: given.module, label };
        return;
      }
      if (given.response) label = given.response.url || path;
      bytes = given.bytes || await fetch_bytes(null, given.response, `${what}: cannot read core module ${label}`, trap);
    } else if (!location) {
      throw no_location(path);
    } else if (location.file) {
      label = location.file;
      try {
        bytes = await read_file(location.file);
      } catch {
        context.prepared[index] = location;
        return;
      }
    } else {
      label = location.label;
      bytes = await fetch_bytes(location.url, null, `${what}: cannot fetch core module ${label}`, trap);
    }
    let module;
    try {
      module = await WebAssembly.compile(bytes);
    } catch (error) {
      if (location && location.file && !given) {
        context.prepared[index] = location;
        return;
      }
      throw trap(`${what}: ${label} is not a valid wasm module: ${error.message}`);
    }
    context.prepared[index] = { module, label };
  } catch (error) {
    context.prepared[index] = { error };
  }
}

// Core module `index` (path `path`) for load_wasm: { module, label }, where
// label names it in messages. Compiled ahead by instantiate, or now: given
// by the host, or read from beside the adapter.
function core_module(context, index, path) {
  const what = 'load_wasm';
  const ready = context.prepared[index];
  if (ready && ready.error) throw ready.error;
  if (ready && ready.module) return ready;
  let location = ready && ready.file ? ready : null; // instantiate could not read or compile it
  if (!location) {
    location = core_location(context.base, path);
    const given = given_core(context, path, location ? location.label : undefined, true);
    if (given) {
      if (given.module) return { module: given.module, label: path };
      try {
        return { module: new WebAssembly.Module(given.bytes), label: path };
      } catch (error) {
        throw trap(`${what}: ${path} is not a valid wasm module: ${error.message}`);
      }
    }
  }
  if (!location) throw no_location(path);
  if (!location.file) {
    throw trap(`${what}: core module ${location.label} must be fetched, which instantiateSync cannot do: ` +
      'use instantiate, or give its bytes in options.modules');
  }
  const core_file = location.file;
  let bytes;
  try {
    bytes = read_file_sync(core_file);
  } catch (error) {
    throw trap(`${what}: cannot read core module ${core_file}: ${file_error_text(error)}`);
  }
  try {
    return { module: new WebAssembly.Module(bytes), label: core_file };
  } catch (error) {
    throw trap(`${what}: ${core_file} is not a valid wasm module: ${error.message}`);
  }
}

// ---------------------------------------------------------------------------
// Instantiation
// ---------------------------------------------------------------------------

// Names come from untrusted adapters and core modules: they never key a plain
// object. Import objects the loader builds are null-prototype objects whose
// properties are defined, never assigned (an import "__proto__" "toString"
// must not write onto Object.prototype), and the user's objects are read by
// provided() below.
function define_import(import_object, module, name, value) {
  let namespace = import_object[module]; // null-prototype: own properties only
  if (!namespace) {
    namespace = Object.create(null);
    Object.defineProperty(import_object, module, { value: namespace, enumerable: true });
  }
  Object.defineProperty(namespace, name, { value, enumerable: true });
}

// What the user's `object` provides under `key`: its own properties and
// those of its classes (a host object's methods), never what every object or
// function inherits (Object.prototype's constructor, toString, __proto__,
// Function.prototype's call...): an import of those is not provided.
function provided(object, key) {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return undefined;
  for (let o = object; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor) return descriptor.get ? descriptor.get.call(object) : descriptor.value;
  }
  return undefined;
}

// The adapter import for ITL import `wanted` (from it.interface) of component
// `component`, taken from the user's `imports` object.
function resolve_import(component, wanted, imports) {
  const label = `${component} imports ${wanted.module}.${wanted.name}`;
  const namespace = provided(imports, wanted.module);
  if (namespace === undefined || namespace === null) throw loader_error(Error, `${label}, which was not provided`);
  const provider = namespace[COMPONENT];
  if (provider) {
    // An adapted instance: its raw export goes straight through.
    const sig = provider.signatures.get(wanted.name);
    if (!sig) {
      throw loader_error(Error, `${label}, but component ${provider.component} (given as '${wanted.module}') ` +
        `has no export ${wanted.name}`);
    }
    if (!same_signature(sig, wanted)) {
      throw loader_error(Error, `${label} as ${signature_text(wanted)}, but component ${provider.component} ` +
        `exports ${wanted.name} as ${signature_text(sig)}`);
    }
    return provider.raw.get(wanted.name);
  }
  const value = provided(namespace, wanted.name);
  if (value === undefined) throw loader_error(Error, `${label}, which was not provided`);
  if (typeof value !== 'function') {
    throw loader_error(TypeError, `${label}: the value provided must be a function, got ${describe(value)}`);
  }
  const exported = value[RAW_EXPORT];
  if (exported) {
    // One export of another adapted instance, given on its own.
    if (!same_signature(exported.sig, wanted)) {
      throw loader_error(Error, `${label} as ${signature_text(wanted)}, but the function given is ` +
        `${exported.label} ${signature_text(exported.sig)}`);
    }
    return exported.raw;
  }
  return make_host_wrapper(`${component} import ${wanted.module}.${wanted.name}`, value, wanted);
}

// Everything before instantiation: parse the section, check the adapter's
// imports against it and build the import object. `info` is the adapter's
// source (adapter_source); `bytes` its bytes, or null for a compiled module
// (whose core signatures then go unchecked: the JS API does not show them).
function prepare(module, bytes, info, imports, options, what) {
  if (imports === undefined || imports === null) imports = {};
  if (typeof imports !== 'object') throw loader_error(TypeError, `${what}: imports must be an object, got ${describe(imports)}`);
  const iface = read_interface(module, info.label);
  if (bytes) check_core_signatures(bytes, iface, info.name);
  const context = {
    file: info.name,
    base: info.base,             // where core modules are: { dir } or { url }, or null
    what,
    iface,
    prepared: [],
    adapter: { memory: null, table: null, exports: null },
    wasi: wasi_options(options, what),
    cores: core_options(options, what, what !== 'instantiate'),
  };
  const runtime = make_runtime(context);
  const import_object = Object.create(null);
  for (const wanted of WebAssembly.Module.imports(module)) {
    if (wanted.module === RUNTIME_MODULE) {
      if (wanted.kind !== 'function' || !Object.hasOwn(runtime, wanted.name)) {
        throw loader_error(Error, `${context.file} imports ${RUNTIME_MODULE}.${wanted.name} (a ${wanted.kind}), ` +
          `which this loader does not provide (ABI version ${SUPPORTED_VERSIONS.join(', ')})`);
      }
      define_import(import_object, RUNTIME_MODULE, wanted.name, runtime[wanted.name]);
      continue;
    }
    const listed = iface.imports.find((i) => i.module === wanted.module && i.name === wanted.name);
    if (!listed || wanted.kind !== 'function') {
      throw loader_error(Error, `${context.file} imports ${wanted.module}.${wanted.name} (a ${wanted.kind}), ` +
        `which its ${SECTION_NAME} section does not list`);
    }
  }
  for (const wanted of iface.imports) {
    define_import(import_object, wanted.module, wanted.name, resolve_import(iface.component, wanted, imports));
  }
  return { context, import_object };
}

// Everything after instantiation: run _it_init and build the returned object.
function finish(instance, context) {
  const { file, iface } = context;
  const exports = instance.exports;
  context.adapter.exports = exports;
  context.adapter.memory = exports._it_memory instanceof WebAssembly.Memory ? exports._it_memory : null;
  context.adapter.table = exports._it_table instanceof WebAssembly.Table ? exports._it_table : null;
  context.adapter.refs = exports._it_refs instanceof WebAssembly.Table ? exports._it_refs : null;
  if (typeof exports._it_init !== 'function') throw loader_error(Error, `${file} has no _it_init function export`);
  const raw = new Map();
  const signatures = new Map();
  for (const entry of iface.exports) {
    if (typeof exports[entry.name] !== 'function') {
      throw loader_error(Error, `${file}: ${SECTION_NAME} lists export ${entry.name}, which is not a function export of the adapter`);
    }
    raw.set(entry.name, exports[entry.name]);
    signatures.set(entry.name, { params: entry.params, results: entry.results });
  }
  try {
    exports._it_init();
  } catch (error) {
    throw annotate(error, `${iface.component}: _it_init`);
  }
  const result = Object.create(null);
  for (const entry of iface.exports) {
    Object.defineProperty(result, entry.name, {
      value: make_export_wrapper(`${iface.component}.${entry.name}`, raw.get(entry.name), entry),
      enumerable: true,
    });
  }
  Object.defineProperty(result, COMPONENT, {
    value: Object.freeze({ component: iface.component, raw, signatures }),
  });
  return Object.freeze(result);
}

// instantiate(source, imports, options) -> Promise of the component's exports.
// `source` is the adapter: a path or URL (core modules resolve against its
// directory or URL), its bytes, a Response, a WebAssembly.Module, or a
// promise of one of these. `imports` maps each ITL import namespace to
// another adapted instance or to an object of host functions.
// `options.wasi` ({ args, env, preopens: { GUEST: HOST }, stdio }, all
// optional: by default no arguments, no variables, no directories) is the
// WASI the core modules get; `options.modules` ({ PATH: bytes } or a Map)
// and `options.resolve(path, location)` give core modules before the files
// or URLs beside the adapter are read.
async function instantiate(source, imports, options) {
  const what = 'instantiate';
  const { info, bytes, module } = await load_adapter(source, what);
  const { context, import_object } = prepare(module, bytes, info, imports, options, what);
  // Compile the core modules ahead, in parallel; load_wasm reports any failure
  // itself (with the path) when _it_init asks for the module.
  await Promise.all(context.iface.modules.map((desc, index) => prefetch_core(context, desc.path, index)));
  const instance = await WebAssembly.instantiate(module, import_object);
  return finish(instance, context);
}

// instantiateSync(source, imports, options): the same, synchronously (blocks
// on file reads and compilation; fine for tools and tests, and for small
// modules). Nothing is fetched: a path, bytes or a WebAssembly.Module, and
// core modules from files or options.modules / options.resolve.
function instantiateSync(source, imports, options) {
  const what = 'instantiateSync';
  const { info, bytes, module } = load_adapter_sync(source, what);
  const { context, import_object } = prepare(module, bytes, info, imports, options, what);
  return finish(new WebAssembly.Instance(module, import_object), context);
}

// The parsed it.interface section of the adapter at `source` (a path, file
// URL, bytes or WebAssembly.Module), for tools: { version, component, types,
// exports, imports, modules }; each export and import has params and results
// as type names, and paramTypes and resultTypes as the type descriptors:
// { kind, name, members, ... }.
function readInterface(source) {
  const { info, module } = load_adapter_sync(source, 'readInterface');
  const iface = read_interface(module, info.label);
  const names = (sig) => ({ params: sig.params.map((t) => t.name), results: sig.results.map((t) => t.name),
    paramTypes: sig.params, resultTypes: sig.results });
  return {
    ...iface,
    exports: iface.exports.map((e) => ({ name: e.name, ...names(e) })),
    imports: iface.imports.map((i) => ({ module: i.module, name: i.name, ...names(i) })),
  };
}

// The API. In CommonJS it is module.exports; evaluated as an ES module (a
// browser, or a "type": "module" folder) this file has no `module`, and
// leaves the API under a global symbol for it_loader.mjs, which imports this
// file and takes it from there.
const API = { instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS };
if (typeof module === 'object' && module !== null && typeof module.exports === 'object') {
  module.exports = API;
} else {
  Object.defineProperty(globalThis, Symbol.for('it_loader.api'), { value: API, configurable: true });
}
