(module
;; it.interface version 3, component "fizzbuzz"
;;   type 0: s32
;;   type 1: bool
;;   type 2: string
;;   export "fizzbuzz" (param s32) (result)
;;   import "fizz" "isFizz" (param s32) (result bool)
;;   import "fizz" "fizzStr" (param) (result string)
;;   import "console" "log" (param string) (result)
;;   module 0 "fizzbuzz.wasm"
;;     import "fizz" "isFizz" -> export "_it_shim_0_0"
;;     import "fizz" "fizzStr" -> export "_it_shim_0_1"
;;     import "console" "print" -> export "_it_shim_0_2"
  (type (;0;) (func))
  (type (;1;) (func (param externref) (result i32)))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (param i32 i32)))
  (type (;4;) (func (result i32)))
  (type (;5;) (func (param i32)))
  (type (;6;) (func (param i32 i32) (result externref)))
  (type (;7;) (func (param i32 externref i32)))
  (type (;8;) (func (param i32) (result externref)))
  (type (;9;) (func (param i32 i32 i32 i32) (result externref)))
  (type (;10;) (func (param i32 i32 externref i32)))
  (type (;11;) (func (param externref i32) (result externref)))
  (type (;12;) (func (result externref)))
  (type (;13;) (func (param externref)))
  (import "_it_runtime" "load_wasm" (func $rt.load_wasm (type 6)))
  (import "_it_runtime" "set_table_func" (func $rt.set_table_func (type 7)))
  (import "_it_runtime" "ref_to_i32" (func $rt.ref_to_i32 (type 1)))
  (import "_it_runtime" "i32_to_ref" (func $rt.i32_to_ref (type 8)))
  (import "_it_runtime" "string_len" (func $rt.string_len (type 1)))
  (import "_it_runtime" "mem_to_string" (func $rt.mem_to_string (type 9)))
  (import "_it_runtime" "string_to_mem" (func $rt.string_to_mem (type 10)))
  (import "_it_runtime" "scope_enter" (func $rt.scope_enter (type 4)))
  (import "_it_runtime" "scope_exit" (func $rt.scope_exit (type 11)))
  (import "fizz" "isFizz" (func $import.isFizz (type 2)))
  (import "fizz" "fizzStr" (func $import.fizzStr (type 12)))
  (import "console" "log" (func $import.log (type 13)))
  (func $_it_init (type 0)
    i32.const 0
    i32.const 0
    call $rt.load_wasm
    call $rt.ref_to_i32
    global.set $core.wasm
    i32.const 0
    global.get $core.wasm
    call $rt.i32_to_ref
    i32.const 14
    call $rt.set_table_func
    i32.const 1
    global.get $core.wasm
    call $rt.i32_to_ref
    i32.const 23
    call $rt.set_table_func
    i32.const 2
    global.get $core.wasm
    call $rt.i32_to_ref
    i32.const 30
    call $rt.set_table_func
  )
  (func $stringToCpp (type 1) (param externref) (result i32) (local i32)
    local.get 0
    call $rt.string_len
    i32.const 1
    i32.add
    i32.const 1
    call_indirect (type 2)
    local.set 1
    global.get $core.wasm
    i32.const 50
    local.get 0
    local.get 1
    call $rt.string_to_mem
    local.get 1
    local.get 0
    call $rt.string_len
    i32.const 2
    call_indirect (type 3)
    local.get 1
  )
  (func $shim.isFizz (type 2) (param i32) (result i32)
    local.get 0
    call $import.isFizz
  )
  (func $shim.fizzStr (type 4) (result i32) (local i32)
    call $rt.scope_enter
    local.set 0
    call $import.fizzStr
    call $stringToCpp
    ref.null extern
    local.get 0
    call $rt.scope_exit
    drop
  )
  (func $shim.print (type 3) (param i32 i32) (local i32)
    call $rt.scope_enter
    local.set 2
    global.get $core.wasm
    i32.const 50
    local.get 0
    local.get 1
    call $rt.mem_to_string
    call $import.log
    ref.null extern
    local.get 2
    call $rt.scope_exit
    drop
  )
  (func $export.fizzbuzz (type 5) (param i32)
    local.get 0
    i32.const 0
    call_indirect (type 5)
  )
  (table (;0;) 3 3 funcref)
  (memory (;0;) 1)
  (global $core.wasm (mut i32) (i32.const 0))
  (export "fizzbuzz" (func $export.fizzbuzz))
  (export "_it_shim_0_0" (func $shim.isFizz))
  (export "_it_shim_0_1" (func $shim.fizzStr))
  (export "_it_shim_0_2" (func $shim.print))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (data (i32.const 0) "\0dfizzbuzz.wasm\08fizzbuzz\06malloc\13_it_writeStringTerm\06memory")
  ;; (@custom "it.interface" "\03\08fizzbuzz\03\00\06\00\01\00\0c\01\08fizzbuzz\01\00\00\03\04fizz\06isFizz\01\00\01\01\04fizz\07fizzStr\00\01\02\07console\03log\01\02\00\01\0dfizzbuzz.wasm\03\04fizz\06isFizz\0c_it_shim_0_0\04fizz\07fizzStr\0c_it_shim_0_1\07console\05print\0c_it_shim_0_2")
)
