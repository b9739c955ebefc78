#include <stdlib.h>
#include "mem.h"

static void *libc_malloc(void *ctx, size_t n)
{ (void)ctx; return malloc(n ? n : 1); }
static void *libc_calloc(void *ctx, size_t k, size_t n)
{ (void)ctx; return calloc(k ? k : 1, n ? n : 1); }
static void *libc_realloc(void *ctx, void *p, size_t n)
{ (void)ctx; return realloc(p, n ? n : 1); }
static void libc_free(void *ctx, void *p)
{ (void)ctx; free(p); }

#define PM_LIBC_ALLOCATOR { NULL, libc_malloc, libc_calloc, libc_realloc, libc_free }
static PmMemAllocator pm_mem_allocator = PM_LIBC_ALLOCATOR;
static PmMemAllocator pm_obj_allocator = PM_LIBC_ALLOCATOR;
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
