#include "pm.h"

typedef struct { unsigned domain; size_t size; int n; PmTraceFrame f[3]; } Given;
#define M "main.py"
#define A "app.py"
#define U "lib/util.py"
static const Given old_traces[] = {
    {0, 424, 2, {{A, 19}, {M, 5}}},
    {0, 424, 2, {{A, 18}, {M, 5}}},
    {0, 64, 2, {{A, 18}, {M, 6}}},
    {0, 10240, 3, {{U, 40}, {A, 30}, {M, 7}}},
    {0, 3000, 3, {{U, 41}, {A, 30}, {M, 7}}},
    {7, 4096, 2, {{A, 50}, {M, 8}}},
};
static const Given new_traces[] = {
    {0, 424, 2, {{A, 19}, {M, 5}}},
    {0, 424, 2, {{A, 19}, {M, 5}}},
    {0, 64, 2, {{A, 18}, {M, 6}}},
    {0, 102399, 3, {{U, 40}, {A, 30}, {M, 7}}},
    {0, 1000, 3, {{U, 40}, {A, 31}, {M, 7}}},
    {0, 24, 1, {{M, 9}}},
    {7, 4096, 2, {{A, 50}, {M, 8}}},
    {7, 8192, 2, {{A, 51}, {M, 8}}},
};
static PmTraceSnapshot *snapshot_of(const Given *g, size_t n)
{
    PmTraceMalloc_ClearTraces();
    for (size_t i = 0; i < n; i++) {
        for (int f = g[i].n; f > 0; f--)
            PmTraceMalloc_PushFrame(g[i].f[f - 1].filename, g[i].f[f - 1].lineno);
        PmTraceMalloc_Track(g[i].domain, 0x1000 + 16 * i, g[i].size);
        for (int f = 0; f < g[i].n; f++)
            PmTraceMalloc_PopFrame();
    }
    return PmTraceMalloc_TakeSnapshot();
}

static void show(const char *title, PmTraceStats *st)
{
    char line[512];
    printf("%s\n", title);
    for (size_t i = 0; i < st->n; i++)
        printf("%s\n", PmTraceStat_Format(&st->stats[i], st->diff, line, sizeof line));
    PmTraceStats_Free(st);
}
static void show_filtered(const char *title, PmTraceSnapshot *s, const PmTraceFilter *f,
                          size_t n, PmTraceKey key)
{
    PmTraceSnapshot *kept = PmTraceSnapshot_FilterTraces(s, f, n);
    show(title, PmTraceSnapshot_Statistics(kept, key, 0));
    PmTraceSnapshot_Free(kept);
}

int main(void)
{
    PmTraceMalloc_Start(3);
    PmTraceSnapshot *old = snapshot_of(old_traces, sizeof old_traces / sizeof *old_traces);
    PmTraceSnapshot *new = snapshot_of(new_traces, sizeof new_traces / sizeof *new_traces);
    PmTraceMalloc_Stop();
    show("statistics('lineno')", PmTraceSnapshot_Statistics(new, PM_TRACE_LINENO, 0));
    show("statistics('filename')", PmTraceSnapshot_Statistics(new, PM_TRACE_FILENAME, 0));
    show("statistics('traceback')", PmTraceSnapshot_Statistics(new, PM_TRACE_TRACEBACK, 0));
    show("statistics('lineno', cumulative=True)",
         PmTraceSnapshot_Statistics(new, PM_TRACE_LINENO, 1));
    show("compare_to(old, 'lineno')", PmTraceSnapshot_CompareTo(new, old, PM_TRACE_LINENO, 0));
    show("compare_to(old, 'filename')", PmTraceSnapshot_CompareTo(new, old, PM_TRACE_FILENAME, 0));
    PmTraceFilter no_lib = {.inclusive = 0, .filename_pattern = "lib/*"};
    PmTraceFilter line19_or_main[] = {
        {.inclusive = 1, .filename_pattern = "app.py", .has_lineno = 1, .lineno = 19},
        {.inclusive = 1, .filename_pattern = "main.py"}};
    PmTraceFilter main_in_7 = {.inclusive = 1, .filename_pattern = "main.py",
                               .all_frames = 1, .has_domain = 1, .domain = 7};
    PmTraceFilter not_7 = {.inclusive = 0, .filename_pattern = NULL, .domain = 7};
    show_filtered("filter: Filter(False, 'lib/*')", new, &no_lib, 1, PM_TRACE_LINENO);
    show_filtered("filter: Filter(True, 'app.py', lineno=19), Filter(True, 'main.py')",
                  new, line19_or_main, 2, PM_TRACE_LINENO);
    show_filtered("filter: Filter(True, 'main.py', all_frames=True, domain=7)",
                  new, &main_in_7, 1, PM_TRACE_LINENO);
    show_filtered("filter: DomainFilter(False, 7)", new, &not_7, 1, PM_TRACE_FILENAME);
    PmTraceSnapshot_Free(old), PmTraceSnapshot_Free(new);
    return 0;
}
