;; runtime.wat: call_indirect, references and tables, memory.grow/fill/copy, host calls (with traps and re-entry).
(module
  (import "host" "add3" (func $add3 (param i32 i32 i32) (result i32)))
  (import "host" "trap" (func $host_trap))
  (import "host" "twice" (func $twice (param f64) (result f64 f64)))
  (import "host" "callback" (func $callback (param i32) (result i32)))
  (type $binary (func (param i32 i32) (result i32)))
  (type $unary (func (param i32) (result i32)))
  (memory 1 3)
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $add $sub $neg)
  (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
  (func $neg (type $unary) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "dispatch") (param i32 i32 i32) (result i32)
    (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "set_and_call") (param i32) (result i32)
    (table.set $t (i32.const 3) (ref.func $sub))
    (call_indirect (type $binary) (local.get 0) (i32.const 1) (i32.const 3)))
  (func (export "grow_table") (result i32) (table.grow $t (ref.null func) (i32.const 2)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "mem_size") (result i32) (memory.size))
  (func (export "touch") (param i32) (result i32) (i32.store (local.get 0) (i32.const 9)) (i32.load (local.get 0)))
  (func (export "fill_copy") (result i32)
    (memory.fill (i32.const 100) (i32.const 0xab) (i32.const 8))
    (memory.copy (i32.const 202) (i32.const 100) (i32.const 4))
    (i32.load (i32.const 200)))
  (func (export "fill_oob") (memory.fill (i32.const 196600) (i32.const 1) (i32.const 100)))
  (func (export "add3") (param i32) (result i32)
    (call $add3 (local.get 0) (i32.const 10) (i32.const 100)))
  (func (export "host_trap") (result i32) (call $host_trap) (i32.const 1))
  (func (export "twice") (param f64) (result f64)
    (call $twice (local.get 0)) (f64.sub))
  (func (export "inner") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (local.get 0)) (else (unreachable))))
  (func (export "callback") (param i32) (result i32)
    (i32.add (call $callback (local.get 0)) (i32.const 1)))
)
;; run dispatch i32:0 i32:7 i32:5 => i32:12
;; run dispatch i32:1 i32:7 i32:5 => i32:2
;; run dispatch i32:2 i32:7 i32:5 => trap indirect call type mismatch
;; run dispatch i32:3 i32:7 i32:5 => trap uninitialized element
;; run dispatch i32:4 i32:7 i32:5 => trap undefined element
;; run dispatch i32:-1 i32:7 i32:5 => trap undefined element
;; run size => i32:4
;; run is_null i32:3 => i32:1
;; run is_null i32:0 => i32:0
;; run is_null i32:9 => trap out of bounds table access
;; run set_and_call i32:10 => i32:9
;; run grow_table => i32:4
;; run size => i32:6
;; run mem_size => i32:1
;; run touch i32:70000 => trap out of bounds memory access
;; run grow i32:1 => i32:1
;; run mem_size => i32:2
;; run touch i32:70000 => i32:9
;; run grow i32:5 => i32:-1
;; run grow i32:1 => i32:2
;; run grow i32:0 => i32:3
;; run fill_copy => i32:0xabab0000
;; run fill_oob => trap out of bounds memory access
;; run add3 i32:1 => i32:111
;; run host_trap => trap host function trapped
;; run twice f64:1.5 => f64:-1.5
;; run callback i32:5 => i32:6
;; run callback i32:0 => i32:-1000
