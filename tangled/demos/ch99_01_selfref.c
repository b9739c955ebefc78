#include "answers.h"

int main(void)
{
    long long v[] = {1000};
    PmObject *a = PmList_FromInts(1, v), *b = PmList_New(0);
    PmList_Append(a, a);                        /* a.append(a) */
    Ans1_Print(a, stdout);
    PmList_Append(b, a);                        /* b = [a, a] */
    PmList_Append(b, a);
    printf("\n");
    Ans1_Print(b, stdout);
    printf("\n");
    PmList_SetItem(a, 1, Pm_NewRef(Pm_None));   /* break the cycle */
    Pm_DECREF(b); Pm_DECREF(a);
    return 0;
}
