;; Element segments and the first data segment apply; the second data
;; segment is out of bounds and traps.
(module
  (import "host" "table" (table 2 funcref))
  (import "host" "mem" (memory 1))
  (import "host" "add" (func $add (param i32 i32) (result i32)))
  (elem (i32.const 0) func $add)
  (data (i32.const 100) "abc")
  (data (i32.const 65535) "yz")
  (data (i32.const 200) "never"))
