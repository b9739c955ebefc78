#include "answers.h"

static void run(const char *rule, int n, int doubling)
{
    PmObject *l = PmList_New(0), *x = PmInt_FromLong(1000);
    PmMem_StatsStart();
    for (int i = 0; i < n; i++)
        if (doubling)
            Ans9_AppendDoubling(l, x);
        else
            PmList_Append(l, x);
    PmMem_StatsStop();
    printf("%-9s %4d appends: %2zu reallocations, capacity %4zd, %4zd unused\n", rule, n,
           PmMem_GetStats(PM_MEM_DOMAIN_MEM).reallocs, PmList_CAPACITY(l),
           PmList_CAPACITY(l) - Pm_SIZE(l));
    Pm_DECREF(l); Pm_DECREF(x);
}

int main(void)
{
    for (int n = 1000; n <= 1025; n += 25) {
        run("CPython's", n, 0);
        run("doubling", n, 1);
    }
    return 0;
}
