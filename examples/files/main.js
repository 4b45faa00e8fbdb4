// main.js: the Node host of the files example: a component whose C core reads files with stdio, given WASI and one directory.
//   node main.js [DIR]   DIR holds it_notes.wasm and notes.wasm (default: this file's directory)
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

async function main() {
  const dir = process.argv[2] || __dirname;
  // The core module sees examples/files/data as /data, and nothing else.
  const notes = await loader.instantiate(path.join(dir, 'it_notes.wasm'), {}, {
    wasi: { preopens: { '/data': path.join(__dirname, 'data') } },
  });
  console.log(notes.lineCount('notes.txt'));         // [core] /data/notes.txt has 4 lines, then 4
  console.log(notes.find('notes.txt', 'module'));    // the three lines with "module"
  console.log(notes.lineCount('../secret.txt'));     // [core] cannot open ...: outside the sandbox, then -1
}

main().catch((error) => {
  console.error(`files: ${error.message}`);
  process.exitCode = 1;
});
