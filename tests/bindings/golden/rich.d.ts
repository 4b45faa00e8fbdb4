// it_rich.d.ts: TypeScript declarations of component rich (rich.itl), written by itlc --emit-dts:
// the values loader/js/it_loader.js takes and gives (loader/js/README.md, "Typed components:
// itlc --emit-dts"). A named type NAME is a value as the loader gives it out; NAMEIn, where
// it differs, what the loader accepts as an argument (every NAME is a NAMEIn too).

/** point: (record (field x f64) (field y f64)) */
export interface Point {
  x: number;
  y: number;
}

/** person: (record (field name string) (field age u8) (field tags (list string)) (field home (option point))) */
export interface Person {
  name: string;
  age: number;
  tags: Array<string>;
  home: Point | undefined;
}

/** Person as an argument: what the loader accepts. */
export interface PersonIn {
  name: string;
  age: number;
  tags: ReadonlyArray<string>;
  home?: Point | undefined | null;
}

/** color: (enum red green blue) */
export type Color = 'red' | 'green' | 'blue';

/** perms: (flags read write exec) */
export interface Perms {
  read: boolean;
  write: boolean;
  exec: boolean;
}

/** Perms as an argument: what the loader accepts. */
export interface PermsIn {
  read?: boolean;
  write?: boolean;
  exec?: boolean;
}

/** shape: (variant (case circle f64) (case rect point) (case empty)) */
export type Shape =
  | { tag: 'circle'; val: number }
  | { tag: 'rect'; val: Point }
  | { tag: 'empty' };

/** maybe-maybe: (option (option u32)) */
export type MaybeMaybe = { tag: 'some'; val: number } | { tag: 'none' } | undefined;

/** MaybeMaybe as an argument: what the loader accepts. */
export type MaybeMaybeIn = { tag: 'some'; val: number } | { tag: 'none' } | undefined | null;

/** outcome: (result u32 string) */
export type Outcome = { tag: 'ok'; val: number } | { tag: 'err'; val: string };

/** pair: (tuple bool char) */
export type Pair = [boolean, string];

/** Pair as an argument: what the loader accepts. */
export type PairIn = readonly [boolean, string];

/** odd: (record (field __proto__ u8) (field constructor string)) */
export interface Odd {
  __proto__: number;
  constructor: string;
}

/** odd-flags: (flags constructor toString __proto__) */
export interface OddFlags {
  constructor: boolean;
  toString: boolean;
  __proto__: boolean;
}

/** OddFlags as an argument: what the loader accepts. */
export interface OddFlagsIn {
  constructor?: boolean;
  toString?: boolean;
  __proto__?: boolean;
}

