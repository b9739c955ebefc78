#include "pm.h"

int main(void)
{
    PmObject *a = PmList_New(0);
    for (int i = 0; i < 5; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(a, n);
        Pm_DECREF(n);
    }
    PmObject *c = PmCopy_Copy(a);
    printf("capacity of a: %zd, of PmCopy_Copy(a): %zd\n", PmList_CAPACITY(a),
           PmList_CAPACITY(c));
    Pm_DECREF(c); Pm_DECREF(a);
    return 0;
}
