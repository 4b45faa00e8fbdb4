;; locals.wat: locals cached in registers within straight-line code, dropped at joins and calls.
(module
  (func $id (param i32) (result i32) (local.get 0))
  (func (export "loop_sum") (param i32) (result i32) (local i32 i32)
    ;; written in the loop body, read after the loop exit
    (loop $again
      (local.set 1 (i32.add (local.get 1) (local.get 2)))
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if $again (i32.le_u (local.get 2) (local.get 0))))
    (local.get 1))
  (func (export "across_if") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 10))
    (if (local.get 0)
      (then (local.set 1 (i32.const 20)))
      (else (local.set 1 (i32.add (local.get 1) (i32.const 5)))))
    (local.get 1))
  (func (export "across_call") (param i32) (result i32) (local i32)
    (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
    (drop (call $id (i32.const 99)))
    (i32.add (local.get 1) (call $id (local.get 1))))
  (func (export "tee_then_get") (param i64) (result i64) (local i64)
    (i64.add (local.tee 1 (i64.shl (local.get 0) (i64.const 4))) (local.get 1)))
  (func (export "pressure") (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    ;; more live cached locals than allocatable registers
    (local.set 1 (i32.add (local.get 0) (i32.const 1)))
    (local.set 2 (i32.add (local.get 0) (i32.const 2)))
    (local.set 3 (i32.add (local.get 0) (i32.const 3)))
    (local.set 4 (i32.add (local.get 0) (i32.const 4)))
    (local.set 5 (i32.add (local.get 0) (i32.const 5)))
    (local.set 6 (i32.add (local.get 0) (i32.const 6)))
    (local.set 7 (i32.add (local.get 0) (i32.const 7)))
    (local.set 8 (i32.add (local.get 0) (i32.const 8)))
    (local.set 9 (i32.add (local.get 0) (i32.const 9)))
    (local.set 10 (i32.add (local.get 0) (i32.const 10)))
    (local.set 11 (i32.add (local.get 0) (i32.const 11)))
    (local.set 12 (i32.add (local.get 0) (i32.const 12)))
    (i32.add (i32.add (i32.add (local.get 1) (local.get 2)) (i32.add (local.get 3) (local.get 4)))
      (i32.add (i32.add (i32.add (local.get 5) (local.get 6)) (i32.add (local.get 7) (local.get 8)))
        (i32.add (i32.add (local.get 9) (local.get 10)) (i32.add (local.get 11) (local.get 12))))))
  (func (export "float_locals") (param f64) (result f64) (local f64)
    (local.set 1 (f64.mul (local.get 0) (local.get 0)))
    (block (br_if 0 (f64.lt (local.get 1) (f64.const 10)))
      (local.set 1 (f64.const 10)))
    (f64.add (local.get 1) (local.get 0)))
  (func (export "old_value_on_stack") (param i32) (result i32)
    ;; a local.get still on the stack when the local is overwritten
    (local.get 0)
    (local.set 0 (i32.const 1000))
    (local.get 0)
    (i32.sub))
  (func (export "br_table_locals") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 7))
    (block $b (block $a
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_table $a $b (local.get 0)))
      (local.set 1 (i32.mul (local.get 1) (i32.const 10))))
    (local.get 1))
  ;; declared locals are zeroed lazily: $fresh writes locals 1 and 2 before
  ;; its first branch (never zeroed), then the rest in runs (one of 9 slots);
  ;; $dirty leaves -1 in the same frame slots first
  (func $dirty (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 0 (i64.const -1)) (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1))
    (local.set 3 (i64.const -1)) (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1))
    (local.set 6 (i64.const -1)) (local.set 7 (i64.const -1)) (local.set 8 (i64.const -1))
    (local.set 9 (i64.const -1)) (local.set 10 (i64.const -1)) (local.set 11 (i64.const -1)))
  (func $fresh (param i64) (result i64) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.const 7))
    (local.set 2 (local.get 0))
    (if (i64.ne (local.get 0) (i64.const 0)) (then (local.set 4 (i64.const 1))))
    (i64.add (i64.add (i64.add (i64.add (local.get 1) (local.get 2)) (i64.add (local.get 3) (local.get 4)))
                      (i64.add (i64.add (local.get 5) (local.get 6)) (i64.add (local.get 7) (local.get 8))))
             (i64.add (i64.add (local.get 9) (local.get 10)) (i64.add (local.get 11) (local.get 12)))))
  (func (export "zero_after_dirty") (param i64) (result i64)
    (call $dirty)
    (call $fresh (local.get 0)))
  ;; pending homes across a block and its end (reached by fallthrough only)
  (func $fresh_block (param i64) (result i64) (local i64 i64 i64)
    (block (local.set 1 (i64.mul (local.get 0) (i64.const 3))))
    (i64.add (i64.add (local.get 1) (local.get 2)) (local.get 3)))
  (func (export "zero_after_dirty_block") (param i64) (result i64)
    (call $dirty)
    (call $fresh_block (local.get 0)))
  ;; a block left by a branch and by its fallthrough with the locals cached
  ;; in different registers
  (func (export "join_moves") (param i32 i32) (result i32) (local i32 i32)
    (block $out
      (local.set 2 (i32.add (local.get 0) (i32.const 1)))
      (local.set 3 (i32.add (local.get 1) (i32.const 2)))
      (br_if $out (i32.eqz (local.get 0)))
      (local.set 3 (i32.mul (local.get 0) (local.get 3)))
      (local.set 2 (i32.add (local.get 3) (local.get 1))))
    (i32.sub (local.get 2) (i32.mul (local.get 3) (i32.const 3))))
)
;; run loop_sum i32:10 => i32:55
;; run across_if i32:1 => i32:20
;; run across_if i32:0 => i32:15
;; run across_call i32:4 => i32:24
;; run tee_then_get i64:3 => i64:96
;; run pressure i32:1 => i32:90
;; run float_locals f64:2 => f64:6
;; run float_locals f64:5 => f64:15
;; run old_value_on_stack i32:1 => i32:-999
;; run br_table_locals i32:0 => i32:80
;; run br_table_locals i32:1 => i32:8
;; run br_table_locals i32:5 => i32:8
;; run zero_after_dirty i64:5 => i64:13
;; run zero_after_dirty i64:0 => i64:7
;; run zero_after_dirty_block i64:5 => i64:15
;; run join_moves i32:0 i32:4 => i32:-17
;; run join_moves i32:3 i32:4 => i32:-32
