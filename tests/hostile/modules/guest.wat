;; guest.wat: the hostile suite's guest: loops, recursion, traps, growth.
(module
  (memory 1)
  (table 1 funcref)
  (func (export "nop"))
  (func (export "spin") (loop br 0))
  (func $leaf)
  (func (export "spin_calls") (loop (call $leaf) br 0))
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "boom") unreachable)
  ;; grows memory by 1,000 pages until memory.grow fails; returns the size
  (func (export "grow") (result i32)
    (block (loop
      (br_if 1 (i32.eq (memory.grow (i32.const 1000)) (i32.const -1)))
      (br 0)))
    memory.size)
  (func (export "table_grow") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0))))
