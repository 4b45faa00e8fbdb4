(module
;; it.interface version 3, component "empty"
  (type (;0;) (func))
  (func $_it_init (type 0)
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\05empty\00\00\00\00")
)
