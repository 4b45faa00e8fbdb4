;; joins.wat: register caches of locals at control-flow joins (valstack.h):
;; shapes where a state recorded at one point must stay true on every later
;; path, e.g. on a loop's later iterations. Each function keeps a local in a
;; register that a loop never reads while register pressure in the loop
;; evicts it, then reads it after leaving the loop.
(module
  (memory 1)
  ;; br_if out of the loop to the enclosing block (wasi-libc's __fwritex).
  (func (export "br_if_out") (param $p i32) (param $n i32) (result i32)
    (local $keep i32) (local $i i32)
    (local.set $keep (i32.add (local.get $p) (i32.const 100)))
    (block $out
      (loop $top
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (i32.add (local.get $i) (i32.const 0))
        (i32.add (local.get $i) (i32.const 1))
        (i32.add (local.get $i) (i32.const 2))
        (i32.add (local.get $i) (i32.const 3))
        (i32.add (local.get $i) (i32.const 4))
        (i32.add (local.get $i) (i32.const 5))
        (i32.add (local.get $i) (i32.const 6))
        (i32.add (local.get $i) (i32.const 7))
        (i32.add (local.get $i) (i32.const 8))
        (i32.add (local.get $i) (i32.const 9))
        (i32.add (local.get $i) (i32.const 10))
        (i32.add (local.get $i) (i32.const 11))
        (i32.add (local.get $i) (i32.const 12))
        (i32.add (local.get $i) (i32.const 13))
        (i32.add (local.get $i) (i32.const 14))
        (i32.add (local.get $i) (i32.const 15))
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        drop
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $keep))
  ;; br_table out of the loop to two enclosing blocks.
  (func (export "br_table_out") (param $p i32) (param $n i32) (result i32)
    (local $keep i32) (local $i i32)
    (local.set $keep (i32.add (local.get $p) (i32.const 200)))
    (block $b
      (block $a
        (loop $top
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (i32.add (local.get $i) (i32.const 0))
          (i32.add (local.get $i) (i32.const 1))
          (i32.add (local.get $i) (i32.const 2))
          (i32.add (local.get $i) (i32.const 3))
          (i32.add (local.get $i) (i32.const 4))
          (i32.add (local.get $i) (i32.const 5))
          (i32.add (local.get $i) (i32.const 6))
          (i32.add (local.get $i) (i32.const 7))
          (i32.add (local.get $i) (i32.const 8))
          (i32.add (local.get $i) (i32.const 9))
          (i32.add (local.get $i) (i32.const 10))
          (i32.add (local.get $i) (i32.const 11))
          (i32.add (local.get $i) (i32.const 12))
          (i32.add (local.get $i) (i32.const 13))
          (i32.add (local.get $i) (i32.const 14))
          (i32.add (local.get $i) (i32.const 15))
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          i32.add
          drop
          (br_table $top $a $b
            (select (i32.const 0) (i32.add (i32.const 1) (i32.and (local.get $n) (i32.const 1)))
              (i32.lt_u (local.get $i) (local.get $n))))))
      ;; $a: falls through to $b's end
      )
    (local.get $keep))
  ;; br_if out of the loop from inside a nested block.
  (func (export "nested_out") (param $p i32) (param $n i32) (result i32)
    (local $keep i32) (local $i i32)
    (local.set $keep (i32.add (local.get $p) (i32.const 300)))
    (block $out
      (loop $top
        (block $inner
          (br_if $out (i32.ge_u (local.get $i) (local.get $n))))
        (i32.add (local.get $i) (i32.const 0))
        (i32.add (local.get $i) (i32.const 1))
        (i32.add (local.get $i) (i32.const 2))
        (i32.add (local.get $i) (i32.const 3))
        (i32.add (local.get $i) (i32.const 4))
        (i32.add (local.get $i) (i32.const 5))
        (i32.add (local.get $i) (i32.const 6))
        (i32.add (local.get $i) (i32.const 7))
        (i32.add (local.get $i) (i32.const 8))
        (i32.add (local.get $i) (i32.const 9))
        (i32.add (local.get $i) (i32.const 10))
        (i32.add (local.get $i) (i32.const 11))
        (i32.add (local.get $i) (i32.const 12))
        (i32.add (local.get $i) (i32.const 13))
        (i32.add (local.get $i) (i32.const 14))
        (i32.add (local.get $i) (i32.const 15))
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        drop
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $top (i32.const 1))))
    (local.get $keep))
  ;; An inner loop gives up a cache the outer loop reads: the outer
  ;; header keeps it (its back edge re-establishes it).
  (func (export "nested_loops") (param $p i32) (param $n i32) (result i32)
    (local $keep i32) (local $i i32) (local $j i32) (local $sum i32)
    (local.set $keep (i32.add (local.get $p) (i32.const 400)))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (local.get $keep)))
        (local.set $j (i32.const 0))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.ge_u (local.get $j) (i32.const 3)))
        (i32.add (local.get $j) (i32.const 0))
        (i32.add (local.get $j) (i32.const 1))
        (i32.add (local.get $j) (i32.const 2))
        (i32.add (local.get $j) (i32.const 3))
        (i32.add (local.get $j) (i32.const 4))
        (i32.add (local.get $j) (i32.const 5))
        (i32.add (local.get $j) (i32.const 6))
        (i32.add (local.get $j) (i32.const 7))
        (i32.add (local.get $j) (i32.const 8))
        (i32.add (local.get $j) (i32.const 9))
        (i32.add (local.get $j) (i32.const 10))
        (i32.add (local.get $j) (i32.const 11))
        (i32.add (local.get $j) (i32.const 12))
        (i32.add (local.get $j) (i32.const 13))
        (i32.add (local.get $j) (i32.const 14))
        (i32.add (local.get $j) (i32.const 15))
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        drop
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (i32.add (local.get $sum) (local.get $keep)))
  ;; The edge out of the loop comes from an if arm.
  (func (export "if_out") (param $p i32) (param $n i32) (result i32)
    (local $keep i32) (local $i i32)
    (local.set $keep (i32.add (local.get $p) (i32.const 500)))
    (block $out
      (loop $top
        (if (i32.ge_u (local.get $i) (local.get $n))
          (then (br $out))
          (else
        (i32.add (local.get $i) (i32.const 0))
        (i32.add (local.get $i) (i32.const 1))
        (i32.add (local.get $i) (i32.const 2))
        (i32.add (local.get $i) (i32.const 3))
        (i32.add (local.get $i) (i32.const 4))
        (i32.add (local.get $i) (i32.const 5))
        (i32.add (local.get $i) (i32.const 6))
        (i32.add (local.get $i) (i32.const 7))
        (i32.add (local.get $i) (i32.const 8))
        (i32.add (local.get $i) (i32.const 9))
        (i32.add (local.get $i) (i32.const 10))
        (i32.add (local.get $i) (i32.const 11))
        (i32.add (local.get $i) (i32.const 12))
        (i32.add (local.get $i) (i32.const 13))
        (i32.add (local.get $i) (i32.const 14))
        (i32.add (local.get $i) (i32.const 15))
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        i32.add
        drop))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $keep))
  ;; A bare back edge that drops values above the loop's base must still
  ;; restore the caches the header was entered with: $x is read at the
  ;; header from its incoming register and written inside a block while
  ;; values sit on the stack (difffuzz's global-f32-if.wasm).
  (func $id (param f64) (result f64) (local.get 0))
  (func (export "drop_back_edge") (param $x i32) (param $n i32) (result i32)
    (local $sum i32)
    (loop $top
      (local.set $sum (i32.add (local.get $sum) (local.get $x)))
      (call $id (f64.const 1))
      (f64.const 2)
      (block $b (result i32)
        (if (i32.eqz (local.get $n)) (then (return (local.get $sum))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $x (i32.const 10))
        (br_if $top (i32.const 1))
        (i32.const 0))
      select
      drop)
    (local.get $sum))
  ;; The same through br_table.
  (func (export "drop_back_edge_table") (param $x i32) (param $n i32) (result i32)
    (local $sum i32)
    (loop $top
      (local.set $sum (i32.add (local.get $sum) (local.get $x)))
      (call $id (f64.const 1))
      (f64.const 2)
      (block $b (result i32)
        (if (i32.eqz (local.get $n)) (then (return (local.get $sum))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $x (i32.const 10))
        (br_table $top $top (i32.const 0))
        )
      select
      drop)
    (local.get $sum))
)
;; run br_if_out i32:1 i32:0 => i32:101
;; run br_if_out i32:1 i32:1 => i32:101
;; run br_if_out i32:1 i32:5 => i32:101
;; run br_table_out i32:2 i32:0 => i32:202
;; run br_table_out i32:2 i32:3 => i32:202
;; run br_table_out i32:2 i32:4 => i32:202
;; run nested_out i32:3 i32:0 => i32:303
;; run nested_out i32:3 i32:4 => i32:303
;; run nested_loops i32:4 i32:0 => i32:404
;; run nested_loops i32:4 i32:3 => i32:1616
;; run if_out i32:5 i32:0 => i32:505
;; run if_out i32:5 i32:6 => i32:505
;; run drop_back_edge i32:1 i32:0 => i32:1
;; run drop_back_edge i32:1 i32:1 => i32:11
;; run drop_back_edge i32:1 i32:3 => i32:31
;; run drop_back_edge_table i32:1 i32:0 => i32:1
;; run drop_back_edge_table i32:1 i32:3 => i32:31
