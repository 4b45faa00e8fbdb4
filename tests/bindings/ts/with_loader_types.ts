// with_loader_types.ts: the declarations itlc writes, given to the loader's own types
// (loader/js/it_loader.d.ts: instantiate<T>, its Imports) as a host would write it. Suite
// `bindings` type-checks it with tsc --strict and lib "dom" (which those types need); it is
// not run.
import { ComponentError, instantiate, instantiateSync } from '../../../loader/js/it_loader.js';
import type { BuzzExports } from './it_buzz';
import type { FizzExports } from './it_fizz';
import type { FizzbuzzExports, FizzbuzzImports } from './it_fizzbuzz';
import type { KvExports, Person } from './it_kv';

async function main(): Promise<void> {
  const fizz = await instantiate<FizzExports>('it_fizz.wasm', {});
  const buzz = instantiateSync<BuzzExports>('it_buzz.wasm', {});
  const imports: FizzbuzzImports = { fizz, buzz, console: { log: (text) => console.log(text) } };
  const fizzbuzz = await instantiate<FizzbuzzExports>('it_fizzbuzz.wasm', imports);
  const nine: boolean = fizz.isFizz(9);
  fizzbuzz.fizzbuzz(nine ? 3 : 5);
  const kv = instantiateSync<KvExports>('it_kv.wasm', {});
  try {
    const person: Person = kv.parseRow('Ada,36');
    console.log(person.name);
  } catch (error) {
    if (error instanceof ComponentError) console.log(error.payload);
  }
}
void main;
