#include "answers.h"

int main(void)
{
    Ans4_Pool *pool = Ans4_PoolNew(32);
    void *a = Ans4_PoolAlloc(pool), *b = Ans4_PoolAlloc(pool), *c = Ans4_PoolAlloc(pool);
    printf("three blocks at offsets %td, %td, %td; next never-used block at %u\n",
           (uint8_t *)a - (uint8_t *)pool, (uint8_t *)b - (uint8_t *)pool,
           (uint8_t *)c - (uint8_t *)pool, pool->nextoffset);
    Ans4_PoolFree(pool, b);
    printf("b freed; the next block handed out is b: %s\n",
           Ans4_PoolAlloc(pool) == b ? "yes" : "no");
    int n = 3;
    while (Ans4_PoolAlloc(pool) != NULL)
        n++;
    printf("blocks of 32 bytes until the pool is full: %d\n", n);
    Ans4_PoolDelete(pool);
    return 0;
}
