// main.ts: main.js in TypeScript, typed by the declarations `itlc --emit-dts` writes beside
// the adapters (it_fizz.d.ts, it_buzz.d.ts, it_fizzbuzz.d.ts; loader/js/README.md,
// "TypeScript declarations"). Suite `bindings` type-checks it with tsc --strict, runs the
// JavaScript tsc makes of it and compares its output with expected.txt.
//   node main.js [ADAPTER_DIR]   (tsc's output; default: build/examples/fizzbuzz)
import type { FizzExports } from './it_fizz';
import type { BuzzExports } from './it_buzz';
import type { FizzbuzzExports, FizzbuzzImports } from './it_fizzbuzz';

// The loader is plain JavaScript: say what this host uses of it.
interface Loader {
  instantiate(path: string, imports: object): Promise<unknown>;
}
const path: { join(...parts: string[]): string } = require('node:path');
const loader: Loader = require('../../loader/js/it_loader.js');

async function main(): Promise<void> {
  const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'fizzbuzz');
  const fizz = (await loader.instantiate(path.join(dir, 'it_fizz.wasm'), {})) as FizzExports;
  const buzz = (await loader.instantiate(path.join(dir, 'it_buzz.wasm'), {})) as BuzzExports;
  // fizz and buzz are whole components: their exports have the signatures fizzbuzz imports.
  const imports: FizzbuzzImports = {
    fizz,
    buzz,
    console: { log: (text) => console.log(text) }, // text: string
  };
  const fizzbuzz = (await loader.instantiate(path.join(dir, 'it_fizzbuzz.wasm'), imports)) as FizzbuzzExports;
  const nine: boolean = fizz.isFizz(9);
  console.log(`fizz.isFizz(9) = ${nine}, fizz.fizzStr() = ${JSON.stringify(fizz.fizzStr())}`);
  console.log(`buzz.isBuzz(9) = ${buzz.isBuzz(9)}, buzz.buzzStr() = ${JSON.stringify(buzz.buzzStr())}`);
  fizzbuzz.fizzbuzz(20);
}

main().catch((error: Error) => {
  console.error(`fizzbuzz: ${error.message}`);
  process.exitCode = 1;
});
