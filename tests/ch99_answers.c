/* ch99_answers.c -- tests of appendix A, the worked answers. Each test
 * checks the claim of one answer that is code, and is named after it; the
 * comment above it names the exercise. The answers run on the last layer,
 * so they see the runtime of every chapter. Add the tests of a chapter's
 * answers in the chapter's place, and register them in the suite at the
 * end, in the same order. */
#include "pmtest.h"
#include "answers.h"
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

/* Capture what fn(op, stream) prints, into buf. */
static void printed(void (*fn)(PmObject *, FILE *), PmObject *op, char *buf, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    fn(op, f);
    fclose(f);
    ck_assert_uint_lt(len, n);
    memcpy(buf, text, len + 1);
    free(text);
}

static PmObject *int_list(int n, long long first)     /* [first, first + 1, ...] */
{
    PmObject *l = PmList_New(0);
    for (int i = 0; i < n; i++) {
        PmObject *x = PmInt_FromLong(first + i);
        PmList_Append(l, x);
        Pm_DECREF(x);
    }
    return l;
}

/* A small-object allocator (pymalloc, or chapter 7's) serves the mem and
   obj domains, as by default; not PMMALLOC=malloc, which valgrind uses. */
static int small_objects(void)
{
    PmMemAllocator raw, mem;
    PmMem_GetAllocator(PM_MEM_DOMAIN_RAW, &raw);
    PmMem_GetAllocator(PM_MEM_DOMAIN_MEM, &mem);
    return mem.malloc != raw.malloc;
}

/* ---------------------------------------------------------------- chapter 1 */

/* 1.1: capacities 4, 4, 4, 4, 8 over five appends (CPython 3.11's
   getsizeof: 88 four times, then 120); the fifth adds 4 slots of 8 bytes. */
START_TEST(five_appends_give_capacities_4_4_4_4_8)
{
    const Pm_ssize_t want[] = {4, 4, 4, 4, 8};
    PmObject *l = PmList_New(0), *x = PmInt_FromLong(1000);
    Pm_ssize_t size4 = 0;
    for (int i = 0; i < 5; i++) {
        PmList_Append(l, x);
        ck_assert_int_eq(((PmListObject *)l)->allocated, want[i]);
        if (i == 3)
            size4 = PmObject_SizeOf(l);
    }
    ck_assert_int_eq(PmObject_SizeOf(l) - size4, 120 - 88);
    Pm_DECREF(l); Pm_DECREF(x);
}
END_TEST

/* 1.2: our int is 24 bytes whatever its value (CPython's: 28, 32, 32, 36). */
START_TEST(our_int_is_24_bytes_at_every_digit_boundary)
{
    const long long v[] = {(1LL << 30) - 1, 1LL << 30, (1LL << 60) - 1, 1LL << 60};
    for (int i = 0; i < 4; i++) {
        PmObject *n = PmInt_FromLong(v[i]);
        ck_assert_int_eq(PmObject_SizeOf(n), 24);
        Pm_DECREF(n);
    }
}
END_TEST

/* 1.3: a global is in the data segment, the object and its characters on
   the heap, a literal in read-only data. */
static PmObject *cache = NULL;
START_TEST(global_data_object_heap_literal_rodata)
{
    cache = PmStr_FromString("hello");
    ck_assert_int_eq(Pm_AreaOf(&cache), PM_AREA_DATA);
    ck_assert_int_eq(Pm_AreaOf(cache), PM_AREA_HEAP);
    ck_assert_int_eq(Pm_AreaOf("hello"), PM_AREA_RODATA);
    ck_assert_int_eq(Pm_AreaOf(PmStr_AsString(cache)), PM_AREA_HEAP);
    Pm_DECREF(cache);
}
END_TEST

/* 1.4: a list inside its own printing prints as [...], as in CPython. */
START_TEST(a_list_inside_itself_prints_as_ellipsis)
{
    char buf[256];
    long long v[] = {1000};
    PmObject *a = PmList_FromInts(1, v), *b = PmList_New(0);
    PmList_Append(a, a);
    printed(Ans1_Print, a, buf, sizeof buf);
    ck_assert_str_eq(buf, "[1000, [...]]");
    PmList_Append(b, a);
    PmList_Append(b, a);
    printed(Ans1_Print, b, buf, sizeof buf);
    ck_assert_str_eq(buf, "[[1000, [...]], [1000, [...]]]");
    PmList_SetItem(a, 1, Pm_NewRef(Pm_None));
    Pm_DECREF(b); Pm_DECREF(a);
}
END_TEST

/* 1.5: insert clamps its index like list.insert, borrows its item and
   grows the array by the append rule (capacity 8, as in CPython). */
START_TEST(insert_clamps_borrows_and_grows_like_append)
{
    char buf[256];
    long long v[] = {1000, 1002};
    PmObject *l = PmList_FromInts(2, v), *x = PmStr_FromString("xx");
    PmObject *n[] = {PmInt_FromLong(1001), PmInt_FromLong(999), PmInt_FromLong(1003)};
    Ans1_ListInsert(l, 1, n[0]);
    Ans1_ListInsert(l, -100, n[1]);
    Ans1_ListInsert(l, 100, n[2]);
    Ans1_ListInsert(l, -1, x);
    ck_assert_int_eq(Pm_REFCNT(x), 2);
    printed(PmObject_Print, l, buf, sizeof buf);
    ck_assert_str_eq(buf, "[999, 1000, 1001, 1002, 'xx', 1003]");
    ck_assert_int_eq(((PmListObject *)l)->allocated, 8);
    Pm_DECREF(l);
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    Pm_DECREF(x);
    for (int i = 0; i < 3; i++)
        Pm_DECREF(n[i]);
}
END_TEST

/* ---------------------------------------------------------------- chapter 2 */

/* 2.1: a label, three list slots and the call: 5 (CPython 3.11: 5); after
   the list goes, 2 (CPython: 2). */
START_TEST(three_slots_a_label_and_the_call_make_5)
{
    PmObject *x = PmStr_FromString("spam"), *l = PmList_New(0);
    for (int i = 0; i < 3; i++)
        PmList_Append(l, x);
    ck_assert_int_eq(PmSys_GetRefCount(x), 5);
    Pm_DECREF(l);
    ck_assert_int_eq(PmSys_GetRefCount(x), 2);
    Pm_DECREF(x);
}
END_TEST

