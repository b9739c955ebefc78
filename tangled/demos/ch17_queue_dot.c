#include "pm.h"

enum { N = 6 };
static PmObject *obj[N];
static const char *name[N] = {"x: 12 ints\\n13 units", "a -> b", "p1", "p2", "p3", "b -> a"};

static void draw_queue(int row, const char *title)   /* one row of the figure */
{
    PmObject *q = PmGC_GetObjects(2);
    char prev[16];
    snprintf(prev, sizeof prev, "t%d", row);
    printf("  { rank=same; t%d [shape=plaintext, label=\"%s\"];", row, title);
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(q); i++)
        for (int k = 0; k < N; k++)
            if (PmList_GET_ITEM(q, i) == obj[k]) {
                printf(" q%d_%d [label=\"%s\"]; %s -> q%d_%d [style=invis];",
                       row, k, name[k], prev, row, k);
                snprintf(prev, sizeof prev, "q%d_%d", row, k);
            }
    printf(" }\n");
    Pm_DECREF(q);
}
int main(void)
{
    PmGC_Disable();
    PmGC_Collect();
    obj[0] = PmList_New(0);
    for (long i = 0; i < 12; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(obj[0], n);
        Pm_DECREF(n);
    }
    for (int k = 1; k < N; k++) {
        PmGC_CollectGeneration(1);             /* obj[k - 1] to the end of the queue */
        obj[k] = PmList_New(0);
    }
    PmList_Append(obj[5], obj[1]);
    PmList_Append(obj[1], obj[5]);
    PmGC_CollectGeneration(1);
    printf("digraph queue {\n  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n");
    draw_queue(0, "before");
    Pm_DECREF(obj[1]);
    Pm_DECREF(obj[5]);
    PmGC_SetStepWork(8);
    PmGC_CollectIncrement();
    draw_queue(1, "after step 1");
    PmGC_CollectIncrement();
    draw_queue(2, "after step 2");
    printf("  t0 -> t1 -> t2 [style=invis];\n}\n");
    for (int k = 0; k < N; k++)
        if (k != 1 && k != 5)
            Pm_DECREF(obj[k]);
    PmGC_SetStepWork(PM_GC_STEP_WORK);
    PmGC_Enable();
    return 0;
}
