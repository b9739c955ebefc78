#include "pm.h"

static PmProcessMemory m0;
static Pm_ssize_t blocks0, tracked0;

static long mb10(size_t now, size_t then)    /* the growth, in steps of 10 MB */
{
    return ((long)now - (long)then + (5L << 20)) / (10L << 20) * 10;
}

static void step(const char *what)
{
    PmProcessMemory m = Pm_GetProcessMemory();
    Pm_ssize_t blocks = PmSys_GetAllocatedBlocks() - blocks0;
    printf("%-22s USS %+4ld MB  RSS %+4ld MB  blocks %+5zd thousand  tracked %+zd\n", what,
           mb10(m.uss, m0.uss), mb10(m.rss, m0.rss), (blocks + 500) / 1000,
           PmGC_TrackedCount() - tracked0);
}
int main(void)
{
    printf("%-22s USS, RSS, blocks and tracked containers, growth\n", "");
    m0 = Pm_GetProcessMemory();
    blocks0 = PmSys_GetAllocatedBlocks();
    tracked0 = PmGC_TrackedCount();
    PmObject *a = PmList_New(0);          /* [i for i in range(1000, 1001000)] */
    for (long i = 1000; i < 1001000; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(a, n);
        Pm_DECREF(n);
    }
    step("after a created");
    Pm_DECREF(a);                         /* del a */
    step("after del a");
    return 0;
}
