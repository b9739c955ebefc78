#include "pm.h"

int main(void)
{
    const int depth[] = {50, 51, 1000};
    for (int k = 0; k < 3; k++) {
        PmObject *x = PmList_New(0);
        for (int i = 1; i < depth[k]; i++) {           /* x = [x] */
            PmObject *outer = PmList_New(1);
            PmList_SET_ITEM(outer, 0, x);
            x = outer;
        }
        PmDeallocStats before = Pm_GetDeallocStats();
        Pm_DECREF(x);
        PmDeallocStats after = Pm_GetDeallocStats();
        printf("%4d lists: %2zd deferred, deepest nesting %d\n", depth[k],
               after.deferred - before.deferred, after.max_depth);
    }
    return 0;
}
