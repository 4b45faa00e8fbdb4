/* structs.c: structs passed and returned by value (small, large, nested), unions, bit-fields, and a vtable of function pointers over them. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct vec2 { double x, y; } vec2;
typedef struct complex { double re, im; } complex;
typedef struct mat3 { double m[3][3]; } mat3;
typedef struct rgb { uint8_t r, g, b; } rgb;

static vec2 vec_add(vec2 a, vec2 b) { return (vec2){a.x + b.x, a.y + b.y}; }
static vec2 vec_scale(vec2 a, double k) { return (vec2){a.x * k, a.y * k}; }
static double vec_dot(vec2 a, vec2 b) { return a.x * b.x + a.y * b.y; }

static complex complex_mul(complex a, complex b)
{
    return (complex){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

/* Iterations of z = z^2 + c before |z| > 2, at most 50. */
static int mandelbrot(complex c)
{
    complex z = {0, 0};
    for (int i = 0; i < 50; i++) {
        z = complex_mul(z, z);
        z.re += c.re;
        z.im += c.im;
        if (z.re * z.re + z.im * z.im > 4)
            return i;
    }
    return 50;
}

static mat3 mat_mul(mat3 a, mat3 b)
{
    mat3 r;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            r.m[i][j] = 0;
            for (int k = 0; k < 3; k++)
                r.m[i][j] += a.m[i][k] * b.m[k][j];
        }
    return r;
}

static rgb blend(rgb a, rgb b, int percent)
{
    rgb r = {(uint8_t)((a.r * (100 - percent) + b.r * percent) / 100),
             (uint8_t)((a.g * (100 - percent) + b.g * percent) / 100),
             (uint8_t)((a.b * (100 - percent) + b.b * percent) / 100)};
    return r;
}

/* A large struct by value: the callee's copy is changed, the caller's not. */
typedef struct record {
    char name[40];
    int values[16];
    struct { int16_t lo, hi; } range;
    double weight;
} record;

static record normalise(record r)
{
    int lo = r.values[0], hi = r.values[0];
    for (int i = 1; i < 16; i++) {
        lo = r.values[i] < lo ? r.values[i] : lo;
        hi = r.values[i] > hi ? r.values[i] : hi;
    }
    for (int i = 0; i < 16; i++)
        r.values[i] -= lo;
    r.range.lo = (int16_t)lo;
    r.range.hi = (int16_t)hi;
    strcat(r.name, " (normalised)");
    r.weight *= 2;
    return r;
}

typedef struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed level : 5;
    unsigned count : 7;
} flags;

typedef union number {
    float f;
    uint32_t bits;
    uint8_t bytes[4];
} number;

/* Shapes through a table of function pointers, like a C vtable. */
typedef struct shape {
    const struct shape_ops *ops;
    vec2 origin;
    double a, b;
} shape;
typedef struct shape_ops {
    const char *name;
    double (*area)(const shape *);
    shape (*grow)(shape, double);
} shape_ops;

static double rect_area(const shape *s) { return s->a * s->b; }
static double circle_area(const shape *s) { return 3.14159265358979 * s->a * s->a; }
static shape grow(shape s, double k) { s.a *= k; s.b *= k; s.origin = vec_scale(s.origin, k); return s; }
static const shape_ops rect_ops = {"rect", rect_area, grow};
static const shape_ops circle_ops = {"circle", circle_area, grow};

int main(void)
{
    vec2 p = {1.5, -2}, q = {0.25, 4};
    vec2 r = vec_add(vec_scale(p, 3), q);
    printf("vec (%g, %g) dot %g\n", r.x, r.y, vec_dot(r, p));
    for (double y = 1.0; y >= -1.0; y -= 0.5) {
        for (double x = -2.0; x <= 0.5; x += 0.25)
            putchar(" .:-=+*#%@"[mandelbrot((complex){x, y}) / 6]);
        putchar('\n');
    }
    mat3 rotation = {{{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}}, scale = {{{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}};
    mat3 m = mat_mul(mat_mul(rotation, scale), rotation);
    for (int i = 0; i < 3; i++)
        printf("mat [%g %g %g]\n", m.m[i][0], m.m[i][1], m.m[i][2]);
    rgb c = blend((rgb){255, 0, 10}, (rgb){0, 200, 250}, 30);
    printf("blend %d %d %d (size %zu)\n", c.r, c.g, c.b, sizeof c);
    record original = {"sensor", {5, -3, 12, 7, 0, 9, -8, 4, 4, 1, 2, 3, 30, -1, 6, 8}, {0, 0}, 1.25};
    record n = normalise(original);
    int sum = 0;
    for (int i = 0; i < 16; i++)
        sum += n.values[i];
    printf("record [%s] range %d..%d sum %d weight %g; original [%s] v0 %d weight %g\n", n.name,
           n.range.lo, n.range.hi, sum, n.weight, original.name, original.values[0], original.weight);
    flags f = {1, 5, -7, 100};
    f.count += 30; /* wraps at 7 bits */
    f.level -= 5;
    f.level = f.level * 2 + 9;
    printf("flags ready %u mode %u level %d count %u size %zu\n", f.ready, f.mode, f.level, f.count,
           sizeof f);
    number num = {.f = -1.75f};
    printf("union bits %08x bytes %02x %02x %02x %02x\n", (unsigned)num.bits, num.bytes[0],
           num.bytes[1], num.bytes[2], num.bytes[3]);
    shape shapes[] = {{&rect_ops, {1, 1}, 2, 3}, {&circle_ops, {0, 2}, 1.5, 0}, {&rect_ops, {-1, 0}, 0.5, 8}};
    double total = 0;
    for (int i = 0; i < 3; i++) {
        shape g = shapes[i].ops->grow(shapes[i], 1.5);
        total += g.ops->area(&g);
        printf("%s area %.4f grown %.4f at (%g, %g)\n", shapes[i].ops->name,
               shapes[i].ops->area(&shapes[i]), g.ops->area(&g), g.origin.x, g.origin.y);
    }
    printf("total %.6f\n", total);
    return 0;
}
