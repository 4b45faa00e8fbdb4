// gen.js: random IT types and values for run.sh, which prints each value through itrun and through Node's console.log.
//   node tests/loader/inspect/gen.js SEED CALLS OUT_DIR
//
// Writes OUT_DIR/inspect.itl, a component whose exports give their
// arguments back (one value, or several: printed as an array) or pass them
// to a console import (printed separated by spaces), all of random types,
// and OUT_DIR/calls.txt, CALLS calls of them with random values
// (loader/itrun/calls.sh's format: it_inspect.wasm|EXPORT|ARG...).
// OUT_DIR/expect.txt says, a line per call, "ok" or "fails": an export
// whose one result is a result<T, E> fails (on both sides) for an err.
//
// The values aim at what decides util.inspect's layout: lengths around 72
// and 80 columns, arrays of more than 6 short items (grouped in columns),
// past 100 items, nesting past depth 2, strings past 16 characters with
// newlines and past 10000 (an emoji cut in half), keys and strings that
// need quotes or escapes, and text whose display width is not its length
// (CJK, emoji, combining and decomposed characters).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [seedText, callsText, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node gen.js SEED CALLS OUT_DIR');
  process.exit(2);
}

// mulberry32: the same values for the same seed on every machine.
let state = Number(seedText) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (low, high) => low + Math.floor(random() * (high - low + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
const chance = (p) => random() < p;
// One of [weight, value] pairs.
function weighted(pairs) {
  let total = 0;
  for (const [weight] of pairs) total += weight;
  let r = random() * total;
  for (const [weight, value] of pairs) if ((r -= weight) < 0) return value;
  return pairs[pairs.length - 1][1];
}

// ------------------------------------------------------------ text

// Code points chosen for what util.inspect does with them: quotes and
// escapes, C0 and C1 controls, and widths other than one column.
const PIECES = {
  plain: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789    ',
  punctuation: [..."'\"`${}\\|%.,:;!?-_()[]<>#@&*+=/~^"],
  controls: [...'\0\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f\x80\x85\x9b\x9f'],
  wide: [...'日本語中文한국어ＨＩカタカナひらがな', '\u3000', '\uff01', '\u{20000}', '\u{2a6d6}'],
  marks: ['e\u0301', '\u0301', '\u0308', '\u20dd', '\u200b', '\u200d', '\u00ad', '\ufeff', '\u2126', '\u212b',
    '\u0344', '\u0f73', '\u{1d160}'],
  composing: ['\u304b\u3099', '\u30cf\u309a', 'a\u3099', '\u3099', '\u1100\u1161', '\u1100\u1161\u11a8',
    '\uac00\u11a8', '\u1112\u1175\u11c2', '\u1161', '\u11a8', '\u0bc6\u0bbe', '\u0cc6\u0cc2\u0cd5',
    '\u{113c2}\u{113c2}', '\u{16d63}\u{16d67}\u{16d67}'],
  emoji: ['\u{1f600}', '\u{1f44d}\u{1f3fd}', '\u2764\ufe0f', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}',
    '\u{1f1ef}\u{1f1f5}', '\u231a', '\u{1f9d1}', '\u2b50', '\u{1f3fb}'],
  latin: [...'éüßøÆœñçÀ€£¥©®°±µ¶·¿×÷ĀŁŒƒǅ', 'Ω', 'Ж', 'λ', 'א', 'ع'],
};

// A random scalar value: anywhere, or in the planes people write in.
function anyCodePoint() {
  for (;;) {
    const code = chance(0.7) ? int(0xa0, 0xffff) : int(0x10000, 0x10ffff);
    if (code < 0xd800 || code > 0xdfff) return String.fromCodePoint(code);
  }
}

function piece() {
  return weighted([
    [60, () => pick([...PIECES.plain])],
    [8, () => pick(PIECES.punctuation)],
    [4, () => pick(PIECES.controls)],
    [5, () => pick(PIECES.latin)],
    [6, () => pick(PIECES.wide)],
    [4, () => pick(PIECES.marks)],
    [4, () => pick(PIECES.composing)],
    [5, () => pick(PIECES.emoji)],
    [4, () => anyCodePoint()],
  ])();
}

// Words of a random length, with newlines now and then in long ones; past
// 10000 code units (maxStringLength) with an emoji near the cut, if
// `big`. `top`: a command-line word, which cannot hold NUL, '|' or newlines.
function randomString(big, top) {
  let text = '';
  const kind = weighted([[6, 'empty'], [50, 'short'], [25, 'medium'], [15, 'long'], [big ? 6 : 0, 'huge']]);
  if (kind === 'huge') {
    // code units before an emoji: 9999 cuts it in half
    const head = pick([9998, 9999, 9999, 10000, int(9950, 10010)]);
    while (text.length < head) text += chance(0.99) ? 'x' : pick(['\n', "'", '"', '\u00e9', '\t']);
    text = text.slice(0, head) + '\u{1f600}';
    for (let n = int(0, 30); n > 0; n--) text += piece();
  } else {
    const length = { empty: 0, short: int(1, 8), medium: int(9, 40), long: int(41, 200) }[kind];
    const newlines = kind === 'long' || chance(0.2);
    while ([...text].length < length) text += newlines && chance(0.06) ? '\n' : piece();
  }
  if (top) text = text.replace(/[\0|\n\r]/g, '_');
  return text;
}

// A JS string literal itrun parses the same way: \u escapes for controls
// (not \0, which JS would read with a digit after it as octal) and for '|',
// the separator of calls.txt.
function quote(text) {
  let out = "'";
  for (const c of text) {
    const code = c.codePointAt(0);
    if (c === "'" || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || c === '|') out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}'`;
}

// ------------------------------------------------------------ types

const LABELS = ['x', 'y', 'z', 'name', 'age', 'tags', 'home', 'id', 'value', 'count', 'items', 'read', 'write',
  'exec', 'circle', 'rect', 'empty', 'red', 'green', 'blue', 'A1', '_a', 'camelCase', 'snake_case', 'longFieldName',
  'anotherRatherLongFieldName', 'first-name', "it's", 'é', '日本', 'x.y', 'a$b', '$a', '`x', '${y}', 'a:b', 'a\\b',
  '-x', 'Ünïcode', 'emoji\u{1f600}'];

function labels(count) {
  const pool = [...LABELS];
  const out = [];
  for (let i = 0; i < count; i++) {
    if (pool.length && chance(0.8)) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    else out.push(`f${i}`);
  }
  return [...new Set(out)];
}

const NUMBERS = ['s8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'i32', 'i64', 'f32', 'f64'];
const PRIMITIVES = [...NUMBERS, 'bool', 'string', 'char'];

// A random type, `depth` constructors deep at most.
function randomType(depth) {
  if (depth <= 0 || chance(0.3)) return { kind: pick(PRIMITIVES) };
  const kind = weighted([[6, 'record'], [5, 'list'], [3, 'tuple'], [3, 'option'], [3, 'variant'], [2, 'enum'],
    [2, 'flags'], [2, 'result']]);
  const inner = () => randomType(depth - 1);
  switch (kind) {
    case 'record': {
      const names = labels(chance(0.15) ? int(10, 24) : int(1, 7));
      return { kind, fields: names.map((label) => ({ label, type: inner() })) };
    }
    case 'list': {
      // Short elements make groups; numbers make typed arrays.
      const element = chance(0.35) ? { kind: pick(PRIMITIVES) } : inner();
      return { kind, element };
    }
    case 'tuple': {
      const numbers = chance(0.25);
      const count = numbers ? int(6, 12) : int(1, 8);
      return { kind, elements: Array.from({ length: count }, () => (numbers ? { kind: pick(NUMBERS) } : inner())) };
    }
    case 'option': return { kind, element: inner() };
    case 'variant':
      return { kind, cases: labels(int(1, 6)).map((label) => ({ label, type: chance(0.6) ? inner() : null })) };
    case 'enum': return { kind, cases: labels(int(1, 8)) };
    case 'flags': return { kind, flags: labels(chance(0.2) ? int(20, 32) : int(1, 6)) };
    case 'result': {
      const form = pick(['both', 'ok', 'err', 'none']);
      return { kind, ok: form === 'both' || form === 'ok' ? inner() : null, err: form === 'both' || form === 'err' ? inner() : null };
    }
  }
  throw new Error(kind);
}

// A type in ITL.
function itl(type) {
  switch (type.kind) {
    case 'record': return `(record ${type.fields.map((f) => `(field ${f.label} ${itl(f.type)})`).join(' ')})`;
    case 'list': return `(list ${itl(type.element)})`;
    case 'tuple': return `(tuple ${type.elements.map(itl).join(' ')})`;
    case 'option': return `(option ${itl(type.element)})`;
    case 'variant': return `(variant ${type.cases.map((c) => (c.type ? `(case ${c.label} ${itl(c.type)})` : `(case ${c.label})`)).join(' ')})`;
    case 'enum': return `(enum ${type.cases.join(' ')})`;
    case 'flags': return `(flags ${type.flags.join(' ')})`;
    case 'result':
      if (!type.ok && !type.err) return '(result)';
      return `(result ${type.ok ? itl(type.ok) : '_'}${type.err ? ` ${itl(type.err)}` : ''})`;
    default: return type.kind;
  }
}

// ------------------------------------------------------------ values

const RANGES = {
  s8: [-128n, 127n], u8: [0n, 255n], s16: [-32768n, 32767n], u16: [0n, 65535n], s32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n], i32: [-(2n ** 31n), 2n ** 31n - 1n], s64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n], i64: [-(2n ** 63n), 2n ** 63n - 1n],
};

