#include "pm.h"

static const char *tf(int b) { return b ? "True " : "False"; }

static void row(const char *text, PmObject *x, PmObject *inner)
{
    PmObject *s = PmCopy_Copy(x), *d = PmCopy_DeepCopy(x);
    printf("%-15s copy is x: %s  deepcopy is x: %s", text, tf(s == x), tf(d == x));
    if (inner != NULL) {
        PmObject *si = PmList_Check(x) ? PmList_GET_ITEM(s, 1) : PmDict_GetItem(s, inner);
        PmObject *di = PmList_Check(x) ? PmList_GET_ITEM(d, 1) : PmDict_GetItem(d, inner);
        PmObject *xi = PmList_Check(x) ? PmList_GET_ITEM(x, 1) : PmDict_GetItem(x, inner);
        printf("  inner list shared: copy %s, deepcopy %s", si == xi ? "True" : "False",
               di == xi ? "True" : "False");
    }
    printf("\n");
    Pm_DECREF(s); Pm_DECREF(d); Pm_DECREF(x);
}
int main(void)
{
    long long v[] = {1000, 2000};
    PmObject *t = PmTuple_New(2), *l = PmList_FromInts(1, v), *d = PmDict_New();
    PmObject *in = PmList_FromInts(1, v + 1), *k = PmStr_FromString("k");
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1000));
    PmTuple_SET_ITEM(t, 1, PmStr_FromString("abc"));
    PmList_Append(l, in);                          /* [1000, [2000]] */
    Pm_DECREF(in);
    in = PmList_FromInts(1, v);
    PmDict_SetItem(d, k, in);                      /* {'k': [1000]} */
    Pm_DECREF(in);
    row("None", Pm_None, NULL);
    row("1000", PmInt_FromLong(1000), NULL);
    row("2.5", PmFloat_FromDouble(2.5), NULL);
    row("'abc'", PmStr_FromString("abc"), NULL);
    row("(1000, 'abc')", t, NULL);
    row("int", Pm_NewRef((PmObject *)&PmInt_Type), NULL);
    row("[1000, [2000]]", l, l);
    row("{'k': [1000]}", d, k);
    row("object()", PmObject_New(&PmBaseObject_Type), NULL);
    Pm_DECREF(k);
    return 0;
}
