// main.js: runs the fizzbuzz example in Node: three adapted components, fizzbuzz importing fizz and buzz.
//   node examples/fizzbuzz/main.js [ADAPTER_DIR]   (default: build/examples/fizzbuzz)
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

async function main() {
  const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'fizzbuzz');
  const fizz = await loader.instantiate(path.join(dir, 'it_fizz.wasm'), {});
  const buzz = await loader.instantiate(path.join(dir, 'it_buzz.wasm'), {});
  // fizz and buzz are passed as whole components: their exports go straight
  // through to fizzbuzz's imports, with no JS in between.
  const fizzbuzz = await loader.instantiate(path.join(dir, 'it_fizzbuzz.wasm'), {
    fizz,
    buzz,
    console: { log: (text) => console.log(text) },
  });
  console.log(`fizz.isFizz(9) = ${fizz.isFizz(9)}, fizz.fizzStr() = ${JSON.stringify(fizz.fizzStr())}`);
  console.log(`buzz.isBuzz(9) = ${buzz.isBuzz(9)}, buzz.buzzStr() = ${JSON.stringify(buzz.buzzStr())}`);
  fizzbuzz.fizzbuzz(20);
}

main().catch((error) => {
  console.error(`fizzbuzz: ${error.message}`);
  process.exitCode = 1;
});
