/* ch07_segments.c -- tests of chapter 7, "Descriptors together". The tests
 * call the second allocator's own functions (PmMem_Segments), so they test
 * it whatever PMMALLOC chooses; the start-up test checks that it is the
 * default. Each test runs in a fresh child process (Check's fork mode), but
 * the runtime's own objects may already have arenas of this allocator, so
 * the tests look at arenas they fill themselves. */
#include "pmtest.h"
#include <sys/mman.h>                  /* mincore */

static void *seg_malloc(size_t n) { return PmMem_Segments.malloc(NULL, n); }
static void *seg_realloc(void *p, size_t n) { return PmMem_Segments.realloc(NULL, p, n); }
static void seg_free(void *p) { PmMem_Segments.free(NULL, p); }
static int ours7(const void *p) { int st[64]; unsigned sz[64]; return Pm_SegmentPools(p, st, sz) > 0; }
static int ours4(const void *p) { int st[64]; unsigned sz[64]; return Pm_ArenaPools(p, st, sz) > 0; }
static uintptr_t arena_of(const void *p) { return (uintptr_t)p & ~(uintptr_t)((1u << 20) - 1); }
static unsigned pool_of(const void *p) { return (unsigned)(((uintptr_t)p >> 14) & 63); }

#define MALLOC seg_malloc
#define FREE seg_free
#define NAME "segments"
/* Chapter 4's "Checking the heap", on the second allocator: a write into a freed block that breaks its pool's
   free list (a use after free) is found by the heap checker, which names
   the allocator, the pool and the block; repaired, the heap checks clean. */
START_TEST(the_heap_checker_reports_a_corrupted_free_list)
{
    char why[512];
    void *a = MALLOC(48), *b = MALLOC(48), *c = MALLOC(48);
    ck_assert_msg(PmMem_CheckHeap(why, sizeof why) == 0, "%s", why);
    FREE(b);
    void *next = *(void **)b, *wild = &why;
    *(void **)b = wild;                                   /* outside any pool */
    ck_assert_int_gt(PmMem_CheckHeap(why, sizeof why), 0);
    ck_assert_msg(strstr(why, NAME ": pool at ") && strstr(why, "is not one of its carved blocks"),
                  "%s", why);
    *(void **)b = (char *)c + 8;                          /* inside, off a boundary */
    ck_assert_int_gt(PmMem_CheckHeap(why, sizeof why), 0);
    ck_assert_msg(strstr(why, "is not one of its carved blocks"), "%s", why);
    *(void **)b = b;                                      /* a cycle */
    ck_assert_int_gt(PmMem_CheckHeap(why, sizeof why), 0);
    ck_assert_msg(strstr(why, "free list longer than"), "%s", why);
    *(void **)b = next;
    ck_assert_msg(PmMem_CheckHeap(why, sizeof why) == 0, "%s", why);
    FREE(a); FREE(c);
}
END_TEST

/* Count, for the arenas wholly filled by `n` blocks of `size` bytes, the
   blocks of pool 0 and of the fullest other pool. */
static void blocks_per_pool(size_t size, int n, void **b, int *in_pool0, int *in_other)
{
    static int count[64];
    for (int i = 0; i < n; i++) b[i] = seg_malloc(size);
    uintptr_t a = arena_of(b[n / 2]);            /* an arena in the middle: full */
    memset(count, 0, sizeof count);
    for (int i = 0; i < n; i++)
        if (arena_of(b[i]) == a)
            count[pool_of(b[i])]++;
    *in_pool0 = count[0];
    *in_other = 0;
    for (int k = 1; k < 64; k++)
        if (count[k] > *in_other) *in_other = count[k];
    for (int i = 0; i < n; i++) seg_free(b[i]);
}

/* "Descriptors at the start of the arena": pool k's blocks begin at offset
   k * 16384, pool 0's at 4,160, 64 bytes past the 4,096-byte table; no
   pool has a header. */
START_TEST(blocks_begin_after_the_descriptor_table_and_at_each_pools_first_byte)
{
    enum { N = 3 * (23 + 63 * 32) };                 /* three arenas of 512s */
    static void *b[N];
    for (int i = 0; i < N; i++) b[i] = seg_malloc(512);
    int first0 = 0, firstk = 0;
    for (int i = 0; i < N; i++) {
        uintptr_t off = (uintptr_t)b[i] - arena_of(b[i]);
        if (pool_of(b[i]) == 0) {
            ck_assert_uint_ge(off, 4160);
            ck_assert_uint_eq((off - 4160) % 512, 0);
            first0 += off == 4160;
        } else {
            ck_assert_uint_eq((off % 16384) % 512, 0);
            firstk += off % 16384 == 0;
        }
    }
    ck_assert_int_ge(first0, 1);                     /* pool 0's first block */
    ck_assert_int_ge(firstk, 63);                    /* a block at a pool's byte 0 */
    for (int i = 0; i < N; i++) seg_free(b[i]);
}
END_TEST

