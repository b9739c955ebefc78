#include "pm.h"

static void report(const char *what)
{
    PmCopyStats st = PmCopy_GetStats();
    printf("%-16s nodes %zd, memoised %zd, most frames %zd\n", what, st.nodes, st.memoised,
           st.peak_frames);
}

int main(void)
{
    PmObject *table = PmList_New(100);
    for (long long i = 0; i < 100; i++) {
        PmObject *row = PmList_New(10);
        for (long long j = 0; j < 10; j++)
            PmList_SET_ITEM(row, j, PmInt_FromLong(1000 + 10 * i + j));
        PmList_SET_ITEM(table, i, row);
    }
    Pm_DECREF(PmCopy_DeepCopy(table));
    report("private memo:");
    PmCopyMemo *memo = PmCopyMemo_New();
    Pm_DECREF(PmCopy_DeepCopyMemo(table, memo));
    report("a caller's memo:");
    PmCopyMemo_Free(memo);
    Pm_DECREF(table);
    return 0;
}
