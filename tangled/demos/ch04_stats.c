#include "pm.h"

int main(void)
{
    PmObject *keep = PmList_New(0);
    for (int i = 0; i < 10000; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(keep, n);
        Pm_DECREF(n);
    }
    for (int i = 0; i < 1000; i++) {
        long long v[5] = {1, 2, 3, 4, 5};
        PmObject *l = PmList_FromInts(5, v);
        PmList_Append(keep, l);
        Pm_DECREF(l);
    }
    Pm_DebugMallocStats(stdout);
    Pm_DECREF(keep);
    return 0;
}
