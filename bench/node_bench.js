// node_bench.js: times run(n) of one kernel's .wasm in this node (run it with and without --liftoff --no-wasm-tier-up).
'use strict';

// node [v8 flags] bench/node_bench.js FILE.wasm N RUNS WARMUP
// node [v8 flags] bench/node_bench.js --compile-only FILE.wasm RUNS
//
// Compiles the module (timed: compile_ms), instantiates it without imports,
// calls run(N) WARMUP times untimed, then RUNS times timed, and prints the
// line bench/run.js reads:
//
//   checksum=<i64> median_ms=<ms> runs_ms=<ms>,... cpu_median_ms=<ms>
//   cpu_runs_ms=<ms>,... compile_ms=<ms> code_bytes=<n>
//
// CPU time is the whole process's (node 20 has no per-thread clock); V8's
// helper threads are idle while wasm code runs, after the warm-up.
//
// The warm-up matters for default node: its first call runs in Liftoff
// while TurboFan compiles in the background (V8 has no on-stack replacement
// for wasm), the next calls run TurboFan code. With --liftoff
// --no-wasm-tier-up --no-wasm-dynamic-tiering every call runs Liftoff code
// (without the last flag, node 20 still tiers up hot functions), so the
// warm-up only evens out caches, as it does for the other engines. Errors are printed as
// error=<text> with exit status 1.
//
// Node 20 compiles wasm functions lazily, on their first call, so compile_ms
// above is mostly validation. --compile-only measures real compilation: run
// it with --no-wasm-lazy-compilation (and the Liftoff flags above plus
// --single-threaded for Liftoff on one thread, as our engine compiles). It
// compiles RUNS times and prints
//
//   compile_ms=<median ms> code_bytes=<n> code_mb_per_s=<MB/s>
//
// Each compilation gets a different trailing custom section: V8 caches
// compiled modules by their bytes.

const fs = require('fs');

function fail(message) {
  console.log(`error=${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  if (argv.length !== 4) {
    console.error('usage: node_bench.js FILE.wasm N RUNS WARMUP');
    process.exit(2);
  }
  const [file, n, runs, warmup] = argv;
  if (!/^\d+$/.test(n) || !/^\d+$/.test(runs) || !/^\d+$/.test(warmup) || Number(runs) < 1)
    fail(`bad arguments: ${argv.join(' ')}`);
  return { file, n: BigInt(n), runs: Number(runs), warmup: Number(warmup) };
}

// The size of the code section (id 10), read from the section headers.
function codeSectionSize(bytes) {
  let offset = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  while (offset < bytes.length) {
    const id = bytes[offset++];
    const size = leb();
    if (id === 10) return size;
    offset += size;
  }
  return 0;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The bytes plus a custom section "bench" holding `counter`.
function withCustomSection(bytes, counter) {
  const payload = Buffer.from(`\x05bench${counter}`, 'latin1');
  if (payload.length >= 128) throw new Error('custom section too long');
  return Buffer.concat([bytes, Buffer.from([0, payload.length]), payload]);
}

function compileOnly(argv) {
  const [file, runsText] = argv;
  if (!/^\d+$/.test(runsText || '') || Number(runsText) < 1) fail(`bad arguments: ${argv.join(' ')}`);
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    fail(`${file}: ${error.message}`);
  }
  const timesMs = [];
  for (let i = 0; i < Number(runsText); i++) {
    const variant = withCustomSection(bytes, i);
    const start = process.hrtime.bigint();
    try {
      new WebAssembly.Module(variant);
    } catch (error) {
      fail(`${file}: ${error.message}`);
    }
    timesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const compileMs = median(timesMs);
  const codeBytes = codeSectionSize(bytes);
  console.log(`compile_ms=${compileMs.toFixed(3)} code_bytes=${codeBytes} ` +
              `code_mb_per_s=${(codeBytes / 1e6 / (compileMs / 1e3)).toFixed(1)}`);
}

function main() {
  if (process.argv[2] === '--compile-only') {
    if (process.argv.length !== 5) {
      console.error('usage: node_bench.js --compile-only FILE.wasm RUNS');
      process.exit(2);
    }
    return compileOnly(process.argv.slice(3));
  }
  const args = parseArgs(process.argv.slice(2));
  let bytes;
  try {
    bytes = fs.readFileSync(args.file);
  } catch (error) {
    fail(`${args.file}: ${error.message}`);
  }
  const compileStart = process.hrtime.bigint();
  let module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (error) {
    fail(`${args.file}: ${error.message}`);
  }
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  if (WebAssembly.Module.imports(module).length)
    fail(`${args.file}: the kernel has imports`);
  const run = new WebAssembly.Instance(module, {}).exports.run;
  if (typeof run !== 'function') fail(`${args.file}: no exported function "run"`);

  let checksum = null;
  for (let i = 0; i < args.warmup; i++) checksum = run(args.n);
  const runsMs = [], cpuRunsMs = [];
  for (let i = 0; i < args.runs; i++) {
    const start = process.hrtime.bigint(), cpuStart = process.cpuUsage();
    const result = run(args.n);
    const cpu = process.cpuUsage(cpuStart);
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuRunsMs.push((cpu.user + cpu.system) / 1e3);
    if (checksum !== null && result !== checksum)
      fail(`run(${args.n}) returned ${result} after ${checksum}: the kernel keeps state between calls`);
    checksum = result;
  }
  const series = (prefix, values) => `${prefix}median_ms=${median(values).toFixed(3)} ` +
    `${prefix}runs_ms=${values.map((ms) => ms.toFixed(3)).join(',')}`;
  console.log(`checksum=${checksum} ${series('', runsMs)} ${series('cpu_', cpuRunsMs)} ` +
              `compile_ms=${compileMs.toFixed(3)} code_bytes=${codeSectionSize(bytes)}`);
}

main();
