// node_only.mts: Node's own types with the loader's (a Buffer is bytes): must type-check (strict) with @types/node.
import { readFileSync } from 'node:fs';
import { instantiate } from 'it-loader';

const adapter: Buffer = readFileSync('it_fizz.wasm');
const fizz = await instantiate(adapter, {}, { modules: { 'fizz.wasm': readFileSync('fizz.wasm') } });
export default fizz;
