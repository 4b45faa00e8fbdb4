// sources.test.js: where adapters and core modules come from, besides paths: a URL (fetched, core
// modules fetched beside it), bytes, a Response (or a promise of one), a compiled WebAssembly.Module,
// and options.modules / options.resolve for the core modules; each gives the same component as a path,
// and each way of failing says what and where.
// Needs `make examples` (part of `make all`); adapters are read from $BUILD/examples.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');
const { serve } = require('./static_server.js');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const examples = path.resolve(root, process.env.BUILD || 'build', 'examples');
const fizzbuzz_dir = path.join(examples, 'fizzbuzz');
const bytes_of = (file) => fs.readFileSync(path.join(fizzbuzz_dir, file));

// The fizzbuzz example's lines (examples/fizzbuzz/main.js), with `load(name)`
// giving the component of it_NAME.wasm (a promise or not) and `options(name)` its options.
async function fizzbuzz_lines(load) {
  const lines = [];
  const fizz = await load('fizz'), buzz = await load('buzz');
  const fizzbuzz = await load('fizzbuzz', { fizz, buzz, console: { log: (text) => lines.push(text) } });
  lines.unshift(`${fizz.isFizz(9)} ${fizz.fizzStr()} ${buzz.isBuzz(9)} ${buzz.buzzStr()}`);
  fizzbuzz.fizzbuzz(15);
  return lines;
}

const expected = ['true Fizz false Buzz', '1', '2', 'Fizz', '4', 'Buzz', 'Fizz', '7', '8', 'Fizz', 'Buzz', '11', 'Fizz',
  '13', '14', 'FizzBuzz'];

// Each core module by its path in it.interface, as options.modules takes them.
const core_bytes = { 'fizz.wasm': bytes_of('fizz.wasm'), 'buzz.wasm': bytes_of('buzz.wasm'), 'fizzbuzz.wasm': bytes_of('fizzbuzz.wasm') };

let server;
test.before(async () => {
  server = await serve({ '/examples/': examples });
});
test.after(() => server.close());
const url_of = (file) => new URL(`examples/fizzbuzz/${file}`, server.url);

test('a path gives the lines the other sources are compared with', async () => {
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(path.join(fizzbuzz_dir, `it_${name}.wasm`), imports)), expected);
});

test('bytes: a Buffer, a Uint8Array, an ArrayBuffer or a DataView, with the core modules in options.modules', async () => {
  const kinds = [
    (b) => b,
    (b) => new Uint8Array(b),
    (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
    (b) => new DataView(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  ];
  for (const kind of kinds) {
    const modules = Object.fromEntries(Object.entries(core_bytes).map(([key, value]) => [key, kind(value)]));
    const load = (name, imports) => loader.instantiate(kind(bytes_of(`it_${name}.wasm`)), imports, { modules });
    assert.deepEqual(await fizzbuzz_lines(load), expected);
    const load_sync = (name, imports) => loader.instantiateSync(kind(bytes_of(`it_${name}.wasm`)), imports, { modules });
    assert.deepEqual(await fizzbuzz_lines(load_sync), expected);
  }
});

test('compiled WebAssembly.Modules, for the adapter and in a Map of core modules', async () => {
  const modules = new Map(Object.entries(core_bytes).map(([key, value]) => [key, new WebAssembly.Module(value)]));
  const adapters = new Map(['fizz', 'buzz', 'fizzbuzz'].map((name) => [name, new WebAssembly.Module(bytes_of(`it_${name}.wasm`))]));
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(adapters.get(name), imports, { modules })), expected);
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiateSync(adapters.get(name), imports, { modules })), expected);
});

test('a URL is fetched, and its core modules beside it', async () => {
  server.requests.length = 0;
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(url_of(`it_${name}.wasm`), imports)), expected);
  assert.deepEqual([...server.requests].sort(), ['buzz.wasm', 'fizz.wasm', 'fizzbuzz.wasm', 'it_buzz.wasm', 'it_fizz.wasm',
    'it_fizzbuzz.wasm'].map((f) => `/examples/fizzbuzz/${f}`));
});

