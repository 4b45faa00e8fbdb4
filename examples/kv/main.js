// main.js: the kv component in Node: a key-value store whose get returns
// option<string> (undefined for a missing key), keys() a list<string>, and a
// CSV row parser returning result<person, string> (a ComponentError for a
// row that does not parse).
//   node examples/kv/main.js build/examples/kv
'use strict';

const path = require('node:path');
const loader = require('../../loader/js/it_loader.js');

const dir = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'examples', 'kv');
const kv = loader.instantiateSync(path.join(dir, 'it_kv.wasm'), {});

kv.set('language', 'C');
kv.set('engine', 'wrt');
kv.set('greeting', 'héllo 🎉');
kv.set('engine', 'wrt, a baseline JIT');
console.log(`get("engine"): ${kv.get('engine')}`);
console.log(`get("greeting"): ${kv.get('greeting')}`);
console.log(`get("missing"): ${kv.get('missing')}`);
console.log(`keys(): ${kv.keys().join(', ')}`);
console.log(`remove("language"): ${kv.remove('language')}`);
console.log(`remove("language"): ${kv.remove('language')}`);
console.log(`keys(): ${kv.keys().join(', ')}`);

console.log(`getOr("engine", "none"): ${kv.getOr('engine', 'none')}`);
console.log(`getOr("missing", "none"): ${kv.getOr('missing', 'none')}`);
for (const line of ['Ada Lovelace,36,ada@example.org', 'Grace Hopper,x']) {
  try {
    console.log(`nameOf(${JSON.stringify(line)}): ${kv.nameOf(line)}`);
  } catch (error) {
    if (!(error instanceof loader.ComponentError)) throw error;
    console.log(`nameOf(${JSON.stringify(line)}) failed: ${error.payload}`);
  }
}

for (const line of ['Ada Lovelace,36,ada@example.org', 'Alan Turing,41', 'Grace Hopper,x', ',3', 'nobody']) {
  try {
    const p = kv.parseRow(line);
    console.log(`parseRow(${JSON.stringify(line)}): ${p.name}, ${p.age}, ${p.email === undefined ? '(no email)' : p.email}`);
  } catch (error) {
    if (!(error instanceof loader.ComponentError)) throw error;
    console.log(`parseRow(${JSON.stringify(line)}) failed: ${error.payload}`);
  }
}
