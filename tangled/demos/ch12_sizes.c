#include "pm.h"

static void row(const char *text, PmObject *op)
{
    printf("%-14s %4zd\n", text, PmObject_SizeOf(op));
    Pm_DECREF(op);
}

int main(void)
{
    long long v4[] = {1, 2, 3, 4};
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(2));
    row("[]", PmList_New(0));
    row("[1, 2, 3, 4]", PmList_FromInts(4, v4));
    row("()", PmTuple_New(0));
    row("(1, 2)", t);
    row("{}", PmDict_New());
    return 0;
}
