// testsuite.js: runs the official WASI preview1 test suite against a runner command.
//
// Usage: node tests/wasi/testsuite.js [--known FILE] [--filter SUBSTRING] [--timeout SECONDS]
//                                     TESTSUITE_DIR -- RUNNER_COMMAND...
//
// Tests are TESTSUITE_DIR/tests/{c,rust,assemblyscript}/testsuite/wasm32-wasip1/X.wasm,
// named SUITE/X (e.g. rust/path_link), each with an optional X.json specification read as
// TESTSUITE_DIR/doc/specification.md says. For each test, in sorted order:
//   1. every `*.cleanup` file or directory in the test's folder and in its root directory
//      is removed (again after the run, so the suite's tree is left as it was found);
//   2. `RUNNER_COMMAND... [--dir ROOT::/] [--env NAME=VALUE]... X.wasm ARGS...` is run in
//      the test's folder, stdin empty, killed after --timeout seconds (default 30); words
//      of RUNNER_COMMAND that are relative paths to existing files are made absolute first,
//      so `-- node tests/wasi/node_wasi.js` or `-- build/wrun` work from the project root;
//   3. its exit code, stdout and stderr are compared byte for byte with the specification.
// Each failure prints `FAIL SUITE/X: why`, then a summary `N passed, M failed, K known
// failures`; the exit status is 1 if any test failed unexpectedly, 2 on a usage error or
// when the runner cannot be started.
//
// How the root directory is passed: as the guest's `/`, `--dir ROOT::/`, ROOT being the
// spec's `root` made absolute from the test's folder. Evidence: the specification ("preopen
// this directory as the WASI guest's root filesystem (`/`); some engines use a `--dir
// host::/` flag"); upstream adapters/wasmtime.py passes `--dir {root}::/` and
// adapters/wasm-micro-runtime.py `--map-dir=/::{root}`; the Rust tests' helper
// (tests/rust/wasm32-wasip1/src/lib.rs, root_directory()) walks the preopens from fd 3 and
// takes the one whose name is exactly "/", failing with "failed to find scratch dir"
// otherwise (that string is in every Rust .wasm); their .json files give "args": [], so no
// directory name is passed as an argument. The C tests use wasi-libc, whose relative paths
// resolve from "/", the same preopen.
//
// Specifications: the legacy form (args, env, root, exit_code, stdout, stderr; defaults [],
// {}, null, 0) becomes the operations run, read stdout, read stderr, wait, as in the upstream
// runner, which adds a read only for a stdout or stderr the spec gives. So an output the spec
// does not give is not checked: rust/stdio, rust/poll_oneoff_stdio and rust/path_open_preopen
// print engine-dependent diagnostics that their .json leaves out, yet upstream's
// expectations/wasmtime/linux.toml lists no preview1 failure. A stream that is read is checked exactly: its reads must match its bytes
// in order and, at `wait`, have consumed all of it (upstream checks only a prefix). `run`
// runs the program to its end at once (nothing talks to it meanwhile); `wait` checks the
// exit code. A test needing `proposals` (sockets, http), another world, servers, or the
// operations connect/send/recv/write/request/kill fails with that reason: none is offered.
//
// Known failures (--known FILE): one line per test, `SUITE/X  reason text`; `#` starts a
// comment, blank lines are ignored. A known test that fails is counted apart with its
// reason; one that passes is a failure ("now passes: remove it from the known list"); a
// name that is not a test is an error.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SUITES = ['c', 'rust', 'assemblyscript'];
const LEGACY_FIELDS = ['args', 'env', 'root', 'exit_code', 'stdout', 'stderr'];
const OPERATION_FIELDS = ['operations', 'proposals', 'world', 'servers'];
const CUT = 200;

function fatal(message) {
  process.stderr.write(`testsuite: ${message}\n`);
  process.exit(2);
}

