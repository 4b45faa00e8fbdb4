// examples.test.js: the examples' Node hosts print exactly examples/NAME/expected.txt.
// Needs `make examples` (part of `make all`); adapters are read from $BUILD/examples/NAME.
// BLESS=1 rewrites expected.txt from the current output instead of comparing.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const build = path.resolve(root, process.env.BUILD || 'build');

const examples = [
  ['fizzbuzz', 'main.js'],
  ['strings', 'main.mjs'],
  ['textstats', 'main.js'],
];

function run(name, host, dir) {
  return spawnSync(process.execPath, [path.join(root, 'examples', name, host), dir], { encoding: 'utf8' });
}

for (const [name, host] of examples) {
  test(`examples/${name}/${host} prints expected.txt`, () => {
    const expected_file = path.join(root, 'examples', name, 'expected.txt');
    const result = run(name, host, path.join(build, 'examples', name));
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    if (process.env.BLESS) fs.writeFileSync(expected_file, result.stdout);
    assert.equal(result.stdout, fs.readFileSync(expected_file, 'utf8'));
  });

  test(`examples/${name}/${host} reports a missing adapter and fails`, () => {
    const result = run(name, host, path.join(build, 'examples', 'no-such-dir'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot read adapter .*no-such-dir\/it_\w+\.wasm: ENOENT/);
  });
}
