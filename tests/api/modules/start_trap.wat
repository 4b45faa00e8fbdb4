;; A start function that traps: instantiation fails with WRT_TRAP.
(module
  (func $start unreachable)
  (start $start))
