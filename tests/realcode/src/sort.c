/* sort.c: qsort and bsearch with several comparators over generated data, checked against an insertion sort. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 2463534242u;

/* xorshift32: the same numbers on every engine. */
static uint32_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int compare_int_descending(const void *a, const void *b)
{
    return compare_int(b, a);
}

static int compare_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct person {
    char name[12];
    int age;
    double score;
    int order; /* position before sorting, to make the order total */
} person;

/* By age, then score descending, then name, then original order. */
static int compare_person(const void *a, const void *b)
{
    const person *p = a, *q = b;
    if (p->age != q->age)
        return p->age < q->age ? -1 : 1;
    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;
    int c = strcmp(p->name, q->name);
    if (c)
        return c;
    return p->order - q->order;
}

static void insertion_sort(int *a, size_t n, int (*compare)(const void *, const void *))
{
    for (size_t i = 1; i < n; i++) {
        int key = a[i];
        size_t j = i;
        while (j > 0 && compare(&a[j - 1], &key) > 0) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = key;
    }
}

static uint32_t checksum(const int *a, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)a[i]) * 16777619u;
    return h;
}

static void sort_numbers(size_t n, int modulus)
{
    int *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    for (size_t i = 0; i < n; i++)
        a[i] = b[i] = (int)(next_random() % (uint32_t)modulus) - modulus / 2;
    qsort(a, n, sizeof *a, compare_int);
    insertion_sort(b, n, compare_int);
    printf("n=%zu mod=%d same=%d first=%d last=%d median=%d hash=%08x\n", n, modulus,
           memcmp(a, b, n * sizeof *a) == 0, a[0], a[n - 1], a[n / 2], (unsigned)checksum(a, n));
    int probes[] = {0, a[n / 3], modulus, -modulus};
    for (int i = 0; i < 4; i++) {
        int *hit = bsearch(&probes[i], a, n, sizeof *a, compare_int);
        printf("  bsearch %d: %s\n", probes[i], hit ? "found" : "absent");
    }
    qsort(a, n, sizeof *a, compare_int_descending);
    printf("  descending first=%d last=%d\n", a[0], a[n - 1]);
    free(a);
    free(b);
}

static void sort_words(void)
{
    const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date",
                           "apple", "grape", "elderberry", "Zebra", "", "lime", "fi"};
    size_t n = sizeof words / sizeof words[0];
    qsort(words, n, sizeof words[0], compare_string);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? " " : "words: ", words[i][0] ? words[i] : "''");
    printf("\n");
}

static void sort_people(void)
{
    static const char *names[] = {"ada", "bob", "cy", "dee", "eve", "fay", "gus"};
    person people[40];
    for (int i = 0; i < 40; i++) {
        snprintf(people[i].name, sizeof people[i].name, "%s%u", names[next_random() % 7],
                 (unsigned)(next_random() % 3));
        people[i].age = 20 + (int)(next_random() % 5);
        people[i].score = (double)(next_random() % 8) / 4.0;
        people[i].order = i;
    }
    qsort(people, 40, sizeof people[0], compare_person);
    for (int i = 0; i < 40; i += 4)
        printf("person %-6s age %d score %.2f was %d\n", people[i].name, people[i].age,
               people[i].score, people[i].order);
}

int main(void)
{
    sort_numbers(1, 10);
    sort_numbers(7, 5);
    sort_numbers(100, 1000);
    sort_numbers(1000, 50);
    sort_numbers(3000, 1 << 30);
    sort_words();
    sort_people();
    return 0;
}
