/* bench/pauses.c -- chapter 13's ten million lists, the collector in its
 * generational mode or (argument "bounded") in chapter 17's. Prints one
 * "result" line: the program's time, the collector's, the longest pause. */
#define _POSIX_C_SOURCE 199309L        /* clock_gettime */
#include <string.h>
#include <time.h>
#include "pm.h"

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
static double t_begin, collector, longest;
static int collections[3];

static void on_collection(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    double t = now_ns();
    if (strcmp(phase, "start") == 0) {
        t_begin = t;
        return;
    }
    collector += t - t_begin;
    longest = t - t_begin > longest ? t - t_begin : longest;
    collections[info.generation]++;
}
int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "generational";
    PmGC_Collect();
    PmGC_SetBoundedPauses(strcmp(mode, "bounded") == 0);
    PmGC_AddCallback(on_collection, NULL);
    double t0 = now_ns();
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 10000000; i++) {
        PmObject *l = PmList_New(1);                /* x.append([i]) */
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    double total = now_ns() - t0;
    PmGC_RemoveCallback(on_collection, NULL);
    printf("result %s total_ms=%.1f collector_ms=%.1f max_pause_ms=%.2f collections=%d/%d/%d\n",
           mode, total / 1e6, collector / 1e6, longest / 1e6,
           collections[0], collections[1], collections[2]);
    Pm_DECREF(x);
    return 0;
}
