// scale.js: compile time and memory on untrusted input must grow linearly. Generates each
// hostile shape at n, 2n, 4n and 8n, times the tool on it (median of 3 runs, wall clock) and
// prints the growth exponent (the slope of log time over log n; 1 is linear). Fails when any
// exponent is above 1.2.
//   node bench/scale.js BIN_DIR WORK_DIR [SHAPE...]
//   node bench/scale.js --emit SHAPE FILE       writes the shape at 8n
//   node bench/scale.js --list                  the shapes
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const [bin, work, ...only] = process.argv.slice(2);
if (!bin || (!work && bin !== '--list')) {
  console.error('usage: node bench/scale.js BIN_DIR WORK_DIR [SHAPE...]');
  process.exit(2);
}
if (bin !== '--emit' && bin !== '--list') fs.mkdirSync(work, { recursive: true });

// ---- a tiny wasm writer ----------------------------------------------------------------------

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}
const str = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const vec = (items) => [...leb(items.length), ...items.flat()];

// A module of `funcs` (each { params, results, locals: [[count, type]], body: byte array }),
// all exported as f0, f1, ...; types are not shared (one per function).
function module(funcs) {
  const types = funcs.map((f) => [0x60, ...vec(f.params || []), ...vec(f.results || [])]);
  const codes = funcs.map((f) => {
    const locals = vec((f.locals || []).map(([count, type]) => [...leb(count), type]));
    const body = [...locals, ...f.body, 0x0b];
    return [...leb(body.length), ...body];
  });
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => leb(i)))),
    ...section(7, vec(funcs.map((_, i) => [...str(`f${i}`), 0x00, ...leb(i)]))),
    ...section(10, vec(codes)),
  ]);
}

// An adapter (docs/abi.md) with n exports f0.. of IT type () -> () and an _it_init, no core
// modules: what the native loader reads, checks and links.
function adapter(n) {
  const names = Array.from({ length: n }, (_, i) => `f${i}`);
  const iface = [...leb(3), ...str('scale'), 0, ...vec(names.map((name) => [...str(name), 0, 0])), 0, 0];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0, 0]])),
    ...section(3, vec(Array.from({ length: n + 1 }, () => [0]))),
    ...section(7, vec([...names.map((name, i) => [...str(name), 0x00, ...leb(i)]), [...str('_it_init'), 0x00, ...leb(n)]])),
    ...section(10, vec(Array.from({ length: n + 1 }, () => [2, 0, 0x0b]))),
    ...section(0, [...str('it.interface'), ...iface]),
  ]);
}

const I32 = 0x7f;
const repeat = (bytes, n) => { const out = new Array(bytes.length * n); for (let i = 0; i < n; i++) for (let j = 0; j < bytes.length; j++) out[i * bytes.length + j] = bytes[j]; return out; };
const DEEP = 20000; // values left on the operand stack under the repeated part

// ---- shapes: name -> { base n, tool, make(n) -> file bytes } ----------------------------------

