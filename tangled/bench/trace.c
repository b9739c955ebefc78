/* bench/trace.c -- rows of two ints, tracing off or on (argv[1]) */
#define _POSIX_C_SOURCE 199309L        /* clock_gettime */
#include <string.h>
#include <time.h>
#include "pm.h"

enum { ROWS = 100000, REPS = 20 };

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
static void work(void)                 /* rows = [[i + 1000, i + 2000] for i ...] */
{
    PmObject *rows = PmList_New(0);
    for (long long i = 0; i < ROWS; i++) {
        PmObject *row = PmList_New(2);
        PmList_SET_ITEM(row, 0, PmInt_FromLong(i + 1000));
        PmList_SET_ITEM(row, 1, PmInt_FromLong(i + 2000));
        PmList_Append(rows, row);
        Pm_DECREF(row);
    }
    Pm_DECREF(rows);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "on") == 0)
        PmTraceMalloc_Start(1);
    work();                            /* warm-up: arenas, the trace table */
    double t0 = now_ns();
    for (int r = 0; r < REPS; r++)
        work();
    printf("result ns_per_row=%.2f\n", (now_ns() - t0) / ((double)REPS * ROWS));
    PmTraceMalloc_Stop();
    return 0;
}
