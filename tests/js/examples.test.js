// examples.test.js: the examples' Node hosts print exactly examples/NAME/expected.txt.
// Every examples/NAME/ with an expected.txt is checked (found here, as examples/build.mk's
// demo-node finds them: nothing lists the examples by name), and every example with an ITL
// file must have one, so a new example cannot be left unchecked.
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

const examples_dir = path.join(root, 'examples');
const example_dirs = fs.readdirSync(examples_dir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
// [NAME, HOST]: the Node host is main.js, or main.mjs for an ES module.
const examples = example_dirs
  .filter((name) => fs.existsSync(path.join(examples_dir, name, 'expected.txt')))
  .map((name) => [name, ['main.js', 'main.mjs'].find((host) => fs.existsSync(path.join(examples_dir, name, host)))]);

test('every example with an ITL file has a Node host and expected.txt', () => {
  const itl_dirs = example_dirs.filter((name) => fs.readdirSync(path.join(examples_dir, name)).some((f) => f.endsWith('.itl')));
  assert.ok(itl_dirs.length >= 4, `examples found: ${itl_dirs}`);
  for (const name of itl_dirs) {
    const entry = examples.find(([found]) => found === name);
    assert.ok(entry, `examples/${name} has no expected.txt`);
    assert.ok(entry[1], `examples/${name} has no main.js or main.mjs`);
  }
});

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
    assert.match(result.stderr, /cannot read adapter .*no-such-dir\/it_\w+\.wasm: No such file or directory \(ENOENT\)/);
  });
}
