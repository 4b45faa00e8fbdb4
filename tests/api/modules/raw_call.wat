;; wrt_func_call_raw: every value type as raw cells, results in either
;; return register first, zero-extension of i32 arguments, host calls,
;; traps and nesting (host.reenter calls back into "div" with the raw API).
(module
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (import "host" "fail" (func $fail))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "\2a\00\00\00")
  (func (export "mix") (param i32 i64 f32 f64) (result f64 i32 i64 f32)
    local.get 3 local.get 0 local.get 1 local.get 2)
  (func (export "ints") (param i32 i64) (result i64 i32)
    local.get 1 local.get 0)
  (func (export "f32") (param f32) (result f32)
    local.get 0)
  (func (export "widen") (param i32) (result i64)
    local.get 0 i64.extend_i32_u)
  (func (export "load") (param i32) (result i32)
    local.get 0 i32.load)
  (func (export "refs") (param funcref externref) (result externref funcref)
    local.get 1 local.get 0)
  (func (export "call_add") (param i32) (result i32)
    local.get 0 i32.const 2 call $add)
  (func (export "call_fail")
    call $fail)
  (func (export "call_reenter") (param i32) (result i32)
    local.get 0 call $reenter)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)
  (func $recurse (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $recurse)
  (func (export "nothing"))
  ;; 10 slots: past the unrolled entry stubs (the generic one), arguments
  ;; beyond the registers, results beyond the first.
  (func (export "sum10") (param i32 i64 f32 f64 i32 i32 i32 i32 i32 f64) (result f64)
    local.get 0 f64.convert_i32_s local.get 1 f64.convert_i64_s f64.add
    local.get 2 f64.promote_f32 f64.add local.get 3 f64.add
    local.get 4 local.get 5 i32.add local.get 6 i32.add local.get 7 i32.add
    local.get 8 i32.add f64.convert_i32_s f64.add local.get 9 f64.add)
  (func (export "spread") (param i32) (result f64 i32 i32 i32 i32 i32 i32 i32 i32 i64)
    f64.const 0.5 local.get 0 i32.const 1 i32.const 2 i32.const 3 i32.const 4
    i32.const 5 i32.const 6 i32.const 7 local.get 0 i64.extend_i32_s))
