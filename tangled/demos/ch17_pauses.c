#include <string.h>
#include "pm.h"

static struct { int collections[3]; Pm_ssize_t young, examined, largest; } arm;

static void on_collection(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "start") == 0) {
        arm.young = 0;
        for (int g = 0; g <= info.generation; g++)     /* what it merges */
            arm.young += PmGC_GenerationSize(g);
        return;
    }
    Pm_ssize_t n = arm.young;
    if (PmGC_GetBoundedPauses() && info.generation == 1)
        n += PmGC_GetStepStats().objects;         /* the step's increment */
    arm.collections[info.generation]++;
    arm.examined += n;
    arm.largest = n > arm.largest ? n : arm.largest;
}
static void ten_million_lists(int bounded)
{
    memset(&arm, 0, sizeof arm);
    PmGC_Collect();
    PmGC_SetBoundedPauses(bounded);
    PmGC_AddCallback(on_collection, NULL);
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 10000000; i++) {
        PmObject *l = PmList_New(1);                /* x.append([i]) */
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    PmGC_RemoveCallback(on_collection, NULL);
    PmGC_SetBoundedPauses(0);
    printf("%-13s %7d %7d %7d %14zd %12zd\n", bounded ? "bounded" : "generational",
           arm.collections[0], arm.collections[1], arm.collections[2], arm.examined,
           arm.largest);
    Pm_DECREF(x);
}
int main(void)
{
    printf("ten million lists kept: collections of each generation, containers examined\n");
    printf("%-13s %7s %7s %7s %14s %12s\n", "mode", "gen 0", "gen 1", "gen 2",
           "in all", "at most");
    ten_million_lists(0);
    ten_million_lists(1);
    PmGC_StepStats s = PmGC_GetStepStats();
    printf("steps: %zd; work of the largest (objects and references): %zd of %zd\n",
           s.steps, s.largest, PmGC_GetStepWork());
    return 0;
}
