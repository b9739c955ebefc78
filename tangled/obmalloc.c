#define _DEFAULT_SOURCE                /* MAP_ANONYMOUS */
#include <string.h>
#include <sys/mman.h>
#include "pm.h"

#define PM_LIKELY(x)   __builtin_expect(!!(x), 1)
#define PM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PM_ALLOCATOR_NAME "pymalloc"    /* in the heap checker's reports */

#define PM_ALIGNMENT               16          /* bytes; a power of 2     */
#define PM_ALIGNMENT_SHIFT         4
#define PM_SMALL_REQUEST_THRESHOLD 512         /* largest small request   */
#define PM_NB_SMALL_SIZE_CLASSES   (PM_SMALL_REQUEST_THRESHOLD / PM_ALIGNMENT)
#define PM_INDEX2SIZE(i)           (((size_t)(i) + 1) << PM_ALIGNMENT_SHIFT)
#define PM_SIZE2INDEX(n)           ((size_t)((n) - 1) >> PM_ALIGNMENT_SHIFT)
#define PM_POOL_BITS          14
#define PM_POOL_SIZE          ((size_t)1 << PM_POOL_BITS)        /* 16 KiB */
#define PM_ARENA_BITS         20
#define PM_ARENA_SIZE         ((size_t)1 << PM_ARENA_BITS)       /* 1 MiB  */
#define PM_POOLS_IN_ARENA     (PM_ARENA_SIZE / PM_POOL_SIZE)     /* 64     */
#define PM_POOL_OVERHEAD      48
_Static_assert(PM_ARENA_SIZE % PM_POOL_SIZE == 0, "an arena holds whole pools");
_Static_assert(PM_POOL_OVERHEAD % PM_ALIGNMENT == 0, "blocks stay aligned");
#define PM_ADDRESS_BITS  48
#define PM_REJOIN_FREE 4               /* free blocks a full pool waits for */
_Static_assert(PM_REJOIN_FREE < (PM_POOL_SIZE - PM_POOL_OVERHEAD) / PM_SMALL_REQUEST_THRESHOLD,
               "a pool rejoins its list before it can empty");
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PM_ASAN 1                       /* Clang's way of saying so */
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(PM_ASAN)
#include <sanitizer/lsan_interface.h>
#define PM_LSAN_ROOT(verb, base) __lsan_##verb##_root_region((base), PM_ARENA_SIZE)
#else
#define PM_LSAN_ROOT(verb, base) ((void)(base))
#endif
typedef uint8_t PmBlock;
typedef struct PmArena PmArena;
typedef struct PmPool PmPool;

