;; lib.wat: the core module most core/*.itl tests check against (assembled by run.sh).
(module
  (import "env" "log" (func (param i32 i32)))
  (memory (export "memory") 1)
  (global (export "counter") (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "wide") (param i64 f32) (result f64 i32) f64.const 0 i32.const 0)
  (func (export "nothing")))
