/* control.c: dense switches (br_table), a bytecode interpreter, loops with early exits, recursion, function pointers and varargs functions of our own. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum op { PUSH, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, DROP, JZ, JMP, LT, PRINT, HALT, NEG, OVER };

/* A stack machine; returns the top of stack at HALT, or -1 on a bad program. */
static long run(const int *code, int length)
{
    long stack[64];
    int sp = 0, steps = 0;
    for (int pc = 0; pc < length && steps < 100000; steps++) {
        int op = code[pc++];
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; if (!stack[sp]) return -1; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; if (!stack[sp]) return -1; stack[sp - 1] %= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case DROP: sp--; break;
        case JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case JMP: pc = code[pc]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case PRINT: printf("  vm print %ld\n", stack[sp - 1]); break;
        case HALT: return sp ? stack[sp - 1] : 0;
        case NEG: stack[sp - 1] = -stack[sp - 1]; break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        default: return -1;
        }
        if (sp < 0 || sp > 60)
            return -1;
    }
    return -1;
}

/* A dense switch with fallthrough, as a lexer's character classes. */
static const char *classify(int c)
{
    switch (c) {
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return "digit";
    case ' ': case '\t': case '\n': return "space";
    case '+': case '-': case '*': case '/': case '%': return "operator";
    case '(': case ')': case '[': case ']': case '{': case '}': return "bracket";
    case ';': case ',': return "separator";
    case '_': return "underscore";
    default: return c >= 'a' && c <= 'z' ? "letter" : "other";
    }
}

static int days_in_month(int month, int year)
{
    switch (month) {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
    case 4: case 6: case 9: case 11: return 30;
    default: return 31;
    }
}

static unsigned ackermann(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long hanoi(int disks, int from, int to, int via, long *checksum)
{
    if (disks == 0) return 0;
    long moves = hanoi(disks - 1, from, via, to, checksum);
    *checksum = (*checksum * 7 + from * 3 + to) % 1000003;
    return moves + 1 + hanoi(disks - 1, via, to, from, checksum);
}

/* The first prime above n, with early exits from both loops. */
static int next_prime(int n)
{
    for (int candidate = n + 1;; candidate++) {
        int d;
        for (d = 2; d * d <= candidate; d++)
            if (candidate % d == 0)
                break;
        if (d * d > candidate)
            return candidate;
    }
}

static int sum_ints(int count, ...)
{
    va_list args;
    va_start(args, count);
    int sum = 0;
    for (int i = 0; i < count; i++)
        sum += va_arg(args, int);
    va_end(args);
    return sum;
}

static double mixed(const char *types, ...)
{
    va_list args;
    va_start(args, types);
    double total = 0;
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': total += va_arg(args, int); break;
        case 'l': total += (double)va_arg(args, long long); break;
        case 'd': total += va_arg(args, double); break;
        case 's': total += (double)strlen(va_arg(args, const char *)); break;
        }
    }
    va_end(args);
    return total;
}

/* Our own logger forwarding its va_list to vsnprintf. */
static void log_line(const char *level, const char *format, ...)
{
    char message[128];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(message, sizeof message, format, args);
    va_end(args);
    printf("[%s] %s (%d)\n", level, message, n);
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int max(int a, int b) { return a > b ? a : b; }

int main(void)
{
    /* sum of 1..10, printing a running total, and 6! */
    static const int sum_program[] = {PUSH, 0, PUSH, 10, DUP, JZ, 19, DUP, PRINT, DROP, SWAP,
                                      OVER, ADD, SWAP, PUSH, 1, SUB, JMP, 4, DROP, HALT};
    static const int fact_program[] = {PUSH, 1, PUSH, 2, MUL, PUSH, 3, MUL, PUSH, 4, MUL,
                                       PUSH, 5, MUL, PUSH, 6, MUL, PUSH, 7, MOD, NEG, HALT};
    static const int bad_program[] = {PUSH, 1, PUSH, 0, DIV, HALT};
    printf("vm sum %ld\n", run(sum_program, (int)(sizeof sum_program / sizeof(int))));
    printf("vm fact %ld\n", run(fact_program, (int)(sizeof fact_program / sizeof(int))));
    printf("vm bad %ld\n", run(bad_program, (int)(sizeof bad_program / sizeof(int))));
    const char *text = "x_1 = (a+9)*[b%2];\t";
    for (const char *p = text; *p; p++)
        printf("%c:%s%s", *p == '\t' ? 'T' : *p, classify(*p), p[1] ? " " : "\n");
    int days = 0;
    for (int year = 1999; year <= 2001; year++)
        for (int month = 1; month <= 12; month++)
            days += days_in_month(month, year);
    printf("days 1999-2001: %d, Feb 2000 %d, Feb 1900 %d\n", days, days_in_month(2, 2000),
           days_in_month(2, 1900));
    printf("ackermann(2,3)=%u ackermann(3,3)=%u\n", ackermann(2, 3), ackermann(3, 3));
    printf("is_even(1000)=%d is_odd(777)=%d\n", is_even(1000), is_odd(777));
    long checksum = 0;
    printf("hanoi(12) %ld moves, checksum %ld\n", hanoi(12, 1, 3, 2, &checksum), checksum);
    printf("primes after 100, 1000, 7919: %d %d %d\n", next_prime(100), next_prime(1000),
           next_prime(7919));
    printf("sum_ints %d %d %d\n", sum_ints(0), sum_ints(3, 1, 2, 3), sum_ints(6, -1, 2, -3, 4, -5, 60));
    printf("mixed %.3f\n", mixed("idlsi", 7, 0.25, 10000000000LL, "four", -2));
    log_line("info", "%d items, %s, %.2f%%", 12, "ok", 99.5);
    log_line("warn", "%s", "a message long enough to be cut by the logger's fixed buffer of one hundred and twenty-eight bytes, yes");
    int (*ops[])(int, int) = {add, sub, mul, max};
    static const char *op_names[] = {"add", "sub", "mul", "max"};
    for (int i = 0; i < 4; i++) {
        int acc = 1;
        for (int j = 1; j <= 6; j++)
            acc = ops[i](acc, j * (i + 1));
        printf("fold %s = %d\n", op_names[i], acc);
    }
    return 0;
}
