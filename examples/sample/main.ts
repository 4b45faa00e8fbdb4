// main.ts: main.js in TypeScript, typed by it_sample.d.ts, which `itlc --emit-dts sample.itl`
// writes (loader/js/README.md, "TypeScript declarations"): the variant V and Item as tagged
// unions, the enum E as its labels, Perms as an object of booleans. Suite `bindings`
// type-checks it with tsc --strict, runs the JavaScript tsc makes of it and compares its
// output with expected.txt.
//   node main.js build/examples/sample   (tsc's output)
import type { E, Item, Perms, Point, SampleExports, SampleImports } from './it_sample';

interface Loader {
  instantiateSync(path: string, imports: object): unknown;
  ComponentError: new (where: string, payload: unknown) => Error & { payload: unknown };
}
const path: { join(...parts: string[]): string } = require('node:path');
const loader: Loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'sample');

// A double as C++'s std::cout prints it (printf's %g: six significant digits).
function g6(x: number): string {
  return x.toPrecision(6).replace(/\.?0+(e|$)/, '$1').replace(/e\+?(-?)(\d)$/, 'e$1+0$2');
}

const imports: SampleImports = { logging: { log: (text) => console.log(text) } };
const sample = loader.instantiateSync(path.join(dir, 'it_sample.wasm'), imports) as SampleExports;

console.log('=== Testing Guest Functions ===\n');

console.log('--- String Functions ---');
console.log(`call_reverse("Hello World!"): ${sample.reverse('Hello World!')}`);
console.log(`call_reverse(call_reverse("Hello World!")): ${sample.reverse(sample.reverse('Hello World!'))}`);

console.log('\n--- Variant Functions ---');
console.log(`variant_func((uint32_t)40): ${sample.variantFunc({ tag: 'n', val: 40 })}`);
console.log(`variant_func((bool_t)true): ${sample.variantFunc({ tag: 'b', val: true })}`);
console.log(`variant_func((bool_t)false): ${sample.variantFunc({ tag: 'b', val: false })}`);

console.log('\n--- Option Functions ---');
const some: number | undefined = sample.optionFunc(40);
console.log(`option_func((uint32_t)40).has_value(): ${some === undefined ? 0 : 1}`);
console.log(`option_func((uint32_t)40).value(): ${some}`);
console.log(`option_func(std::nullopt).has_value(): ${sample.optionFunc(undefined) === undefined ? 0 : 1}`);

console.log('\n--- Void Functions ---');
sample.voidFunc();

console.log('\n--- Result Functions ---');
const ok: number = sample.okFunc();
console.log(`ok_func result: ${ok}`);
try {
  sample.errFunc();
  console.log('err_func result: (no error)');
} catch (error) {
  if (!(error instanceof loader.ComponentError)) throw error;
  console.log(`err_func result: ${error.payload}`);
}

console.log('\n--- Boolean Functions ---');
const pairs: Array<[boolean, boolean]> = [[false, false], [false, true], [true, false], [true, true]];
for (const [a, b] of pairs) {
  console.log(`call_and(${a}, ${b}): ${sample.and(a, b) ? 1 : 0}`);
}

console.log('\n--- Float Functions ---');
const max = Number.MAX_VALUE;
console.log(`call_add(3.1, 0.2): ${g6(sample.add(3.1, 0.2))}`);
console.log(`call_add(1.5, 2.5): ${g6(sample.add(1.5, 2.5))}`);
console.log(`call_add(DBL_MAX, 0.0): ${g6(sample.add(max / 2, 0))}`);
console.log(`call_add(DBL_MAX / 2, DBL_MAX / 2): ${g6(sample.add(max / 2, max / 2))}`);

console.log('\n--- Complex String Functions ---');
const s = Array.from({ length: 17 }, (_, i) => `p${i + 1}`);
console.log(`call_lots result: ${sample.lots(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10],
  s[11], s[12], s[13], s[14], s[15], s[16])}`);

console.log('\n--- Tuple Functions ---');
const [text, flag]: [string, boolean] = sample.reverseTuple([false, 'Hello World!']);
console.log(`call_reverse_tuple({false, "Hello World!"}): ${text}, ${flag ? 1 : 0}`);

console.log('\n--- List Functions ---');
const items: Item[] = [{ tag: 'b', val: true }, { tag: 's', val: 'Hello' }, { tag: 'b', val: false },
  { tag: 's', val: 'World' }];
const kept: Array<string> = sample.listFilter(items);
console.log(`call_list_filter result: ${kept.length}`);

console.log('\n--- Enum Functions ---');
const cases: E[] = ['a', 'b', 'c'];
for (const e of cases) console.log(`enum_func(e::${e}): ${sample.enumFunc(e)}`);

console.log('\n--- Record and Flags Functions ---');
const p: Point = sample.scale({ x: 1.5, y: -2 }, 2);
console.log(`scale({1.5, -2}, 2): {${g6(p.x)}, ${g6(p.y)}}`);
const flags: Perms = sample.toggle({ read: true });
const names: Array<keyof Perms> = ['read', 'write', 'exec'];
console.log(`toggle({read}): {${names.filter((k) => flags[k]).join(', ')}}`);

console.log('\n=== Cleanup and Summary ===');
console.log('Sample completed successfully!');