const wrun = { cmd: path.join(bin, 'wrun'), args: (file) => [file, '--validate'] };
const itrun = { cmd: path.join(bin, 'itrun'), args: (file) => [file, 'f0'] };
const itlc = { cmd: path.join(bin, 'itlc'), args: (file) => [file, '-o', path.join(work, 'out.wasm')] };
const itlc_rejects = { ...itlc, may_fail: true }; // the input is an error: the time to say so
const text = (s) => Buffer.from(s);
const shapes = {
  // the native loader: an adapter with n exports, loaded, checked, instantiated, one called
  'loader-exports': { n: 5000, tool: itrun, make: adapter },
  // itlc: n exports
  'itlc-exports': { n: 3000, tool: itlc, ext: '.itl', make: (n) => text(Array.from({ length: n }, (_, i) => `(export (func _ "e${i}" (param i32) (result i32) (local 0)))\n`).join('')) },
  // itlc: one function with n parameters (over wasm's 1000: refused)
  'itlc-params': { n: 4000, tool: itlc_rejects, ext: '.itl', make: (n) => text(`(export (func _ "f" (param ${'i32 '.repeat(n)}) (result i32) (local ${n - 1})))\n`) },
  // itlc: one long line (n escapes in a name, then more tokens on the same line)
  'itlc-long-line': { n: 20000, tool: itlc, ext: '.itl', make: (n) => text(`(export (func _ "${'\\41'.repeat(n)}" (param i32) (result i32) ${'(as i32 '.repeat(50)}(local 0)${')'.repeat(50)}))`) },
  // itlc: n helper functions of the same name pattern, each called once (labels, local names)
  'itlc-helpers': { n: 3000, tool: itlc, ext: '.itl', make: (n) => text(Array.from({ length: n }, (_, i) => `(func h${i} "" (param i32) (result i32) (local 0))\n(export (func _ "e${i}" (param i32) (result i32) (call h${i} (local 0))))\n`).join('')) },
  // n constants live at once, then dropped
  'jit-stack-consts': { n: 100000, tool: wrun, make: (n) => module([{ body: [...repeat([0x41, 0x01], n), ...repeat([0x1a], n)] }]) },
  // n values computed into registers (local.get; i32.eqz) live at once: register pressure
  'jit-stack-regs': { n: 50000, tool: wrun, make: (n) => module([{ params: [I32], body: [...repeat([0x20, 0x00, 0x45], n), ...repeat([0x1a], n)] }]) },
  // n local.get live at once, then n local.set of another local over them
  'jit-stack-locals': { n: 20000, tool: wrun, make: (n) => module([{ params: [I32], locals: [[1, I32]], body: [...repeat([0x20, 0x00], n), ...repeat([0x41, 0x02, 0x21, 0x01], n), ...repeat([0x1a], n)] }]) },
  // n empty blocks over a deep stack
  'jit-blocks': { n: 50000, tool: wrun, make: (n) => module([{ body: [...repeat([0x41, 0x01], DEEP), ...repeat([0x02, 0x40, 0x0b], n), ...repeat([0x1a], DEEP)] }]) },
  // n local.set over a deep stack
  'jit-sets': { n: 50000, tool: wrun, make: (n) => module([{ locals: [[1, I32]], body: [...repeat([0x41, 0x01], DEEP), ...repeat([0x41, 0x02, 0x21, 0x00], n), ...repeat([0x1a], DEEP)] }]) },
  // n calls over a deep stack
  'jit-calls': { n: 20000, tool: wrun, make: (n) => module([{ body: [...repeat([0x41, 0x01], DEEP), ...repeat([0x10, 0x00], n), ...repeat([0x1a], DEEP)] }]) },
  // n nested blocks, and a loop with a back edge inside the innermost
  'jit-nesting': { n: 20000, tool: wrun, make: (n) => module([{ body: [...repeat([0x02, 0x40], n), 0x03, 0x40, 0x0c, 0x00, 0x0b, ...repeat([0x0b], n)] }]) },
  // n loops inside n nested blocks, each with a back edge (prunes every open frame)
  'jit-loops-in-blocks': { n: 5000, tool: wrun, make: (n) => module([{ params: [I32], body: [...repeat([0x02, 0x40], n), ...repeat([0x03, 0x40, 0x20, 0x00, 0x0d, 0x00, 0x0b], n), ...repeat([0x0b], n)] }]) },
  // the same, where each back edge gives up a header cache (the loop calls, and never reads the
  // local cached at its header), so the caches recorded by every open frame are pruned
  'jit-prune': { n: 5000, tool: wrun, make: (n) => module([{ params: [I32], body: [...repeat([0x02, 0x40], n), ...repeat([0x20, 0x00, 0x45, 0x1a, 0x03, 0x40, 0x10, 0x01, 0x41, 0x00, 0x0d, 0x00, 0x0b], n), ...repeat([0x0b], n)] }, { body: [] }]) },
  // a br_table with n targets
  'jit-br-table': { n: 100000, tool: wrun, make: (n) => module([{ params: [I32], body: [0x02, 0x40, 0x20, 0x00, 0x0e, ...leb(n), ...repeat([0x00], n), 0x00, 0x0b] }]) },
  // n small functions
  'jit-functions': { n: 20000, tool: wrun, make: (n) => module(Array.from({ length: n }, () => ({ params: [I32], results: [I32], body: [0x20, 0x00, 0x41, 0x01, 0x6a] }))) },
};

// --emit SHAPE FILE: write the shape's largest input (8n) and stop; --list: the shapes' names.
// tests/hostile runs the tools on each with a timeout.
if (bin === '--list') {
  console.log(Object.keys(shapes).join('\n'));
  process.exit(0);
}
if (bin === '--emit') {
  if (!shapes[work] || !only[0]) {
    console.error(`usage: node bench/scale.js --emit SHAPE FILE (shapes: ${Object.keys(shapes).join(' ')})`);
    process.exit(2);
  }
  fs.writeFileSync(only[0], shapes[work].make(8 * shapes[work].n));
  process.exit(0);
}

// ---- measuring ----------------------------------------------------------------------------------

function time_run(tool, file) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(tool.cmd, tool.args(file), { encoding: 'utf8', timeout: 300000 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0 && !tool.may_fail) {
      throw new Error(`${tool.cmd} ${tool.args(file).join(' ')}: status ${result.status}: ${(result.stderr || '').slice(0, 300)}`);
    }
    times.push(seconds);
  }
  return times.sort((a, b) => a - b)[1];
}

// Least-squares slope of log(time) over log(n).
function exponent(points) {
  const xs = points.map((p) => Math.log(p.n)), ys = points.map((p) => Math.log(p.time));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0, den = 0;
  for (let i = 0; i < xs.length; i++) { num += (xs[i] - mx) * (ys[i] - my); den += (xs[i] - mx) ** 2; }
  return num / den;
}

let worst = 0, failed = [];
for (const [name, shape] of Object.entries(shapes)) {
  if (only.length && !only.includes(name)) continue;
  const points = [];
  for (const factor of [1, 2, 4, 8]) {
    const n = shape.n * factor;
    const file = path.join(work, `${name}.${n}${shape.ext || '.wasm'}`);
    fs.writeFileSync(file, shape.make(n));
    points.push({ n, time: time_run(shape.tool, file) });
    fs.unlinkSync(file);
  }
  const k = exponent(points);
  worst = Math.max(worst, k);
  if (k > 1.2) failed.push(name);
  console.log(`${name.padEnd(22)} ${points.map((p) => `n=${p.n}: ${p.time.toFixed(3)} s`).join('  ')}  exponent ${k.toFixed(2)}${k > 1.2 ? '  TOO STEEP' : ''}`);
}
console.log(`scale: worst exponent ${worst.toFixed(2)} (limit 1.2)${failed.length ? `; too steep: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
