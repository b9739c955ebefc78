#include "pm.h"
static inline void *pym_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }
static inline void *pym_realloc(void *p, size_t n) { return PmMem_Pymalloc.realloc(NULL, p, n); }
static inline void pym_free(void *p) { PmMem_Pymalloc.free(NULL, p); }

int main(void)
{
    const size_t to[] = {110, 80, 70, 200};
    for (int i = 0; i < 4; i++) {
        void *p = pym_malloc(100);
        void *q = pym_realloc(p, to[i]);
        printf("100 -> %3zu bytes: %s\n", to[i], q == p ? "same block" : "moved");
        pym_free(q);
    }
    return 0;
}
