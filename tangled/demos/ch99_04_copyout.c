#include "pm.h"
static inline void *pym_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }
static inline void *pym_realloc(void *p, size_t n) { return PmMem_Pymalloc.realloc(NULL, p, n); }
static inline void pym_free(void *p) { PmMem_Pymalloc.free(NULL, p); }

enum { N = 1000000 };
static void *blocks[N];

static long beyond(size_t start)               /* arenas in use beyond those at start */
{
    return (long)Pm_GetObmallocStats().arenas_current - (long)start;
}

int main(void)
{
    size_t start = Pm_GetObmallocStats().arenas_current;
    for (int i = 0; i < N; i++)
        blocks[i] = pym_malloc(16);
    for (int i = 0; i < N; i++)
        if (i % 1000)
            pym_free(blocks[i]);
    printf("kept 1,000 of 1,000,000: arenas in use beyond the start: %ld\n", beyond(start));
    for (int i = 0; i < N; i += 1000) {        /* a new block for each survivor */
        void *copy = pym_malloc(16);
        pym_free(blocks[i]);
        blocks[i] = copy;
    }
    printf("survivors copied:        arenas in use beyond the start: %ld\n", beyond(start));
    for (int i = 0; i < N; i += 1000)
        pym_free(blocks[i]);
    return 0;
}