struct PmPool {                        /* 48 bytes at the start of a pool  */
    unsigned count;                    /* blocks in use, + 1 if kept       */
    unsigned rejoin_at;                /* count that leaves the fast path  */
    PmBlock *freeblock;                /* first free block, or NULL        */
    PmPool *nextpool, *prevpool;       /* in usedpools[szidx], or freepools */
    PmArena *arena;                    /* the arena the pool is in         */
    uint16_t szidx;                    /* size class                       */
    uint16_t kept;                     /* 1: kept by its class, see below  */
    uint16_t nextoffset;               /* first never-used block           */
    uint16_t maxnextoffset;            /* last offset a block can start at */
};
_Static_assert(sizeof(PmPool) <= PM_POOL_OVERHEAD, "the header fits");
struct PmArena {
    uintptr_t address;                 /* base, aligned; 0: no arena      */
    PmBlock *pool_address;             /* next never-used pool            */
    unsigned nfreepools;               /* empty + never-used pools        */
    unsigned ntotalpools;
    PmPool *freepools;                 /* empty pools, singly linked      */
    PmArena *nextarena, *prevarena;    /* in usable_arenas                */
    unsigned nkept;                    /* pools kept by their class       */
};
#define PM_POOL_ADDR(p)      ((PmPool *)((uintptr_t)(p) & ~(uintptr_t)(PM_POOL_SIZE - 1)))
#define PM_POOL_BLOCKS(pool) ((PmBlock *)(pool))      /* offsets count from here */
#define PM_POOL_FIRST(pool)  ((void)(pool), PM_POOL_OVERHEAD)   /* first block's offset */
#define PM_ARENA_FRESH(base) ((void)(base))           /* a new arena's pages: untouched */
static PmPool *usedpools[PM_NB_SMALL_SIZE_CLASSES];
static PmArena *usable_arenas;                        /* fullest first  */
static PmArena *nfp2lasta[PM_POOLS_IN_ARENA + 1];     /* last with k free */
static PmArena *unused_arena_objects;                 /* no arena mapped */
static struct {
    size_t allocated_total, current, highwater;   /* reclaimed = total - current */
} arena_stats;
static size_t arena_stats_leaves;                     /* leaves allocated */
#define PM_MAP_LEAF_BITS 14
#define PM_MAP_ROOT_BITS (PM_ADDRESS_BITS - PM_ARENA_BITS - PM_MAP_LEAF_BITS)
static uint8_t *arena_map[1 << PM_MAP_ROOT_BITS];      /* root -> leaf */
static inline int address_in_range(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (PM_UNLIKELY(a >> PM_ADDRESS_BITS))
        return 0;
    const uint8_t *leaf = arena_map[a >> (PM_ARENA_BITS + PM_MAP_LEAF_BITS)];
    return leaf != NULL && leaf[(a >> PM_ARENA_BITS) & ((1 << PM_MAP_LEAF_BITS) - 1)];
}
static int arena_map_mark(uintptr_t base, uint8_t used)
{
    uint8_t **leaf = &arena_map[base >> (PM_ARENA_BITS + PM_MAP_LEAF_BITS)];
    if (*leaf == NULL) {
        *leaf = calloc(1, (size_t)1 << PM_MAP_LEAF_BITS);   /* bookkeeping */
        if (*leaf == NULL)
            return -1;
        arena_stats_leaves++;
    }
    (*leaf)[(base >> PM_ARENA_BITS) & ((1 << PM_MAP_LEAF_BITS) - 1)] = used;
    return 0;
}
static struct PmHeapCheck *checking;   /* see "Checking the heap" */
static void check_arena(PmArena *ao);
static void pool_emptied(PmPool *pool);
static void stop_keeping(PmPool *pool);
static void give_way(PmPool *pool);
static void release_kept_pools(PmArena *ao);
static inline void pool_extend(PmPool *pool, size_t c);
static void *allocate_from_new_pool(size_t c);
static void insert_to_usedpool(PmPool *pool);
static void insert_to_freepool(PmPool *pool);
static inline void pool_extend(PmPool *pool, size_t c)
{
    if (pool->nextoffset <= pool->maxnextoffset) {      /* carve a new block */
        pool->freeblock = PM_POOL_BLOCKS(pool) + pool->nextoffset;
        pool->nextoffset += (uint16_t)PM_INDEX2SIZE(c);
        *(PmBlock **)pool->freeblock = NULL;
        return;
    }
    PmPool *next = pool->nextpool;                      /* used -> full */
    usedpools[c] = next;
    if (next != NULL)
        next->prevpool = NULL;
    if (PM_UNLIKELY(pool->kept))
        stop_keeping(pool);            /* full: it holds blocks, not a place */
    pool->rejoin_at = pool->count - PM_REJOIN_FREE;
}
static void *map_aligned_arena(void)
{
    size_t n = 2 * PM_ARENA_SIZE;
    uint8_t *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uint8_t *base = (uint8_t *)(((uintptr_t)p + PM_ARENA_SIZE - 1) & ~(uintptr_t)(PM_ARENA_SIZE - 1));
    if (base > p)
        munmap(p, (size_t)(base - p));
    munmap(base + PM_ARENA_SIZE, (size_t)(p + n - (base + PM_ARENA_SIZE)));
    return base;
}
static PmArena *new_arena(void)
{
    PmArena *ao = unused_arena_objects;
    if (ao != NULL)
        unused_arena_objects = ao->nextarena;
    else if ((ao = malloc(sizeof *ao)) == NULL)       /* bookkeeping */
        return NULL;
    uint8_t *base = map_aligned_arena();
    if (base == NULL || ((uintptr_t)base >> PM_ADDRESS_BITS) || arena_map_mark((uintptr_t)base, 1) < 0) {
        if (base != NULL) munmap(base, PM_ARENA_SIZE);
        ao->nextarena = unused_arena_objects;
        unused_arena_objects = ao;
        return NULL;                   /* the caller falls back to malloc */
    }
    *ao = (PmArena){ .address = (uintptr_t)base, .pool_address = base,
                     .nfreepools = PM_POOLS_IN_ARENA, .ntotalpools = PM_POOLS_IN_ARENA };
    PM_LSAN_ROOT(register, base);      /* see "Arenas and LeakSanitizer" */
    PM_ARENA_FRESH(base);
    arena_stats.allocated_total++;
    if (++arena_stats.current > arena_stats.highwater)
        arena_stats.highwater = arena_stats.current;
    return ao;
}
static PmPool *take_pool(void)
{
    if (usable_arenas == NULL) {
        if ((usable_arenas = new_arena()) == NULL)
            return NULL;
        usable_arenas->nextarena = usable_arenas->prevarena = NULL;
        nfp2lasta[usable_arenas->nfreepools] = usable_arenas;
    }
    PmArena *ao = usable_arenas;
    unsigned nf = ao->nfreepools;
    if (nfp2lasta[nf] == ao)
        nfp2lasta[nf] = NULL;          /* it was the last with nf */
    if (nf > 1)
        nfp2lasta[nf - 1] = ao;        /* and is the only one with nf - 1 */
    PmPool *pool = ao->freepools;
    if (pool != NULL) {
        ao->freepools = pool->nextpool;
    } else {
        pool = PM_POOL_ADDR(ao->pool_address);
        ao->pool_address += PM_POOL_SIZE;
        pool->arena = ao;
        pool->szidx = UINT16_MAX;          /* no class yet */
    }
    if (--ao->nfreepools == 0) {       /* wholly allocated: off the list */
        usable_arenas = ao->nextarena;
        if (usable_arenas != NULL)
            usable_arenas->prevarena = NULL;
    }
    return pool;
}
static void *allocate_from_new_pool(size_t c)
{
    PmPool *pool = take_pool();
    if (pool == NULL)
        return NULL;
    pool->nextpool = NULL;                     /* usedpools[c] was empty */
    pool->prevpool = NULL;
    usedpools[c] = pool;
    pool->count = 1;
    pool->kept = 0;
    pool->rejoin_at = 0;
    PmBlock *bp;
    if (pool->szidx == c) {
        bp = pool->freeblock;
        if ((pool->freeblock = *(PmBlock **)bp) == NULL)
            pool_extend(pool, c);
        return bp;
    }
    size_t size = PM_INDEX2SIZE(c);
    pool->szidx = c;
    bp = PM_POOL_BLOCKS(pool) + PM_POOL_FIRST(pool);
    pool->nextoffset = (uint16_t)(PM_POOL_FIRST(pool) + 2 * size);
    pool->maxnextoffset = (uint16_t)(PM_POOL_SIZE - size);
    pool->freeblock = bp + size;
    *(PmBlock **)pool->freeblock = NULL;
    return bp;
}
static void insert_to_usedpool(PmPool *pool)
{
    pool->rejoin_at = 0;               /* on a list: leave when empty */
    PmPool *next = usedpools[pool->szidx];
    pool->nextpool = next;
    pool->prevpool = NULL;
    usedpools[pool->szidx] = pool;
    if (next != NULL) {
        next->prevpool = pool;
        if (PM_UNLIKELY(next->kept))
            give_way(next);            /* no longer its class's only pool */
    }
}
static void insert_to_freepool(PmPool *pool)
{
    if (pool->prevpool != NULL)
        pool->prevpool->nextpool = pool->nextpool;
    else
        usedpools[pool->szidx] = pool->nextpool;
    if (pool->nextpool != NULL)
        pool->nextpool->prevpool = pool->prevpool;
    PmArena *ao = pool->arena;
    pool->nextpool = ao->freepools;
    ao->freepools = pool;
    unsigned nf = ao->nfreepools;
    PmArena *lastnf = nfp2lasta[nf];
    if (lastnf == ao) {                /* ao was the last with nf */
        PmArena *p = ao->prevarena;
        nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
    }
    ao->nfreepools = ++nf;
    if (nf == ao->ntotalpools && ao->nextarena != NULL) {
        if (ao->prevarena == NULL)
            usable_arenas = ao->nextarena;
        else
            ao->prevarena->nextarena = ao->nextarena;
        ao->nextarena->prevarena = ao->prevarena;
        arena_map_mark(ao->address, 0);
        PM_LSAN_ROOT(unregister, (void *)ao->address);
        munmap((void *)ao->address, PM_ARENA_SIZE);
        ao->address = 0;
        ao->nextarena = unused_arena_objects;
        unused_arena_objects = ao;
        arena_stats.current--;
        return;
    }
    if (nf == 1) {
        ao->nextarena = usable_arenas;
        ao->prevarena = NULL;
        if (usable_arenas != NULL)
            usable_arenas->prevarena = ao;
        usable_arenas = ao;
        if (nfp2lasta[1] == NULL)
            nfp2lasta[1] = ao;
        return;
    }
    if (nfp2lasta[nf] == NULL)
        nfp2lasta[nf] = ao;
    if (ao == lastnf)
        return;                        /* case 4: still in order */
    if (ao->prevarena != NULL)
        ao->prevarena->nextarena = ao->nextarena;
    else
        usable_arenas = ao->nextarena;
    ao->nextarena->prevarena = ao->prevarena;
    ao->prevarena = lastnf;
    ao->nextarena = lastnf->nextarena;
    if (ao->nextarena != NULL)
        ao->nextarena->prevarena = ao;
    lastnf->nextarena = ao;
}
__attribute__((noinline)) static void pool_emptied(PmPool *pool)
{
    PmArena *ao = pool->arena;
    if (pool->prevpool == NULL && pool->nextpool == NULL          /* alone */
        && ((ao->nextarena == NULL && ao->nfreepools > 0)         /* last  */
            || ao->nfreepools + ao->nkept + 1 < ao->ntotalpools)) { /* pinned */
        pool->kept = 1;                /* stays on usedpools, reserved */
        pool->count = 1;
        ao->nkept++;
        return;
    }
    if (ao->nkept > 0 && ao->nfreepools + ao->nkept + 1 == ao->ntotalpools)
        release_kept_pools(ao);        /* only kept pools would hold it */
    insert_to_freepool(pool);
}
__attribute__((noinline)) static void stop_keeping(PmPool *pool)
{
    pool->kept = 0;
    pool->count--;                     /* give the reservation back */
    pool->arena->nkept--;
}

