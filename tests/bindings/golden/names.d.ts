// it_names.d.ts: TypeScript declarations of component names (names.itl), written by itlc --emit-dts:
// the values loader/js/it_loader.js takes and gives (loader/js/README.md, "Typed components:
// itlc --emit-dts"). A named type NAME is a value as the loader gives it out; NAMEIn, where
// it differs, what the loader accepts as an argument (every NAME is a NAMEIn too).

/** Point: (record (field z u8)) */
export interface Point {
  z: number;
}

/** array: (enum a b) */
export type Array2 = 'a' | 'b';

/** uint8-array: (flags read write) */
export interface Uint8Array2 {
  read: boolean;
  write: boolean;
}

/** Uint8Array2 as an argument: what the loader accepts. */
export interface Uint8Array2In {
  read?: boolean;
  write?: boolean;
}

/** names-exports: (enum x) */
export type NamesExports2 = 'x';

/** odd: (enum *\/ ?\?= é a-b a_b it's \q) */
export type Odd = '*/' | '??=' | 'é' | 'a-b' | 'a_b' | 'it\'s' | '\\q';

/** _2d: (variant (case none) (case some-thing u64)) */
export type T2d =
  | { tag: 'none' }
  | { tag: 'some-thing'; val: bigint };

/** T2d as an argument: what the loader accepts. */
export type T2dIn =
  | { tag: 'none' }
  | { tag: 'some-thing'; val: bigint | number };

/** deep: (option (option (option string))) */
export type Deep = { tag: 'some'; val: { tag: 'some'; val: string } | { tag: 'none' } } | { tag: 'none' } | undefined;

/** Deep as an argument: what the loader accepts. */
export type DeepIn = { tag: 'some'; val: { tag: 'some'; val: string } | { tag: 'none' } } | { tag: 'none' } | undefined | null;

/** maybe: (option u32) */
export type Maybe = number | undefined;

/** Maybe as an argument: what the loader accepts. */
export type MaybeIn = number | undefined | null;

/** res-empty: (result) */
export type ResEmpty = { tag: 'ok' } | { tag: 'err' };

/** res-err: (result _ string) */
export type ResErr = { tag: 'ok' } | { tag: 'err'; val: string };

/** res-ok: (result u64) */
export type ResOk = { tag: 'ok'; val: bigint } | { tag: 'err' };

/** ResOk as an argument: what the loader accepts. */
export type ResOkIn = { tag: 'ok'; val: bigint | number } | { tag: 'err' };

/** point: (record (field x f64) (field y-pos f64) (field class string) (field it's (option u8))) */
export interface Point2 {
  x: number;
  'y-pos': number;
  class: string;
  'it\'s': number | undefined;
}

/** Point2 as an argument: what the loader accepts. */
export interface Point2In {
  x: number;
  'y-pos': number;
  class: string;
  'it\'s'?: number | undefined | null;
}

/** The exports of component names: what instantiate(path, imports) gives (a frozen object). */
export interface NamesExports {
  /** (func "is-fizz" (param s32) (result bool)) */
  'is-fizz'(arg1: number): boolean;
  /** (func "delete" (param u64) (result s64)) */
  delete(arg1: bigint | number): bigint;
  /** (func "bind" (param Point) (result array)) */
  bind(arg1: Point): Array2;
  /** (func "exports" (param uint8-array) (result uint8-array)) */
  exports(arg1: Uint8Array2In): Uint8Array2;
  /** (func "int" (param names-exports odd) (result odd)) */
  int(arg1: NamesExports2, arg2: Odd): Odd;
  /** (func "2x" (param _2d) (result _2d)) */
  '2x'(arg1: T2dIn): T2d;
  /** (func "a b" (param deep) (result deep)) */
  'a b'(arg1: DeepIn): Deep;
  /** (func "a_b" (param (option maybe)) (result (option maybe))) */
  a_b(arg1: { tag: 'some'; val: number } | { tag: 'none' } | undefined | null): { tag: 'some'; val: number } | { tag: 'none' } | undefined;
  /** (func "*\/?\?=" (param (enum x y) (flags f g)) (result (enum x y))) */
  '*/??='(arg1: 'x' | 'y', arg2: { f?: boolean; g?: boolean }): 'x' | 'y';
  /** (func "ünïcode" (param (list char) (list (option u8)) (list u64) (list bool))) */
  'ünïcode'(arg1: ReadonlyArray<string>, arg2: ReadonlyArray<number | undefined | null>, arg3: BigUint64Array | ReadonlyArray<bigint | number>, arg4: ReadonlyArray<boolean>): void;
  /** (func "p" (param u8 u16 s16 s8 i32 i64 f32) (result string char u8)) */
  p(exports: number, args: number, status: number, out: number, arg5: number, arg6: bigint | number, arg2: number): [string, string, number];
  /**
   * (func "empty" (result res-empty))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: undefined
   */
  empty(): void;
  /**
   * (func "errOnly" (result res-err))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: string
   */
  errOnly(): void;
  /**
   * (func "okOnly" (result res-ok))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: undefined
   */
  okOnly(): bigint;
  /**
   * (func "nested" (param (tuple maybe (result maybe maybe))) (result (result point (tuple u8))))
   * Returns the ok value; for an err, throws a ComponentError whose `payload` is the error value: [number]
   */
  nested(arg1: readonly [MaybeIn, { tag: 'ok'; val: MaybeIn } | { tag: 'err'; val: MaybeIn }]): Point2;
}

/** The imports of component names: instantiate's second argument. Each namespace is an object of
 * these host functions, or another component whose exports have these signatures. (A type alias,
 * not an interface: it also fits parameters typed `{ [namespace: string]: object }`.) */
export type NamesImports = {
  b: {
    /**
     * (func "one" (param point) (result res-ok))
     * Return the ok value; for an err, throw an error with a `payload` property (a ComponentError) holding the error value: undefined
     */
    one: (arg1: Point2) => bigint | number;
    /** (func "delete" (param s64)) */
    delete: (arg1: bigint) => void;
  };
  'a:x/y': {
    /** (func "two-words" (param (list bool)) (result u64 (tuple char maybe))) */
    'two-words': (arg1: Array<boolean>) => readonly [bigint | number, readonly [string, MaybeIn]];
  };
};
