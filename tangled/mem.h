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
typedef enum {
    PM_MEM_DOMAIN_RAW,                 /* PmMem_Raw*:  general memory    */
    PM_MEM_DOMAIN_MEM,                 /* PmMem_*:     objects' buffers  */
    PM_MEM_DOMAIN_OBJ,                 /* PmObject_*:  objects           */
    PM_MEM_NDOMAINS
} PmMemDomain;

void *PmMem_RawMalloc(size_t size);
void *PmMem_RawCalloc(size_t nelem, size_t elsize);
void *PmMem_RawRealloc(void *ptr, size_t size);
void  PmMem_RawFree(void *ptr);
void *PmMem_Calloc(size_t nelem, size_t elsize);
void *PmObject_Calloc(size_t nelem, size_t elsize);
void *PmObject_Realloc(void *ptr, size_t size);
void PmMem_GetAllocator(PmMemDomain domain, PmMemAllocator *allocator);
void PmMem_SetAllocator(PmMemDomain domain, const PmMemAllocator *allocator);
const char *PmMem_DomainName(PmMemDomain domain);
typedef struct {
    size_t mallocs, callocs, reallocs, frees;   /* calls of each kind */
    size_t bytes;                               /* bytes requested    */
} PmMemStats;

void PmMem_StatsStart(void);
void PmMem_StatsStop(void);
PmMemStats PmMem_GetStats(PmMemDomain domain);
typedef struct {
    size_t rss;                        /* resident set size, bytes       */
    size_t uss;                        /* unique (private) set, bytes    */
} PmProcessMemory;
PmProcessMemory Pm_GetProcessMemory(void);
extern const PmMemAllocator PmMem_Pymalloc;
#include <stdio.h>
int PmMem_CheckHeap(char *why, size_t n);
int Pm_PymallocCheckHeap(char *why, size_t n);
#define PM_HAVE_CHECK_HEAP 1
void Pm_DebugMallocStats(FILE *out);
typedef struct {
    size_t arenas_allocated_total, arenas_reclaimed, arenas_highwater, arenas_current;
    size_t blocks_in_use, bytes_in_use;
} PmObmallocStats;
PmObmallocStats Pm_GetObmallocStats(void);
enum { PM_POOL_NEVER_USED, PM_POOL_EMPTY, PM_POOL_USED, PM_POOL_FULL };
enum { PM_BLOCK_NEVER_USED, PM_BLOCK_FREE, PM_BLOCK_ALLOCATED };
int Pm_ArenaPools(const void *p, int state[], unsigned szidx[]);
int Pm_PoolBlocks(const void *p, int state[], int max);
#define PM_POOLS_IN_ARENA_MAX 64
void PmMem_SetupDebugHooks(void);
void PmMem_DebugCheck(void);
#include <stdint.h>
#define PM_CLEANBYTE      0xCD
#define PM_DEADBYTE       0xDD
#define PM_FORBIDDENBYTE  0xFD
#define PM_DEBUG_FRAMES   6            /* call sites kept per allocation */
#define PM_FREE_FRAMES    3            /* call sites kept per free       */
#define PM_TAIL_PAD       8            /* forbidden bytes after the data */
typedef struct {
    size_t size;                       /* bytes the caller asked for */
    size_t serial;                     /* n-th debug allocation      */
    void *allocated_at[PM_DEBUG_FRAMES];
    void *freed_at[PM_FREE_FRAMES];
    uint8_t id;                        /* 'r' 'm' 'o'; 'R' 'M' 'O' once freed */
    uint8_t pad[7];                    /* PM_FORBIDDENBYTE                    */
} PmDebugHeader;
_Static_assert(sizeof(PmDebugHeader) % 16 == 0, "the data stays 16-byte aligned");
#define PM_HEAD(p) ((PmDebugHeader *)(p) - 1)
#define PM_TAIL(p) ((uint8_t *)(p) + PM_HEAD(p)->size)
extern const PmMemAllocator PmMem_Segments;
int Pm_SegmentPools(const void *p, int state[], unsigned szidx[]);
const void *Pm_SegmentDescriptor(const void *p);
int Pm_SegmentPoolBlocks(const void *p, int state[], int max);
void Pm_SegmentsDebugMallocStats(FILE *out);
PmObmallocStats Pm_GetSegmentsStats(void);
#endif
