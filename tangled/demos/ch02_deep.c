#include "pm.h"

int main(void)
{
    PmObject *x = PmList_New(0);
    for (int i = 1; i < 1000000; i++) {          /* x = [x] */
        PmObject *outer = PmList_New(1);
        PmList_SET_ITEM(outer, 0, x);            /* steals our reference */
        x = outer;
    }
    PmDeallocStats before = Pm_GetDeallocStats();
    Pm_DECREF(x);                                /* del x */
    PmDeallocStats after = Pm_GetDeallocStats();
    printf("objects freed by one Pm_DECREF: %zd\n", after.deallocs - before.deallocs);
    printf("of which deferred:              %zd\n", after.deferred - before.deferred);
    printf("deepest tp_dealloc nesting:     %d\n", after.max_depth);
    return 0;
}
