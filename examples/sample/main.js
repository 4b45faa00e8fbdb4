// main.js: seed 004's sample host in Node: calls every function of the sample
// component (sample.itl over sample.c) and prints the lines of the seed's
// expected output (expected.txt), as its C++ host does against wasmtime.
//   node examples/sample/main.js build/examples/sample
// main.c prints the same natively.
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'sample');

// A double as C++'s std::cout prints it (printf's %g: six significant digits).
function g6(x) {
  return x.toPrecision(6).replace(/\.?0+(e|$)/, '$1').replace(/e\+?(-?)(\d)$/, 'e$1+0$2');
}

const sample = loader.instantiateSync(path.join(dir, 'it_sample.wasm'), {
  logging: { log: (text) => console.log(text) },
});

console.log('=== Testing Guest Functions ===\n');

console.log('--- String Functions ---');
console.log(`call_reverse("Hello World!"): ${sample.reverse('Hello World!')}`);
console.log(`call_reverse(call_reverse("Hello World!")): ${sample.reverse(sample.reverse('Hello World!'))}`);

console.log('\n--- Variant Functions ---');
console.log(`variant_func((uint32_t)40): ${sample.variantFunc({ tag: 'n', val: 40 })}`);
console.log(`variant_func((bool_t)true): ${sample.variantFunc({ tag: 'b', val: true })}`);
console.log(`variant_func((bool_t)false): ${sample.variantFunc({ tag: 'b', val: false })}`);

console.log('\n--- Option Functions ---');
const some = sample.optionFunc(40);
console.log(`option_func((uint32_t)40).has_value(): ${some === undefined ? 0 : 1}`);
console.log(`option_func((uint32_t)40).value(): ${some}`);
console.log(`option_func(std::nullopt).has_value(): ${sample.optionFunc(undefined) === undefined ? 0 : 1}`);

console.log('\n--- Void Functions ---');
sample.voidFunc();

console.log('\n--- Result Functions ---');
console.log(`ok_func result: ${sample.okFunc()}`);
try {
  sample.errFunc();
  console.log('err_func result: (no error)');
} catch (error) {
  if (!(error instanceof loader.ComponentError)) throw error;
  console.log(`err_func result: ${error.payload}`);
}

console.log('\n--- Boolean Functions ---');
for (const [a, b] of [[false, false], [false, true], [true, false], [true, true]]) {
  console.log(`call_and(${a}, ${b}): ${sample.and(a, b) ? 1 : 0}`);
}

console.log('\n--- Float Functions ---');
const max = Number.MAX_VALUE;
console.log(`call_add(3.1, 0.2): ${g6(sample.add(3.1, 0.2))}`);
console.log(`call_add(1.5, 2.5): ${g6(sample.add(1.5, 2.5))}`);
console.log(`call_add(DBL_MAX, 0.0): ${g6(sample.add(max / 2, 0))}`);
console.log(`call_add(DBL_MAX / 2, DBL_MAX / 2): ${g6(sample.add(max / 2, max / 2))}`);

console.log('\n--- Complex String Functions ---');
const strings = Array.from({ length: 17 }, (_, i) => `p${i + 1}`);
console.log(`call_lots result: ${sample.lots(...strings)}`);

console.log('\n--- Tuple Functions ---');
const [text, flag] = sample.reverseTuple([false, 'Hello World!']);
console.log(`call_reverse_tuple({false, "Hello World!"}): ${text}, ${flag ? 1 : 0}`);

console.log('\n--- List Functions ---');
const kept = sample.listFilter([{ tag: 'b', val: true }, { tag: 's', val: 'Hello' },
  { tag: 'b', val: false }, { tag: 's', val: 'World' }]);
console.log(`call_list_filter result: ${kept.length}`);

console.log('\n--- Enum Functions ---');
for (const e of ['a', 'b', 'c']) console.log(`enum_func(e::${e}): ${sample.enumFunc(e)}`);

console.log('\n--- Record and Flags Functions ---');
const p = sample.scale({ x: 1.5, y: -2 }, 2);
console.log(`scale({1.5, -2}, 2): {${g6(p.x)}, ${g6(p.y)}}`);
const flags = sample.toggle({ read: true });
console.log(`toggle({read}): {${Object.keys(flags).filter((k) => flags[k]).join(', ')}}`);

console.log('\n=== Cleanup and Summary ===');
console.log('Sample completed successfully!');
