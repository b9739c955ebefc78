/* bench/copy.c -- PmCopy_DeepCopy of a list of 100,000 lists of 10 ints */
#define _POSIX_C_SOURCE 199309L        /* clock_gettime */
#include <time.h>
#include "pm.h"

enum { LISTS = 100000, INTS = 10, RUNS = 7 };

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static PmObject *table(void)                   /* [[1000 + 10*i + j for j] for i] */
{
    PmObject *x = PmList_New(LISTS);
    for (long long i = 0; i < LISTS; i++) {
        PmObject *row = PmList_New(INTS);
        for (long long j = 0; j < INTS; j++)
            PmList_SET_ITEM(row, j, PmInt_FromLong(1000 + 10 * i + j));
        PmList_SET_ITEM(x, i, row);
    }
    return x;
}
static PmObject *deep_copy_with(PmObject *x, int caller_memo)
{
    if (!caller_memo)
        return PmCopy_DeepCopy(x);
    PmCopyMemo *memo = PmCopyMemo_New();       /* remembers every list */
    PmObject *y = PmCopy_DeepCopyMemo(x, memo);
    PmCopyMemo_Free(memo);
    return y;
}

static void measure(const char *name, PmObject *x, int caller_memo)
{
    double ns[RUNS];
    Pm_DECREF(deep_copy_with(x, caller_memo));  /* warm-up */
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ns();
        PmObject *y = deep_copy_with(x, caller_memo);
        ns[r] = (now_ns() - t0) / (double)PmCopy_GetStats().nodes;
        Pm_DECREF(y);
    }
    printf("result %s nodes=%zd memoised=%zd runs=", name, PmCopy_GetStats().nodes,
           PmCopy_GetStats().memoised);
    for (int r = 0; r < RUNS; r++)
        printf("%s%.2f", r ? "," : "", ns[r]);
    qsort(ns, RUNS, sizeof ns[0], by_value);
    printf(" ns_per_node=%.2f\n", ns[RUNS / 2]);
}
int main(void)
{
    PmObject *x = table();
    measure("ours", x, 0);
    measure("ours_memo_all", x, 1);
    Pm_DECREF(x);
    return 0;
}
