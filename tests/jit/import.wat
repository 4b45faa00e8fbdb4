;; import.wat: calls to imported functions switch to the callee's vmctx (memory, globals) and back.
;; The harness binds import "other" NAME to export NAME of a second instance of this module.
(module
  (import "other" "bump" (func $other_bump (param i32) (result i32)))
  (import "other" "peek" (func $other_peek (result i32)))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func $bump (export "bump") (param i32) (result i32)
    (global.set $g (i32.add (global.get $g) (local.get 0)))
    (i32.store (i32.const 8) (global.get $g))
    (global.get $g))
  (func (export "peek") (result i32) (i32.load (i32.const 8)))
  (func (export "both") (param i32) (result i32)
    ;; bump here and in the other instance, then read this memory again:
    ;; r14/r15 must point back at this instance after the call
    (drop (call $bump (local.get 0)))
    (drop (call $other_bump (i32.mul (local.get 0) (i32.const 10))))
    (i32.add (i32.mul (i32.load (i32.const 8)) (i32.const 1000)) (call $other_peek)))
)
;; run both i32:1 => i32:1010
;; run both i32:2 => i32:3030
;; run peek => i32:3
