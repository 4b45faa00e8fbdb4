// node_call.js: itrun's command line in Node: calls one export through the Node loader and prints like itrun (for comparing outputs).
//   node tests/loader/node_call.js [--link NAME=ADAPTER.wasm]... [--console NAME]... ADAPTER.wasm EXPORT [ARGS...]
//   node tests/loader/node_call.js --calls CALLS_FILE ADAPTER_DIR OUT_DIR
//
// Arguments are read by the export's IT signature the way itrun reads them
// (docs/loader.md); the result is printed with console.log, and imports from
// `console` and the --console modules print their arguments like console.log.
//
// --calls runs every call of an example's calls.txt (the format is in
// docs/loader.md, "Examples"; loader/itrun/calls.sh is the native side),
// adapter paths relative to ADAPTER_DIR, each in a fresh set of instances,
// and writes what call N prints to OUT_DIR/N: its output, then, if it failed,
// the error and "exit 1". loader/itrun/calls.sh writes the same files from itrun.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const loader = require('../../loader/js/it_loader.js');

// One value of IT type `type` (a descriptor) from its command-line text, as
// itrun reads it: at the top level a string, char or enum is the text
// itself; every other value is written as in JS ({ x: 1 }, [1, 2], 'a', 7n,
// undefined), which this test tool evaluates as JS.
function parseArgument(type, text) {
  switch (type.kind) {
    case 'string': case 'char': case 'enum': return text;
    case 'bool': return text === 'true' || text === '1';
    case 'int64': return BigInt(text.replace(/n$/, ''));
    case 'int32': case 'float': return Number(text);
    default: return new Function(`return (${text});`)();
  }
}

// Runs one itrun command line (an array of words) with adapters relative to
// `dir`; `print` receives each line it prints.
function runCommand(words, dir, print) {
  const consoles = ['console'];
  const links = [];
  let i = 0;
  for (; i < words.length && words[i].startsWith('--'); i++) {
    const equals = words[i].indexOf('=');
    const option = equals < 0 ? words[i] : words[i].slice(0, equals);
    const value = equals < 0 ? words[++i] : words[i].slice(equals + 1);
    if (option === '--console') consoles.push(value);
    else if (option === '--link') {
      const split = value.indexOf('=');
      links.push([value.slice(0, split), value.slice(split + 1)]);
    } else throw new Error(`unknown option ${option}`);
  }
  const [file, name, ...texts] = words.slice(i);
  const imports = {};
  // Every import from a console module prints its arguments (any adapter of the call).
  const serveConsoles = (adapterFile) => {
    for (const entry of loader.readInterface(adapterFile).imports)
      if (consoles.includes(entry.module))
        (imports[entry.module] = imports[entry.module] || {})[entry.name] =
          (...args) => print(util.format(...args));
  };
  for (const [linkName, linkFile] of links) {
    const resolved = path.resolve(dir, linkFile);
    serveConsoles(resolved);
    imports[linkName] = loader.instantiateSync(resolved, { ...imports });
  }
  const resolved = path.resolve(dir, file);
  serveConsoles(resolved);
  const entry = loader.readInterface(resolved).exports.find((e) => e.name === name);
  if (!entry) throw new Error(`no export ${name}`);
  const args = texts.map((text, k) => parseArgument(entry.paramTypes[k], text));
  let result;
  try {
    result = loader.instantiateSync(resolved, imports)[name](...args);
  } catch (error) {
    // An err of a result<T, E> result: itrun prints the payload the same way.
    if (error instanceof loader.ComponentError) throw new Error(`${error.message.replace(/: .*$/, '')}: ${util.inspect(error.payload)}`);
    throw error;
  }
  if (entry.results.length > 0) print(util.format(result));
}

// The calls of a calls.txt: one itrun command line a line, words separated
// by '|', <empty> for an empty word; blank lines and '#' comments skipped.
function readCalls(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('|').map((word) => (word === '<empty>' ? '' : word)));
}

function main(argv) {
  if (argv[0] === '--calls') {
    const [, callsFile, dir, outDir] = argv;
    fs.mkdirSync(outDir, { recursive: true });
    readCalls(callsFile).forEach((words, k) => {
      const lines = [];
      try {
        runCommand(words, dir, (line) => lines.push(line));
      } catch (error) {
        lines.push(`error: ${error.message}`, 'exit 1');
      }
      fs.writeFileSync(path.join(outDir, String(k + 1)), lines.map((line) => `${line}\n`).join(''));
    });
    return;
  }
  runCommand(argv, process.cwd(), (line) => console.log(line));
}

main(process.argv.slice(2));
