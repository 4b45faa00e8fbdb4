/* calls.c: call overhead: recursive fib (direct calls) and small functions called through a pointer table (call_indirect). */
/* bench n: 1200 */
#include "kernel.h"

/* Direct calls: about fib(n) * 3 calls, each doing almost nothing. */
static KERNEL_NOINLINE int64_t calls_fib(int32_t n)
{
    if (n < 2)
        return n;
    return calls_fib(n - 1) + calls_fib(n - 2);
}

/* Small leaf functions for the indirect calls; noinline so the table holds
 * real functions. Each mixes both arguments differently. */
static KERNEL_NOINLINE uint64_t calls_op_add(uint64_t acc, uint32_t i)
{
    return acc + i * 3u + 1u;
}

static KERNEL_NOINLINE uint64_t calls_op_xor(uint64_t acc, uint32_t i)
{
    return (acc ^ (acc >> 7)) + i;
}

static KERNEL_NOINLINE uint64_t calls_op_mul(uint64_t acc, uint32_t i)
{
    return acc * 0x9e3779b97f4a7c15ull + i;
}

static KERNEL_NOINLINE uint64_t calls_op_rotate(uint64_t acc, uint32_t i)
{
    return ((acc << 13) | (acc >> 51)) - i;
}

typedef uint64_t (*calls_op)(uint64_t acc, uint32_t i);

/* Filled at run time, not const: the compiler cannot turn the indirect
 * calls into a switch of direct ones. In wasm each call is a call_indirect
 * with a signature check. */
static calls_op calls_ops[4];

/* A non-leaf helper: one direct call to a leaf per call, so the frame
 * setup of non-leaf functions is measured too. */
static KERNEL_NOINLINE uint64_t calls_step(uint64_t acc, uint32_t i)
{
    uint64_t result = calls_ops[(acc ^ i) & 3](acc, i);
    return result + (result >> 32);
}

int64_t run(int64_t n)
{
    calls_ops[0] = calls_op_add;
    calls_ops[1] = calls_op_xor;
    calls_ops[2] = calls_op_mul;
    calls_ops[3] = calls_op_rotate;
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        sum = checksum_mix(sum, (uint64_t)calls_fib(20 + (int32_t)(round & 3)));
        uint64_t acc = (uint64_t)round;
        for (uint32_t i = 0; i < 20000; i++)
            acc = calls_step(acc, i);
        sum = checksum_mix(sum, acc);
    }
    return (int64_t)sum;
}
