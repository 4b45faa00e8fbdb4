// it_loader.mjs: the ESM entry point of the Node loader; the same functions as it_loader.js.
//
//   import { instantiate } from './it_loader.mjs';
//   const fizz = await instantiate(new URL('./it_fizz.wasm', import.meta.url), {});
import loader from './it_loader.js';

export const { instantiate, instantiateSync, readInterface, ComponentError, SUPPORTED_VERSIONS } = loader;
export default loader;
