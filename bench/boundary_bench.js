// boundary_bench.js: the cost of one call from JS into an adapted export (it_loader.js), against a plain WebAssembly export call.
//   node bench/boundary_bench.js EXAMPLES_DIR CALLS RUNS [CASE]
//
// The Node twin of boundary_bench.c, with the same cases and output line
// (ns per call: median over RUNS rounds of CALLS calls, after one untimed
// round; CPU time of the process, process.cpuUsage):
//
//   core_isFizz=<ns> host_call=<ns> isFizz=<ns> fizzStr=<ns>
//   utf8Length_1k=<ns> countCodePoints_1k=<ns> ... spread=<worst (max-min)/median>
//
// core_isFizz is fizz.wasm's own isFizz export instantiated with
// WebAssembly.Instance and called from JS: V8's plain call, the reference.
// host_call is the other way: a wasm loop calling an imported JS function
// (x) => x, CALLS times in one call from JS, per call (the same module as
// boundary_bench.c's). boundary_bench.c's host_call_raw has no Node twin.
// The utf8_* rows time node's own UTF-8 check, buffer.isUtf8 (simdutf), on
// boundary_bench.c's texts; its utf8_scalar_* rows have no Node twin.
'use strict';
const { isUtf8 } = require('node:buffer');
const fs = require('node:fs');
const path = require('node:path');
const loader = require('../loader/js/it_loader.js');

const [dir, callsText, runsText, only] = process.argv.slice(2);
const calls = Number(callsText), runs = Number(runsText);
if (!dir || !(calls >= 1) || !(runs >= 1)) {
  console.error('usage: node bench/boundary_bench.js EXAMPLES_DIR CALLS RUNS [CASE]');
  process.exit(2);
}

// 1 KiB of mixed UTF-8, as in boundary_bench.c: "abcé" (5 bytes) repeated, then x's.
const text = 'abcé'.repeat(204) + 'xxxx';
if (Buffer.byteLength(text) !== 1024) throw new Error('the string must be 1024 bytes of UTF-8');

// The utf8_* rows' texts, as boundary_bench.c's: a's, and UTF8_MIXED repeated whole, then x's.
const UTF8_MIXED = Buffer.from('Grüße, мир! 世界 😀 ');
if (UTF8_MIXED.length !== 29) throw new Error('UTF8_MIXED must be 29 bytes, as in boundary_bench.c');
function mixedText(size) {
  const text = Buffer.alloc(size, 'x');
  for (let i = 0; i + UTF8_MIXED.length <= size; i += UTF8_MIXED.length) UTF8_MIXED.copy(text, i);
  return text;
}
const UTF8_SIZES = { '1k': 1024, '64k': 65536, '1M': 1 << 20 };
const UTF8_DIVISORS = { '1k': 100, '64k': 6400, '1M': 100000 };

// boundary_bench.c's HOST_LOOP_WASM: "loop"(n) calls host.nop(i) for i < n.
const HOST_LOOP_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60,
  0x01, 0x7f, 0x01, 0x7f, 0x02, 0x0c, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74,
  0x03, 0x6e, 0x6f, 0x70, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x08,
  0x01, 0x04, 0x6c, 0x6f, 0x6f, 0x70, 0x00, 0x01, 0x0a, 0x20, 0x01, 0x1e,
  0x01, 0x02, 0x7f, 0x03, 0x40, 0x20, 0x02, 0x20, 0x01, 0x10, 0x00, 0x6a,
  0x21, 0x02, 0x20, 0x01, 0x41, 0x01, 0x6a, 0x22, 0x01, 0x20, 0x00, 0x49,
  0x0d, 0x00, 0x0b, 0x20, 0x02, 0x0b]);

function cpuNs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1000;
}

function main() {
  const core = new WebAssembly.Instance(
    new WebAssembly.Module(fs.readFileSync(path.join(dir, 'fizzbuzz', 'fizz.wasm'))), {}).exports;
  const hostLoop = new WebAssembly.Instance(new WebAssembly.Module(HOST_LOOP_WASM),
                                            { host: { nop: (x) => x } }).exports.loop;
  const fizz = loader.instantiateSync(path.join(dir, 'fizzbuzz', 'it_fizz.wasm'), {});
  const strings = loader.instantiateSync(path.join(dir, 'strings', 'it_strings.wasm'), {});
  const rich = loader.instantiateSync(path.join(dir, '..', 'bench', 'rich', 'it_rich.wasm'), {});
  const list = Uint32Array.from({ length: 1000000 }, (_, i) => i);
  const record = { a: 1, b: 2, c: 2.5, d: 7 };
  // One function per case, running a round of `count` calls; each returns a
  // value derived from every result so nothing is optimised away.
  const cases = {
    core_isFizz: (count) => { let sink = 0; for (let i = 0; i < count; i++) sink += core.isFizz(i); return sink; },
    host_call: (count) => hostLoop(count),
    isFizz: (count) => { let sink = 0; for (let i = 0; i < count; i++) sink += fizz.isFizz(i) ? 1 : 0; return sink; },
    fizzStr: (count) => { let sink = 0; for (let i = 0; i < count; i++) sink += fizz.fizzStr().length; return sink; },
    utf8Length_1k: (count) => { let sink = 0; for (let i = 0; i < count; i++) sink += strings.utf8Length(text); return sink; },
    countCodePoints_1k: (count) => {
      let sink = 0;
      for (let i = 0; i < count; i++) sink += strings.countCodePoints(text);
      return sink;
    },
    // boundary_bench.c's rich rows: one echoList call per 100,000 of `count`
    echoList_1M: (count) => {
      let sink = 0;
      for (let i = 0; i < count; i++) { const back = rich.echoList(list); sink += back.length + back[back.length - 1]; }
      return sink;
    },
    echoRecord: (count) => { let sink = 0; for (let i = 0; i < count; i++) sink += rich.echoRecord(record).a; return sink; },
    echoOption: (count) => {
      let sink = 0;
      for (let i = 0; i < count; i++) sink += rich.echoOption('sixteen bytes!!!').length;
      return sink;
    },
  };
  const divisors = { echoList_1M: 100000 };
  for (const [name, size] of Object.entries(UTF8_SIZES)) {
    for (const [kind, text] of [['ascii', Buffer.alloc(size, 'a')], ['mixed', mixedText(size)]]) {
      const key = `utf8_${kind}_${name}`;
      cases[key] = (count) => {
        let sink = 0;
        for (let i = 0; i < count; i++) {
          if (!isUtf8(text)) throw new Error(`${key}: the text is not valid UTF-8`);
          sink++;
        }
        return sink;
      };
      divisors[key] = UTF8_DIVISORS[name];
    }
  }
  const fields = [];
  let sink = 0, worstSpread = 0;
  for (const [key, round] of Object.entries(cases)) {
    if (only && key !== only) continue;
    const times = [];
    const count = Math.max(1, Math.floor(calls / (divisors[key] || 1)));
    for (let r = -1; r < runs; r++) {
      const start = cpuNs();
      sink += round(count);
      if (r >= 0) times.push((cpuNs() - start) / count);
    }
    times.sort((a, b) => a - b);
    const median = times.length % 2 ? times[(times.length - 1) / 2]
      : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    if (median > 0) worstSpread = Math.max(worstSpread, (times[times.length - 1] - times[0]) / median);
    fields.push(`${key}=${median.toFixed(1)}`);
  }
  console.log(`${fields.join(' ')} spread=${worstSpread.toFixed(2)} sink=${sink}`);
}

try {
  main();
} catch (error) {
  console.log(`error=${error.message}`);
  process.exitCode = 1;
}
