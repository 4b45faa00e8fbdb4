// page.mjs: the browser test's page script: loads the loader as an ES module (/loader/it_loader.mjs,
// the files of loader/js as they are), makes the calls of calls.mjs on build/examples (served under
// /examples/), and a few that only a browser makes; sets window.it_results (or
// { error }) and then window.it_done, which tests/browser/browser.test.js waits for.
import * as loader from '/loader/it_loader.mjs';
import { run_examples, run_sources } from './calls.mjs';

const examples = new URL('/examples/', location.href);

// What only happens in a browser: strings are URLs relative to the page; no
// WASI (examples/files needs it); instantiateSync cannot fetch; no Node built-ins.
async function browser_only() {
  const out = {};
  const fizz = await loader.instantiate('examples/fizzbuzz/it_fizz.wasm', {});
  out.relative_string = `${fizz.isFizz(9)} ${fizz.fizzStr()}`;
  try {
    await loader.instantiate('examples/files/it_notes.wasm', {});
    out.wasi = 'no error';
  } catch (error) {
    out.wasi = `${error.name}: ${error.message}`;
  }
  try {
    loader.instantiateSync('examples/fizzbuzz/it_fizz.wasm', {});
    out.sync_string = 'no error';
  } catch (error) {
    out.sync_string = `${error.name}: ${error.message}`;
  }
  out.globals = `${typeof require} ${typeof process} ${typeof Buffer} ${typeof module}`;
  out.default_export = `${loader.default.instantiate === loader.instantiate} ${loader.SUPPORTED_VERSIONS.join()}`;
  return out;
}

async function main() {
  return {
    examples: await run_examples(loader, (example, file) => new URL(`${example}/${file}`, examples)),
    sources: await run_sources(loader, examples),
    browser: await browser_only(),
  };
}

main().then((results) => {
  window.it_results = results;
}, (error) => {
  window.it_results = { error: `${error && error.name}: ${error && error.message}\n${error && error.stack}` };
}).finally(() => {
  document.getElementById('out').textContent = JSON.stringify(window.it_results, null, 2);
  window.it_done = true;
});
