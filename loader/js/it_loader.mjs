// it_loader.mjs: the ES module entry point of the loader, in Node and in browsers; the same functions as it_loader.js.
//
//   import { instantiate } from './it_loader.mjs';
//   const fizz = await instantiate(new URL('./it_fizz.wasm', import.meta.url), {});
//
// it_loader.js is the one implementation. Where it is CommonJS (Node, beside
// a package.json without "type": "module", or the npm package), importing it
// gives its module.exports as the default export. Where it is an ES module
// (a browser; a copy in a "type": "module" folder of Node) it exports
// nothing and leaves the API under a global symbol instead. The namespace
// import below works both ways: a default import would fail to link in the
// second case.
import * as implementation from './it_loader.js';

const loader = implementation.default || globalThis[Symbol.for('it_loader.api')];
if (!loader || typeof loader.instantiate !== 'function') {
  throw new Error('it_loader.mjs: ./it_loader.js did not provide the loader (is it the same version as this file?)');
}

export const { instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS } = loader;
export default loader;
