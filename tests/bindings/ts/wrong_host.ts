// wrong_host.ts: must NOT type-check (suite `bindings`): console.log is given a string.
// expect: error TS2322: Type '(text: number) => void' is not assignable to type '(arg1: string) => void'.
import type { FizzbuzzImports } from './it_fizzbuzz';

declare const fizz: FizzbuzzImports['fizz'], buzz: FizzbuzzImports['buzz'];
const imports: FizzbuzzImports = { fizz, buzz, console: { log: (text: number) => console.log(text + 1) } };
void imports;
