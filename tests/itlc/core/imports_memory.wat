;; imports_memory.wat: a core module importing a memory, which no adapter can provide.
(module
  (import "env" "mem" (memory 1))
  (func (export "f")))
