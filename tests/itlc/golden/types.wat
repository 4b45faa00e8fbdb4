(module
;; it.interface version 3, component "types"
;;   type 0: f64
;;   type 1 "point": (record (field x f64) (field y f64))
;;   type 2 "points": (list point)
;;   type 3 "perms": (flags read write exec)
;;   type 4: u32
;;   type 5: (option u32)
;;   type 6: (option (option u32))
;;   type 7: string
;;   type 8: (result _ string)
;;   type 9: (result)
;;   type 10: bool
;;   type 11: char
;;   type 12: (tuple bool char)
;;   type 13 "shape": (variant (case circle f64) (case rect point) (case empty))
;;   type 14 "color": (enum red green blue)
;;   type 15 "outcome": (result u32 string)
;;   export "echo" (param point points perms (option (option u32)) (result _ string) (result) (tuple bool char)) (result points points)
;;   export "draw" (param shape color) (result outcome)
;;   import "host" "draw" (param shape color) (result outcome)
  (type (;0;) (func))
  (type (;1;) (func (param externref externref i32 externref externref externref externref) (result externref externref)))
  (type (;2;) (func (param externref i32) (result externref)))
  (import "host" "draw" (func $import.draw (type 2)))
  (func $_it_init (type 0)
  )
  (func $export.echo (type 1) (param externref externref i32 externref externref externref externref) (result externref externref)
    local.get 1
    local.get 1
  )
  (func $export.draw (type 2) (param externref i32) (result externref)
    local.get 0
    local.get 1
    call $import.draw
  )
  (table (;0;) 0 0 funcref)
  (memory (;0;) 1)
  (export "echo" (func $export.echo))
  (export "draw" (func $export.draw))
  (export "_it_init" (func $_it_init))
  (export "_it_table" (table 0))
  (export "_it_memory" (memory 0))
  ;; (@custom "it.interface" "\03\05types\10\00\0b\05point@\02\01x\00\01y\00\06pointsB\01\05permsD\03\04read\05write\04exec\00\07\00F\04\00F\05\00\0c\00G\00\01\07\00G\00\00\00\01\00\0d\00A\02\0a\0b\05shapeE\03\06circle\01\00\04rect\01\01\05empty\00\05colorC\03\03red\05green\04blue\07outcomeG\01\04\01\07\02\04echo\07\01\02\03\06\08\09\0c\02\02\02\04draw\02\0d\0e\01\0f\01\04host\04draw\02\0d\0e\01\0f\00")
)