/* "Descriptors at the start of the arena": a pool of 16-byte blocks holds
   1,024 of them (chapter 4: 1,021), pool 0 holds 764; of 512-byte blocks,
   32 (chapter 4: 31) and 23. */
START_TEST(a_pool_holds_1024_blocks_of_16_bytes_and_pool_0_holds_764)
{
    static void *b[3 * 64 * 1024];
    int p0, pk;
    blocks_per_pool(16, 3 * 64 * 1024, b, &p0, &pk);
    ck_assert_int_eq(p0, 764);
    ck_assert_int_eq(pk, 1024);
    blocks_per_pool(512, 3 * 64 * 32, b, &p0, &pk);
    ck_assert_int_eq(p0, 23);
    ck_assert_int_eq(pk, 32);
}
END_TEST

/* "Descriptors at the start of the arena": the descriptor of pool k is the
   k-th 64-byte entry of the table at the arena's base. */
START_TEST(the_descriptor_of_pool_k_is_entry_k_of_the_table)
{
    enum { N = 2 * (23 + 63 * 32) };
    static void *b[N];
    for (int i = 0; i < N; i++) b[i] = seg_malloc(500);
    for (int i = 0; i < N; i++) {
        uintptr_t d = (uintptr_t)Pm_SegmentDescriptor(b[i]);
        ck_assert_uint_eq(d, arena_of(b[i]) + 64 * pool_of(b[i]));
    }
    int st[64]; unsigned sz[64];
    ck_assert_int_eq(Pm_SegmentPools(b[N / 2], st, sz), 64);
    ck_assert_uint_eq(sz[pool_of(b[N / 2])], 31);                  /* class of 500 */
    ck_assert_ptr_null(Pm_SegmentDescriptor(&st[0]));               /* the stack */
    for (int i = 0; i < N; i++) seg_free(b[i]);
}
END_TEST

/* "A shared leaf of zeros": an address is ours only if its arena is marked;
   addresses that share the zero leaf, or another region's leaf at the same
   index, are not. */
static int a_static;
START_TEST(only_blocks_in_marked_arenas_are_ours_and_the_zero_leaf_stays_zero)
{
    int local;
    void *m = malloc(16), *p = seg_malloc(16);
    ck_assert(ours7(p));
    ck_assert(!ours7(&local) && !ours7(&a_static) && !ours7(m) && !ours7(NULL));
    ck_assert(!ours7((void *)(uintptr_t)0xffff800000000000ULL));      /* above 2^48 */
    for (int bit = 40; bit < 48; bit++)             /* the same MiB in 8 other roots */
        ck_assert_msg(!ours7((void *)((uintptr_t)p ^ ((uintptr_t)1 << bit))),
                      "an address 2^%d away from a block is ours", bit);
    ck_assert(!ours7((void *)(uintptr_t)0x10000000000ULL));           /* 1 TiB */
    ck_assert(!ours4(p));                           /* not chapter 4's either */
    free(m); seg_free(p);
}
END_TEST

/* "A shared leaf of zeros": an arena given back is no longer ours. */
START_TEST(an_arena_given_back_is_no_longer_ours)
{
    enum { N = 4 * 64 * 32 };
    static void *b[N];
    for (int i = 0; i < N; i++) b[i] = seg_malloc(512);
    void *probe = b[N / 2];
    uintptr_t a = arena_of(probe);
    for (int i = 0; i < N; i++) seg_free(b[i]);
    int still = 0;                                  /* one arena may be kept */
    for (int i = 0; i < N; i += 32) still += ours7(b[i]) && arena_of(b[i]) != a;
    ck_assert(!ours7(probe) || still == 0);
    PmObmallocStats s = Pm_GetSegmentsStats();
    ck_assert_uint_eq(s.arenas_reclaimed + s.arenas_current, s.arenas_allocated_total);
}
END_TEST

/* "The second allocator, from chapter 4's code": 300,000 blocks of 16 to 512
   bytes freed in random order give back every new arena but one: at least
   99% of the memory. */
