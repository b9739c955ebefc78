#include "pm.h"

static size_t obj_calls(void)
{
    PmMemStats s = PmMem_GetStats(PM_MEM_DOMAIN_OBJ);
    return s.mallocs + s.frees;
}

static void churn(const char *what, int kind)
{
    PmMem_StatsStart();
    for (int i = 0; i < 1000000; i++) {
        PmObject *o = kind == 0 ? PmFloat_FromDouble(i * 0.5)
                    : kind == 1 ? PmTuple_New(2) : PmList_New(0);
        Pm_DECREF(o);
    }
    PmMem_StatsStop();
    printf("  %-24s %9zu allocator calls\n", what, obj_calls());
}
int main(void)
{
    for (int on = 1; on >= 0; on--) {
        Pm_ClearFreeLists();
        pm_freelists_enabled = on;
        printf("free lists %s:\n", on ? "on" : "off");
        churn("1,000,000 floats", 0);
        churn("1,000,000 tuples of 2", 1);
        churn("1,000,000 empty lists", 2);
    }
    return 0;
}
