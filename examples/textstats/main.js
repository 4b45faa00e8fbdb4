// main.js: runs the textstats component in Node and prints its results for a few texts (ASCII, non-ASCII, empty, >255 bytes).
//   node examples/textstats/main.js build/examples/textstats
// Each line is checked against the same statistic computed in JS ("ok"/"MISMATCH").
// Exit status 1 (message on stderr) if the component cannot be loaded or a result disagrees.
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'textstats');

// The same statistics in JS, to check the component against.
function js_fnv1a(text, seed) {
  let hash = seed;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

function js_stats(text) {
  const words = text.split(/[ \t\n\r\f\v]+/).filter((word) => word !== '');
  const letters = words.reduce((sum, word) => sum + [...word].length, 0);
  return {
    wordCount: words.length,
    codePoints: [...text].length,
    hash: js_fnv1a(text, 0xcbf29ce484222325n),
    hashSeeded: js_fnv1a(text, SEED),
    averageWordLength: words.length ? letters / words.length : 0,
    reverseWords: words.reverse().join(' '),
  };
}

const SEED = 0xfedcba9876543210n; // above 2^63: a u64 argument that an s64 could not hold

const texts = [
  'hello wasm world',
  '  Leading and   trailing\tspaces\n',
  '',
  'héllo wörld, ÉCOLE élève ñandú',
  '日本語のテキスト と English mixed',
  '🙂 smile 🎉 party 👩‍💻 coder',
  'The quick brown fox jumps over the lazy dog; '.repeat(6) + 'ÅNGSTRÖM über naïve café 🎉 end',
];

function show(value) {
  return typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
}

async function main() {
  const textstats = await loader.instantiate(path.join(dir, 'it_textstats.wasm'), {
    log: { log: (text) => console.log(`  [log] ${text}`) },
  });
  let mismatches = 0;
  for (const text of texts) {
    console.log(`text (${Buffer.byteLength(text, 'utf8')} bytes): ${JSON.stringify(text.length > 80 ? text.slice(0, 77) + '...' : text)}`);
    const expected = js_stats(text);
    for (const name of ['wordCount', 'codePoints', 'hash', 'hashSeeded', 'averageWordLength', 'reverseWords']) {
      const value = name === 'hashSeeded' ? textstats.hashSeeded(text, SEED) : textstats[name](text);
      const verdict = value === expected[name] ? 'ok' : `MISMATCH, JS says ${show(expected[name])}`;
      if (value !== expected[name]) mismatches++;
      console.log(`  ${name} = ${show(value)} (${verdict})`);
    }
    console.log(`  titleCase = ${show(textstats.titleCase(text))}`);
  }
  // A text larger than the core module's initial memory: malloc grows it, and
  // the loader must notice the new buffer.
  const big = 'Zürich ünd Genève, 東京 and more words here. '.repeat(3000);
  const expected = js_stats(big);
  const reversed = textstats.reverseWords(big);
  const big_ok = textstats.wordCount(big) === expected.wordCount && textstats.codePoints(big) === expected.codePoints
    && textstats.hash(big) === expected.hash && reversed === expected.reverseWords
    && textstats.titleCase(big) === big.replace(/(^|\s)here/g, '$1Here').replace(/(^|\s)more/g, '$1More')
      .replace(/(^|\s)words/g, '$1Words').replace(/(^|\s)and/g, '$1And');
  if (!big_ok) mismatches++;
  console.log(`big text (${Buffer.byteLength(big, 'utf8')} bytes): ${expected.wordCount} words, reverseWords ends ${JSON.stringify(reversed.slice(-20))} (${big_ok ? 'ok' : 'MISMATCH'})`);
  // A u64 argument may also be a safe-integer number.
  const small_seed_ok = textstats.hashSeeded('seed', 12345) === js_fnv1a('seed', 12345n);
  if (!small_seed_ok) mismatches++;
  console.log(`hashSeeded("seed", 12345) = ${show(textstats.hashSeeded('seed', 12345))} (${small_seed_ok ? 'ok' : 'MISMATCH'})`);
  // Caller mistakes are TypeErrors before anything runs.
  for (const [call, thunk] of [
    ['wordCount(42)', () => textstats.wordCount(42)],
    ['hashSeeded("x", -1n)', () => textstats.hashSeeded('x', -1n)],
    ['hashSeeded("x", 2n ** 64n)', () => textstats.hashSeeded('x', 2n ** 64n)],
  ]) {
    try {
      thunk();
      console.log(`${call}: no error (MISMATCH)`);
      mismatches++;
    } catch (error) {
      console.log(`${call}: ${error.name}: ${error.message}`);
    }
  }
  if (mismatches) throw new Error(`${mismatches} result(s) disagree with JS`);
}

main().catch((error) => {
  console.error(`textstats: ${error.message}`);
  process.exitCode = 1;
});