START_TEST(mixed_sizes_freed_in_random_order_give_back_all_arenas_but_one)
{
    enum { N = 300000 };
    static void *b[N];
    static uint32_t order[N];
    uint64_t x = 6;
    PmObmallocStats s0 = Pm_GetSegmentsStats();
    for (int i = 0; i < N; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        b[i] = seg_malloc(16 + (size_t)(x >> 33) % 497);
        order[i] = (uint32_t)i;
    }
    PmObmallocStats s1 = Pm_GetSegmentsStats();
    ck_assert_uint_ge(s1.arenas_current - s0.arenas_current, 70);   /* ~79 MiB */
    for (int i = N - 1; i > 0; i--) {                               /* shuffle */
        x = x * 6364136223846793005u + 1442695040888963407u;
        uint32_t j = (uint32_t)((x >> 33) % (uint64_t)(i + 1)), t = order[i];
        order[i] = order[j], order[j] = t;
    }
    for (int i = 0; i < N; i++) seg_free(b[order[i]]);
    PmObmallocStats s2 = Pm_GetSegmentsStats();
    ck_assert_uint_le(s2.arenas_current, s0.arenas_current + 1);
    ck_assert_uint_eq(s2.blocks_in_use, s0.blocks_in_use);
}
END_TEST

/* "The second allocator, from chapter 4's code": chapter 4's pool rules
   hold: a full pool rejoins its class at its fourth free block, at the
   front, and its newest free block is handed out first. */
START_TEST(a_full_pool_rejoins_at_its_fourth_free_block)
{
    PM_RUNS_ONCE("it expects fresh pools, filled in address order");
    enum { PER_POOL = 16384 / 512 };                /* 32, not pool 0 */
    static void *b[2 * 64 * PER_POOL];
    int n = 0;
    do b[n] = seg_malloc(512);                       /* up to a fresh pool's first block */
    while (((uintptr_t)b[n++] & 16383) != 0 || pool_of(b[n - 1]) == 0);
    unsigned k = pool_of(b[n - 1]);
    int start = n - 1;
    while (n < start + PER_POOL) b[n++] = seg_malloc(512);             /* fill pool k */
    ck_assert_uint_eq(pool_of(b[start + PER_POOL - 1]), k);
    for (int i = start; i < start + 3; i++) seg_free(b[i]);
    void *other = seg_malloc(512);
    ck_assert(pool_of(other) != k || arena_of(other) != arena_of(b[start]));   /* off the list */
    seg_free(b[start + 3]);                          /* the fourth */
    ck_assert_ptr_eq(seg_malloc(512), b[start + 3]);
    seg_free(other);
    for (int i = 0; i < n; i++) if (i < start || i >= start + 3) seg_free(b[i]);
}
END_TEST

/* "The second allocator, from chapter 4's code": realloc and calloc follow
   chapter 4's rules. */
START_TEST(realloc_and_calloc_follow_chapter_4s_rules)
{
    char *p = seg_malloc(100);                       /* class 112 */
    strcpy(p, "kept");
    ck_assert_ptr_eq(seg_realloc(p, 85), p);         /* 4*85 > 3*112 */
    char *q = seg_realloc(p, 84);
    ck_assert_ptr_ne(q, p);
    ck_assert_str_eq(q, "kept");
    char *r = seg_realloc(q, 1000);
    ck_assert(!ours7(r));
    ck_assert_str_eq(r, "kept");
    seg_free(r);
    char *z = seg_malloc(64);
    memset(z, 0x5a, 64);
    seg_free(z);
    char *c = PmMem_Segments.calloc(NULL, 8, 8);
    for (int i = 0; i < 64; i++) ck_assert_int_eq(c[i], 0);
    seg_free(c);
    ck_assert_ptr_null(PmMem_Segments.calloc(NULL, SIZE_MAX / 2, 3));
}
END_TEST

/* "Looking inside": the report's lines add up to the arenas' total; the
   4,160 bytes before pool 0's first block are its "pool headers". */
enum { R_ARENA, R_ALLOCATED, R_AVAILABLE, R_UNUSED, R_HEADERS, R_QUANT, R_TOTAL, R_ARENAS };
/* the eight numbers of Pm_SegmentsDebugMallocStats that the test reads */
static void read_report(size_t v[8])
{
    static const char *label[8] = {"bytes/arena", "# bytes in allocated blocks",
        "# bytes in available blocks", "unused pools", "# bytes lost to pool headers",
        "# bytes lost to quantization", "Total", "# arenas allocated current"};
    char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    Pm_SegmentsDebugMallocStats(f);
    fclose(f);
    for (int i = 0; i < 8; i++) {
        char *line = strstr(buf, label[i]), digits[32];
        ck_assert_msg(line != NULL, "no line '%s' in the report:\n%s", label[i], buf);
        int k = 0;
        for (char *c = strchr(line, '=') + 1; *c && *c != '\n'; c++) if (*c >= '0' && *c <= '9') digits[k++] = *c;
        digits[k] = '\0';
        v[i] = strtoul(digits, NULL, 10);
    }
}

