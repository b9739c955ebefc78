#include <string.h>
#include "pm.h"

const char *_PmTraceMalloc_file;
unsigned _PmTraceMalloc_line;

typedef struct {
    uintptr_t ptr;                       /* the block's address          */
    unsigned domain;                     /* 0 for the runtime's domains  */
    size_t size;                         /* bytes asked for              */
    PmTraceback *tb;                     /* NULL: the slot is empty      */
} TraceEntry;
typedef struct { PmMemAllocator wrapped; } TraceHook;

static struct {
    int tracing, max_nframe, reentrant;
    TraceHook hooks[PM_MEM_NDOMAINS];
    TraceEntry *traces;                  /* 1 << log2 slots, at most half used */
    size_t traces_log2, ntraces;
    PmTraceback **tracebacks;            /* interned; 1 << tb_log2 slots       */
    size_t tb_log2, ntracebacks, tb_bytes;
    size_t traced, peak;                 /* bytes of the traced blocks         */
    PmTraceback *last_tb;                    /* of the stack; NULL: nothing cached */
    uint64_t last_version;                   /* the stack's version for last_tb */
    struct { const char *file; unsigned line; PmTraceback *tb; } sites[64];
    PmTraceFrame *scratch;                   /* max_nframe frames */
} tm;
static struct {
    PmTraceFrame *frames;                /* outermost first */
    size_t depth, cap;
    uint64_t version;                    /* bumped by every change */
} stack;

void PmTraceMalloc_PushFrame(const char *filename, unsigned lineno)
{
    if (stack.depth == stack.cap) {
        stack.cap = stack.cap ? 2 * stack.cap : 64;
        stack.frames = realloc(stack.frames, stack.cap * sizeof *stack.frames);
        if (stack.frames == NULL)
            Pm_FatalError("PmTraceMalloc_PushFrame", "out of memory for %zu frames", stack.cap);
    }
    stack.frames[stack.depth++] = (PmTraceFrame){filename, lineno};
    stack.version++;
}
void PmTraceMalloc_SetLineno(unsigned lineno)
{
    if (stack.depth == 0)
        Pm_FatalError("PmTraceMalloc_SetLineno", "no frame has been pushed");
    stack.frames[stack.depth - 1].lineno = lineno;
    stack.version++;
}

