;; The start function is a host import: instantiation calls it.
(module
  (import "host" "tick" (func $tick))
  (start $tick))