/* 2.3: chains of 50, 51 and 1000 lists: 0, 1 and 19 deferred, never more
   than 50 nested deallocators (CPython's _PyTrash_UNWIND_LEVEL). */
static Pm_ssize_t deferred_freeing(int depth, int *max_depth)
{
    PmObject *x = PmList_New(0);
    for (int i = 1; i < depth; i++) {
        PmObject *outer = PmList_New(1);
        PmList_SET_ITEM(outer, 0, x);
        x = outer;
    }
    PmDeallocStats before = Pm_GetDeallocStats();
    Pm_DECREF(x);
    *max_depth = Pm_GetDeallocStats().max_depth;
    return Pm_GetDeallocStats().deferred - before.deferred;
}

START_TEST(chains_of_50_51_1000_defer_0_1_19)
{
    int max;
    ck_assert_int_eq(deferred_freeing(50, &max), 0);
    ck_assert_int_eq(deferred_freeing(51, &max), 1);
    ck_assert_int_eq(deferred_freeing(1000, &max), 19);
    ck_assert_int_eq(max, 50);
}
END_TEST

/* 2.4: clear empties the list before any item dies; the items go. */
START_TEST(clear_empties_the_list_before_any_item_dies)
{
    long long v[] = {1000, 1001};
    PmObject *l = PmList_FromInts(2, v), *w = Ans2_Witness(l), *kept = PmInt_FromLong(1002);
    PmList_Append(l, w);
    PmList_Append(l, kept);
    Pm_DECREF(w);
    Ans2_SizeSeen = -1;
    Ans2_ListClear(l);
    ck_assert_int_eq(Ans2_SizeSeen, 0);
    ck_assert_int_eq(Pm_SIZE(l), 0);
    ck_assert_int_eq(Pm_REFCNT(kept), 1);
    Pm_DECREF(kept); Pm_DECREF(l);
}
END_TEST

/* 2.5: the first item outlives the list it came from, with count 1. */
START_TEST(the_first_item_outlives_its_list)
{
    long long v[] = {1000, 1001};
    PmObject *x = Ans2_FirstItem(PmList_FromInts(2, v));
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    ck_assert_int_eq(PmInt_AsLong(x), 1000);
    Pm_DECREF(x);
}
END_TEST

/* ---------------------------------------------------------------- chapter 3 */

/* 3.1: 100 ints and a list: 101 objects, 11 growths of the array (CPython's
   capacities 4 ... 108); above 512 bytes the array is the raw domain's. */
START_TEST(a_hundred_ints_cost_101_objects_and_11_reallocs)
{
    PM_RUNS_ONCE("it counts allocations before the free lists hold anything");
    PmMem_StatsStart();
    PmObject *l = int_list(100, 1000);
    Pm_DECREF(l);
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 101);
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_MEM).reallocs, 11);
    int small = small_objects();                 /* not PMMALLOC=malloc */
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_RAW).mallocs, small ? 1 : 0);
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_RAW).reallocs, small ? 2 : 0);
}
END_TEST

/* 3.2: a calloc'ed block costs no USS until it is written. */
START_TEST(calloc_costs_nothing_until_written)
{
    if (RUNNING_ON_VALGRIND)                   /* valgrind's calloc writes zeros */
        return;
    size_t n = 64 << 20, base = Pm_GetProcessMemory().uss;
    char *p = PmObject_Calloc(1, n);
    ck_assert_uint_lt(Pm_GetProcessMemory().uss, base + (16 << 20));
    ck_assert_int_eq(p[n / 2], 0);
    memset(p, 1, n);
    ck_assert_uint_ge(Pm_GetProcessMemory().uss, base + (60 << 20));
    PmObject_Free(p);
}
END_TEST

/* 3.3: the n-th call and the later ones fail; stopping restores the
   domain; an object that cannot be allocated is a checked error. */
START_TEST(the_nth_allocation_and_later_ones_fail)
{
    void *p[4];
    Ans3_FailAfter(PM_MEM_DOMAIN_RAW, 3);
    for (int i = 0; i < 4; i++)
        p[i] = PmMem_RawMalloc(100);
    Ans3_FailStop();
    ck_assert(p[0] != NULL && p[1] != NULL && p[2] == NULL && p[3] == NULL);
    void *q = PmMem_RawMalloc(100);
    ck_assert_ptr_nonnull(q);
    PmMem_RawFree(q); PmMem_RawFree(p[0]); PmMem_RawFree(p[1]);
}
END_TEST

static void an_int_without_memory(void)
{
    Ans3_FailAfter(PM_MEM_DOMAIN_OBJ, 1);
    PmInt_FromLong(1000);
}

START_TEST(an_object_without_memory_is_a_checked_error)
{
    ck_assert_fatal(an_int_without_memory, "PmObject_New: out of memory allocating a 'int'");
}
END_TEST

/* 3.4: current and peak bytes, as tracemalloc.get_traced_memory(); a block
   from before tracing is ignored, a large one counted once. */
START_TEST(traced_memory_counts_current_and_peak)
{
    size_t current, peak;
    void *before = PmMem_Malloc(300);
    Ans3_TraceStart();
    void *a = PmMem_Malloc(1000), *b = PmObject_Malloc(100);
    PmMem_Free(a);
    PmMem_Free(before);
    Ans3_TracedMemory(&current, &peak);
    ck_assert_uint_eq(current, 100);
    ck_assert_uint_eq(peak, 1100);
    void *c = PmObject_Malloc(2000);                /* pymalloc passes it on */
    b = PmObject_Realloc(b, 300);
    Ans3_TracedMemory(&current, &peak);
    ck_assert_uint_eq(current, 2300);
    PmObject_Free(b); PmObject_Free(c);
    Ans3_TracedMemory(&current, &peak);
    ck_assert_uint_eq(current, 0);
    ck_assert_uint_eq(peak, 2300);
    Ans3_TraceStop();
}
END_TEST

/* 3.4: deleting from the trace table keeps every other entry findable. */
START_TEST(untracing_keeps_the_other_traces)
{
    enum { N = 3000 };
    static void *p[N];
    size_t current, peak, want = 0;
    Ans3_TraceStart();
    for (int i = 0; i < N; i++)
        p[i] = PmMem_Malloc((size_t)(16 + i % 7));
    for (int i = 0; i < N; i += 3)
        PmMem_Free(p[i]);
    for (int i = 0; i < N; i++)
        if (i % 3)
            want += (size_t)(16 + i % 7);
    Ans3_TracedMemory(&current, &peak);
    ck_assert_uint_eq(current, want);
    for (int i = 0; i < N; i++)
        if (i % 3)
            PmMem_Free(p[i]);
    Ans3_TracedMemory(&current, &peak);
    ck_assert_uint_eq(current, 0);
    Ans3_TraceStop();
}
END_TEST

