#include "pm.h"

static PmObject *rescued;
static void rescue(PmObject *self) { PmList_Append(rescued, self); }
static PmTypeObject A = { PmClass_INIT("A") };
static PmTypeObject R = { PmClass_INIT("R"), .tp_finalize = rescue };

static void show(const char *what) { printf("%-42s %zd\n", what, PmGC_Collect()); }

static void pair(PmObject *a, PmObject *b)      /* a.other = b; b.other = a; del a, b */
{
    PmInstance_SetAttr(a, "other", b);
    PmInstance_SetAttr(b, "other", a);
    Pm_DECREF(a);
    Pm_DECREF(b);
}
int main(void)
{
    PmObject *a = PmList_New(0), *b = PmList_New(0), *ref = PmStr_FromString("ref");
    PmList_Append(b, a); PmList_Append(a, b); Pm_DECREF(a); Pm_DECREF(b);
    show("two lists appended to each other");
    a = PmList_New(0); PmList_Append(a, a); Pm_DECREF(a);
    show("a list that contains itself");
    a = PmDict_New(); b = PmDict_New();
    PmDict_SetItem(a, ref, b); PmDict_SetItem(b, ref, a); Pm_DECREF(a); Pm_DECREF(b);
    show("two dicts referring to each other");
    pair(PmInstance_New(&A), PmInstance_New(&A));
    show("two instances referring to each other");
    a = PmInstance_New(&A); b = PmInstance_New(&A);
    PmInstance_SetAttr(a, "other", b); PmInstance_SetAttr(b, "other", a);
    Pm_DECREF(PmInstance_GetDict(a)); Pm_DECREF(PmInstance_GetDict(b));
    Pm_DECREF(a); Pm_DECREF(b);
    show("the same, after reading their __dict__");
    rescued = PmList_New(0);
    pair(PmInstance_New(&R), PmInstance_New(&R));
    show("two whose __del__ rescues them");
    Pm_DECREF(rescued);
    show("the same, once they are let go again");
    show("nothing");
    Pm_DECREF(ref);
    return 0;
}
