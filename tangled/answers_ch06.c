#include "answers.h"
static uint64_t random_state = 6;      /* the start: the same for every allocator */

static uint64_t next_random(void)      /* splitmix64 */
{
    uint64_t z = (random_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint32_t random_below(uint32_t n) { return (uint32_t)(next_random() % n); }

void Ans6_FirstSizes(int n, unsigned *sizes)
{
    random_state = 6;                          /* the benchmark's starting state */
    for (int i = 0; i < n; i++)
        sizes[i] = 16 + random_below(497);
}
static int by_value(const void *x, const void *y)
{
    double u = *(const double *)x, v = *(const double *)y;
    return (u > v) - (u < v);
}

/* The median of a[i] / b[i]; returns the rounds in which a was faster. */
int Ans6_CompareRounds(const double *a, const double *b, int rounds, double *median_ratio)
{
    double *r = PmMem_RawMalloc((size_t)rounds * sizeof *r);
    int won = 0;
    if (r == NULL)
        Pm_FatalError("Ans6_CompareRounds", "out of memory for %d rounds", rounds);
    for (int i = 0; i < rounds; i++) {
        r[i] = a[i] / b[i];
        won += a[i] < b[i];
    }
    qsort(r, (size_t)rounds, sizeof *r, by_value);
    *median_ratio = rounds % 2 ? r[rounds / 2] : (r[rounds / 2 - 1] + r[rounds / 2]) / 2;
    PmMem_RawFree(r);
    return won;
}