/* ---------------------------------------------------------------- chapter 4 */
/* pymalloc's own functions, so that these hold whatever PMMALLOC says */
static void *pym_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }
static void *pym_realloc(void *p, size_t n) { return PmMem_Pymalloc.realloc(NULL, p, n); }
static void pym_free(void *p) { PmMem_Pymalloc.free(NULL, p); }

/* 4.1: 510, 145 and 31 blocks per pool (CPython 3.11's NUMBLOCKS). */
START_TEST(pools_of_24_100_500_byte_requests_hold_510_145_31)
{
    static int state[1024];
    const size_t request[] = {24, 100, 500};
    const int want[] = {510, 145, 31};
    for (int i = 0; i < 3; i++) {
        void *p = pym_malloc(request[i]);
        ck_assert_int_eq(Pm_PoolBlocks(p, state, 1024), want[i]);
        pym_free(p);
    }
}
END_TEST

/* 4.2: the block freed last is handed out first. */
START_TEST(the_block_freed_last_is_reused_first)
{
    void *x = pym_malloc(16), *y = pym_malloc(16);
    pym_free(x);
    pym_free(y);
    void *z = pym_malloc(16);
    ck_assert_ptr_eq(z, y);
    pym_free(z);
}
END_TEST

/* 4.3: 100 -> 110 stays (4 * 110 > 3 * 112); 80, 70 and 200 move. */
START_TEST(realloc_of_100_bytes_stays_only_for_110)
{
    const size_t to[] = {110, 80, 70, 200};
    const int stays[] = {1, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        void *p = pym_malloc(100);
        void *q = pym_realloc(p, to[i]);
        ck_assert_int_eq(q == p, stays[i]);
        pym_free(q);
    }
}
END_TEST

/* 4.4: survivors pin 16 arenas (CPython 3.11: 16); copied, they fit in one
   pool and every other arena goes but the one kept against thrashing. */
START_TEST(copying_the_survivors_frees_their_arenas)
{
    PM_RUNS_ONCE("it counts arenas from the start of a fresh heap");
    enum { N = 1000000 };
    static void *blocks[N];
    size_t start = Pm_GetObmallocStats().arenas_current;
    for (int i = 0; i < N; i++)
        blocks[i] = pym_malloc(16);
    for (int i = 0; i < N; i++)
        if (i % 1000)
            pym_free(blocks[i]);
    ck_assert_uint_eq(Pm_GetObmallocStats().arenas_current - start, 16);
    for (int i = 0; i < N; i += 1000) {
        void *copy = pym_malloc(16);
        pym_free(blocks[i]);
        blocks[i] = copy;
    }
    ck_assert_uint_eq(Pm_GetObmallocStats().arenas_current - start, 2);
    for (int i = 0; i < N; i += 1000)
        pym_free(blocks[i]);
}
END_TEST

/* 4.5: the small pool carves lazily, reuses LIFO and holds 510 blocks of
   32 bytes (CPython's count for class 1). */
START_TEST(a_one_class_pool_carves_lazily_and_holds_510)
{
    Ans4_Pool *pool = Ans4_PoolNew(32);
    uint8_t *a = Ans4_PoolAlloc(pool), *b = Ans4_PoolAlloc(pool);
    ck_assert_int_eq(a - (uint8_t *)pool, 48);
    ck_assert_int_eq(b - a, 32);
    ck_assert_uint_eq(pool->nextoffset, 48 + 2 * 32);
    Ans4_PoolFree(pool, a);
    ck_assert_ptr_eq(Ans4_PoolAlloc(pool), a);
    int n = 2;
    while (Ans4_PoolAlloc(pool) != NULL)
        n++;
    ck_assert_int_eq(n, 510);
    ck_assert_uint_eq(pool->count, 510);
    Ans4_PoolDelete(pool);
}
END_TEST

/* ---------------------------------------------------------------- chapter 5 */
static void write_at_16(void)
{
    char *s = PmMem_Malloc(16);
    s[16] = 'A';
    PmMem_Free(s);
}

static void write_at_24(void)
{
    char *s = PmMem_Malloc(16);
    s[24] = 'A';
    PmMem_Free(s);
}

/* 5.1: a write on the tail pad is reported; one past it, in pymalloc's
   slack, is not. */
START_TEST(the_pads_catch_s16_but_not_s24)
{
    char err[4096];
    int small = small_objects();
    PmMem_SetupDebugHooks();
    ck_assert_fatal(write_at_16, "byte 0 after the end is 0x41, should be 0xfd");
    if (!small)                                 /* s[24] would hit malloc's own header */
        return;
    int st = pm_in_child(write_at_24, err, sizeof err);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    ck_assert_str_eq(err, "");
}
END_TEST

static void hooks_installed_too_late(void)
{
    char *neighbour = PmObject_Malloc(16), *p = PmObject_Malloc(16);
    memset(neighbour, 0, 16);
    PmMem_SetupDebugHooks();
    PmObject_Free(p);
}

/* 5.3: a block allocated before the hooks is not one of theirs. */
START_TEST(a_block_from_before_the_hooks_is_refused)
{
    ck_assert_fatal(hooks_installed_too_late, "not a block of the debug allocator");
}
END_TEST

/* 5.4: the on-demand check finds each kind of damage and says so. */
START_TEST(a_live_block_can_be_checked_on_demand)
{
    PM_RUNS_ONCE("it names the serial numbers of a fresh debug allocator");
    char why[128];
    PmMem_SetupDebugHooks();
    char *s = PmMem_Malloc(16);
    ck_assert_int_eq(Ans5_CheckBlock(s, why, sizeof why), 0);
    s[16] = 'A';
    ck_assert_int_eq(Ans5_CheckBlock(s, why, sizeof why), -1);
    ck_assert_str_eq(why, "byte 0 after the end is 0x41");
    s[16] = (char)0xFD;
    s[-2] = 'B';
    ck_assert_int_eq(Ans5_CheckBlock(s, why, sizeof why), -1);
    ck_assert_str_eq(why, "byte -2 before the start is 0x42");
    s[-2] = (char)0xFD;
    ck_assert_int_eq(Ans5_CheckBlock(s, why, sizeof why), 0);
    PmMem_Free(s);
    ck_assert_int_eq(Ans5_CheckBlock(s, why, sizeof why), -1);
    ck_assert_str_eq(why, "freed (serial 1)");
}
END_TEST

