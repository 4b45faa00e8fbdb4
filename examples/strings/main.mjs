// main.mjs: runs the strings example in Node through the loader's ESM entry point:
// UTF-8 both ways (non-ASCII, 4-byte sequences, strings over 255 bytes), s64/u64 edges, f32/f64.
//   node examples/strings/main.mjs [ADAPTER_DIR]   (default: build/examples/strings)
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { instantiate } from '../../loader/js/it_loader.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || path.join(here, '..', '..', 'build', 'examples', 'strings');

try {
  const strings = await instantiate(path.join(dir, 'it_strings.wasm'), {});
  const show = (call, value) => console.log(`${call} = ${typeof value === 'string' ? JSON.stringify(value)
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
} catch (error) {
  console.error(`strings: ${error.message}`);
  process.exitCode = 1;
}
