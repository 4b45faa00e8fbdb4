;; memory.wat: loads and stores of every width against a guarded memory, out-of-bounds traps, globals.
(module
  (memory 1)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\ff\fe")
  (global $counter (mut i32) (i32.const 40))
  (global $wide (mut i64) (i64.const -5))
  (global $ratio (mut f64) (f64.const 0.25))
  (global $fixed f32 (f32.const 1.5))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "load8_u") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16_s64") (param i32) (result i64) (i64.load16_s (local.get 0)))
  (func (export "load32_u64") (param i32) (result i64) (i64.load32_u offset=8 (local.get 0)))
  (func (export "load32_s64") (param i32) (result i64) (i64.load32_s offset=6 (local.get 0)))
  (func (export "load_big_offset") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
  (func (export "roundtrip64") (param i32 i64) (result i64)
    (i64.store (local.get 0) (local.get 1)) (i64.load (local.get 0)))
  (func (export "store8") (param i32 i32) (result i32)
    (i32.store8 (local.get 0) (local.get 1)) (i32.load (local.get 0)))
  (func (export "store16_64") (param i32 i64) (result i64)
    (i64.store16 (local.get 0) (local.get 1)) (i64.load16_u (local.get 0)))
  (func (export "store_f32") (param i32 f32) (result f32)
    (f32.store offset=100 (local.get 0) (local.get 1)) (f32.load offset=100 (local.get 0)))
  (func (export "store_f64") (param i32 f64) (result i64)
    (f64.store (local.get 0) (local.get 1)) (i64.load (local.get 0)))
  (func (export "store_const") (param i32) (result i32)
    (i32.store (local.get 0) (i32.const 0x11223344)) (i32.load8_u offset=3 (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "count") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 2)))
    (global.get $counter))
  (func (export "wide") (param i64) (result i64)
    (global.set $wide (i64.mul (global.get $wide) (local.get 0))) (global.get $wide))
  (func (export "ratio") (result f64)
    (global.set $ratio (f64.add (global.get $ratio) (global.get $ratio))) (global.get $ratio))
  (func (export "fixed") (result f32) (global.get $fixed))
)
;; run load32 i32:16 => i32:0x04030201
;; run load64 i32:16 => i64:0x0807060504030201
;; run load8_s i32:24 => i32:-1
;; run load8_u i32:24 => i32:255
;; run load16_s64 i32:24 => i64:-257
;; run load32_u64 i32:16 => i64:0xfeff
;; run load32_s64 i32:16 => i64:-16840697
;; run load32 i32:65532 => i32:0
;; run load32 i32:65533 => trap out of bounds memory access
;; run load32 i32:-1 => trap out of bounds memory access
;; run load8_u i32:65536 => trap out of bounds memory access
;; run load_big_offset i32:0x20 => trap out of bounds memory access
;; run load_big_offset i32:-1 => trap out of bounds memory access
;; run roundtrip64 i32:1000 i64:0x123456789abcdef0 => i64:0x123456789abcdef0
;; run roundtrip64 i32:65529 i64:1 => trap out of bounds memory access
;; run store8 i32:200 i32:0x1ff => i32:0xff
;; run store16_64 i32:300 i64:0x12345 => i64:0x2345
;; run store_f32 i32:4 f32:-2.5 => f32:-2.5
;; run store_f64 i32:8 f64:1 => i64:0x3ff0000000000000
;; run store_const i32:400 => i32:0x11
;; run size => i32:1
;; run count => i32:42
;; run count => i32:44
;; run wide i64:3 => i64:-15
;; run ratio => f64:0.5
;; run ratio => f64:1
;; run fixed => f32:1.5
