;; Raw host functions (wrt_func_new_raw) called from wasm: every value type
;; in and out (a float result 0, results past the first in slots), i32
;; results zero-extended before generated code uses them as addresses,
;; traps, a () -> () function (no slots at all) and a nested call.
(module
  (import "raw" "mix" (func $mix (param i32 i64 f32 f64) (result f64 i32 i64 f32)))
  (import "raw" "narrow" (func $narrow (param i32) (result i32)))
  (import "raw" "fail" (func $fail))
  (import "raw" "tick" (func $tick))
  (import "raw" "reenter" (func $reenter (param i32) (result i32)))
  (import "raw" "refs" (func $refs (param funcref externref) (result externref funcref)))
  (memory 1)
  (data (i32.const 16) "\2a\00\00\00")
  (func (export "call_mix") (param i32 i64 f32 f64) (result f64 i32 i64 f32)
    local.get 0 local.get 1 local.get 2 local.get 3 call $mix)
  (func (export "call_narrow_load") (param i32) (result i32)
    local.get 0 call $narrow i32.load)
  (func (export "call_fail")
    call $fail)
  (func (export "call_tick")
    call $tick call $tick)
  (func (export "call_reenter") (param i32) (result i32)
    local.get 0 call $reenter)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)
  (func (export "call_refs") (param funcref externref) (result externref funcref)
    local.get 0 local.get 1 call $refs))
