#include <string.h>
#include "pm.h"

static int counts[3];

static void cb(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "stop") == 0)
        counts[info.generation]++;
}
int main(void)
{
    PmGC_Collect();
    PmGC_AddCallback(cb, NULL);
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 10000000; i++) {
        PmObject *l = PmList_New(1);            /* [i] */
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    printf("ten million lists kept: collections of generation 0, 1, 2: [%d, %d, %d]\n",
           counts[0], counts[1], counts[2]);
    Pm_DECREF(x);
    return 0;
}
