;; Imports with every kind of type constraint, for the linking tests.
(module
  (import "host" "mem" (memory 2 3))
  (import "host" "table" (table 1 10 funcref))
  (import "host" "g" (global (mut i32)))
  (import "host" "add" (func (param i32 i32) (result i32))))