void PmTraceMalloc_PopFrame(void)
{
    if (stack.depth == 0)
        Pm_FatalError("PmTraceMalloc_PopFrame", "no frame to pop");
    if (--stack.depth == 0) {            /* the program's last frame is gone */
        free(stack.frames);
        stack.frames = NULL, stack.cap = 0;
    }
    stack.version++;
}
static uint64_t frames_hash(const PmTraceFrame *f, size_t n)
{
    uint64_t h = 0x345678u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ ((uint64_t)(uintptr_t)f[i].filename * 31 + f[i].lineno))
            * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static int same_frames(const PmTraceback *tb, const PmTraceFrame *f, size_t n)
{
    if (tb->nframe != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tb->frames[i].filename != f[i].filename || tb->frames[i].lineno != f[i].lineno)
            return 0;
    return 1;
}
static void tracebacks_grow(void)
{
    size_t old = tm.tracebacks ? (size_t)1 << tm.tb_log2 : 0;
    PmTraceback **t = tm.tracebacks;
    tm.tb_log2 = old ? tm.tb_log2 + 1 : 8;
    tm.tracebacks = calloc((size_t)1 << tm.tb_log2, sizeof *tm.tracebacks);
    if (tm.tracebacks == NULL)
        Pm_FatalError("tracemalloc", "out of memory for the traceback table");
    size_t mask = ((size_t)1 << tm.tb_log2) - 1;
    for (size_t i = 0; i < old; i++)
        if (t[i] != NULL) {
            size_t j = t[i]->hash & mask;
            while (tm.tracebacks[j] != NULL)
                j = (j + 1) & mask;
            tm.tracebacks[j] = t[i];
        }
    free(t);
}
static PmTraceback *traceback_intern(const PmTraceFrame *f, size_t n, size_t total)
{
    if (tm.tracebacks == NULL || 2 * (tm.ntracebacks + 1) > (size_t)1 << tm.tb_log2)
        tracebacks_grow();
    uint64_t h = frames_hash(f, n);
    size_t mask = ((size_t)1 << tm.tb_log2) - 1, i = h & mask;
    for (; tm.tracebacks[i] != NULL; i = (i + 1) & mask)
        if (tm.tracebacks[i]->hash == h && same_frames(tm.tracebacks[i], f, n)
            && tm.tracebacks[i]->total_nframe == total)
            return tm.tracebacks[i];
    size_t bytes = sizeof(PmTraceback) + n * sizeof *f;
    PmTraceback *tb = malloc(bytes);
    if (tb == NULL)
        Pm_FatalError("tracemalloc", "out of memory for a traceback");
    tb->hash = h, tb->nframe = (uint16_t)n, tb->total_nframe = (uint16_t)total;
    memcpy(tb->frames, f, n * sizeof *f);
    tm.tracebacks[i] = tb, tm.ntracebacks++, tm.tb_bytes += bytes;
    return tb;
}
static PmTraceback *traceback_build(void)
{
    size_t n = 0;
    if (stack.depth == 0)
        tm.scratch[n++] = _PmTraceMalloc_file
            ? (PmTraceFrame){_PmTraceMalloc_file, _PmTraceMalloc_line}
            : (PmTraceFrame){"<unknown>", 0};
    for (size_t i = stack.depth; i > 0 && n < (size_t)tm.max_nframe; i--)
        tm.scratch[n++] = stack.frames[i - 1];
    size_t total = stack.depth ? stack.depth : 1;
    return traceback_intern(tm.scratch, n, total > 65535 ? 65535 : total);
}
static PmTraceback *traceback_now(void)
{
    if (stack.depth > 0) {
        if (tm.last_tb == NULL || tm.last_version != stack.version)
            tm.last_tb = traceback_build(), tm.last_version = stack.version;
        return tm.last_tb;
    }
    const char *file = _PmTraceMalloc_file;
    unsigned line = _PmTraceMalloc_line;
    size_t k = (line ^ (unsigned)((uintptr_t)file >> 4)) & 63;
    if (tm.sites[k].tb == NULL || tm.sites[k].line != line || tm.sites[k].file != file)
        tm.sites[k].file = file, tm.sites[k].line = line, tm.sites[k].tb = traceback_build();
    return tm.sites[k].tb;
}
#define TRACE_CHUNK_BITS 4                  /* 16 granules of 16 bytes */
static size_t trace_home(unsigned domain, uintptr_t ptr)
{
    uint64_t granule = (uint64_t)ptr >> 4;
    uint64_t chunk = (granule >> TRACE_CHUNK_BITS) ^ ((uint64_t)domain << 40);
    uint64_t run = (chunk * 0x9E3779B97F4A7C15u) >> (64 - tm.traces_log2);
    uint64_t in_chunk = granule & ((1u << TRACE_CHUNK_BITS) - 1);
    return (size_t)(((run << TRACE_CHUNK_BITS) | in_chunk) & (((size_t)1 << tm.traces_log2) - 1));
}

