// it_loader.d.ts: the types of the loader's API (it_loader.js; it_loader.d.mts declares the same for it_loader.mjs).
//
// Written by hand from it_loader.js and README.md (the API table). They use
// the global types URL, Response and WebAssembly, so a project needs lib
// "dom" (a browser) or @types/node. A component's own exports are not known
// here: give them to instantiate as its type argument
// (`instantiate<Fizz>(...)`), e.g. the types `itlc --emit-dts` writes.

/** The it.interface versions this loader runs (docs/abi.md, "Versioning"): `[3]`. */
export declare const SUPPORTED_VERSIONS: readonly number[];

/** Bytes of a wasm module: an ArrayBuffer or any view of one (Uint8Array, Buffer, DataView, ...). */
export type Bytes = ArrayBuffer | ArrayBufferView;

/**
 * A compiled `WebAssembly.Module`. The standard declarations make that an
 * empty interface, which every value but null and undefined matches; this
 * refuses at least strings, numbers, promises and Responses.
 */
export interface CompiledModule extends WebAssembly.Module {
  readonly then?: never;
  readonly arrayBuffer?: never;
}

/**
 * An adapter module written by itlc. A string is a path where there is a
 * file system (Node) and a URL relative to the page where there is not (a
 * browser); a `file:` URL is a path in Node; other URLs are fetched. Core
 * modules are found beside the adapter (its directory or URL) unless
 * `options.modules` or `options.resolve` give them.
 */
export type AdapterSource = string | URL | Bytes | Response | CompiledModule;

/** What `instantiateSync` and `readInterface` take: nothing that must be fetched or waited for. */
export type AdapterSourceSync = string | URL | Bytes | CompiledModule;

/** A core module given by the host (options.modules, options.resolve). A Response can be read once. */
export type CoreModuleSource = Bytes | CompiledModule | Response;
export type CoreModuleSourceSync = Bytes | CompiledModule;

/** The WASI (node:wasi, Node only) that core modules importing `wasi_snapshot_preview1` get. */
export interface WasiOptions {
  /** The guest's arguments; none by default. */
  args?: readonly string[];
  /** The guest's environment; empty by default. */
  env?: { readonly [name: string]: string };
  /** Guest directory name -> host directory; none by default. */
  preopens?: { readonly [guest: string]: string };
  /** The host fds the guest's 0, 1 and 2 are; by default the process's. */
  stdio?: readonly [stdin: number, stdout: number, stderr: number];
}

/** Where a core module is beside the adapter: an absolute path or a URL; undefined when the adapter has no location (bytes). */
export type CoreLocation = string | undefined;

export interface InstantiateOptions {
  wasi?: WasiOptions;
  /**
   * Core modules by their path as the adapter names them (`'fizz.wasm'`).
   * Paths not named by the adapter are ignored, so one map can serve several adapters.
   */
  modules?: { readonly [path: string]: CoreModuleSource } | ReadonlyMap<string, CoreModuleSource>;
  /**
   * Called for each core module not in `modules`, with its path as the
   * adapter names it and where it would be read from; undefined or null
   * (or a promise of it): read it from there.
   */
  resolve?: (path: string, location: CoreLocation) =>
    CoreModuleSource | null | undefined | PromiseLike<CoreModuleSource | null | undefined>;
}

/** The options of `instantiateSync`: the same, without anything to wait for. */
export interface InstantiateSyncOptions {
  wasi?: WasiOptions;
  modules?: { readonly [path: string]: CoreModuleSourceSync } | ReadonlyMap<string, CoreModuleSourceSync>;
  resolve?: (path: string, location: CoreLocation) => CoreModuleSourceSync | null | undefined;
}

/**
 * A component: a frozen object with a null prototype and exactly the ITL
 * exports as functions. Untyped here; see instantiate's type argument.
 */
export interface Component {
  readonly [name: string]: (...args: any[]) => any;
}

/**
 * The component's imports: each ITL import namespace maps to another
 * component returned by this loader (passed straight through), or to an
 * object whose functions (own properties or class methods; a single export
 * of another component also goes straight through) serve the imports of
 * that namespace. Any object type, so that an interface declaring a
 * component's imports (as `itlc --emit-dts` writes them) fits as it is.
 */
export type Imports = object;

/**
 * Reads and compiles the adapter and its core modules off the main thread,
 * then instantiates them. `source` may also be a promise of a source
 * (`instantiate(fetch(url))`).
 */
