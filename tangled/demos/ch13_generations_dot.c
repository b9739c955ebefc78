#include "pm.h"

static void keep_lists(PmObject *keep, int n)   /* for i in range(n): keep.append([]) */
{
    for (int i = 0; i < n; i++) {
        PmObject *l = PmList_New(0);
        PmList_Append(keep, l);
        Pm_DECREF(l);
    }
}

static Pm_ssize_t size_of(int generation)      /* len(gc.get_objects(generation)) */
{
    PmObject *objects = PmGC_GetObjects(generation);
    Pm_ssize_t n = PmList_GET_SIZE(objects);
    Pm_DECREF(objects);
    return n;
}
int main(void)
{
    int count[PM_GC_NUM_GENERATIONS], threshold[PM_GC_NUM_GENERATIONS];
    PmGC_Collect();
    PmObject *setup = PmList_New(0), *work = PmList_New(0);
    keep_lists(setup, 1000);                    /* the program's setup, */
    PmGC_Freeze();                              /* put aside before the work */
    keep_lists(work, 100000);
    PmGC_Disable();
    PmGC_GetCount(count);
    PmGC_GetThreshold(threshold);
    printf("digraph generations {\n  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n"
           "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        printf("  g%d [label=\"generation %d\\n%zd objects\\ncount %d, threshold %d\\n"
               "%zd collections so far\"];\n", i, i, size_of(i), count[i], threshold[i],
               PmGC_GetGenerationStats(i).collections);
    printf("  permanent [label=\"permanent generation\\n%zd objects\\nnever collected\"];\n",
           PmGC_GetFreezeCount());
    printf("  new [shape=plaintext, label=\"new containers\"];\n  new -> g0;\n"
           "  g0 -> g1 [label=\" survivors\"];\n  g1 -> g2 [label=\" survivors\"];\n"
           "  g2 -> g2 [label=\" survivors\"];\n"
           "  freeze [shape=plaintext, label=\"gc.freeze():\\nevery generation\"];\n"
           "  freeze -> permanent;\n  { rank=same; new; freeze; }\n");
    printf("}\n");
    PmGC_Unfreeze();
    Pm_DECREF(setup); Pm_DECREF(work);
    return 0;
}
