#ifndef PM_TRACEMALLOC_H
#define PM_TRACEMALLOC_H
#include <stddef.h>
#include <stdint.h>
typedef struct {
    const char *filename;              /* "<unknown>" when nothing is known */
    unsigned lineno;
} PmTraceFrame;

typedef struct PmTraceback {
    uint64_t hash;                     /* of the frames, for interning   */
    uint16_t nframe;                   /* frames kept (<= the limit)     */
    uint16_t total_nframe;             /* frames the stack had           */
    PmTraceFrame frames[];             /* innermost first                */
} PmTraceback;
#define PM_TRACEMALLOC_MAX_NFRAME 65535
void PmTraceMalloc_PushFrame(const char *filename, unsigned lineno);
void PmTraceMalloc_SetLineno(unsigned lineno);
void PmTraceMalloc_PopFrame(void);
void PmTraceMalloc_Start(int nframe);
void PmTraceMalloc_Stop(void);
int PmTraceMalloc_IsTracing(void);
int PmTraceMalloc_GetTracebackLimit(void);
void PmTraceMalloc_GetTracedMemory(size_t *current, size_t *peak);
void PmTraceMalloc_ResetPeak(void);
size_t PmTraceMalloc_GetMemory(void);
void PmTraceMalloc_ClearTraces(void);
const PmTraceback *PmTraceMalloc_GetTraceback(unsigned domain, uintptr_t ptr);
const PmTraceback *PmTraceMalloc_GetObjectTraceback(const void *op);
void PmTraceMalloc_Track(unsigned domain, uintptr_t ptr, size_t size);
void PmTraceMalloc_Untrack(unsigned domain, uintptr_t ptr);
typedef struct {
    uintptr_t ptr;
    unsigned domain;
    size_t size;
    const PmTraceback *traceback;        /* NULL: an empty slot */
    size_t home;                         /* the slot the address hashes to */
} PmTraceSlot;
size_t _PmTraceMalloc_Slots(void);
PmTraceSlot _PmTraceMalloc_Slot(size_t i);
typedef struct {
    unsigned domain;
    size_t size;
    const PmTraceback *traceback;        /* owned by the snapshot */
} PmTrace;

typedef struct {
    PmTrace *traces;
    size_t ntraces;
    int traceback_limit;
    PmTraceback **tracebacks;            /* the copies the traces point to */
    size_t ntracebacks;
} PmTraceSnapshot;

PmTraceSnapshot *PmTraceMalloc_TakeSnapshot(void);
void PmTraceSnapshot_Free(PmTraceSnapshot *s);
typedef enum { PM_TRACE_LINENO, PM_TRACE_FILENAME, PM_TRACE_TRACEBACK } PmTraceKey;

typedef struct {
    const PmTraceFrame *frames;          /* innermost first, in a snapshot */
    size_t nframe;
    int no_lineno;                       /* 'filename': every line is 0    */
    size_t size, count;
    long long size_diff, count_diff;     /* compare_to only                */
} PmTraceStat;

typedef struct { PmTraceStat *stats; size_t n; int diff; } PmTraceStats;
PmTraceStats *PmTraceSnapshot_Statistics(const PmTraceSnapshot *s, PmTraceKey key,
                                         int cumulative);
void PmTraceStats_Free(PmTraceStats *st);
PmTraceStats *PmTraceSnapshot_CompareTo(const PmTraceSnapshot *s, const PmTraceSnapshot *old,
                                        PmTraceKey key, int cumulative);
typedef struct {
    int inclusive;
    const char *filename_pattern;        /* NULL: a DomainFilter        */
    int has_lineno;  unsigned lineno;    /* Filter's lineno=None: 0      */
    int all_frames;
    int has_domain;  unsigned domain;    /* Filter's domain=None: 0      */
} PmTraceFilter;

PmTraceSnapshot *PmTraceSnapshot_FilterTraces(const PmTraceSnapshot *s,
                                              const PmTraceFilter *filters, size_t n);
char *PmTraceMalloc_FormatSize(double size, int sign, char *buf, size_t n);
char *PmTraceStat_Format(const PmTraceStat *st, int diff, char *buf, size_t n);
extern const char *_PmTraceMalloc_file;     /* set by the macros below */
extern unsigned _PmTraceMalloc_line;
static inline void _PmTraceMalloc_Site(const char *file, unsigned line)
{
    _PmTraceMalloc_file = file, _PmTraceMalloc_line = line;
}
#define _PM_SITE _PmTraceMalloc_Site(__FILE__, __LINE__)
#ifndef PM_BUILD_CORE
#define PmMem_RawMalloc(n) (_PM_SITE, (PmMem_RawMalloc)(n))
#define PmMem_RawCalloc(k, n) (_PM_SITE, (PmMem_RawCalloc)(k, n))
#define PmMem_RawRealloc(p, n) (_PM_SITE, (PmMem_RawRealloc)(p, n))
#define PmMem_Malloc(n) (_PM_SITE, (PmMem_Malloc)(n))
#define PmMem_Calloc(k, n) (_PM_SITE, (PmMem_Calloc)(k, n))
#define PmMem_Realloc(p, n) (_PM_SITE, (PmMem_Realloc)(p, n))
#define PmObject_Malloc(n) (_PM_SITE, (PmObject_Malloc)(n))
#define PmObject_Calloc(k, n) (_PM_SITE, (PmObject_Calloc)(k, n))
#define PmObject_Realloc(p, n) (_PM_SITE, (PmObject_Realloc)(p, n))
#define PmObject_New(tp) (_PM_SITE, (PmObject_New)(tp))
#define PmObject_NewVar(tp, n) (_PM_SITE, (PmObject_NewVar)(tp, n))
#define PmInt_FromLong(v) (_PM_SITE, (PmInt_FromLong)(v))
#define PmFloat_FromDouble(v) (_PM_SITE, (PmFloat_FromDouble)(v))
#define PmStr_FromString(s) (_PM_SITE, (PmStr_FromString)(s))
#define PmStr_FromStringAndSize(s, n) (_PM_SITE, (PmStr_FromStringAndSize)(s, n))
#define PmStr_Concat(a, b) (_PM_SITE, (PmStr_Concat)(a, b))
#define PmList_New(n) (_PM_SITE, (PmList_New)(n))
#define PmList_Append(l, v) (_PM_SITE, (PmList_Append)(l, v))
#define PmList_FromInts(n, v) (_PM_SITE, (PmList_FromInts)(n, v))
#define PmList_Repeat(l, n) (_PM_SITE, (PmList_Repeat)(l, n))
#define PmTuple_New(n) (_PM_SITE, (PmTuple_New)(n))
#define PmDict_New() (_PM_SITE, (PmDict_New)())
#define PmDict_SetItem(d, k, v) (_PM_SITE, (PmDict_SetItem)(d, k, v))
#define PmCopy_Copy(x) (_PM_SITE, (PmCopy_Copy)(x))
#define PmCopy_DeepCopy(x) (_PM_SITE, (PmCopy_DeepCopy)(x))
#endif
#endif
