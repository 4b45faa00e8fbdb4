// main.ts: main.js in TypeScript, typed by it_kv.d.ts, which `itlc --emit-dts kv.itl` writes
// (loader/js/README.md, "TypeScript declarations"): get returns string | undefined, keys()
// Array<string>, parseRow a Person and nameOf a string, throwing a ComponentError for an err.
// Suite `bindings` type-checks it with tsc --strict, runs the JavaScript tsc makes of it and
// compares its output with expected.txt.
//   node main.js build/examples/kv   (tsc's output)
import type { KvExports, Person } from './it_kv';

interface Loader {
  instantiateSync(path: string, imports: object): unknown;
  ComponentError: new (where: string, payload: unknown) => Error & { payload: unknown };
}
const path: { join(...parts: string[]): string } = require('node:path');
const loader: Loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'kv');
const kv = loader.instantiateSync(path.join(dir, 'it_kv.wasm'), {}) as KvExports;

kv.set('language', 'C');
kv.set('engine', 'wrt');
kv.set('greeting', 'héllo 🎉');
kv.set('engine', 'wrt, a baseline JIT');
const engine: string | undefined = kv.get('engine');
console.log(`get("engine"): ${engine}`);
console.log(`get("greeting"): ${kv.get('greeting')}`);
console.log(`get("missing"): ${kv.get('missing')}`);
console.log(`keys(): ${kv.keys().join(', ')}`);
console.log(`remove("language"): ${kv.remove('language')}`);
console.log(`remove("language"): ${kv.remove('language')}`);
console.log(`keys(): ${kv.keys().join(', ')}`);

console.log(`getOr("engine", "none"): ${kv.getOr('engine', 'none')}`);
console.log(`getOr("missing", "none"): ${kv.getOr('missing', 'none')}`);
for (const line of ['Ada Lovelace,36,ada@example.org', 'Grace Hopper,x']) {
  try {
    const name: string = kv.nameOf(line);
    console.log(`nameOf(${JSON.stringify(line)}): ${name}`);
  } catch (error) {
    if (!(error instanceof loader.ComponentError)) throw error;
    console.log(`nameOf(${JSON.stringify(line)}) failed: ${error.payload}`);
  }
}

for (const line of ['Ada Lovelace,36,ada@example.org', 'Alan Turing,41', 'Grace Hopper,x', ',3', 'nobody']) {
  try {
    const p: Person = kv.parseRow(line);
    console.log(`parseRow(${JSON.stringify(line)}): ${p.name}, ${p.age}, ${p.email === undefined ? '(no email)' : p.email}`);
  } catch (error) {
    if (!(error instanceof loader.ComponentError)) throw error;
    console.log(`parseRow(${JSON.stringify(line)}) failed: ${error.payload}`);
  }
}
