(module
;; it.interface version 3, component "misc"
;;   type 0: s64
;;   type 1: u8
;;   type 2: u16
;;   type 3: bool
;;   type 4: s32
;;   type 5: f32
;;   type 6: u32
;;   type 7: f64
;;   type 8: i64
;;   export "first" (param s64) (result u8)
;;   export "second" (param) (result u16 bool s32)
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
  ;; (@custom "it.interface" "\03\04misc\09\00\08\00\03\00\05\00\01\00\06\00\0a\00\07\00\0b\00\11\06\05first\01\00\01\01\06second\00\03\02\03\04\06caller\01\00\01\01\04trap\00\01\05\07operand\00\01\06\0ecaf\c3\a9\09\22quoted\22\01\05\03\05\07\08\02\04host\04pair\01\00\02\01\07\04host\07nothing\00\00\00")
)
