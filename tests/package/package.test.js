// package.test.js: the npm package of the JS loader (loader/js/package.json), used as a user would:
// `npm pack` it, `npm install` the tarball in a scratch project outside the repository (offline:
// it has no dependencies), then require('it-loader') and import from 'it-loader' run the
// fizzbuzz and strings examples (their main.js / main.mjs with only the loader's name changed)
// and print their expected.txt; a copy of the two files in a "type": "module" folder works too;
// a TypeScript project using the package type-checks (strict), and wrong calls do not.
// Needs npm, `make examples` (part of `make all`) and tools/npm/node_modules (make deps: typescript).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const examples = path.resolve(root, process.env.BUILD || 'build', 'examples');
const package_dir = path.join(root, 'loader', 'js');
const tsc = path.join(root, 'tools', 'npm', 'node_modules', '.bin', 'tsc');
const NAME = 'it-loader';
const TIMEOUT = 120_000; // each npm or tsc run

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'it-package-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
const project = path.join(scratch, 'project');

// Runs a command (no shell), failing with its output if it cannot start or times out.
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: TIMEOUT, ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result;
}

function npm(args, cwd) {
  const result = run('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error',
    '--cache', path.join(scratch, 'npm-cache')], { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

let packed; // npm pack's report: { filename, files, version, ... }

test('npm pack ships the loader, its types, README and package.json only, at the project version', () => {
  fs.mkdirSync(path.join(scratch, 'pack'));
  [packed] = JSON.parse(npm(['pack', package_dir, '--json', '--pack-destination', path.join(scratch, 'pack')], scratch));
  assert.deepEqual(packed.files.map((f) => f.path).sort(),
    ['README.md', 'it_loader.d.mts', 'it_loader.d.ts', 'it_loader.js', 'it_loader.mjs', 'package.json']);
  const version = /^VERSION\s*:=\s*(\S+)/m.exec(fs.readFileSync(path.join(root, 'Makefile'), 'utf8'))[1];
  assert.equal(packed.name, NAME);
  assert.equal(packed.version, version);
});

test('npm install of the tarball in a scratch project outside the repository', () => {
  assert.ok(packed, 'npm pack failed');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true }, null, 2));
  npm(['install', path.join(scratch, 'pack', packed.filename)], project);
  assert.ok(path.relative(root, project).startsWith('..'), `${project} is inside the repository`);
  assert.ok(fs.existsSync(path.join(project, 'node_modules', NAME, 'it_loader.js')));
});

