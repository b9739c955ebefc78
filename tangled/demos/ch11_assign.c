#include "pm.h"

int main(void)
{
    long long v[] = {1000, 2000};
    PmObject *a = PmList_FromInts(1, v), *inner = PmList_FromInts(1, v + 1);
    PmList_Append(a, inner);                         /* a = [1000, [2000]] */
    Pm_DECREF(inner);
    PmObject *b = Pm_NewRef(a);                      /* b = a              */
    PmObject *c = PmCopy_Copy(a);                    /* c = copy.copy(a)   */
    PmObject *x = PmInt_FromLong(3000);
    PmList_Append(a, x);                             /* a.append(3000)     */
    printf("b = a:           b is a: %s  b = ", Pm_Is(b, a) ? "True" : "False");
    PmObject_Print(b, stdout);
    printf("\nc = copy.copy(a): c is a: %s  c = ", Pm_Is(c, a) ? "True" : "False");
    PmObject_Print(c, stdout);
    printf("  c[1] is a[1]: %s\n",
           Pm_Is(PmList_GET_ITEM(c, 1), PmList_GET_ITEM(a, 1)) ? "True" : "False");
    Pm_DECREF(x); Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c);
    return 0;
}