test('a Response, or a promise of one: core modules beside its URL, or from options.modules', async () => {
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(fetch(url_of(`it_${name}.wasm`)), imports)), expected);
  const made = (name, imports) => loader.instantiate(new Response(bytes_of(`it_${name}.wasm`)), imports, { modules: core_bytes });
  assert.deepEqual(await fizzbuzz_lines(made), expected);
  // a promise of any source
  const later = (name, imports) => loader.instantiate(Promise.resolve(bytes_of(`it_${name}.wasm`)), imports, { modules: core_bytes });
  assert.deepEqual(await fizzbuzz_lines(later), expected);
  // Responses as core modules, from options.modules
  const responses = (name, imports) => loader.instantiate(bytes_of(`it_${name}.wasm`), imports,
    { modules: { [`${name}.wasm`]: new Response(core_bytes[`${name}.wasm`]) } });
  assert.deepEqual(await fizzbuzz_lines(responses), expected);
});

test('options.resolve gets the path and where the module would be read from; undefined reads it from there', async () => {
  const calls = [];
  const resolve = (core, location) => {
    calls.push([core, location]);
    return core === 'fizz.wasm' ? core_bytes[core] : undefined;
  };
  const by_path = (name, imports) => loader.instantiate(path.join(fizzbuzz_dir, `it_${name}.wasm`), imports, { resolve });
  assert.deepEqual(await fizzbuzz_lines(by_path), expected);
  assert.deepEqual(calls, [['fizz.wasm', path.join(fizzbuzz_dir, 'fizz.wasm')], ['buzz.wasm', path.join(fizzbuzz_dir, 'buzz.wasm')],
    ['fizzbuzz.wasm', path.join(fizzbuzz_dir, 'fizzbuzz.wasm')]]);
  calls.length = 0;
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(url_of(`it_${name}.wasm`), imports, { resolve })), expected);
  assert.deepEqual(calls.map(([core, location]) => [core, location]), ['fizz', 'buzz', 'fizzbuzz'].map((name) =>
    [`${name}.wasm`, url_of(`${name}.wasm`).href]));
  // bytes: no location; a promise of a Response, or a Module, or bytes
  const fetched = (core, location) => {
    assert.equal(location, undefined);
    return core === 'fizz.wasm' ? fetch(url_of(core)) : core === 'buzz.wasm' ? new WebAssembly.Module(core_bytes[core]) : core_bytes[core];
  };
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiate(bytes_of(`it_${name}.wasm`), imports, { resolve: fetched })), expected);
  const sync = (core) => core_bytes[core];
  assert.deepEqual(await fizzbuzz_lines((name, imports) => loader.instantiateSync(bytes_of(`it_${name}.wasm`), imports, { resolve: sync })), expected);
});

test('options.modules comes before options.resolve, which comes before the files', async () => {
  let resolved = 0;
  const fizz = await loader.instantiate(path.join(fizzbuzz_dir, 'it_fizz.wasm'), {},
    { modules: { 'fizz.wasm': core_bytes['fizz.wasm'] }, resolve: () => { resolved++; } });
  assert.equal(fizz.fizzStr(), 'Fizz');
  assert.equal(resolved, 0);
  // the module given wins over the file beside the adapter (here: one that is not a wasm module)
  const broken = () => loader.instantiate(path.join(fizzbuzz_dir, 'it_fizz.wasm'), {}, { resolve: () => new Uint8Array([1, 2, 3]) });
  await assert.rejects(broken, (e) => e instanceof WebAssembly.RuntimeError &&
    e.message.startsWith('fizz: _it_init: load_wasm: fizz.wasm is not a valid wasm module: '));
});

test('readInterface reads bytes and compiled modules as it reads paths', () => {
  const by_path = loader.readInterface(path.join(fizzbuzz_dir, 'it_fizzbuzz.wasm'));
  assert.deepEqual(loader.readInterface(bytes_of('it_fizzbuzz.wasm')), by_path);
  assert.deepEqual(loader.readInterface(new WebAssembly.Module(bytes_of('it_fizzbuzz.wasm'))), by_path);
  assert.deepEqual(loader.readInterface(new URL(`file://${path.join(fizzbuzz_dir, 'it_fizzbuzz.wasm')}`)), by_path);
  assert.equal(by_path.component, 'fizzbuzz');
});