function parse_command_line(argv) {
  const options = { known: null, filter: '', timeout: 30 };
  const end = argv.indexOf('--');
  if (end < 0 || end === argv.length - 1) fatal('usage: node testsuite.js [--known FILE] ' +
    '[--filter SUBSTRING] [--timeout SECONDS] TESTSUITE_DIR -- RUNNER_COMMAND...');
  const words = argv.slice(0, end);
  while (words.length > 1 && words[0].startsWith('--')) {
    const [option, value] = words.splice(0, 2);
    if (option === '--known') options.known = value;
    else if (option === '--filter') options.filter = value;
    else if (option === '--timeout' && Number(value) > 0) options.timeout = Number(value);
    else fatal(`bad option '${option} ${value}'`);
  }
  if (words.length !== 1) fatal(`expected one TESTSUITE_DIR before '--', got '${words.join(' ')}'`);
  options.dir = words[0];
  options.command = argv.slice(end + 1).map((word) =>
    !path.isAbsolute(word) && word.includes('/') && fs.existsSync(word) ? path.resolve(word) : word);
  return options;
}

// Returns a Map from SUITE/X to its reason.
function load_known(file) {
  const known = new Map();
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    const text = line.replace(/#.*/, '').trim();
    if (!text) return;
    const match = /^(\S+)\s+(\S.*)$/.exec(text);
    if (!match) fatal(`${file}:${index + 1}: expected 'SUITE/NAME  reason'`);
    known.set(match[1], match[2]);
  });
  return known;
}

function find_tests(dir) {
  const tests = [];
  for (const suite of SUITES) {
    const folder = path.resolve(dir, 'tests', suite, 'testsuite', 'wasm32-wasip1');
    if (!fs.existsSync(folder)) fatal(`${folder}: no such test folder`);
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.wasm')).sort()) {
      const name = file.slice(0, -'.wasm'.length);
      tests.push({ id: `${suite}/${name}`, folder, name });
    }
  }
  return tests;
}

// Returns { operations, error }: error says why the spec cannot be run here.
function load_spec(test) {
  const file = path.join(test.folder, `${test.name}.json`);
  let spec = {};
  try {
    if (fs.existsSync(file)) spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { error: `bad spec: ${error.message}` };
  }
  const keys = Object.keys(spec);
  const unknown = keys.filter((k) => !LEGACY_FIELDS.includes(k) && !OPERATION_FIELDS.includes(k));
  if (unknown.length) return { error: `bad spec: unknown field(s) ${unknown.join(', ')}` };
  if (!keys.some((k) => OPERATION_FIELDS.includes(k))) {
    const operations = [{ type: 'run', args: spec.args, env: spec.env, root: spec.root }];
    if (spec.stdout != null) operations.push({ type: 'read', id: 'stdout', payload: spec.stdout });
    if (spec.stderr != null) operations.push({ type: 'read', id: 'stderr', payload: spec.stderr });
    operations.push({ type: 'wait', exit_code: spec.exit_code });
    return { operations };
  }
  if (keys.some((k) => LEGACY_FIELDS.includes(k))) return { error: 'bad spec: legacy and operation fields mixed' };
  if (spec.proposals?.length) return { error: `needs proposal(s) ${spec.proposals.join(', ')}: not supported` };
  if (spec.world && spec.world !== 'wasi:cli/command') return { error: `world ${spec.world} not supported` };
  if (spec.servers?.length) return { error: 'servers not supported' };
  return { operations: spec.operations ?? [{ type: 'run' }, { type: 'wait' }] };
}

// Removes every *.cleanup entry under dir; does not follow symbolic links.
function remove_cleanup(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name.endsWith('.cleanup')) fs.rmSync(full, { recursive: true, force: true });
    else if (entry.isDirectory()) remove_cleanup(full);
  }
}

function escape(bytes) {
  const text = JSON.stringify(bytes.toString('utf8'));
  return text.length > CUT ? `${text.slice(0, CUT)}...` : text;
}

// Says where `actual` (from offset on) first differs from `expected`.
function describe_difference(stream, actual, offset, expected) {
  let at = 0;
  while (at < expected.length && offset + at < actual.length && actual[offset + at] === expected[at]) at++;
  const from = Math.max(0, at - 20);
  return `${stream} differs at byte ${offset + at}: expected ${escape(expected.subarray(from))}, ` +
         `got ${escape(actual.subarray(offset + from))}`;
}

