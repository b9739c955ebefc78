#include "answers.h"

static size_t calls(void)
{
    PmMemStats s = PmMem_GetStats(PM_MEM_DOMAIN_OBJ);
    return s.mallocs + s.frees;
}

int main(void)
{
    PmMem_StatsStart();
    for (long long i = 0; i < 1000000; i++)
        Pm_DECREF(PmInt_FromLong(1000 + i));
    PmMem_StatsStop();
    printf("chapter 1's int:         %8zu allocator calls\n", calls());
    PmMem_StatsStart();
    for (long long i = 0; i < 1000000; i++)
        Pm_DECREF(Ans8_IntFromLong(1000 + i));
    PmMem_StatsStop();
    printf("an int with a free list: %8zu allocator calls\n", calls());
    return 0;
}