test('a core module with nowhere to come from, or that cannot be fetched, fails in _it_init naming it', async () => {
  const nowhere = 'fizz: _it_init: load_wasm: core module fizz.wasm has no location (the adapter was given without a path ' +
    'or URL): give it in options.modules or options.resolve';
  await assert.rejects(loader.instantiate(bytes_of('it_fizz.wasm'), {}), (e) => e instanceof WebAssembly.RuntimeError && e.message === nowhere);
  assert.throws(() => loader.instantiateSync(bytes_of('it_fizz.wasm'), {}), (e) => e instanceof WebAssembly.RuntimeError && e.message === nowhere);
  await assert.rejects(loader.instantiate(new Response(bytes_of('it_fizz.wasm')), {}), { message: nowhere });
  const missing = new URL('nope.wasm', server.url);
  await assert.rejects(loader.instantiate(bytes_of('it_fizz.wasm'), {}, { resolve: () => fetch(missing) }),
    { message: `fizz: _it_init: load_wasm: cannot read core module ${missing.href}: 404 Not Found` });
  // an adapter whose core module is not beside it on the server
  const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'it-sources-'));
  fs.copyFileSync(path.join(fizzbuzz_dir, 'it_fizz.wasm'), path.join(alone, 'it_fizz.wasm'));
  const lonely = await serve({ '/x/': alone });
  try {
    const adapter = new URL('x/it_fizz.wasm', lonely.url);
    await assert.rejects(loader.instantiate(adapter, {}), (e) => e instanceof WebAssembly.RuntimeError &&
      e.message === `fizz: _it_init: load_wasm: cannot fetch core module ${new URL('x/fizz.wasm', lonely.url).href}: 404 Not Found`);
  } finally {
    await lonely.close();
    fs.rmSync(alone, { recursive: true, force: true });
  }
});

test('an adapter that cannot be fetched or read is an Error naming it', async () => {
  const missing = url_of('it_none.wasm');
  await assert.rejects(loader.instantiate(missing, {}), (e) => e.constructor === Error &&
    e.message === `cannot fetch adapter ${missing.href}: 404 Not Found`);
  await assert.rejects(loader.instantiate(new URL('http://127.0.0.1:1/it_fizz.wasm'), {}),
    /^Error: cannot fetch adapter http:\/\/127\.0\.0\.1:1\/it_fizz\.wasm: fetch failed/);
  await assert.rejects(loader.instantiate(new Response('nope', { status: 500, statusText: 'Broken' }), {}),
    { message: "cannot read the adapter's Response: 500 Broken" });
  const used = new Response(bytes_of('it_fizz.wasm'));
  await used.arrayBuffer();
  await assert.rejects(loader.instantiate(used, {}), { message: "cannot read the adapter's Response: the Response's body has already been read" });
  await assert.rejects(loader.instantiate(new Uint8Array([0, 97, 115, 109]), {}), (e) => e.constructor === Error &&
    e.message.startsWith('adapter is not a valid wasm module: '));
  assert.throws(() => loader.instantiateSync(new ArrayBuffer(3), {}), /^Error: adapter is not a valid wasm module: /);
});

test('what instantiateSync and readInterface cannot wait for is a TypeError saying what to do', () => {
  const url = url_of('it_fizz.wasm');
  assert.throws(() => loader.instantiateSync(url, {}), { name: 'TypeError',
    message: `instantiateSync cannot fetch ${url.href}: use instantiate, or give the adapter's bytes` });
  assert.throws(() => loader.instantiateSync(new Response(bytes_of('it_fizz.wasm')), {}), { name: 'TypeError',
    message: "instantiateSync cannot fetch a Response or a promise: use instantiate, or give the adapter's bytes" });
  assert.throws(() => loader.readInterface(url), { name: 'TypeError', message: `readInterface cannot fetch ${url.href}: fetch it, and give its bytes` });
  const promise = Promise.resolve(core_bytes['fizz.wasm']);
  assert.throws(() => loader.instantiateSync(bytes_of('it_fizz.wasm'), {}, { resolve: () => promise }), { name: 'TypeError',
    message: 'instantiateSync: the result of options.resolve("fizz.wasm") is a promise, which instantiateSync cannot wait for: ' +
      'return the bytes or a WebAssembly.Module, or use instantiate' });
  assert.throws(() => loader.instantiateSync(bytes_of('it_fizz.wasm'), {}, { modules: { 'fizz.wasm': new Response('') } }), { name: 'TypeError',
    message: 'instantiateSync: options.modules["fizz.wasm"] must be a Uint8Array, an ArrayBuffer or a WebAssembly.Module, ' +
      'got a Response, which instantiateSync cannot wait for (use instantiate)' });
});

