// wasi_run.js: runs a WASI command module on node with the same minimal, deterministic WASI preview1 shim as wasi_run.c, and prints exactly what it prints.
//
//   node wasi_run.js MODULE.wasm [--invoke NAME]
//
// Plain WebAssembly, not node:wasi, so that both drivers implement the same
// small shim (see wasi_run.c for what it provides and prints). The real WASI
// implementation (issue 9) will replace the C side; this one stays the
// reference for the tests.
'use strict';
const fs = require('fs');
const { trapKind } = require('../../runtime/fuzz/diff/trap_kinds.js');

const WASI_SUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21, WASI_EINVAL = 28, WASI_ESPIPE = 70;
const WASI_FILETYPE_CHARACTER_DEVICE = 2, WASI_RIGHT_FD_READ = 1n << 1n, WASI_RIGHT_FD_WRITE = 1n << 6n;
const WASI_FIXED_TIME = 1700000000000000000n; // 2023-11-14T22:13:20Z in nanoseconds
const programName = Buffer.from('prog\0');

const args = process.argv.slice(2);
let invoke = null;
if (args.length === 3 && args[1] === '--invoke') invoke = args[2];
else if (args.length !== 1 || args[0].startsWith('-')) {
  process.stderr.write('usage: node wasi_run.js MODULE.wasm [--invoke NAME]\n');
  process.exit(2);
}
const modulePath = args[0];
function fail(what) {
  process.stderr.write(`wasi_run.js: ${modulePath}: error: ${what}\n`);
  process.exit(1);
}

// Output: fd 1 bytes are collected and written once at the end.
const output = [];
let atLineStart = true;
function finish(line) {
  if (!atLineStart) output.push(Buffer.from('\n'));
  output.push(Buffer.from(line + '\n'));
  fs.writeSync(1, Buffer.concat(output));
  process.exit(0);
}

class ProcExit { constructor(code) { this.code = code; } }
class UnsupportedImport extends Error {}

let memory = null; // the instance's exported memory, once instantiated
let randomState = 0x12345678;

// A view of guest bytes [address, address + length), or null if outside.
function guestBytes(address, length) {
  address >>>= 0;
  if (!memory || address + length > memory.buffer.byteLength) return null;
  return new Uint8Array(memory.buffer, address, length);
}
function storeU32(address, value) {
  const b = guestBytes(address, 4);
  if (b) new DataView(b.buffer, b.byteOffset, 4).setUint32(0, value >>> 0, true);
  return b !== null;
}
function storeU64(address, value) {
  const b = guestBytes(address, 8);
  if (b) new DataView(b.buffer, b.byteOffset, 8).setBigUint64(0, value, true);
  return b !== null;
}
const isStdio = (fd) => fd >= 0 && fd <= 2;

