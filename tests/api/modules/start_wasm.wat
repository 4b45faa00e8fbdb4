;; The start function is defined in wasm: it runs during instantiation.
(module
  (func $start)
  (start $start))
