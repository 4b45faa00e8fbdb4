(module
;; it.interface version 3, component "values"
;;   type 0: f64
;;   type 1: s32
;;   type 2 "point": (record (field x f64) (field y f64))
;;   type 3: u8
;;   type 4: string
;;   type 5: (tuple u8 string)
;;   type 6 "color": (enum red green blue)
;;   type 7: (list color)
;;   type 8 "perms": (flags read write exec)
;;   type 9: u32
;;   type 10: (option u32)
;;   type 11: (result u32 string)
;;   type 12 "shape": (variant (case circle f64) (case rect point) (case empty))
;;   type 13: (list string)
;;   type 14: i32
;;   type 15: f32
;;   type 16: char
;;   type 17: bool
;;   export "make" (param f64 s32) (result point (tuple u8 string) (list color) perms)
;;   export "variants" (param u32) (result (option u32) (result u32 string) shape)
;;   export "fields" (param point (tuple u8 string)) (result f64 string)
;;   export "lists" (param (list string)) (result i32 string)
;;   export "area" (param shape) (result f64)
;;   export "name" (param color) (result string)
;;   export "compare" (param s32 u32 f32 char) (result bool bool bool bool)
  (type (;0;) (func))
  (type (;1;) (func (param f64 i32) (result externref externref externref i32)))
  (type (;2;) (func (param i32) (result externref externref externref)))
  (type (;3;) (func (param externref externref) (result f64 externref)))
  (type (;4;) (func (param externref) (result i32 externref)))
  (type (;5;) (func (param externref) (result f64)))
  (type (;6;) (func (param i32) (result externref)))
  (type (;7;) (func (param i32 i32 f32 i32) (result i32 i32 i32 i32)))
  (type (;8;) (func (result i32)))
  (type (;9;) (func (param externref i32) (result externref)))
  (type (;10;) (func (param i32 i32 i32) (result externref)))
  (type (;11;) (func (param externref i32 i32 i32) (result i32)))
  (import "_it_runtime" "scope_enter" (func $rt.scope_enter (type 8)))
  (import "_it_runtime" "scope_exit" (func $rt.scope_exit (type 9)))
  (import "_it_runtime" "string_const" (func $rt.string_const (type 6)))
  (import "_it_runtime" "value_make" (func $rt.value_make (type 10)))
  (import "_it_runtime" "value_take" (func $rt.value_take (type 11)))
  (func $_it_init (type 0)
  )
  (func $export.make (type 1) (param f64 i32) (result externref externref externref i32) (local f64 f64 i32 externref i32 i32)
    local.get 0
    local.set 2
    f64.const 0x1p+1
    local.set 3
    i32.const 24
    local.get 2
    f64.store offset=0 align=8
    i32.const 24
    local.get 3
    f64.store offset=8 align=8
    i32.const 2
    i32.const 0
    i32.const 24
    call $rt.value_make
    i32.const 7
    local.set 4
    i32.const 0
    call $rt.string_const
    local.set 5
    i32.const 24
    local.get 4
    i32.store offset=0 align=4
    i32.const 1
    local.get 5
    table.set 1
    i32.const 5
    i32.const 0
    i32.const 24
    call $rt.value_make
    i32.const 2
    local.set 6
    i32.const 0
    local.set 7
    i32.const 24
    local.get 6
    i32.store offset=0 align=4
    i32.const 24
    local.get 7
    i32.store offset=8 align=4
    i32.const 7
    i32.const 2
    i32.const 24
    call $rt.value_make
    i32.const 5
  )
  (func $export.variants (type 2) (param i32) (result externref externref externref) (local i32 externref externref f64 f64)
    local.get 0
    local.set 1
    i32.const 24
    local.get 1
    i32.store offset=0 align=4
    i32.const 10
    i32.const 1
    i32.const 24
    call $rt.value_make
    i32.const 6
    call $rt.string_const
    local.set 2
    i32.const 0
    local.get 2
    table.set 1
    i32.const 11
    i32.const 1
    i32.const 24
    call $rt.value_make
    f64.const 0x1p+0
    local.set 4
    f64.const 0x1p+1
    local.set 5
    i32.const 24
    local.get 4
    f64.store offset=0 align=8
    i32.const 24
    local.get 5
    f64.store offset=8 align=8
    i32.const 2
    i32.const 0
    i32.const 24
    call $rt.value_make
    local.set 3
    i32.const 0
    local.get 3
    table.set 1
    i32.const 12
    i32.const 1
    i32.const 24
    call $rt.value_make
  )
  (func $export.fields (type 3) (param externref externref) (result f64 externref)
    local.get 0
    i32.const 2
    i32.const 24
    i32.const 1
    call $rt.value_take
    drop
    i32.const 24
    f64.load offset=0 align=8
    local.get 1
    i32.const 5
    i32.const 24
    i32.const 1
    call $rt.value_take
    drop
    i32.const 0
    table.get 1
  )
  (func $export.lists (type 4) (param externref) (result i32 externref)
    local.get 0
    i32.const 13
    i32.const 24
    i32.const -1
    call $rt.value_take
    local.get 0
    i32.const 13
    i32.const 24
    i32.const 0
    call $rt.value_take
    drop
    i32.const 0
    table.get 1
  )
  (func $export.area (type 5) (param externref) (result f64) (local f64 externref i32)
    local.get 0
    i32.const 12
    i32.const 24
    i32.const -1
    call $rt.value_take
    local.set 3
    local.get 3
    i32.const 0
    i32.eq
    if (result f64)
    i32.const 24
    f64.load offset=0 align=8
    local.set 1
    local.get 1
    local.get 1
    f64.mul
    else
    local.get 3
    i32.const 1
    i32.eq
    if (result f64)
    i32.const 0
    table.get 1
    local.set 2
    local.get 2
    i32.const 2
    i32.const 24
    i32.const 0
    call $rt.value_take
    drop
    i32.const 24
    f64.load offset=0 align=8
    else
    f64.const 0x0p+0
    end
    end
  )
  (func $export.name (type 6) (param i32) (result externref) (local i32 i32)
    call $rt.scope_enter
    local.set 1
    local.get 0
    local.set 2
    local.get 2
    i32.const 0
    i32.eq
    if (result externref)
    i32.const 9
    call $rt.string_const
    else
    i32.const 13
    call $rt.string_const
    end
    local.get 1
    call $rt.scope_exit
  )
  (func $export.compare (type 7) (param i32 i32 f32 i32) (result i32 i32 i32 i32) (local i32)
    local.get 0
    i32.const -1
    i32.lt_s
    local.get 1
    i32.const 1
    i32.ge_u
    local.get 2
    f32.const 0x0p+0
    f32.eq
    local.get 3
    i32.const 97
    local.tee 4
    i32.const 1114112
    i32.ge_u
    local.get 4
    i32.const 55296
    i32.sub
    i32.const 2048
    i32.lt_u
    i32.or
    if
    unreachable
    end
    local.get 4
    i32.ne
  )
  (table (;0;) 0 0 funcref)
  (table (;1;) 2 2 externref)
  (memory (;0;) 1)
  (export "make" (func $export.make))
  (export "variants" (func $export.variants))
  (export "fields" (func $export.fields))
  (export "lists" (func $export.lists))
  (export "area" (func $export.area))
  (export "name" (func $export.name))
  (export "compare" (func $export.compare))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  (export "_it_refs" (table 1))
  (data (i32.const 0) "\05seven\02no\03red\07not red")
  ;; (@custom "it.interface" "\03\06values\12\00\0b\00\06\05point@\02\01x\00\01y\00\00\03\00\0c\00A\02\03\04\05colorC\03\03red\05green\04blue\00B\06\05permsD\03\04read\05write\04exec\00\07\00F\09\00G\01\09\01\04\05shapeE\03\06circle\01\00\04rect\01\02\05empty\00\00B\04\00\10\00\0a\00\0d\00\01\07\04make\02\00\01\04\02\05\07\08\08variants\01\09\03\0a\0b\0c\06fields\02\02\05\02\00\04\05lists\01\0d\02\0e\04\04area\01\0c\01\00\04name\01\06\01\04\07compare\04\01\09\0f\10\04\11\11\11\11\00\00")
)
