/* matmul.c: the seed's f32 matrix multiplication (200x200, in 8 pages), repeated n times. */
/* bench n: 60 */
#include "kernel.h"

/*
 * The seed benchmark (shared/seeds/001, a .wat) multiplies two N x N f32
 * matrices laid out back to back in linear memory, lhs | rhs | result, and
 * accumulates into the result element in memory on every step of k. N = 200
 * is the size its 8 pages were made for: 3 * 200 * 200 * 4 = 480000 bytes.
 * The wasm build is linked with exactly 8 pages (bench/build.mk).
 *
 * Unlike the seed (zeroed memory, returns 0), each round fills the inputs
 * with inexact values that depend on the round, and the result matrix enters
 * the checksum bit for bit, so a wrong f32 rounding shows.
 */

#define MATMUL_N 200

static float matrices[3 * MATMUL_N * MATMUL_N];

/* Fills lhs and rhs for round `round`: values in [-1, 1), not exact in
 * binary, so every product rounds. */
static void matmul_fill(uint32_t round)
{
    float *lhs = matrices;
    float *rhs = matrices + MATMUL_N * MATMUL_N;
    for (uint32_t i = 0; i < MATMUL_N * MATMUL_N; i++) {
        lhs[i] = (float)((i * 7u + round) % 97u) / 48.5f - 1.0f;
        rhs[i] = (float)((i * 13u + round * 3u) % 89u) / 44.5f - 1.0f;
    }
}

/* The seed's loop nest: result[i][j] is zeroed, then += lhs[i][k] *
 * rhs[k][j] through memory for each k. */
static void matmul_multiply(uint32_t size)
{
    float *lhs = matrices;
    float *rhs = matrices + size * size;
    float *result = matrices + 2 * size * size;
    for (uint32_t i = 0; i < size; i++) {
        for (uint32_t j = 0; j < size; j++) {
            float *cell = &result[i * size + j];
            *cell = 0.0f;
            for (uint32_t k = 0; k < size; k++)
                *cell += lhs[i * size + k] * rhs[k * size + j];
        }
    }
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    const float *result = matrices + 2 * MATMUL_N * MATMUL_N;
    for (int64_t round = 0; round < n; round++) {
        matmul_fill((uint32_t)round);
        matmul_multiply(MATMUL_N);
        for (uint32_t i = 0; i < MATMUL_N * MATMUL_N; i++)
            sum = checksum_mix(sum, checksum_f32_bits(result[i]));
    }
    return (int64_t)sum;
}