static size_t trace_find(unsigned domain, uintptr_t ptr)
{
    size_t mask = ((size_t)1 << tm.traces_log2) - 1, i = trace_home(domain, ptr);
    while (tm.traces[i].tb != NULL && (tm.traces[i].ptr != ptr || tm.traces[i].domain != domain))
        i = (i + 1) & mask;
    return i;
}
static void traces_grow(void)
{
    TraceEntry *old = tm.traces;
    size_t n = (size_t)1 << tm.traces_log2;
    tm.traces = calloc(2 * n, sizeof *tm.traces);
    if (tm.traces == NULL)
        Pm_FatalError("tracemalloc", "out of memory for %zu traces", 2 * n);
    tm.traces_log2++;
    for (size_t i = 0; i < n; i++)
        if (old[i].tb != NULL)
            tm.traces[trace_find(old[i].domain, old[i].ptr)] = old[i];
    free(old);
}
static void trace_add(unsigned domain, uintptr_t ptr, size_t size, PmTraceback *tb)
{
    if (2 * (tm.ntraces + 1) > (size_t)1 << tm.traces_log2)
        traces_grow();
    TraceEntry *e = &tm.traces[trace_find(domain, ptr)];
    if (e->tb != NULL)
        tm.traced -= e->size;
    else
        tm.ntraces++;
    *e = (TraceEntry){ptr, domain, size, tb};
    if ((tm.traced += size) > tm.peak)
        tm.peak = tm.traced;
}
static void trace_remove(unsigned domain, uintptr_t ptr)
{
    size_t mask = ((size_t)1 << tm.traces_log2) - 1, i = trace_find(domain, ptr), j = i;
    if (tm.traces[i].tb == NULL)
        return;                          /* allocated before tracing began */
    tm.traced -= tm.traces[i].size;
    tm.ntraces--;
    for (;;) {
        j = (j + 1) & mask;
        if (tm.traces[j].tb == NULL)
            break;
        size_t h = trace_home(tm.traces[j].domain, tm.traces[j].ptr);
        if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
            tm.traces[i] = tm.traces[j];
            i = j;
        }
    }
    tm.traces[i].tb = NULL;
}
static void *tm_malloc(void *ctx, size_t n)
{
    TraceHook *h = ctx;
    if (tm.reentrant)
        return h->wrapped.malloc(h->wrapped.ctx, n);
    tm.reentrant = 1;
    void *p = h->wrapped.malloc(h->wrapped.ctx, n);
    tm.reentrant = 0;
    if (p != NULL)
        trace_add(0, (uintptr_t)p, n, traceback_now());
    return p;
}
static void *tm_calloc(void *ctx, size_t k, size_t n)
{
    TraceHook *h = ctx;
    if (tm.reentrant)
        return h->wrapped.calloc(h->wrapped.ctx, k, n);
    tm.reentrant = 1;
    void *p = h->wrapped.calloc(h->wrapped.ctx, k, n);
    tm.reentrant = 0;
    if (p != NULL)
        trace_add(0, (uintptr_t)p, k * n, traceback_now());
    return p;
}
static void *tm_realloc(void *ctx, void *p, size_t n)
{
    TraceHook *h = ctx;
    if (tm.reentrant)
        return h->wrapped.realloc(h->wrapped.ctx, p, n);
    tm.reentrant = 1;
    void *q = h->wrapped.realloc(h->wrapped.ctx, p, n);
    tm.reentrant = 0;
    if (q == NULL)
        return NULL;                     /* the old block and its trace stay */
    if (p != NULL && q != p)
        trace_remove(0, (uintptr_t)p);
    trace_add(0, (uintptr_t)q, n, traceback_now());
    return q;
}
static void tm_free(void *ctx, void *p)
{
    TraceHook *h = ctx;
    if (!tm.reentrant && p != NULL)
        trace_remove(0, (uintptr_t)p);
    int outer = !tm.reentrant;
    tm.reentrant = 1;
    h->wrapped.free(h->wrapped.ctx, p);
    tm.reentrant = !outer;
}
void PmTraceMalloc_Start(int nframe)
{
    if (nframe < 1 || nframe > PM_TRACEMALLOC_MAX_NFRAME)
        Pm_FatalError("PmTraceMalloc_Start", "the number of frames must be in range [1; %d]",
                      PM_TRACEMALLOC_MAX_NFRAME);
    if (tm.tracing)
        return;
    tm.max_nframe = nframe;
    tm.scratch = malloc((size_t)nframe * sizeof *tm.scratch);
    tm.traces_log2 = 10;
    tm.traces = calloc((size_t)1 << tm.traces_log2, sizeof *tm.traces);
    if (tm.scratch == NULL || tm.traces == NULL)
        Pm_FatalError("PmTraceMalloc_Start", "out of memory for the tracer");
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        PmMem_GetAllocator(d, &tm.hooks[d].wrapped);
        PmMemAllocator a = {&tm.hooks[d], tm_malloc, tm_calloc, tm_realloc, tm_free};
        PmMem_SetAllocator(d, &a);
    }
    tm.tracing = 1;
}
void PmTraceMalloc_ClearTraces(void)
{
    if (!tm.tracing)
        return;
    memset(tm.traces, 0, ((size_t)1 << tm.traces_log2) * sizeof *tm.traces);
    for (size_t i = 0; tm.tracebacks && i < (size_t)1 << tm.tb_log2; i++)
        free(tm.tracebacks[i]);
    free(tm.tracebacks);
    tm.tracebacks = NULL, tm.ntracebacks = tm.tb_bytes = 0;
    tm.ntraces = tm.traced = tm.peak = 0;
    tm.last_tb = NULL;
    memset(tm.sites, 0, sizeof tm.sites);
}

