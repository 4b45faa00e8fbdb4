;; control.wat: blocks, loops, if/else, br/br_if/br_table, return, multi-value, direct calls, recursion.
(module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum_loop") (param i32) (result i32) (local i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $again)))
    (local.get 1))
  (func (export "block_value") (param i32) (result i32)
    (i32.add (i32.const 100)
      (block (result i32)
        (br_if 0 (i32.const 1) (local.get 0))
        (drop)
        (i32.const 2))))
  (func (export "switch") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 11)))
      (return (i32.const 12)))
    (i32.const 13))
  (func (export "switch_value") (param i32) (result i32)
    (block $outer (result i32)
      (i32.add (i32.const 1000)
        (block $inner (result i32)
          (br_table $inner $outer $inner (i32.const 5) (local.get 0))))))
  (func $swap (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "swap_diff") (param i32 i32) (result i32)
    (call $swap (local.get 0) (local.get 1))
    (i32.sub))
  (func $three (param i64) (result i64 i32 f64)
    (local.get 0) (i32.wrap_i64 (local.get 0)) (f64.const 2.5))
  (func (export "three_sum") (param i64) (result f64)
    (call $three (local.get 0))
    (drop) (drop) (f64.convert_i64_s))
  (func (export "three_mid") (param i64) (result i32) (local f64 i32)
    (call $three (local.get 0))
    (local.set 1) (local.set 2) (drop) (local.get 2))
  (func (export "multi_block") (param i32) (result i32)
    (block (result i32 i32) (local.get 0) (i32.const 3))
    (i32.mul))
  (func (export "loop_params") (param i32) (result i32)
    ;; a loop with a parameter: counts the argument down to 0, summing
    (i32.const 0) (local.get 0)
    (loop (param i32 i32) (result i32 i32)
      (if (param i32 i32) (result i32 i32) (i32.eqz (local.get 0))
        (then)
        (else
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (drop) (i32.add (local.get 0) (i32.const 1)) (i32.add)
          (local.get 0)
          (br 1))))
    (drop))
  (func (export "early_return") (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 7))))
    (i32.const 8))
  (func (export "unreachable_tail") (param i32) (result i32)
    (block (result i32)
      (br 0 (i32.const 4))
      (i32.add (unreachable) (i32.const 1))))
  (func (export "trap_unreachable") unreachable)
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))
      (else (i32.const 0))))
  (func $forever (export "forever") (param i32) (result i32) (call $forever (local.get 0)))
  (func (export "nested_if") (param i32 i32) (result i32)
    (if (result i32) (local.get 0)
      (then (if (result i32) (local.get 1) (then (i32.const 1)) (else (i32.const 2))))
      (else (if (result i32) (local.get 1) (then (i32.const 3)) (else (i32.const 4))))))
  (func (export "many_params") (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
    ;; more arguments than the entry stub's first guess of its area
    (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 0) (local.get 1)) (i64.add (local.get 2) (local.get 3)))
      (i64.add (i64.add (local.get 4) (local.get 5)) (i64.add (local.get 6) (local.get 7))))
      (local.get 8)) (local.get 9)))
  (func $pair (param i32) (result i64 i32) (i64.const 5) (local.get 0))
  (func (export "if_param_slot_cond") (param i32) (result i64)
    ;; the condition lives in a spill slot that the if's parameter copy reuses
    (call $pair (local.get 0))
    (if (param i64) (result i64) (then (i64.const 1) (i64.add))))
  (func (export "fused") (param i32 i64) (result i32)
    ;; comparisons feeding br_if/if directly, with constants and registers
    (block $out
      (br_if $out (i64.gt_s (local.get 1) (i64.const 0x100000000)))
      (if (i32.lt_u (local.get 0) (i32.const 10)) (then (return (i32.const 1))))
      (if (i64.eqz (local.get 1)) (then (return (i32.const 2))))
      (return (i32.const 3)))
    (i32.const 4))
  (func (export "many_locals") (param i32) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    ;; declared locals start at zero (zeroed with a loop, not one store each)
    (local.set 20 (i64.extend_i32_u (local.get 0)))
    (i64.add (i64.add (local.get 1) (local.get 10)) (i64.add (local.get 19) (local.get 20))))
  (func (export "values_across_block") (param i32) (result i32)
    (local.get 0) (i32.const 5)
    (block (local.set 0 (i32.const 100)))
    (i32.add) (local.get 0) (i32.add))
)
;; run fac i64:0 => i64:1
;; run fac i64:20 => i64:2432902008176640000
;; run sum_loop i32:100 => i32:5050
;; run block_value i32:1 => i32:101
;; run block_value i32:0 => i32:102
;; run switch i32:0 => i32:10
;; run switch i32:1 => i32:11
;; run switch i32:2 => i32:12
;; run switch i32:3 => i32:13
;; run switch i32:99 => i32:13
;; run switch_value i32:0 => i32:1005
;; run switch_value i32:1 => i32:5
;; run switch_value i32:7 => i32:1005
;; run swap i32:1 i32:2 => i32:2 i32:1
;; run swap_diff i32:10 i32:3 => i32:-7
;; run three_sum i64:-3 => f64:-3
;; run three_mid i64:0x100000007 => i32:7
;; run multi_block i32:5 => i32:15
;; run loop_params i32:4 => i32:10
;; run early_return i32:1 => i32:7
;; run early_return i32:0 => i32:8
;; run unreachable_tail i32:0 => i32:4
;; run trap_unreachable => trap unreachable
;; run deep i32:10000 => i32:10000
;; run forever i32:0 => trap call stack exhausted
;; run deep i32:3 => i32:3
;; run nested_if i32:1 i32:0 => i32:2
;; run nested_if i32:0 i32:1 => i32:3
;; run values_across_block i32:1 => i32:106
;; run many_params i64:1 i64:2 i64:3 i64:4 i64:5 i64:6 i64:7 i64:8 i64:9 i64:10 => i64:55
;; run if_param_slot_cond i32:1 => i64:6
;; run if_param_slot_cond i32:0 => i64:5
;; run fused i32:0 i64:0x100000001 => i32:4
;; run fused i32:5 i64:0 => i32:1
;; run fused i32:50 i64:0 => i32:2
;; run fused i32:50 i64:-7 => i32:3
;; run many_locals i32:7 => i64:7
;; run many_locals i32:0 => i64:0
