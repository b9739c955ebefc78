#include "pm.h"

static void row(const char *text, PmObject *op)
{
    printf("%-16s %4zd\n", text, PmObject_SizeOf(op));
    Pm_DECREF(op);
}

int main(void)
{
    long long v4[] = {1, 2, 3, 4};
    row("0", PmInt_FromLong(0));
    row("1", PmInt_FromLong(1));
    row("2**30", PmInt_FromLong(1LL << 30));
    row("''", PmStr_FromString(""));
    row("'a'", PmStr_FromString("a"));
    row("'qikepu'", PmStr_FromString("qikepu"));
    row("[]", PmList_New(0));
    row("[1, 2, 3, 4]", PmList_FromInts(4, v4));
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 4; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    row("list(range(4))", l);
    return 0;
}