function randomInteger(kind) {
  const [min, max] = RANGES[kind];
  const span = max - min + 1n;
  const value = weighted([
    [5, () => BigInt(int(0, 9))],
    [3, () => BigInt(int(-999, 999))],
    [1, () => min],
    [1, () => max],
    [3, () => min + (BigInt(Math.floor(random() * 2 ** 52)) * span) / 2n ** 52n],
  ])();
  return value < min || value > max ? min + (((value - min) % span) + span) % span : value;
}

function randomFloat(kind) {
  const value = weighted([
    [4, () => int(0, 9)],
    [3, () => int(-1000, 1000) / 8],
    [3, () => (random() - 0.5) * 10 ** int(-10, 25)],
    [1, () => pick([0, -0, NaN, Infinity, -Infinity, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324,
      Number.MAX_VALUE, 2 ** 53, 1.5, -2.5e-3])],
  ])();
  return kind === 'f32' ? Math.fround(value) : value;
}

function floatText(value) {
  return Object.is(value, -0) ? '-0' : String(value);
}

// The length of a list that may hold `budget` values.
function listLength(budget) {
  const length = weighted([[8, 0], [40, int(1, 6)], [30, int(7, 30)], [12, int(31, 100)], [10, int(101, 300)]]);
  return Math.min(length, Math.max(1, Math.floor(budget)));
}