static void write_after(int frees)
{
    char *stale = PmMem_Malloc(16);
    PmMem_Free(stale);
    for (int i = 0; i < frees; i++)
        PmMem_Free(PmMem_Malloc(32));
    stale[0] = 'X';
    PmMem_DebugCheck();
}
static void write_after_4000(void) { write_after(4000); }
static void write_after_4096(void) { write_after(4096); }

/* 5.5: the quarantine holds 4096 freed blocks; a write to one freed 4000
   frees ago is caught, 4096 frees ago it is not. */
START_TEST(the_quarantine_remembers_4096_frees)
{
    char err[4096];
    int small = small_objects();
    PmMem_SetupDebugHooks();
    ck_assert_fatal(write_after_4000, "write to a block after it was freed");
    if (!small)                                 /* the block went back to malloc */
        return;
    int st = pm_in_child(write_after_4096, err, sizeof err);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
END_TEST

/* ---------------------------------------------------------------- chapter 6 */

/* 6.2: the benchmark's generator gives CPython's splitmix64 sequence. */
START_TEST(workload_2_starts_with_the_same_sizes_as_in_python)
{
    const unsigned want[8] = {54, 398, 405, 248, 106, 54, 228, 428};
    unsigned sizes[8];
    Ans6_FirstSizes(8, sizes);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(sizes[i], want[i]);
}
END_TEST

/* 6.3: per-round ratios: median 5/6, six rounds of seven won, where the
   ratio of the medians would say 10/9. */
START_TEST(the_median_of_per_round_ratios_counts_the_rounds_won)
{
    double a[7] = {10, 10, 10, 30, 30, 30, 30}, b[7] = {12, 12, 12, 27, 40, 40, 40}, m;
    ck_assert_int_eq(Ans6_CompareRounds(a, b, 7, &m), 6);
    ck_assert_double_eq_tol(m, 10.0 / 12.0, 1e-12);
    double c[4] = {1, 2, 3, 4}, d[4] = {2, 2, 2, 2};
    ck_assert_int_eq(Ans6_CompareRounds(c, d, 4, &m), 1);
    ck_assert_double_eq_tol(m, 1.25, 1e-12);               /* (1 + 1.5) / 2 */
}
END_TEST

/* ---------------------------------------------------------------- chapter 8 */

/* 7.1: in a fresh arena of chapter 7, pool 0 holds 254 blocks of 48
   bytes, pool 1 holds 341 (16,384 / 48), and the 2,000th block is in pool
   6, whose descriptor is 384 bytes into the arena. */
static int by_address(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}
START_TEST(pool_0_holds_254_blocks_of_48_and_block_2000_is_in_pool_6)
{
    enum { N = 100000 };
    static void *b[N];
    static uintptr_t mine[N];
    int per_pool[64] = {0}, n = 0;
    if (!small_objects())               /* PMMALLOC=malloc: no descriptors */
        return;
    for (int i = 0; i < N; i++) b[i] = PmObject_Malloc(48);
    uintptr_t arena = (uintptr_t)Pm_SegmentDescriptor(b[N / 2]) & ~(uintptr_t)0xFFFFF;
    for (int i = 0; i < N; i++) {
        uintptr_t d = (uintptr_t)Pm_SegmentDescriptor(b[i]);
        ck_assert(d != 0);
        if ((d & ~(uintptr_t)0xFFFFF) != arena) continue;
        per_pool[(d - arena) / 64]++;
        mine[n++] = (uintptr_t)b[i];
    }
    ck_assert_int_eq(per_pool[0], 254);
    ck_assert_int_eq(per_pool[1], 341);
    ck_assert_int_eq(n, 254 + 63 * 341);
    qsort(mine, (size_t)n, sizeof mine[0], by_address);
    ck_assert_int_eq((uintptr_t)Pm_SegmentDescriptor((void *)mine[1999]) - arena, 384);
    for (int i = 0; i < N; i++) PmObject_Free(b[i]);
}
END_TEST

/* 8.1: 150 floats freed: 100 kept (CPython 3.11's PyFloat_MAXFREELIST),
   50 given back; the next 150 take the 100 and allocate 50. */
START_TEST(of_150_dead_floats_100_are_kept_and_50_freed)
{
    PmObject *f[150];
    Pm_ClearFreeLists();
    for (int round = 0; round < 2; round++) {
        PmMem_StatsStart();
        for (int i = 0; i < 150; i++)
            f[i] = PmFloat_FromDouble(i + 0.5);
        for (int i = 0; i < 150; i++)
            Pm_DECREF(f[i]);
        PmMem_StatsStop();
        ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, round == 0 ? 150 : 50);
        ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).frees, 50);
        ck_assert_int_eq(_PmFloat_NumFree(), 100);
    }
}
END_TEST

/* 8.2: a dead float's and a dead list's block is the next one's; a dead
   2-tuple is not a 3-tuple's (CPython 3.11: True, True, False). */
static uintptr_t id_of_dead(PmObject *op)
{
    uintptr_t id = Pm_Id(op);
    Pm_DECREF(op);
    return id;
}

START_TEST(floats_and_list_objects_reuse_blocks_tuples_only_by_length)
{
    uintptr_t a = id_of_dead(PmFloat_FromDouble(4.5));
    ck_assert(a == id_of_dead(PmFloat_FromDouble(7.5)));
    a = id_of_dead(PmTuple_New(2));
    ck_assert(a != id_of_dead(PmTuple_New(3)));
    a = id_of_dead(PmList_New(1));
    ck_assert(a == id_of_dead(PmList_New(2)));
}
END_TEST

/* 8.3: an int with a free list of 100 (CPython 3.14's Py_ints_MAXFREELIST)
   makes a million ints with one allocator call. */
START_TEST(an_int_free_list_saves_all_but_one_call)
{
    PM_RUNS_ONCE("it counts allocations before the free list holds anything");
    PmMem_StatsStart();
    for (long long i = 0; i < 1000000; i++)
        Pm_DECREF(Ans8_IntFromLong(1000 + i));
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 1);
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).frees, 0);
    PmObject *many[150];
    for (int i = 0; i < 150; i++)
        many[i] = Ans8_IntFromLong(i);
    ck_assert_int_eq(((PmIntObject *)many[149])->ob_ival, 149);
    for (int i = 0; i < 150; i++)
        Pm_DECREF(many[i]);
    ck_assert_int_eq(Ans8_IntNumFree(), 100);
}
END_TEST

