/* ch14_tracemalloc.c -- tests of chapter 14, "Tracing allocations". Each
 * test checks one claim; the comment names the section. Check runs every
 * test in a child of its own, so each starts with the tracer stopped.
 * Expected lines of output are CPython 3.11.7's, copied from its
 * recordings in chapters/cpython/ (ch14_sizes.out, ch14_stats.out). */
#include "pmtest.h"
#include <libgen.h>

static size_t current(void) { size_t c, p; PmTraceMalloc_GetTracedMemory(&c, &p); return c; }
static size_t peak(void) { size_t c, p; PmTraceMalloc_GetTracedMemory(&c, &p); return p; }
static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* "Where was it allocated?": a block allocated from C is traced to the
   file and line of the call, through the domains, with no change to the
   caller. */
START_TEST(a_block_allocated_from_c_is_traced_to_its_file_and_line)
{
    PmTraceMalloc_Start(1);
    int line = __LINE__ + 1;
    void *p = PmMem_Malloc(100);
    const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)p);
    ck_assert_ptr_nonnull(tb);
    ck_assert_int_eq(tb->nframe, 1);
    ck_assert_msg(ends_with(tb->frames[0].filename, "tests/ch14_tracemalloc.c"),
                  "filename %s", tb->frames[0].filename);
    ck_assert_uint_eq(tb->frames[0].lineno, (unsigned)line);
    ck_assert_uint_eq(current(), 100);
    PmMem_Free(p);
    ck_assert_ptr_null(PmTraceMalloc_GetTraceback(0, (uintptr_t)p));
    ck_assert_uint_eq(current(), 0);
}
END_TEST

/* "The allocation macros": the blocks a call into the runtime allocates
   belong to the line of the call (an object, and the growth of a list). */
START_TEST(an_object_and_a_list_growth_belong_to_the_line_that_called)
{
    PmTraceMalloc_Start(1);
    int line = __LINE__ + 1;
    PmObject *n = PmInt_FromLong(5000);
    ck_assert_uint_eq(PmTraceMalloc_GetObjectTraceback(n)->frames[0].lineno, (unsigned)line);
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 4; i++) PmList_Append(l, n);   /* room for 4 (CPython 3.11) */
    int append_line = __LINE__ + 1;
    PmList_Append(l, n);                                /* the 5th: the array grows */
    PmListObject *lo = (PmListObject *)l;
    const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)lo->ob_item);
    ck_assert_ptr_nonnull(tb);
    ck_assert_uint_eq(tb->frames[0].lineno, (unsigned)append_line);
    Pm_DECREF(l), Pm_DECREF(n);
}
END_TEST

/* "Where was it allocated?": a frame the caller pushed takes the place of
   the C site, and "<unknown>:0" is recorded when there is neither. */
START_TEST(a_pushed_frame_replaces_the_c_site)
{
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame("app.py", 19);
    void *p = PmObject_Malloc(424);
    const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)p);
    ck_assert_str_eq(tb->frames[0].filename, "app.py");
    ck_assert_uint_eq(tb->frames[0].lineno, 19);
    PmTraceMalloc_PopFrame();
    _PmTraceMalloc_file = NULL;
    void *q = (PmObject_Malloc)(8);                     /* no macro: no site */
    tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)q);
    ck_assert_str_eq(tb->frames[0].filename, "<unknown>");
    ck_assert_uint_eq(tb->frames[0].lineno, 0);
    PmObject_Free(p), PmObject_Free(q);
}
END_TEST

/* "Where was it allocated?": at most nframe frames are kept, innermost
   first, with the depth the stack really had. */
START_TEST(nframe_frames_are_kept_innermost_first)
{
    PmTraceMalloc_Start(2);
    PmTraceMalloc_PushFrame("main.py", 7);
    PmTraceMalloc_PushFrame("app.py", 30);
    PmTraceMalloc_PushFrame("lib/util.py", 40);
    void *p = PmMem_Malloc(10);
    const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)p);
    ck_assert_int_eq(tb->nframe, 2);
    ck_assert_int_eq(tb->total_nframe, 3);
    ck_assert_str_eq(tb->frames[0].filename, "lib/util.py");
    ck_assert_uint_eq(tb->frames[0].lineno, 40);
    ck_assert_str_eq(tb->frames[1].filename, "app.py");
    PmMem_Free(p);
    for (int i = 0; i < 3; i++) PmTraceMalloc_PopFrame();
}
END_TEST

