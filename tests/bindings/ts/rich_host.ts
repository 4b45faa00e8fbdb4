// rich_host.ts: it_rich.d.ts and it_names.d.ts (itlc --emit-dts of tests/loader/rich/rich.itl and
// tests/bindings/golden/names.itl) against what loader/js/it_loader.js does. Type-checked with
// tsc --strict: the declared types are exactly the README's mapping (Equal), every value the
// loader gives is one it accepts, and wrong uses fail (@ts-expect-error, which itself fails if
// no error comes). Then run: the values rich's exports give at run time are of the declared
// types (typed arrays, bigints, flags objects, tagged inner options, results thrown).
//   node rich_host.js ADAPTER   (tsc's output; ADAPTER: it_rich.wasm)
import type {
  Color, MaybeMaybe, MaybeMaybeIn, Outcome, Pair, PairIn, Perms, PermsIn, Person, PersonIn, Point, RichExports,
  RichImports, Shape,
} from './it_rich';
import type { Array2, Deep, DeepIn, NamesExports, NamesImports, Odd, Point2, Point2In, T2dIn } from './it_names';

// ---- the types, checked by tsc -------------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function type_is<T extends true>(): void {}
type Args<F> = F extends (...args: infer P) => unknown ? P : never;
type Gives<F> = F extends (...args: never[]) => infer R ? R : never;

type_is<Equal<Gives<RichExports['bool']>, boolean>>();
type_is<Equal<Args<RichExports['bool']>, [arg1: boolean]>>();
type_is<Equal<Gives<RichExports['char']>, string>>();
type_is<Equal<Args<RichExports['numbers']>, [arg1: BigInt64Array | ReadonlyArray<bigint | number>]>>();
type_is<Equal<Gives<RichExports['numbers']>, BigInt64Array>>();
type_is<Equal<Gives<RichExports['second']>, bigint>>();
type_is<Equal<Gives<RichExports['bytes']>, Uint8Array>>();
type_is<Equal<Gives<RichExports['floats']>, Float32Array>>();
type_is<Equal<Gives<RichExports['strings']>, string[]>>();
type_is<Equal<Gives<RichExports['nested']>, Array<Array<[number, string]>>>>();
type_is<Equal<Gives<RichExports['outcome']>, number>>();
type_is<Equal<Gives<RichExports['checked']>, number>>();
type_is<Equal<Gives<RichExports['two']>, [Color, Point]>>();
type_is<Equal<Gives<RichExports['compare']>, [boolean, boolean, boolean]>>();
type_is<Equal<Gives<RichExports['maybe']>, number | undefined>>();
type_is<Equal<Args<RichExports['maybe']>, [arg1: number | undefined | null]>>();
type_is<Equal<Gives<RichExports['logPoint']>, void>>();
type_is<Equal<Color, 'red' | 'green' | 'blue'>>();
type_is<Equal<Perms, { read: boolean; write: boolean; exec: boolean }>>();
type_is<Equal<PermsIn, { read?: boolean; write?: boolean; exec?: boolean }>>();
type_is<Equal<Shape, { tag: 'circle'; val: number } | { tag: 'rect'; val: Point } | { tag: 'empty' }>>();
type_is<Equal<MaybeMaybe, { tag: 'some'; val: number } | { tag: 'none' } | undefined>>();
type_is<Equal<MaybeMaybeIn, { tag: 'some'; val: number } | { tag: 'none' } | undefined | null>>();
type_is<Equal<Outcome, { tag: 'ok'; val: number } | { tag: 'err'; val: string }>>();
type_is<Equal<Pair, [boolean, string]>>();
type_is<Equal<PairIn, readonly [boolean, string]>>();
type_is<Equal<Person, { name: string; age: number; tags: string[]; home: Point | undefined }>>();
type_is<Equal<PersonIn, { name: string; age: number; tags: readonly string[]; home?: Point | undefined | null }>>();
// host functions are given the loader's forms and return argument forms
type_is<Equal<Args<RichImports['console']['logAll']>,
  [arg1: string, arg2: Color, arg3: Perms, arg4: Shape, arg5: Uint32Array]>>();
type_is<Equal<Gives<NamesImports['b']['one']>, bigint | number>>();
type_is<Equal<Gives<NamesImports['a:x/y']['two-words']>, readonly [bigint | number, readonly [string, number | undefined | null]]>>();
type_is<Equal<Args<NamesImports['b']['delete']>, [arg1: bigint]>>();
// names: quoted keys, collisions numbered, an option inside an option tagged
type_is<Equal<Odd, '*/' | '??=' | 'é' | 'a-b' | 'a_b' | "it's" | '\\q'>>();
type_is<Equal<Array2, 'a' | 'b'>>();
type_is<Equal<Point2['y-pos'], number>>();
type_is<Equal<Gives<NamesExports['a_b']>, { tag: 'some'; val: number } | { tag: 'none' } | undefined>>();
type_is<Equal<Deep, { tag: 'some'; val: { tag: 'some'; val: string } | { tag: 'none' } } | { tag: 'none' } | undefined>>();
type_is<Equal<Gives<NamesExports['empty']>, void>>();
type_is<Equal<Gives<NamesExports['okOnly']>, bigint>>();
type_is<Equal<Gives<NamesExports['p']>, [string, string, number]>>();

// What the loader gives is always what it accepts: NAME is assignable to NAMEIn.
function given_is_accepted(person: Person, perms: Perms, pair: Pair, maybe_maybe: MaybeMaybe, deep: Deep,
  point2: Point2): [PersonIn, PermsIn, PairIn, MaybeMaybeIn, DeepIn, Point2In, T2dIn] {
  return [person, perms, pair, maybe_maybe, deep, point2, { tag: 'some-thing', val: 5 }];
}

