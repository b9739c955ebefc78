#include "answers.h"

static const char *tf(int b) { return b ? "True" : "False"; }

int main(void)
{
    long long v[] = {1000};
    PmObject *s = PmList_FromInts(1, v), *x = PmList_New(0);
    PmList_Append(x, s);
    PmList_Append(x, s);                               /* x = [s, s] */
    PmObject *naive = Ans11_NaiveDeepCopy(x), *deep = PmCopy_DeepCopy(x);
    printf("naive copy of [s, s]: y[0] is y[1]: %s\n",
           tf(PmList_GET_ITEM(naive, 0) == PmList_GET_ITEM(naive, 1)));
    printf("deep copy of [s, s]:  y[0] is y[1]: %s\n",
           tf(PmList_GET_ITEM(deep, 0) == PmList_GET_ITEM(deep, 1)));
    PmObject *a = PmList_New(0);
    PmList_Append(a, a);                               /* a = [a] */
    PmObject *b = Ans11_NaiveDeepCopy(a);
    printf("naive copy of a = [a]: %s\n", b ? "a copy" : "NULL (too deep)");
    PmList_SetItem(a, 0, Pm_NewRef(Pm_None));          /* break the cycle */
    Pm_XDECREF(b);
    Pm_DECREF(a); Pm_DECREF(naive); Pm_DECREF(deep); Pm_DECREF(x); Pm_DECREF(s);
    return 0;
}
