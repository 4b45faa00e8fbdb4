;; Wasm code that calls host functions and traps.
(module
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (import "host" "fail" (func $fail))
  (func (export "call_add") (param i32) (result i32)
    local.get 0 i32.const 2 call $add)
  (func (export "call_fail") call $fail)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s))
