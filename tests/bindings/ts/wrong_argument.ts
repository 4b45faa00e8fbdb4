// wrong_argument.ts: must NOT type-check (suite `bindings`): isFizz takes a number (an s32).
// expect: error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.
import type { FizzExports } from './it_fizz';

declare const fizz: FizzExports;
fizz.isFizz('9');
