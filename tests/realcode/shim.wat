;; shim.wat: exercises the WASI test shim's own paths (wasi_run.c, wasi_run.js): output without a
;; final newline, --invoke, a trap, an unsupported import, proc_exit. run.sh lists the invocations.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (import "env" "not_wasi" (func $not_wasi))
  (memory (export "memory") 1)
  ;; iovec at 0: {buffer 16, length 16}; nwritten at 8
  (data (i32.const 0) "\10\00\00\00\10\00\00\00")
  (data (i32.const 16) "no final newline")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "answer") (result i32) (i32.const -42))
  (func (export "divide_by_zero") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
  (func (export "call_unsupported") (result i32)
    (call $sock_accept (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "exit_7") (result i32)
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 7))
    (i32.const 0)))
