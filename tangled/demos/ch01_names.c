#include "pm.h"

static void show(const char *step, PmObject *a, PmObject *b)
{
    printf("%s: a = ", step);
    PmObject_Print(a, stdout);
    printf("  b = ");
    PmObject_Print(b, stdout);
    printf("  a is b: %s  (count of b's object: %zd)\n",
           Pm_Is(a, b) ? "True" : "False", Pm_REFCNT(b));
}

int main(void)
{
    long long one23[] = {1, 2, 3}, four56[] = {4, 5, 6};
    PmObject *a = PmList_FromInts(3, one23);      /* a = [1, 2, 3] */
    PmObject *b = a;                              /* b = a          */
    Pm_INCREF(b);
    Pm_DECREF(a);                                 /* a = [4, 5, 6]  */
    a = PmList_FromInts(3, four56);
    show("rebind", a, b);
    Pm_DECREF(a);
    Pm_DECREF(b);
    a = PmList_FromInts(3, one23);                /* a = [1, 2, 3] */
    b = a;                                        /* b = a          */
    Pm_INCREF(b);
    for (int i = 0; i < 3; i++)                   /* a[i] = 4, 5, 6 */
        PmList_SetItem(a, i, PmInt_FromLong(four56[i]));
    show("mutate", a, b);
    Pm_DECREF(a);
    Pm_DECREF(b);
    return 0;
}
