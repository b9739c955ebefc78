/* bench/gc.c -- full collections over a million objects, and the pauses of
 * the ten-million-list program. Prints "result ..." lines. */
#define _POSIX_C_SOURCE 199309L        /* clock_gettime */
#include <string.h>
#include <time.h>
#include "pm.h"

enum { N = 1000000, RUNS = 5 };

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
static PmObject *live(int items)               /* [[] ...] or [[i] ...], N of them */
{
    PmObject *x = PmList_New(N);
    for (long i = 0; i < N; i++) {
        PmObject *l = PmList_New(items);
        if (items)
            PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_SET_ITEM(x, i, l);
    }
    return x;
}

static void garbage_pairs(void)                /* a = []; b = [a]; a.append(b) */
{
    for (long i = 0; i < N / 2; i++) {
        PmObject *a = PmList_New(0), *b = PmList_New(0);
        PmList_Append(b, a); PmList_Append(a, b);
        Pm_DECREF(a); Pm_DECREF(b);
    }
}
static void full_collections(const char *shape)
{
    double ns[RUNS];
    PmObject *x = NULL;
    PmGC_Disable();
    if (strcmp(shape, "cycles") != 0)
        x = live(strcmp(shape, "one") == 0);
    for (int r = 0; r < RUNS; r++) {
        if (x == NULL)
            garbage_pairs();
        double t0 = now_ns();
        Pm_ssize_t found = PmGC_Collect();
        ns[r] = (now_ns() - t0) / N;
        if (x == NULL && found != N)
            Pm_FatalError("bench/gc.c", "found %zd, not %d", found, N);
    }
    qsort(ns, RUNS, sizeof ns[0], by_value);
    printf("result %s ns_per_obj=%.2f\n", shape, ns[RUNS / 2]);
    Pm_XDECREF(x);
}
enum { MAX_PAUSES = 20000 };
static struct { double start; int generation; double length; } pauses[MAX_PAUSES];
static int npauses, collections[3];
static double t_start, t_begin;

static void pause_cb(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    double t = now_ns();
    if (strcmp(phase, "start") == 0)
        t_begin = t;
    else if (npauses < MAX_PAUSES) {
        collections[info.generation]++;
        pauses[npauses].start = t_begin - t_start;
        pauses[npauses].generation = info.generation;
        pauses[npauses++].length = t - t_begin;
    }
}
static void ten_million_lists(const char *arm)
{
    if (strcmp(arm, "build-2000") == 0)
        PmGC_SetThreshold(2000, 10, 10);
    else if (strcmp(arm, "build-off") == 0)
        PmGC_Disable();
    PmGC_Collect();
    PmGC_AddCallback(pause_cb, NULL);
    t_start = now_ns();
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 10 * N; i++) {
        PmObject *l = PmList_New(1);
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    double elapsed = now_ns() - t_start, total = 0, longest = 0;
    PmGC_RemoveCallback(pause_cb, NULL);
    for (int i = 0; i < npauses; i++) {
        printf("pause %.3f %d %.3f\n", pauses[i].start / 1e6, pauses[i].generation,
               pauses[i].length / 1e6);
        total += pauses[i].length;
        longest = pauses[i].length > longest ? pauses[i].length : longest;
    }
    printf("result %s total_ms=%.1f collector_ms=%.1f max_pause_ms=%.2f collections=%d/%d/%d\n",
           arm, elapsed / 1e6, total / 1e6, longest / 1e6,
           collections[0], collections[1], collections[2]);
    Pm_DECREF(x);
}
static void frozen(void)
{
    PmGC_Disable();
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 10 * N; i++) {
        PmObject *l = PmList_New(1);
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    double t0 = now_ns();
    PmGC_Collect();
    double t1 = now_ns();
    PmGC_Freeze();
    double t2 = now_ns();
    PmGC_Collect();
    double t3 = now_ns();
    printf("result freeze collect_ms=%.1f frozen_collect_ms=%.3f\n", (t1 - t0) / 1e6, (t3 - t2) / 1e6);
    PmGC_Unfreeze();
    Pm_DECREF(x);
}
int main(int argc, char **argv)
{
    const char *shape = argc > 1 ? argv[1] : "empty";
    if (strncmp(shape, "build", 5) == 0)
        ten_million_lists(shape);
    else if (strcmp(shape, "freeze") == 0)
        frozen();
    else
        full_collections(shape);
    return 0;
}
