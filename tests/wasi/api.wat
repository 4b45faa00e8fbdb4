;; api.wat: a module importing WASI, for wasi_api_test.c: _start calls proc_exit(7), write(fd) writes one byte to fd and returns the errno.
(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "_start") (call 0 (i32.const 7)))
        (func (export "write") (param i32) (result i32)
          (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 1))
          (call 1 (local.get 0) (i32.const 0) (i32.const 1) (i32.const 8))))
