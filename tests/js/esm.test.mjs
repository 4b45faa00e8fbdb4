// esm.test.mjs: the ESM entry point exports the same loader as the CommonJS one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import loader, { instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS } from '../../loader/js/it_loader.mjs';

const require = createRequire(import.meta.url);
const cjs = require('../../loader/js/it_loader.js');
const { fixture } = require('./helpers.js');

test('named and default exports are the CommonJS functions', () => {
  assert.equal(instantiate, cjs.instantiate);
  assert.equal(instantiateSync, cjs.instantiateSync);
  assert.equal(readInterface, cjs.readInterface);
  assert.equal(ComponentError, cjs.ComponentError);
  assert.deepEqual(SUPPORTED_VERSIONS, [3]);
  assert.equal(loader, cjs);
});

test('instantiate through the ESM entry with a file URL', async () => {
  const adapter = fixture('load_only');
  const component = await instantiate(new URL(`file://${adapter}`), {});
  assert.deepEqual(Object.keys(component), ['nothing']);
  assert.equal(component.nothing(), undefined);
});
