// bad.mts: wrong calls of the loader's API: each line marked with a TS error code must fail with
// that error (tests/package/package.test.js checks the lines and codes), and no other line may fail.
import { instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS } from 'it-loader';

interface Fizz { isFizz(n: number): boolean }

await instantiate(42, {});                                                  // TS2345
await instantiate('it_fizz.wasm', 5);                                       // TS2345
instantiateSync(fetch('it_fizz.wasm'));                                     // TS2345
await instantiate('it_fizz.wasm', {}, { wasi: { args: 'prog' } });          // TS2322
await instantiate('it_fizz.wasm', {}, { wasi: { stdio: [0, 1] } });         // TS2322
await instantiate('it_fizz.wasm', {}, { modules: { 'fizz.wasm': 'fizz.wasm' } }); // TS2322
instantiateSync('it_fizz.wasm', {}, { resolve: async () => new Uint8Array(8) });  // TS2322
instantiateSync('it_fizz.wasm', {}, { modules: { 'fizz.wasm': new Response('') } }); // TS2322
await instantiate('it_fizz.wasm', {}, { resolve: (path: number) => undefined });  // TS2322
readInterface('it_fizz.wasm').exports[0].nam;                               // TS2551
const version: number = SUPPORTED_VERSIONS;                                 // TS2322
const payload: string = new ComponentError('f', 1).payload;                 // TS2322
const fizz = await instantiate<Fizz>('it_fizz.wasm');
fizz.isFizz('9');                                                           // TS2345
fizz.isBuzz(9);                                                             // TS2339

export { version, payload };