/** The exports of component rich: what instantiate(path, imports) gives (a frozen object). */
export interface RichExports {
  /** (func "point" (param point) (result point)) */
  point(arg1: Point): Point;
  /** (func "person" (param person) (result person)) */
  person(arg1: PersonIn): Person;
  /** (func "color" (param color) (result color)) */
  color(arg1: Color): Color;
  /** (func "perms" (param perms) (result perms)) */
  perms(arg1: PermsIn): Perms;
  /** (func "shape" (param shape) (result shape)) */
  shape(arg1: Shape): Shape;
  /** (func "maybe" (param (option u32)) (result (option u32))) */
  maybe(arg1: number | undefined | null): number | undefined;
  /** (func "maybeMaybe" (param maybe-maybe) (result maybe-maybe)) */
  maybeMaybe(arg1: MaybeMaybeIn): MaybeMaybe;
  /** (func "maybeString" (param (option string)) (result (option string))) */
  maybeString(arg1: string | undefined | null): string | undefined;
  /**
   * (func "outcome" (param outcome) (result outcome))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: string
   */
  outcome(arg1: Outcome): number;
  /** (func "pair" (param pair) (result pair)) */
  pair(arg1: PairIn): Pair;
  /** (func "char" (param char) (result char)) */
  char(arg1: string): string;
  /** (func "bool" (param bool) (result bool)) */
  bool(arg1: boolean): boolean;
  /** (func "bytes" (param (list u8)) (result (list u8))) */
  bytes(arg1: Uint8Array | ReadonlyArray<number>): Uint8Array;
  /** (func "numbers" (param (list s64)) (result (list s64))) */
  numbers(arg1: BigInt64Array | ReadonlyArray<bigint | number>): BigInt64Array;
  /** (func "floats" (param (list f32)) (result (list f32))) */
  floats(arg1: Float32Array | ReadonlyArray<number>): Float32Array;
  /** (func "strings" (param (list string)) (result (list string))) */
  strings(arg1: ReadonlyArray<string>): Array<string>;
  /** (func "nested" (param (list (list (tuple u8 string)))) (result (list (list (tuple u8 string))))) */
  nested(arg1: ReadonlyArray<ReadonlyArray<readonly [number, string]>>): Array<Array<[number, string]>>;
  /** (func "points" (param (list point)) (result (list point))) */
  points(arg1: ReadonlyArray<Point>): Array<Point>;
  /** (func "two" (param point color) (result color point)) */
  two(arg1: Point, arg2: Color): [Color, Point];
  /** (func "logPoint" (param point)) */
  logPoint(arg1: Point): void;
  /** (func "describe" (param color) (result string)) */
  describe(c: Color): string;
  /** (func "swapNamed" (param point color) (result color point)) */
  swapNamed(p: Point, c: Color): [Color, Point];
  /** (func "sizeOrName" (param u32 string) (result u32 string)) */
  sizeOrName(n: number, name: string): [number, string];
  /** (func "logAll" (param string color perms shape (list u32))) */
  logAll(arg1: string, arg2: Color, arg3: PermsIn, arg4: Shape, arg5: Uint32Array | ReadonlyArray<number>): void;
  /** (func "makePoint" (param f64 f64) (result point)) */
  makePoint(x: number, y: number): Point;
  /** (func "pointY" (param point) (result f64)) */
  pointY(p: Point): number;
  /** (func "nameAndHome" (param person) (result string (option point))) */
  nameAndHome(p: PersonIn): [string, Point | undefined];
  /** (func "makePerson" (param string u8) (result person)) */
  makePerson(name: string, age: number): Person;
  /** (func "swapPair" (param pair) (result (tuple char bool))) */
  swapPair(t: PairIn): [string, boolean];
  /** (func "area" (param shape) (result f64)) */
  area(s: Shape): number;
  /** (func "colorName" (param color) (result string)) */
  colorName(c: Color): string;
  /** (func "nextColor" (param color) (result color)) */
  nextColor(c: Color): Color;
  /** (func "unwrapOr" (param (option u32) u32) (result u32)) */
  unwrapOr(m: number | undefined | null, d: number): number;
  /**
   * (func "checked" (param s32) (result outcome))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: string
   */
  checked(n: number): number;
  /** (func "outcomeText" (param outcome) (result string)) */
  outcomeText(o: Outcome): string;
  /** (func "firstOf" (param (list string)) (result u32 string)) */
  firstOf(l: ReadonlyArray<string>): [number, string];
  /** (func "second" (param (list s64)) (result s64)) */
  second(l: BigInt64Array | ReadonlyArray<bigint | number>): bigint;
  /** (func "readWrite" (result perms)) */
  readWrite(): Perms;
  /** (func "flatten" (param maybe-maybe) (result (option u32))) */
  flatten(arg1: MaybeMaybeIn): number | undefined;
  /** (func "bump" (param maybe-maybe) (result maybe-maybe)) */
  bump(m: MaybeMaybeIn): MaybeMaybe;
  /** (func "shapes" (param f64) (result (list shape))) */
  shapes(r: number): Array<Shape>;
  /** (func "compare" (param f64 f64) (result bool bool bool)) */
  compare(a: number, b: number): [boolean, boolean, boolean];
  /** (func "sameChar" (param char char) (result bool)) */
  sameChar(a: string, b: string): boolean;
  /** (func "odd" (param odd) (result odd)) */
  odd(arg1: Odd): Odd;
  /** (func "oddFlags" (param odd-flags) (result odd-flags)) */
  oddFlags(arg1: OddFlagsIn): OddFlags;
}

/** The imports of component rich: instantiate's second argument. Each namespace is an object of
 * these host functions, or another component whose exports have these signatures. (A type alias,
 * not an interface: it also fits parameters typed `{ [namespace: string]: object }`.) */
export type RichImports = {
  console: {
    /** (func "logPoint" (param point)) */
    logPoint: (arg1: Point) => void;
    /** (func "logAll" (param string color perms shape (list u32))) */
    logAll: (arg1: string, arg2: Color, arg3: Perms, arg4: Shape, arg5: Uint32Array) => void;
  };
};
