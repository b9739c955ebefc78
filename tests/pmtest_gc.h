/* tests/pmtest_gc.h: a gc callback that counts the collections of each
 * generation as they stop, shared by the tests of chapters 13 and 17. */
#ifndef PMTEST_GC_H
#define PMTEST_GC_H

#include <string.h>

static int stops[3];                   /* collections finished, per generation */
static void count_stops(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "stop") == 0)
        stops[info.generation]++;
}

#endif
