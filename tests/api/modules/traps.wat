;; Traps of every origin, and that the instance keeps working after them.
(module
  (memory 1)
  (func $recurse (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $recurse)
  (func (export "load") (param i32) (result i32)
    local.get 0 i32.load)
  (func (export "boom") unreachable)
  (func (export "ok") (result i32) i32.const 7))
