#include <stdint.h>
#include <stdlib.h>
#include "pm.h"

static void *counted(void *ctx, void *p)    /* ctx: a count of blocks, or NULL */
{
    if (p != NULL && ctx != NULL)
        ++*(Pm_ssize_t *)ctx;
    return p;
}

static void *libc_malloc(void *ctx, size_t n)
{ return counted(ctx, malloc(n ? n : 1)); }
static void *libc_calloc(void *ctx, size_t k, size_t n)
{
    if (k == 0 || n == 0)              /* CPython: nelem = elsize = 1 */
        k = n = 1;
    return k > SIZE_MAX / n ? NULL : counted(ctx, calloc(k, n));
}
static void *libc_realloc(void *ctx, void *p, size_t n)
{ return p == NULL ? libc_malloc(ctx, n) : realloc(p, n ? n : 1); }
static void libc_free(void *ctx, void *p)
{
    if (p != NULL && ctx != NULL)
        --*(Pm_ssize_t *)ctx;
    free(p);
}
static Pm_ssize_t pm_libc_blocks;      /* blocks of mem and obj from libc */
#define PM_LIBC_ALLOCATOR { NULL, libc_malloc, libc_calloc, libc_realloc, libc_free }
#define PM_LIBC_COUNTED { &pm_libc_blocks, libc_malloc, libc_calloc, libc_realloc, libc_free }
static PmMemAllocator pm_mem_allocator = PM_LIBC_COUNTED;
static PmMemAllocator pm_obj_allocator = PM_LIBC_COUNTED;
void *PmMem_Malloc(size_t n)
{ return pm_mem_allocator.malloc(pm_mem_allocator.ctx, n); }
void *PmMem_Realloc(void *p, size_t n)
{ return pm_mem_allocator.realloc(pm_mem_allocator.ctx, p, n); }
void PmMem_Free(void *p)
{ pm_mem_allocator.free(pm_mem_allocator.ctx, p); }

void *PmObject_Malloc(size_t n)
{ return pm_obj_allocator.malloc(pm_obj_allocator.ctx, n); }
void PmObject_Free(void *p)
{ pm_obj_allocator.free(pm_obj_allocator.ctx, p); }
Pm_ssize_t PmSys_GetAllocatedBlocks(void)
{
    Pm_ssize_t n = pm_libc_blocks;
    n += Pm_PymallocAllocatedBlocks();
    n += Pm_SegmentsAllocatedBlocks();
    return n;
}
static PmMemAllocator pm_raw_allocator = PM_LIBC_ALLOCATOR;
static PmMemAllocator *const pm_domain[PM_MEM_NDOMAINS] = {
    [PM_MEM_DOMAIN_RAW] = &pm_raw_allocator,
    [PM_MEM_DOMAIN_MEM] = &pm_mem_allocator,
    [PM_MEM_DOMAIN_OBJ] = &pm_obj_allocator,
};

void PmMem_GetAllocator(PmMemDomain d, PmMemAllocator *a) { *a = *pm_domain[d]; }
void PmMem_SetAllocator(PmMemDomain d, const PmMemAllocator *a) { *pm_domain[d] = *a; }

const char *PmMem_DomainName(PmMemDomain d)
{
    static const char *names[PM_MEM_NDOMAINS] = {"raw", "mem", "obj"};
    return names[d];
}
#define PM_CALL(a, fn, ...) ((a).fn((a).ctx, __VA_ARGS__))
void *PmMem_RawMalloc(size_t n) { return PM_CALL(pm_raw_allocator, malloc, n); }
void *PmMem_RawCalloc(size_t k, size_t n) { return PM_CALL(pm_raw_allocator, calloc, k, n); }
void *PmMem_RawRealloc(void *p, size_t n) { return PM_CALL(pm_raw_allocator, realloc, p, n); }
void PmMem_RawFree(void *p) { PM_CALL(pm_raw_allocator, free, p); }
void *PmMem_Calloc(size_t k, size_t n) { return PM_CALL(pm_mem_allocator, calloc, k, n); }
void *PmObject_Calloc(size_t k, size_t n) { return PM_CALL(pm_obj_allocator, calloc, k, n); }
void *PmObject_Realloc(void *p, size_t n) { return PM_CALL(pm_obj_allocator, realloc, p, n); }
#include <string.h>
#include "pm.h"                        /* Pm_FatalError */

static void pm_choose_allocators(void) __attribute__((constructor));
static void pm_choose_allocators(void)
{
    const char *env = getenv("PMMALLOC");
    int known = 0;
    if (env != NULL && *env == '\0')
        env = NULL;
    const PmMemAllocator *small = &PmMem_Pymalloc;          /* the default */
    small = &PmMem_Segments;               /* chapter 7: descriptors together */
    if (env != NULL && strcmp(env, "pymalloc") == 0)
        small = &PmMem_Pymalloc;                            /* asked for by name */
    if (env == NULL || strcmp(env, "default") == 0 || strcmp(env, "pymalloc") == 0) {
        PmMem_SetAllocator(PM_MEM_DOMAIN_MEM, small);
        PmMem_SetAllocator(PM_MEM_DOMAIN_OBJ, small);
        known = 1;
    }
    if (env != NULL && strcmp(env, "malloc") == 0)
        known = 1;                         /* keep chapter 1's malloc */
    if (env != NULL && (strcmp(env, "debug") == 0 || strcmp(env, "pymalloc_debug") == 0)) {
        if (strcmp(env, "pymalloc_debug") == 0)
            small = &PmMem_Pymalloc;       /* by name; "debug" wraps the default */
        PmMem_SetAllocator(PM_MEM_DOMAIN_MEM, small);
        PmMem_SetAllocator(PM_MEM_DOMAIN_OBJ, small);
        PmMem_SetupDebugHooks();
        known = 1;
    }
    if (env != NULL && strcmp(env, "malloc_debug") == 0) {
        PmMem_SetupDebugHooks();
        known = 1;
    }
    if (env != NULL && strcmp(env, "segments") == 0) {
        PmMem_SetAllocator(PM_MEM_DOMAIN_MEM, &PmMem_Segments);
        PmMem_SetAllocator(PM_MEM_DOMAIN_OBJ, &PmMem_Segments);
        known = 1;
    }
    if (!known)
        Pm_FatalError("PMMALLOC", "unknown allocator '%s'", env);
}
int PmMem_CheckHeap(char *why, size_t n)
{
    int bad = 0;
    if (n > 0)
        why[0] = '\0';
    bad += Pm_PymallocCheckHeap(bad ? NULL : why, bad ? 0 : n);
    bad += Pm_SegmentsCheckHeap(bad ? NULL : why, bad ? 0 : n);
    return bad;
}
