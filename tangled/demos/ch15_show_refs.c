#include "pm.h"

int main(void)
{
    long long v1[] = {1, 2, 3}, v2[] = {4, 5, 6};
    PmObject *a = PmList_FromInts(3, v1), *b = PmList_FromInts(3, v2);
    PmList_Append(a, b);                        /* a.append(b) */
    PmList_Append(b, a);                        /* b.append(a) */
    PmObjGraph_ShowRefs(stdout, &a, 1, NULL);   /* objgraph.show_refs([a]) */
    Pm_DECREF(a); Pm_DECREF(b);                 /* del a, b */
    PmGC_Collect();                             /* the cycle goes */
    return 0;
}
