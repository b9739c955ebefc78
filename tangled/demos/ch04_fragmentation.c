#include "pm.h"

enum { N = 1000000 };
static void *blocks[N];

static void step(const char *what, PmObmallocStats before)
{
    PmObmallocStats now = Pm_GetObmallocStats();
    size_t made = now.arenas_allocated_total - before.arenas_allocated_total;
    size_t returned = now.arenas_reclaimed - before.arenas_reclaimed;
    printf("%-30s arenas returned: ", what);
    if (returned == 0) printf("0\n");
    else if (returned >= made) printf("all\n");
    else if (made - returned <= 3) printf("all but a few (%zu)\n", made - returned);
    else printf("%zu of %zu\n", returned, made);
}

int main(void)
{
    PmObmallocStats s = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) blocks[i] = PmObject_Malloc(16);
    step("made 1,000,000 objects", s);
    printf("  (%zu arenas in use)\n", Pm_GetObmallocStats().arenas_current);
    for (int i = 0; i < N; i++) PmObject_Free(blocks[i]);
    step("freed them all", s);
    for (int i = 0; i < N; i++) blocks[i] = PmObject_Malloc(16);
    PmObmallocStats s3 = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) if (i % 1000) PmObject_Free(blocks[i]);
    step("made 1,000,000, kept 1,000", s3);
    printf("  (%zu arenas in use)\n", Pm_GetObmallocStats().arenas_current);
    for (int i = 0; i < N; i += 1000) PmObject_Free(blocks[i]);
    step("freed the last 1,000", s3);
    return 0;
}
