#include "pm.h"

static void half(const char *what)
{
    PmObject *f[150];
    Pm_ssize_t before = (Pm_ssize_t)_PmFloat_NumFree();
    PmMem_StatsStart();
    for (int i = 0; i < 150; i++)
        f[i] = PmFloat_FromDouble(i + 0.5);
    for (int i = 0; i < 150; i++)
        Pm_DECREF(f[i]);
    PmMem_StatsStop();
    PmMemStats s = PmMem_GetStats(PM_MEM_DOMAIN_OBJ);
    printf("%s: %3zu mallocs, %2zu frees; floats on the free list: %zd, then %d\n",
           what, s.mallocs, s.frees, before, _PmFloat_NumFree());
}

int main(void)
{
    Pm_ClearFreeLists();
    half("first 150 ");
    half("second 150");
    return 0;
}