// Runs one `run` operation; returns { stdout, stderr, status, error } or exits 2 on a spawn error.
function run_program(test, operation, options) {
  const argv = [...options.command.slice(1)];
  if (operation.root != null) argv.push('--dir', `${path.resolve(test.folder, operation.root)}::/`);
  for (const [name, value] of Object.entries(operation.env ?? {})) argv.push('--env', `${name}=${value}`);
  argv.push(`${test.name}.wasm`, ...(operation.args ?? []));
  const result = spawnSync(options.command[0], argv, {
    cwd: test.folder, input: '', timeout: options.timeout * 1000, killSignal: 'SIGKILL',
    maxBuffer: 256 << 20,
  });
  if (result.error && result.error.code !== 'ETIMEDOUT') {
    fatal(`cannot run '${options.command.join(' ')}': ${result.error.message}`);
  }
  let error = null;
  if (result.error) error = `timed out after ${options.timeout} s`;
  else if (result.signal) error = `killed by ${result.signal}`;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, error };
}

// Runs a test; returns null if it passes, else why it fails.
function run_test(test, options) {
  const spec = load_spec(test);
  if (spec.error) return spec.error;
  const roots = spec.operations.filter((op) => op.type === 'run' && op.root != null)
    .map((op) => path.resolve(test.folder, op.root));
  [test.folder, ...roots].forEach(remove_cleanup);
  try {
    let program = null;
    let failure = null;
    for (const operation of spec.operations) {
      if (operation.type !== 'run' && !program) return `bad spec: '${operation.type}' before 'run'`;
      if (operation.type === 'run') {
        if (program) return "bad spec: 'run' before the previous 'wait'";
        program = run_program(test, operation, options);
        program.read = { stdout: null, stderr: null };
        if (program.error) return `${program.error}; stderr ${escape(program.stderr)}`;
      } else if (operation.type === 'read') {
        const stream = operation.id ?? 'stdout';
        if (!(stream in program.read)) return `bad spec: read from '${stream}'`;
        const expected = Buffer.from(operation.payload ?? '', 'utf8');
        const offset = program.read[stream] ?? 0;
        const actual = program[stream];
        if (!failure && !actual.subarray(offset, offset + expected.length).equals(expected)) {
          failure = describe_difference(stream, actual, offset, expected);
        }
        program.read[stream] = offset + expected.length;
      } else if (operation.type === 'wait') {
        const expected = operation.exit_code ?? 0;
        if (program.status !== expected) {
          return `exit code ${program.status}, expected ${expected}; stderr ${escape(program.stderr)}`;
        }
        for (const stream of ['stdout', 'stderr']) {
          if (!failure && program.read[stream] !== null && program.read[stream] < program[stream].length) {
            failure = describe_difference(stream, program[stream], program.read[stream], Buffer.alloc(0));
          }
        }
        if (failure) return failure;
        program = null;
      } else {
        return `operation '${operation.type}' not supported`;
      }
    }
    return program ? "bad spec: 'run' without 'wait'" : null;
  } finally {
    [test.folder, ...roots].forEach(remove_cleanup);
  }
}

function main() {
  const options = parse_command_line(process.argv.slice(2));
  const tests = find_tests(options.dir);
  const known = options.known ? load_known(options.known) : new Map();
  for (const id of known.keys()) {
    if (!tests.some((test) => test.id === id)) fatal(`${options.known}: '${id}' is not a test`);
  }
  let passed = 0;
  let failed = 0;
  const known_failures = [];
  for (const test of tests.filter((t) => t.id.includes(options.filter))) {
    let why = run_test(test, options);
    if (known.has(test.id)) {
      if (why) {
        known_failures.push(`KNOWN ${test.id}: ${known.get(test.id)} (${why.slice(0, CUT)})`);
        continue;
      }
      why = 'now passes: remove it from the known list';
    }
    if (why) {
      failed++;
      console.log(`FAIL ${test.id}: ${why}`);
    } else {
      passed++;
    }
  }
  known_failures.forEach((line) => console.log(line));
  console.log(`${passed} passed, ${failed} failed, ${known_failures.length} known failures`);
  process.exitCode = failed ? 1 : 0;
}

main();
