#define _POSIX_C_SOURCE 200809L        /* fnmatch */
#include <fnmatch.h>
#include <math.h>
#include <string.h>
#include "pm.h"

static void *xmalloc(size_t n, const char *what)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        Pm_FatalError("tracemalloc", "out of memory for %s", what);
    return p;
}
typedef struct { const PmTraceback *from; PmTraceback *to; } TbMap;

static size_t tb_slot(TbMap *m, size_t mask, const PmTraceback *tb)
{
    size_t i = (size_t)(((uint64_t)(uintptr_t)tb * 0x9E3779B97F4A7C15u) >> 20) & mask;
    while (m[i].from != NULL && m[i].from != tb)
        i = (i + 1) & mask;
    return i;
}

static PmTraceback *tb_copy(const PmTraceback *tb)
{
    size_t bytes = sizeof *tb + tb->nframe * sizeof tb->frames[0];
    return memcpy(xmalloc(bytes, "a snapshot"), tb, bytes);
}
PmTraceSnapshot *PmTraceMalloc_TakeSnapshot(void)
{
    if (!PmTraceMalloc_IsTracing())
        Pm_FatalError("PmTraceMalloc_TakeSnapshot", "the tracemalloc module must be "
                      "tracing memory allocations to take a snapshot");
    size_t slots = _PmTraceMalloc_Slots(), n = 0, cap = 64, mask;
    while (cap < 2 * slots) cap *= 2;
    mask = cap - 1;
    TbMap *map = calloc(cap, sizeof *map);
    PmTraceSnapshot *s = xmalloc(sizeof *s, "a snapshot");
    s->traces = xmalloc(slots * sizeof *s->traces, "a snapshot");
    s->tracebacks = xmalloc(slots * sizeof *s->tracebacks, "a snapshot");
    s->ntracebacks = 0, s->traceback_limit = PmTraceMalloc_GetTracebackLimit();
    if (map == NULL)
        Pm_FatalError("tracemalloc", "out of memory for a snapshot");
    for (size_t i = 0; i < slots; i++) {
        PmTraceSlot t = _PmTraceMalloc_Slot(i);
        if (t.traceback == NULL)
            continue;
        size_t j = tb_slot(map, mask, t.traceback);
        if (map[j].from == NULL) {
            map[j].from = t.traceback;
            map[j].to = s->tracebacks[s->ntracebacks++] = tb_copy(t.traceback);
        }
        s->traces[n++] = (PmTrace){t.domain, t.size, map[j].to};
    }
    s->ntraces = n;
    free(map);
    return s;
}
void PmTraceSnapshot_Free(PmTraceSnapshot *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->ntracebacks; i++)
        free(s->tracebacks[i]);
    free(s->tracebacks), free(s->traces), free(s);
}
static int frame_matches(const PmTraceFilter *f, const PmTraceFrame *fr)
{
    char pat[4096], name[4096];
    size_t lp = strlen(f->filename_pattern), ln = strlen(fr->filename);
    snprintf(pat, sizeof pat, "%s", f->filename_pattern);
    snprintf(name, sizeof name, "%s", fr->filename);
    if (lp >= 4 && lp < sizeof pat && strcmp(pat + lp - 4, ".pyc") == 0) pat[lp - 1] = '\0';
    if (ln >= 4 && ln < sizeof name && strcmp(name + ln - 4, ".pyc") == 0) name[ln - 1] = '\0';
    if (fnmatch(pat, name, FNM_NOESCAPE) != 0)
        return 0;
    return !f->has_lineno || fr->lineno == f->lineno;
}
static int filter_matches(const PmTraceFilter *f, const PmTrace *t)
{
    if (f->filename_pattern == NULL)                  /* DomainFilter */
        return (t->domain == f->domain) ^ !f->inclusive;
    const PmTraceback *tb = t->traceback;
    int res;
    if (f->all_frames) {
        int any = 0;
        for (size_t i = 0; i < tb->nframe && !any; i++)
            any = frame_matches(f, &tb->frames[i]);
        res = any ? f->inclusive : !f->inclusive;
    } else {
        res = frame_matches(f, &tb->frames[0]) ^ !f->inclusive;
    }
    if (f->has_domain)
        return f->inclusive ? res && t->domain == f->domain : res || t->domain != f->domain;
    return res;
}
static int keep_trace(const PmTraceFilter *f, size_t n, const PmTrace *t)
{
    int any_inclusive = 0, matched = 0;
    for (size_t i = 0; i < n; i++)
        if (f[i].inclusive) {
            any_inclusive = 1;
            matched |= filter_matches(&f[i], t);
        }
    if (any_inclusive && !matched)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!f[i].inclusive && !filter_matches(&f[i], t))
            return 0;
    return 1;
}
PmTraceSnapshot *PmTraceSnapshot_FilterTraces(const PmTraceSnapshot *s,
                                              const PmTraceFilter *filters, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * s->ntracebacks) cap *= 2;
    TbMap *map = calloc(cap, sizeof *map);
    PmTraceSnapshot *r = xmalloc(sizeof *r, "a snapshot");
    r->traces = xmalloc(s->ntraces * sizeof *r->traces, "a snapshot");
    r->tracebacks = xmalloc(s->ntracebacks * sizeof *r->tracebacks, "a snapshot");
    r->ntraces = r->ntracebacks = 0, r->traceback_limit = s->traceback_limit;
    if (map == NULL)
        Pm_FatalError("tracemalloc", "out of memory for a snapshot");
    for (size_t i = 0; i < s->ntraces; i++) {
        if (!keep_trace(filters, n, &s->traces[i]))
            continue;
        size_t j = tb_slot(map, cap - 1, s->traces[i].traceback);
        if (map[j].from == NULL) {
            map[j].from = s->traces[i].traceback;
            map[j].to = r->tracebacks[r->ntracebacks++] = tb_copy(map[j].from);
        }
        r->traces[r->ntraces++] = (PmTrace){s->traces[i].domain, s->traces[i].size, map[j].to};
    }
    free(map);
    return r;
}
static unsigned line_of(const PmTraceStat *s, size_t i)
{ return s->no_lineno ? 0 : s->frames[i].lineno; }

