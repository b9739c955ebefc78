#include "answers.h"

void Ans14_DisplayTop(const PmTraceSnapshot *s, PmTraceKey key, size_t limit, FILE *out)
{
    PmTraceFilter drop[] = {{.inclusive = 0, .filename_pattern = "<frozen importlib._bootstrap>"},
                            {.inclusive = 0, .filename_pattern = "<unknown>"}};
    PmTraceSnapshot *kept = PmTraceSnapshot_FilterTraces(s, drop, 2);
    PmTraceStats *st = PmTraceSnapshot_Statistics(kept, key, 0);
    size_t other = 0, total = 0;
    fprintf(out, "Top %zu lines\n", limit);
    for (size_t i = 0; i < st->n; i++) {
        const PmTraceStat *t = &st->stats[i];
        total += t->size;
        if (i >= limit) { other += t->size; continue; }
        fprintf(out, "#%zu: %s:%u: %.1f KiB\n", i + 1, t->frames[t->nframe - 1].filename,
                t->no_lineno ? 0 : t->frames[t->nframe - 1].lineno, t->size / 1024.0);
    }
    if (st->n > limit)
        fprintf(out, "%zu other: %.1f KiB\n", st->n - limit, other / 1024.0);
    fprintf(out, "Total allocated size: %.1f KiB\n", total / 1024.0);
    PmTraceStats_Free(st);
    PmTraceSnapshot_Free(kept);
}
