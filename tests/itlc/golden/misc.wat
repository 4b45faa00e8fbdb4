(module
;; it.interface version 2, component "misc"
;;   export "first" (param s64) (result u8)
;;   export "second" (param) (result u16 u1 s32)
;;   export "caller" (param s64) (result u8)
;;   export "trap" (param) (result f32)
;;   export "operand" (param) (result u32)
;;   export "caf\c3\a9\09\22quoted\22" (param f32) (result f32 f64 i64)
;;   import "host" "pair" (param s64) (result u8 f64)
;;   import "host" "nothing" (param) (result)
  (type (;0;) (func))
  (type (;1;) (func (param i32) (result i32)))
  (type (;2;) (func (param i32 i32) (result i32 i32)))
  (type (;3;) (func (param i64) (result i32)))
  (type (;4;) (func (result i32 i32 i32)))
  (type (;5;) (func (result f32)))
  (type (;6;) (func (result i32)))
  (type (;7;) (func (param f32) (result f32 f64 i64)))
  (type (;8;) (func (param i64) (result i32 f64)))
  (import "host" "pair" (func $import.pair (type 8)))
  (import "host" "nothing" (func $import.nothing (type 0)))
  (func $_it_init (type 0)
  )
  (func $twice (type 1) (param i32) (result i32)
    local.get 0
    i32.const 2
    i32.mul
    i32.const 65535
    i32.and
  )
  (func $swap (type 2) (param i32 i32) (result i32 i32)
    local.get 1
    local.get 0
  )
  (func $export.first (type 3) (param i64) (result i32)
    local.get 0
    call $import.pair
    unreachable
    i32.const 7
  )
  (func $export.second (type 4) (result i32 i32 i32)
    i32.const 3
    call $twice
    call $twice
    i32.const -5
    i32.const 1
    call $swap
    call $import.nothing
  )
  (func $export.caller (type 3) (param i64) (result i32)
    local.get 0
    i64.const 16
    i64.add
    call $export.first
  )
  (func $export.trap (type 5) (result f32)
    unreachable
  )
  (func $export.operand (type 6) (result i32)
    unreachable
  )
  (func $export.caf____quoted_ (type 7) (param f32) (result f32 f64 i64)
    local.get 0
    f32.const 0x1p+1
    f32.div
    f64.const -0x1.f4p+9
    i64.const -1
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "first" (func $export.first))
  (export "second" (func $export.second))
  (export "caller" (func $export.caller))
  (export "trap" (func $export.trap))
  (export "operand" (func $export.operand))
  (export "caf\c3\a9\09\22quoted\22" (func $export.caf____quoted_))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\02\04misc\06\05first\01\08\01\03\06second\00\03\05\01\06\06caller\01\08\01\03\04trap\00\01\0a\07operand\00\01\07\0ecaf\c3\a9\09\22quoted\22\01\0a\03\0a\0b\11\02\04host\04pair\01\08\02\03\0b\04host\07nothing\00\00\00")
)
