/* parse.c: strtod, strtol, strtoul, strtoll, atoi and atof on ordinary, edge and malformed input, with errno and end pointers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void doubles(void)
{
    static const char *inputs[] = {
        "0", "-0", "1", "3.14159", "  42.5abc", "1e10", "1E-5", "-2.5e+3", ".5", "5.",
        "1e308", "1e309", "-1e309", "1e-320", "1e-400", "0x1p4", "0x1.8p3", "0X.1P-2",
        "inf", "-Infinity", "nan", "123456789012345678901234567890", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "0.1", "0.30000000000000004", "", "abc", "+", "1e", "1e+",
        "9007199254740993", "1.7976931348623157e308"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *end;
        errno = 0;
        double v = strtod(inputs[i], &end);
        printf("strtod(\"%s\") = %.17g [%a] used %d errno %s\n", inputs[i], v, v,
               (int)(end - inputs[i]), errno == ERANGE ? "ERANGE" : errno ? "other" : "0");
    }
    float f = strtof("3.4028235e38", NULL);
    printf("strtof max %.9g, atof(\"2.75xyz\") %g\n", f, atof("2.75xyz"));
}

static void integers(void)
{
    static const struct { const char *text; int base; } inputs[] = {
        {"0", 10},       {"-17", 10},      {"  +99 bottles", 10}, {"0x1F", 16},
        {"0x1F", 0},     {"017", 0},       {"017", 10},           {"z", 36},
        {"ZZZZ", 36},    {"101101", 2},    {"2147483647", 10},    {"2147483648", 10},
        {"-2147483649", 10}, {"99999999999999999999", 10}, {"0x", 16}, {"", 10},
        {"12abc", 10},   {"777", 8},       {"-0", 10},            {"0b101", 0}};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *text = inputs[i].text;
        char *end;
        errno = 0;
        long v = strtol(text, &end, inputs[i].base);
        int e1 = errno;
        errno = 0;
        unsigned long u = strtoul(text, NULL, inputs[i].base);
        int e2 = errno;
        errno = 0;
        long long ll = strtoll(text, NULL, inputs[i].base);
        int e3 = errno;
        printf("base %2d \"%s\": l=%ld used %d%s ul=%lu%s ll=%lld%s\n", inputs[i].base, text, v,
               (int)(end - text), e1 == ERANGE ? " ERANGE" : "", u, e2 == ERANGE ? " ERANGE" : "",
               ll, e3 == ERANGE ? " ERANGE" : "");
    }
    printf("atoi: %d %d %d %d\n", atoi("123"), atoi("-45x"), atoi("  7"), atoi("x"));
    printf("strtoull: %llu\n", strtoull("18446744073709551615", NULL, 10));
}

/* A little expression evaluator over strtod: "1 + 2 * 3" style, left to right
 * with * and / binding tighter, the way a config parser might. */
static double evaluate(const char *text)
{
    double sum = 0, product = 1;
    char op = '*';
    const char *p = text;
    for (;;) {
        char *end;
        double v = strtod(p, &end);
        if (end == p)
            return -999;
        product = op == '*' ? product * v : product / v;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == '*' || *p == '/') {
            op = *p++;
            continue;
        }
        sum += product;
        product = 1;
        op = '*';
        if (*p == '+') {
            p++;
        } else if (*p == '-') {
            p++;
            product = -1;
        } else {
            return sum;
        }
    }
}

int main(void)
{
    doubles();
    integers();
    static const char *expressions[] = {"1 + 2 * 3", "10 / 4 - 0.5", "2e3 * 1e-3 + 7",
                                        "1 / 3 + 1 / 3 + 1 / 3", "42", "3 * * 4"};
    for (size_t i = 0; i < sizeof expressions / sizeof expressions[0]; i++)
        printf("eval \"%s\" = %.15g\n", expressions[i], evaluate(expressions[i]));
    return 0;
}