/* 8.5: to a tracer, a loop of floats is one float that never dies, or
   nothing at all when the free list already had one. */
START_TEST(a_free_list_hides_its_traffic_from_a_tracer)
{
    size_t current, peak;
    Pm_ClearFreeLists();
    for (int run = 0; run < 2; run++) {
        Ans3_TraceStart();
        for (int i = 0; i < 1000; i++)
            Pm_DECREF(PmFloat_FromDouble(i + 0.5));
        Ans3_TracedMemory(&current, &peak);
        Ans3_TraceStop();
        ck_assert_uint_eq(current, run == 0 ? 24 : 0);
        ck_assert_uint_eq(peak, run == 0 ? 24 : 0);
    }
}
END_TEST

/* ---------------------------------------------------------------- chapter 9 */

/* 9.1: [0] * 10 has capacity 10, and 16 after one append (CPython 3.11). */
START_TEST(an_exact_list_of_10_grows_to_16)
{
    PmObject *zero = PmInt_FromLong(0), *one = PmList_New(0);
    PmList_Append(one, zero);
    PmObject *l = PmList_Repeat(one, 10);
    ck_assert_int_eq(PmList_CAPACITY(l), 10);
    PmList_Append(l, zero);
    ck_assert_int_eq(PmList_CAPACITY(l), 16);
    Pm_DECREF(l); Pm_DECREF(one); Pm_DECREF(zero);
}
END_TEST

/* 9.3: 1000 appends: CPython's rule reallocates 28 times to capacity 1100,
   doubling 9 times to 1024; 1025 items double to 2048. */
static void appends(int n, int doubling, size_t *reallocs, Pm_ssize_t *cap)
{
    PmObject *l = PmList_New(0), *x = PmInt_FromLong(1000);
    PmMem_StatsStart();
    for (int i = 0; i < n; i++)
        if (doubling)
            Ans9_AppendDoubling(l, x);
        else
            PmList_Append(l, x);
    PmMem_StatsStop();
    *reallocs = PmMem_GetStats(PM_MEM_DOMAIN_MEM).reallocs;
    *cap = PmList_CAPACITY(l);
    ck_assert_int_eq(Pm_REFCNT(x), n + 1);
    Pm_DECREF(l);
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    Pm_DECREF(x);
}

START_TEST(doubling_reallocates_9_times_where_cpython_does_28)
{
    size_t r;
    Pm_ssize_t cap;
    appends(1000, 0, &r, &cap);
    ck_assert_uint_eq(r, 28);
    ck_assert_int_eq(cap, 1100);
    appends(1000, 1, &r, &cap);
    ck_assert_uint_eq(r, 9);
    ck_assert_int_eq(cap, 1024);
    appends(1025, 1, &r, &cap);
    ck_assert_int_eq(cap, 2048);
}
END_TEST

/* 9.4: after 0, 1, 2, 3, key 8 probes slots 0 and 1 and lands in 6. */
START_TEST(key_8_after_0_to_3_lands_in_slot_6)
{
    PmObject *d = PmDict_New();
    const long long keys[] = {0, 1, 2, 3, 8};
    for (int i = 0; i < 5; i++) {
        PmObject *k = PmInt_FromLong(keys[i]);
        PmDict_SetItem(d, k, k);
        Pm_DECREF(k);
    }
    ck_assert_int_eq(_PmDict_IndexAt(d, 6), 4);
    ck_assert_int_eq(PmInt_AsLong(_PmDict_EntryAt(d, 4)->me_key), 8);
    for (int slot = 4; slot < 8; slot++)
        if (slot != 6)
            ck_assert_int_eq(_PmDict_IndexAt(d, slot), -1);
    Pm_DECREF(d);
}
END_TEST

/* 9.5: hash(-1) == hash(-2) == -2 (CPython), and both keys are found. */
START_TEST(equal_hashes_are_told_apart_by_equality)
{
    PmObject *d = PmDict_New(), *m1 = PmInt_FromLong(-1), *m2 = PmInt_FromLong(-2);
    PmObject *a = PmStr_FromString("aa"), *b = PmStr_FromString("bb");
    ck_assert_int_eq(PmObject_Hash(m1), -2);
    ck_assert_int_eq(PmObject_Hash(m2), -2);
    PmDict_SetItem(d, m1, a);
    PmDict_SetItem(d, m2, b);
    ck_assert_int_eq(PmDict_Size(d), 2);
    ck_assert_ptr_eq(PmDict_GetItem(d, m1), a);
    ck_assert_ptr_eq(PmDict_GetItem(d, m2), b);
    Pm_DECREF(d); Pm_DECREF(m1); Pm_DECREF(m2); Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

/* ---------------------------------------------------------------- chapter 10 */

/* 10.1: the ints 0 to 299 cost 43 allocations (CPython caches -5..256). */
START_TEST(the_ints_0_to_299_allocate_43)
{
    PmObject *l = PmList_New(0);
    PmMem_StatsStart();
    for (int i = 0; i < 300; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 300 - 257);
    Pm_DECREF(l);
}
END_TEST

/* 10.2: an interned string's count is its owners' (CPython 3.11: 3 with
   the argument of getrefcount). */
START_TEST(interning_adds_no_count)
{
    PmObject *qike = PmStr_FromString("qike"), *pu = PmStr_FromString("pu");
    PmObject *s = PmStr_Concat(qike, pu), *t = PmSys_Intern(s);
    ck_assert_ptr_eq(s, t);
    ck_assert_int_eq(PmSys_GetRefCount(s), 3);
    Pm_DECREF(t); Pm_DECREF(s); Pm_DECREF(qike); Pm_DECREF(pu);
}
END_TEST

/* 10.4: a cache of [-5, 1024] (CPython's development branch) allocates
   nothing over range(1025) where [-5, 256] allocates 768. */
START_TEST(a_cache_to_1024_saves_768_allocations)
{
    PmMem_StatsStart();
    for (long long i = 0; i < 1025; i++)
        Pm_DECREF(Ans10_IntFromLong(i));
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 0);
    PmMem_StatsStart();
    for (long long i = 0; i < 1025; i++)
        Pm_DECREF(PmInt_FromLong(i));
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 768);
    PmObject *a = Ans10_IntFromLong(1000), *b = Ans10_IntFromLong(1000);
    ck_assert_ptr_eq(a, b);
    ck_assert(Pm_IsImmortal(a));
    ck_assert_int_eq(PmInt_AsLong(a), 1000);
    PmObject *c = Ans10_IntFromLong(1025), *d = Ans10_IntFromLong(1025);
    ck_assert_ptr_ne(c, d);
    Pm_DECREF(c); Pm_DECREF(d);
}
END_TEST

