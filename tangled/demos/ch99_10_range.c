#include "pm.h"

int main(void)
{
    PmMem_StatsStart();
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 300; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    PmMem_StatsStop();
    printf("obj domain: %zu mallocs for the ints 0 to 299 and their list\n",
           PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs);
    Pm_DECREF(l);
    return 0;
}
