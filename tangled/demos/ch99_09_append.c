#include "pm.h"

int main(void)
{
    PmObject *zero = PmInt_FromLong(0), *one = PmList_New(0);
    PmList_Append(one, zero);
    PmObject *l = PmList_Repeat(one, 10);
    printf("[0] * 10:        capacity %zd\n", PmList_CAPACITY(l));
    PmList_Append(l, zero);
    printf("after an append: capacity %zd\n", PmList_CAPACITY(l));
    Pm_DECREF(l); Pm_DECREF(one); Pm_DECREF(zero);
    return 0;
}
