#include <string.h>
#include "answers.h"

static void count_stop(const char *phase, PmGC_Info info, void *counts)
{
    if (strcmp(phase, "stop") == 0)
        ((int *)counts)[info.generation]++;
}
void Ans13_CountCollections(long lists, int threshold0, int counts[3])
{
    int t[3];
    PmGC_GetThreshold(t);
    PmGC_Collect();
    PmGC_SetThreshold(threshold0, t[1], t[2]);
    counts[0] = counts[1] = counts[2] = 0;
    PmGC_AddCallback(count_stop, counts);
    PmObject *x = PmList_New(0);
    for (long i = 0; i < lists; i++) {          /* x.append([i]) */
        PmObject *l = PmList_New(1);
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    PmGC_RemoveCallback(count_stop, counts);
    PmGC_SetThreshold(t[0], t[1], t[2]);
    Pm_DECREF(x);
}
