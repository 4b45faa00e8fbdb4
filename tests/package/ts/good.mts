// good.mts: the loader's API used as documented, from an ES module: must type-check (strict).
import loader, {
  instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS,
  type Component, type InstantiateOptions, type InstantiateSyncOptions, type Interface, type TypeDescriptor,
} from 'it-loader';

// A component's exports, as itlc --emit-dts (or a person) writes them.
interface Fizz {
  isFizz(n: number): boolean;
  fizzStr(): string;
}

const fizz = await instantiate<Fizz>('it_fizz.wasm', {});
const is_fizz: boolean = fizz.isFizz(9);
const text: string = fizz.fizzStr();

// every kind of source
const bytes = new Uint8Array(8);
await instantiate(new URL('https://example.com/it_fizz.wasm'));
await instantiate(bytes.buffer, null, null);
await instantiate(new DataView(bytes.buffer));
await instantiate(fetch('it_fizz.wasm'));
await instantiate(await fetch('it_fizz.wasm'));
await instantiate(new WebAssembly.Module(bytes));
await instantiate(Promise.resolve(bytes));

const options: InstantiateOptions = {
  wasi: { args: ['prog'], env: { HOME: '/' }, preopens: { '/data': 'data' }, stdio: [0, 1, 2] },
  modules: { 'fizz.wasm': bytes, 'buzz.wasm': new WebAssembly.Module(bytes), 'other.wasm': new Response(bytes) },
  resolve: (path, location) => (location === undefined ? fetch(new URL(path, 'https://example.com/')) : undefined),
};
const fizzbuzz: Component = await instantiate('it_fizzbuzz.wasm', {
  fizz,                                   // another component
  buzz: { isBuzz: fizz.isFizz, buzzStr: () => 'Buzz' },
  console: { log: (line: string) => console.log(line) },
}, options);
fizzbuzz.fizzbuzz(20);

// imports declared by an interface (no index signature), as generated declarations have them
interface FizzbuzzImports {
  fizz: Fizz;
  buzz: { isBuzz(n: number): boolean; buzzStr(): string };
  console: { log(text: string): void };
}
const declared: FizzbuzzImports = { fizz, buzz: { isBuzz: (n) => n % 5 === 0, buzzStr: () => 'Buzz' }, console };
await instantiate('it_fizzbuzz.wasm', declared);

const sync_options: InstantiateSyncOptions = {
  modules: new Map([['fizz.wasm', bytes]]),
  resolve: (path) => (path === 'fizz.wasm' ? bytes : null),
};
const again = instantiateSync<Fizz>(bytes, undefined, sync_options);
again.isFizz(3);

// readInterface's result, walked
const iface: Interface = readInterface(bytes);
const describe = (type: TypeDescriptor): string => type.members === null
  ? `${type.prim.name} (${type.kind}, ${type.size} bytes)`
  : `${type.kind} of ${type.members.map((m) => `${m.label}: ${m.type ? describe(m.type) : '_'}`).join(', ')}`;
const lines: string[] = [
  `${iface.component} v${iface.version}`,
  ...iface.exports.map((e) => `${e.name}(${e.params.join(', ')}) -> ${e.resultTypes.map(describe).join(', ')}`),
  ...iface.imports.map((i) => `${i.module}.${i.name}`),
  ...iface.modules.map((m) => `${m.path}: ${m.imports.map((w) => `${w.module}.${w.name} <- ${w.shim}`).join(', ')}`),
];

try {
  fizz.fizzStr();
} catch (error) {
  if (error instanceof ComponentError) console.log(error.payload, error.name === 'ComponentError');
}
const versions: readonly number[] = SUPPORTED_VERSIONS;
const same: typeof instantiate = loader.instantiate;

export { is_fizz, text, lines, versions, same };
