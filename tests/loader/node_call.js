// node_call.js: calls one export through the Node loader and prints the result with console.log,
// reading the arguments by the export's IT signature the way itrun does (for comparing outputs).
//   node tests/loader/node_call.js ADAPTER.wasm EXPORT [ARGS...]
'use strict';
const loader = require('../../loader/js/it_loader.js');

const [file, name, ...texts] = process.argv.slice(2);
const entry = loader.readInterface(file).exports.find((e) => e.name === name);
const args = texts.map((text, i) => {
  const type = entry.params[i];
  if (type === 'string') return text;
  if (type === 'u1') return text === 'true' || text === '1';
  if (['s64', 'u64', 'i64'].includes(type)) return BigInt(text.replace(/n$/, ''));
  return Number(text);
});
const result = loader.instantiateSync(file, {})[name](...args);
if (entry.results.length > 0) console.log(result);
