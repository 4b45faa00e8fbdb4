// run.js: runs every kernel in every engine and prints the table of medians and ratios (what `make bench` shows).
'use strict';

// node bench/run.js --build DIR [--compile FILE.wasm]... [--boundary EXAMPLES_DIR] ROW...
//
// A ROW is a kernel (bench/kernels/KERNEL.c) in one of its build shapes
// (bench/build.mk): KERNEL (clang -O2, then wasm-opt -O2) or KERNEL/calls
// (functions kept separate, no wasm-opt). DIR is $(BUILD)/bench:
// DIR/native/STEM, DIR/wasm/STEM.wasm (STEM: the row with '/' as '.') and
// our engine's driver, DIR/wrt_bench (optional: if missing, the "ours"
// column says so). The table
// also goes to DIR/results.txt, the rows and ratios to DIR/results.json,
// and a chart of the ratios per row to DIR/ratios.svg (bench/chart.js).
// Each --compile FILE.wasm (any module, imports
// allowed) adds a row to the compile-speed table only. --boundary adds the
// boundary table: ns per call into adapted exports of the examples in
// EXAMPLES_DIR, natively (DIR/boundary_bench, it_loader.h) and in Node
// (boundary_bench.js, it_loader.js). Environment:
//
//   BENCH_RUNS     timed calls per engine and kernel; each cell is their median (5)
//   BENCH_WARMUP   untimed calls before them (1)
//   BENCH_SCALE    multiplies each kernel's n, e.g. 0.05 for a quick check (1)
//   BENCH_TIMEOUT  seconds one driver may take before it is killed (300)
//   BENCH_BOUNDARY_CALLS  calls per timed round in the boundary table (1000000 x BENCH_SCALE)
//   BENCH_CLOCK    cpu: CPU time of the calling thread (node: of the process),
//                  which other processes on the shared cores barely disturb;
//                  wall: elapsed time (cpu)
//
// Each engine runs in its own process, one after the other, kernel by
// kernel, so the times of a row were measured within seconds of each other.
// Exit status 1 if any engine returns a checksum different from native's,
// or fails (a missing driver for our engine is reported, not a failure).

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const BENCH_SOURCE_DIR = __dirname;

// V8 flags for "Liftoff only". `--liftoff --no-wasm-tier-up` alone is not
// enough in node 20: dynamic tiering still moves hot functions to TurboFan
// (--wasm-tier-up only governs the old eager tier-up). checkCompilerOnly()
// verifies this stays true on the installed node.
const LIFTOFF_FLAGS = ['--liftoff', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
// V8 flags for "TurboFan only": on node 20 `--no-liftoff` alone compiles
// every function with TurboFan on its first call (lazily; the warm-up call
// keeps that out of the timed calls) and never with Liftoff, so no tier-up
// is involved. checkCompilerOnly() verifies it on the installed node.
const TURBOFAN_FLAGS = ['--no-liftoff'];

// A row's files: "sha256/calls" -> DIR/wasm/sha256.calls.wasm and
// DIR/native/sha256.calls; its kernel (for the n): "sha256".
const rowStem = (row) => row.replace(/\//g, '.');
const rowKernel = (row) => row.split('/')[0];
const wasmFile = (row, dir) => path.join(dir, 'wasm', `${rowStem(row)}.wasm`);

// The engines, in column order. command(kernel, dir) gives the program and
// its first arguments (N RUNS WARMUP follow); `reference` marks the engine
// every checksum is compared with.
const ENGINES = [
  { key: 'native', title: 'native ms', reference: true,
    command: (row, dir) => [path.join(dir, 'native', rowStem(row))] },
  { key: 'node', title: 'node ms',
    command: (row, dir) => [process.execPath, path.join(BENCH_SOURCE_DIR, 'node_bench.js'),
                            wasmFile(row, dir)] },
  { key: 'turbofan', title: 'node-turbofan ms',
    command: (row, dir) => [process.execPath, ...TURBOFAN_FLAGS,
                            path.join(BENCH_SOURCE_DIR, 'node_bench.js'), wasmFile(row, dir)] },
  { key: 'liftoff', title: 'node-liftoff ms',
    command: (row, dir) => [process.execPath, ...LIFTOFF_FLAGS,
                            path.join(BENCH_SOURCE_DIR, 'node_bench.js'), wasmFile(row, dir)] },
  { key: 'ours', title: 'ours ms', optional: true,
    command: (row, dir, wrt) => [wrt, wasmFile(row, dir)] },
];

// Our engine built without the interrupt check at loop headers (bench/build.mk):
// not a column, but ours / this is what wrt_store_interrupt costs.
const NO_CHECKS = {
  key: 'nochecks', title: 'ours without loop checks', optional: true,
  command: (row, dir) => [path.join(dir, 'wrt_bench_nochecks'), wasmFile(row, dir)],
};

// The ratio columns: numerator engine / denominator engine.
const RATIOS = [
  ['ours', 'native'], ['ours', 'liftoff'], ['ours', 'turbofan'],
  ['node', 'native'], ['turbofan', 'native'], ['liftoff', 'native'],
];

// The speed goals of our engine (docs: bench/README.md).
const GOAL_OURS_OVER_LIFTOFF_MAX = 1.0;  // on every kernel
const GOAL_OURS_OVER_NATIVE_GEOMEAN_MAX = 2.0;
// Issue 11's targets on the wider table (both shapes of every kernel).
const GOAL_ISSUE11_OURS_OVER_NATIVE_GEOMEAN_MAX = 1.35;
const GOAL_ISSUE11_OURS_OVER_TURBOFAN_GEOMEAN_MAX = 1.15;
const GOAL_INTERRUPT_COST_GEOMEAN_MAX = 1.03; // ours / NO_CHECKS (issue 18: under 3%)

function envNumber(name, fallback, { min = 0, integer = false } = {}) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    console.error(`run.js: ${name}=${text} is not a${integer ? 'n integer' : ' number'} >= ${min}`);
    process.exit(2);
  }
  return value;
}