/* 10.5: 1, 1.0, 0.0 and -0.0 stay four constants (CPython 3.11: four). */
START_TEST(one_and_one_point_zero_are_not_merged)
{
    PmUnit *u = PmUnit_New();
    PmCode *f = PmCode_New(u, "f");
    PmCode_AddConst(f, PmInt_FromLong(1));
    PmCode_AddConst(f, PmFloat_FromDouble(1.0));
    PmCode_AddConst(f, PmFloat_FromDouble(0.0));
    PmCode_AddConst(f, PmFloat_FromDouble(-0.0));
    ck_assert_int_eq(PmList_GET_SIZE(f->co_consts), 4);
    PmCode_Free(f);
    PmUnit_Free(u);
}
END_TEST

/* ---------------------------------------------------------------- chapter 11 */

/* 11.1: the deep copy of [a, a] is one new list named twice. */
START_TEST(a_deep_copy_of_a_a_shares_its_one_new_list)
{
    char buf[256];
    long long v[] = {1000};
    PmObject *a = PmList_FromInts(1, v), *b = PmList_New(0), *x = PmInt_FromLong(2000);
    PmList_Append(b, a);
    PmList_Append(b, a);
    PmObject *c = PmCopy_DeepCopy(b);
    PmList_Append(PmList_GET_ITEM(c, 0), x);
    ck_assert_ptr_eq(PmList_GET_ITEM(c, 0), PmList_GET_ITEM(c, 1));
    printed(PmObject_Print, c, buf, sizeof buf);
    ck_assert_str_eq(buf, "[[1000, 2000], [1000, 2000]]");
    printed(PmObject_Print, b, buf, sizeof buf);
    ck_assert_str_eq(buf, "[[1000], [1000]]");
    Pm_DECREF(c); Pm_DECREF(b); Pm_DECREF(a); Pm_DECREF(x);
}
END_TEST

/* 11.2: a shallow copy is exact, as a[:] is (CPython 3.11: 96 bytes, 5
   slots), whatever the capacity of the original (8). */
START_TEST(a_shallow_copy_has_exactly_its_length_in_slots)
{
    PmObject *a = int_list(5, 1000), *c = PmCopy_Copy(a);
    ck_assert_int_eq(PmList_CAPACITY(a), 8);
    ck_assert_int_eq(PmList_CAPACITY(c), 5);
    Pm_DECREF(c); Pm_DECREF(a);
}
END_TEST

/* 11.3: 1101 nodes and, with a caller's memo, 101 originals remembered
   (CPython 3.11: 1101 calls of deepcopy, 101 in the memo). */
START_TEST(a_table_of_100_rows_is_1101_nodes_and_101_memoised)
{
    PmObject *table = PmList_New(100);
    for (long long i = 0; i < 100; i++)
        PmList_SET_ITEM(table, i, int_list(10, 1000 + 10 * i));
    Pm_DECREF(PmCopy_DeepCopy(table));
    ck_assert_int_eq(PmCopy_GetStats().nodes, 1101);
    ck_assert_int_eq(PmCopy_GetStats().memoised, 0);
    ck_assert_int_eq(PmCopy_GetStats().peak_frames, 2);
    PmCopyMemo *memo = PmCopyMemo_New();
    Pm_DECREF(PmCopy_DeepCopyMemo(table, memo));
    ck_assert_int_eq(PmCopy_GetStats().memoised, 101);
    PmCopyMemo_Free(memo);
    Pm_DECREF(table);
}
END_TEST

/* 11.4: without a memo, [s, s] loses its sharing and [a] is refused. */
START_TEST(a_copy_without_a_memo_loses_sharing_and_refuses_cycles)
{
    long long v[] = {1000};
    PmObject *s = PmList_FromInts(1, v), *x = PmList_New(0), *a = PmList_New(0);
    PmList_Append(x, s);
    PmList_Append(x, s);
    PmObject *y = Ans11_NaiveDeepCopy(x);
    ck_assert_ptr_ne(PmList_GET_ITEM(y, 0), PmList_GET_ITEM(y, 1));
    ck_assert(PmObject_Equal(y, x));
    PmList_Append(a, a);
    ck_assert_ptr_null(Ans11_NaiveDeepCopy(a));
    PmList_SetItem(a, 0, Pm_NewRef(Pm_None));
    Pm_DECREF(a); Pm_DECREF(y); Pm_DECREF(x); Pm_DECREF(s);
}
END_TEST

/* ---------------------------------------------------------------- chapter 12 */

/* A.12.2: "gc.get_referents is a traverse with a visit function that
 * appends": [x, y] -> [y, x] (traverse goes backwards), an int -> []. */
START_TEST(get_referents_lists_what_traverse_visits)
{
    PmObject *x = PmInt_FromLong(1000), *y = PmList_New(0), *l = PmList_New(0);
    PmList_Append(l, x);
    PmList_Append(l, y);
    PmObject *r = Ans12_GetReferents(l);
    ck_assert_int_eq(PmList_GET_SIZE(r), 2);
    ck_assert(PmList_GET_ITEM(r, 0) == x || PmList_GET_ITEM(r, 1) == x);
    ck_assert(PmList_GET_ITEM(r, 0) == y || PmList_GET_ITEM(r, 1) == y);
    PmObject *none = Ans12_GetReferents(x);
    ck_assert_int_eq(PmList_GET_SIZE(none), 0);            /* CPython 3.11: gc.get_referents(1000) == [] */
    PmObject *d = PmDict_New();
    PmDict_SetItem(d, x, y);
    PmObject *rd = Ans12_GetReferents(d);
    ck_assert_int_eq(PmList_GET_SIZE(rd), 2);              /* the key and the value */
    Pm_DECREF(r); Pm_DECREF(none); Pm_DECREF(rd); Pm_DECREF(d);
    Pm_DECREF(l); Pm_DECREF(x); Pm_DECREF(y);
}
END_TEST

