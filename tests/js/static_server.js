// static_server.js: a small static HTTP server on 127.0.0.1 for the loader's fetch paths
// (tests/js/sources.test.js in Node, tests/browser in Chromium). No dependencies.
//
//   const server = await serve({ '/examples/': 'build/examples', '/': 'tests/browser/page' });
//   server.url        'http://127.0.0.1:PORT/'
//   server.requests   the paths asked for, in order
//   await server.close()
//
// Each route maps a URL path prefix (ending in '/') to a directory; the
// longest matching prefix wins. GET and HEAD only; only regular files under
// the route's directory are served ('..' cannot leave it), everything else is
// a 404. Content types by extension, .wasm as application/wasm.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

// The file for URL path `pathname` under `routes`, or null.
function find_file(routes, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const prefix = Object.keys(routes).filter((p) => decoded.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return null;
  const dir = path.resolve(routes[prefix]);
  let file = path.resolve(dir, '.' + path.sep + decoded.slice(prefix.length));
  if (file !== dir && !file.startsWith(dir + path.sep)) return null;
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function serve(routes) {
  const requests = [];
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    requests.push(pathname);
    const file = request.method === 'GET' || request.method === 'HEAD' ? find_file(routes, pathname) : null;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`not found: ${pathname}\n`);
      return;
    }
    const body = fs.readFileSync(file);
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      resolve({
        url,
        requests,
        close: () => new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

module.exports = { serve };
