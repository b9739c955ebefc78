#include "pm.h"

int main(void)
{
    Pm_ssize_t start = Pm_REFCNT(Pm_None);
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 1000000; i++)
        PmList_Append(l, Pm_None);      /* a million references to None */
    printf("None is immortal:          %s\n", Pm_IsImmortal(Pm_None) ? "yes" : "no");
    printf("count changed by 1000000 appends: %zd\n", Pm_REFCNT(Pm_None) - start);
    Pm_DECREF(l);
    printf("count changed after freeing them: %zd\n", Pm_REFCNT(Pm_None) - start);
    printf("None lives in the %s segment\n", Pm_AreaName(Pm_AreaOf(Pm_None)));
    return 0;
}
