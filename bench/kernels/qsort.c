/* qsort.c: a hand-written quicksort of int32 (median of three, Hoare partition, recursion, swaps) on varied inputs. */
/* bench n: 100 */
#include "kernel.h"

#define QSORT_SIZE 65536
#define QSORT_SMALL 12 /* ranges this short go to insertion sort */

static int32_t qsort_values[QSORT_SIZE];

static inline void qsort_swap(int32_t *values, int32_t i, int32_t j)
{
    int32_t t = values[i];
    values[i] = values[j];
    values[j] = t;
}

/* Sorts values[low..high] (inclusive) by insertion: the base case. */
static void qsort_insertion(int32_t *values, int32_t low, int32_t high)
{
    for (int32_t i = low + 1; i <= high; i++) {
        int32_t value = values[i];
        int32_t j = i - 1;
        while (j >= low && values[j] > value) {
            values[j + 1] = values[j];
            j--;
        }
        values[j + 1] = value;
    }
}

/* Hoare's partition of values[low..high] around the median of the first,
 * middle and last values; returns p with every value in [low, p] <= every
 * value in [p + 1, high]. */
static int32_t qsort_partition(int32_t *values, int32_t low, int32_t high)
{
    int32_t middle = low + (high - low) / 2;
    if (values[middle] < values[low])
        qsort_swap(values, middle, low);
    if (values[high] < values[low])
        qsort_swap(values, high, low);
    if (values[high] < values[middle])
        qsort_swap(values, high, middle);
    int32_t pivot = values[middle];
    int32_t i = low - 1, j = high + 1;
    for (;;) {
        do
            i++;
        while (values[i] < pivot);
        do
            j--;
        while (values[j] > pivot);
        if (i >= j)
            return j;
        qsort_swap(values, i, j);
    }
}

/* Recursion on both sides, as the textbook writes it. */
static void qsort_sort(int32_t *values, int32_t low, int32_t high)
{
    if (high - low < QSORT_SMALL) {
        qsort_insertion(values, low, high);
        return;
    }
    int32_t p = qsort_partition(values, low, high);
    qsort_sort(values, low, p);
    qsort_sort(values, p + 1, high);
}

/* Fills the array in one of four shapes: random, random with many
 * duplicates, sorted with a few swaps, and organ pipe. */
static void qsort_fill(int32_t *values, uint32_t shape, uint32_t *state)
{
    for (int32_t i = 0; i < QSORT_SIZE; i++) {
        uint32_t x = *state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *state = x;
        switch (shape & 3) {
        case 0: values[i] = (int32_t)x; break;
        case 1: values[i] = (int32_t)(x % 1000) - 500; break;
        case 2: values[i] = i * 3; break;
        default: values[i] = i < QSORT_SIZE / 2 ? i : QSORT_SIZE - i; break;
        }
    }
    if ((shape & 3) == 2)
        for (int32_t k = 0; k < QSORT_SIZE / 64; k++)
            qsort_swap(values, (int32_t)(*state = *state * 1103515245u + 12345u) & (QSORT_SIZE - 1),
                       (int32_t)(*state >> 16) & (QSORT_SIZE - 1));
}

int64_t run(int64_t n)
{
    uint32_t state = 2463534242u;
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        qsort_fill(qsort_values, (uint32_t)round, &state);
        qsort_sort(qsort_values, 0, QSORT_SIZE - 1);
        /* Sortedness and a sample of the values; a wrong sort shows. */
        uint64_t disorder = 0;
        for (int32_t i = 1; i < QSORT_SIZE; i++)
            disorder += qsort_values[i - 1] > qsort_values[i];
        sum = checksum_mix(sum, disorder);
        for (int32_t i = 0; i < QSORT_SIZE; i += 509)
            sum = checksum_mix(sum, (uint32_t)qsort_values[i]);
    }
    return (int64_t)sum;
}
