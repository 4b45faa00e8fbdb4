/* arith.c: 64-bit and 128-bit integer arithmetic (compiler-rt's __multi3, __udivti3), bit tricks and libm (sqrt, floor, fmod, pow, exp, log, trigonometry). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Debian's wasm32 compiler-rt (libclang-rt-14-dev-wasm32) is built with
 * -fstack-protector, so its 128-bit division (__udivti3, __umodti3, ...)
 * needs the two symbols below, which wasi-libc does not define. */
uintptr_t __stack_chk_guard = 0x5a17c0deu;
void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
    abort();
}

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_u128(const char *label, u128 v)
{
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    printf("%s", label);
    while (n)
        putchar(digits[--n]);
    putchar('\n');
}

static void wide(void)
{
    uint64_t a = 0xfedcba9876543210ULL, b = 0x0123456789abcdefULL;
    u128 product = (u128)a * b;
    printf("mul128 hi %016llx lo %016llx\n", (unsigned long long)(product >> 64),
           (unsigned long long)product);
    print_u128("2^127 + 12345 = ", ((u128)1 << 127) + 12345);
    u128 big = ((u128)0x1234567890abcdefULL << 64) | 0xfedcba0987654321ULL;
    print_u128("big / 1000000007 = ", big / 1000000007u);
    print_u128("big % 1000000007 = ", big % 1000000007u);
    i128 negative = -(i128)big / 3;
    printf("signed128 / 3: hi %016llx lo %016llx\n", (unsigned long long)((u128)negative >> 64),
           (unsigned long long)negative);
    /* factorials until 128 bits overflow */
    u128 f = 1;
    int k = 1;
    while (f <= ~(u128)0 / (u128)(k + 1))
        f *= (u128)++k;
    printf("largest factorial in 128 bits: %d! ", k);
    print_u128("= ", f);
}

static void sixty_four(void)
{
    int64_t values[] = {0, 1, -1, 7, -7, 1000000007, -123456789012345LL, INT64_MAX, INT64_MIN + 1};
    uint64_t acc = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
            int64_t x = values[i], y = values[j];
            uint64_t ux = (uint64_t)x, uy = (uint64_t)y;
            acc = acc * 1099511628211ULL + (ux * uy) + (ux >> (uy & 63)) + (ux << (uy & 63));
            if (y != 0) {
                acc ^= (uint64_t)(x / y) + (uint64_t)(x % y);
                acc += ux / uy + ux % uy;
            }
            acc += (uint64_t)(x < y) + (uint64_t)(ux < uy) * 2;
        }
    }
    printf("64-bit mix %016llx\n", (unsigned long long)acc);
    int64_t r;
    printf("mul overflow %d %d, add overflow %d\n", __builtin_mul_overflow(INT64_MAX / 2, 3, &r),
           __builtin_mul_overflow(-4000000000LL, 2, &r), __builtin_add_overflow(INT64_MAX, 1, &r));
}

static uint32_t reverse_bits(uint32_t v)
{
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
    return (v >> 16) | (v << 16);
}

static uint64_t rotate_left(uint64_t v, unsigned n)
{
    return (v << (n & 63)) | (v >> ((64 - n) & 63));
}

static void bits(void)
{
    uint32_t samples[] = {0, 1, 0x80000000u, 0xdeadbeefu, 0x00f000f0u, 12345u, 0xffffffffu};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        uint32_t v = samples[i];
        uint32_t next_power = v ? v - 1 : 0;
        next_power |= next_power >> 1; next_power |= next_power >> 2; next_power |= next_power >> 4;
        next_power |= next_power >> 8; next_power |= next_power >> 16;
        printf("%08x: pop %d clz %d ctz %d rev %08x gray %08x pow2 %08x parity %d rotl %016llx\n",
               v, __builtin_popcount(v), v ? __builtin_clz(v) : 32, v ? __builtin_ctz(v) : 32,
               reverse_bits(v), v ^ (v >> 1), next_power + 1, __builtin_parity(v),
               (unsigned long long)rotate_left((uint64_t)v * 0x9e3779b97f4a7c15ULL, v % 64));
    }
    uint64_t x = 0x0123456789abcdefULL;
    printf("bswap %016llx popll %d clzll %d ctzll %d\n", (unsigned long long)__builtin_bswap64(x),
           __builtin_popcountll(x), __builtin_clzll(x), __builtin_ctzll(x << 4));
}

static void floats(void)
{
    double inputs[] = {0.0, 0.5, 1.0, 2.0, 3.75, -3.75, 10.0, 123.456, 1e-3, 1e6};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        double v = inputs[i];
        printf("%g: sqrt %.17g floor %g ceil %g trunc %g round %g fmod7 %.17g pow1.5 %.17g\n", v,
               sqrt(fabs(v)), floor(v), ceil(v), trunc(v), round(v), fmod(v, 0.7), pow(fabs(v), 1.5));
        printf("   exp %.17g log %.17g sin %.17g cos %.17g atan2 %.17g\n", exp(v / 10),
               log(fabs(v) + 1), sin(v), cos(v), atan2(v, 2.0));
    }
    int e;
    double m = frexp(1234.5, &e);
    printf("frexp %.17g %d ldexp %g hypot %.17g cbrt %.17g\n", m, e, ldexp(m, e), hypot(3, 4), cbrt(-27.0));
    printf("conversions %d %u %lld %.17g %.9g\n", (int)-2.9, (unsigned)3.99, (long long)-1e15,
           (double)(int64_t)9007199254740993LL, (double)(float)0.1);
    printf("lround %ld %ld rint %g nearbyint %g copysign %g\n", lround(2.5), lround(-2.5), rint(2.5),
           nearbyint(3.5), copysign(3.0, -0.0));
    /* Newton's method vs sqrt, and a sum with cancellation */
    double guess = 1.0;
    for (int i = 0; i < 30 && fabs(guess * guess - 2.0) > 1e-15; i++)
        guess = (guess + 2.0 / guess) / 2.0;
    double sum = 0;
    for (int i = 1; i <= 1000; i++)
        sum += (i % 2 ? 1.0 : -1.0) / i;
    printf("newton %.17g sqrt %.17g alternating %.17g\n", guess, sqrt(2.0), sum);
    float fs = 0;
    for (int i = 0; i < 100; i++)
        fs += sqrtf((float)i) * 0.1f;
    printf("float sum %.9g fminf %g fmaxf %g\n", (double)fs, (double)fminf(1.5f, -2.0f),
           (double)fmaxf(1.5f, -2.0f));
}

int main(void)
{
    wide();
    sixty_four();
    bits();
    floats();
    return 0;
}