// examples/NAME/HOST with the loader's relative path replaced by `by`, written to `dir`.
function copy_host(name, host, from, by, dir) {
  const source = fs.readFileSync(path.join(root, 'examples', name, host), 'utf8');
  assert.ok(source.includes(from), `examples/${name}/${host} no longer loads ${from}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, host);
  fs.writeFileSync(file, source.replaceAll(from, by));
  return file;
}

// Runs a host on build/examples/NAME; its output must be examples/NAME/expected.txt, its stderr empty.
function check_example(name, file) {
  const result = run(process.execPath, [file, path.join(examples, name)], { cwd: path.dirname(file) });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, fs.readFileSync(path.join(root, 'examples', name, 'expected.txt'), 'utf8'));
}

test("require('it-loader') runs the fizzbuzz example", () => {
  check_example('fizzbuzz', copy_host('fizzbuzz', 'main.js', "'../../loader/js/it_loader.js'", `'${NAME}'`, path.join(project, 'cjs')));
});

test("import from 'it-loader' runs the strings example", () => {
  check_example('strings', copy_host('strings', 'main.mjs', "'../../loader/js/it_loader.mjs'", `'${NAME}'`, path.join(project, 'esm')));
});

test('in a "type": "module" project: .js files import the package, .cjs files require the same loader', () => {
  const dir = path.join(project, 'typed');
  check_example('strings', copy_host('strings', 'main.mjs', "'../../loader/js/it_loader.mjs'", `'${NAME}'`, dir));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  fs.renameSync(path.join(dir, 'main.mjs'), path.join(dir, 'main.js'));
  check_example('strings', path.join(dir, 'main.js'));
  fs.writeFileSync(path.join(dir, 'same.js'), [
    "import { createRequire } from 'node:module';",
    `import loader, { instantiate } from '${NAME}';`,
    `const required = createRequire(import.meta.url)('${NAME}');`,
    "console.log(loader === required && instantiate === required.instantiate);",
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'fizz.cjs'), `const { instantiateSync } = require('${NAME}');\n` +
    `console.log(instantiateSync(process.argv[2], {}).fizzStr());\n`);
  const same = run(process.execPath, [path.join(dir, 'same.js')]);
  assert.equal(same.stderr, '');
  assert.equal(same.stdout, 'true\n');
  const fizz = run(process.execPath, [path.join(dir, 'fizz.cjs'), path.join(examples, 'fizzbuzz', 'it_fizz.wasm')]);
  assert.equal(fizz.stderr, '');
  assert.equal(fizz.stdout, 'Fizz\n');
});

test('it_loader.js and it_loader.mjs copied into a "type": "module" folder work as they are', () => {
  const dir = path.join(scratch, 'copied');
  const host = copy_host('strings', 'main.mjs', "'../../loader/js/it_loader.mjs'", "'./it_loader.mjs'", dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const file of ['it_loader.js', 'it_loader.mjs']) fs.copyFileSync(path.join(package_dir, file), path.join(dir, file));
  check_example('strings', host);
  // WASI comes from node:wasi there too
  fs.writeFileSync(path.join(dir, 'notes.js'), [
    "import { instantiate } from './it_loader.mjs';",
    "const notes = await instantiate(process.argv[2], {}, { wasi: { preopens: { '/data': process.argv[3] } } });",
    'console.log(Object.keys(notes).join(" "));',
  ].join('\n'));
  const notes = run(process.execPath, [path.join(dir, 'notes.js'), path.join(examples, 'files', 'it_notes.wasm'),
    path.join(root, 'examples', 'files', 'data')]);
  assert.equal(notes.stderr, '');
  assert.equal(notes.status, 0);
  assert.match(notes.stdout, /\S/);
});

// tsc -p CONFIG in the scratch project's ts folder: { status, diagnostics: [{ file, line, code }], output }.
function typecheck(config) {
  assert.ok(fs.existsSync(tsc), `${tsc} is missing: run make deps (it installs tools/npm/package.json)`);
  const dir = path.join(project, 'ts');
  const config_file = path.join(dir, `tsconfig.${config.name}.json`);
  fs.writeFileSync(config_file, JSON.stringify({ compilerOptions: config.options, files: config.files }, null, 2));
  const result = run(process.execPath, [tsc, '-p', config_file], { cwd: dir });
  const diagnostics = [...result.stdout.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+):/gm)]
    .map(([, file, line, code]) => ({ file, line: Number(line), code }));
  return { status: result.status, diagnostics, output: result.stdout + result.stderr };
}

const STRICT = { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext' };
// A browser project: the DOM's types, no @types/node; the declaration files themselves are checked.
const BROWSER = { ...STRICT, lib: ['es2022', 'dom'], types: [] };
// A Node project with @types/node (from tools/npm; skipLibCheck, as its version is newer than this tsc).
const NODE = { ...STRICT, skipLibCheck: true, typeRoots: [path.join(root, 'tools', 'npm', 'node_modules', '@types')], types: ['node'] };

test('a TypeScript project using the package type-checks (strict), for the browser and for Node', () => {
  assert.ok(fs.existsSync(path.join(project, 'node_modules', NAME)), 'the package is not installed');
  fs.cpSync(path.join(__dirname, 'ts'), path.join(project, 'ts'), { recursive: true });
  const browser = typecheck({ name: 'browser', options: BROWSER, files: ['good.mts', 'good.cts'] });
  assert.equal(browser.status, 0, browser.output);
  const node = typecheck({ name: 'node', options: NODE, files: ['good.mts', 'good.cts', 'node_only.mts'] });
  assert.equal(node.status, 0, node.output);
});

test('wrong calls fail to type-check, each with its error', () => {
  assert.ok(fs.existsSync(path.join(project, 'ts', 'bad.mts')), 'the TypeScript files were not copied');
  const expected = fs.readFileSync(path.join(__dirname, 'ts', 'bad.mts'), 'utf8').split('\n')
    .map((text, i) => ({ line: i + 1, code: /\/\/ (TS\d+)$/.exec(text)?.[1] })).filter((e) => e.code);
  assert.ok(expected.length >= 10, 'bad.mts marks its lines');
  for (const options of [BROWSER, NODE]) {
    const bad = typecheck({ name: 'bad', options, files: ['bad.mts'] });
    assert.notEqual(bad.status, 0);
    const found = bad.diagnostics.filter((d) => d.file === 'bad.mts').map(({ line, code }) => ({ line, code }));
    assert.deepEqual(found, expected, bad.output);
  }
});