// A value of `type` as itrun's argument syntax (JS) writes it inside a
// value; `budget` bounds the number of values in it. `tagged`: the inner
// option of option<option<T>>.
function valueText(type, budget, tagged = false) {
  if (RANGES[type.kind]) {
    const value = randomInteger(type.kind);
    return type.kind.endsWith('64') ? `${value}n` : String(value);
  }
  switch (type.kind) {
    case 'f32': case 'f64': return floatText(randomFloat(type.kind));
    case 'bool': return String(chance(0.5));
    case 'string': return quote(randomString(budget > 50, false));
    case 'char': return quote([...randomString(false, false) || 'c'][0]);
    case 'enum': return quote(pick(type.cases));
    case 'flags': {
      const set = type.flags.filter(() => chance(0.5));
      return `{${set.map((f) => `${quote(f)}: true`).join(', ')}}`;
    }
    case 'record': {
      const share = budget / type.fields.length;
      return `{${type.fields.map((f) => `${quote(f.label)}: ${valueText(f.type, share)}`).join(', ')}}`;
    }
    case 'tuple': {
      const share = budget / type.elements.length;
      return `[${type.elements.map((t) => valueText(t, share)).join(', ')}]`;
    }
    case 'list': {
      const numbers = NUMBERS.includes(type.element.kind) || type.element.kind === 'bool';
      const length = listLength(numbers ? budget * 4 : budget);
      const items = Array.from({ length }, () => valueText(type.element, Math.max(1, budget / length)));
      return `[${items.join(', ')}]`;
    }
    case 'option': {
      const inner = type.element.kind === 'option';
      if (tagged) {
        return chance(0.25) ? "{tag: 'none'}" : `{tag: 'some', val: ${valueText(type.element, budget, inner)}}`;
      }
      return chance(0.25) ? 'undefined' : valueText(type.element, budget, inner);
    }
    case 'variant': {
      const c = pick(type.cases);
      return c.type ? `{tag: ${quote(c.label)}, val: ${valueText(c.type, budget)}}` : `{tag: ${quote(c.label)}}`;
    }
    case 'result': {
      const ok = chance(0.6);
      const side = ok ? type.ok : type.err;
      const tag = ok ? "'ok'" : "'err'";
      return side ? `{tag: ${tag}, val: ${valueText(side, budget)}}` : `{tag: ${tag}}`;
    }
  }
  throw new Error(type.kind);
}

