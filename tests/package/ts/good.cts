// good.cts: the loader's API from CommonJS (require): must type-check (strict).
import loader = require('it-loader');

async function main(): Promise<void> {
  const fizz = await loader.instantiate('it_fizz.wasm', {});
  const value: unknown = fizz.isFizz(9);
  const buzz = loader.instantiateSync(new URL('file:///tmp/it_buzz.wasm'), null, { wasi: { args: [] } });
  console.log(value, Object.keys(buzz), loader.readInterface('it_fizz.wasm').component, loader.SUPPORTED_VERSIONS[0]);
  throw new loader.ComponentError('fizz.isFizz', { code: 1 });
}

export = main;