static int key_cmp(const PmTraceStat *a, const PmTraceStat *b)
{
    size_t i = a->nframe, j = b->nframe;      /* outermost frame first */
    for (; i > 0 && j > 0; i--, j--) {
        int c = strcmp(a->frames[i - 1].filename, b->frames[j - 1].filename);
        if (c != 0)
            return c;
        unsigned la = line_of(a, i - 1), lb = line_of(b, j - 1);
        if (la != lb)
            return la < lb ? -1 : 1;
    }
    return (i > 0) - (j > 0);
}

static int key_qsort(const void *a, const void *b) { return key_cmp(a, b); }
static PmTraceStats *group_by(const PmTraceSnapshot *s, PmTraceKey key, int cumulative)
{
    if (cumulative && key == PM_TRACE_TRACEBACK)
        Pm_FatalError("PmTraceSnapshot_Statistics",
                      "cumulative mode cannot by used with key type 'traceback'");
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->ntraces; i++)
        cap += cumulative ? s->traces[i].traceback->nframe : 1;
    PmTraceStat *e = xmalloc(cap * sizeof *e, "statistics");
    for (size_t i = 0; i < s->ntraces; i++) {
        const PmTraceback *tb = s->traces[i].traceback;
        size_t nf = cumulative ? tb->nframe : 1;
        for (size_t f = 0; f < nf; f++)
            e[n++] = (PmTraceStat){
                .frames = &tb->frames[f],
                .nframe = key == PM_TRACE_TRACEBACK ? tb->nframe : 1,
                .no_lineno = key == PM_TRACE_FILENAME,
                .size = s->traces[i].size, .count = 1};
    }
    qsort(e, n, sizeof *e, key_qsort);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && key_cmp(&e[m - 1], &e[i]) == 0) {
            e[m - 1].size += e[i].size;
            e[m - 1].count++;
        } else {
            e[m++] = e[i];
        }
    }
    PmTraceStats *st = xmalloc(sizeof *st, "statistics");
    *st = (PmTraceStats){e, m, 0};
    return st;
}
#define CMP3(a, b) ((a) < (b) ? -1 : (a) > (b))
static int stat_order(const void *pa, const void *pb)
{
    const PmTraceStat *a = pa, *b = pb;
    int c = CMP3(a->size, b->size);
    if (c == 0) c = CMP3(a->count, b->count);
    if (c == 0) c = key_cmp(a, b);
    return -c;                                    /* largest first */
}