test('bad sources and options are TypeErrors naming them', async () => {
  for (const bad of [42, {}, null, undefined, [1, 2]]) {
    assert.throws(() => loader.instantiateSync(bad, {}), { name: 'TypeError',
      message: /^instantiateSync: the adapter path must be a string or file URL, got .* \(or give the adapter as a URL, its bytes as a Uint8Array or ArrayBuffer, a Response or a WebAssembly\.Module\)$/ });
    await assert.rejects(loader.instantiate(bad, {}), { name: 'TypeError', message: /^instantiate: the adapter path must be a string or file URL/ });
  }
  const adapter = path.join(fizzbuzz_dir, 'it_fizz.wasm');
  await assert.rejects(loader.instantiate(adapter, {}, { modules: 'fizz.wasm' }), { name: 'TypeError',
    message: 'instantiate: options.modules must be an object or a Map from core module paths to their bytes or WebAssembly.Module, ' +
      'got the string "fizz.wasm"' });
  await assert.rejects(loader.instantiate(adapter, {}, { modules: { 'other.wasm': 'x' } }), { name: 'TypeError',
    message: 'instantiate: options.modules["other.wasm"] must be a Uint8Array, an ArrayBuffer, a Response or a WebAssembly.Module, ' +
      'got the string "x"' });
  assert.throws(() => loader.instantiateSync(adapter, {}, { resolve: 'fizz.wasm' }), { name: 'TypeError',
    message: /^instantiateSync: options\.resolve must be a function/ });
  await assert.rejects(loader.instantiate(adapter, {}, { resolve: () => 7 }), { name: 'TypeError',
    message: 'instantiate: the result of options.resolve("fizz.wasm") must be a Uint8Array, an ArrayBuffer, a Response or ' +
      'a WebAssembly.Module, got 7' });
  await assert.rejects(loader.instantiate(adapter, {}, { resolve: async () => 'x' }), { name: 'TypeError',
    message: /^instantiate: the result of options\.resolve\("fizz\.wasm"\) must be .*, got the string "x"$/ });
});

test('what a resolver throws passes through unchanged', async () => {
  const mine = new Error('mine');
  await assert.rejects(loader.instantiate(bytes_of('it_fizz.wasm'), {}, { resolve: () => { throw mine; } }), (e) => e === mine);
  await assert.rejects(loader.instantiate(bytes_of('it_fizz.wasm'), {}, { resolve: async () => { throw mine; } }), (e) => e === mine);
  assert.throws(() => loader.instantiateSync(bytes_of('it_fizz.wasm'), {}, { resolve: () => { throw mine; } }), (e) => e === mine);
});

test('a core module path is taken literally in a URL', async () => {
  // '#', '?' and '%' in a core path are part of the file name, not a fragment, a query or an escape
  const odd = fs.mkdtempSync(path.join(os.tmpdir(), 'it-sources-'));
  try {
    const itl = path.join(odd, 'odd.itl');
    fs.writeFileSync(itl, fs.readFileSync(path.join(root, 'examples', 'fizzbuzz', 'fizz.itl'), 'utf8').replace('"fizz.wasm"', '"a#b?c%20.wasm"'));
    execFileSync(path.join(process.env.BIN || path.join(root, 'build', 'bin'), 'itlc'), [itl, '-o', path.join(odd, 'it_odd.wasm')]);
    fs.copyFileSync(path.join(fizzbuzz_dir, 'fizz.wasm'), path.join(odd, 'a#b?c%20.wasm'));
    const site = await serve({ '/': odd });
    try {
      const fizz = await loader.instantiate(new URL('it_odd.wasm', site.url), {});
      assert.equal(fizz.fizzStr(), 'Fizz');
      assert.ok(site.requests.includes('/a%23b%3Fc%2520.wasm'), site.requests.join(' '));
    } finally {
      await site.close();
    }
  } finally {
    fs.rmSync(odd, { recursive: true, force: true });
  }
});
