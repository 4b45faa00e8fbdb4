/* format.c: printf and snprintf through many conversions, flags, widths and precisions (musl's vfprintf and its float formatting). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void integers(void)
{
    int values[] = {0, 1, -1, 42, -42, 1000000, INT_MAX, INT_MIN};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        int v = values[i];
        printf("d=%d i=%i u=%u x=%x X=%X o=%o |%8d|%-8d|%08d|%+d|% d|\n", v, v, (unsigned)v,
               (unsigned)v, (unsigned)v, (unsigned)v, v, v, v, v, v);
    }
    long long big[] = {0, 1234567890123LL, -987654321098765LL, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        printf("lld=%lld llu=%llu llx=%llx |%22lld|\n", big[i], (unsigned long long)big[i],
               (unsigned long long)big[i], big[i]);
    printf("hhd=%hhd hhu=%hhu hd=%hd hu=%hu\n", (signed char)-3, (unsigned char)250, (short)-30000,
           (unsigned short)65000);
    printf("zu=%zu jd=%jd ld=%ld lu=%lu\n", sizeof(long double), (intmax_t)-77, -5L, 7UL);
    printf("#x=%#x #o=%#o #X=%#X |%#10x|%-#10o|\n", 255u, 8u, 3054u, 48879u, 64u);
    printf("star |%*d|%-*d|%.*d|%*.*d|\n", 6, 12, 6, 12, 4, 7, 8, 5, -3);
}

static void strings_and_chars(void)
{
    const char *words[] = {"", "a", "hello", "wasm32-wasi", "a longer string than usual"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        printf("s=[%s] [%10s] [%-10s] [%.3s] [%*.*s]\n", words[i], words[i], words[i], words[i], 7,
               2, words[i]);
    for (int c = 'A'; c < 'A' + 26; c += 5)
        printf("c=%c [%3c] [%-3c]", c, c + 1, c + 2);
    printf(" %%literal%%\n");
}

static void floats(void)
{
    double values[] = {0.0,     -0.0,   1.0,      -1.5,    3.14159265358979, 2.5,     0.125,
                       1e10,    1e-10,  123456.789, 6.02214076e23, 1.0 / 3.0, 9.999, 0.0005,
                       1e300,   5e-324, 1.7976931348623157e308};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        double v = values[i];
        printf("f=%f 5.2f=%5.2f e=%e g=%g G=%G .10g=%.10g |%12.4e|%-12.3g|%+.1f|\n", v, v, v, v, v,
               v, v, v, v);
    }
    printf("rounding %.0f %.0f %.0f %.0f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
    printf("hex float %a %a %A %.3a\n", 1.0, -0.1, 255.5, 3.14159);
    printf("#g %#g %#.3g %#.0f\n", 1.0, 100.0, 3.0);
    float f = 1.1f;
    printf("float promoted %.9g %f\n", f, f * 3);
}

/* snprintf's return value is the length it would have written. */
static void bounded(void)
{
    char buffer[16];
    size_t sizes[] = {0, 1, 5, 15, 16};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(buffer, '#', sizeof buffer);
        int n = snprintf(buffer, sizes[i], "value=%d text=%s", 123456, "abcdef");
        buffer[sizeof buffer - 1] = '\0';
        printf("snprintf(%zu) -> %d [%s]\n", sizes[i], n, sizes[i] ? buffer : "(untouched)");
    }
    char line[200];
    int used = 0;
    for (int i = 0; i < 12; i++)
        used += snprintf(line + used, sizeof line - (size_t)used, "%s%d", i ? "," : "", i * i);
    printf("joined %d [%s]\n", used, line);
}

/* A table with column widths computed from the data. */
static void table(void)
{
    static const struct { const char *name; int count; double share; } rows[] = {
        {"alpha", 3, 0.125}, {"beta", 1234, 45.5}, {"gamma-ray", -17, 99.999}, {"d", 0, 0.0}};
    int width = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int w = (int)strlen(rows[i].name);
        width = w > width ? w : width;
    }
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        printf("| %-*s | %6d | %7.2f%% |\n", width, rows[i].name, rows[i].count, rows[i].share);
}

int main(void)
{
    integers();
    strings_and_chars();
    floats();
    bounded();
    table();
    fprintf(stderr, "format: done\n");
    return 0;
}
