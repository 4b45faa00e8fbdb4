// run.js: runs the tests/js suites (every *.test.js / *.test.mjs here) with `node --test`,
// shows the TAP output, and prints "N passed, M failed" last (tools/suite.sh reads it).
// Exits non-zero if any test failed or was cancelled, or node --test failed.
//   node tests/js/run.js [FILE...]
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const files = process.argv.length > 2 ? process.argv.slice(2)
  : fs.readdirSync(__dirname).filter((f) => /\.test\.m?js$/.test(f)).sort().map((f) => path.join(__dirname, f));
const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
const counts = { pass: 0, fail: 0, cancelled: 0 };
readline.createInterface({ input: child.stdout }).on('line', (line) => {
  console.log(line);
  const summary = /^# (pass|fail|cancelled) (\d+)$/.exec(line);
  if (summary) counts[summary[1]] = Number(summary[2]);
});
child.on('close', (status) => {
  let failed = counts.fail + counts.cancelled;
  if (status !== 0 && failed === 0) {
    console.log(`node --test exited with status ${status}`);
    failed = 1;
  }
  console.log(`${counts.pass} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
});
