#include "pm.h"
static inline void *pym_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }
static inline void *pym_realloc(void *p, size_t n) { return PmMem_Pymalloc.realloc(NULL, p, n); }
static inline void pym_free(void *p) { PmMem_Pymalloc.free(NULL, p); }

int main(void)
{
    static int state[1024];
    const size_t request[] = {24, 100, 500};
    for (int i = 0; i < 3; i++) {
        void *p = pym_malloc(request[i]);
        size_t c = (request[i] - 1) / 16;
        printf("%3zu bytes: class %2zu, blocks of %3zu bytes, %3d blocks per pool\n",
               request[i], c, (c + 1) * 16, Pm_PoolBlocks(p, state, 1024));
        pym_free(p);
    }
    return 0;
}
