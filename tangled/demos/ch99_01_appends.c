#include "pm.h"

int main(void)
{
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 5; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(l, n);
        Pm_DECREF(n);
        printf("after %d appends: PmObject_SizeOf %zd, capacity %zd\n", i + 1,
               PmObject_SizeOf(l), ((PmListObject *)l)->allocated);
    }
    Pm_DECREF(l);
    return 0;
}
