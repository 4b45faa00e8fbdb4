/* f64math.c: double arithmetic: an n-body simulation (sqrt, div), a Mandelbrot set (min/max), conversions. */
/* bench n: 400 */
#include "kernel.h"

#define F64MATH_BODIES 5
#define F64MATH_PI 3.141592653589793
#define F64MATH_SOLAR_MASS (4 * F64MATH_PI * F64MATH_PI)
#define F64MATH_DAYS_PER_YEAR 365.24

typedef struct f64math_body {
    double x, y, z, vx, vy, vz, mass;
} f64math_body;

static f64math_body f64math_bodies[F64MATH_BODIES];

/* The benchmarks game's Jovian planets, perturbed by `round` so each round
 * computes something new. Offsets the sun's momentum. */
static void f64math_nbody_init(uint32_t round)
{
    static const double initial[F64MATH_BODIES][7] = {
        {0, 0, 0, 0, 0, 0, 1},
        {4.84143144246472090e+00, -1.16032004402742839e+00,
         -1.03622044471123109e-01, 1.66007664274403694e-03,
         7.69901118419740425e-03, -6.90460016972063023e-05,
         9.54791938424326609e-04},
        {8.34336671824457987e+00, 4.12479856412430479e+00,
         -4.03523417114321381e-01, -2.76742510726862411e-03,
         4.99852801234917238e-03, 2.30417297573763929e-05,
         2.85885980666130812e-04},
        {1.28943695621391310e+01, -1.51111514016986312e+01,
         -2.23307578892655734e-01, 2.96460137564761618e-03,
         2.37847173959480950e-03, -2.96589568540237556e-05,
         4.36624404335156298e-05},
        {1.53796971148509165e+01, -2.59193146099879641e+01,
         1.79258772950371181e-01, 2.68067772490389322e-03,
         1.62824170038242295e-03, -9.51592254519715870e-05,
         5.15138902046611451e-05},
    };
    double px = 0, py = 0, pz = 0;
    for (uint32_t i = 0; i < F64MATH_BODIES; i++) {
        f64math_body *body = &f64math_bodies[i];
        double scale = 1.0 + (double)(round % 16) / 1024.0;
        body->x = initial[i][0] * scale;
        body->y = initial[i][1];
        body->z = initial[i][2];
        body->vx = initial[i][3] * F64MATH_DAYS_PER_YEAR;
        body->vy = initial[i][4] * F64MATH_DAYS_PER_YEAR;
        body->vz = initial[i][5] * F64MATH_DAYS_PER_YEAR;
        body->mass = initial[i][6] * F64MATH_SOLAR_MASS;
        px += body->vx * body->mass;
        py += body->vy * body->mass;
        pz += body->vz * body->mass;
    }
    f64math_bodies[0].vx = -px / F64MATH_SOLAR_MASS;
    f64math_bodies[0].vy = -py / F64MATH_SOLAR_MASS;
    f64math_bodies[0].vz = -pz / F64MATH_SOLAR_MASS;
}

/* One time step: pairwise forces (sqrt and a division per pair). */
static KERNEL_NOINLINE void f64math_nbody_advance(double dt)
{
    for (uint32_t i = 0; i < F64MATH_BODIES; i++) {
        f64math_body *a = &f64math_bodies[i];
        for (uint32_t j = i + 1; j < F64MATH_BODIES; j++) {
            f64math_body *b = &f64math_bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double distance2 = dx * dx + dy * dy + dz * dz;
            double distance = __builtin_sqrt(distance2);
            double magnitude = dt / (distance2 * distance);
            a->vx -= dx * b->mass * magnitude;
            a->vy -= dy * b->mass * magnitude;
            a->vz -= dz * b->mass * magnitude;
            b->vx += dx * a->mass * magnitude;
            b->vy += dy * a->mass * magnitude;
            b->vz += dz * a->mass * magnitude;
        }
    }
    for (uint32_t i = 0; i < F64MATH_BODIES; i++) {
        f64math_body *body = &f64math_bodies[i];
        body->x += dt * body->vx;
        body->y += dt * body->vy;
        body->z += dt * body->vz;
    }
}

static double f64math_nbody_energy(void)
{
    double energy = 0;
    for (uint32_t i = 0; i < F64MATH_BODIES; i++) {
        const f64math_body *a = &f64math_bodies[i];
        energy += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (uint32_t j = i + 1; j < F64MATH_BODIES; j++) {
            const f64math_body *b = &f64math_bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            energy -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return energy;
}

/* A 64x64 Mandelbrot tile: int->double conversions for coordinates,
 * min/max to clamp, double->int and f32 round trips for the result. */
static KERNEL_NOINLINE uint64_t f64math_mandelbrot(uint32_t round)
{
    uint64_t sum = 0;
    double zoom = 1.0 / (1.0 + (double)(round % 8));
    for (int32_t py = 0; py < 64; py++) {
        for (int32_t px = 0; px < 64; px++) {
            double cx = -0.745 + ((double)px - 32.0) / 32.0 * zoom;
            double cy = 0.1 + ((double)py - 32.0) / 32.0 * zoom;
            double zx = 0, zy = 0, smallest = 4.0;
            int32_t iteration = 0;
            while (iteration < 64) {
                double zx2 = zx * zx, zy2 = zy * zy;
                if (zx2 + zy2 > 4.0)
                    break;
                zy = 2.0 * zx * zy + cy;
                zx = zx2 - zy2 + cx;
                smallest = kernel_min_f64(smallest, zx2 + zy2 + 1e-9);
                iteration++;
            }
            double shade = kernel_max_f64(0.01, kernel_min_f64(1.0, smallest * 3.7));
            float narrow = (float)(shade * (double)iteration);
            int64_t scaled = (int64_t)((double)narrow * 1048576.0);
            sum = sum * 33 + (uint64_t)scaled + (uint64_t)(int32_t)(shade * 1000.0);
        }
    }
    return sum;
}

int64_t run(int64_t n)
{
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        f64math_nbody_init((uint32_t)round);
        for (uint32_t step = 0; step < 1000; step++)
            f64math_nbody_advance(0.01);
        sum = checksum_mix(sum, checksum_f64_bits(f64math_nbody_energy()));
        sum = checksum_mix(sum, checksum_f64_bits(f64math_bodies[1].x));
        sum = checksum_mix(sum, f64math_mandelbrot((uint32_t)round));
        sum = checksum_mix(sum, checksum_f64_bits((double)(int64_t)sum * 0x1p-40));
    }
    return (int64_t)sum;
}