export declare function instantiate<T extends object = Component>(
  source: AdapterSource | PromiseLike<AdapterSource>,
  imports?: Imports | null,
  options?: InstantiateOptions | null,
): Promise<T>;

/** The same, synchronously: paths, file: URLs, bytes or modules, and core modules from files or the options. */
export declare function instantiateSync<T extends object = Component>(
  source: AdapterSourceSync,
  imports?: Imports | null,
  options?: InstantiateSyncOptions | null,
): T;

/** The adapter's it.interface section. */
export declare function readInterface(source: AdapterSourceSync): Interface;

/**
 * What an export whose one result is `result<T, E>` throws for an err
 * (`payload`: the E value), and what a host function for such an import
 * throws to return one (any error with a `payload` property does).
 */
export declare class ComponentError extends Error {
  constructor(where: string, payload?: unknown);
  name: 'ComponentError';
  payload: unknown;
}

// ---- readInterface's result ----

/** The lowered core type of a value (docs/abi.md). */
export type CoreType = 'i32' | 'i64' | 'f32' | 'f64' | 'externref';

/** The primitive IT types, by their names in it.interface. */
export type PrimitiveName =
  | 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64'
  | 'f32' | 'f64' | 'string' | 'char' | 'i32' | 'i64';

/** How the loader handles a primitive's JS value. */
export type PrimitiveKind = 'bool' | 'int32' | 'int64' | 'float' | 'string' | 'char';

export type ConstructorKind = 'record' | 'tuple' | 'list' | 'enum' | 'flags' | 'variant' | 'option' | 'result';

/** A row of the loader's primitive table. */
export interface PrimitiveInfo {
  readonly code: number;
  readonly name: PrimitiveName;
  readonly kind: PrimitiveKind;
  /** The range of an integer type (a bigint for 64-bit ones); null for others. */
  readonly min: number | bigint | null;
  readonly max: number | bigint | null;
  /** Its width for mem_load / mem_store; 0 if it is not a memory type. */
  readonly size: number;
  readonly lowered: CoreType;
}

interface TypeDescriptorBase {
  /** The descriptor byte in it.interface. */
  readonly code: number;
  /** The name messages use: the type's definition name, or its text (`s32`, `(list string)`). */
  readonly name: string;
  /** The name the ITL defined it under, or '' for none. */
  readonly defined: string;
  readonly lowered: CoreType;
  /** 1 for a primitive, else 1 + the deepest member's. */
  readonly depth: number;
}

export interface PrimitiveType extends TypeDescriptorBase, Omit<PrimitiveInfo, 'name' | 'code' | 'lowered'> {
  readonly kind: PrimitiveKind;
  readonly prim: PrimitiveInfo;
  readonly members: null;
}

/** A field (record), element (tuple, list, option), case (variant, enum, result: ok, err) or flag. */
export interface TypeMember {
  /** '' for tuple elements and the element of a list or option. */
  readonly label: string;
  /** null for a case without payload, an enum case and a flag. */
  readonly type: TypeDescriptor | null;
}

export interface ConstructedType extends TypeDescriptorBase {
  readonly kind: ConstructorKind;
  readonly prim: null;
  readonly members: readonly TypeMember[];
}

/** A type of the it.interface type table (docs/abi.md, "Types"). */
export type TypeDescriptor = PrimitiveType | ConstructedType;

export interface InterfaceFunction {
  readonly name: string;
  /** The parameters' and results' type names. */
  readonly params: readonly string[];
  readonly results: readonly string[];
  /** The same as descriptors. */
  readonly paramTypes: readonly TypeDescriptor[];
  readonly resultTypes: readonly TypeDescriptor[];
}

export interface InterfaceImport extends InterfaceFunction {
  readonly module: string;
}

/** A core module the adapter loads, and how its imports are wired to the adapter's shims. */
export interface InterfaceCoreModule {
  readonly path: string;
  readonly imports: readonly { readonly module: string; readonly name: string; readonly shim: string }[];
}

/** What `readInterface` returns. */
export interface Interface {
  readonly version: number;
  readonly component: string;
  readonly types: readonly TypeDescriptor[];
  readonly exports: readonly InterfaceFunction[];
  readonly imports: readonly InterfaceImport[];
  readonly modules: readonly InterfaceCoreModule[];
}
