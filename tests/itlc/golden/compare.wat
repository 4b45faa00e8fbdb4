(module
;; it.interface version 3, component "compare"
;;   type 0: bool
;;   type 1: s8
;;   type 2: u8
;;   type 3: s16
;;   type 4: u16
;;   type 5: s32
;;   type 6: u32
;;   type 7: s64
;;   type 8: u64
;;   type 9: f32
;;   type 10: f64
;;   type 11: i32
;;   type 12: i64
;;   type 13: char
;;   type 14 "color": (enum red green blue)
;;   type 15: (flags r w)
;;   export "cmp_bool" (param bool bool) (result bool bool bool bool bool bool)
;;   export "cmp_s8" (param s8 s8) (result bool bool bool bool bool bool)
;;   export "cmp_u8" (param u8 u8) (result bool bool bool bool bool bool)
;;   export "cmp_s16" (param s16 s16) (result bool bool bool bool bool bool)
;;   export "cmp_u16" (param u16 u16) (result bool bool bool bool bool bool)
;;   export "cmp_s32" (param s32 s32) (result bool bool bool bool bool bool)
;;   export "cmp_u32" (param u32 u32) (result bool bool bool bool bool bool)
;;   export "cmp_s64" (param s64 s64) (result bool bool bool bool bool bool)
;;   export "cmp_u64" (param u64 u64) (result bool bool bool bool bool bool)
;;   export "cmp_f32" (param f32 f32) (result bool bool bool bool bool bool)
;;   export "cmp_f64" (param f64 f64) (result bool bool bool bool bool bool)
;;   export "cmp_i32" (param i32 i32) (result bool bool bool bool bool bool)
;;   export "cmp_i64" (param i64 i64) (result bool bool bool bool bool bool)
;;   export "cmp_char" (param char char) (result bool bool bool bool bool bool)
;;   export "cmp_color" (param color color) (result bool bool bool bool bool bool)
;;   export "flags_eq" (param (flags r w) (flags r w)) (result bool bool)
  (type (;0;) (func))
  (type (;1;) (func (param i32 i32) (result i32 i32 i32 i32 i32 i32)))
  (type (;2;) (func (param i64 i64) (result i32 i32 i32 i32 i32 i32)))
  (type (;3;) (func (param f32 f32) (result i32 i32 i32 i32 i32 i32)))
  (type (;4;) (func (param f64 f64) (result i32 i32 i32 i32 i32 i32)))
  (type (;5;) (func (param i32 i32) (result i32 i32)))
  (func $_it_init (type 0)
  )
  (func $export.cmp_bool (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.cmp_s8 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_s
    local.get 0
    local.get 1
    i32.le_s
    local.get 0
    local.get 1
    i32.gt_s
    local.get 0
    local.get 1
    i32.ge_s
  )
  (func $export.cmp_u8 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.cmp_s16 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_s
    local.get 0
    local.get 1
    i32.le_s
    local.get 0
    local.get 1
    i32.gt_s
    local.get 0
    local.get 1
    i32.ge_s
  )
  (func $export.cmp_u16 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.cmp_s32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_s
    local.get 0
    local.get 1
    i32.le_s
    local.get 0
    local.get 1
    i32.gt_s
    local.get 0
    local.get 1
    i32.ge_s
  )
  (func $export.cmp_u32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.cmp_s64 (type 2) (param i64 i64) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i64.eq
    local.get 0
    local.get 1
    i64.ne
    local.get 0
    local.get 1
    i64.lt_s
    local.get 0
    local.get 1
    i64.le_s
    local.get 0
    local.get 1
    i64.gt_s
    local.get 0
    local.get 1
    i64.ge_s
  )
  (func $export.cmp_u64 (type 2) (param i64 i64) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i64.eq
    local.get 0
    local.get 1
    i64.ne
    local.get 0
    local.get 1
    i64.lt_u
    local.get 0
    local.get 1
    i64.le_u
    local.get 0
    local.get 1
    i64.gt_u
    local.get 0
    local.get 1
    i64.ge_u
  )
  (func $export.cmp_f32 (type 3) (param f32 f32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    f32.eq
    local.get 0
    local.get 1
    f32.ne
    local.get 0
    local.get 1
    f32.lt
    local.get 0
    local.get 1
    f32.le
    local.get 0
    local.get 1
    f32.gt
    local.get 0
    local.get 1
    f32.ge
  )
  (func $export.cmp_f64 (type 4) (param f64 f64) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    f64.eq
    local.get 0
    local.get 1
    f64.ne
    local.get 0
    local.get 1
    f64.lt
    local.get 0
    local.get 1
    f64.le
    local.get 0
    local.get 1
    f64.gt
    local.get 0
    local.get 1
    f64.ge
  )
  (func $export.cmp_i32 (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_s
    local.get 0
    local.get 1
    i32.le_s
    local.get 0
    local.get 1
    i32.gt_s
    local.get 0
    local.get 1
    i32.ge_s
  )
  (func $export.cmp_i64 (type 2) (param i64 i64) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i64.eq
    local.get 0
    local.get 1
    i64.ne
    local.get 0
    local.get 1
    i64.lt_s
    local.get 0
    local.get 1
    i64.le_s
    local.get 0
    local.get 1
    i64.gt_s
    local.get 0
    local.get 1
    i64.ge_s
  )
  (func $export.cmp_char (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.cmp_color (type 1) (param i32 i32) (result i32 i32 i32 i32 i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
    local.get 0
    local.get 1
    i32.lt_u
    local.get 0
    local.get 1
    i32.le_u
    local.get 0
    local.get 1
    i32.gt_u
    local.get 0
    local.get 1
    i32.ge_u
  )
  (func $export.flags_eq (type 5) (param i32 i32) (result i32 i32)
    local.get 0
    local.get 1
    i32.eq
    local.get 0
    local.get 1
    i32.ne
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "cmp_bool" (func $export.cmp_bool))
  (export "cmp_s8" (func $export.cmp_s8))
  (export "cmp_u8" (func $export.cmp_u8))
  (export "cmp_s16" (func $export.cmp_s16))
  (export "cmp_u16" (func $export.cmp_u16))
  (export "cmp_s32" (func $export.cmp_s32))
  (export "cmp_u32" (func $export.cmp_u32))
  (export "cmp_s64" (func $export.cmp_s64))
  (export "cmp_u64" (func $export.cmp_u64))
  (export "cmp_f32" (func $export.cmp_f32))
  (export "cmp_f64" (func $export.cmp_f64))
  (export "cmp_i32" (func $export.cmp_i32))
  (export "cmp_i64" (func $export.cmp_i64))
  (export "cmp_char" (func $export.cmp_char))
  (export "cmp_color" (func $export.cmp_color))
  (export "flags_eq" (func $export.flags_eq))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\07compare\10\00\01\00\02\00\03\00\04\00\05\00\06\00\07\00\08\00\09\00\0a\00\0b\00\10\00\11\00\0d\05colorC\03\03red\05green\04blue\00D\02\01r\01w\10\08cmp_bool\02\00\00\06\00\00\00\00\00\00\06cmp_s8\02\01\01\06\00\00\00\00\00\00\06cmp_u8\02\02\02\06\00\00\00\00\00\00\07cmp_s16\02\03\03\06\00\00\00\00\00\00\07cmp_u16\02\04\04\06\00\00\00\00\00\00\07cmp_s32\02\05\05\06\00\00\00\00\00\00\07cmp_u32\02\06\06\06\00\00\00\00\00\00\07cmp_s64\02\07\07\06\00\00\00\00\00\00\07cmp_u64\02\08\08\06\00\00\00\00\00\00\07cmp_f32\02\09\09\06\00\00\00\00\00\00\07cmp_f64\02\0a\0a\06\00\00\00\00\00\00\07cmp_i32\02\0b\0b\06\00\00\00\00\00\00\07cmp_i64\02\0c\0c\06\00\00\00\00\00\00\08cmp_char\02\0d\0d\06\00\00\00\00\00\00\09cmp_color\02\0e\0e\06\00\00\00\00\00\00\08flags_eq\02\0f\0f\02\00\00\00\00")
)
