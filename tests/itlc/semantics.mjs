// tests/itlc/semantics.mjs: runs adapters itlc compiled (golden/conversions.itl,
// golden/arithmetic.itl, golden/compare.itl; no core modules, so no _it_runtime
// is needed) and checks what `as`, + - * / and the comparisons compute, against
// docs/itl.md.
// Usage: node semantics.mjs DIR_WITH_COMPILED_WASM. Prints "N passed, M failed".
import { readFileSync } from 'node:fs';

const dir = process.argv[2];
let passed = 0, failed = 0;
const types = 'u1 s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64'.split(' ');

async function load(name) {
    const { instance } = await WebAssembly.instantiate(readFileSync(`${dir}/${name}.wasm`), {});
    instance.exports._it_init();
    return instance.exports;
}

function same(a, b) {
    return Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function check(what, actual, expected) {
    if (same(actual, expected)) { passed++; return; }
    failed++;
    console.log(`FAIL: ${what}: got ${String(actual)}, want ${String(expected)}`);
}

// as: from_T(x) returns (as u1 x) ... (as i64 x); `want` maps target -> raw lowered value
// (i32 results read back signed, i64 ones as signed BigInt: the raw wasm view).
const conv = await load('conversions');
const cases = [
    ['s32', -1, { u1: 1, s8: -1, u8: 255, s16: -1, u16: 65535, s32: -1, u32: -1, s64: -1n, u64: -1n, f32: -1, f64: -1, i32: -1, i64: -1n }],
    ['s32', 0, { u1: 0, s8: 0, u8: 0, f64: 0 }],
    ['s32', 300, { u1: 1, s8: 44, u8: 44, s16: 300, u16: 300 }],
    ['s32', 200, { s8: -56, u8: 200 }],
    ['s32', 70000, { s16: 4464, u16: 4464 }],
    ['u32', -1, { s64: 4294967295n, u64: 4294967295n, i64: 4294967295n, f64: 4294967295, s32: -1, u8: 255 }],
    ['u8', 200, { s8: -56, s16: 200, s64: 200n, f32: 200 }],
    ['s8', -56, { u8: 200, u16: 65480, s16: -56, u32: -56, u64: -56n, f64: -56 }],
    ['u16', 65535, { s16: -1, s8: -1, u8: 255, s32: 65535 }],
    ['u1', 1, { s8: 1, s64: 1n, f32: 1, u8: 1 }],
    ['u64', -1n, { u1: 1, s8: -1, u8: 255, u32: -1, s64: -1n, f64: 18446744073709551615 }],
    ['u64', 0x100000000n, { u1: 1, u32: 0, s32: 0, u8: 0, f64: 4294967296 }],
    ['s64', -1n, { f64: -1, u16: 65535, s16: -1 }],
    ['f64', NaN, { u1: 1, s8: 0, u8: 0, s16: 0, u16: 0, s32: 0, u32: 0, s64: 0n, u64: 0n, i32: 0, i64: 0n, f32: NaN }],
    ['f64', 1e10, { u1: 1, s8: 127, u8: 255, s16: 32767, u16: 65535, s32: 2147483647, u32: -1, s64: 10000000000n, i32: 2147483647 }],
    ['f64', -5.7, { u1: 1, s8: -5, u8: 0, s16: -5, u16: 0, s32: -5, u32: 0, s64: -5n, u64: 0n }],
    ['f64', -1e300, { s8: -128, s16: -32768, s32: -2147483648, s64: -9223372036854775808n, f32: -Infinity }],
    ['f64', 0, { u1: 0 }],
    ['f32', 2.5, { f64: 2.5, s8: 2, u32: 2 }],
    ['i32', -129, { s8: 127, u8: 127, u1: 1 }],
    ['i64', 0x1_0000_00ffn, { u8: 255, s8: -1, i32: 255, u1: 1 }],
];
for (const [from, input, want] of cases) {
    const results = conv[`from_${from}`](input);
    for (const [to, value] of Object.entries(want))
        check(`(as ${to} ${from} ${String(input)})`, results[types.indexOf(to)], value);
}

// + - * / and the extra (+ 1 (* a 2)), per type, on raw lowered values
const arith = await load('arithmetic');
const arithCases = [
    ['u8', 200, 100, [44, 100, 32, 2, 145]],
    ['s8', 100, 100, [-56, 0, 16, 1, -55]],
    ['s8', -128, -1, [127, -127, -128, -128, 1]],
    ['u16', 65535, 2, [1, 65533, 65534, 32767, 65535]],
    ['s16', -32768, 3, [-32765, 32765, -32768, -10922, 1]],
    ['u32', -1, 2, [1, -3, -2, 2147483647, -1]],
    ['s32', 7, -2, [5, 9, -14, -3, 15]],
    ['i32', -7, 2, [-5, -9, -14, -3, -13]],
    ['u64', -1n, 2n, [1n, -3n, -2n, 9223372036854775807n, -1n]],
    ['s64', -7n, 2n, [-5n, -9n, -14n, -3n, -13n]],
    ['f32', 1.5, 0.5, [2, 1, 0.75, 3, 4]],
    ['f64', 1, 0, [1, 1, 0, Infinity, 3]],
];
for (const [type, a, b, want] of arithCases) {
    const results = arith[`arith_${type}`](a, b);
    ['+', '-', '*', '/', '(+ 1 (* a 2))'].forEach((op, i) => check(`${type} ${String(a)} ${op} ${String(b)}`, results[i], want[i]));
}
for (const [type, a, b, why] of [['s32', 1, 0, 'divide by zero'], ['u8', 1, 0, 'divide by zero'],
                                  ['i32', -2147483648, -1, 'overflow'], ['s64', -9223372036854775808n, -1n, 'overflow']]) {
    try {
        arith[`arith_${type}`](a, b);
        check(`${type} ${a} / ${b} traps (${why})`, 'returned', 'trap');
    } catch (e) {
        check(`${type} ${a} / ${b} traps (${why})`, e instanceof WebAssembly.RuntimeError, true);
    }
}
// = != < <= > >= on raw lowered values: random ones and the edges, against
// a model (signed or unsigned as the type is; floats as IEEE, which JS is).
const cmp = await load('compare');
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = (values) => values[Math.floor(random() * values.length)];
const int32 = () => pick([0, 1, -1, 0x7fffffff, -0x80000000, (random() * 2 ** 32) | 0, (random() * 200 - 100) | 0]);
const int64 = () => pick([0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), BigInt(int32()) * 65536n + BigInt(int32())]);
const floats = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 1e300, -3.25, 2 ** 24 + 1];
const generators = {
    bool: () => pick([0, 1]), s8: () => pick([-128, 127, 0, -1, 5]), u8: () => pick([0, 255, 128, 1, 7]),
    s16: () => pick([-32768, 32767, 0, -1, 300]), u16: () => pick([0, 65535, 32768, 1, 300]),
    s32: int32, u32: int32, i32: int32, s64: int64, u64: int64, i64: int64,
    f32: () => Math.fround(pick(floats)), f64: () => pick(floats),
    char: () => pick([0, 0x41, 0xd7ff, 0xe000, 0x10ffff, 0x1f389]), color: () => pick([0, 1, 2]),
};
const unsigned = { bool: 32, u8: 32, u16: 32, u32: 32, char: 32, color: 32, u64: 64 };
const key = (type, raw) => type === 'f32' || type === 'f64' ? raw
    : unsigned[type] ? BigInt.asUintN(unsigned[type], BigInt(raw)) : BigInt(raw);
for (const [type, generate] of Object.entries(generators)) {
    for (let n = 0; n < 200; n++) {
        const a = generate(), b = generate(), x = key(type, a), y = key(type, b);
        const want = [x == y, x != y, x < y, x <= y, x > y, x >= y].map(Number);  // eslint-disable-line eqeqeq
        const got = cmp[`cmp_${type}`](a, b);
        ['=', '!=', '<', '<=', '>', '>='].forEach((op, i) => check(`(${op} ${String(a)} ${String(b)}) in ${type}`, got[i], want[i]));
    }
}
check('(= flags flags)', cmp.flags_eq(3, 3).join(), '1,0');
check('(!= flags flags)', cmp.flags_eq(1, 2).join(), '0,1');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
