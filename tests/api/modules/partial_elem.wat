;; Second element segment is out of bounds: the first one's write stays,
;; no data segment is applied.
(module
  (import "host" "table" (table 2 funcref))
  (import "host" "mem" (memory 1))
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (elem (i32.const 0) func $add)
  (elem (i32.const 1) func $add $add)
  (data (i32.const 0) "x"))
