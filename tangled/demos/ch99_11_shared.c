#include "pm.h"

int main(void)
{
    long long v[] = {1000};
    PmObject *a = PmList_FromInts(1, v), *b = PmList_New(0), *x = PmInt_FromLong(2000);
    PmList_Append(b, a);
    PmList_Append(b, a);
    PmObject *c = PmCopy_DeepCopy(b);
    PmList_Append(PmList_GET_ITEM(c, 0), x);          /* c[0].append(2000) */
    printf("b: ");
    PmObject_Print(b, stdout);
    printf("  c: ");
    PmObject_Print(c, stdout);
    printf("  c[0] is c[1]: %s\n",
           PmList_GET_ITEM(c, 0) == PmList_GET_ITEM(c, 1) ? "True" : "False");
    Pm_DECREF(c); Pm_DECREF(b); Pm_DECREF(a); Pm_DECREF(x);
    return 0;
}
