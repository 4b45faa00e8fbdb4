(module
;; it.interface version 3, component "bodies"
;;   type 0: string
;;   type 1: bool
;;   type 2: s32
;;   export "greet" (param string bool) (result string)
;;   export "pair" (param s32) (result s32 string)
;;   export "maybeLog" (param bool) (result)
;;   import "log" "log" (param string) (result)
  (type (;0;) (func))
  (type (;1;) (func (param externref i32) (result externref)))
  (type (;2;) (func (param i32) (result i32 externref)))
  (type (;3;) (func (result i32 externref)))
  (type (;4;) (func (param i32)))
  (type (;5;) (func (result i32)))
  (type (;6;) (func (param i32) (result externref)))
  (type (;7;) (func (param externref)))
  (import "_it_runtime" "scope_enter" (func $rt.scope_enter (type 5)))
  (import "_it_runtime" "scope_exit" (func $rt.scope_exit (type 1)))
  (import "_it_runtime" "string_const" (func $rt.string_const (type 6)))
  (import "log" "log" (func $import.log (type 7)))
  (func $_it_init (type 0)
  )
  (func $export.greet (type 1) (param externref i32) (result externref) (local i32)
    call $rt.scope_enter
    local.set 2
    local.get 1
    if (result externref)
    i32.const 0
    call $rt.string_const
    else
    local.get 0
    end
    local.get 2
    call $rt.scope_exit
  )
  (func $export.pair (type 2) (param i32) (result i32 externref) (local i32 i32)
    call $rt.scope_enter
    local.set 2
    local.get 0
    i32.const 2
    i32.mul
    local.set 1
    local.get 0
    i32.eqz
    i32.eqz
    if (type 3)
    local.get 1
    i32.const 6
    call $rt.string_const
    else
    i32.const 0
    i32.const 11
    call $rt.string_const
    end
    local.get 2
    call $rt.scope_exit
  )
  (func $export.maybeLog (type 4) (param i32) (local i32)
    call $rt.scope_enter
    local.set 1
    local.get 0
    if
    i32.const 16
    call $rt.string_const
    call $import.log
    end
    ref.null extern
    local.get 1
    call $rt.scope_exit
    drop
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "greet" (func $export.greet))
  (export "pair" (func $export.pair))
  (export "maybeLog" (func $export.maybeLog))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (data (i32.const 0) "\05HELLO\04some\04none\03yes")
  ;; (@custom "it.interface" "\03\06bodies\03\00\0c\00\01\00\06\03\05greet\02\00\01\01\00\04pair\01\02\02\02\00\08maybeLog\01\01\00\01\03log\03log\01\00\00\00")
)
