#include "pm.h"

static PmObject *nested(int depth, int with_int)   /* [x] or [x, 1000] */
{
    PmObject *x = PmList_New(0), *k = PmInt_FromLong(1000);
    for (int i = 0; i < depth; i++) {
        PmObject *l = PmList_New(0);
        PmList_Append(l, x);
        if (with_int)
            PmList_Append(l, k);
        Pm_DECREF(x);
        x = l;
    }
    Pm_DECREF(k);
    return x;
}
static void copy_and_check(const char *shape, int with_int)
{
    PmObject *x = nested(1000000, with_int), *y = PmCopy_DeepCopy(x);
    PmCopyStats st = PmCopy_GetStats();
    long depth = 0, distinct = 1;
    for (PmObject *p = x, *q = y; Pm_SIZE(p) > 0; depth++) {
        distinct &= p != q && Pm_SIZE(p) == Pm_SIZE(q);
        p = PmList_GET_ITEM(p, 0);
        q = PmList_GET_ITEM(q, 0);
    }
    printf("%-10s depth %ld copied; a new list at every level: %s\n"
           "%-10s nodes visited: %zd; most frames on the work stack: %zd\n", shape, depth,
           distinct ? "True" : "False", "", st.nodes, st.peak_frames);
    Pm_DECREF(x);
    Pm_DECREF(y);
}

int main(void)
{
    copy_and_check("[x]", 0);
    copy_and_check("[x, 1000]", 1);
    return 0;
}
