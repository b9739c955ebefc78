#include "answers.h"

static size_t mallocs_over_range(PmObject *(*make)(long long))
{
    PmMem_StatsStart();
    for (long long i = 0; i < 1025; i++)
        Pm_DECREF(make(i));
    PmMem_StatsStop();
    return PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs;
}

int main(void)
{
    printf("cache [-5, 256]:  %3zu allocations over range(1025)\n",
           mallocs_over_range(PmInt_FromLong));
    printf("cache [-5, 1024]: %3zu allocations over range(1025)\n",
           mallocs_over_range(Ans10_IntFromLong));
    printf("the wider cache holds %zu bytes\n", (size_t)(5 + 1025) * sizeof(PmIntObject));
    return 0;
}
