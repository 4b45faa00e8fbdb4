// node_wasi.js: a reference WASI preview1 runner built on Node's own `node:wasi`.
//
// Usage: node tests/wasi/node_wasi.js [--dir HOST[::GUEST]]... [--env NAME=VALUE]...
//                                     PROG.wasm [ARGS...]
//
// It takes the command line wrun takes, so tests/wasi/testsuite.js can run the
// official WASI test suite against it and give a reference figure to compare
// wrun's with:
//   --dir HOST[::GUEST]  preopen the host directory HOST as the guest path GUEST
//                        (GUEST defaults to HOST); repeatable.
//   --env NAME=VALUE     put NAME=VALUE in the guest's environment, which holds
//                        nothing else; repeatable.
//   PROG.wasm ARGS...    the program; its args[0] is PROG.wasm as given.
// Options stop at the first word that is not one, so ARGS may start with "--".
//
// Exit status:
//   the program's exit code (proc_exit or returning from _start: 0);
//   134 after a trap, printed as `node_wasi: PROG: trap: MESSAGE` on stderr.
//       134 (128 + SIGABRT) is what wasmtime, the suite's reference engine,
//       exits with after a trap on Unix; any nonzero status fails the suite's
//       tests alike, none of which expects a trap;
//   2 for a usage error or a module that cannot be read, compiled or linked.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// Node prints an ExperimentalWarning for node:wasi on stderr; the test suite
// compares stderr byte for byte, so warnings are silenced before loading it.
process.removeAllListeners('warning');
const { WASI } = require('node:wasi');

const NAME = 'node_wasi';

function fail(message, status) {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(status);
}

function usage(message) {
  fail(`${message}\nusage: node ${path.basename(__filename)} [--dir HOST[::GUEST]]... ` +
       '[--env NAME=VALUE]... PROG.wasm [ARGS...]', 2);
}

// Reads the options; returns { preopens, env, program, args }.
function parse_command_line(argv) {
  const preopens = {};
  const env = {};
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('--'); i += 2) {
    const option = argv[i];
    const value = argv[i + 1];
    if (option !== '--dir' && option !== '--env') usage(`unknown option '${option}'`);
    if (value === undefined) usage(`${option} needs a value`);
    if (option === '--dir') {
      const split = value.indexOf('::');
      const host = split < 0 ? value : value.slice(0, split);
      const guest = split < 0 ? value : value.slice(split + 2);
      if (!host || !guest) usage(`--dir '${value}': empty directory name`);
      if (!fs.statSync(host, { throwIfNoEntry: false })?.isDirectory()) {
        fail(`--dir '${value}': ${host} is not a directory`, 2);
      }
      preopens[guest] = host;
    } else {
      const split = value.indexOf('=');
      if (split <= 0) usage(`--env '${value}': expected NAME=VALUE`);
      env[value.slice(0, split)] = value.slice(split + 1);
    }
  }
  if (i >= argv.length) usage('no program given');
  return { preopens, env, program: argv[i], args: argv.slice(i + 1) };
}

function main() {
  const { preopens, env, program, args } = parse_command_line(process.argv.slice(2));
  let instance;
  let wasi;
  try {
    const module = new WebAssembly.Module(fs.readFileSync(program));
    wasi = new WASI({ version: 'preview1', args: [program, ...args], env, preopens, returnOnExit: true });
    instance = new WebAssembly.Instance(module, wasi.getImportObject());
  } catch (error) {
    fail(`${program}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, 2);
  }
  let status;
  try {
    status = wasi.start(instance);
  } catch (error) {
    // WebAssembly.RuntimeError for a trap, RangeError for a stack overflow.
    fail(`${program}: trap: ${error.message}`, 134);
  }
  process.exitCode = status;
}

main();
