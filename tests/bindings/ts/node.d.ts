// node.d.ts: the little of Node the TypeScript hosts use (examples/*/main.ts,
// tests/bindings/ts/*.ts), so that suite `bindings` type-checks them with no
// @types/node: `require` gives `any`, which each host annotates.
declare function require(id: string): any;
declare const __dirname: string;
declare const process: { argv: string[]; exitCode?: number | undefined };
declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void };
