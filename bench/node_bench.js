// node_bench.js: times run(n) of one kernel's .wasm in this node (run it with and without --liftoff --no-wasm-tier-up).
'use strict';

// node [v8 flags] bench/node_bench.js FILE.wasm N RUNS WARMUP
//
// Compiles the module (timed: compile_ms), instantiates it without imports,
// calls run(N) WARMUP times untimed, then RUNS times timed, and prints the
// line bench/run.js reads:
//
//   checksum=<i64> median_ms=<ms> runs_ms=<ms>,... compile_ms=<ms> code_bytes=<n>
//
// The warm-up matters for default node: its first call runs in Liftoff
// while TurboFan compiles in the background (V8 has no on-stack replacement
// for wasm), the next calls run TurboFan code. With --liftoff
// --no-wasm-tier-up every call runs Liftoff code, so the warm-up only
// evens out caches, as it does for the other engines. Errors are printed as
// error=<text> with exit status 1.

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

function main() {
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
  const runsMs = [];
  for (let i = 0; i < args.runs; i++) {
    const start = process.hrtime.bigint();
    const result = run(args.n);
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (checksum !== null && result !== checksum)
      fail(`run(${args.n}) returned ${result} after ${checksum}: the kernel keeps state between calls`);
    checksum = result;
  }
  console.log(`checksum=${checksum} median_ms=${median(runsMs).toFixed(3)} ` +
              `runs_ms=${runsMs.map((ms) => ms.toFixed(3)).join(',')} ` +
              `compile_ms=${compileMs.toFixed(3)} code_bytes=${codeSectionSize(bytes)}`);
}

main();
