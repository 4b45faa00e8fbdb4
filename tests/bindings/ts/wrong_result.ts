// wrong_result.ts: must NOT type-check (suite `bindings`): a u64 result is a bigint.
// expect: error TS2322: Type 'bigint' is not assignable to type 'number'.
import type { StringsExports } from './it_strings';

declare const strings: StringsExports;
const sum: number = strings.u64Add(1n, 2);
void sum;