void PmTraceMalloc_Stop(void)
{
    if (!tm.tracing)
        return;
    for (int d = 0; d < PM_MEM_NDOMAINS; d++)
        PmMem_SetAllocator(d, &tm.hooks[d].wrapped);
    PmTraceMalloc_ClearTraces();
    free(tm.traces), free(tm.scratch);
    tm.traces = NULL, tm.scratch = NULL;
    tm.tracing = 0;
}
int PmTraceMalloc_IsTracing(void) { return tm.tracing; }
int PmTraceMalloc_GetTracebackLimit(void) { return tm.tracing ? tm.max_nframe : 1; }

void PmTraceMalloc_GetTracedMemory(size_t *current, size_t *peak)
{
    *current = tm.tracing ? tm.traced : 0;
    *peak = tm.tracing ? tm.peak : 0;
}

void PmTraceMalloc_ResetPeak(void) { if (tm.tracing) tm.peak = tm.traced; }

size_t PmTraceMalloc_GetMemory(void)
{
    if (!tm.tracing)
        return 0;
    return ((size_t)1 << tm.traces_log2) * sizeof(TraceEntry)
         + (tm.tracebacks ? ((size_t)1 << tm.tb_log2) * sizeof(PmTraceback *) : 0)
         + tm.tb_bytes + (size_t)tm.max_nframe * sizeof(PmTraceFrame);
}
const PmTraceback *PmTraceMalloc_GetTraceback(unsigned domain, uintptr_t ptr)
{
    return tm.tracing ? tm.traces[trace_find(domain, ptr)].tb : NULL;
}

const PmTraceback *PmTraceMalloc_GetObjectTraceback(const void *op)
{
    return PmTraceMalloc_GetTraceback(0, (uintptr_t)op);
}

void PmTraceMalloc_Track(unsigned domain, uintptr_t ptr, size_t size)
{
    if (tm.tracing)
        trace_add(domain, ptr, size, traceback_now());
}

void PmTraceMalloc_Untrack(unsigned domain, uintptr_t ptr)
{
    if (tm.tracing)
        trace_remove(domain, ptr);
}
size_t _PmTraceMalloc_Slots(void) { return tm.tracing ? (size_t)1 << tm.traces_log2 : 0; }

PmTraceSlot _PmTraceMalloc_Slot(size_t i)
{
    TraceEntry *e = &tm.traces[i];
    if (e->tb == NULL)
        return (PmTraceSlot){0, 0, 0, NULL, 0};
    return (PmTraceSlot){e->ptr, e->domain, e->size, e->tb, trace_home(e->domain, e->ptr)};
}