/* "The statistics account for every byte": 65,536 blocks of 16 bytes add
   exactly 1,048,576 bytes in allocated blocks; each arena they add is
   1 MiB in the total, and its descriptor table's 4,160 bytes are counted
   (an arena whose pools were all empty counts no table until one is used);
   no pool has a 48-byte header; and the five kinds of bytes sum to the total.
   (Start-up objects may already use arenas, so the test reads differences.) */
START_TEST(the_report_accounts_for_every_byte_and_the_table)
{
    enum { N = 64 * 1024 };                          /* the arenas of 16s fill up */
    static void *b[N];
    size_t v0[8], v[8];
    read_report(v0);
    for (int i = 0; i < N; i++) b[i] = seg_malloc(16);
    read_report(v);
    size_t arenas = v[R_ARENAS] - v0[R_ARENAS];
    ck_assert_uint_ge(arenas, 1);
    ck_assert_uint_eq(v[R_ALLOCATED] - v0[R_ALLOCATED], 1048576);        /* 65,536 x 16 */
    ck_assert_uint_eq(v[R_TOTAL] - v0[R_TOTAL], arenas * 1048576);
    ck_assert_uint_eq(v[R_HEADERS] % 4160, 0);                            /* whole tables */
    ck_assert_uint_ge(v[R_HEADERS] - v0[R_HEADERS], arenas * 4160);       /* one per new arena */
    ck_assert_uint_le(v[R_HEADERS], v[R_ARENAS] * 4160);                  /* at most one each */
    ck_assert_uint_eq(v[R_ARENA], v[R_ARENAS] * 1048576);        /* "N arenas * 1048576 bytes/arena" */
    ck_assert_uint_eq(v[R_ALLOCATED] + v[R_AVAILABLE] + v[R_UNUSED] + v[R_HEADERS] + v[R_QUANT],
                      v[R_TOTAL]);
    ck_assert_uint_eq(v[R_TOTAL], v[R_ARENA]);
    for (int i = 0; i < N; i++) seg_free(b[i]);
}
END_TEST

/* "The default from this layer on": objects come from this chapter's
   allocator; PMMALLOC=pymalloc and PMMALLOC=debug are checked in re-runs of
   this program (the cases "segments at start-up, ..."). */
static void rerun(const char *pmmalloc, const char *tcase)
{
    setenv("PMMALLOC", pmmalloc, 1);
    setenv("CK_RUN_CASE", tcase, 1);
    setenv("PM_TEST_CH07_CHILD", pmmalloc, 1);
    execl(pm_test_argv0, pm_test_argv0, (char *)NULL);
    _exit(127);
}
static void rerun_pymalloc(void) { rerun("pymalloc", "segments at start-up, re-run"); }
static void rerun_debug(void) { rerun("debug", "segments at start-up, re-run"); }

START_TEST(segments_are_the_default_and_chapter_4s_pymalloc_stays_selectable)
{
    const char *env = getenv("PMMALLOC");
    PmObject *s = PmStr_FromString("where am I?");
    if (env == NULL)
        ck_assert(ours7(s) && !ours4(s));
    else if (strcmp(env, "malloc") == 0)
        ck_assert(!ours7(s) && !ours4(s));
    Pm_DECREF(s);
    char err[4096];
    int st = pm_in_child(rerun_pymalloc, err, sizeof err);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "PMMALLOC=pymalloc: %s", err);
    st = pm_in_child(rerun_debug, err, sizeof err);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "PMMALLOC=debug: %s", err);
}
END_TEST

START_TEST(what_the_re_run_sees)
{
    const char *as = getenv("PM_TEST_CH07_CHILD");
    if (as == NULL)
        return;                                      /* only in a re-run */
    PmObject *s = PmStr_FromString("where am I?");
    if (strcmp(as, "pymalloc") == 0)
        ck_assert(ours4(s) && !ours7(s));
    else {                                           /* debug hooks over segments */
        PM_KEEPS_MEMORY("the debug allocator's quarantine keeps the last blocks freed");
        ck_assert(ours7(s) && !ours4(s));
        ck_assert_int_eq(PM_HEAD(s)->id, 'o');
        ck_assert_int_eq(((uint8_t *)s)[-1], 0xFD);
    }
    Pm_DECREF(s);
}
END_TEST

