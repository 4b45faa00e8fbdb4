// main.js: the Node host of the tutorial in docs/itl.md ("Your first component").
//   node main.js [DIR]   DIR holds it_greeter.wasm and greeter.wasm (default: this file's directory)
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

async function main() {
  const dir = process.argv[2] || __dirname;
  const greeter = await loader.instantiate(path.join(dir, 'it_greeter.wasm'), {
    console: { log: (text) => console.log(`[log] ${text}`) },
  });
  console.log(greeter.countVowels('Hello, world'));   // 3
  console.log(greeter.greet('Ada'));                  // [log] Hello, Ada!  then  Hello, Ada!
  console.log(greeter.shout('héllo wörld'));          // HéLLO WöRLD
}

main().catch((error) => {
  console.error(`greeter: ${error.message}`);
  process.exitCode = 1;
});
