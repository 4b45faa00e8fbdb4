(module
;; it.interface version 3, component "arithmetic"
;;   type 0: s8
;;   type 1: u8
;;   type 2: s16
;;   type 3: u16
;;   type 4: s32
;;   type 5: u32
;;   type 6: s64
;;   type 7: u64
;;   type 8: f32
;;   type 9: f64
;;   type 10: i32
;;   type 11: i64
;;   export "arith_s8" (param s8 s8) (result s8 s8 s8 s8 s8)
;;   export "arith_u8" (param u8 u8) (result u8 u8 u8 u8 u8)
;;   export "arith_s16" (param s16 s16) (result s16 s16 s16 s16 s16)
;;   export "arith_u16" (param u16 u16) (result u16 u16 u16 u16 u16)
;;   export "arith_s32" (param s32 s32) (result s32 s32 s32 s32 s32)
;;   export "arith_u32" (param u32 u32) (result u32 u32 u32 u32 u32)
;;   export "arith_s64" (param s64 s64) (result s64 s64 s64 s64 s64)
;;   export "arith_u64" (param u64 u64) (result u64 u64 u64 u64 u64)
;;   export "arith_f32" (param f32 f32) (result f32 f32 f32 f32 f32)
;;   export "arith_f64" (param f64 f64) (result f64 f64 f64 f64 f64)
;;   export "arith_i32" (param i32 i32) (result i32 i32 i32 i32 i32)
;;   export "arith_i64" (param i64 i64) (result i64 i64 i64 i64 i64)
  (type (;0;) (func))
  (type (;1;) (func (param i32 i32) (result i32 i32 i32 i32 i32)))
  (type (;2;) (func (param i64 i64) (result i64 i64 i64 i64 i64)))
  (type (;3;) (func (param f32 f32) (result f32 f32 f32 f32 f32)))
  (type (;4;) (func (param f64 f64) (result f64 f64 f64 f64 f64)))
  (func $_it_init (type 0)
  )
  (func $export.arith_s8 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    i32.extend8_s
    local.get 0
    local.get 1
    i32.sub
    i32.extend8_s
    local.get 0
    local.get 1
    i32.mul
    i32.extend8_s
    local.get 0
    local.get 1
    i32.div_s
    i32.extend8_s
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.extend8_s
    i32.add
    i32.extend8_s
  )
  (func $export.arith_u8 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    i32.const 255
    i32.and
    local.get 0
    local.get 1
    i32.sub
    i32.const 255
    i32.and
    local.get 0
    local.get 1
    i32.mul
    i32.const 255
    i32.and
    local.get 0
    local.get 1
    i32.div_u
    i32.const 255
    i32.and
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.const 255
    i32.and
    i32.add
    i32.const 255
    i32.and
  )
  (func $export.arith_s16 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    i32.extend16_s
    local.get 0
    local.get 1
    i32.sub
    i32.extend16_s
    local.get 0
    local.get 1
    i32.mul
    i32.extend16_s
    local.get 0
    local.get 1
    i32.div_s
    i32.extend16_s
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.extend16_s
    i32.add
    i32.extend16_s
  )
  (func $export.arith_u16 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    i32.const 65535
    i32.and
    local.get 0
    local.get 1
    i32.sub
    i32.const 65535
    i32.and
    local.get 0
    local.get 1
    i32.mul
    i32.const 65535
    i32.and
    local.get 0
    local.get 1
    i32.div_u
    i32.const 65535
    i32.and
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.const 65535
    i32.and
    i32.add
    i32.const 65535
    i32.and
  )
  (func $export.arith_s32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    local.get 0
    local.get 1
    i32.sub
    local.get 0
    local.get 1
    i32.mul
    local.get 0
    local.get 1
    i32.div_s
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.add
  )
  (func $export.arith_u32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    local.get 0
    local.get 1
    i32.sub
    local.get 0
    local.get 1
    i32.mul
    local.get 0
    local.get 1
    i32.div_u
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.add
  )
  (func $export.arith_s64 (type 2) (param i64 i64) (result i64 i64 i64 i64 i64)
    local.get 0
    local.get 1
    i64.add
    local.get 0
    local.get 1
    i64.sub
    local.get 0
    local.get 1
    i64.mul
    local.get 0
    local.get 1
    i64.div_s
    i64.const 1
    local.get 0
    i64.const 2
    i64.mul
    i64.add
  )
  (func $export.arith_u64 (type 2) (param i64 i64) (result i64 i64 i64 i64 i64)
    local.get 0
    local.get 1
    i64.add
    local.get 0
    local.get 1
    i64.sub
    local.get 0
    local.get 1
    i64.mul
    local.get 0
    local.get 1
    i64.div_u
    i64.const 1
    local.get 0
    i64.const 2
    i64.mul
    i64.add
  )
  (func $export.arith_f32 (type 3) (param f32 f32) (result f32 f32 f32 f32 f32)
    local.get 0
    local.get 1
    f32.add
    local.get 0
    local.get 1
    f32.sub
    local.get 0
    local.get 1
    f32.mul
    local.get 0
    local.get 1
    f32.div
    f32.const 0x1p+0
    local.get 0
    f32.const 0x1p+1
    f32.mul
    f32.add
  )
  (func $export.arith_f64 (type 4) (param f64 f64) (result f64 f64 f64 f64 f64)
    local.get 0
    local.get 1
    f64.add
    local.get 0
    local.get 1
    f64.sub
    local.get 0
    local.get 1
    f64.mul
    local.get 0
    local.get 1
    f64.div
    f64.const 0x1p+0
    local.get 0
    f64.const 0x1p+1
    f64.mul
    f64.add
  )
  (func $export.arith_i32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.add
    local.get 0
    local.get 1
    i32.sub
    local.get 0
    local.get 1
    i32.mul
    local.get 0
    local.get 1
    i32.div_s
    i32.const 1
    local.get 0
    i32.const 2
    i32.mul
    i32.add
  )
  (func $export.arith_i64 (type 2) (param i64 i64) (result i64 i64 i64 i64 i64)
    local.get 0
    local.get 1
    i64.add
    local.get 0
    local.get 1
    i64.sub
    local.get 0
    local.get 1
    i64.mul
    local.get 0
    local.get 1
    i64.div_s
    i64.const 1
    local.get 0
    i64.const 2
    i64.mul
    i64.add
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "arith_s8" (func $export.arith_s8))
  (export "arith_u8" (func $export.arith_u8))
  (export "arith_s16" (func $export.arith_s16))
  (export "arith_u16" (func $export.arith_u16))
  (export "arith_s32" (func $export.arith_s32))
  (export "arith_u32" (func $export.arith_u32))
  (export "arith_s64" (func $export.arith_s64))
  (export "arith_u64" (func $export.arith_u64))
  (export "arith_f32" (func $export.arith_f32))
  (export "arith_f64" (func $export.arith_f64))
  (export "arith_i32" (func $export.arith_i32))
  (export "arith_i64" (func $export.arith_i64))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\0aarithmetic\0c\00\02\00\03\00\04\00\05\00\06\00\07\00\08\00\09\00\0a\00\0b\00\10\00\11\0c\08arith_s8\02\00\00\05\00\00\00\00\00\08arith_u8\02\01\01\05\01\01\01\01\01\09arith_s16\02\02\02\05\02\02\02\02\02\09arith_u16\02\03\03\05\03\03\03\03\03\09arith_s32\02\04\04\05\04\04\04\04\04\09arith_u32\02\05\05\05\05\05\05\05\05\09arith_s64\02\06\06\05\06\06\06\06\06\09arith_u64\02\07\07\05\07\07\07\07\07\09arith_f32\02\08\08\05\08\08\08\08\08\09arith_f64\02\09\09\05\09\09\09\09\09\09arith_i32\02\0a\0a\05\0a\0a\0a\0a\0a\09arith_i64\02\0b\0b\05\0b\0b\0b\0b\0b\00\00")
)