// Wrong uses do not type-check (never run).
function wrong_uses(rich: RichExports): void {
  // @ts-expect-error: not a case of color
  rich.color('purple');
  // @ts-expect-error: an unknown flag
  rich.perms({ read: true, delete: true });
  // @ts-expect-error: a flag is a boolean
  rich.perms({ read: 1 });
  // @ts-expect-error: a result's flags are all there
  const all: Perms = { read: true };
  // @ts-expect-error: circle has a payload
  rich.shape({ tag: 'circle' });
  // @ts-expect-error: rect's payload is a point
  rich.shape({ tag: 'rect', val: 1 });
  // @ts-expect-error: a tuple of two
  rich.pair([true, 'x', 1]);
  // @ts-expect-error: the inner option is tagged
  rich.maybeMaybe(5);
  // @ts-expect-error: a person has tags
  rich.person({ name: 'a', age: 1 });
  // @ts-expect-error: numbers are not strings
  rich.numbers(['1']);
  // @ts-expect-error: a u32 is a number, not a bigint
  rich.unwrapOr(undefined, 1n);
  // @ts-expect-error: s64 results are bigints
  const n: number = rich.second([1n, 2n]);
  // @ts-expect-error: two gives [Color, Point], not [Point, Color]
  const swapped: [Point, Color] = rich.two({ x: 1, y: 2 }, 'red');
  // @ts-expect-error: an export takes its arguments, all of them
  rich.makePoint(1);
  const wrong_host: RichImports = {
    console: {
      // @ts-expect-error: logPoint is given a point
      logPoint: (p: string) => console.log(p),
      logAll: () => undefined,
    },
  };
  void all, n, swapped, wrong_host;
}
void wrong_uses, given_is_accepted;

// ---- the values, checked at run time --------------------------------------------------------

interface Loader {
  instantiateSync(path: string, imports: object): unknown;
  ComponentError: new (where: string, payload: unknown) => Error & { payload: unknown };
}
const loader: Loader = require('../../../loader/js/it_loader.js');

let checks = 0;
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`rich_host: ${what}`);
  checks++;
}
function text(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

const logged: Point[] = [];
const imports: RichImports = {
  console: {
    logPoint: (p) => { logged.push(p); },
    logAll: (s, color, flags, shape, words) => {
      check(typeof s === 'string' && color === 'green' && flags.write && !flags.read, 'logAll: the flags are all there');
      check(shape.tag === 'empty' && !('val' in shape), 'logAll: a case without payload has no val');
      check(words instanceof Uint32Array && words[1] === 7, 'logAll: a list<u32> is a Uint32Array');
    },
  },
};
const live = loader.instantiateSync(process.argv[2], imports) as RichExports;

const second: bigint = live.second([1n, 2, 3n]);
check(typeof second === 'bigint' && second === 2n, 's64: numbers accepted, a bigint given');
check(live.bytes([1, 2]) instanceof Uint8Array, 'list<u8>: an array accepted, a Uint8Array given');
check(live.numbers(new BigInt64Array([5n]))[0] === 5n, 'list<s64>: a BigInt64Array');
check(live.floats([0.5]) instanceof Float32Array, 'list<f32>: a Float32Array');
check(Array.isArray(live.strings(['a'] as const)), 'list<string>: a readonly array accepted, an array given');
check(text(live.perms({ read: true })) === '{"read":true,"write":false,"exec":false}', 'flags: every flag given');
const given: Person = live.person({ name: 'Ada', age: 36, tags: [] });
check('home' in given && given.home === undefined, 'an option field left out: there, undefined');
check(live.person({ name: 'Ada', age: 36, tags: [], home: { x: 1, y: 2 } }).home?.y === 2, 'an option field: some');
check(live.maybe(null) === undefined && live.maybe(3) === 3, 'option: null accepted, undefined given');
check(live.maybeMaybe(undefined) === undefined, 'option<option>: none');
check(text(live.maybeMaybe({ tag: 'none' })) === '{"tag":"none"}', 'option<option>: some(none) tagged');
check(text(live.maybeMaybe({ tag: 'some', val: 4 })) === '{"tag":"some","val":4}', 'option<option>: some(some)');
check(live.outcome({ tag: 'ok', val: 3 }) === 3, 'result: the ok value returned');
try {
  live.outcome({ tag: 'err', val: 'bad' });
  check(false, 'result: an err throws');
} catch (error) {
  check(error instanceof loader.ComponentError && error.payload === 'bad', 'result: a ComponentError, payload E');
}
check(text(live.shape({ tag: 'empty' })) === '{"tag":"empty"}', 'variant: no val without payload');
const p: Pair = live.pair([true, 'é'] as const);
check(p.length === 2 && p[1] === 'é', 'tuple: readonly accepted, an array given');
const [color, point] = live.two({ x: 1, y: 2 }, 'blue');
check(color === 'blue' && point.x === 1, 'several results: an array');
check(live.char('🎉') === '🎉', 'char: a string of one code point');
check(text(live.compare(1, 2)) === '[true,false,false]', 'bool results');
live.logPoint({ x: 3, y: 4 });
check(logged.length === 1 && logged[0].y === 4, 'a host function given a point');
live.logAll('all', 'green', { write: true }, { tag: 'empty' }, [1, 7]);
console.log(`rich_host: ${checks} checks passed`);
