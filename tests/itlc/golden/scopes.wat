(module
;; it.interface version 3, component "scopes"
;;   type 0: s32
;;   type 1: bool
;;   type 2: string
;;   type 3: i32
;;   type 4: u32
;;   type 5: s64
;;   type 6: f32
;;   export "isEven" (param s32) (result bool)
;;   export "echo" (param string) (result string)
;;   export "logAndEcho" (param string) (result string)
;;   export "letName" (param) (result string)
;;   export "read" (param i32 i32) (result u32 string s64 f32)
;;   export "both" (param) (result string string)
;;   import "host" "log" (param string) (result)
;;   import "host" "name" (param) (result string)
;;   import "host" "pair" (param) (result string string)
;;   module 0 "core.wasm"
;;     import "host" "print" -> export "_it_shim_0_0"
;;     import "host" "twice" -> export "_it_shim_0_1"
  (type (;0;) (func))
  (type (;1;) (func (param i32 i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (result externref)))
  (type (;4;) (func (param externref) (result externref)))
  (type (;5;) (func (param i32 i32) (result i32 externref i64 f32)))
  (type (;6;) (func (result externref externref)))
  (type (;7;) (func (param i32 i32) (result externref)))
  (type (;8;) (func (param i32 externref i32)))
  (type (;9;) (func (param externref) (result i32)))
  (type (;10;) (func (param i32) (result externref)))
  (type (;11;) (func (param i32 i32 i32 i32) (result externref)))
  (type (;12;) (func (result i32)))
  (type (;13;) (func (param externref i32) (result externref)))
  (type (;14;) (func (param externref)))
  (import "_it_runtime" "load_wasm" (func $rt.load_wasm (type 7)))
  (import "_it_runtime" "set_table_func" (func $rt.set_table_func (type 8)))
  (import "_it_runtime" "ref_to_i32" (func $rt.ref_to_i32 (type 9)))
  (import "_it_runtime" "i32_to_ref" (func $rt.i32_to_ref (type 10)))
  (import "_it_runtime" "mem_to_string" (func $rt.mem_to_string (type 11)))
  (import "_it_runtime" "scope_enter" (func $rt.scope_enter (type 12)))
  (import "_it_runtime" "scope_exit" (func $rt.scope_exit (type 13)))
  (import "host" "log" (func $import.log (type 14)))
  (import "host" "name" (func $import.name (type 3)))
  (import "host" "pair" (func $import.pair (type 6)))
  (func $_it_init (type 0)
    i32.const 0
    i32.const 0
    call $rt.load_wasm
    call $rt.ref_to_i32
    global.set $core.core
    i32.const 0
    global.get $core.core
    call $rt.i32_to_ref
    i32.const 10
    call $rt.set_table_func
  )
  (func $shim.print (type 1) (param i32 i32) (local i32)
    call $rt.scope_enter
    local.set 2
    global.get $core.core
    i32.const 16
    local.get 0
    local.get 1
    call $rt.mem_to_string
    call $import.log
    ref.null extern
    local.get 2
    call $rt.scope_exit
    drop
  )
  (func $shim.twice (type 2) (param i32) (result i32)
    local.get 0
    local.get 0
    i32.add
  )
  (func $greet (type 3) (result externref)
    call $import.name
  )
  (func $greetLogged (type 3) (result externref) (local i32)
    call $rt.scope_enter
    local.set 0
    call $import.name
    call $import.log
    call $import.name
    local.get 0
    call $rt.scope_exit
  )
  (func $export.isEven (type 2) (param i32) (result i32)
    local.get 0
    local.get 0
    i32.const 2
    i32.div_s
    i32.const 2
    i32.mul
    i32.sub
    i32.eqz
    i32.eqz
  )
  (func $export.echo (type 4) (param externref) (result externref)
    local.get 0
    call $import.log
    local.get 0
  )
  (func $export.logAndEcho (type 4) (param externref) (result externref) (local i32)
    call $rt.scope_enter
    local.set 1
    call $greetLogged
    call $import.log
    local.get 0
    local.get 1
    call $rt.scope_exit
  )
  (func $export.letName (type 3) (result externref) (local externref i32)
    call $rt.scope_enter
    local.set 1
    call $greet
    local.set 0
    local.get 0
    local.get 1
    call $rt.scope_exit
  )
  (func $export.read (type 5) (param i32 i32) (result i32 externref i64 f32) (local i32 i64 f32)
    call $rt.scope_enter
    local.set 2
    global.get $core.core
    i32.const 16
    local.get 0
    local.get 1
    call $rt.mem_to_string
    call $import.log
    local.get 1
    global.get $core.core
    i32.const 16
    local.get 0
    local.get 1
    call $rt.mem_to_string
    local.get 0
    i64.extend_i32_s
    local.get 1
    f32.convert_i32_s
    local.set 4
    local.set 3
    local.get 2
    call $rt.scope_exit
    local.get 3
    local.get 4
  )
  (func $export.both (type 6) (result externref externref)
    call $greet
    call $import.log
    call $import.pair
  )
  (table (;0;) 1 1 funcref)
  (memory (;0;) 1)
  (global $core.core (mut i32) (i32.const 0))
  (export "isEven" (func $export.isEven))
  (export "echo" (func $export.echo))
  (export "logAndEcho" (func $export.logAndEcho))
  (export "letName" (func $export.letName))
  (export "read" (func $export.read))
  (export "both" (func $export.both))
  (export "_it_shim_0_0" (func $shim.print))
  (export "_it_shim_0_1" (func $shim.twice))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (data (i32.const 0) "\09core.wasm\05alloc\06memory")
  ;; (@custom "it.interface" "\03\06scopes\07\00\06\00\01\00\0c\00\10\00\07\00\08\00\0a\06\06isEven\01\00\01\01\04echo\01\02\01\02\0alogAndEcho\01\02\01\02\07letName\00\01\02\04read\02\03\03\04\04\02\05\06\04both\00\02\02\02\03\04host\03log\01\02\00\04host\04name\00\01\02\04host\04pair\00\02\02\02\01\09core.wasm\02\04host\05print\0c_it_shim_0_0\04host\05twice\0c_it_shim_0_1")
)
