;; int.wat: i32/i64 arithmetic, constants folded into instructions, division traps.
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "sub_const") (param i32) (result i32) (i32.sub (local.get 0) (i32.const 7)))
  (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "big_const") (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x123456789)))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "rem_u64") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "div_s64") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func (export "shr_s") (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func (export "shr_u64") (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func (export "shr_u_imm") (param i32) (result i32) (i32.shr_u (local.get 0) (i32.const 35)))
  (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func (export "rotr64") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
  (func (export "clz") (param i32) (result i32) (i32.clz (local.get 0)))
  (func (export "ctz64") (param i64) (result i64) (i64.ctz (local.get 0)))
  (func (export "clz64") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "popcnt64") (param i64) (result i64) (i64.popcnt (local.get 0)))
  (func (export "eqz64") (param i64) (result i32) (i64.eqz (local.get 0)))
  (func (export "lt_s") (param i32 i32) (result i32) (i32.lt_s (local.get 0) (local.get 1)))
  (func (export "lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
  (func (export "ge_u64_imm") (param i64) (result i32) (i64.ge_u (local.get 0) (i64.const -1)))
  (func (export "ext8") (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func (export "ext32") (param i64) (result i64) (i64.extend32_s (local.get 0)))
  (func (export "extend_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func (export "extend_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func (export "select") (param i32 i32 i32) (result i32) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select64") (param i64 i64 i32) (result i64) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "many") (param i32) (result i32)
    ;; more live values than allocatable registers: forces spills
    (local.get 0) (i32.const 1) (i32.add) (local.get 0) (i32.const 2) (i32.add)
    (local.get 0) (i32.const 3) (i32.add) (local.get 0) (i32.const 4) (i32.add)
    (local.get 0) (i32.const 5) (i32.add) (local.get 0) (i32.const 6) (i32.add)
    (local.get 0) (i32.const 7) (i32.add) (local.get 0) (i32.const 8) (i32.add)
    (local.get 0) (i32.const 9) (i32.add) (local.get 0) (i32.const 10) (i32.add)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add))
  (func (export "locals") (param i32) (result i32) (local i32 i64)
    ;; a local.get value read after the local is overwritten keeps the old value
    (local.set 1 (i32.const 5))
    (local.get 1)
    (local.set 1 (i32.add (local.get 1) (local.get 0)))
    (local.get 1)
    (i32.sub))
  (func (export "tee") (param i32) (result i32) (local i32)
    (i32.add (local.tee 1 (i32.mul (local.get 0) (i32.const 3))) (local.get 1)))
)
;; run add i32:1 i32:2 => i32:3
;; run add i32:0x7fffffff i32:1 => i32:0x80000000
;; run sub_const i32:5 => i32:-2
;; run mul i64:0x100000000 i64:3 => i64:0x300000000
;; run big_const i64:1 => i64:0x12345678a
;; run div_s i32:-7 i32:2 => i32:-3
;; run div_s i32:1 i32:0 => trap integer divide by zero
;; run div_s i32:0x80000000 i32:-1 => trap integer overflow
;; run div_u i32:0xffffffff i32:2 => i32:0x7fffffff
;; run rem_s i32:0x80000000 i32:-1 => i32:0
;; run rem_s i32:-7 i32:2 => i32:-1
;; run rem_s i32:7 i32:0 => trap integer divide by zero
;; run rem_u64 i64:-1 i64:10 => i64:5
;; run div_s64 i64:0x8000000000000000 i64:-1 => trap integer overflow
;; run div_s64 i64:-100 i64:7 => i64:-14
;; run rem_s64 i64:0x8000000000000000 i64:-1 => i64:0
;; run shl i32:1 i32:33 => i32:2
;; run shr_s i32:-16 i32:2 => i32:-4
;; run shr_u64 i64:-1 i64:60 => i64:15
;; run shr_u_imm i32:0x80 => i32:0x10
;; run rotl i32:0x80000001 i32:1 => i32:3
;; run rotr64 i64:1 i64:1 => i64:0x8000000000000000
;; run clz i32:0 => i32:32
;; run clz i32:1 => i32:31
;; run clz i32:0x80000000 => i32:0
;; run ctz64 i64:0 => i64:64
;; run ctz64 i64:0x100 => i64:8
;; run clz64 i64:0 => i64:64
;; run clz64 i64:1 => i64:63
;; run popcnt i32:0xffffffff => i32:32
;; run popcnt i32:0x10101 => i32:3
;; run popcnt64 i64:-1 => i64:64
;; run popcnt64 i64:0x8000000000000001 => i64:2
;; run eqz64 i64:0 => i32:1
;; run eqz64 i64:0x100000000 => i32:0
;; run lt_s i32:-1 i32:0 => i32:1
;; run lt_u i32:-1 i32:0 => i32:0
;; run ge_u64_imm i64:-1 => i32:1
;; run ge_u64_imm i64:5 => i32:0
;; run ext8 i32:0x80 => i32:-128
;; run ext32 i64:0xffffffff => i64:-1
;; run extend_s i32:-1 => i64:-1
;; run extend_u i32:-1 => i64:0xffffffff
;; run wrap i64:0x1234567890 => i32:0x34567890
;; run select i32:1 i32:2 i32:0 => i32:2
;; run select i32:1 i32:2 i32:7 => i32:1
;; run select64 i64:1 i64:2 i32:0 => i64:2
;; run many i32:1 => i32:65
;; run locals i32:10 => i32:-10
;; run tee i32:4 => i32:24
