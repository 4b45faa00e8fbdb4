// width_table.js: prints the display-width tables of loader/itrun/value_text.c from this Node's own getStringWidth.
//   node --expose-internals tests/loader/inspect/width_table.js
//
// util.inspect measures the entries of an array it groups into columns with
// getStringWidth (ICU's East Asian widths after NFC, zero for controls and
// combining marks). value_text.c keeps that measure as two tables, printed
// here between the markers that run.sh looks for there:
//   WIDTH_RUNS  the width of each code point taken alone, as runs: each
//               entry is FIRST << 2 | WIDTH, WIDTH holding up to the next one
//   COMPOSING   { A, B, C }, sorted: NFC composes A B into C, and C is not
//               as wide as A and B side by side (kana with a decomposed
//               voiced mark, a few Indic vowel signs), or C is such an A;
//               Hangul jamo compose by rule in value_text.c
'use strict';
const { getStringWidth } = require('internal/util/inspect');

const width = (text) => getStringWidth(text, false);
const hex = (code) => `0x${code.toString(16)}`;
const isSurrogate = (code) => code >= 0xd800 && code <= 0xdfff;
const isHangulSyllable = (code) => code >= 0xac00 && code <= 0xd7a3;

// Lines of at most 100 columns holding `items`, each followed by a comma.
function wrap(items, indent) {
  const lines = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + item.length + 2 > 100 - indent.length) lines.push(line), line = '';
    line += `${line ? ' ' : ''}${item},`;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

const runs = [];
let last = -1;
for (let code = 0; code <= 0x10ffff; code++) {
  if (isSurrogate(code)) continue;
  const w = width(String.fromCodePoint(code));
  if (w > 3) throw new Error(`U+${code.toString(16)} is ${w} columns wide`);
  if (w !== last) runs.push(hex(code * 4 + w)), last = w;
}

// Every primary composite C = NFC(A B), A itself NFC and one code point.
const pairs = [];
for (let code = 0x80; code <= 0x10ffff; code++) {
  if (isSurrogate(code) || isHangulSyllable(code)) continue;
  const text = String.fromCodePoint(code);
  if (text.normalize('NFC') !== text) continue;
  const parts = [...text.normalize('NFD')];
  if (parts.length < 2) continue;
  const first = parts.slice(0, -1).join('').normalize('NFC'), second = parts[parts.length - 1];
  if ([...first].length !== 1 || (first + second).normalize('NFC') !== text) continue;
  pairs.push([first.codePointAt(0), second.codePointAt(0), code]);
}
const codeWidth = (code) => width(String.fromCodePoint(code));
// The ones that change the width, and those that build their A.
const composing = pairs.filter(([a, b, c]) => codeWidth(c) !== codeWidth(a) + codeWidth(b));
for (let grown = true; grown;) {
  grown = false;
  for (const pair of pairs) {
    if (!composing.includes(pair) && composing.some((entry) => entry[0] === pair[2])) composing.push(pair), grown = true;
  }
}
composing.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
for (const [a, b] of composing) {
  const parts = [...String.fromCodePoint(a).normalize('NFD')];
  if (parts.length > 1 && !composing.some((entry) => entry[2] === a))
    throw new Error(`U+${a.toString(16)} (before U+${b.toString(16)}) composes without a listed pair`);
}

console.log(`/* width_table.js: Node ${process.version}, ICU ${process.versions.icu}, Unicode ${process.versions.unicode} */`);
console.log('static const uint32_t WIDTH_RUNS[] = {');
console.log(wrap(runs, '    '));
console.log('};');
console.log('static const uint32_t COMPOSING[][3] = {');
console.log(wrap(composing.map((entry) => `{${entry.map(hex).join(', ')}}`), '    '));
console.log('};');
