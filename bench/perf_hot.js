// perf_hot.js: where a perf profile of our engine's generated code spends its samples, instruction by instruction.
'use strict';

// node bench/perf_hot.js PERF.data FILE.wasm [FUNC]... [--functions N] [--wrun PATH]
//
// PERF.data is a `perf record` of build/bench/wrt_bench run with
// WRT_BENCH_PERF_MAP=1 (it writes /tmp/perf-PID.map, which names the
// generated functions as the wasm's name section does):
//
//   WRT_BENCH_PERF_MAP=1 perf record -o /tmp/q.data build/bench/wrt_bench \
//       build/bench/wasm/qsort.calls.wasm 100 3 1
//   node bench/perf_hot.js /tmp/q.data build/bench/wasm/qsort.calls.wasm
//
// Prints the share of samples per function (generated code and the rest:
// the driver, the runtime, the kernel), then for each FUNC (default: the
// hottest --functions generated functions, 2) its code from `wrun FILE.wasm
// --disasm FUNC` with each instruction's share of that function's samples
// in front (perf annotate cannot read code out of a perf map). Lines
// `;; @0xOFFSET op` are the wasm instruction the code below them is for.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function fail(message) {
  console.error(`perf_hot.js: ${message}`);
  process.exit(1);
}

function parseCommandLine(argv) {
  const options = { functions: 2, wrun: path.join(__dirname, '..', 'build', 'bin', 'wrun'), names: [] };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--functions' && i + 1 < argv.length) options.functions = Number(argv[++i]);
    else if (argv[i] === '--wrun' && i + 1 < argv.length) options.wrun = argv[++i];
    else rest.push(argv[i]);
  }
  if (rest.length < 2 || !Number.isInteger(options.functions)) {
    console.error('usage: node bench/perf_hot.js PERF.data FILE.wasm [FUNC]... [--functions N] [--wrun PATH]');
    process.exit(2);
  }
  [options.data, options.wasm, ...options.names] = rest;
  return options;
}

// Samples per symbol and per offset within it, from `perf script`.
function readSamples(data) {
  const result = spawnSync('perf', ['script', '-i', data, '-F', 'ip,sym,symoff'],
                           { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) fail(`perf script failed: ${(result.stderr || '').trim()}`);
  const symbols = new Map();
  let total = 0;
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*[0-9a-f]+\s+(.*?)(?:\+0x([0-9a-f]+))?\s*$/.exec(line);
    if (!match || !line.trim()) continue;
    const name = match[1] || '[unknown]';
    const offset = match[2] === undefined ? -1 : parseInt(match[2], 16);
    total++;
    if (!symbols.has(name)) symbols.set(name, { samples: 0, offsets: new Map() });
    const symbol = symbols.get(name);
    symbol.samples++;
    symbol.offsets.set(offset, (symbol.offsets.get(offset) || 0) + 1);
  }
  return { symbols, total };
}

// The names of the wasm's functions (those wrun --disasm knows).
function disassemble(options, name) {
  const result = spawnSync(options.wrun, [options.wasm, '--disasm', name], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) return null;
  return result.stdout.split('\n');
}

function main() {
  const options = parseCommandLine(process.argv.slice(2));
  if (!fs.existsSync(options.wrun)) fail(`${options.wrun} not found (make wrun, or --wrun PATH)`);
  const { symbols, total } = readSamples(options.data);
  if (!total) fail(`${options.data}: no samples`);
  const sorted = [...symbols.entries()].sort((a, b) => b[1].samples - a[1].samples);
  const percent = (count, of) => `${(100 * count / of).toFixed(1).padStart(5)}%`;
  console.log(`${total} samples`);
  for (const [name, symbol] of sorted.slice(0, 15)) console.log(`${percent(symbol.samples, total)}  ${name}`);

  const names = options.names.length ? options.names
    : sorted.map(([name]) => name).filter((name) => disassemble(options, name)).slice(0, options.functions);
  for (const name of names) {
    const symbol = symbols.get(name);
    const lines = disassemble(options, name);
    if (!lines) {
      console.log(`\n${name}: not a function of ${options.wasm}`);
      continue;
    }
    const samples = symbol ? symbol.samples : 0;
    console.log(`\n==== ${name}: ${samples} samples (${percent(samples, total).trim()} of all)`);
    for (const line of lines) {
      const match = /^\s*([0-9a-f]+):\t/.exec(line);
      const count = match && symbol ? symbol.offsets.get(parseInt(match[1], 16)) || 0 : 0;
      const prefix = count ? percent(count, samples) : match ? '      ' : '';
      console.log(`${prefix} ${line}`);
    }
  }
}

main();
