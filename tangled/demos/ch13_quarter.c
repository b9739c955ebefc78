#include <string.h>
#include "pm.h"

static int seen[3], full;

static void cb(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "start") == 0 && !full) {
        seen[info.generation]++;
        full = info.generation == 2;
    }
}

static void append_new_list(PmObject *keep)     /* keep.append([]) */
{
    PmObject *l = PmList_New(0);
    PmList_Append(keep, l);
    Pm_DECREF(l);
}
int main(void)
{
    PmGC_Disable(); PmGC_Collect(); PmGC_Freeze();
    PmObject *keep = PmList_New(0);
    for (int i = 0; i < 10000; i++)
        append_new_list(keep);
    PmGC_Collect();
    PmGC_AddCallback(cb, NULL);
    PmGC_SetThreshold(100, 0, 0);
    PmGC_Enable();
    while (!full)
        append_new_list(keep);
    PmGC_Disable();
    printf("collections before the first full one: %d of gen 0, %d of gen 1\n", seen[0], seen[1]);
    printf("lists made until then: %zd\n", PmList_GET_SIZE(keep) - 10000);
    Pm_DECREF(keep);
    return 0;
}
