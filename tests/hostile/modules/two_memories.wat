;; two_memories.wat: a module whose instantiation commits 2 MiB (32 pages).
(module (memory 32))
