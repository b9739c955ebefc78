#include "pm.h"

static PmTypeObject A = { PmClass_INIT("A") };

static void show(const char *what, PmObject *x)
{
    printf("%-36s %s\n", what, PmObject_GC_IsTracked(x) ? "True" : "False");
}

static PmObject *dict1(const char *key, PmObject *value)    /* {key: value} */
{
    PmObject *d = PmDict_New(), *k = PmStr_FromString(key);
    PmDict_SetItem(d, k, value);
    Pm_DECREF(k); Pm_DECREF(value);
    return d;
}
static void show_new(const char *what, PmObject *d) { show(what, d); Pm_DECREF(d); }

static PmObject *pair(long a, long b)           /* (a, b), made at run time */
{
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(a));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(b));
    return t;
}
int main(void)
{
    PmGC_Disable();
    show_new("{}", PmDict_New());
    show_new("{'a': 1}", dict1("a", PmInt_FromLong(1)));
    show_new("{'a': []}", dict1("a", PmList_New(0)));
    show_new("{'a': {}}", dict1("a", PmDict_New()));
    show_new("{'a': ()}", dict1("a", PmTuple_New(0)));
    PmObject *t = pair(1, 2), *one = PmInt_FromLong(1), *d = PmDict_New();
    PmDict_SetItem(d, one, t);
    show("{1: (n, 2)}, a new tuple", d);
    PmGC_CollectGeneration(0);
    show("  after gc.collect(0): the tuple", t); show("  and the dict", d);
    PmGC_Collect(); show("  after gc.collect()", d);
    Pm_DECREF(t); Pm_DECREF(one); Pm_DECREF(d);
    PmObject *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b"), *v = PmInt_FromLong(1);
    d = dict1("a", PmList_New(0));
    PmDict_SetItem(d, ka, v);
    show("d = {'a': []}; d['a'] = 1", d);
    show_new("  copy.copy(d)", PmCopy_Copy(d));
    PmGC_Collect(); show("  after gc.collect()", d);
    PmObject *l = PmList_New(0);
    PmDict_SetItem(d, kb, l); show("  d['b'] = []", d);
    Pm_DECREF(l); Pm_DECREF(d); Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(v);
    PmObject *a = PmInstance_New(&A), *x = PmInt_FromLong(1), *y = PmList_New(0);
    PmInstance_SetAttr(a, "x", x);
    d = PmInstance_GetDict(a); show("a.x = 1; a.__dict__", d);
    PmInstance_SetAttr(a, "y", y); show("  a.y = []", d);
    Pm_DECREF(d); Pm_DECREF(a);
    a = PmInstance_New(&A);
    PmInstance_SetAttr(a, "x", y);
    d = PmInstance_GetDict(a); show("a.x = []; a.__dict__", d);
    Pm_DECREF(d); Pm_DECREF(a); Pm_DECREF(x); Pm_DECREF(y);
    return 0;
}
