/* kernel.h: the contract every benchmark kernel follows, and its checksum mix. */
#ifndef BENCH_KERNEL_H
#define BENCH_KERNEL_H

/*
 * A kernel is one C file, compiled twice with the same flags (clang -O2
 * -ffreestanding): to wasm32 with no imports at all, and natively. It defines
 * exactly one external function:
 *
 *   int64_t run(int64_t n);
 *
 * - Work grows linearly with n (n = 0 does almost nothing).
 * - Each call starts from scratch: it (re)initialises every byte of state it
 *   reads, so run(n) returns the same value on every call, in every engine.
 * - The result is a checksum of everything computed, so that no engine can
 *   skip work and so that results can be compared across engines. Floats
 *   enter the checksum bit for bit: wasm arithmetic is deterministic IEEE 754,
 *   and native x86-64 code without -ffast-math computes the same bits.
 * - No libc: -ffreestanding also stops clang from turning loops into calls
 *   to memcpy/memset (which would be imports in wasm and glibc's vector
 *   routines natively). The header line "bench n: N" in each kernel's file
 *   is the n that `make bench` uses (about 0.2-0.5 s natively).
 */

#include <stdint.h>

int64_t run(int64_t n);

/* For helpers that must stay real calls (the point of some kernels). */
#define KERNEL_NOINLINE __attribute__((noinline))

/* Folds `value` into the running checksum `sum` (FNV-style multiply, then a
 * shift so high bits reach low bits). Order matters, as it should. */
static inline uint64_t checksum_mix(uint64_t sum, uint64_t value)
{
    sum ^= value;
    sum *= 0x100000001b3ull;
    return sum ^ (sum >> 29);
}

/* min/max of doubles as one instruction on each target: wasm's f64.min/max
 * (clang would otherwise call libm's fmin, an import) and x86's minsd/maxsd
 * (what `a < b ? a : b` compiles to). They agree unless an operand is NaN or
 * both are zeros; kernels never pass those. */
#ifdef __wasm__
#define kernel_min_f64(a, b) __builtin_wasm_min_f64((a), (b))
#define kernel_max_f64(a, b) __builtin_wasm_max_f64((a), (b))
#else
static inline double kernel_min_f64(double a, double b) { return a < b ? a : b; }
static inline double kernel_max_f64(double a, double b) { return a > b ? a : b; }
#endif

/* The bits of a float or double, for the checksum (union punning is C11). */
static inline uint64_t checksum_f32_bits(float value)
{
    union { float f; uint32_t u; } pun;
    pun.f = value;
    return pun.u;
}

static inline uint64_t checksum_f64_bits(double value)
{
    union { double f; uint64_t u; } pun;
    pun.f = value;
    return pun.u;
}

#endif /* BENCH_KERNEL_H */