/* "Pages faulted in at once": a new arena of this chapter's allocator is
   resident whole, its 256 pages of 4 KiB, as soon as it is mapped; a new
   arena of chapter 4's pymalloc, like CPython 3.11's, has only the pages
   it has written (a pool header and a block or two: one page). */
static void *first_block_of_a_new_arena(void *(*alloc)(size_t), PmObmallocStats (*stats)(void),
                                        void **b, int max, int *n)
{
    size_t before = stats().arenas_allocated_total;   /* a walk: asked rarely */
    for (*n = 0; *n < max; (*n)++) {
        b[*n] = alloc(512);
        if ((*n == 0 || arena_of(b[*n]) != arena_of(b[*n - 1]))
            && stats().arenas_allocated_total != before)
            return b[(*n)++];
    }
    return NULL;
}

static int resident_pages(const void *p)
{
    static unsigned char page[256];               /* 1 MiB of 4 KiB pages */
    ck_assert_int_eq(mincore((void *)arena_of(p), (size_t)1 << 20, page), 0);
    int n = 0;
    for (int i = 0; i < 256; i++) n += page[i] & 1;
    return n;
}

static void *ch4_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }

START_TEST(a_new_arena_is_resident_whole_and_chapter_4s_only_where_written)
{
    enum { MAX = 2 * 64 * 32 };                   /* two arenas of 512s at most */
    static void *b[MAX];
    int n;
    void *p = first_block_of_a_new_arena(seg_malloc, Pm_GetSegmentsStats, b, MAX, &n);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(resident_pages(p), 256);
    for (int i = 0; i < n; i++) seg_free(b[i]);
    p = first_block_of_a_new_arena(ch4_malloc, Pm_GetObmallocStats, b, MAX, &n);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(resident_pages(p), 1);       /* CPython 3.11: only what is written */
    for (int i = 0; i < n; i++) PmMem_Pymalloc.free(NULL, b[i]);
}
END_TEST

/* "A shared leaf of zeros": the 256 roots cover the 48 bits of user
   addresses; 2^48, the first address past them, is not ours (the root index
   256 must not be read). */
START_TEST(the_first_address_past_2_to_the_48_is_not_ours)
{
    ck_assert(!ours7((void *)((uintptr_t)1 << 48)));
    ck_assert(!ours7((void *)(((uintptr_t)1 << 48) + ((uintptr_t)1 << 20))));
}
END_TEST

Suite *ch07_segments_suite(void)
{
    Suite *s = suite_create("ch07 segments");
    TCase *tc = tcase_create("segments");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, blocks_begin_after_the_descriptor_table_and_at_each_pools_first_byte);
    tcase_add_test(tc, a_pool_holds_1024_blocks_of_16_bytes_and_pool_0_holds_764);
    tcase_add_test(tc, the_descriptor_of_pool_k_is_entry_k_of_the_table);
    tcase_add_test(tc, only_blocks_in_marked_arenas_are_ours_and_the_zero_leaf_stays_zero);
    tcase_add_test(tc, an_arena_given_back_is_no_longer_ours);
    tcase_add_test(tc, mixed_sizes_freed_in_random_order_give_back_all_arenas_but_one);
    tcase_add_test(tc, a_full_pool_rejoins_at_its_fourth_free_block);
    tcase_add_test(tc, realloc_and_calloc_follow_chapter_4s_rules);
    tcase_add_test(tc, the_report_accounts_for_every_byte_and_the_table);
    tcase_add_test(tc, the_first_address_past_2_to_the_48_is_not_ours);
    tcase_add_test(tc, a_new_arena_is_resident_whole_and_chapter_4s_only_where_written);
    tcase_add_test(tc, the_heap_checker_reports_a_corrupted_free_list);
    suite_add_tcase(s, tc);
    TCase *start = tcase_create("segments at start-up");
    tcase_set_timeout(start, 60);
    tcase_add_test(start, segments_are_the_default_and_chapter_4s_pymalloc_stays_selectable);
    suite_add_tcase(s, start);
    TCase *rerun_case = tcase_create("segments at start-up, re-run");
    tcase_add_test(rerun_case, what_the_re_run_sees);
    suite_add_tcase(s, rerun_case);
    return s;
}