/* "Starting and stopping": start(5) while tracing with 1 changes nothing
   (CPython 3.11: get_traceback_limit() stays 1). */
START_TEST(start_while_tracing_keeps_the_limit)
{
    PmTraceMalloc_Start(1);
    PmTraceMalloc_Start(5);
    ck_assert_int_eq(PmTraceMalloc_GetTracebackLimit(), 1);   /* CPython 3.11 */
    ck_assert_int_eq(PmTraceMalloc_IsTracing(), 1);
}
END_TEST

static void start_0(void) { PmTraceMalloc_Start(0); }
static void start_65536(void) { PmTraceMalloc_Start(65536); }
static void start_65535(void) { PmTraceMalloc_Start(65535); PmTraceMalloc_Stop(); }

/* "Starting and stopping": the limit is 1..65535, with CPython's message. */
START_TEST(start_refuses_a_limit_outside_1_to_65535)
{
    ck_assert_fatal(start_0, "the number of frames must be in range [1; 65535]");
    ck_assert_fatal(start_65536, "the number of frames must be in range [1; 65535]");
    char err[512];
    ck_assert_int_eq(pm_in_child(start_65535, err, sizeof err), 0);
}
END_TEST

/* "What the tracer reports": current and peak; reset_peak sets the peak
   to the current figure; clear_traces sets both to zero, tracing on. */
START_TEST(traced_memory_has_a_current_figure_and_a_peak)
{
    PmTraceMalloc_Start(1);
    void *a = PmMem_RawMalloc(1000), *b = PmMem_RawMalloc(2000);
    PmMem_RawFree(b);
    ck_assert_uint_eq(current(), 1000);
    ck_assert_uint_eq(peak(), 3000);
    PmTraceMalloc_ResetPeak();
    ck_assert_uint_eq(peak(), 1000);
    PmTraceMalloc_ClearTraces();
    ck_assert_uint_eq(current(), 0);
    ck_assert_uint_eq(peak(), 0);
    ck_assert_int_eq(PmTraceMalloc_IsTracing(), 1);
    ck_assert_ptr_null(PmTraceMalloc_GetTraceback(0, (uintptr_t)a));
    PmMem_RawFree(a);                       /* untraced now: nothing changes */
    ck_assert_uint_eq(current(), 0);
}
END_TEST

/* "Why a hash table?": a block allocated before tracing started is freed
   while tracing without changing any count. */
START_TEST(freeing_a_block_from_before_tracing_changes_nothing)
{
    PM_RUNS_ONCE("tracing, once started here, stays on in the process");
    void *old = PmObject_Malloc(48);
    PmTraceMalloc_Start(1);
    void *p = PmObject_Malloc(16);
    PmObject_Free(old);
    ck_assert_uint_eq(current(), 16);
    ck_assert_uint_eq(peak(), 16);
    PmObject_Free(p);
}
END_TEST

/* "The hooks": a call inside a traced call is not traced; a block of more
   than 512 bytes, passed on to the raw domain, is counted once, also under
   the debug hooks, where the raw block is larger than the caller's. */
START_TEST(a_block_passed_on_to_the_raw_domain_is_traced_once)
{
    PM_KEEPS_MEMORY("the debug allocator's quarantine keeps the last blocks freed");
    PmMem_SetupDebugHooks();
    PmTraceMalloc_Start(1);
    void *p = PmObject_Malloc(4000);
    ck_assert_uint_eq(current(), 4000);
    p = PmObject_Realloc(p, 8000);
    ck_assert_uint_eq(current(), 8000);
    PmObject_Free(p);
    ck_assert_uint_eq(current(), 0);
    ck_assert_uint_eq(peak(), 8000);
}
END_TEST

/* "The hooks": realloc gives the trace the new size and the traceback of
   the realloc; a block that moved has no trace left at its old address. */
