#include <string.h>
#include "pm.h"

static PmTypeObject C = { PmClass_INIT("C") };
static struct { int generation, count[PM_GC_NUM_GENERATIONS]; } seen[64];
static int nseen;

static void cb(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "start") == 0 && nseen < 64) {
        seen[nseen].generation = info.generation;
        PmGC_GetCount(seen[nseen++].count);
    }
}

static void keep_new(PmObject *keep, int n)     /* for i in range(n): keep.append(C()) */
{
    for (int i = 0; i < n; i++) {
        PmObject *c = PmInstance_New(&C);
        PmList_Append(keep, c);
        Pm_DECREF(c);
    }
}
int main(void)
{
    PmGC_Collect();
    PmGC_AddCallback(cb, NULL);
    PmObject *keep = PmList_New(0);             /* container 1 */
    keep_new(keep, 699);
    printf("700 containers made: %d collections\n", nseen);
    keep_new(keep, 1);
    printf("701 containers made: %d collection, of generation %d\n", nseen, seen[0].generation);
    keep_new(keep, 11 * 701);
    printf("generations of the first 12: [");
    for (int i = 0; i < 12; i++)
        printf("%d%s", seen[i].generation, i < 11 ? ", " : "]\n");
    printf("counts when the 2nd began:  (%d, %d, %d)\n", seen[1].count[0], seen[1].count[1], seen[1].count[2]);
    printf("counts when the 12th began: (%d, %d, %d)\n", seen[11].count[0], seen[11].count[1], seen[11].count[2]);
    Pm_DECREF(keep);
    return 0;
}