__attribute__((noinline)) static void give_way(PmPool *pool)
{
    stop_keeping(pool);
    if (pool->count == 0)              /* no block: empty, and not alone */
        pool_emptied(pool);            /* so it goes to the free pools */
}
static void release_kept_pools(PmArena *ao)
{
    for (unsigned c = 0; c < PM_NB_SMALL_SIZE_CLASSES && ao->nkept > 0; c++) {
        PmPool *p = usedpools[c];
        if (p == NULL || !p->kept || p->arena != ao)
            continue;
        stop_keeping(p);
        if (p->count == 0)
            insert_to_freepool(p);
    }
}
static Pm_ssize_t raw_allocated_blocks;    /* ours, from the raw domain */

static void *raw_counted(void *p)
{
    raw_allocated_blocks += p != NULL;
    return p;
}

__attribute__((noinline)) static void free_raw(void *p)
{
    raw_allocated_blocks -= p != NULL;
    PmMem_RawFree(p);
}
typedef struct {
    size_t pools[PM_NB_SMALL_SIZE_CLASSES], used[PM_NB_SMALL_SIZE_CLASSES];
    size_t avail[PM_NB_SMALL_SIZE_CLASSES];
    size_t empty_pools, arenas, header_bytes, quantization;
} PmCensus;