// A command-line argument: strings, chars, enum cases, numbers and bools
// as they are; anything else as inside a value.
function argumentText(type, budget) {
  if (RANGES[type.kind]) return String(randomInteger(type.kind));
  switch (type.kind) {
    case 'f32': case 'f64': return floatText(randomFloat(type.kind));
    case 'bool': return String(chance(0.5));
    case 'string': {
      const text = randomString(true, true);
      return text === '' ? '<empty>' : text;
    }
    case 'char': return [...randomString(false, true) || 'c'][0];
    case 'enum': return pick(type.cases);
    default: return valueText(type, budget);
  }
}

// ------------------------------------------------------------ the component

// Whether a value of the type can be a JS string.
function isString(type) {
  return ['string', 'char', 'enum'].includes(type.kind) || (type.kind === 'option' && isString(type.element));
}

const exportsText = [], importsText = [], calls = [], expect = [];
const functions = []; // { name, params, fails }
const typeCount = Math.max(8, Math.ceil(Number(callsText) / 40));
for (let k = 0; k < typeCount; k++) {
  const form = weighted([[70, 'echo'], [15, 'several'], [15, 'console']]);
  const depth = weighted([[2, 1], [4, 2], [4, 3], [2, 4]]);
  if (form === 'echo') {
    const type = randomType(depth);
    const name = `echo${k}`;
    exportsText.push(`  (func _ "${name}" (param ${itl(type)}) (result ${itl(type)}) (local 0))`);
    functions.push({ name, params: [type], result: type.kind === 'result' ? type : null });
  } else {
    const params = Array.from({ length: int(2, 4) }, () => randomType(depth - 1));
    // util.format would read % directives in a first argument that is a
    // string (itrun does not): console calls start with something else.
    while (form === 'console' && isString(params[0])) params[0] = randomType(depth - 1);
    const list = params.map(itl).join(' ');
    const locals = params.map((_, i) => `(local ${i})`).join(' ');
    const name = `${form}${k}`;
    if (form === 'several') {
      exportsText.push(`  (func _ "${name}" (param ${list}) (result ${list}) ${locals})`);
    } else {
      importsText.push(`  (func log_${k} "log${k}" (param ${list}))`);
      exportsText.push(`  (func _ "${name}" (param ${list}) (call log_${k} ${locals}))`);
    }
    functions.push({ name, params });
  }
}

