(module
;; it.interface version 3, component "memory"
;;   type 0: i32
;;   type 1: s8
;;   type 2: u8
;;   type 3: s16
;;   type 4: u16
;;   type 5: s32
;;   type 6: u32
;;   type 7: s64
;;   type 8: u64
;;   type 9: i64
;;   type 10: f32
;;   type 11: f64
;;   type 12: string
;;   export "loads" (param i32) (result s8 u8 s16 u16 s32 u32 i32 s64 u64 i64 f32 f64)
;;   export "stores" (param i32 s8 u16 s32 u64 f32 f64) (result)
;;   export "roundTrip" (param string) (result string u32)
;;   module 0 "core.wasm"
;;   module 1 "sub/other.wasm"
  (type (;0;) (func))
  (type (;1;) (func (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 i64 f32 f64)))
  (type (;2;) (func (param i32 i32 i32 i32 i64 f32 f64)))
  (type (;3;) (func (param externref) (result externref i32)))
  (type (;4;) (func (param i32) (result i32)))
  (type (;5;) (func (param i32 i32) (result externref)))
  (type (;6;) (func (param i32 externref i32)))
  (type (;7;) (func (param externref) (result i32)))
  (type (;8;) (func (param i32) (result externref)))
  (type (;9;) (func (param i32 i32 i32 i32) (result externref)))
  (type (;10;) (func (param i32 i32 externref i32)))
  (type (;11;) (func (param i32 i32 i32 i32) (result i64)))
  (type (;12;) (func (param i32 i32 i32 i32 i64)))
  (import "_it_runtime" "load_wasm" (func $rt.load_wasm (type 5)))
  (import "_it_runtime" "set_table_func" (func $rt.set_table_func (type 6)))
  (import "_it_runtime" "ref_to_i32" (func $rt.ref_to_i32 (type 7)))
  (import "_it_runtime" "i32_to_ref" (func $rt.i32_to_ref (type 8)))
  (import "_it_runtime" "string_len" (func $rt.string_len (type 7)))
  (import "_it_runtime" "mem_to_string" (func $rt.mem_to_string (type 9)))
  (import "_it_runtime" "string_to_mem" (func $rt.string_to_mem (type 10)))
  (import "_it_runtime" "mem_load" (func $rt.mem_load (type 11)))
  (import "_it_runtime" "mem_store" (func $rt.mem_store (type 12)))
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
    i32.const 16
    i32.const 1
    call $rt.load_wasm
    call $rt.ref_to_i32
    global.set $core.other
    i32.const 1
    global.get $core.other
    call $rt.i32_to_ref
    i32.const 10
    call $rt.set_table_func
  )
  (func $export.loads (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 i64 f32 f64)
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 2
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 3
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 4
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 5
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 6
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 7
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 16
    call $rt.mem_load
    i32.wrap_i64
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 8
    call $rt.mem_load
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 9
    call $rt.mem_load
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 17
    call $rt.mem_load
    global.get $core.other
    i32.const 31
    local.get 0
    i32.const 10
    call $rt.mem_load
    i32.wrap_i64
    f32.reinterpret_i32
    global.get $core.other
    i32.const 38
    local.get 0
    i32.const 11
    call $rt.mem_load
    f64.reinterpret_i64
  )
  (func $export.stores (type 2) (param i32 i32 i32 i32 i64 f32 f64)
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 2
    local.get 1
    i64.extend_i32_u
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 5
    local.get 2
    i64.extend_i32_u
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 6
    local.get 3
    i64.extend_i32_u
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 9
    local.get 4
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 10
    local.get 5
    i32.reinterpret_f32
    i64.extend_i32_u
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 11
    local.get 6
    i64.reinterpret_f64
    call $rt.mem_store
    global.get $core.core
    i32.const 31
    local.get 0
    i32.const 1
    i32.add
    i32.const 3
    i32.const 255
    i64.extend_i32_u
    call $rt.mem_store
    global.get $core.other
    i32.const 31
    local.get 0
    i32.const 17
    i64.const -1
    call $rt.mem_store
  )
  (func $export.roundTrip (type 3) (param externref) (result externref i32) (local i32)
    local.get 0
    call $rt.string_len
    i32.const 0
    call_indirect (type 4)
    local.set 1
    global.get $core.core
    i32.const 31
    local.get 0
    local.get 1
    call $rt.string_to_mem
    global.get $core.core
    i32.const 31
    local.get 1
    local.get 0
    call $rt.string_len
    call $rt.mem_to_string
    local.get 0
    call $rt.string_len
  )
  (table (;0;) 2 2 funcref)
  (memory (;0;) 1)
  (global $core.core (mut i32) (i32.const 0))
  (global $core.other (mut i32) (i32.const 0))
  (export "loads" (func $export.loads))
  (export "stores" (func $export.stores))
  (export "roundTrip" (func $export.roundTrip))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (data (i32.const 0) "\09core.wasm\05alloc\0esub/other.wasm\06memory\04mem2")
  ;; (@custom "it.interface" "\03\06memory\0d\00\10\00\02\00\03\00\04\00\05\00\06\00\07\00\08\00\09\00\11\00\0a\00\0b\00\0c\03\05loads\01\00\0c\01\02\03\04\05\06\00\07\08\09\0a\0b\06stores\07\00\01\04\05\08\0a\0b\00\09roundTrip\01\0c\02\0c\06\00\02\09core.wasm\00\0esub/other.wasm\00")
)
