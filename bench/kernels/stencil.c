/* stencil.c: float stencils: 2D Jacobi sweeps (f64, 5 points) and a 3x3 blur (f32), on grids that fit in L2. */
/* bench n: 170 */
#include "kernel.h"

#define STENCIL_SIZE 128 /* the Jacobi grid: 128 x 128 doubles, two of them */
#define STENCIL_SWEEPS 40
#define STENCIL_IMAGE 192 /* the blurred image: 192 x 192 floats, two of them */
#define STENCIL_BLURS 12

static double stencil_grid[2][STENCIL_SIZE][STENCIL_SIZE];
static float stencil_image[2][STENCIL_IMAGE][STENCIL_IMAGE];

/* One Jacobi sweep of the heat equation: every inner point becomes the
 * mean of its four neighbours; the border stays fixed. Returns the sum of
 * the absolute changes (the residual a solver would test). */
static double stencil_jacobi(double (*from)[STENCIL_SIZE], double (*to)[STENCIL_SIZE])
{
    double change = 0;
    for (int i = 1; i < STENCIL_SIZE - 1; i++)
        for (int j = 1; j < STENCIL_SIZE - 1; j++) {
            double value = 0.25 * (from[i - 1][j] + from[i + 1][j] +
                                   from[i][j - 1] + from[i][j + 1]);
            double delta = value - from[i][j];
            change += delta < 0 ? -delta : delta;
            to[i][j] = value;
        }
    return change;
}

/* The 1-2-1 binomial blur in both directions at once, clamped at the
 * edges: nine loads, f32 multiply-adds. */
static void stencil_blur(float (*from)[STENCIL_IMAGE], float (*to)[STENCIL_IMAGE])
{
    for (int i = 0; i < STENCIL_IMAGE; i++) {
        int up = i > 0 ? i - 1 : 0, down = i < STENCIL_IMAGE - 1 ? i + 1 : i;
        for (int j = 0; j < STENCIL_IMAGE; j++) {
            int left = j > 0 ? j - 1 : 0, right = j < STENCIL_IMAGE - 1 ? j + 1 : j;
            float sum = from[up][left] + 2.0f * from[up][j] + from[up][right] +
                        2.0f * (from[i][left] + 2.0f * from[i][j] + from[i][right]) +
                        from[down][left] + 2.0f * from[down][j] + from[down][right];
            to[i][j] = sum * 0.0625f;
        }
    }
}

/* The grid: a hot left edge, a warm top edge, a cold rest, a pattern in
 * the inside that depends on the round; the image: a checkerboard of
 * round-dependent intensity with a bright square. */
static void stencil_init(uint32_t round)
{
    for (int i = 0; i < STENCIL_SIZE; i++)
        for (int j = 0; j < STENCIL_SIZE; j++) {
            double value = j == 0 ? 100.0 : i == 0 ? 40.0 + j * 0.125 : 1.0;
            if (i > 0 && j > 0 && i < STENCIL_SIZE - 1 && j < STENCIL_SIZE - 1)
                value += (double)((i * 7 + j * 13 + (int)round) % 17) * 0.5;
            stencil_grid[0][i][j] = stencil_grid[1][i][j] = value;
        }
    for (int i = 0; i < STENCIL_IMAGE; i++)
        for (int j = 0; j < STENCIL_IMAGE; j++) {
            float value = ((i >> 3) + (j >> 3)) & 1 ? 0.25f + (float)(round % 5) * 0.125f : 0.75f;
            if (i > 64 && i < 96 && j > 80 && j < 120)
                value = 4.0f;
            stencil_image[0][i][j] = value;
        }
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        stencil_init((uint32_t)round);
        double residual = 0;
        for (int sweep = 0; sweep < STENCIL_SWEEPS; sweep++)
            residual = stencil_jacobi(stencil_grid[sweep & 1], stencil_grid[(sweep + 1) & 1]);
        sum = checksum_mix(sum, checksum_f64_bits(residual));
        for (int i = 1; i < STENCIL_SIZE; i += 9)
            sum = checksum_mix(sum, checksum_f64_bits(stencil_grid[0][i][i / 2]));
        for (int blur = 0; blur < STENCIL_BLURS; blur++)
            stencil_blur(stencil_image[blur & 1], stencil_image[(blur + 1) & 1]);
        for (int i = 0; i < STENCIL_IMAGE; i += 7)
            sum = checksum_mix(sum, checksum_f32_bits(stencil_image[0][i][(i * 5) % STENCIL_IMAGE]));
    }
    return (int64_t)sum;
}
