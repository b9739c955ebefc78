#include "pm.h"

int main(void)
{
    PmMem_StatsStart();
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 100; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    Pm_DECREF(l);
    PmMem_StatsStop();
    printf("domain  mallocs  reallocs  frees\n");
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        PmMemStats s = PmMem_GetStats(d);
        printf("%-6s %8zu %9zu %6zu\n", PmMem_DomainName(d), s.mallocs, s.reallocs, s.frees);
    }
    return 0;
}
