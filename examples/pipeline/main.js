// main.js: runs the pipeline component in Node: two core modules in one adapter, links importing slug's functions through it.
//   node examples/pipeline/main.js [ADAPTER_DIR]   (default: build/examples/pipeline)
// Each result is checked against the same function written in JS ("ok"/"MISMATCH").
// Exit status 1 (message on stderr) if the component cannot be loaded or a result disagrees.
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'pipeline');

// The component's functions in JS, to check it against (slug.c and links.c say the same).
function js_slugify(title) {
  // ASCII letters lower-cased; runs of other ASCII characters become one '-' between kept ones.
  return title.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
    .replace(/[\x00-\x2f\x3a-\x60\x7b-\x7f]+/g, '-').replace(/^-+|-+$/g, '');
}

function js_fnv1a(text) {
  let hash = 2166136261;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}

function js_permalink(title) {
  const slug = js_slugify(title);
  const id = js_fnv1a(slug).toString(16).padStart(8, '0');
  return `/posts/${slug ? `${slug}-` : ''}${id}`;
}

const titles = [
  'Hello, World!',
  'Hello, Wörld!',
  '',
  '  ...  ',
  'Crème Brûlée: 10 Recipes 🎉',
  '日本語のテキスト と English',
  'The Quick Brown Fox; '.repeat(15) + 'Æsop',
];

function shorten(text) {
  return JSON.stringify([...text].length > 60 ? [...text].slice(0, 57).join('') + '...' : text);
}

async function main() {
  const pipeline = await loader.instantiate(path.join(dir, 'it_pipeline.wasm'), {});
  console.log(`exports: ${Object.keys(pipeline).join(', ')}`);
  let mismatches = 0;
  const check = (name, value, expected) => {
    const ok = value === expected;
    if (!ok) mismatches++;
    console.log(`  ${name} = ${typeof value === 'string' ? shorten(value) : value} (${ok ? 'ok' : `MISMATCH, JS says ${JSON.stringify(expected)}`})`);
  };
  for (const title of titles) {
    console.log(`title (${Buffer.byteLength(title, 'utf8')} bytes): ${shorten(title)}`);
    check('slugify', pipeline.slugify(title), js_slugify(title));
    check('shortId', pipeline.shortId(title), js_fnv1a(title));
    check('permalink', pipeline.permalink(title), js_permalink(title));
  }
  // A title larger than both core modules' initial memories: each module's
  // malloc grows its own memory, and the loader must notice both.
  const big = 'Zürich ünd Genève, 東京! '.repeat(12000);
  const link = pipeline.permalink(big);
  const big_ok = link === js_permalink(big) && pipeline.slugify(big) === js_slugify(big)
    && pipeline.shortId(big) === js_fnv1a(big);
  if (!big_ok) mismatches++;
  console.log(`big title (${Buffer.byteLength(big, 'utf8')} bytes): permalink of ${Buffer.byteLength(link, 'utf8')} bytes ends ${JSON.stringify(link.slice(-24))} (${big_ok ? 'ok' : 'MISMATCH'})`);
  if (mismatches) throw new Error(`${mismatches} result(s) disagree with JS`);
}

main().catch((error) => {
  console.error(`pipeline: ${error.message}`);
  process.exitCode = 1;
});
