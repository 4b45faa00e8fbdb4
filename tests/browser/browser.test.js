// browser.test.js: the JS loader in a real browser. A static server on 127.0.0.1 (tests/js/static_server.js)
// serves loader/js (as it is: /loader/), build/examples (/examples/) and tests/browser/page (/);
// headless Chromium, driven through puppeteer-core, opens the page, which loads the loader as an ES
// module and runs the fizzbuzz and strings examples, fetching adapters and core modules
// (page/calls.mjs, page/page.mjs). The results must equal Node's for the same calls, and the
// examples' expected.txt. Chromium missing, crashing or hanging fails the suite within the timeouts.
// Needs `make examples` (part of `make all`), /usr/bin/chromium (or $CHROMIUM) and
// tools/npm/node_modules/puppeteer-core (`make deps`).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { serve } = require('../js/static_server.js');

const root = path.join(__dirname, '..', '..');
const examples = path.resolve(root, process.env.BUILD || 'build', 'examples');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PUPPETEER = path.join(root, 'tools', 'npm', 'node_modules', 'puppeteer-core');
const STEP = 30_000; // at most this long for launching Chromium, loading the page, and the page's calls

// `promise`, or a rejection saying `what` did not finish within `ms`.
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

let browser = null;

// Chromium's results of page.mjs: { examples, sources, browser }, and what the page logged.
async function browser_results(url) {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: install Debian's chromium (make deps) or set CHROMIUM`);
  assert.ok(fs.existsSync(PUPPETEER), `${PUPPETEER} not found: run make deps (it installs tools/npm/package.json)`);
  const puppeteer = require(PUPPETEER);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'it-browser-'));
  const log = [];
  try {
    browser = await within(STEP, `launching ${CHROMIUM}`, puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      userDataDir: profile,
      timeout: STEP,
      protocolTimeout: STEP,
    }));
    // A crash of the browser or of the page ends the wait at once.
    const crashed = new Promise((_, reject) => {
      browser.once('disconnected', () => reject(new Error(`Chromium exited or crashed; the page logged:\n${log.join('\n')}`)));
    });
    crashed.catch(() => {});
    const page = await browser.newPage();
    page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => log.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => log.push(`request failed: ${request.url()}`));
    const page_crashed = new Promise((_, reject) => page.once('error', (error) => reject(new Error(`the page crashed: ${error.message}`))));
    page_crashed.catch(() => {});
    const race = (what, promise) => Promise.race([within(STEP, what, promise), crashed, page_crashed]);
    await race(`loading ${url}`, page.goto(url, { waitUntil: 'load', timeout: STEP }));
    try {
      await race('the page\'s calls', page.waitForFunction('window.it_done === true', { timeout: STEP, polling: 100 }));
    } catch (error) {
      error.message += `\nthe page logged:\n${log.join('\n')}`;
      throw error;
    }
    const results = await race('reading the results', page.evaluate(() => window.it_results));
    return { results, log };
  } finally {
    await close_browser();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function close_browser() {
  if (!browser) return;
  const child = browser.process();
  try {
    await within(5_000, 'closing Chromium', browser.close());
  } catch { /* killed below */ }
  if (child && child.exitCode === null) child.kill('SIGKILL');
  browser = null;
}
process.on('exit', () => {
  const child = browser && browser.process();
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

let server;
let chromium;   // Promise of browser_results
let node;       // Promise of Node's results for the same calls

test.before(async () => {
  server = await serve({ '/loader/': path.join(root, 'loader', 'js'), '/examples/': examples, '/': path.join(__dirname, 'page') });
  chromium = browser_results(server.url);
  chromium.catch(() => {});
  node = (async () => {
    const calls = await import('./page/calls.mjs');
    const loader = require('../../loader/js/it_loader.js');
    return {
      examples: await calls.run_examples(loader, (example, file) => path.join(examples, example, file)),
      sources: await calls.run_sources(loader, new URL('examples/', server.url)),
    };
  })();
  node.catch(() => {});
});

test.after(async () => {
  await close_browser();
  if (server) await server.close();
});

const expected_lines = (name) => fs.readFileSync(path.join(root, 'examples', name, 'expected.txt'), 'utf8').split('\n').slice(0, -1);

test('the page ran: the loader loaded as an ES module in Chromium, without Node', async () => {
  const { results, log } = await chromium;
  assert.equal(results.error, undefined, `${results.error}\n${log.join('\n')}`);
  assert.equal(results.browser.globals, 'undefined undefined undefined undefined');
  assert.equal(results.browser.default_export, 'true 3');
});

test('fizzbuzz in Chromium prints what Node prints, and examples/fizzbuzz/expected.txt', async () => {
  const { results } = await chromium;
  const mine = await node;
  assert.deepEqual(mine.examples.fizzbuzz, expected_lines('fizzbuzz'));
  assert.deepEqual(results.examples.fizzbuzz, mine.examples.fizzbuzz);
});

test('strings in Chromium prints what Node prints, and examples/strings/expected.txt', async () => {
  const { results } = await chromium;
  const mine = await node;
  assert.deepEqual(mine.examples.strings, expected_lines('strings'));
  assert.deepEqual(results.examples.strings, mine.examples.strings);
});

test('a Response, bytes, modules, options.modules and options.resolve, and their errors, as in Node', async () => {
  const { results } = await chromium;
  const mine = await node;
  assert.deepEqual(results.sources, mine.sources);
  assert.equal(mine.sources.promise_of_response, '🌍 ,olléh');
  assert.equal(mine.sources.bytes_and_modules, 'STRAßE'); // strings.c uppercases ASCII and Latin-1 letters, not ß
  assert.equal(mine.sources.sync_buffer_and_module, '18446744073709551615 3');
  assert.match(mine.sources.missing_core, /^RuntimeError: strings: _it_init: load_wasm: cannot read core module http:.*\/none\.wasm: 404 Not Found$/);
  assert.match(mine.sources.no_core_location, /core module strings\.wasm has no location/);
});

test('in a browser: strings are URLs relative to the page, WASI is a clear error, instantiateSync cannot fetch', async () => {
  const { results } = await chromium;
  assert.equal(results.browser.relative_string, 'true Fizz');
  assert.match(results.browser.wasi, /^RuntimeError: notes: _it_init: load_wasm: notes\.wasm imports wasi_snapshot_preview1\.\w+: WASI is not available here \(the loader's WASI is node:wasi, in Node only\)$/);
  assert.equal(results.browser.sync_string, `TypeError: instantiateSync cannot fetch ${server.url}examples/fizzbuzz/it_fizz.wasm: ` +
    'use instantiate, or give the adapter\'s bytes');
});
