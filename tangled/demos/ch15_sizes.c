#include "pm.h"

static PmTypeObject A = { PmClass_INIT("A") };   /* class A: pass */

static void row(const char *text, PmObject *op)
{
    printf("%-14s %4zd  %s\n", text, PmObject_SizeOf(op),
           PmObject_IS_GC(op) ? "header" : "-");
    Pm_DECREF(op);
}
int main(void)
{
    long long v4[] = {1, 2, 3, 4};
    PmObject *t = PmTuple_New(2), *d = PmDict_New(), *k = PmStr_FromString("a");
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(2));
    PmDict_SetItem(d, k, PmTuple_GET_ITEM(t, 0));
    Pm_DECREF(k);
    row("1000", PmInt_FromLong(1000));
    row("1.0", PmFloat_FromDouble(1.0));
    row("''", PmStr_FromString(""));
    row("'qikepu'", PmStr_FromString("qikepu"));
    row("None", Pm_NewRef(Pm_None));
    row("[]", PmList_New(0));
    row("[1, 2, 3, 4]", PmList_FromInts(4, v4));
    row("()", PmTuple_New(0));
    row("(1, 2)", t);
    row("{}", PmDict_New());
    row("{'a': 1}", d);
    row("A()", PmInstance_New(&A));
    return 0;
}