// The n a row's kernel file asks for: its header line "/* bench n: N */".
function kernelDefaultN(row) {
  const file = path.join(BENCH_SOURCE_DIR, 'kernels', `${rowKernel(row)}.c`);
  const match = /^\/\* bench n: (\d+) \*\/$/m.exec(fs.readFileSync(file, 'utf8'));
  if (!match) {
    console.error(`${file}: no "/* bench n: N */" line`);
    process.exit(2);
  }
  return Number(match[1]);
}

// Parses a driver's output line: key=value pairs separated by spaces,
// except `error`, whose value is the rest of the line.
function parseDriverLine(line) {
  const fields = {};
  let rest = line.trim();
  while (rest) {
    const match = /^(\w+)=/.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
    if (match[1] === 'error') {
      fields[match[1]] = rest;
      break;
    }
    const space = rest.indexOf(' ');
    fields[match[1]] = space < 0 ? rest : rest.slice(0, space);
    rest = space < 0 ? '' : rest.slice(space + 1).trimStart();
  }
  return fields;
}

// Runs one driver; returns { status, medianMs, checksum, fields, message }
// with status 'ok', 'failed' or 'missing' (an optional engine's driver did
// not build).
function runDriver(engine, row, dir, n, settings) {
  const prefix = settings.clock === 'cpu' ? 'cpu_' : '';
  const [program, ...args] = engine.command(row, dir, settings.wrt);
  if (!fs.existsSync(program))
    return { status: engine.optional ? 'missing' : 'failed', fields: {},
             message: `${path.relative(process.cwd(), program)} was not built` +
                      (engine.optional ? ' (see the make output above)' : '') };
  const result = spawnSync(program, [...args, String(n), String(settings.runs), String(settings.warmup)],
                           { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
  const lines = (result.stdout || '').trim().split('\n');
  const fields = parseDriverLine(lines[lines.length - 1] || '');
  if (result.error && result.error.code === 'ETIMEDOUT')
    return { status: 'failed', fields, message: `killed after ${settings.timeoutSeconds} s (BENCH_TIMEOUT)` };
  if (result.error) return { status: 'failed', fields, message: result.error.message };
  if (result.signal)
    return { status: 'failed', fields, message: `crashed with ${result.signal}` +
             (fields.error ? `: ${fields.error}` : '') };
  if (fields.error !== undefined) return { status: 'failed', fields, message: fields.error };
  if (result.status !== 0 || fields[`${prefix}median_ms`] === undefined || fields.checksum === undefined) {
    const stderr = (result.stderr || '').trim().split('\n').slice(-3).join(' | ');
    return { status: 'failed', fields,
             message: `exit status ${result.status}, no result line` + (stderr ? `: ${stderr}` : '') };
  }
  return { status: 'ok', fields, checksum: fields.checksum, medianMs: Number(fields[`${prefix}median_ms`]),
           runsMs: fields[`${prefix}runs_ms`].split(',').map(Number),
           wallOverCpu: Number(fields.median_ms) / Number(fields.cpu_median_ms) };
}

function geometricMean(values) {
  const present = values.filter((value) => Number.isFinite(value) && value > 0);
  if (!present.length || present.length !== values.length) return NaN;
  return Math.exp(present.reduce((sum, value) => sum + Math.log(value), 0) / present.length);
}

// The spread of a driver's timed runs, (max - min) / median, or NaN.
function spread(result) {
  if (result.status !== 'ok') return NaN;
  return (Math.max(...result.runsMs) - Math.min(...result.runsMs)) / result.medianMs;
}

function formatMs(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function formatRatio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

// Lays out rows (arrays of strings) in columns: first left, rest right.
function formatTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) =>
    column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

function toolVersion(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0].trim() : `${command}: not found`;
}

// Runs a row under `flags` with V8's compilation trace; returns null if
// every function was compiled by `compiler` ('Liftoff' or 'TurboFan') only,
// else what went wrong.
function checkCompilerOnly(row, dir, settings, flags, compiler) {
  const other = compiler === 'Liftoff' ? 'TurboFan' : 'Liftoff';
  const result = spawnSync(process.execPath,
                           [...flags, '--trace-wasm-compilation-times',
                            path.join(BENCH_SOURCE_DIR, 'node_bench.js'), wasmFile(row, dir),
                            String(Math.max(1, Math.round(kernelDefaultN(row) / 10))), '1', '1'],
                           { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
  const trace = `${result.stdout || ''}${result.stderr || ''}`;
  const column = compiler.toLowerCase();
  if (new RegExp(`using ${other}`).test(trace))
    return `node ${flags.join(' ')} also compiles with ${other}: the ${column} column is not ${compiler} alone`;
  if (!new RegExp(`using ${compiler}`).test(trace))
    return `node ${flags.join(' ')} --trace-wasm-compilation-times printed no ${compiler} compilation`;
  return null;
}

function parseCommandLine(argv) {
  let dir = null, boundary = null, startup = false;
  const rows = [], corpus = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build' && i + 1 < argv.length) dir = argv[++i];
    else if (argv[i] === '--compile' && i + 1 < argv.length) corpus.push(argv[++i]);
    else if (argv[i] === '--boundary' && i + 1 < argv.length) boundary = argv[++i];
    else if (argv[i] === '--startup') startup = true;
    else rows.push(argv[i]);
  }
  if (!dir || !rows.length) {
    console.error('usage: node bench/run.js --build DIR [--compile FILE.wasm]... [--boundary EXAMPLES_DIR] [--startup] ROW...');
    process.exit(2);
  }
  return { dir, wrt: path.join(dir, 'wrt_bench'), kernels: rows, corpus, boundary, startup };
}

// The boundary cases, in the order of the table, as the drivers name them.
const BOUNDARY_CASES = [
  ['core_isFizz', 'plain core call: fizz.wasm isFizz (i32) -> i32 (reference)'],
  ['host_call', 'wasm -> host: an imported (i32) -> i32 host function, per call'],
  ['host_call_raw', 'wasm -> host, raw callback (wrt_func_new_raw; native only)'],
  ['isFizz', 'isFizz(s32) -> u1'],
  ['fizzStr', 'fizzStr() -> string (4 bytes made by wasm)'],
  ['utf8Length_1k', 'utf8Length(1 KiB string) -> u32'],
  ['countCodePoints_1k', 'countCodePoints(1 KiB string) -> u32 (copied into core memory)'],
  ['echoList_1M', 'echoList(list<u32> of 1,000,000) round trip through core memory'],
  ['echoRecord', 'echoRecord(record of 4 fields) round trip through core memory'],
  ['echoOption', 'echoOption(option<string> of 16 bytes) round trip through core memory'],
];

// The UTF-8 check alone (issue 11): the drivers' utf8_* rows, ns per call
// on texts of these sizes (boundary_bench.c: the scalar check the loader had
// before, the vector one it picks now; boundary_bench.js: buffer.isUtf8).
const UTF8_ROWS = [['ascii', '1k', 1024], ['ascii', '64k', 65536], ['ascii', '1M', 1 << 20],
                   ['mixed', '1k', 1024], ['mixed', '64k', 65536], ['mixed', '1M', 1 << 20]];
// Issue 11's goals: GB/s of the native check on ASCII and mixed text, and
// ns of a 1 KiB string argument (utf8Length_1k).
const UTF8_GOALS = { ascii: 8, mixed: 2, utf8Length_1k: 200 };

// The UTF-8 table's lines from the drivers' fields.
function utf8Table(measured) {
  const gbPerS = (fields, key, bytes) => {
    const ns = Number(fields[key]);
    return fields[key] === undefined || !(ns > 0) ? null : bytes / ns;
  };
  const show = (value) => (value === null ? 'n/a' : value.toFixed(2));
  const kind = measured.native.utf8_kind || 'new';
  const worst = { ascii: Infinity, mixed: Infinity };
  const rows = UTF8_ROWS.map(([text, name, bytes]) => {
    const old = gbPerS(measured.native, `utf8_scalar_${text}_${name}`, bytes);
    const now = gbPerS(measured.native, `utf8_${text}_${name}`, bytes);
    const node = gbPerS(measured.node, `utf8_${text}_${name}`, bytes);
    worst[text] = Math.min(worst[text], now === null ? 0 : now);
    return [`${text} ${name}`, show(old), show(now), old && now ? `${(now / old).toFixed(1)}x` : 'n/a', show(node)];
  });
  const out = formatTable(['UTF-8 check of', 'native scalar GB/s', `native ${kind} GB/s`, 'speed-up',
                           'node isUtf8 GB/s'], rows);
  out.push('UTF-8: GB/s (10^9 bytes) of one check of the text, from the same rounds as the boundary table; ' +
           'mixed: "Grüße, мир! 世界 😀 " repeated (1-4 byte sequences). native scalar = utf8_check_scalar ' +
           '(the loader\'s check before issue 11), native ' + kind + ' = utf8_check as the loader runs it; ' +
           'node = buffer.isUtf8.');
  const argument = Number(measured.native.utf8Length_1k);
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  out.push(`UTF-8 goals: ASCII >= ${UTF8_GOALS.ascii} GB/s: ${verdict(worst.ascii >= UTF8_GOALS.ascii)} ` +
           `(lowest ${worst.ascii.toFixed(2)}); mixed >= ${UTF8_GOALS.mixed} GB/s: ` +
           `${verdict(worst.mixed >= UTF8_GOALS.mixed)} (lowest ${worst.mixed.toFixed(2)}); 1 KiB string argument ` +
           `(utf8Length_1k) <= ${UTF8_GOALS.utf8Length_1k} ns: ` +
           (argument > 0 ? `${verdict(argument <= UTF8_GOALS.utf8Length_1k)} (${argument} ns)` : 'n/a'));
  return out;
}

// Boundary speed: both drivers, one process each; returns the table's lines
// and failures. Times are CPU time whatever BENCH_CLOCK says (ns per call).
function measureBoundary(examplesDir, dir, settings) {
  const calls = Math.max(1000, Math.round(envNumber('BENCH_BOUNDARY_CALLS', 1000000 * settings.scale, { min: 1 })));
  const drivers = {
    native: [path.join(dir, 'boundary_bench')],
    node: [process.execPath, path.join(BENCH_SOURCE_DIR, 'boundary_bench.js')],
  };
  const measured = {}, failures = [];
  let spread = 0;
  for (const [key, argv] of Object.entries(drivers)) {
    if (!fs.existsSync(argv[0])) {
      measured[key] = { message: `${path.relative(process.cwd(), argv[0])} was not built` };
      continue;
    }
    const result = spawnSync(argv[0], [...argv.slice(1), examplesDir, String(calls), String(settings.runs)],
                             { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
    const lines = (result.stdout || '').trim().split('\n');
    measured[key] = parseDriverLine(lines[lines.length - 1] || '');
    if (result.status !== 0 || measured[key].error !== undefined) {
      measured[key].message = measured[key].error || result.signal || `exit status ${result.status}`;
      failures.push(`boundary: ${key} failed: ${measured[key].message}`);
    } else {
      spread = Math.max(spread, Number(measured[key].spread));
    }
    process.stderr.write(`bench: boundary ${key}: ${measured[key].message || 'done'}\n`);
  }
  const show = (key, name) => (measured[key][name] === undefined ? 'n/a' : measured[key][name]);
  const out = formatTable(['boundary: one call into', 'native ns', 'node ns'],
                          BOUNDARY_CASES.map(([name, title]) => [title, show('native', name), show('node', name)]));
  out.push(`boundary: CPU ns per call, median of ${settings.runs} rounds of ${calls} calls (BENCH_BOUNDARY_CALLS) ` +
           `after one untimed round; worst spread ${(spread * 100).toFixed(0)}%. native = it_call through ` +
           'it_loader.h (reference: wrt_func_call); node = it_loader.js (reference: a WebAssembly export); ' +
           'the wasm -> host rows: one call from a wasm loop into an imported host function (native: wrt_func_new, ' +
           'wrt_func_new_raw; node: a JS function). Adapters from the examples (fizzbuzz, strings).');
  for (const [key, result] of Object.entries(measured))
    if (result.message && !failures.some((failure) => failure.includes(`${key} failed`)))
      out.push(`* boundary ${key}: n/a (${result.message})`);
  out.push('', ...utf8Table(measured));
  return { lines: out, failures };
}

// Start-up (issue 9): a whole process running printf's hello world, wall
// time from spawn to exit, median of BENCH_STARTUP_RUNS (21): native, our
// wrun on the wasm32-wasi build, and node with node:wasi
// (tests/wasi/node_wasi.js), each checked to print "hello, world". Goal: wrun
// at most 2 x native + 5 ms.
const GOAL_STARTUP_FACTOR = 2, GOAL_STARTUP_EXTRA_MS = 5;

function measureStartup(dir, settings) {
  const runs = Math.max(1, Math.round(envNumber('BENCH_STARTUP_RUNS', 21, { min: 1, integer: true })));
  const wasm = path.join(dir, 'startup', 'hello.wasm');
  const wrun = path.join(dir, '..', 'bin', 'wrun');
  const commands = [
    ['native', [path.join(dir, 'startup', 'hello')]],
    ['wrun', [wrun, wasm]],
    ['node', [process.execPath, path.join(BENCH_SOURCE_DIR, '..', 'tests', 'wasi', 'node_wasi.js'), wasm]],
  ];
  const medians = {}, failures = [];
  for (const [name, argv] of commands) {
    if (!fs.existsSync(argv[0]) || !fs.existsSync(wasm)) {
      failures.push(`start-up: ${name}: ${path.relative(process.cwd(), fs.existsSync(argv[0]) ? wasm : argv[0])} was not built`);
      continue;
    }
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0 || result.stdout !== 'hello, world\n') {
        failures.push(`start-up: ${name} printed '${(result.stdout || '').trim()}', status ${result.status}`);
        break;
      }
      times.push(ms);
    }
    if (times.length === runs) medians[name] = times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    process.stderr.write(`bench: start-up ${name}: ${medians[name] === undefined ? 'failed' : `${medians[name].toFixed(2)} ms`}\n`);
  }
  const show = (name) => (medians[name] === undefined ? 'n/a' : medians[name].toFixed(2));
  const lines = formatTable(['start-up: hello world, whole process', 'native ms', 'wrun ms', 'node ms'],
                            [['printf("hello, world\\n")', show('native'), show('wrun'), show('node')]]);
  lines.push(`start-up: wall time from spawn to exit, median of ${runs} (BENCH_STARTUP_RUNS); wrun runs the ` +
             'wasm32-wasi build with its WASI, node tests/wasi/node_wasi.js (node:wasi) the same file.');
  if (medians.native !== undefined && medians.wrun !== undefined) {
    const limit = GOAL_STARTUP_FACTOR * medians.native + GOAL_STARTUP_EXTRA_MS;
    lines.push(`goal: wrun start-up <= ${GOAL_STARTUP_FACTOR} x native + ${GOAL_STARTUP_EXTRA_MS} ms ` +
               `(${limit.toFixed(2)} ms): ${medians.wrun <= limit ? 'met' : 'NOT MET'} (${medians.wrun.toFixed(2)} ms)`);
  }
  return { lines, failures };
}

// What the loop-header interrupt checks add in instructions executed, which
// unlike time does not depend on what else the machine runs: valgrind
// (cachegrind, no cache simulation) counts both drivers' instructions for
// run(n) and run(2n), n a hundredth of the kernel's default, and the ratio
// of the differences is the run's alone (start-up and compilation cancel).
// Skipped with BENCH_INSTRUCTIONS=0 or without valgrind.
function measureCheckInstructions(kernels, dir, settings) {
  if (process.env.BENCH_INSTRUCTIONS === '0') return { why: 'BENCH_INSTRUCTIONS=0' };
  if (spawnSync('valgrind', ['--version']).status !== 0) return { why: 'no valgrind' };
  const count = (driver, kernel, n) => {
    const result = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all',
                                          '--cachegrind-out-file=/dev/null', driver,
                                          wasmFile(kernel, dir), String(n), '1', '0'],
                             { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
    const match = /I\s+refs:\s+([\d,]+)/.exec(result.stderr || '');
    return match ? Number(match[1].replace(/,/g, '')) : NaN;
  };
  const ours = settings.wrt, without = NO_CHECKS.command('', dir)[0];
  if (!fs.existsSync(ours) || !fs.existsSync(without)) return { why: 'a driver was not built' };
  const ratios = kernels.map((kernel) => {
    const n = Math.max(1, Math.round(kernelDefaultN(kernel) * settings.scale / 100));
    const run = (driver) => count(driver, kernel, 2 * n) - count(driver, kernel, n);
    const ratio = run(ours) / run(without);
    process.stderr.write(`bench: instructions ${kernel}: ${formatRatio(ratio)}\n`);
    return ratio;
  });
  return ratios.every(Number.isFinite) ? { ratios } : { why: 'valgrind gave no count' };
}

// Compile speed of one module: ours (wrt_module_new) and V8's Liftoff,
// eager and on one thread like ours; each the median of `runs`.
function measureCompile(file, dir, settings) {
  const measure = (argv) => {
    if (!fs.existsSync(argv[0])) return { message: 'not built' };
    const result = spawnSync(argv[0], argv.slice(1),
                             { encoding: 'utf8', timeout: settings.timeoutSeconds * 1000 });
    const lines = (result.stdout || '').trim().split('\n');
    const fields = parseDriverLine(lines[lines.length - 1] || '');
    if (fields.compile_ms === undefined)
      fields.message = fields.error || result.signal || `exit status ${result.status}`;
    return fields;
  };
  return {
    ours: measure([settings.wrt, '--compile-only', file, String(settings.runs)]),
    liftoff: measure([process.execPath, ...LIFTOFF_FLAGS, '--no-wasm-lazy-compilation',
                      '--single-threaded', path.join(BENCH_SOURCE_DIR, 'node_bench.js'),
                      '--compile-only', file, String(settings.runs)]),
  };
}

function main() {
  const { dir, wrt, kernels, corpus, boundary, startup } = parseCommandLine(process.argv.slice(2));
  const settings = {
    runs: envNumber('BENCH_RUNS', 5, { min: 1, integer: true }),
    warmup: envNumber('BENCH_WARMUP', 1, { min: 0, integer: true }),
    scale: envNumber('BENCH_SCALE', 1, { min: 0 }),
    timeoutSeconds: envNumber('BENCH_TIMEOUT', 300, { min: 1 }),
    clock: process.env.BENCH_CLOCK || 'cpu',
    wrt,
  };
  if (settings.clock !== 'cpu' && settings.clock !== 'wall') {
    console.error(`run.js: BENCH_CLOCK=${settings.clock}: expected cpu or wall`);
    process.exit(2);
  }
  const loadBefore = os.loadavg()[0];
  const startedAt = new Date();

  // Measure: kernel by kernel, engine by engine.
  const rows = kernels.map((kernel) => {
    const n = Math.max(1, Math.round(kernelDefaultN(kernel) * settings.scale));
    const results = {};
    for (const engine of [...ENGINES, NO_CHECKS]) {
      results[engine.key] = runDriver(engine, kernel, dir, n, settings);
      const result = results[engine.key];
      process.stderr.write(`bench: ${kernel} n=${n} ${engine.key}: ` +
        (result.status === 'ok' ? `${formatMs(result.medianMs)} ms` : `${result.status}: ${result.message}`) + '\n');
    }
    return { kernel, n, results };
  });

  // Check: every checksum against the reference engine's (native), and
  // that the liftoff column ran Liftoff code only.
  const failures = [];
  for (const [flags, compiler] of [[LIFTOFF_FLAGS, 'Liftoff'], [TURBOFAN_FLAGS, 'TurboFan']]) {
    const problem = checkCompilerOnly(kernels[0], dir, settings, flags, compiler);
    if (problem) failures.push(problem);
  }
  const referenceKey = ENGINES.find((engine) => engine.reference).key;
  for (const row of rows) {
    const reference = row.results[referenceKey];
    for (const engine of [...ENGINES, NO_CHECKS]) {
      const result = row.results[engine.key];
      if (result.status === 'failed') {
        failures.push(`${row.kernel}: ${engine.key} failed: ${result.message}`);
      } else if (result.status === 'ok' && reference.status === 'ok' && result.checksum !== reference.checksum) {
        failures.push(`${row.kernel}: CHECKSUM MISMATCH: ${engine.key} returned ${result.checksum}, ` +
                      `${referenceKey} ${reference.checksum} (run(${row.n}))`);
        result.status = 'mismatch';
      }
    }
  }

  // Report.
  const ms = (row, key) => (row.results[key].status === 'ok' ? row.results[key].medianMs : NaN);
  const cell = (row, key) => {
    const result = row.results[key];
    if (result.status === 'ok') return formatMs(result.medianMs);
    if (result.status === 'mismatch') return 'WRONG';
    return result.status === 'missing' ? 'n/a*' : 'FAILED';
  };
  const header = ['kernel', 'n', ...ENGINES.map((engine) => engine.title),
                  ...RATIOS.map(([top, bottom]) => `${top}/${bottom}`)];
  const tableRows = rows.map((row) => [
    row.kernel, String(row.n), ...ENGINES.map((engine) => cell(row, engine.key)),
    ...RATIOS.map(([top, bottom]) => formatRatio(ms(row, top) / ms(row, bottom))),
  ]);
  tableRows.push([
    'geomean', '', ...ENGINES.map((engine) => formatMs(geometricMean(rows.map((row) => ms(row, engine.key))))),
    ...RATIOS.map(([top, bottom]) =>
      formatRatio(geometricMean(rows.map((row) => ms(row, top) / ms(row, bottom))))),
  ]);

  const out = [];
  out.push(`bench: ${startedAt.toISOString()}  ${os.cpus().length} x ${os.cpus()[0].model}  ` +
           `load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`);
  out.push(`node ${process.version}, ${toolVersion(process.env.BENCH_CLANG || 'clang', ['--version'])}`);
  out.push(`each cell: median ${settings.clock === 'cpu' ? 'CPU' : 'wall'} time (BENCH_CLOCK=${settings.clock}) ` +
           `of ${settings.runs} timed call(s) of run(n) after ${settings.warmup} warm-up call(s), ` +
           `in one process per engine; BENCH_SCALE=${settings.scale}`);
  out.push(`node = default tiering (TurboFan after warm-up); turbofan = node ${TURBOFAN_FLAGS.join(' ')}; ` +
           `liftoff = node ${LIFTOFF_FLAGS.join(' ')}; ours = ${path.relative(process.cwd(), wrt)}`);
  out.push('rows: KERNEL = clang -O2 then wasm-opt -O2 (inlined); KERNEL/calls = clang -O2 ' +
           '-finline-hint-functions, no wasm-opt (functions kept separate; native built the same way)');
  out.push('');
  out.push(...formatTable(header, tableRows));
  out.push('');

  const oursOverLiftoff = rows.map((row) => ms(row, 'ours') / ms(row, 'liftoff'));
  const oursGeomean = geometricMean(rows.map((row) => ms(row, 'ours') / ms(row, 'native')));
  if (oursOverLiftoff.every(Number.isFinite)) {
    const slower = rows.map((row, i) => ({ row, ratio: oursOverLiftoff[i] }))
      .filter(({ ratio }) => ratio > GOAL_OURS_OVER_LIFTOFF_MAX).sort((a, b) => b.ratio - a.ratio)
      .map(({ row, ratio }) => `${row.kernel} ${formatRatio(ratio)}`);
    out.push(`goal: ours/liftoff <= ${GOAL_OURS_OVER_LIFTOFF_MAX.toFixed(2)} on every kernel: ` +
             (slower.length ? `NOT MET (${slower.length} of ${rows.length}: ${slower.join(', ')})` : 'met'));
    out.push(`goal: geomean ours/native <= ${GOAL_OURS_OVER_NATIVE_GEOMEAN_MAX.toFixed(2)}: ` +
             (oursGeomean <= GOAL_OURS_OVER_NATIVE_GEOMEAN_MAX ? 'met' : 'NOT MET') +
             ` (${formatRatio(oursGeomean)})`);
    out.push(`goal (issue 11): geomean ours/native <= ${GOAL_ISSUE11_OURS_OVER_NATIVE_GEOMEAN_MAX.toFixed(2)}: ` +
             (oursGeomean <= GOAL_ISSUE11_OURS_OVER_NATIVE_GEOMEAN_MAX ? 'met' : 'NOT MET') +
             ` (${formatRatio(oursGeomean)})`);
    const oursOverTurbofan = geometricMean(rows.map((row) => ms(row, 'ours') / ms(row, 'turbofan')));
    out.push(`goal (issue 11): geomean ours/turbofan <= ${GOAL_ISSUE11_OURS_OVER_TURBOFAN_GEOMEAN_MAX.toFixed(2)}: ` +
             (oursOverTurbofan <= GOAL_ISSUE11_OURS_OVER_TURBOFAN_GEOMEAN_MAX ? 'met' : 'NOT MET') +
             ` (${formatRatio(oursOverTurbofan)})`);
  } else {
    out.push('goals (ours/liftoff <= 1 on every kernel, geomean ours/native <= 2, and issue 11\'s ' +
             'ours/native <= 1.35 and ours/turbofan <= 1.15): not measurable yet');
  }

  const checkInstructions = measureCheckInstructions(kernels, dir, settings);
  const checkCosts = rows.map((row) => ms(row, 'ours') / ms(row, NO_CHECKS.key));
  if (checkCosts.every(Number.isFinite)) {
    const costGeomean = geometricMean(checkCosts);
    out.push(`interrupt checks: ours / ours without the loop-header check (${path.basename(NO_CHECKS.command('', dir)[0])}): ` +
             rows.map((row, i) => `${row.kernel} ${formatRatio(checkCosts[i])}`).join(', ') +
             `; geomean ${formatRatio(costGeomean)}`);
    out.push(`goal: geomean interrupt-check cost <= ${GOAL_INTERRUPT_COST_GEOMEAN_MAX.toFixed(2)}: ` +
             (costGeomean <= GOAL_INTERRUPT_COST_GEOMEAN_MAX ? 'met' : 'NOT MET') +
             ' (time: within this machine\'s noise only when the spread below is a few %)');
  } else {
    out.push('interrupt checks: cost not measured (no wrt_bench_nochecks result for every kernel)');
  }
  if (checkInstructions.ratios) {
    out.push(`interrupt checks, instructions executed (valgrind, noise-free): ours / without: ` +
             kernels.map((kernel, i) => `${kernel} ${formatRatio(checkInstructions.ratios[i])}`).join(', ') +
             `; geomean ${formatRatio(geometricMean(checkInstructions.ratios))}`);
  } else {
    out.push(`interrupt checks, instructions executed: not measured (${checkInstructions.why})`);
  }

  const reasons = new Map();
  for (const row of rows) {
    const result = row.results.ours;
    if (result.status !== 'missing') continue;
    const text = `n/a (${result.message})`;
    reasons.set(text, [...(reasons.get(text) || []), row.kernel]);
  }
  for (const [text, names] of reasons)
    out.push(`* ours: ${text}  [${names.length === rows.length ? 'every kernel' : names.join(', ')}]`);

  // Compile speed, of the kernels and of the larger compile-only modules.
  out.push('');
  const modules = [...kernels.map((kernel) => ({ name: kernel, file: wasmFile(kernel, dir) })),
                   ...corpus.map((file) => ({ name: path.basename(file), file }))];
  const compileRows = modules.map((module) => {
    const measured = measureCompile(module.file, dir, settings);
    const bytes = measured.ours.code_bytes || measured.liftoff.code_bytes || 'n/a';
    const show = (fields, key) => (fields[key] === undefined ? 'n/a' : fields[key]);
    return [module.name, bytes, show(measured.ours, 'compile_ms'), show(measured.ours, 'code_mb_per_s'),
            show(measured.liftoff, 'compile_ms'), show(measured.liftoff, 'code_mb_per_s')];
  });
  out.push(...formatTable(['module', 'code bytes', 'ours compile ms', 'ours MB/s',
                           'liftoff compile ms', 'liftoff MB/s'], compileRows));
  out.push(`compile: median of ${settings.runs}, MB/s of code section. ours = wrt_module_new (decode, validate, ` +
           'and any compilation done there);');
  out.push(`liftoff = new WebAssembly.Module under node ${LIFTOFF_FLAGS.join(' ')} --single-threaded ` +
           '--no-wasm-lazy-compilation.');
  out.push('The kernels are tiny (fixed costs dominate)' +
           (corpus.length ? `; ${corpus.map((file) => path.basename(file)).join(', ')} ` +
                            '(compiled only) measure(s) throughput.' : '.'));

  if (startup) {
    const measured = measureStartup(dir, settings);
    out.push('');
    out.push(...measured.lines);
    failures.push(...measured.failures);
  }

  if (boundary) {
    const measured = measureBoundary(boundary, dir, settings);
    out.push('');
    out.push(...measured.lines);
    failures.push(...measured.failures);
  }

  let worst = { value: -1 }, busiest = { value: -1 };
  for (const row of rows)
    for (const engine of ENGINES) {
      const result = row.results[engine.key];
      const where = `${row.kernel}/${engine.key}`;
      if (spread(result) > worst.value) worst = { value: spread(result), where };
      if (result.wallOverCpu > busiest.value) busiest = { value: result.wallOverCpu, where };
    }
  if (worst.value >= 0)
    out.push(`noise: worst spread of timed runs (max-min)/median = ${(worst.value * 100).toFixed(0)}% ` +
             `(${worst.where}); worst wall/CPU time = ${busiest.value.toFixed(2)} (${busiest.where}: ` +
             'above ~1.05, other processes held the cores). The machine is shared: rerun if these are large.');

  if (failures.length) {
    out.push('');
    out.push(`FAILED (${failures.length}):`);
    for (const failure of failures) out.push(`  ${failure}`);
  }

  const text = out.join('\n') + '\n';
  process.stdout.write(text);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.txt'), text);
  // The same rows as data, and the chart drawn from them.
  const data = {
    date: startedAt.toISOString(), node: process.version, clock: settings.clock, runs: settings.runs,
    scale: settings.scale, loadBefore, loadAfter: os.loadavg()[0],
    engines: ENGINES.map((engine) => engine.key), ratios: RATIOS.map(([top, bottom]) => `${top}/${bottom}`),
    rows: rows.map((row) => ({
      row: row.kernel, n: row.n,
      ms: Object.fromEntries(ENGINES.map((engine) => [engine.key, ms(row, engine.key)])),
      ratios: Object.fromEntries(RATIOS.map(([top, bottom]) => [`${top}/${bottom}`, ms(row, top) / ms(row, bottom)])),
    })),
    geomeans: Object.fromEntries(RATIOS.map(([top, bottom]) =>
      [`${top}/${bottom}`, geometricMean(rows.map((row) => ms(row, top) / ms(row, bottom)))])),
  };
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(data, null, 1) + '\n');
  fs.writeFileSync(path.join(dir, 'ratios.svg'), require('./chart.js').ratiosChart(data));
  process.stdout.write(`(written to ${path.join(dir, 'results.txt')}, results.json and ratios.svg)\n`);
  process.exit(failures.length ? 1 : 0);
}

main();
