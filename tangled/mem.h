#ifndef PM_MEM_H
#define PM_MEM_H
#include <stddef.h>

/* An allocator: a context and four functions (CPython: PyMemAllocatorEx). */
typedef struct {
    void *ctx;
    void *(*malloc)(void *ctx, size_t size);
    void *(*calloc)(void *ctx, size_t nelem, size_t elsize);
    void *(*realloc)(void *ctx, void *ptr, size_t new_size);
    void (*free)(void *ctx, void *ptr);
} PmMemAllocator;

void *PmMem_Malloc(size_t size);
void *PmMem_Realloc(void *ptr, size_t size);
void  PmMem_Free(void *ptr);
void *PmObject_Malloc(size_t size);
void  PmObject_Free(void *ptr);
/* declarations added by later chapters follow */
#endif
