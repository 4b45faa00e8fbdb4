(module
;; it.interface version 3, component "named_local_gap"
;;   type 0: s32
;;   export "f" (param s32 s32 s32 s32) (result s32)
  (type (;0;) (func))
  (type (;1;) (func (param i32 i32 i32 i32) (result i32)))
  (func $_it_init (type 0)
  )
  (func $export.f (type 1) (param i32 i32 i32 i32) (result i32) (local i32 i32 i32)
    local.get 0
    local.set 4
    local.get 1
    local.set 5
    local.get 3
    local.set 6
    local.get 6
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "f" (func $export.f))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\0fnamed_local_gap\01\00\06\01\01f\04\00\00\00\00\01\00\00\00")
)
