;; float.wat: f32/f64 arithmetic with exact IEEE/wasm semantics (NaN, signed zeros, rounding, conversions).
(module
  (func (export "add32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "sub64") (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func (export "div64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func (export "mul32_const") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5)))
  (func (export "min32") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "max32") (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
  (func (export "min64") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func (export "max64") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "copysign32") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
  (func (export "copysign64") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
  (func (export "abs64") (param f64) (result f64) (f64.abs (local.get 0)))
  (func (export "neg32") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "sqrt64") (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func (export "ceil32") (param f32) (result f32) (f32.ceil (local.get 0)))
  (func (export "floor64") (param f64) (result f64) (f64.floor (local.get 0)))
  (func (export "trunc64") (param f64) (result f64) (f64.trunc (local.get 0)))
  (func (export "nearest32") (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "nearest64") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "eq64") (param f64 f64) (result i32) (f64.eq (local.get 0) (local.get 1)))
  (func (export "ne64") (param f64 f64) (result i32) (f64.ne (local.get 0) (local.get 1)))
  (func (export "lt32") (param f32 f32) (result i32) (f32.lt (local.get 0) (local.get 1)))
  (func (export "le64") (param f64 f64) (result i32) (f64.le (local.get 0) (local.get 1)))
  (func (export "gt32") (param f32 f32) (result i32) (f32.gt (local.get 0) (local.get 1)))
  (func (export "ge64") (param f64 f64) (result i32) (f64.ge (local.get 0) (local.get 1)))
  (func (export "i32_trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i32_trunc_f64_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "i32_trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "i64_trunc_f64_s") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func (export "i64_trunc_f32_u") (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func (export "i64_trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "i32_sat_f32_s") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func (export "i32_sat_f64_u") (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func (export "i64_sat_f64_s") (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func (export "i64_sat_f64_u") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
  (func (export "f32_convert_i32_u") (param i32) (result f32) (f32.convert_i32_u (local.get 0)))
  (func (export "f64_convert_i64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "f32_convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func (export "f64_convert_i32_s") (param i32) (result f64) (f64.convert_i32_s (local.get 0)))
  (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func (export "promote") (param f32) (result f64) (f64.promote_f32 (local.get 0)))
  (func (export "bits32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "from_bits64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
  (func (export "fselect") (param f64 f64 i32) (result f64) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "ceil64") (param f64) (result f64) (f64.ceil (local.get 0)))
  (func (export "floor32") (param f32) (result f32) (f32.floor (local.get 0)))
  (func (export "trunc32") (param f32) (result f32) (f32.trunc (local.get 0)))
  (func (export "fconst") (result f64) (f64.const -0x1.8p-3))
  (func (export "poly") (param f64) (result f64)
    ;; 3x^2 + 2x + 1 with many live float values
    (f64.add (f64.add (f64.mul (f64.const 3) (f64.mul (local.get 0) (local.get 0)))
                      (f64.mul (f64.const 2) (local.get 0)))
             (f64.const 1)))
)
;; run add32 f32:1.5 f32:2.25 => f32:3.75
;; run add32 f32:inf f32:-inf => f32:nan
;; run sub64 f64:0.1 f64:0.3 => f64:-0.19999999999999998
;; run div64 f64:1 f64:0 => f64:inf
;; run div64 f64:-0 f64:0 => f64:nan
;; run mul32_const f32:3 => f32:1.5
;; run min32 f32:-0 f32:0 => f32bits:0x80000000
;; run min32 f32:0 f32:-0 => f32bits:0x80000000
;; run max32 f32:-0 f32:0 => f32bits:0
;; run max32 f32:0 f32:-0 => f32bits:0
;; run min32 f32:nan f32:1 => f32:nan
;; run min32 f32:1 f32:nan => f32:nan
;; run max32 f32:2 f32:-3 => f32:2
;; run min64 f64:-1 f64:2 => f64:-1
;; run min64 f64:-0 f64:0 => f64bits:0x8000000000000000
;; run max64 f64:1 f64:nan => f64:nan
;; run max64 f64:-0 f64:-0 => f64bits:0x8000000000000000
;; run copysign32 f32:3 f32:-0 => f32:-3
;; run copysign32 f32bits:0x7fc00001 f32:-1 => f32bits:0xffc00001
;; run copysign64 f64:-2 f64:1 => f64:2
;; run abs64 f64bits:0xfff8000000000123 => f64bits:0x7ff8000000000123
;; run neg32 f32:0 => f32bits:0x80000000
;; run neg32 f32bits:0x7fa00000 => f32bits:0xffa00000
;; run sqrt64 f64:2 => f64:1.4142135623730951
;; run sqrt64 f64:-1 => f64:nan
;; run ceil32 f32:-0.5 => f32bits:0x80000000
;; run ceil32 f32:1.25 => f32:2
;; run floor64 f64:-1.5 => f64:-2
;; run trunc64 f64:-1.9 => f64:-1
;; run nearest32 f32:2.5 => f32:2
;; run nearest32 f32:3.5 => f32:4
;; run nearest32 f32:-0.5 => f32bits:0x80000000
;; run nearest64 f64:4503599627370497 => f64:4503599627370497
;; run nearest64 f64:-2.5 => f64:-2
;; run eq64 f64:nan f64:nan => i32:0
;; run eq64 f64:-0 f64:0 => i32:1
;; run ne64 f64:nan f64:1 => i32:1
;; run ne64 f64:1 f64:1 => i32:0
;; run lt32 f32:1 f32:2 => i32:1
;; run lt32 f32:nan f32:2 => i32:0
;; run lt32 f32:2 f32:nan => i32:0
;; run le64 f64:2 f64:2 => i32:1
;; run le64 f64:nan f64:2 => i32:0
;; run gt32 f32:3 f32:2 => i32:1
;; run gt32 f32:nan f32:2 => i32:0
;; run ge64 f64:1 f64:2 => i32:0
;; run ge64 f64:2 f64:nan => i32:0
;; run i32_trunc_f32_s f32:-1.9 => i32:-1
;; run i32_trunc_f32_s f32:-2147483648 => i32:0x80000000
;; run i32_trunc_f32_s f32:2147483648 => trap integer overflow
;; run i32_trunc_f32_s f32:-2147483904 => trap integer overflow
;; run i32_trunc_f32_s f32:nan => trap invalid conversion to integer
;; run i32_trunc_f64_s f64:-2147483648.9 => i32:0x80000000
;; run i32_trunc_f64_s f64:-2147483649 => trap integer overflow
;; run i32_trunc_f64_s f64:2147483647.9 => i32:2147483647
;; run i32_trunc_f64_s f64:2147483648 => trap integer overflow
;; run i32_trunc_f64_u f64:4294967295.9 => i32:0xffffffff
;; run i32_trunc_f64_u f64:4294967296 => trap integer overflow
;; run i32_trunc_f64_u f64:-0.9 => i32:0
;; run i32_trunc_f64_u f64:-1 => trap integer overflow
;; run i32_trunc_f64_u f64:1e30 => trap integer overflow
;; run i32_trunc_f64_u f64:nan => trap invalid conversion to integer
;; run i64_trunc_f64_s f64:-9223372036854775808 => i64:0x8000000000000000
;; run i64_trunc_f64_s f64:9223372036854775808 => trap integer overflow
;; run i64_trunc_f64_s f64:-1e300 => trap integer overflow
;; run i64_trunc_f64_s f64:123.9 => i64:123
;; run i64_trunc_f32_u f32:18446742974197923840 => i64:18446742974197923840
;; run i64_trunc_f32_u f32:18446744073709551616 => trap integer overflow
;; run i64_trunc_f32_u f32:-0.5 => i64:0
;; run i64_trunc_f64_u f64:9223372036854775808 => i64:0x8000000000000000
;; run i64_trunc_f64_u f64:-1 => trap integer overflow
;; run i64_trunc_f64_u f64:inf => trap integer overflow
;; run i32_sat_f32_s f32:nan => i32:0
;; run i32_sat_f32_s f32:3e9 => i32:2147483647
;; run i32_sat_f32_s f32:-3e9 => i32:-2147483648
;; run i32_sat_f32_s f32:-5.5 => i32:-5
;; run i32_sat_f64_u f64:-5 => i32:0
;; run i32_sat_f64_u f64:5e9 => i32:0xffffffff
;; run i32_sat_f64_u f64:1e300 => i32:0xffffffff
;; run i32_sat_f64_u f64:7.9 => i32:7
;; run i64_sat_f64_s f64:inf => i64:0x7fffffffffffffff
;; run i64_sat_f64_s f64:-inf => i64:0x8000000000000000
;; run i64_sat_f64_u f64:1e20 => i64:-1
;; run i64_sat_f64_u f64:-1e20 => i64:0
;; run i64_sat_f64_u f64:nan => i64:0
;; run i64_sat_f64_u f64:1e19 => i64:10000000000000000000
;; run f32_convert_i32_u i32:0xffffffff => f32:4294967296
;; run f64_convert_i64_u i64:-1 => f64:18446744073709551616
;; run f64_convert_i64_u i64:0x8000000000000401 => f64bits:0x43e0000000000001
;; run f32_convert_i64_u i64:0xffffffffffffffff => f32:18446744073709551616
;; run f32_convert_i64_u i64:0x8000008000000001 => f32bits:0x5f000001
;; run f64_convert_i32_s i32:-3 => f64:-3
;; run demote f64:0.1 => f32:0.1
;; run demote f64:1e300 => f32:inf
;; run promote f32:0.1 => f64:0.10000000149011612
;; run bits32 f32:-1 => i32:0xbf800000
;; run from_bits64 i64:0x3ff0000000000000 => f64:1
;; run fselect f64:1 f64:2 i32:0 => f64:2
;; run fselect f64:1 f64:2 i32:1 => f64:1
;; run fconst => f64:-0.1875
;; run poly f64:2 => f64:17
;; run ceil64 f64:-0.9 => f64bits:0x8000000000000000
;; run ceil64 f64:4.0000001 => f64:5
;; run ceil64 f64:-4.5 => f64:-4
;; run ceil64 f64:1e300 => f64:1e300
;; run ceil64 f64:-inf => f64:-inf
;; run ceil64 f64:nan => f64:nan
;; run floor32 f32:-0.1 => f32:-1
;; run floor32 f32:0.9 => f32:0
;; run floor32 f32:-0 => f32bits:0x80000000
;; run floor32 f32:8388607.5 => f32:8388607
;; run floor32 f32:-8388607.5 => f32:-8388608
;; run trunc32 f32:-0.9 => f32bits:0x80000000
;; run trunc32 f32:16777216 => f32:16777216
;; run trunc32 f32:-7.7 => f32:-7
;; run nearest32 f32:8388607.5 => f32:8388608
;; run nearest32 f32:-1.5 => f32:-2
;; run nearest32 f32bits:0x7fa00000 => f32:nan
;; run nearest64 f64:0.49999999999999994 => f64:0
;; run nearest64 f64:-0 => f64bits:0x8000000000000000
