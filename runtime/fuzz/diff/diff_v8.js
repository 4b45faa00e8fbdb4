// diff_v8.js: runs a binaryen `wasm-opt -ttf` module on V8 (node) and prints what diff_wrt prints.
'use strict';
const fs = require('fs');
const { trapKind } = require('./trap_kinds.js');
const out = [];
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const hex = (v, n) => v.toString(16).padStart(n, '0');

function fmt(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + hex(v >>> 0, 8);
    case 'i64': return 'i64:' + hex(BigInt.asUintN(64, v), 16);
    case 'f32': if (Number.isNaN(v)) return 'f32:nan'; f32[0] = v; return 'f32:' + hex(u32[0], 8);
    case 'f64': if (Number.isNaN(v)) return 'f64:nan'; f64[0] = v; return 'f64:' + hex(u64[0], 16);
    case 'funcref': return 'funcref:' + (v === null ? 'null' : 'func');
    case 'externref': return 'externref:' + (v === null ? 'null' : 'ref');
  }
  return '?';
}

// Result and parameter types of each export, from the binary (JS cannot see them).
function funcTypes(bytes) {
  let p = 8;
  const u = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const vt = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref', 0x7b: 'v128' };
  const types = [], funcs = [], exports = {};
  while (p < bytes.length) {
    const id = bytes[p++], size = u(), end = p + size;
    if (id === 1) {
      for (let n = u(); n > 0; n--) {
        p++; const ps = []; for (let k = u(); k > 0; k--) ps.push(vt[bytes[p++]]);
        const rs = []; for (let k = u(); k > 0; k--) rs.push(vt[bytes[p++]]);
        types.push({ ps, rs });
      }
    } else if (id === 2) {
      for (let n = u(); n > 0; n--) {
        const ml = u(); p += ml; const nl = u(); p += nl; const kind = bytes[p++];
        if (kind === 0) funcs.push(types[u()]);
        else if (kind === 1) { p++; const fl = u(); u(); if (fl & 1) u(); }
        else if (kind === 2) { const fl = u(); u(); if (fl & 1) u(); }
        else p += 2;
      }
    } else if (id === 3) {
      for (let n = u(); n > 0; n--) funcs.push(types[u()]);
    } else if (id === 7) {
      for (let n = u(); n > 0; n--) {
        const nl = u(); const name = Buffer.from(bytes.subarray(p, p + nl)).toString(); p += nl;
        const kind = bytes[p++], idx = u();
        if (kind === 0) exports[name] = funcs[idx];
      }
    }
    p = end;
  }
  return exports;
}

const bytes = fs.readFileSync(process.argv[2]);
let mod;
try { mod = new WebAssembly.Module(bytes); } catch (e) { out.push('compile error'); finish(); }
const types = funcTypes(new Uint8Array(bytes));
const imports = {};
for (const imp of WebAssembly.Module.imports(mod)) {
  if (imp.kind !== 'function') { out.push('non-func import'); finish(); }
  imports[imp.module] = imports[imp.module] || {};
  const name = imp.name;
  if (name.startsWith('log-')) {
    const t = name.slice(4);
    imports[imp.module][name] = (v) => { out.push('log ' + name + ' ' + fmt(t, v)); };
  } else {
    imports[imp.module][name] = () => { out.push('import ' + name); throw new Error('unsupported import'); };
  }
}
let inst;
try { inst = new WebAssembly.Instance(mod, imports); }
catch (e) { out.push(e instanceof WebAssembly.LinkError ? 'instantiate error' : 'instantiate trap ' + trapKind(e)); finish(); }

const hang = inst.exports.hangLimitInitializer;
const zero = { i32: 0, i64: 0n, f32: 0, f64: 0, funcref: null, externref: null };
for (const name of Object.keys(inst.exports)) {
  const fn = inst.exports[name];
  if (typeof fn !== 'function' || name === 'hangLimitInitializer') continue;
  if (hang) { try { hang(); } catch (e) { } }
  out.push('call ' + name);
  const t = types[name];
  try {
    let r = fn(...t.ps.map((x) => zero[x]));
    if (t.rs.length === 1) r = [r];
    else if (t.rs.length === 0) r = [];
    out.push('ret' + t.rs.map((x, i) => ' ' + fmt(x, r[i])).join(''));
  } catch (e) {
    const k = trapKind(e);
    if (/host/.test(String(e && e.message)) || e.message === 'unsupported import') out.push(' trap host');
    else out.push(' trap ' + k);
    if (k === 'stack') { out.push('stop'); break; }
  }
}
finish();

function finish() {
  fs.writeSync(1, out.join('\n') + (out.length ? '\n' : ''));
  process.exit(0);
}
