// main.ts: main.js in TypeScript, typed by it_greeter.d.ts, which `itlc --emit-dts greeter.itl`
// writes (loader/js/README.md, "TypeScript declarations"). Suite `bindings` type-checks it with
// tsc --strict, runs the JavaScript tsc makes of it and compares its output with expected.txt.
//   node main.js [DIR]   (tsc's output; DIR holds it_greeter.wasm and greeter.wasm)
import type { GreeterExports, GreeterImports } from './it_greeter';

interface Loader {
  instantiate(path: string, imports: object): Promise<unknown>;
}
const path: { join(...parts: string[]): string } = require('node:path');
const loader: Loader = require('../../loader/js/it_loader.js');

async function main(): Promise<void> {
  const dir = process.argv[2] || __dirname;
  const imports: GreeterImports = {
    console: { log: (text) => console.log(`[log] ${text}`) },
  };
  const greeter = (await loader.instantiate(path.join(dir, 'it_greeter.wasm'), imports)) as GreeterExports;
  const vowels: number = greeter.countVowels('Hello, world');
  console.log(vowels);                                // 3
  console.log(greeter.greet('Ada'));                  // [log] Hello, Ada!  then  Hello, Ada!
  console.log(greeter.shout('héllo wörld'));          // HéLLO WöRLD
}

main().catch((error: Error) => {
  console.error(`greeter: ${error.message}`);
  process.exitCode = 1;
});