START_TEST(realloc_gives_the_trace_the_new_size_and_the_realloc_line)
{
    PmTraceMalloc_Start(1);
    char *p = PmMem_Malloc(16);
    int line = __LINE__ + 1;
    char *q = PmMem_Realloc(p, 100000);
    ck_assert_uint_eq(current(), 100000);
    ck_assert_uint_eq(PmTraceMalloc_GetTraceback(0, (uintptr_t)q)->frames[0].lineno,
                      (unsigned)line);
    if (q != p)
        ck_assert_ptr_null(PmTraceMalloc_GetTraceback(0, (uintptr_t)p));
    line = __LINE__ + 1;
    char *r = PmMem_Realloc(q, 99000);                  /* likely in place */
    ck_assert_uint_eq(current(), 99000);
    ck_assert_uint_eq(PmTraceMalloc_GetTraceback(0, (uintptr_t)r)->frames[0].lineno,
                      (unsigned)line);
    PmMem_Free(r);
    ck_assert_uint_eq(current(), 0);
}
END_TEST

/* "Interning tracebacks": blocks allocated at one line share one traceback. */
START_TEST(blocks_from_one_line_share_one_traceback)
{
    PmTraceMalloc_Start(1);
    void *p[100];
    for (int i = 0; i < 100; i++) p[i] = PmObject_Malloc(32);
    const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)p[0]);
    for (int i = 1; i < 100; i++)
        ck_assert_ptr_eq(PmTraceMalloc_GetTraceback(0, (uintptr_t)p[i]), tb);
    void *other = PmObject_Malloc(32);
    ck_assert_ptr_ne(PmTraceMalloc_GetTraceback(0, (uintptr_t)other), tb);
    for (int i = 0; i < 100; i++) PmObject_Free(p[i]);
    PmObject_Free(other);
}
END_TEST

/* "The current traceback": the cache of C sites never hands one site
   another's traceback, however many sites allocate in turn. 600 sites,
   lines 1 to 300 of two files whose names lie 1024 bytes apart, each
   visited twice: first line by line, both files at each line (sites that
   differ by the file only follow one another), then file by file (sites
   of one file whose lines differ by 64, the cache's size, follow one
   another). */
START_TEST(each_c_site_keeps_its_own_traceback_however_many_allocate)
{
    static char names[2048];
    const char *files[2] = {strcpy(names, "first.c"), strcpy(names + 1024, "second.c")};
    static void *p[2][2][300];
    PmTraceMalloc_Start(1);
    for (unsigned line = 1; line <= 300; line++)
        for (int f = 0; f < 2; f++)
            _PmTraceMalloc_Site(files[f], line), p[0][f][line - 1] = (PmMem_Malloc)(16);
    for (int f = 0; f < 2; f++)
        for (unsigned line = 1; line <= 300; line++)
            _PmTraceMalloc_Site(files[f], line), p[1][f][line - 1] = (PmMem_Malloc)(16);
    for (int round = 0; round < 2; round++)
        for (int f = 0; f < 2; f++)
            for (unsigned line = 1; line <= 300; line++) {
                const PmTraceback *tb = PmTraceMalloc_GetTraceback(0, (uintptr_t)p[round][f][line - 1]);
                ck_assert_ptr_nonnull(tb);
                ck_assert_str_eq(tb->frames[0].filename, files[f]);
                ck_assert_uint_eq(tb->frames[0].lineno, line);
                (PmMem_Free)(p[round][f][line - 1]);
            }
}
END_TEST

/* "The table of traces": removing traces from the middle of probe runs
   loses no other trace (60,000 blocks, two of three freed in a scattered
   order, the table grown many times). */
START_TEST(the_table_keeps_every_trace_through_growth_and_removals)
{
    enum { N = 60000 };
    static void *p[N];
    PmTraceMalloc_Start(1);
    size_t want = 0;
    for (int i = 0; i < N; i++) p[i] = PmMem_RawMalloc((size_t)(i % 7) + 1), want += (size_t)(i % 7) + 1;
    for (int i = 0; i < N; i++) {
        int j = (int)(((long long)i * 7919) % N);
        if (j % 3 != 0) { PmMem_RawFree(p[j]); want -= (size_t)(j % 7) + 1; p[j] = NULL; }
    }
    for (int i = 0; i < N; i++)
        if (p[i] != NULL)
            ck_assert_msg(PmTraceMalloc_GetTraceback(0, (uintptr_t)p[i]) != NULL, "lost trace %d", i);
    ck_assert_uint_eq(current(), want);
    for (int i = 0; i < N; i++) PmMem_RawFree(p[i]);
    ck_assert_uint_eq(current(), 0);
}
END_TEST

/* "Starting and stopping": stop puts each domain's allocator back and the
   tracer then holds no memory. */
