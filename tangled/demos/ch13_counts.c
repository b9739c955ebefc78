#include "pm.h"

static PmTypeObject C = { PmClass_INIT("C") };

static int count(void)
{
    int c[PM_GC_NUM_GENERATIONS];
    PmGC_GetCount(c);
    return c[0];
}

static void show(const char *what, int before) { printf("%-30s %+d\n", what, count() - before); }

static void show_counts(const char *what)
{
    int c[PM_GC_NUM_GENERATIONS];
    PmGC_GetCount(c);
    printf("%-30s (%d, %d, %d)\n", what, c[0], c[1], c[2]);
}
int main(void)
{
    int t[PM_GC_NUM_GENERATIONS], before;
    PmGC_Disable();
    PmGC_GetThreshold(t);
    printf("%-30s (%d, %d, %d)\n", "gc.get_threshold()", t[0], t[1], t[2]);
    PmGC_Collect();
    show_counts("after gc.collect()");
    before = count();
    PmObject *a = PmInstance_New(&C), *b = PmInstance_New(&C), *c = PmInstance_New(&C);
    show("three instances made", before);
    before = count(); Pm_DECREF(a);
    show("one of them freed", before);
    before = count();
    PmObject *x = PmInt_FromLong(1000000), *y = PmInt_FromLong(1000001), *z = PmFloat_FromDouble(2500002.5);
    show("an int, another, a float", before);
    before = count(); PmObject *l = PmList_New(0);
    show("a list made", before);
    before = count(); Pm_DECREF(l);
    show("dropped (kept on a free list)", before);
    before = count(); l = PmList_New(0);
    show("made again (from the free list)", before);
    Pm_DECREF(l);
    PmGC_CollectGeneration(0); show_counts("after gc.collect(0)");
    PmGC_CollectGeneration(1); show_counts("after gc.collect(1)");
    PmGC_Collect(); show_counts("after gc.collect()");
    Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(x); Pm_DECREF(y); Pm_DECREF(z);
    return 0;
}
