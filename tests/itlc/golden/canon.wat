(module
;; it.interface version 3, component "canon"
;;   type 0: f64
;;   type 1 "point": (record (field x f64) (field y f64))
;;   type 2: string
;;   type 3: (list string)
;;   type 4: i32
;;   type 5: u32
;;   type 6: char
;;   type 7: u8
;;   type 8 "color": (enum red green blue)
;;   type 9: s32
;;   type 10 "perms": (flags read write)
;;   type 11: u64
;;   export "scale" (param point f64) (result point)
;;   export "rename" (param string) (result string)
;;   export "store" (param (list string) i32) (result)
;;   export "size" (param) (result u32 u32)
;;   export "toChar" (param u32) (result char)
;;   export "toColor" (param u8) (result color)
;;   export "toPerms" (param s32) (result perms)
;;   export "fromColor" (param color) (result u64)
;;   module 0 "m.wasm"
  (type (;0;) (func))
  (type (;1;) (func (param externref f64) (result externref)))
  (type (;2;) (func (param f64 f64 f64) (result i32)))
  (type (;3;) (func (param externref) (result externref)))
  (type (;4;) (func (param i32 i32) (result i32)))
  (type (;5;) (func (param externref i32)))
  (type (;6;) (func (result i32 i32)))
  (type (;7;) (func (param i32) (result i32)))
  (type (;8;) (func (param i32) (result i64)))
  (type (;9;) (func (param i32 i32) (result externref)))
  (type (;10;) (func (param i32 externref i32)))
  (type (;11;) (func (param externref) (result i32)))
  (type (;12;) (func (param i32) (result externref)))
  (type (;13;) (func (param i32 i32 i32 i32) (result externref)))
  (type (;14;) (func (param i32 i32 i32 i32 externref i32)))
  (import "_it_runtime" "load_wasm" (func $rt.load_wasm (type 9)))
  (import "_it_runtime" "set_table_func" (func $rt.set_table_func (type 10)))
  (import "_it_runtime" "ref_to_i32" (func $rt.ref_to_i32 (type 11)))
  (import "_it_runtime" "i32_to_ref" (func $rt.i32_to_ref (type 12)))
  (import "_it_runtime" "value_lift" (func $rt.value_lift (type 13)))
  (import "_it_runtime" "value_lower" (func $rt.value_lower (type 14)))
  (import "_it_runtime" "value_lift_flat" (func $rt.value_lift_flat (type 13)))
  (import "_it_runtime" "value_lower_flat" (func $rt.value_lower_flat (type 14)))
  (func $_it_init (type 0)
    i32.const 0
    i32.const 0
    call $rt.load_wasm
    call $rt.ref_to_i32
    global.set $core.m
    i32.const 0
    global.get $core.m
    call $rt.i32_to_ref
    i32.const 7
    call $rt.set_table_func
    i32.const 1
    global.get $core.m
    call $rt.i32_to_ref
    i32.const 20
    call $rt.set_table_func
    i32.const 2
    global.get $core.m
    call $rt.i32_to_ref
    i32.const 26
    call $rt.set_table_func
  )
  (func $export.scale (type 1) (param externref f64) (result externref)
    global.get $core.m
    i32.const 31
    global.get $core.m
    i32.const 31
    i32.const 0
    i32.const 40
    local.get 0
    i32.const 1
    call $rt.value_lower_flat
    i32.const 40
    f64.load offset=0 align=8
    i32.const 40
    f64.load offset=8 align=8
    local.get 1
    i32.const 1
    call_indirect (type 2)
    i32.const 1
    call $rt.value_lift
  )
  (func $export.rename (type 3) (param externref) (result externref) (local i32 i32)
    global.get $core.m
    i32.const 31
    i32.const 0
    i32.const 40
    local.get 0
    i32.const 2
    call $rt.value_lower_flat
    i32.const 40
    i32.load offset=0 align=4
    i32.const 40
    i32.load offset=8 align=4
    i32.const 2
    call_indirect (type 4)
    local.set 1
    i32.const 5
    local.set 2
    i32.const 40
    local.get 1
    i32.store offset=0 align=4
    i32.const 40
    local.get 2
    i32.store offset=8 align=4
    global.get $core.m
    i32.const 31
    i32.const 40
    i32.const 2
    call $rt.value_lift_flat
  )
  (func $export.store (type 5) (param externref i32)
    global.get $core.m
    i32.const 31
    i32.const 0
    local.get 1
    local.get 0
    i32.const 3
    call $rt.value_lower
  )
  (func $export.size (type 6) (result i32 i32)
    i32.const 16
    i32.const 4
  )
  (func $export.toChar (type 7) (param i32) (result i32) (local i32)
    local.get 0
    local.tee 1
    i32.const 1114112
    i32.ge_u
    local.get 1
    i32.const 55296
    i32.sub
    i32.const 2048
    i32.lt_u
    i32.or
    if
    unreachable
    end
    local.get 1
  )
  (func $export.toColor (type 7) (param i32) (result i32) (local i32)
    local.get 0
    local.tee 1
    i32.const 3
    i32.ge_u
    if
    unreachable
    end
    local.get 1
  )
  (func $export.toPerms (type 7) (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.and
  )
  (func $export.fromColor (type 8) (param i32) (result i64)
    local.get 0
    i64.extend_i32_u
  )
  (table (;0;) 3 3 funcref)
  (memory (;0;) 1)
  (global $core.m (mut i32) (i32.const 0))
  (export "scale" (func $export.scale))
  (export "rename" (func $export.rename))
  (export "store" (func $export.store))
  (export "size" (func $export.size))
  (export "toChar" (func $export.toChar))
  (export "toColor" (func $export.toColor))
  (export "toPerms" (func $export.toPerms))
  (export "fromColor" (func $export.fromColor))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (data (i32.const 0) "\06m.wasm\0ccabi_realloc\05scale\04name\06memory")
  ;; (@custom "it.interface" "\03\05canon\0c\00\0b\05point@\02\01x\00\01y\00\00\0c\00B\02\00\10\00\07\00\0d\00\03\05colorC\03\03red\05green\04blue\00\06\05permsD\02\04read\05write\00\09\08\05scale\02\01\00\01\01\06rename\01\02\01\02\05store\02\03\04\00\04size\00\02\05\05\06toChar\01\05\01\06\07toColor\01\07\01\08\07toPerms\01\09\01\0a\09fromColor\01\08\01\0b\00\01\06m.wasm\00")
)