START_TEST(stop_puts_the_allocators_back_and_frees_the_tracer)
{
    PmMemAllocator before[PM_MEM_NDOMAINS], after;
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) PmMem_GetAllocator(d, &before[d]);
    PmTraceMalloc_Start(1);
    void *p = PmObject_Malloc(10);
    ck_assert_uint_gt(PmTraceMalloc_GetMemory(), 0);
    PmTraceMalloc_Stop();
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        PmMem_GetAllocator(d, &after);
        ck_assert_int_eq(memcmp(&after, &before[d], sizeof after), 0);
    }
    ck_assert_int_eq(PmTraceMalloc_IsTracing(), 0);
    ck_assert_uint_eq(PmTraceMalloc_GetMemory(), 0);
    ck_assert_uint_eq(current(), 0);
    PmObject_Free(p);
}
END_TEST

/* "What the tracer reports": the tracer's own memory is mostly its table,
   which doubles to stay at most half full: 1000 traces need 2048 slots. */
START_TEST(the_tracers_memory_grows_with_its_table)
{
    PM_RUNS_ONCE("tracing, once started here, stays on in the process");
    PmTraceMalloc_Start(1);
    void *p[1000];
    size_t small = PmTraceMalloc_GetMemory();
    for (int i = 0; i < 1000; i++) p[i] = PmMem_Malloc(8);
    size_t big = PmTraceMalloc_GetMemory();
    ck_assert_uint_lt(small, 1024 * 32 + 4096);
    ck_assert_uint_ge(big, 2048 * 32);
    ck_assert_uint_lt(big, 4096 * 32);
    for (int i = 0; i < 1000; i++) PmMem_Free(p[i]);
}
END_TEST

/* "Finding a block's traceback, and other domains": Track and Untrack
   report blocks in other domains, apart from domain 0's. */
START_TEST(track_reports_blocks_in_a_domain_of_their_own)
{
    PM_RUNS_ONCE("tracing, once started here, stays on in the process");
    PmTraceMalloc_Track(5, 0x1000, 64);                 /* not tracing: ignored */
    PmTraceMalloc_Start(1);
    ck_assert_uint_eq(current(), 0);
    PmTraceMalloc_Track(5, 0x1000, 64);
    PmTraceMalloc_Track(6, 0x1000, 32);
    ck_assert_uint_eq(current(), 96);
    ck_assert_ptr_null(PmTraceMalloc_GetTraceback(0, 0x1000));
    ck_assert_ptr_nonnull(PmTraceMalloc_GetTraceback(5, 0x1000));
    PmTraceMalloc_Untrack(5, 0x1000);
    ck_assert_uint_eq(current(), 32);
    ck_assert_ptr_nonnull(PmTraceMalloc_GetTraceback(6, 0x1000));
}
END_TEST

/* ---------------------------------------------------------- snapshots */

static void snapshot_when_stopped(void) { PmTraceMalloc_TakeSnapshot(); }

/* "Snapshots": take_snapshot refuses when not tracing, with CPython's message. */
START_TEST(a_snapshot_needs_tracing)
{
    ck_assert_fatal(snapshot_when_stopped, "the tracemalloc module must be tracing memory "
                    "allocations to take a snapshot");
}
END_TEST

/* "Snapshots": a snapshot stays valid after clear_traces and stop. */
START_TEST(a_snapshot_outlives_the_traces)
{
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame("app.py", 19);
    void *p = PmMem_Malloc(424);
    PmTraceSnapshot *s = PmTraceMalloc_TakeSnapshot();
    PmTraceMalloc_PopFrame();
    PmTraceMalloc_ClearTraces();
    PmTraceMalloc_Stop();
    PmMem_Free(p);
    ck_assert_uint_eq(s->ntraces, 1);
    PmTraceStats *st = PmTraceSnapshot_Statistics(s, PM_TRACE_LINENO, 0);
    char line[256];
    ck_assert_str_eq(PmTraceStat_Format(&st->stats[0], 0, line, sizeof line),
                     "app.py:19: size=424 B, count=1, average=424 B");  /* CPython 3.11 */
    PmTraceStats_Free(st);
    PmTraceSnapshot_Free(s);
}
END_TEST

static void cumulative_traceback(void)
{
    PmTraceMalloc_Start(1);
    PmTraceSnapshot_Statistics(PmTraceMalloc_TakeSnapshot(), PM_TRACE_TRACEBACK, 1);
}

