#include "answers.h"

static void insert(PmObject *l, Pm_ssize_t i, PmObject *x)   /* steals x */
{
    Ans1_ListInsert(l, i, x);
    Pm_DECREF(x);
}

int main(void)
{
    long long v[] = {1000, 1002};
    PmObject *l = PmList_FromInts(2, v);
    insert(l, 1, PmInt_FromLong(1001));
    insert(l, -100, PmInt_FromLong(999));
    insert(l, 100, PmInt_FromLong(1003));
    insert(l, -1, PmStr_FromString("x"));
    PmObject_Print(l, stdout);
    printf("  capacity: %zd\n", ((PmListObject *)l)->allocated);
    Pm_DECREF(l);
    return 0;
}