for (let n = 0; n < Number(callsText); n++) {
  const f = functions[n % functions.length];
  // Each argument stays under Linux's 128 KiB limit for one (MAX_ARG_STRLEN).
  let budget = weighted([[3, 8], [4, 60], [2, 400]]), args;
  do {
    args = f.params.map((type) => argumentText(type, budget / f.params.length));
    budget /= 2;
  } while (args.some((text) => Buffer.byteLength(text) > 120000));
  calls.push(['it_inspect.wasm', f.name, ...args].join('|'));
  // An export with one result<T, E> result throws (fails) for an err.
  expect.push(f.result && /^\{tag: 'err'/.test(args[0]) ? 'fails' : 'ok');
}

// Hand-picked calls besides: widths in groups (wide, zero-width and
// composing text), a long string cut inside an emoji, the element past 100
// deciding the alignment, quotes.
const FIXED = [
  ['fixedStrings', '(list string)'], ['fixedChars', '(list char)'], ['fixedOptions', '(list (option u32))'],
  ['fixedTuple', '(tuple u8 u8 u8 u8 u8 u8 u8 s64)'], ['fixedRecord', '(record (field s string))'],
];
for (const [name, type] of FIXED) exportsText.push(`  (func _ "${name}" (param ${type}) (result ${type}) (local 0))`);
const fixed = (name, text) => {
  calls.push(`it_inspect.wasm|${name}|${text}`);
  expect.push('ok');
};
const list = (items) => `[${items.join(', ')}]`;
const SAMPLES = ['日本', '\u{1f600}', 'e\u0301', '\u304b\u3099', '\u1100\u1161', '\u1100\u1161\u11a8', '\uac00\u11a8',
  '\u0bc6\u0bbe', '\u0cc6\u0cc2\u0cd5', '\u3099', 'a\u3099', '\uff48', '\u200b', '\u00ad', '\u{1f468}\u200d\u{1f469}',
  '\u{1f1ef}\u{1f1f5}', '\u2764\ufe0f', 'x', '\u2126', '\u{1d160}', '\u0344', '\u{113c2}\u{113c2}',
  '\u{16d63}\u{16d67}\u{16d67}', '\u00e9\u3099', '\x85', "it's", '`${x}`'];
for (const sample of SAMPLES) {
  for (const count of [7, 13, 27]) fixed('fixedStrings', list(Array.from({ length: count }, (_, i) => quote(sample.repeat(i % 3 + 1)))));
}
fixed('fixedStrings', list(Array.from({ length: 40 }, (_, i) => quote(SAMPLES[(i * 7) % SAMPLES.length]))));
fixed('fixedChars', list(SAMPLES.flatMap((sample) => [...sample]).map(quote)));
for (const head of [9998, 9999, 10000]) fixed('fixedStrings', list([quote(`${'a'.repeat(head)}\u{1f600}b`)]));
fixed('fixedStrings', list([quote(`${'a'.repeat(9998)}\n\u{1f600}b`), quote(`it's${'a'.repeat(10000)}"`)]));
const numbersTo = (count) => Array.from({ length: count }, (_, i) => String(i));
fixed('fixedOptions', list([...numbersTo(100), 'undefined']));
fixed('fixedOptions', list([...numbersTo(101), 'undefined']));
fixed('fixedOptions', list(numbersTo(100)));
fixed('fixedOptions', list(['1', '2', 'undefined', '4', '5', '6', '7']));
fixed('fixedTuple', '[1, 2, 3, 4, 5, 6, 7, 8n]');
fixed('fixedTuple', '[100, 200, 3, 4, 5, 6, 7, -9223372036854775808n]');
for (const length of [15, 16, 17, 60, 72, 75, 76, 77, 80, 100]) {
  fixed('fixedRecord', `{s: ${quote(`${'a'.repeat(length - 4)}\nb\n\nc`)}}`);
  fixed('fixedStrings', list([quote('q'.repeat(length)), quote('a\nb'.repeat(length))]));
}

fs.mkdirSync(outDir, { recursive: true });
const component = [
  ';; inspect.itl: written by tests/loader/inspect/gen.js (seed ' + seedText + ')',
  ...(importsText.length ? ['(import "console"', ...importsText, ')'] : []),
  '(export',
  ...exportsText,
  ')',
  '',
].join('\n');
fs.writeFileSync(path.join(outDir, 'inspect.itl'), component);
fs.writeFileSync(path.join(outDir, 'calls.txt'), calls.map((line) => `${line}\n`).join(''));
fs.writeFileSync(path.join(outDir, 'expect.txt'), expect.map((line) => `${line}\n`).join(''));
