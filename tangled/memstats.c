#include "pm.h"

typedef struct {
    PmMemAllocator wrapped;            /* the allocator we replaced */
    PmMemStats stats;
} StatsHook;

static StatsHook hooks[PM_MEM_NDOMAINS];
static int hooked;
static void *stats_malloc(void *ctx, size_t n)
{
    StatsHook *h = ctx;
    h->stats.mallocs++, h->stats.bytes += n;
    return h->wrapped.malloc(h->wrapped.ctx, n);
}

static void *stats_calloc(void *ctx, size_t k, size_t n)
{
    StatsHook *h = ctx;
    h->stats.callocs++, h->stats.bytes += k * n;
    return h->wrapped.calloc(h->wrapped.ctx, k, n);
}

static void *stats_realloc(void *ctx, void *p, size_t n)
{
    StatsHook *h = ctx;
    h->stats.reallocs++, h->stats.bytes += n;
    return h->wrapped.realloc(h->wrapped.ctx, p, n);
}

static void stats_free(void *ctx, void *p)
{
    StatsHook *h = ctx;
    if (p != NULL)
        h->stats.frees++;
    h->wrapped.free(h->wrapped.ctx, p);
}
void PmMem_StatsStart(void)
{
    if (hooked)
        return;
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        hooks[d].stats = (PmMemStats){0};
        PmMem_GetAllocator(d, &hooks[d].wrapped);
        PmMemAllocator a = {&hooks[d], stats_malloc, stats_calloc, stats_realloc, stats_free};
        PmMem_SetAllocator(d, &a);
    }
    hooked = 1;
}

void PmMem_StatsStop(void)
{
    for (int d = 0; hooked && d < PM_MEM_NDOMAINS; d++)
        PmMem_SetAllocator(d, &hooks[d].wrapped);
    hooked = 0;
}

PmMemStats PmMem_GetStats(PmMemDomain d) { return hooks[d].stats; }
PmProcessMemory Pm_GetProcessMemory(void)
{
    PmProcessMemory m = {0, 0};
    char line[256];
    size_t kb;
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (f == NULL)
        Pm_FatalError("Pm_GetProcessMemory", "cannot read /proc/self/smaps_rollup");
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "Rss: %zu kB", &kb) == 1)
            m.rss = kb * 1024;
        else if (sscanf(line, "Private_Clean: %zu kB", &kb) == 1 ||
                 sscanf(line, "Private_Dirty: %zu kB", &kb) == 1 ||
                 sscanf(line, "Private_Hugetlb: %zu kB", &kb) == 1)
            m.uss += kb * 1024;
    }
    fclose(f);
    return m;
}
