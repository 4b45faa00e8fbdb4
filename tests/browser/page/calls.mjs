// calls.mjs: the calls the browser test makes in Chromium and in Node, so the two can be compared:
// the fizzbuzz and strings examples (as examples/fizzbuzz/main.js and examples/strings/main.mjs
// print them), then the other sources (a Response, bytes, options.modules, options.resolve) and
// their errors. Every result is a string (BigInts included), so it crosses to Node unchanged.
// `loader` is the loader's module; `where(example, file)` the source of a file of build/examples
// (a path in Node, a URL in the browser); `base` the URL of build/examples on the test server.

// The lines examples/NAME/expected.txt holds, for fizzbuzz and strings.
export async function run_examples(loader, where) {
  const { instantiate } = loader;
  const fizzbuzz_lines = [];
  const fizz = await instantiate(where('fizzbuzz', 'it_fizz.wasm'), {});
  const buzz = await instantiate(where('fizzbuzz', 'it_buzz.wasm'), {});
  const fizzbuzz = await instantiate(where('fizzbuzz', 'it_fizzbuzz.wasm'), {
    fizz, buzz, console: { log: (text) => fizzbuzz_lines.push(text) },
  });
  fizzbuzz_lines.push(`fizz.isFizz(9) = ${fizz.isFizz(9)}, fizz.fizzStr() = ${JSON.stringify(fizz.fizzStr())}`);
  fizzbuzz_lines.push(`buzz.isBuzz(9) = ${buzz.isBuzz(9)}, buzz.buzzStr() = ${JSON.stringify(buzz.buzzStr())}`);
  fizzbuzz.fizzbuzz(20);

  const lines = [];
  const strings = await instantiate(where('strings', 'it_strings.wasm'), {});
  const show = (call, value) => lines.push(`${call} = ${typeof value === 'string' ? JSON.stringify(value)
    : typeof value === 'bigint' ? `${value}n` : value}`);
  show('reverse("héllo wörld 🎉")', strings.reverse('héllo wörld 🎉'));
  show('reverse("")', strings.reverse(''));
  show('upper("à la crème brûlée, 𝄞")', strings.upper('à la crème brûlée, 𝄞'));
  show('countCodePoints("日本語 🎉")', strings.countCodePoints('日本語 🎉'));
  show('utf8Length("日本語 🎉")', strings.utf8Length('日本語 🎉'));
  const long = strings.repeat('é🎉', 100);
  show('countCodePoints(repeat("é🎉", 100))', strings.countCodePoints(long));
  show('utf8Length(repeat("é🎉", 100))', strings.utf8Length(long));
  show('reverse(reverse(repeat("é🎉", 100))) === repeat("é🎉", 100)', strings.reverse(strings.reverse(long)) === long);
  show('repeat("ab", 300).length', strings.repeat('ab', 300).length);
  const u64_max = 2n ** 64n - 1n, s64_min = -(2n ** 63n);
  show('u64Add(2n**64n - 1n, 1n)', strings.u64Add(u64_max, 1n));
  show('u64Add(2n**63n, 2n**62n)', strings.u64Add(2n ** 63n, 2n ** 62n));
  show('s64Negate(-(2n**63n))', strings.s64Negate(s64_min));
  show('s64Negate(2n**63n - 1n)', strings.s64Negate(2n ** 63n - 1n));
  show('u64ToString(2n**64n - 1n)', strings.u64ToString(u64_max));
  show('s64ToString(-(2n**63n))', strings.s64ToString(s64_min));
  show('s64ToString(0)', strings.s64ToString(0));
  show('f64Average(1e308, 1e308)', strings.f64Average(1e308, 1e308));
  show('f64Average(-0, -0)', Object.is(strings.f64Average(-0, -0), -0) ? '-0' : 'not -0');
  show('f64Average(NaN, 1)', strings.f64Average(NaN, 1));
  show('f32Scale(0.1, 3)', strings.f32Scale(0.1, 3));
  show('f32Scale(3e38, 10)', strings.f32Scale(3e38, 10));
  return { fizzbuzz: fizzbuzz_lines, strings: lines };
}

// The sources other than a path or URL, through fetch: { name: result or error message }.
export async function run_sources(loader, base) {
  const { instantiate, instantiateSync, readInterface } = loader;
  const url = (file) => new URL(file, base);
  const bytes = async (file) => new Uint8Array(await (await fetch(url(file))).arrayBuffer());
  const message = async (promise) => {
    try {
      await promise;
      return 'no error';
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  };
  const adapter = await bytes('strings/it_strings.wasm'), core = await bytes('strings/strings.wasm');
  const out = {};

  const fetched = await instantiate(fetch(url('strings/it_strings.wasm')), {});
  out.promise_of_response = fetched.reverse('héllo, 🌍');
  const given = await instantiate(adapter, {}, { modules: { 'strings.wasm': core } });
  out.bytes_and_modules = given.upper('straße');
  const sync = instantiateSync(adapter.buffer, {}, { modules: new Map([['strings.wasm', new WebAssembly.Module(core)]]) });
  out.sync_buffer_and_module = `${sync.u64ToString(2n ** 64n - 1n)} ${sync.countCodePoints('日本語')}`;
  const resolved = await instantiate(new WebAssembly.Module(adapter), {}, {
    resolve: (path, location) => fetch(url(`strings/${path}`)).then((response) => (location === undefined ? response : null)),
  });
  out.module_and_resolve = `${resolved.s64Negate(-(2n ** 63n))}`;
  const iface = readInterface(adapter);
  out.read_interface = `${iface.component} ${iface.exports.map((e) => `${e.name}(${e.params}) -> ${e.results}`).join('; ')}`;

  out.missing_adapter = await message(instantiate(url('strings/it_none.wasm'), {}));
  out.no_core_location = await message(instantiate(new Response(adapter), {}));
  out.missing_core = await message(instantiate(adapter, {}, { resolve: () => fetch(url('strings/none.wasm')) }));
  out.sync_cannot_fetch = await message((async () => instantiateSync(url('strings/it_strings.wasm'), {}))());
  // up to the engine's own words, which differ between V8 versions
  out.not_wasm = (await message(instantiate(new Uint8Array([1, 2, 3]), {}))).replace(/(wasm module: ).*/, '$1...');
  return out;
}
