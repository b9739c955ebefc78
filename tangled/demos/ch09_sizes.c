#include "pm.h"

static void row(const char *text, PmObject *op)
{
    printf("%-14s %4zd\n", text, PmObject_SizeOf(op));
    Pm_DECREF(op);
}

static PmObject *dict1(PmObject *k)
{
    PmObject *d = PmDict_New(), *one = PmInt_FromLong(1);
    PmDict_SetItem(d, k, one);
    Pm_DECREF(k);
    Pm_DECREF(one);
    return d;
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
    row("{'a': 1}", dict1(PmStr_FromString("a")));
    row("{1: 1}", dict1(PmInt_FromLong(1)));
    row("1.0", PmFloat_FromDouble(1.0));
    row("1", PmInt_FromLong(1));
    row("''", PmStr_FromString(""));
    row("object()", PmObject_New(&PmBaseObject_Type));
    row("None", Pm_None);
    return 0;
}