static void census_arena(PmArena *ao, PmCensus *c)
{
    if (PM_UNLIKELY(checking != NULL))
        check_arena(ao);               /* PmMem_CheckHeap is walking */
    c->arenas++;
    for (PmBlock *p = (PmBlock *)ao->address; p < ao->pool_address; p += PM_POOL_SIZE) {
        PmPool *pool = PM_POOL_ADDR(p);
        unsigned used = pool->count - pool->kept;    /* not the reservation */
        if (used == 0) {
            c->empty_pools++;
            continue;
        }
        size_t size = PM_INDEX2SIZE(pool->szidx);
        c->pools[pool->szidx]++;
        c->used[pool->szidx] += used;
        c->avail[pool->szidx] += (PM_POOL_SIZE - PM_POOL_FIRST(pool)) / size - used;
        c->header_bytes += PM_POOL_FIRST(pool);
        c->quantization += (PM_POOL_SIZE - PM_POOL_FIRST(pool)) % size;
    }
}
struct PmHeapCheck { char *why; size_t n; int bad; size_t arenas, usable; };

__attribute__((format(printf, 1, 2))) static void heap_bad(const char *fmt, ...)
{
    if (checking->bad++ > 0 || checking->n == 0)
        return;                        /* the first violation is reported */
    int k = snprintf(checking->why, checking->n, "%s: ", PM_ALLOCATOR_NAME);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(checking->why + k, checking->n - (size_t)k, fmt, ap);
    va_end(ap);
}
#define PM_HEAP_BAD(...) do { heap_bad(__VA_ARGS__); return; } while (0)
static void check_pool(PmArena *ao, PmPool *pool)
{
    PmBlock *blocks = PM_POOL_BLOCKS(pool);
    if (pool->arena != ao || pool->szidx >= PM_NB_SMALL_SIZE_CLASSES)
    {
        heap_bad("pool at %p: its header names arena %p (not %p) and class %u",
                 (void *)blocks, (void *)pool->arena, (void *)ao, pool->szidx);
        return;
    }
    size_t size = PM_INDEX2SIZE(pool->szidx), first = PM_POOL_FIRST(pool);
    size_t carved = (pool->nextoffset - first) / size, nfree = 0;
    for (PmBlock *b = pool->freeblock; b != NULL; b = *(PmBlock **)b) {
        size_t off = (size_t)((uintptr_t)b - (uintptr_t)blocks);
        if ((uintptr_t)b < (uintptr_t)blocks || off < first || off >= pool->nextoffset
            || (off - first) % size != 0)
            PM_HEAP_BAD("pool at %p (%zu-byte blocks): free block %p is not one of its "
                            "carved blocks", (void *)blocks, size, (void *)b);
        if (++nfree > carved)
            PM_HEAP_BAD("pool at %p: free list longer than its %zu carved blocks",
                            (void *)blocks, carved);
    }
    if (pool->count - pool->kept + nfree != carved)
        heap_bad("pool at %p (%zu-byte blocks): %u in use + %zu free != %zu carved",
                 (void *)blocks, size, pool->count - pool->kept, nfree, carved);
}
static void check_arena(PmArena *ao)
{
    unsigned carved = 0, empty = 0, kept = 0, listed = 0;
    checking->arenas++;
    checking->usable += ao->nfreepools > 0;
    for (PmBlock *p = (PmBlock *)ao->address; p < ao->pool_address; p += PM_POOL_SIZE) {
        PmPool *pool = PM_POOL_ADDR(p);
        carved++;
        kept += pool->kept;
        if (pool->count == 0)
            empty++;
        else
            check_pool(ao, pool);
    }
    for (PmPool *f = ao->freepools; f != NULL && listed <= carved; f = f->nextpool, listed++)
        if (((uintptr_t)f & ~(uintptr_t)(PM_ARENA_SIZE - 1)) != ao->address || f->count != 0)
            PM_HEAP_BAD("arena %p: free pool %p is outside it or has blocks in use",
                            (void *)ao->address, (void *)f);
    unsigned never = (unsigned)((ao->address + PM_ARENA_SIZE - (uintptr_t)ao->pool_address) / PM_POOL_SIZE);
    if (listed != empty || ao->nfreepools != empty + never || ao->nkept != kept)
        heap_bad("arena %p: nfreepools %u, nkept %u; found %u empty (%u on its free list), "
                 "%u never used, %u kept", (void *)ao->address, ao->nfreepools, ao->nkept,
                 empty, listed, never, kept);
}
static void check_usedpools(void)
{
    for (unsigned c = 0; c < PM_NB_SMALL_SIZE_CLASSES; c++) {
        PmPool *prev = NULL;
        for (PmPool *p = usedpools[c]; p != NULL; prev = p, p = p->nextpool)
            if (p->szidx != c || p->freeblock == NULL || p->count == 0 || p->prevpool != prev
                || (p->kept && (prev != NULL || p->nextpool != NULL)))
                PM_HEAP_BAD("usedpools[%u]: pool at %p: class %u, count %u, free block %p, "
                                "kept %u, links broken: %s", c, (void *)PM_POOL_BLOCKS(p), p->szidx,
                                p->count, (void *)p->freeblock, p->kept,
                                p->prevpool != prev ? "yes" : "no");
    }
}
static void check_usable_arenas(void)
{
    size_t n = 0;
    PmArena *prev = NULL;
    for (PmArena *a = usable_arenas; a != NULL; prev = a, a = a->nextarena, n++) {
        if (a->prevarena != prev || a->nfreepools == 0)
            PM_HEAP_BAD("usable_arenas: arena %p: %u free pools, links broken: %s",
                            (void *)a->address, a->nfreepools, a->prevarena != prev ? "yes" : "no");
        if (prev != NULL && prev->nfreepools > a->nfreepools)
            PM_HEAP_BAD("usable_arenas is not sorted: arena %p with %u free pools comes "
                            "before arena %p with %u", (void *)prev->address, prev->nfreepools,
                            (void *)a->address, a->nfreepools);
        if ((a->nextarena == NULL || a->nextarena->nfreepools != a->nfreepools)
            && nfp2lasta[a->nfreepools] != a)
            PM_HEAP_BAD("nfp2lasta[%u] is not arena %p, the last with %u free pools",
                            a->nfreepools, (void *)a->address, a->nfreepools);
    }
    if (n != checking->usable)
        heap_bad("usable_arenas has %zu arenas, but %zu arenas have a free pool",
                 n, checking->usable);
}
static void census(PmCensus *c)
{
    memset(c, 0, sizeof *c);
    for (size_t r = 0; r < (size_t)1 << PM_MAP_ROOT_BITS; r++) {
        if (arena_map[r] == NULL)
            continue;
        for (size_t i = 0; i < (size_t)1 << PM_MAP_LEAF_BITS; i++) {
            if (!arena_map[r][i])
                continue;
            uintptr_t base = ((uintptr_t)r << (PM_ARENA_BITS + PM_MAP_LEAF_BITS)) | (i << PM_ARENA_BITS);
            census_arena(PM_POOL_ADDR(base)->arena, c);
        }
    }
}
static inline void *pymalloc_alloc(size_t n)
{
    size_t c = PM_SIZE2INDEX(n);
    PmPool *pool = usedpools[c];
    if (PM_UNLIKELY(pool == NULL))
        return allocate_from_new_pool(c);
    PmBlock *bp = pool->freeblock;
    pool->count++;
    if (PM_UNLIKELY((pool->freeblock = *(PmBlock **)bp) == NULL))
        pool_extend(pool, c);
    return bp;
}
static inline int pymalloc_free(void *p)
{
    if (PM_UNLIKELY(!address_in_range(p)))
        return 0;                      /* not ours: malloc's */
    PmPool *pool = PM_POOL_ADDR(p);
    PmBlock *last = pool->freeblock;
    *(PmBlock **)p = last;
    pool->freeblock = (PmBlock *)p;
    if (PM_UNLIKELY(--pool->count == pool->rejoin_at)) {
        if (pool->count == 0)
            pool_emptied(pool);        /* used -> empty, or kept */
        else
            insert_to_usedpool(pool);  /* full -> used, four blocks later */
    }
    return 1;
}
__attribute__((noinline)) static void *malloc_slow_path(size_t n)
{
    if (n - 1 < PM_SMALL_REQUEST_THRESHOLD) {      /* 1 <= n <= 512 */
        void *p = pymalloc_alloc(n);               /* from a new pool */
        if (p != NULL)
            return p;
    }
    return raw_counted(PmMem_RawMalloc(n));
}

