;; spin_start.wat: a start function that never returns.
(module (func $s (loop br 0)) (start $s))