static PmTypeObject Ans12A = { PmClass_INIT("A") };

/* A.12.6: a weak value dictionary forgets a value that dies by reference
 * counting at once, and two values that die in a cycle during the
 * collection, which counts them and their two weak references: 4 (CPython
 * 3.11: 4, and len(c) 0). */
START_TEST(a_weak_value_dict_forgets_values_that_die_by_count_or_in_a_cycle)
{
    PmObject *cache = Ans12_WeakValueDict_New();
    PmObject *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b"), *kx = PmStr_FromString("x");
    PmObject *a = PmInstance_New(&Ans12A), *b = PmInstance_New(&Ans12A), *x = PmInstance_New(&Ans12A);
    PmInstance_SetAttr(a, "o", b);
    PmInstance_SetAttr(b, "o", a);
    Ans12_WeakValueDict_Set(cache, ka, a);
    Ans12_WeakValueDict_Set(cache, kb, b);
    Ans12_WeakValueDict_Set(cache, kx, x);
    ck_assert_ptr_eq(Ans12_WeakValueDict_Get(cache, ka), a);
    ck_assert_int_eq(Pm_REFCNT(x), 1);                     /* the cache does not count */
    Pm_DECREF(x);                                          /* del x */
    ck_assert_int_eq(Ans12_WeakValueDict_Size(cache), 2);  /* at once */
    ck_assert_ptr_null(Ans12_WeakValueDict_Get(cache, kx));
    Pm_DECREF(a); Pm_DECREF(b);                            /* del a, b */
    ck_assert_int_eq(Ans12_WeakValueDict_Size(cache), 2);  /* until a collection */
    ck_assert_int_eq(PmGC_Collect(), 4);                   /* CPython 3.11: 4 */
    ck_assert_int_eq(Ans12_WeakValueDict_Size(cache), 0);  /* CPython 3.11: 0 */
    x = PmInstance_New(&Ans12A);                           /* the cache dies first: */
    Ans12_WeakValueDict_Set(cache, kx, x);
    Pm_DECREF(cache);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(x), 0);     /* its weak reference went too */
    Pm_DECREF(x); Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(kx);
}
END_TEST

/* A.13.1: with the first threshold at 2000, 300,000 kept lists get 136,
   12 and 1 collections (CPython 3.11 after gc.set_threshold(2000, 10, 10);
   a million get 455, 41 and 3). */
START_TEST(a_threshold_of_2000_gives_136_12_and_1_collections_for_300000_lists)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    int counts[3], t[3];
    Ans13_CountCollections(300000, 2000, counts);
    ck_assert_int_eq(counts[0], 136);                      /* CPython 3.11: 136 */
    ck_assert_int_eq(counts[1], 12);                       /* CPython 3.11: 12 */
    ck_assert_int_eq(counts[2], 1);                        /* CPython 3.11: 1 */
    PmGC_GetThreshold(t);
    ck_assert_int_eq(t[0], 700);                           /* put back */
}
END_TEST

/* A.14.1: the documentation's display_top recipe, on the traces of
   chapter 14's statistics demo and one at <unknown>:0, prints CPython
   3.11.7's lines (chapters/cpython/ch99_14_top.out). */
START_TEST(display_top_prints_the_recipes_lines)
{
    static const struct { unsigned domain; size_t size; int n; PmTraceFrame f[3]; } given[] = {
        {0, 424, 2, {{"app.py", 19}, {"main.py", 5}}}, {0, 424, 2, {{"app.py", 19}, {"main.py", 5}}},
        {0, 64, 2, {{"app.py", 18}, {"main.py", 6}}},
        {0, 102399, 3, {{"lib/util.py", 40}, {"app.py", 30}, {"main.py", 7}}},
        {0, 1000, 3, {{"lib/util.py", 40}, {"app.py", 31}, {"main.py", 7}}},
        {0, 24, 1, {{"main.py", 9}}}, {0, 5000, 1, {{"<unknown>", 0}}},
        {7, 4096, 2, {{"app.py", 50}, {"main.py", 8}}}, {7, 8192, 2, {{"app.py", 51}, {"main.py", 8}}},
    };
    PmTraceMalloc_Start(3);
    for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
        for (int f = given[i].n; f > 0; f--)
            PmTraceMalloc_PushFrame(given[i].f[f - 1].filename, given[i].f[f - 1].lineno);
        PmTraceMalloc_Track(given[i].domain, 0x1000 + 16 * i, given[i].size);
        for (int f = 0; f < given[i].n; f++) PmTraceMalloc_PopFrame();
    }
    PmTraceSnapshot *s = PmTraceMalloc_TakeSnapshot();
    PmTraceMalloc_Stop();
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    Ans14_DisplayTop(s, PM_TRACE_LINENO, 3, out);
    Ans14_DisplayTop(s, PM_TRACE_FILENAME, 1, out);
    fclose(out);
    ck_assert_str_eq(text,                              /* CPython 3.11.7 */
        "Top 3 lines\n"
        "#1: lib/util.py:40: 101.0 KiB\n"
        "#2: app.py:51: 8.0 KiB\n"
        "#3: app.py:50: 4.0 KiB\n"
        "3 other: 0.9 KiB\n"
        "Total allocated size: 113.9 KiB\n"
        "Top 1 lines\n"
        "#1: lib/util.py:0: 101.0 KiB\n"
        "2 other: 12.9 KiB\n"
        "Total allocated size: 113.9 KiB\n");
    free(text);
    PmTraceSnapshot_Free(s);
}
END_TEST

/* ---------------------------------------------------------------- the suite */

/* 15.1: objgraph's count walks the tracked containers; an int is never
 * counted (CPython 3.11: objgraph.count('int') is 0), nor a dict before a
 * container is stored in it (gc.is_tracked({}) False, {'k': []} True). */
START_TEST(count_sees_tracked_containers_and_never_an_int)
{
    Pm_ssize_t lists = Ans15_Count("list"), dicts = Ans15_Count("dict");
    PmObject *l1 = PmList_New(0), *l2 = PmList_New(0), *d = PmDict_New(), *n = PmInt_FromLong(1000);
    PmObject *k = PmStr_FromString("k");
    ck_assert_int_eq(Ans15_Count("list") - lists, 2);
    ck_assert_int_eq(Ans15_Count("dict") - dicts, 0);
    PmDict_SetItem(d, k, l2);
    ck_assert_int_eq(Ans15_Count("dict") - dicts, 1);
    ck_assert_int_eq(Ans15_Count("int"), 0);
    Pm_DECREF(l1);
    ck_assert_int_eq(Ans15_Count("list") - lists, 1);
    Pm_DECREF(l2); Pm_DECREF(d); Pm_DECREF(n); Pm_DECREF(k);
}
END_TEST