static void *pm_pymalloc_malloc(void *ctx, size_t n)
{
    (void)ctx;
    if (PM_LIKELY(n - 1 < PM_SMALL_REQUEST_THRESHOLD)
        && PM_LIKELY(usedpools[PM_SIZE2INDEX(n)] != NULL))
        return pymalloc_alloc(n);      /* calls nothing, saves no register */
    return malloc_slow_path(n);
}

static void pm_pymalloc_free(void *ctx, void *p)
{
    (void)ctx;
    if (PM_UNLIKELY(!pymalloc_free(p)))  /* NULL is not ours either: */
        free_raw(p);                     /* free(NULL) does nothing  */
}
static void *pm_pymalloc_calloc(void *ctx, size_t k, size_t n)
{
    if (n != 0 && k > SIZE_MAX / n)
        return NULL;
    size_t total = k * n;
    if (total - 1 < PM_SMALL_REQUEST_THRESHOLD) {
        void *p = pymalloc_alloc(total);
        if (p != NULL)
            return memset(p, 0, total);
    }
    (void)ctx;
    return raw_counted(PmMem_RawCalloc(k, n));
}
static void *pm_pymalloc_realloc(void *ctx, void *p, size_t n)
{
    if (p == NULL)
        return pm_pymalloc_malloc(ctx, n);
    if (!address_in_range(p))
        return PmMem_RawRealloc(p, n);
    size_t size = PM_INDEX2SIZE(PM_POOL_ADDR(p)->szidx);
    if (n <= size) {
        if (4 * n > 3 * size)
            return p;                  /* saves less than a quarter: stay */
        size = n;                      /* copy only what is kept */
    }
    void *q = pm_pymalloc_malloc(ctx, n);
    if (q != NULL) {
        memcpy(q, p, size);
        pm_pymalloc_free(ctx, p);
    }
    return q;
}
const PmMemAllocator PmMem_Pymalloc = {
    NULL, pm_pymalloc_malloc, pm_pymalloc_calloc, pm_pymalloc_realloc, pm_pymalloc_free
};
PmObmallocStats Pm_GetObmallocStats(void)
{
    PmCensus c;
    census(&c);
    PmObmallocStats s = { arena_stats.allocated_total,
                          arena_stats.allocated_total - arena_stats.current,
                          arena_stats.highwater, arena_stats.current, 0, 0 };
    for (int i = 0; i < PM_NB_SMALL_SIZE_CLASSES; i++) {
        s.blocks_in_use += c.used[i];
        s.bytes_in_use += c.used[i] * PM_INDEX2SIZE(i);
    }
    return s;
}
Pm_ssize_t Pm_PymallocAllocatedBlocks(void)
{
    PmCensus c;
    census(&c);
    Pm_ssize_t n = raw_allocated_blocks;
    for (int i = 0; i < PM_NB_SMALL_SIZE_CLASSES; i++)
        n += (Pm_ssize_t)c.used[i];
    return n;
}
static void printone(FILE *out, const char *label, size_t value)
{
    char digits[32], commas[48];
    int n = snprintf(digits, sizeof digits, "%zu", value), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            commas[k++] = ',';
        commas[k++] = digits[i];
    }
    commas[k] = '\0';
    fprintf(out, "%-35s= %21s\n", label, commas);
}
void Pm_DebugMallocStats(FILE *out)
{
    PmCensus c;
    census(&c);
    size_t used_bytes = 0, avail_bytes = 0, pools = 0;
    fprintf(out, "Small block threshold = %d, in %d size classes.\n\n",
            PM_SMALL_REQUEST_THRESHOLD, PM_NB_SMALL_SIZE_CLASSES);
    fprintf(out, "class   size   num pools   blocks in use  avail blocks\n"
                 "-----   ----   ---------   -------------  ------------\n");
    for (int i = 0; i < PM_NB_SMALL_SIZE_CLASSES; i++) {
        if (c.pools[i] == 0)
            continue;
        size_t size = PM_INDEX2SIZE(i);
        fprintf(out, "%5d %6zu %11zu %15zu %13zu\n", i, size, c.pools[i], c.used[i], c.avail[i]);
        used_bytes += c.used[i] * size;
        avail_bytes += c.avail[i] * size;
        pools += c.pools[i];
    }
    char label[64];
    size_t never = c.arenas * PM_POOLS_IN_ARENA - pools - c.empty_pools;
    fputc('\n', out);
    printone(out, "# arenas allocated total", arena_stats.allocated_total);
    printone(out, "# arenas reclaimed", arena_stats.allocated_total - arena_stats.current);
    printone(out, "# arenas highwater mark", arena_stats.highwater);
    printone(out, "# arenas allocated current", arena_stats.current);
    snprintf(label, sizeof label, "%zu arenas * %zu bytes/arena", c.arenas, PM_ARENA_SIZE);
    printone(out, label, c.arenas * PM_ARENA_SIZE);
    fputc('\n', out);
    printone(out, "# bytes in allocated blocks", used_bytes);
    printone(out, "# bytes in available blocks", avail_bytes);
    snprintf(label, sizeof label, "%zu unused pools * %zu bytes", c.empty_pools + never, PM_POOL_SIZE);
    printone(out, label, (c.empty_pools + never) * PM_POOL_SIZE);
    printone(out, "# bytes lost to pool headers", c.header_bytes);
    printone(out, "# bytes lost to quantization", c.quantization);
    printone(out, "# bytes lost to arena alignment", 0);
    printone(out, "Total", c.arenas * PM_ARENA_SIZE);
    fputc('\n', out);
    printone(out, "# arena map leaves", arena_stats_leaves);
    printone(out, "# bytes in arena map leaves", arena_stats_leaves << PM_MAP_LEAF_BITS);
}
int Pm_PymallocCheckHeap(char *why, size_t n)
{
    struct PmHeapCheck check = { why, n, 0, 0, 0 };
    PmCensus c;
    checking = &check;
    census(&c);                        /* check_arena for each arena */
    if (check.arenas != arena_stats.current)
        heap_bad("%zu arenas in the map, %zu counted", check.arenas, arena_stats.current);
    check_usedpools();
    check_usable_arenas();
    checking = NULL;
    return check.bad;
}
int Pm_ArenaPools(const void *p, int state[], unsigned szidx[])
{
    if (!address_in_range(p))
        return 0;
    uintptr_t base = (uintptr_t)p & ~(uintptr_t)(PM_ARENA_SIZE - 1);
    PmArena *ao = PM_POOL_ADDR(base)->arena;
    for (size_t i = 0; i < PM_POOLS_IN_ARENA; i++) {
        PmPool *pool = PM_POOL_ADDR(base + i * PM_POOL_SIZE);
        szidx[i] = 0;
        if ((PmBlock *)(base + i * PM_POOL_SIZE) >= ao->pool_address)
            state[i] = PM_POOL_NEVER_USED;
        else if (pool->count == pool->kept)        /* no block in use */
            state[i] = PM_POOL_EMPTY;
        else {
            szidx[i] = pool->szidx;
            int full = pool->freeblock == NULL;
            state[i] = full ? PM_POOL_FULL : PM_POOL_USED;
        }
    }
    return (int)PM_POOLS_IN_ARENA;
}
int Pm_PoolBlocks(const void *p, int state[], int max)
{
    if (!address_in_range(p))
        return 0;
    PmPool *pool = PM_POOL_ADDR(p);
    size_t size = PM_INDEX2SIZE(pool->szidx);
    size_t first = PM_POOL_FIRST(pool);
    int n = (int)((PM_POOL_SIZE - first) / size);
    n = n < max ? n : max;
    for (int i = 0; i < n; i++) {
        size_t off = first + (size_t)i * size;
        int used = pool->freeblock != NULL ? off < pool->nextoffset : 1;
        state[i] = used ? PM_BLOCK_ALLOCATED : PM_BLOCK_NEVER_USED;
    }
    for (PmBlock *b = pool->freeblock; b != NULL; b = *(PmBlock **)b) {
        size_t k = (size_t)(b - PM_POOL_BLOCKS(pool) - first) / size;
        if (k < (size_t)n)
            state[k] = PM_BLOCK_FREE;
    }
    return n;
}