// The shim's functions; each returns the WASI errno except proc_exit.
const wasi = {
  fd_write(fd, iovs, count, nwritten) {
    if (fd !== 1 && fd !== 2) return WASI_EBADF;
    count >>>= 0;
    const vectors = guestBytes(iovs, count * 8);
    if (!vectors) return WASI_EFAULT;
    const view = new DataView(vectors.buffer, vectors.byteOffset, vectors.length);
    const chunks = [];
    for (let i = 0; i < count; i++) {
      const bytes = guestBytes(view.getUint32(8 * i, true), view.getUint32(8 * i + 4, true));
      if (!bytes) return WASI_EFAULT;
      chunks.push(Buffer.from(bytes));
    }
    let total = 0;
    for (const chunk of chunks) {
      if (chunk.length === 0) continue;
      if (fd === 1) {
        output.push(chunk);
        atLineStart = chunk[chunk.length - 1] === 0x0a;
      } else {
        fs.writeSync(2, chunk);
      }
      total += chunk.length;
    }
    return storeU32(nwritten, total) ? WASI_SUCCESS : WASI_EFAULT;
  },
  fd_read(fd, iovs, count, nread) {
    if (fd !== 0) return WASI_EBADF;
    return storeU32(nread, 0) ? WASI_SUCCESS : WASI_EFAULT;
  },
  fd_close: (fd) => (isStdio(fd) ? WASI_SUCCESS : WASI_EBADF),
  fd_seek: (fd) => (isStdio(fd) ? WASI_ESPIPE : WASI_EBADF),
  fd_tell: (fd) => (isStdio(fd) ? WASI_ESPIPE : WASI_EBADF),
  fd_fdstat_get(fd, stat) {
    if (!isStdio(fd)) return WASI_EBADF;
    const b = guestBytes(stat, 24);
    if (!b) return WASI_EFAULT;
    b.fill(0);
    b[0] = WASI_FILETYPE_CHARACTER_DEVICE;
    new DataView(b.buffer, b.byteOffset, 24).setBigUint64(8, fd === 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE, true);
    return WASI_SUCCESS;
  },
  fd_prestat_get: () => WASI_EBADF,
  fd_prestat_dir_name: () => WASI_EBADF,
  args_sizes_get: (argc, size) => (storeU32(argc, 1) && storeU32(size, programName.length) ? WASI_SUCCESS : WASI_EFAULT),
  args_get(argv, buffer) {
    const b = guestBytes(buffer, programName.length);
    if (!b || !storeU32(argv, buffer)) return WASI_EFAULT;
    b.set(programName);
    return WASI_SUCCESS;
  },
  environ_sizes_get: (count, size) => (storeU32(count, 0) && storeU32(size, 0) ? WASI_SUCCESS : WASI_EFAULT),
  environ_get: () => WASI_SUCCESS,
  clock_time_get(id, precision, time) {
    if ((id >>> 0) > 3) return WASI_EINVAL;
    return storeU64(time, WASI_FIXED_TIME) ? WASI_SUCCESS : WASI_EFAULT;
  },
  random_get(buffer, length) {
    const b = guestBytes(buffer, length >>> 0);
    if (!b) return WASI_EFAULT;
    for (let i = 0; i < b.length; i++) {
      randomState = (Math.imul(randomState, 1103515245) + 12345) >>> 0;
      b[i] = randomState >>> 24;
    }
    return WASI_SUCCESS;
  },
  proc_exit(code) { throw new ProcExit(code >>> 0); },
};

let bytes, wasmModule;
try { bytes = fs.readFileSync(modulePath); } catch (e) { fail('cannot read: ' + e.message); }
try { wasmModule = new WebAssembly.Module(bytes); } catch (e) { fail(e.message); }

const imports = {};
for (const imp of WebAssembly.Module.imports(wasmModule)) {
  if (imp.kind !== 'function') continue; // instantiation reports it
  const name = imp.module + '.' + imp.name;
  imports[imp.module] = imports[imp.module] || {};
  imports[imp.module][imp.name] = imp.module === 'wasi_snapshot_preview1' && Object.hasOwn(wasi, imp.name)
    ? wasi[imp.name]
    : () => {
      process.stderr.write(`wasi_run.js: unsupported import ${name} called\n`);
      throw new UnsupportedImport(`unsupported import ${name} called`);
    };
}

// Ends the output for a thrown value: proc_exit, a host trap or a wasm trap.
function finishThrown(e) {
  if (e instanceof ProcExit) finish('exit ' + e.code);
  if (e instanceof UnsupportedImport) finish('trap host');
  process.stderr.write(`wasi_run.js: trap: ${e && e.message}\n`);
  finish('trap ' + trapKind(e));
}

let instance;
try {
  instance = new WebAssembly.Instance(wasmModule, imports);
} catch (e) {
  if (e instanceof WebAssembly.LinkError || e instanceof TypeError) fail('cannot instantiate: ' + e.message);
  finishThrown(e);
}
memory = instance.exports.memory instanceof WebAssembly.Memory ? instance.exports.memory : null;

function exported(name, results) {
  const f = instance.exports[name];
  if (typeof f !== 'function') fail('no exported function named ' + name);
  // JS cannot see a function's type; the arity is the parameter count.
  if (f.length !== 0) fail(`export must take no parameters and return ${results ? 'i32' : 'nothing'}: ${name}`);
  return f;
}

try {
  if (invoke !== null && typeof instance.exports._initialize === 'function') exported('_initialize', 0)();
  if (invoke === null) {
    exported('_start', 0)();
    finish('exit 0');
  } else {
    const result = exported(invoke, 1)();
    if (typeof result !== 'number') fail('export must take no parameters and return i32: ' + invoke);
    finish('result ' + result);
  }
} catch (e) {
  finishThrown(e);
}
