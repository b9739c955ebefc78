#include "pm.h"

int main(void)
{
    PmObject *l = PmList_New(0), *zero = PmInt_FromLong(0);
    Pm_ssize_t seen = 0;
    printf("append: 0");
    for (int i = 0; i < 200; i++) {
        PmList_Append(l, zero);
        if (PmList_CAPACITY(l) != seen)
            printf(", %zd", seen = PmList_CAPACITY(l));
    }
    Pm_DECREF(l);
    PmObject *one = PmList_New(0);
    PmList_Append(one, zero);
    PmObject *ten = PmList_Repeat(one, 10);
    printf("\n[0] * 10: %zd\n", PmList_CAPACITY(ten));
    Pm_DECREF(one);
    Pm_DECREF(ten);
    l = PmList_New(17);
    for (int i = 0; i < 17; i++)
        PmList_SET_ITEM(l, i, PmInt_FromLong(i));
    printf("list(range(17)) popped to 2: %zd", PmList_CAPACITY(l));
    for (Pm_ssize_t cap = PmList_CAPACITY(l); Pm_SIZE(l) > 2; ) {
        Pm_DECREF(PmList_Pop(l));
        if (PmList_CAPACITY(l) != cap)
            printf(" -> %zd", cap = PmList_CAPACITY(l));
    }
    printf("\n");
    Pm_DECREF(l);
    Pm_DECREF(zero);
    return 0;
}
