#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "pm.h"

enum { N = 100000 };                       /* 4.8 MB: five arenas of 48-byte blocks */
static uintptr_t mine[N];
static int by_address(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static void *b[N];
    int per_pool[64] = {0}, n = 0;
    for (int i = 0; i < N; i++) b[i] = PmObject_Malloc(48);
    uintptr_t arena = (uintptr_t)Pm_SegmentDescriptor(b[N / 2]) & ~(uintptr_t)0xFFFFF;
    for (int i = 0; i < N; i++) {
        uintptr_t d = (uintptr_t)Pm_SegmentDescriptor(b[i]);
        if ((d & ~(uintptr_t)0xFFFFF) != arena) continue;
        per_pool[(d - arena) / 64]++;
        mine[n++] = (uintptr_t)b[i];
    }
    qsort(mine, (size_t)n, sizeof mine[0], by_address);
    uintptr_t d2000 = (uintptr_t)Pm_SegmentDescriptor((void *)mine[1999]) - arena;
    printf("pool 0 holds %d blocks of 48 bytes, pool 1 holds %d\n", per_pool[0], per_pool[1]);
    printf("the 2,000th block's descriptor is %lu bytes into the arena (pool %lu)\n",
           (unsigned long)d2000, (unsigned long)(d2000 / 64));
    for (int i = 0; i < N; i++) PmObject_Free(b[i]);
    return 0;
}
