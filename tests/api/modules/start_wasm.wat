;; The start function is defined in wasm: needs execution.
(module
  (func $start)
  (start $start))
