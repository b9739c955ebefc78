#define _DEFAULT_SOURCE                    /* MAP_ANONYMOUS */
#include <sys/mman.h>
#include "answers.h"
_Static_assert(sizeof(Ans4_Pool) <= ANS4_POOL_OVERHEAD, "the header fits");

Ans4_Pool *Ans4_PoolNew(size_t block_size)  /* a multiple of 16, 16 to 512 */
{
    void *base = mmap(NULL, ANS4_POOL_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    Ans4_Pool *pool = base;
    *pool = (Ans4_Pool){ NULL, block_size, ANS4_POOL_OVERHEAD, 0 };
    return pool;
}

void Ans4_PoolDelete(Ans4_Pool *pool) { munmap(pool, ANS4_POOL_SIZE); }
void *Ans4_PoolAlloc(Ans4_Pool *pool)
{
    uint8_t *b = pool->freeblock;
    if (b != NULL)
        pool->freeblock = *(uint8_t **)b;                  /* reuse, last freed first */
    else if (pool->nextoffset + pool->size <= ANS4_POOL_SIZE) {
        b = (uint8_t *)pool + pool->nextoffset;            /* carve a new block */
        pool->nextoffset += (unsigned)pool->size;
    } else
        return NULL;                                       /* full */
    pool->count++;
    return b;
}

void Ans4_PoolFree(Ans4_Pool *pool, void *p)
{
    *(uint8_t **)p = pool->freeblock;
    pool->freeblock = p;
    pool->count--;
}
