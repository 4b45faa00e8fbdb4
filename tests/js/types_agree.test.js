// types_agree.test.js: the IT type table is written in three places, one per
// language (itlc/types.def; loader/include/it_loader.h's IT_TYPE_LIST with
// loader/src/interface.c's iface_lowered; loader/js/it_loader.js's
// IT_TYPE_ROWS), and this test keeps them one table: the same codes and
// names, the same lowered core type, the same memory width (issue 15, step 0).
// The same for the type constructors (types.def's C rows, it_loader.h's
// IT_CTOR_LIST, it_loader.js's IT_CTOR_ROWS).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');

// itlc: X(ID, "name", code, kind, VAL_lowered, bits, is_signed, is_core, is_memory)
function itlc_rows() {
  const rows = new Map();
  for (const m of read('itlc/types.def').matchAll(
    /^X\((\w+),\s*"([^"]+)",\s*(0x[0-9a-f]+),\s*(\w+),\s*VAL_(\w+),\s*(\d+),\s*([01]),\s*([01]),\s*([01])\)/gm)) {
    const bits = Number(m[6]), memory = m[9] === '1';
    rows.set(Number(m[3]), { name: m[2], lowered: m[5].toLowerCase(), bytes: memory ? bits / 8 : 0 });
  }
  // C(ID, "keyword", code, kind, VAL_lowered)
  for (const m of read('itlc/types.def').matchAll(/^C\((\w+),\s*"([^"]+)",\s*(0x[0-9a-f]+),\s*(\w+),\s*VAL_(\w+)\)/gm)) {
    rows.set(Number(m[3]), { name: m[2], lowered: m[5].toLowerCase(), bytes: 0, ctor: true });
  }
  return rows;
}

// The native loader: X(IT_ID, code, "name"), and iface_lowered's cases.
function native_rows() {
  const lowered = new Map();
  let fallback = null;
  const body = /wrt_valtype iface_lowered\(it_type type\)\s*\{([\s\S]*?)\n\}/.exec(read('loader/src/interface.c'))[1];
  for (const line of body.split('\n')) {
    const result = /return WRT_(\w+);/.exec(line);
    if (!result) continue;
    if (/default:/.test(line)) fallback = result[1].toLowerCase();
    for (const c of line.matchAll(/case (IT_\w+):/g)) lowered.set(c[1], result[1].toLowerCase());
  }
  const rows = new Map();
  for (const m of read('loader/include/it_loader.h').matchAll(/X\((IT_\w+), (0x[0-9a-f]+), "([^"]+)"\)/g)) {
    rows.set(Number(m[2]), { name: m[3], lowered: lowered.get(m[1]) || fallback });
  }
  return rows;
}

// The Node loader: [code, 'name', kind, min, max, bytes, 'lowered'].
function js_rows() {
  const table = /const IT_TYPE_ROWS = \[([\s\S]*?)\n\];/.exec(read('loader/js/it_loader.js'))[1];
  const rows = new Map();
  for (const m of table.matchAll(/^\s*\[(0x[0-9a-f]+),\s*'([^']+)',.*,\s*(\d+),\s*'(\w+)'\],?$/gm)) {
    rows.set(Number(m[1]), { name: m[2], bytes: Number(m[3]), lowered: m[4] });
  }
  const ctors = /const IT_CTOR_ROWS = \[([\s\S]*?)\n\];/.exec(read('loader/js/it_loader.js'))[1];
  for (const m of ctors.matchAll(/^\s*\[(0x[0-9a-f]+),\s*'([^']+)',\s*'(\w+)'\],?$/gm)) {
    rows.set(Number(m[1]), { name: m[2], bytes: 0, lowered: m[3] });
  }
  return rows;
}

test('the three type tables list the same types', () => {
  const itlc = itlc_rows(), native = native_rows(), js = js_rows();
  assert.ok(itlc.size >= 23, `itlc/types.def: ${itlc.size} rows read`);
  assert.deepEqual([...native.keys()].sort(), [...itlc.keys()].sort(), 'codes: it_loader.h vs types.def');
  assert.deepEqual([...js.keys()].sort(), [...itlc.keys()].sort(), 'codes: it_loader.js vs types.def');
  for (const [code, row] of itlc) {
    const where = `type 0x${code.toString(16)} (${row.name})`;
    assert.equal(native.get(code).name, row.name, `${where}: name in it_loader.h`);
    assert.equal(js.get(code).name, row.name, `${where}: name in it_loader.js`);
    assert.equal(native.get(code).lowered, row.lowered, `${where}: lowered type in interface.c`);
    assert.equal(js.get(code).lowered, row.lowered, `${where}: lowered type in it_loader.js`);
    assert.equal(js.get(code).bytes, row.bytes, `${where}: memory width in it_loader.js`);
  }
});
