(module
;; it.interface version 3, component "conversions"
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
;;   type 13: string
;;   export "from_u1" (param bool) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_s8" (param s8) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_u8" (param u8) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_s16" (param s16) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_u16" (param u16) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_s32" (param s32) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_u32" (param u32) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_s64" (param s64) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_u64" (param u64) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_f32" (param f32) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_f64" (param f64) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_i32" (param i32) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_i64" (param i64) (result bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 i32 i64)
;;   export "from_string" (param string) (result string)
  (type (;0;) (func))
  (type (;1;) (func (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)))
  (type (;2;) (func (param i64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)))
  (type (;3;) (func (param f32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)))
  (type (;4;) (func (param f64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)))
  (type (;5;) (func (param externref) (result externref)))
  (func $_it_init (type 0)
  )
  (func $export.from_u1 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_u
    local.get 0
    i64.extend_i32_u
    local.get 0
    f32.convert_i32_u
    local.get 0
    f64.convert_i32_u
    local.get 0
    local.get 0
    i64.extend_i32_u
  )
  (func $export.from_s8 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    local.get 0
    i32.const 65535
    i32.and
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_s
    local.get 0
    i64.extend_i32_s
    local.get 0
    f32.convert_i32_s
    local.get 0
    f64.convert_i32_s
    local.get 0
    local.get 0
    i64.extend_i32_s
  )
  (func $export.from_u8 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_u
    local.get 0
    i64.extend_i32_u
    local.get 0
    f32.convert_i32_u
    local.get 0
    f64.convert_i32_u
    local.get 0
    local.get 0
    i64.extend_i32_u
  )
  (func $export.from_s16 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    local.get 0
    i32.const 65535
    i32.and
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_s
    local.get 0
    i64.extend_i32_s
    local.get 0
    f32.convert_i32_s
    local.get 0
    f64.convert_i32_s
    local.get 0
    local.get 0
    i64.extend_i32_s
  )
  (func $export.from_u16 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    i32.extend16_s
    local.get 0
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_u
    local.get 0
    i64.extend_i32_u
    local.get 0
    f32.convert_i32_u
    local.get 0
    f64.convert_i32_u
    local.get 0
    local.get 0
    i64.extend_i32_u
  )
  (func $export.from_s32 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    i32.extend16_s
    local.get 0
    i32.const 65535
    i32.and
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_s
    local.get 0
    i64.extend_i32_s
    local.get 0
    f32.convert_i32_s
    local.get 0
    f64.convert_i32_s
    local.get 0
    local.get 0
    i64.extend_i32_s
  )
  (func $export.from_u32 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    i32.extend16_s
    local.get 0
    i32.const 65535
    i32.and
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_u
    local.get 0
    i64.extend_i32_u
    local.get 0
    f32.convert_i32_u
    local.get 0
    f64.convert_i32_u
    local.get 0
    local.get 0
    i64.extend_i32_u
  )
  (func $export.from_s64 (type 2) (param i64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i64.eqz
    i32.eqz
    local.get 0
    i32.wrap_i64
    i32.extend8_s
    local.get 0
    i32.wrap_i64
    i32.const 255
    i32.and
    local.get 0
    i32.wrap_i64
    i32.extend16_s
    local.get 0
    i32.wrap_i64
    i32.const 65535
    i32.and
    local.get 0
    i32.wrap_i64
    local.get 0
    i32.wrap_i64
    local.get 0
    local.get 0
    local.get 0
    f32.convert_i64_s
    local.get 0
    f64.convert_i64_s
    local.get 0
    i32.wrap_i64
    local.get 0
  )
  (func $export.from_u64 (type 2) (param i64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i64.eqz
    i32.eqz
    local.get 0
    i32.wrap_i64
    i32.extend8_s
    local.get 0
    i32.wrap_i64
    i32.const 255
    i32.and
    local.get 0
    i32.wrap_i64
    i32.extend16_s
    local.get 0
    i32.wrap_i64
    i32.const 65535
    i32.and
    local.get 0
    i32.wrap_i64
    local.get 0
    i32.wrap_i64
    local.get 0
    local.get 0
    local.get 0
    f32.convert_i64_u
    local.get 0
    f64.convert_i64_u
    local.get 0
    i32.wrap_i64
    local.get 0
  )
  (func $export.from_f32 (type 3) (param f32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    f32.const 0x0p+0
    f32.ne
    local.get 0
    f32.const 0x1.fcp+6
    f32.min
    f32.const -0x1p+7
    f32.max
    i32.trunc_sat_f32_s
    local.get 0
    f32.const 0x1.fep+7
    f32.min
    f32.const 0x0p+0
    f32.max
    i32.trunc_sat_f32_s
    local.get 0
    f32.const 0x1.fffcp+14
    f32.min
    f32.const -0x1p+15
    f32.max
    i32.trunc_sat_f32_s
    local.get 0
    f32.const 0x1.fffep+15
    f32.min
    f32.const 0x0p+0
    f32.max
    i32.trunc_sat_f32_s
    local.get 0
    i32.trunc_sat_f32_s
    local.get 0
    i32.trunc_sat_f32_u
    local.get 0
    i64.trunc_sat_f32_s
    local.get 0
    i64.trunc_sat_f32_u
    local.get 0
    local.get 0
    f64.promote_f32
    local.get 0
    i32.trunc_sat_f32_s
    local.get 0
    i64.trunc_sat_f32_s
  )
  (func $export.from_f64 (type 4) (param f64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    f64.const 0x0p+0
    f64.ne
    local.get 0
    f64.const 0x1.fcp+6
    f64.min
    f64.const -0x1p+7
    f64.max
    i32.trunc_sat_f64_s
    local.get 0
    f64.const 0x1.fep+7
    f64.min
    f64.const 0x0p+0
    f64.max
    i32.trunc_sat_f64_s
    local.get 0
    f64.const 0x1.fffcp+14
    f64.min
    f64.const -0x1p+15
    f64.max
    i32.trunc_sat_f64_s
    local.get 0
    f64.const 0x1.fffep+15
    f64.min
    f64.const 0x0p+0
    f64.max
    i32.trunc_sat_f64_s
    local.get 0
    i32.trunc_sat_f64_s
    local.get 0
    i32.trunc_sat_f64_u
    local.get 0
    i64.trunc_sat_f64_s
    local.get 0
    i64.trunc_sat_f64_u
    local.get 0
    f32.demote_f64
    local.get 0
    local.get 0
    i32.trunc_sat_f64_s
    local.get 0
    i64.trunc_sat_f64_s
  )
  (func $export.from_i32 (type 1) (param i32) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i32.eqz
    i32.eqz
    local.get 0
    i32.extend8_s
    local.get 0
    i32.const 255
    i32.and
    local.get 0
    i32.extend16_s
    local.get 0
    i32.const 65535
    i32.and
    local.get 0
    local.get 0
    local.get 0
    i64.extend_i32_s
    local.get 0
    i64.extend_i32_s
    local.get 0
    f32.convert_i32_s
    local.get 0
    f64.convert_i32_s
    local.get 0
    local.get 0
    i64.extend_i32_s
  )
  (func $export.from_i64 (type 2) (param i64) (result i32 i32 i32 i32 i32 i32 i32 i64 i64 f32 f64 i32 i64)
    local.get 0
    i64.eqz
    i32.eqz
    local.get 0
    i32.wrap_i64
    i32.extend8_s
    local.get 0
    i32.wrap_i64
    i32.const 255
    i32.and
    local.get 0
    i32.wrap_i64
    i32.extend16_s
    local.get 0
    i32.wrap_i64
    i32.const 65535
    i32.and
    local.get 0
    i32.wrap_i64
    local.get 0
    i32.wrap_i64
    local.get 0
    local.get 0
    local.get 0
    f32.convert_i64_s
    local.get 0
    f64.convert_i64_s
    local.get 0
    i32.wrap_i64
    local.get 0
  )
  (func $export.from_string (type 5) (param externref) (result externref)
    local.get 0
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "from_u1" (func $export.from_u1))
  (export "from_s8" (func $export.from_s8))
  (export "from_u8" (func $export.from_u8))
  (export "from_s16" (func $export.from_s16))
  (export "from_u16" (func $export.from_u16))
  (export "from_s32" (func $export.from_s32))
  (export "from_u32" (func $export.from_u32))
  (export "from_s64" (func $export.from_s64))
  (export "from_u64" (func $export.from_u64))
  (export "from_f32" (func $export.from_f32))
  (export "from_f64" (func $export.from_f64))
  (export "from_i32" (func $export.from_i32))
  (export "from_i64" (func $export.from_i64))
  (export "from_string" (func $export.from_string))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\0bconversions\0e\00\01\00\02\00\03\00\04\00\05\00\06\00\07\00\08\00\09\00\0a\00\0b\00\10\00\11\00\0c\0e\07from_u1\01\00\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\07from_s8\01\01\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\07from_u8\01\02\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_s16\01\03\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_u16\01\04\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_s32\01\05\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_u32\01\06\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_s64\01\07\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_u64\01\08\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_f32\01\09\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_f64\01\0a\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_i32\01\0b\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\08from_i64\01\0c\0d\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0bfrom_string\01\0d\01\0d\00\00")
)
