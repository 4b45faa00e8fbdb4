// it_loader.d.mts: the types of it_loader.mjs, the ES module entry point: those of it_loader.js (it_loader.d.ts), and the default export.
export * from './it_loader.js';
import * as loader from './it_loader.js';
export default loader;
