#include <string.h>
#include "answers.h"

static struct {
    PmMemAllocator wrapped;
    PmMemDomain domain;
    long calls, fail_from;
} failing;

static int fails(void) { return ++failing.calls >= failing.fail_from; }

static void *fail_malloc(void *ctx, size_t n)
{ (void)ctx; return fails() ? NULL : failing.wrapped.malloc(failing.wrapped.ctx, n); }
static void *fail_calloc(void *ctx, size_t k, size_t n)
{ (void)ctx; return fails() ? NULL : failing.wrapped.calloc(failing.wrapped.ctx, k, n); }
static void *fail_realloc(void *ctx, void *p, size_t n)
{ (void)ctx; return fails() ? NULL : failing.wrapped.realloc(failing.wrapped.ctx, p, n); }
static void fail_free(void *ctx, void *p)
{ (void)ctx; failing.wrapped.free(failing.wrapped.ctx, p); }
void Ans3_FailAfter(PmMemDomain domain, long n)
{
    PmMem_GetAllocator(domain, &failing.wrapped);
    failing.domain = domain;
    failing.calls = 0;
    failing.fail_from = n;
    PmMemAllocator a = {NULL, fail_malloc, fail_calloc, fail_realloc, fail_free};
    PmMem_SetAllocator(domain, &a);
}

void Ans3_FailStop(void) { PmMem_SetAllocator(failing.domain, &failing.wrapped); }
typedef struct { void *p; size_t size; } Trace;

static struct {
    Trace *table;                          /* 1 << log2 slots, half full at most */
    int log2;
    size_t used, current, peak;
    int inside;                            /* a traced call is in progress */
    PmMemAllocator wrapped[PM_MEM_NDOMAINS];
} traced;

static size_t home(const void *p)
{ return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u) >> (64 - traced.log2)); }

static size_t find(const void *p)
{
    size_t mask = ((size_t)1 << traced.log2) - 1, i = home(p);
    while (traced.table[i].p != NULL && traced.table[i].p != p)
        i = (i + 1) & mask;
    return i;
}
static void trace(void *p, size_t size)
{
    if (2 * (traced.used + 1) > (size_t)1 << traced.log2) {      /* grow */
        Trace *old = traced.table;
        size_t n = (size_t)1 << traced.log2;
        traced.table = calloc((size_t)2 << traced.log2, sizeof(Trace));
        if (traced.table == NULL)
            Pm_FatalError("Ans3_TraceStart", "out of memory for the trace table");
        traced.log2++;
        for (size_t i = 0; i < n; i++)
            if (old[i].p != NULL)
                traced.table[find(old[i].p)] = old[i];
        free(old);
    }
    traced.table[find(p)] = (Trace){ p, size };
    traced.used++;
    if ((traced.current += size) > traced.peak)
        traced.peak = traced.current;
}
static void untrace(void *p)
{
    size_t mask = ((size_t)1 << traced.log2) - 1, i = find(p), j = i;
    if (traced.table[i].p == NULL)
        return;                            /* allocated before tracing began */
    traced.current -= traced.table[i].size;
    traced.used--;
    for (;;) {                             /* close the hole at i */
        j = (j + 1) & mask;
        if (traced.table[j].p == NULL)
            break;
        size_t h = home(traced.table[j].p);
        if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
            traced.table[i] = traced.table[j];
            i = j;
        }
    }
    traced.table[i].p = NULL;
}
static PmMemAllocator *wrapped_of(void *ctx) { return &traced.wrapped[*(PmMemDomain *)ctx]; }

static void *trace_malloc(void *ctx, size_t n)
{
    PmMemAllocator *w = wrapped_of(ctx);
    if (traced.inside)                     /* inside a traced call: pass on */
        return w->malloc(w->ctx, n);
    traced.inside = 1;
    void *p = w->malloc(w->ctx, n);
    traced.inside = 0;
    if (p != NULL)
        trace(p, n);
    return p;
}

static void *trace_calloc(void *ctx, size_t k, size_t n)
{
    PmMemAllocator *w = wrapped_of(ctx);
    if (traced.inside)
        return w->calloc(w->ctx, k, n);
    traced.inside = 1;
    void *p = w->calloc(w->ctx, k, n);
    traced.inside = 0;
    if (p != NULL)
        trace(p, k * n);
    return p;
}
static void *trace_realloc(void *ctx, void *p, size_t n)
{
    PmMemAllocator *w = wrapped_of(ctx);
    if (traced.inside)
        return w->realloc(w->ctx, p, n);
    traced.inside = 1;
    void *q = w->realloc(w->ctx, p, n);
    traced.inside = 0;
    if (q != NULL) {
        if (p != NULL)
            untrace(p);
        trace(q, n);
    }
    return q;
}

static void trace_free(void *ctx, void *p)
{
    PmMemAllocator *w = wrapped_of(ctx);
    if (!traced.inside && p != NULL)
        untrace(p);
    int outer = !traced.inside;
    traced.inside = 1;
    w->free(w->ctx, p);
    traced.inside = !outer;
}
static PmMemDomain domain_of[PM_MEM_NDOMAINS] = {PM_MEM_DOMAIN_RAW, PM_MEM_DOMAIN_MEM,
                                                  PM_MEM_DOMAIN_OBJ};

void Ans3_TraceStart(void)
{
    traced.log2 = 10;
    traced.used = traced.current = traced.peak = 0;
    traced.table = calloc((size_t)1 << traced.log2, sizeof(Trace));
    if (traced.table == NULL)
        Pm_FatalError("Ans3_TraceStart", "out of memory for the trace table");
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        PmMem_GetAllocator(d, &traced.wrapped[d]);
        PmMemAllocator a = {&domain_of[d], trace_malloc, trace_calloc, trace_realloc,
                            trace_free};
        PmMem_SetAllocator(d, &a);
    }
}

void Ans3_TraceStop(void)
{
    for (int d = 0; d < PM_MEM_NDOMAINS; d++)
        PmMem_SetAllocator(d, &traced.wrapped[d]);
    free(traced.table);
    traced.table = NULL;
}

void Ans3_TracedMemory(size_t *current, size_t *peak)
{
    *current = traced.current;
    *peak = traced.peak;
}
