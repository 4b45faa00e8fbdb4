;; An exported function defined in wasm.
(module
  (func $double (export "double") (param i32) (result i32)
    local.get 0 local.get 0 i32.add))