/* 16.1: a step changes the slice's shape and stride and copies nothing
 * (CPython 3.11: memoryview(b"abcdef")[::2] has len 3, strides (2,),
 * tobytes() b'ace'; [1::2] is b'bdf'). */
START_TEST(a_strided_slice_views_every_other_byte_without_copying)
{
    PmObject *b = PmByteArray_FromStringAndSize("abcdef", 6), *m = PmMemoryView_FromObject(b);
    PmObject *e = Ans16_SliceStep(m, 0, 6, 2), *o = Ans16_SliceStep(m, 1, 100, 2);
    PmBuffer *v = PmMemoryView_GET_BUFFER(e);
    ck_assert_int_eq(v->shape[0], 3);                /* CPython 3.11: len(m[::2]) */
    ck_assert_int_eq(v->strides[0], 2);              /* m[::2].strides == (2,) */
    ck_assert_int_eq(v->len, 3);                     /* m[::2].nbytes */
    ck_assert_ptr_eq(v->buf, ((PmByteArrayObject *)b)->ob_start);
    PmObject *x = Ans16_ToBytes(e), *y = Ans16_ToBytes(o), *z = PmInt_FromLong('X');
    ck_assert_str_eq(PmBytes_AS_STRING(x), "ace");
    ck_assert_str_eq(PmBytes_AS_STRING(y), "bdf");
    ck_assert_int_eq(PmMemoryView_SetItem(e, 1, z), 0);   /* m[::2][1] = ord('X') */
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "abXdef");
    Pm_DECREF(x); Pm_DECREF(y); Pm_DECREF(z);
    Pm_DECREF(e); Pm_DECREF(o); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

Suite *ch99_answers_suite(void)
{
    Suite *s = suite_create("ch99 answers");
    TCase *tc = tcase_create("answers");
    tcase_set_timeout(tc, 60);         /* 300,000 lists (A.13), under valgrind */
    tcase_add_test(tc, five_appends_give_capacities_4_4_4_4_8);
    tcase_add_test(tc, our_int_is_24_bytes_at_every_digit_boundary);
    tcase_add_test(tc, global_data_object_heap_literal_rodata);
    tcase_add_test(tc, a_list_inside_itself_prints_as_ellipsis);
    tcase_add_test(tc, insert_clamps_borrows_and_grows_like_append);
    tcase_add_test(tc, three_slots_a_label_and_the_call_make_5);
    tcase_add_test(tc, chains_of_50_51_1000_defer_0_1_19);
    tcase_add_test(tc, clear_empties_the_list_before_any_item_dies);
    tcase_add_test(tc, the_first_item_outlives_its_list);
    tcase_add_test(tc, a_hundred_ints_cost_101_objects_and_11_reallocs);
    tcase_add_test(tc, calloc_costs_nothing_until_written);
    tcase_add_test(tc, the_nth_allocation_and_later_ones_fail);
    tcase_add_test(tc, an_object_without_memory_is_a_checked_error);
    tcase_add_test(tc, traced_memory_counts_current_and_peak);
    tcase_add_test(tc, untracing_keeps_the_other_traces);
    tcase_add_test(tc, pools_of_24_100_500_byte_requests_hold_510_145_31);
    tcase_add_test(tc, the_block_freed_last_is_reused_first);
    tcase_add_test(tc, realloc_of_100_bytes_stays_only_for_110);
    tcase_add_test(tc, copying_the_survivors_frees_their_arenas);
    tcase_add_test(tc, a_one_class_pool_carves_lazily_and_holds_510);
    tcase_add_test(tc, the_pads_catch_s16_but_not_s24);
    tcase_add_test(tc, a_block_from_before_the_hooks_is_refused);
    tcase_add_test(tc, a_live_block_can_be_checked_on_demand);
    tcase_add_test(tc, the_quarantine_remembers_4096_frees);
    tcase_add_test(tc, workload_2_starts_with_the_same_sizes_as_in_python);
    tcase_add_test(tc, the_median_of_per_round_ratios_counts_the_rounds_won);
    tcase_add_test(tc, pool_0_holds_254_blocks_of_48_and_block_2000_is_in_pool_6);
    tcase_add_test(tc, of_150_dead_floats_100_are_kept_and_50_freed);
    tcase_add_test(tc, floats_and_list_objects_reuse_blocks_tuples_only_by_length);
    tcase_add_test(tc, an_int_free_list_saves_all_but_one_call);
    tcase_add_test(tc, a_free_list_hides_its_traffic_from_a_tracer);
    tcase_add_test(tc, an_exact_list_of_10_grows_to_16);
    tcase_add_test(tc, doubling_reallocates_9_times_where_cpython_does_28);
    tcase_add_test(tc, key_8_after_0_to_3_lands_in_slot_6);
    tcase_add_test(tc, equal_hashes_are_told_apart_by_equality);
    tcase_add_test(tc, the_ints_0_to_299_allocate_43);
    tcase_add_test(tc, interning_adds_no_count);
    tcase_add_test(tc, a_cache_to_1024_saves_768_allocations);
    tcase_add_test(tc, one_and_one_point_zero_are_not_merged);
    tcase_add_test(tc, a_deep_copy_of_a_a_shares_its_one_new_list);
    tcase_add_test(tc, a_shallow_copy_has_exactly_its_length_in_slots);
    tcase_add_test(tc, a_table_of_100_rows_is_1101_nodes_and_101_memoised);
    tcase_add_test(tc, a_copy_without_a_memo_loses_sharing_and_refuses_cycles);
    tcase_add_test(tc, get_referents_lists_what_traverse_visits);
    tcase_add_test(tc, a_weak_value_dict_forgets_values_that_die_by_count_or_in_a_cycle);
    tcase_add_test(tc, a_threshold_of_2000_gives_136_12_and_1_collections_for_300000_lists);
    tcase_add_test(tc, display_top_prints_the_recipes_lines);
    tcase_add_test(tc, count_sees_tracked_containers_and_never_an_int);
    tcase_add_test(tc, a_strided_slice_views_every_other_byte_without_copying);
    suite_add_tcase(s, tc);
    return s;
}
