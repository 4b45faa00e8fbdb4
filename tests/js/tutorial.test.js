// tutorial.test.js: docs/itl.md's "Your first component" is true: its code blocks are the files of
// examples/tutorial (its sources, host and expected.txt), its commands build and run them from scratch, and its diagnostic is itlc's.
//   <!-- file: PATH -->          the fenced block that follows is exactly the file PATH
//   <!-- commands: DIR -->       the fenced block that follows, run by bash in a copy of DIR with
//                                $BIN on PATH, prints DIR/expected.txt
//   <!-- diagnostic: ... -->     the fenced block that follows is what itlc prints for greeter.itl
//                                without its (as u32 ...)
// BLESS=1 rewrites the file and diagnostic blocks in docs/itl.md instead of comparing.
// Needs clang (wasm32-wasi), wasi-libc and $BIN/itlc (BIN is set by tools/suite.sh).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { new_dir } = require('./helpers.js');

const root = path.join(__dirname, '..', '..');
const bin = path.resolve(root, process.env.BIN || path.join('build', 'bin'));
const doc_path = path.join(root, 'docs', 'itl.md');
const tutorial = path.join(root, 'examples', 'tutorial');

// Each marked block of the doc: { kind, argument, start, end } where start..end are the
// block's content lines (between the fences), 0-based, end exclusive.
function marked_blocks(lines) {
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- (file|commands|diagnostic): (.*) -->$/.exec(lines[i]);
    if (!marker) continue;
    assert.match(lines[i + 1] || '', /^```/, `docs/itl.md:${i + 2}: a fenced block must follow the marker`);
    let end = i + 2;
    while (end < lines.length && lines[end] !== '```') end++;
    assert.ok(end < lines.length, `docs/itl.md:${i + 2}: unterminated block`);
    blocks.push({ kind: marker[1], argument: marker[2], line: i + 1, start: i + 2, end });
  }
  return blocks;
}

function block_text(lines, block) {
  return lines.slice(block.start, block.end).map((line) => `${line}\n`).join('');
}

// A copy of examples/tutorial at WORK/examples/tutorial, with WORK/loader linking to the real
// loader, so main.js's require('../../loader/js/it_loader.js') works there.
function tutorial_copy() {
  const work = new_dir();
  const copy = path.join(work, 'examples', 'tutorial');
  fs.mkdirSync(copy, { recursive: true });
  for (const name of fs.readdirSync(tutorial)) fs.copyFileSync(path.join(tutorial, name), path.join(copy, name));
  fs.symlinkSync(path.join(root, 'loader'), path.join(work, 'loader'));
  return copy;
}

function itlc_diagnostic() {
  const copy = tutorial_copy();
  const itl = path.join(copy, 'greeter.itl');
  const source = fs.readFileSync(itl, 'utf8');
  const broken = source.replace('    (as u32 (local 3)))', '    (local 3))');
  assert.notEqual(broken, source, 'greeter.itl no longer has the line the diagnostic removes');
  fs.writeFileSync(itl, broken);
  const result = spawnSync(path.join(bin, 'itlc'), ['greeter.itl'], { cwd: copy, encoding: 'utf8' });
  assert.equal(result.status, 1);
  return result.stderr;
}

const doc = fs.readFileSync(doc_path, 'utf8');
const lines = doc.split('\n');
const blocks = marked_blocks(lines);

// The files a user writes (sources, host) and expected.txt; not the native loader's calls.txt.
const TUTORIAL_FILE = /\.(c|itl|js|mjs)$|^expected\.txt$/;

test('docs/itl.md shows every file of examples/tutorial, exactly', () => {
  const shown = blocks.filter((b) => b.kind === 'file').map((b) => b.argument);
  const files = fs.readdirSync(tutorial).filter((name) => TUTORIAL_FILE.test(name))
    .map((name) => `examples/tutorial/${name}`).sort();
  assert.deepEqual([...shown].sort(), files);
  let blessed = lines;
  for (const block of [...blocks].reverse()) {
    let want;
    if (block.kind === 'file') want = fs.readFileSync(path.join(root, block.argument), 'utf8');
    else if (block.kind === 'diagnostic') want = itlc_diagnostic();
    else continue;
    if (process.env.BLESS) {
      blessed = [...blessed.slice(0, block.start), ...want.replace(/\n$/, '').split('\n'), ...blessed.slice(block.end)];
    } else {
      assert.equal(block_text(lines, block), want, `docs/itl.md:${block.line}: the block differs from ${block.argument} (BLESS=1 to update the doc)`);
    }
  }
  if (process.env.BLESS) fs.writeFileSync(doc_path, blessed.join('\n'));
});

test("docs/itl.md's commands build and run the tutorial from its sources alone", () => {
  const commands = blocks.filter((b) => b.kind === 'commands');
  assert.equal(commands.length, 1);
  assert.equal(commands[0].argument, 'examples/tutorial');
  const copy = tutorial_copy();
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  const result = spawnSync('bash', ['-e', '-c', block_text(lines, commands[0])], { cwd: copy, env, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, fs.readFileSync(path.join(tutorial, 'expected.txt'), 'utf8'));
  assert.ok(fs.existsSync(path.join(copy, 'it_greeter.wasm')));
});

// The build command links what ordinary libc code needs: float parsing and printing reach
// compiler-rt's long-double and 128-bit helpers (__multi3, __addtf3, ...).
test("docs/itl.md's clang command builds C that uses strtod, snprintf and 128-bit multiplies", () => {
  const command = block_text(lines, blocks.find((b) => b.kind === 'commands')).split(/\n(?=\S)/)
    .find((line) => line.startsWith('clang '));
  assert.ok(command, 'no clang line in the commands block');
  const copy = tutorial_copy();
  fs.writeFileSync(path.join(copy, 'greeter.c'), `#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
__attribute__((export_name("mix"))) uint64_t mix(uint64_t a, uint64_t b) {
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}
__attribute__((export_name("scale"))) int scale(const char *text, char *out, int size) {
    return snprintf(out, (size_t)size, "%.3f %Lg", strtod(text, NULL) * 2, (long double)strtold(text, NULL));
}
`);
  const result = spawnSync('bash', ['-e', '-c', command], { cwd: copy, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.ok(fs.existsSync(path.join(copy, 'greeter.wasm')));
});
