;; canon_core.wat: a core module that hands its adapter (hostile_canon.itl)
;; canonical-ABI values that are not what their types say. Each export
;; returns a pointer to (or the flat value of) one bad value; the loaders
;; must trap naming the export, the memory and what is wrong.
(module
  (memory (export "memory") 160) ;; 10 MiB: room for the big list
  ;; 16: an option<u32> of case 7
  (data (i32.const 16) "\07\00\00\00\2a\00\00\00")
  ;; 32: a list<u32> (pointer 0xfffff0, 1000 elements): past the end
  (data (i32.const 32) "\f0\ff\ff\00\e8\03\00\00")
  ;; 48: a person-like record { name: string } whose string (at 64, 2 bytes) is C0 80
  (data (i32.const 48) "\40\00\00\00\02\00\00\00")
  (data (i32.const 64) "\c0\80")
  ;; 80: a list<char> (pointer 96, 2 elements): 'a', then a surrogate
  (data (i32.const 80) "\60\00\00\00\02\00\00\00")
  (data (i32.const 96) "\61\00\00\00\00\d8\00\00")
  ;; 112: a list<u32> at pointer 114: not aligned to 4
  (data (i32.const 112) "\72\00\00\00\01\00\00\00")
  ;; 128: a (result u32 string) whose string is 0x7fffffff bytes at 0
  (data (i32.const 128) "\01\00\00\00\00\00\00\00\ff\ff\ff\7f")
;; a realloc that gives the last byte of memory: misaligned for lists of
  ;; u32, out of bounds for more than one byte
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 10485759))
  (func (export "badCase") (result i32) (i32.const 16))
  (func (export "misaligned") (result i32) (i32.const 18))
  (func (export "outOfBounds") (result i32) (i32.const 32))
  (func (export "badUtf8") (result i32) (i32.const 48))
  (func (export "surrogate") (result i32) (i32.const 80))
  (func (export "misalignedList") (result i32) (i32.const 112))
  (func (export "hugeString") (result i32) (i32.const 128))
  (func (export "pastTheEnd") (result i32) (i32.const 0x9ffffc))
  (func (export "caseNine") (result i32) (i32.const 9))
  ;; 4096: a list<string> of 1Mi elements, each the same 64 KiB of zeros at 9 MiB: 64 GiB to copy
  (func (export "bomb") (result i32) (local $i i32)
    (i32.store (i32.const 4096) (i32.const 8192))
    (i32.store (i32.const 4100) (i32.const 0x100000))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (i32.const 0x100000)))
        (i32.store (i32.add (i32.const 8192) (i32.shl (local.get $i) (i32.const 3))) (i32.const 0x900000))
        (i32.store (i32.add (i32.const 8196) (i32.shl (local.get $i) (i32.const 3))) (i32.const 0x10000))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (i32.const 4096)))