/* "Statistics": cumulative mode is refused for 'traceback', with CPython's
   message (its typo "by" included). */
START_TEST(cumulative_statistics_refuse_the_traceback_key)
{
    ck_assert_fatal(cumulative_traceback,
                    "cumulative mode cannot by used with key type 'traceback'");
}
END_TEST

/* "Printing, as CPython prints": _format_size's outputs, CPython 3.11.7
   (chapters/cpython/ch14_sizes.out). */
START_TEST(sizes_print_as_cpythons_format_size_prints_them)
{
    static const struct { double size; int sign; const char *want; } cases[] = {
        {0, 1, "+0 B"}, {424, 0, "424 B"}, {-424, 1, "-424 B"}, {10239, 0, "10239 B"},
        {10240, 0, "10.0 KiB"}, {10291, 1, "+10.0 KiB"}, {102399, 0, "100.0 KiB"},
        {102400, 0, "100 KiB"}, {1048575, 0, "1024 KiB"}, {10485759, 1, "+10240 KiB"},
        {10485760, 0, "10.0 MiB"}, {-104857599, 1, "-100.0 MiB"},
        {1125899906842624.0, 0, "1024 TiB"}, {10698.0 / 21, 0, "509 B"}, {27.0 / 4, 0, "7 B"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_str_eq(PmTraceMalloc_FormatSize(cases[i].size, cases[i].sign, buf, sizeof buf),
                         cases[i].want);
}
END_TEST

/* The whole output of a demo, without its last newline per line. */
static int read_lines(FILE *f, char lines[][256], int max)
{
    int n = 0;
    while (n < max && fgets(lines[n], 256, f)) {
        lines[n][strcspn(lines[n], "\n")] = '\0';
        n++;
    }
    return n;
}

/* "The same lines as CPython": every line the stats demo prints is the line
   CPython 3.11 prints for the same traces (chapters/cpython/ch14_stats.out). */
START_TEST(statistics_comparisons_and_filters_print_cpythons_lines)
{
    static char ours[200][256], theirs[200][256];
    char path[4096], file[] = __FILE__, cmd[4096];
    snprintf(path, sizeof path, "%s/../chapters/cpython/ch14_stats.out", dirname(file));
    snprintf(cmd, sizeof cmd, "%.4000s", pm_test_argv0);     /* the demo beside the tests */
    char *slash = strrchr(cmd, '/');
    ck_assert_ptr_nonnull(slash);
    strcpy(slash + 1, "ch14_stats");
    FILE *rec = fopen(path, "r"), *run = popen(cmd, "r");
    ck_assert_msg(rec != NULL, "cannot read %s", path);
    ck_assert_ptr_nonnull(run);
    int nt = read_lines(rec, theirs, 200), no = read_lines(run, ours, 200);
    fclose(rec);
    ck_assert_int_eq(pclose(run), 0);
    ck_assert_str_eq(theirs[0], "# CPython 3.11.7");
    ck_assert_int_eq(no, nt - 1);
    for (int i = 0; i < no; i++)
        ck_assert_str_eq(ours[i], theirs[i + 1]);
}
END_TEST

/* The two snapshots of the stats demo, made from given traces. */
typedef struct { unsigned domain; size_t size; int n; PmTraceFrame f[3]; } Given;
static PmTraceSnapshot *snapshot_of(const Given *g, size_t n)
{
    PmTraceMalloc_ClearTraces();
    for (size_t i = 0; i < n; i++) {
        for (int f = g[i].n; f > 0; f--)
            PmTraceMalloc_PushFrame(g[i].f[f - 1].filename, g[i].f[f - 1].lineno);
        PmTraceMalloc_Track(g[i].domain, 0x1000 + 16 * i, g[i].size);
        for (int f = 0; f < g[i].n; f++) PmTraceMalloc_PopFrame();
    }
    return PmTraceMalloc_TakeSnapshot();
}

static const Given old3[] = {
    {0, 424, 2, {{"app.py", 18}, {"main.py", 5}}},
    {0, 3000, 3, {{"lib/util.py", 41}, {"app.py", 30}, {"main.py", 7}}},
    {0, 4096, 1, {{"app.py", 50}}},
};
static const Given new3[] = {
    {0, 64, 2, {{"app.py", 18}, {"main.py", 6}}},
    {0, 102399, 3, {{"lib/util.py", 40}, {"app.py", 30}, {"main.py", 7}}},
    {0, 4096, 1, {{"app.py", 50}}},
};

/* "Comparing two snapshots": the biggest change first, whatever its sign;
   a line that has gone prints size 0 and no average; an unchanged one +0
   (CPython 3.11.7 on the same traces). */
START_TEST(compare_to_sorts_by_the_size_of_the_change)
{
    PmTraceMalloc_Start(3);
    PmTraceSnapshot *old = snapshot_of(old3, 3), *new = snapshot_of(new3, 3);
    PmTraceStats *st = PmTraceSnapshot_CompareTo(new, old, PM_TRACE_LINENO, 0);
    static const char *want[] = {
        "lib/util.py:40: size=100.0 KiB (+100.0 KiB), count=1 (+1), average=100.0 KiB",
        "lib/util.py:41: size=0 B (-3000 B), count=0 (-1)",
        "app.py:18: size=64 B (-360 B), count=1 (+0), average=64 B",
        "app.py:50: size=4096 B (+0 B), count=1 (+0), average=4096 B",
    };
    char line[256];
    ck_assert_uint_eq(st->n, 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(PmTraceStat_Format(&st->stats[i], 1, line, sizeof line), want[i]);
    PmTraceStats_Free(st);
    PmTraceSnapshot_Free(old), PmTraceSnapshot_Free(new);
}
END_TEST

/* "Statistics": a 'traceback' statistic prints its outermost frame, and
   'filename' prints line 0 (CPython 3.11.7 on the same traces). */
START_TEST(traceback_statistics_print_the_outermost_frame)
{
    PmTraceMalloc_Start(3);
    PmTraceSnapshot *s = snapshot_of(new3, 3);
    PmTraceStats *tb = PmTraceSnapshot_Statistics(s, PM_TRACE_TRACEBACK, 0);
    PmTraceStats *fn = PmTraceSnapshot_Statistics(s, PM_TRACE_FILENAME, 0);
    char line[256];
    ck_assert_str_eq(PmTraceStat_Format(&tb->stats[0], 0, line, sizeof line),
                     "main.py:7: size=100.0 KiB, count=1, average=100.0 KiB");
    ck_assert_str_eq(PmTraceStat_Format(&fn->stats[1], 0, line, sizeof line),
                     "app.py:0: size=4160 B, count=2, average=2080 B");
    PmTraceStats_Free(tb), PmTraceStats_Free(fn);
    PmTraceSnapshot_Free(s);
}
END_TEST

/* "Filters": a .pyc pattern matches the .py file; '*' matches '/'; a
   domain filter keeps or drops one domain. */
START_TEST(filters_match_as_fnmatch_after_normalising_pyc)
{
    PmTraceMalloc_Start(3);
    PmTraceSnapshot *s = snapshot_of(new3, 3);
    PmTraceFilter pyc = {.inclusive = 1, .filename_pattern = "app.pyc"};
    PmTraceFilter star = {.inclusive = 1, .filename_pattern = "*util.py", .has_lineno = 1, .lineno = 40};
    PmTraceFilter dom = {.inclusive = 1, .filename_pattern = NULL, .domain = 0};
    PmTraceSnapshot *a = PmTraceSnapshot_FilterTraces(s, &pyc, 1);
    PmTraceSnapshot *b = PmTraceSnapshot_FilterTraces(s, &star, 1);
    PmTraceSnapshot *c = PmTraceSnapshot_FilterTraces(s, &dom, 1);
    ck_assert_uint_eq(a->ntraces, 2);
    ck_assert_uint_eq(b->ntraces, 1);
    ck_assert_uint_eq(b->traces[0].size, 102399);
    ck_assert_uint_eq(c->ntraces, 3);
    dom.inclusive = 0;
    PmTraceSnapshot *d = PmTraceSnapshot_FilterTraces(s, &dom, 1);
    ck_assert_uint_eq(d->ntraces, 0);
    PmTraceSnapshot_Free(a), PmTraceSnapshot_Free(b), PmTraceSnapshot_Free(c);
    PmTraceSnapshot_Free(d), PmTraceSnapshot_Free(s);
}
END_TEST

/* "The fifth article's session": two dicts that refer to each other stay
   traced to the lines that made them after both names are dropped, and
   breaking the cycle by hand frees them: negative differences. */
START_TEST(a_cycle_stays_traced_to_its_lines_until_broken)
{
    PmObject *k = PmStr_FromString("cousin");
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame("cycle.py", 1);
    PmTraceSnapshot *s1 = PmTraceMalloc_TakeSnapshot();
    PmObject *a = PmDict_New();
    PmTraceMalloc_SetLineno(2);
    PmObject *b = PmDict_New();
    PmDict_SetItem(a, k, b), PmDict_SetItem(b, k, a);
    Pm_DECREF(a), Pm_DECREF(b);
    PmTraceSnapshot *s2 = PmTraceMalloc_TakeSnapshot();
    PmTraceStats *st = PmTraceSnapshot_CompareTo(s2, s1, PM_TRACE_LINENO, 0);
    int lines = 0;
    for (size_t i = 0; i < st->n; i++)
        if (st->stats[i].size_diff > 0 && (st->stats[i].frames[0].lineno == 1 ||
                                           st->stats[i].frames[0].lineno == 2))
            lines++;
    ck_assert_int_eq(lines, 2);
    PmTraceStats_Free(st);
    PmDict_SetItem(b, k, Pm_None);                      /* b.cousin = None */
    Pm_ClearFreeLists();                                /* the dicts were kept */
    PmTraceSnapshot *s3 = PmTraceMalloc_TakeSnapshot();
    st = PmTraceSnapshot_CompareTo(s3, s2, PM_TRACE_LINENO, 0);
    for (size_t i = 0; i < st->n; i++) {
        ck_assert_uint_eq(st->stats[i].size, 0);
        ck_assert(st->stats[i].size_diff < 0);
    }
    ck_assert_uint_eq(current(), 0);
    PmTraceStats_Free(st);
    PmTraceSnapshot_Free(s1), PmTraceSnapshot_Free(s2), PmTraceSnapshot_Free(s3);
    PmTraceMalloc_PopFrame();
    PmTraceMalloc_Stop();
    Pm_DECREF(k);
}
END_TEST

Suite *ch14_tracemalloc_suite(void)
{
    Suite *s = suite_create("ch14 tracemalloc");
    TCase *t = tcase_create("tracing");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, a_block_allocated_from_c_is_traced_to_its_file_and_line);
    tcase_add_test(t, an_object_and_a_list_growth_belong_to_the_line_that_called);
    tcase_add_test(t, a_pushed_frame_replaces_the_c_site);
    tcase_add_test(t, nframe_frames_are_kept_innermost_first);
    tcase_add_test(t, start_while_tracing_keeps_the_limit);
    tcase_add_test(t, start_refuses_a_limit_outside_1_to_65535);
    tcase_add_test(t, traced_memory_has_a_current_figure_and_a_peak);
    tcase_add_test(t, freeing_a_block_from_before_tracing_changes_nothing);
    tcase_add_test(t, a_block_passed_on_to_the_raw_domain_is_traced_once);
    tcase_add_test(t, realloc_gives_the_trace_the_new_size_and_the_realloc_line);
    tcase_add_test(t, blocks_from_one_line_share_one_traceback);
    tcase_add_test(t, each_c_site_keeps_its_own_traceback_however_many_allocate);
    tcase_add_test(t, the_table_keeps_every_trace_through_growth_and_removals);
    tcase_add_test(t, stop_puts_the_allocators_back_and_frees_the_tracer);
    tcase_add_test(t, the_tracers_memory_grows_with_its_table);
    tcase_add_test(t, track_reports_blocks_in_a_domain_of_their_own);
    suite_add_tcase(s, t);
    TCase *u = tcase_create("snapshots");
    tcase_set_timeout(u, 60);
    tcase_add_test(u, a_snapshot_needs_tracing);
    tcase_add_test(u, a_snapshot_outlives_the_traces);
    tcase_add_test(u, cumulative_statistics_refuse_the_traceback_key);
    tcase_add_test(u, sizes_print_as_cpythons_format_size_prints_them);
    tcase_add_test(u, statistics_comparisons_and_filters_print_cpythons_lines);
    tcase_add_test(u, compare_to_sorts_by_the_size_of_the_change);
    tcase_add_test(u, traceback_statistics_print_the_outermost_frame);
    tcase_add_test(u, filters_match_as_fnmatch_after_normalising_pyc);
    tcase_add_test(u, a_cycle_stays_traced_to_its_lines_until_broken);
    suite_add_tcase(s, u);
    return s;
}