PmTraceStats *PmTraceSnapshot_Statistics(const PmTraceSnapshot *s, PmTraceKey key,
                                         int cumulative)
{
    PmTraceStats *st = group_by(s, key, cumulative);
    qsort(st->stats, st->n, sizeof *st->stats, stat_order);
    return st;
}

void PmTraceStats_Free(PmTraceStats *st) { if (st) free(st->stats), free(st); }
static PmTraceStat diff_of(const PmTraceStat *now, const PmTraceStat *then)
{
    PmTraceStat d = now ? *now : *then;
    d.size = now ? now->size : 0;
    d.count = now ? now->count : 0;
    d.size_diff = (long long)d.size - (long long)(then ? then->size : 0);
    d.count_diff = (long long)d.count - (long long)(then ? then->count : 0);
    return d;
}

#define ABSLL(x) ((x) < 0 ? -(x) : (x))
static int diff_order(const void *pa, const void *pb)
{
    const PmTraceStat *a = pa, *b = pb;
    int c = CMP3(ABSLL(a->size_diff), ABSLL(b->size_diff));
    if (c == 0) c = CMP3(a->size, b->size);
    if (c == 0) c = CMP3(ABSLL(a->count_diff), ABSLL(b->count_diff));
    if (c == 0) c = CMP3(a->count, b->count);
    if (c == 0) c = key_cmp(a, b);
    return -c;
}
PmTraceStats *PmTraceSnapshot_CompareTo(const PmTraceSnapshot *s, const PmTraceSnapshot *old,
                                        PmTraceKey key, int cumulative)
{
    PmTraceStats *a = group_by(s, key, cumulative), *b = group_by(old, key, cumulative);
    PmTraceStat *d = xmalloc((a->n + b->n) * sizeof *d, "statistics");
    size_t i = 0, j = 0, n = 0;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : key_cmp(&a->stats[i], &b->stats[j]);
        d[n++] = c < 0 ? diff_of(&a->stats[i++], NULL)
               : c > 0 ? diff_of(NULL, &b->stats[j++])
               : (j++, diff_of(&a->stats[i++], &b->stats[j - 1]));
    }
    qsort(d, n, sizeof *d, diff_order);
    PmTraceStats_Free(a), PmTraceStats_Free(b);
    PmTraceStats *st = xmalloc(sizeof *st, "statistics");
    *st = (PmTraceStats){d, n, 1};
    return st;
}
char *PmTraceMalloc_FormatSize(double size, int sign, char *buf, size_t n)
{
    static const char *unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    for (int u = 0; u < 5; u++) {
        if (fabs(size) < 100 && u > 0) {
            snprintf(buf, n, sign ? "%+.1f %s" : "%.1f %s", size, unit[u]);
            return buf;
        }
        if (fabs(size) < 10 * 1024 || u == 4) {
            snprintf(buf, n, sign ? "%+.0f %s" : "%.0f %s", size, unit[u]);
            return buf;
        }
        size /= 1024;
    }
    return buf;                                       /* not reached */
}
char *PmTraceStat_Format(const PmTraceStat *st, int diff, char *buf, size_t n)
{
    char size[32], sdiff[32], avg[32];
    const PmTraceFrame *first = &st->frames[st->nframe - 1];
    int k = snprintf(buf, n, "%s:%u: size=%s", first->filename, line_of(st, st->nframe - 1),
                     PmTraceMalloc_FormatSize((double)st->size, 0, size, sizeof size));
    if (diff)
        k += snprintf(buf + k, n - (size_t)k, " (%s), count=%zu (%+lld)",
                      PmTraceMalloc_FormatSize((double)st->size_diff, 1, sdiff, sizeof sdiff),
                      st->count, st->count_diff);
    else
        k += snprintf(buf + k, n - (size_t)k, ", count=%zu", st->count);
    if (st->count)
        snprintf(buf + k, n - (size_t)k, ", average=%s",
                 PmTraceMalloc_FormatSize((double)st->size / (double)st->count, 0, avg, sizeof avg));
    return buf;
}
