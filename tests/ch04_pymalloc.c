/* ch04_pymalloc.c -- tests of chapter 4, "Pools and arenas". The tests
 * call pymalloc's own functions (PmMem_Pymalloc), so they test it whatever
 * allocator PMMALLOC puts behind the domains. Each test runs in a fresh
 * child process (Check's fork mode), so arena counts start from the
 * runtime's own state at start-up. */
#include "pmtest.h"

static void *pm_malloc(size_t n) { return PmMem_Pymalloc.malloc(NULL, n); }
static void *pm_realloc(void *p, size_t n) { return PmMem_Pymalloc.realloc(NULL, p, n); }
static void pm_free(void *p) { PmMem_Pymalloc.free(NULL, p); }
static int ours(const void *p) { int st[64]; unsigned sz[64]; return Pm_ArenaPools(p, st, sz) > 0; }

/* "Size classes": 1..512 bytes are ours; 0 and 513 go to the raw domain. */
START_TEST(small_requests_are_ours_and_large_or_zero_are_not)
{
    void *p1 = pm_malloc(1), *p512 = pm_malloc(512), *p0 = pm_malloc(0), *p513 = pm_malloc(513);
    ck_assert(ours(p1) && ours(p512));
    ck_assert(!ours(p0) && !ours(p513));
    ck_assert_ptr_nonnull(p0);
    pm_free(p1); pm_free(p512); pm_free(p0); pm_free(p513);
    pm_free(NULL);
}
END_TEST

/* "Size classes": blocks are 16-byte aligned and rounded up to a multiple of 16. */
START_TEST(blocks_are_aligned_and_spaced_by_their_class)
{
    PM_RUNS_ONCE("a fresh pool hands out its blocks in address order; a reused one in LIFO order");
    for (size_t n = 1; n <= 512; n += 37) {
        char *a = pm_malloc(n), *b = pm_malloc(n);
        ck_assert_uint_eq((uintptr_t)a % 16, 0);
        size_t cls = (n + 15) / 16 * 16;
        ck_assert_uint_eq((size_t)(b - a), cls);          /* next block of a fresh pool */
        memset(a, 0xab, n);                               /* the whole request is usable */
        pm_free(a); pm_free(b);
    }
}
END_TEST

/* "Freeing": a freed block is the first one handed out again (LIFO). */
START_TEST(a_freed_block_is_reused_first)
{
    void *a = pm_malloc(40), *b = pm_malloc(40), *c = pm_malloc(40);
    pm_free(b);
    ck_assert_ptr_eq(pm_malloc(33), b);                  /* same class (48) */
    pm_free(a); pm_free(b); pm_free(c);
}
END_TEST

/* "The three states of a pool": used -> full -> used -> empty. */
START_TEST(pools_go_used_full_used_empty)
{
    enum { PER_POOL = (16384 - 48) / 512 };               /* 31 */
    void *b[PER_POOL];
    int st[64]; unsigned sz[64];
    for (int i = 0; i < PER_POOL; i++) b[i] = pm_malloc(500);
    size_t k = (size_t)(((uintptr_t)b[0] & ((1u << 20) - 1)) >> 14);   /* pool index in arena */
    Pm_ArenaPools(b[0], st, sz);
    ck_assert_int_eq(st[k], PM_POOL_FULL);
    ck_assert_uint_eq(sz[k], 31);
    for (int i = 3; i < 7; i++) pm_free(b[i]);            /* 4 blocks: it rejoins */
    Pm_ArenaPools(b[0], st, sz);
    ck_assert_int_eq(st[k], PM_POOL_USED);
    ck_assert_ptr_eq(pm_malloc(512), b[6]);               /* back on usedpools, at the front */
    for (int i = 0; i < PER_POOL; i++) if (i < 3 || i > 5) pm_free(b[i]);
    Pm_ArenaPools(b[0], st, sz);
    ck_assert_int_eq(st[k], PM_POOL_EMPTY);
}
END_TEST

/* "Freeing": a full pool rejoins its class's list only at its fourth free
   block; until then its class allocates from another pool. */
START_TEST(a_full_pool_rejoins_its_class_at_the_fourth_free_block)
{
    enum { PER_POOL = (16384 - 48) / 512 };               /* 31 */
    void *b[PER_POOL];
    for (int i = 0; i < PER_POOL; i++) b[i] = pm_malloc(500);
    uintptr_t pool = (uintptr_t)b[0] & ~(uintptr_t)16383;
    for (int i = 0; i < 3; i++) pm_free(b[i]);
    void *other = pm_malloc(512);
    ck_assert_uint_ne((uintptr_t)other & ~(uintptr_t)16383, pool);   /* still off the list */
    pm_free(other);                       /* that pool is kept, alone on the list */
    pm_free(b[3]);                        /* the fourth: it rejoins, at the front */
    ck_assert_ptr_eq(pm_malloc(512), b[3]);
    for (int i = 3; i < PER_POOL; i++) pm_free(b[i]);
}
END_TEST

/* "The three states of a pool": an empty pool belongs to no class; the
   next class that needs a pool takes it. (Each test runs in a fresh child,
   where pymalloc has no pool yet.) */
START_TEST(an_empty_pool_serves_any_class)
{
    PM_RUNS_ONCE("it follows one pool from the start of a fresh heap");
    enum { PER_POOL = (16384 - 48) / 16 };               /* 1021 */
    static void *b[PER_POOL + 1];
    for (int i = 0; i <= PER_POOL; i++) b[i] = pm_malloc(16);   /* pool A full, B has 1 */
    uintptr_t pool = (uintptr_t)b[0] & ~(uintptr_t)16383;
    for (int i = 0; i < PER_POOL; i++) pm_free(b[i]);           /* A empties; B remains */
    int st[64]; unsigned sz[64];
    Pm_ArenaPools(b[0], st, sz);
    ck_assert_int_eq(st[(pool >> 14) & 63], PM_POOL_EMPTY);
    void *c = pm_malloc(300);                                   /* another class */
    ck_assert_uint_eq((uintptr_t)c & ~(uintptr_t)16383, pool);
    int blocks[64];
    ck_assert_int_eq(Pm_PoolBlocks(c, blocks, 64), (16384 - 48) / 304);
    ck_assert_int_eq(blocks[0], PM_BLOCK_ALLOCATED);
    ck_assert_int_eq(blocks[1], PM_BLOCK_FREE);                 /* the free list's head */
    ck_assert_int_eq(blocks[2], PM_BLOCK_NEVER_USED);
    pm_free(c); pm_free(b[PER_POOL]);
}
END_TEST

/* "Keeping the last pool of a class": one block alive at a time does not
   move its pool back and forth, and a kept pool never pins an arena. */
START_TEST(the_last_pool_of_a_class_is_kept_without_pinning_arenas)
{
    PM_RUNS_ONCE("it counts the arenas from the start of a fresh heap");
    void *a = pm_malloc(32);
    uintptr_t pool = (uintptr_t)a & ~(uintptr_t)16383;
    pm_free(a);
    void *b = pm_malloc(300);                                   /* another class */
    ck_assert_uint_ne((uintptr_t)b & ~(uintptr_t)16383, pool);  /* the 32-byte pool stayed */
    ck_assert_uint_eq((uintptr_t)pm_malloc(32) & ~(uintptr_t)16383, pool);
    enum { N = 200000 };                                        /* now 4 arenas of 16s */
    static void *m[N];
    PmObmallocStats s0 = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) m[i] = pm_malloc(16);
    for (int i = 0; i < N; i++) pm_free(m[i]);
    PmObmallocStats s1 = Pm_GetObmallocStats();
    /* the 16-byte pools all emptied: every new arena went back but the one
       kept against thrashing, whatever pool the class kept */
    ck_assert_uint_eq(s1.arenas_current, s0.arenas_current + 1);
    ck_assert_uint_eq(s1.arenas_reclaimed - s0.arenas_reclaimed,
                      s1.arenas_allocated_total - s0.arenas_allocated_total - 1);
    pm_free(b);
}
END_TEST

/* "Keeping the last pool of a class": a kept pool holds a reservation, not
   a block: it counts no block in use and shows as empty, yet its class
   still allocates from it, the same block first. */
START_TEST(a_kept_pool_counts_no_block_and_serves_its_class)
{
    PmObmallocStats s0 = Pm_GetObmallocStats();
    void *a = pm_malloc(400);
    ck_assert_uint_eq(Pm_GetObmallocStats().blocks_in_use, s0.blocks_in_use + 1);
    pm_free(a);                                                 /* kept */
    ck_assert_uint_eq(Pm_GetObmallocStats().blocks_in_use, s0.blocks_in_use);
    int st[64]; unsigned sz[64];
    Pm_ArenaPools(a, st, sz);
    ck_assert_int_eq(st[((uintptr_t)a >> 14) & 63], PM_POOL_EMPTY);
    ck_assert_ptr_eq(pm_malloc(400), a);
    pm_free(a);
}
END_TEST

/* "Keeping the last pool of a class": when another pool joins the class,
   the kept pool gives way and becomes a free pool, for any class. */
START_TEST(a_kept_pool_gives_way_when_another_pool_joins_its_class)
{
    PM_RUNS_ONCE("it follows two pools from the start of a fresh heap");
    enum { PER_POOL = (16384 - 48) / 400 };                     /* 40 */
    void *a[PER_POOL];
    for (int i = 0; i < PER_POOL; i++) a[i] = pm_malloc(400);   /* pool A, full */
    void *b = pm_malloc(400);                                   /* pool B, alone */
    uintptr_t pool_b = (uintptr_t)b & ~(uintptr_t)16383;
    pm_free(b);                                                 /* B is kept */
    void *c = pm_malloc(300);
    ck_assert_uint_ne((uintptr_t)c & ~(uintptr_t)16383, pool_b);
    for (int i = 0; i < 4; i++) pm_free(a[i]);                  /* A rejoins the class */
    void *d = pm_malloc(200);
    ck_assert_uint_eq((uintptr_t)d & ~(uintptr_t)16383, pool_b);   /* B was free */
    pm_free(c); pm_free(d);
    for (int i = 4; i < PER_POOL; i++) pm_free(a[i]);
}
END_TEST

/* "Keeping the last pool of a class": a kept pool gives up when the other
   pools of its arena empty, so the arena goes back to the system. */
START_TEST(a_kept_pool_does_not_hold_an_arena_whose_other_pools_empty)
{
    enum { N = 3 * 64 * 31 - 10 * 31 };          /* 3 arenas of 512s, 10 pools short */
    static void *b[N];
    PmObmallocStats s0 = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) b[i] = pm_malloc(512);
    void *k = pm_malloc(400);               /* the class's only pool, in arena 3 */
    pm_free(k);                                                 /* kept */
    for (int i = 0; i < N; i++) pm_free(b[i]);
    PmObmallocStats s1 = Pm_GetObmallocStats();
    ck_assert_uint_le(s1.arenas_current, s0.arenas_current + 1);
    ck_assert_uint_eq(s1.blocks_in_use, s0.blocks_in_use);
}
END_TEST

/* "Arenas, fullest first": a wholly free arena is returned, but the last is kept. */
START_TEST(a_free_arena_goes_back_except_the_last)
{
    enum { N = 300000 };                                  /* ~5 arenas of 16-byte blocks */
    static void *b[N];
    PmObmallocStats s0 = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) b[i] = pm_malloc(16);
    PmObmallocStats s1 = Pm_GetObmallocStats();
    ck_assert_uint_ge(s1.arenas_current - s0.arenas_current, 4);
    for (int i = 0; i < N; i++) pm_free(b[i]);
    PmObmallocStats s2 = Pm_GetObmallocStats();
    ck_assert_uint_eq(s2.arenas_reclaimed - s0.arenas_reclaimed,
                      s1.arenas_current - s0.arenas_current - (s0.arenas_current == 0));
    ck_assert_uint_le(s2.arenas_current, s0.arenas_current + 1);
    ck_assert_uint_eq(s2.arenas_reclaimed + s2.arenas_current, s2.arenas_allocated_total);
}
END_TEST

/* "Mapping an aligned arena": every arena starts on a 1 MiB boundary, so
   all 64 of its pools are usable and none is lost to alignment. */
START_TEST(arenas_are_aligned_and_keep_all_64_pools)
{
    PM_RUNS_ONCE("it expects fresh arenas, filled from pool 0");
    enum { N = 5 * 64 * 31 };                              /* 5 arenas of 512s */
    static void *b[N];
    for (int i = 0; i < N; i++) b[i] = pm_malloc(512);
    for (int i = 0; i < N; i += 31 * 64) {
        uintptr_t base = (uintptr_t)b[i] & ~(uintptr_t)((1u << 20) - 1);
        int st[64]; unsigned sz[64];
        ck_assert_int_eq(Pm_ArenaPools((void *)base, st, sz), 64);
        for (int k = 0; k < 64; k++) ck_assert_int_eq(st[k], PM_POOL_FULL);
        ck_assert_ptr_eq(b[i], (void *)(base + 48));          /* pool 0's first block */
    }
    for (int i = 0; i < N; i++) pm_free(b[i]);
}
END_TEST

/* "Fragmentation, measured": one block in a thousand pins every arena. */
START_TEST(one_survivor_per_pool_pins_every_arena)
{
    enum { N = 200000 };
    static void *b[N];
    for (int i = 0; i < N; i++) b[i] = pm_malloc(16);
    PmObmallocStats s1 = Pm_GetObmallocStats();
    for (int i = 0; i < N; i++) if (i % 1000) pm_free(b[i]);
    PmObmallocStats s2 = Pm_GetObmallocStats();
    ck_assert_uint_eq(s2.arenas_reclaimed, s1.arenas_reclaimed);
    ck_assert_uint_eq(s2.arenas_current, s1.arenas_current);
    ck_assert_uint_eq(s2.blocks_in_use, s1.blocks_in_use - (N - N / 1000));
    for (int i = 0; i < N; i += 1000) pm_free(b[i]);
}
END_TEST

/* "Arenas, fullest first": new pools come from the arena with fewest free pools. */
START_TEST(new_pools_come_from_the_fullest_arena)
{
    enum { PER_ARENA = 64 * 31 };                         /* 512-byte blocks */
    static void *b[3 * PER_ARENA];
    for (int i = 0; i < 3 * PER_ARENA; i++) b[i] = pm_malloc(512);
    uintptr_t a0 = (uintptr_t)b[0] >> 20, a1 = (uintptr_t)b[PER_ARENA + 5] >> 20;
    ck_assert_uint_ne(a0, a1);
    /* empty 10 pools of the first arena and 2 of the second */
    for (int i = 0; i < 3 * PER_ARENA; i++) {
        uintptr_t a = (uintptr_t)b[i] >> 20;
        int pool = (int)(((uintptr_t)b[i] >> 14) & 63);
        if ((a == a0 && pool >= 20 && pool < 30) || (a == a1 && pool >= 20 && pool < 22)) {
            pm_free(b[i]); b[i] = NULL;
        }
    }
    void *n = pm_malloc(16);                              /* needs a new pool */
    ck_assert_uint_eq((uintptr_t)n >> 20, a1);            /* 2 free pools < 10 */
    pm_free(n);
    for (int i = 0; i < 3 * PER_ARENA; i++) pm_free(b[i]);
}
END_TEST

#define MALLOC pm_malloc
#define FREE pm_free
#define NAME "pymalloc"
/* "Checking the heap": a write into a freed block that breaks its pool's
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

/* "Is this address ours?": stack, static, malloc'd and wild addresses are not. */
static int a_static;
START_TEST(only_blocks_in_our_arenas_are_ours)
{
    int local;
    void *m = malloc(16), *p = pm_malloc(16);
    ck_assert(ours(p));
    ck_assert(!ours(&local) && !ours(&a_static) && !ours(m));
    ck_assert(!ours((void *)(uintptr_t)0xffff800000000000ULL));   /* above 2^48 */
    ck_assert(!ours(NULL));
    free(m); pm_free(p);
}
END_TEST

/* "realloc": keep when saving less than a quarter; move otherwise; malloc stays malloc. */
START_TEST(realloc_follows_the_quarter_rule_and_leaves_malloc_blocks)
{
    char *p = pm_malloc(100);                             /* class 112 */
    strcpy(p, "kept");
    ck_assert_ptr_eq(pm_realloc(p, 112), p);              /* grows within its class */
    ck_assert_ptr_eq(pm_realloc(p, 85), p);               /* 4*85 > 3*112 */
    char *q = pm_realloc(p, 84);                          /* 4*84 == 3*112: move */
    ck_assert_ptr_ne(q, p);
    ck_assert_str_eq(q, "kept");
    char *r = pm_realloc(q, 1000);                        /* large: to malloc */
    ck_assert(!ours(r));
    ck_assert_str_eq(r, "kept");
    char *s = pm_realloc(r, 10);                          /* malloc's block stays malloc's */
    ck_assert(!ours(s));
    ck_assert_str_eq(s, "kept");
    pm_free(s);
    ck_assert(ours(p = pm_realloc(NULL, 10)));
    pm_free(p);
}
END_TEST

/* "calloc": zeroed even when the block is reused; overflow is refused. */
START_TEST(calloc_zeroes_reused_blocks_and_refuses_overflow)
{
    char *p = pm_malloc(64);
    memset(p, 0x5a, 64);
    pm_free(p);
    char *q = PmMem_Pymalloc.calloc(NULL, 8, 8);
    ck_assert_ptr_eq(q, p);
    for (int i = 0; i < 64; i++) ck_assert_int_eq(q[i], 0);
    pm_free(q);
    ck_assert_ptr_null(PmMem_Pymalloc.calloc(NULL, SIZE_MAX / 2, 3));
    ck_assert_ptr_null(PmMem_Pymalloc.calloc(NULL, SIZE_MAX / 16 + 2, 16));   /* k * n wraps to 16 */
}
END_TEST

/* the number on the report's line that contains label */
static size_t report_value(const char *report, const char *label)
{
    const char *line = strstr(report, label);
    ck_assert_msg(line != NULL, "no line \"%s\" in the report", label);
    char digits[32];
    int k = 0;
    for (const char *c = strchr(line, '=') + 1; *c && *c != '\n'; c++)
        if (*c >= '0' && *c <= '9') digits[k++] = *c;
    digits[k] = '\0';
    return strtoul(digits, NULL, 10);
}

/* "Looking inside": 200 blocks of 400 bytes fill 5 pools of CPython 3.11's
   geometry, and the report says so line by line: (16384 - 48) / 400 = 40
   blocks a pool, 48 bytes of header and 336 lost to quantization each,
   and the other 59 pools of the 1 MiB arena unused. */
START_TEST(the_report_accounts_for_every_byte)
{
    ck_assert_uint_eq(Pm_GetObmallocStats().blocks_in_use, 0);   /* nothing else in pymalloc */
    void *b[200];
    for (int i = 0; i < 200; i++) b[i] = pm_malloc(400);
    char buf[8192];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    Pm_DebugMallocStats(f);
    fclose(f);
    ck_assert_msg(strstr(buf, "\n   24    400           5             200             0\n"),
                  "no line for class 24: %s", buf);
    ck_assert_uint_eq(report_value(buf, "# arenas allocated current"), 1);
    ck_assert_uint_eq(report_value(buf, "# bytes in allocated blocks"), 200 * 400);
    ck_assert_uint_eq(report_value(buf, "# bytes in available blocks"), 0);
    ck_assert_uint_eq(report_value(buf, "59 unused pools * 16384 bytes"), 59 * 16384);
    ck_assert_uint_eq(report_value(buf, "# bytes lost to pool headers"), 5 * 48);
    ck_assert_uint_eq(report_value(buf, "# bytes lost to quantization"), 5 * 336);
    ck_assert_uint_eq(report_value(buf, "Total"), 1048576);
    for (int i = 0; i < 200; i++) pm_free(b[i]);
}
END_TEST

/* "Arenas, fullest first": an arena whose free pools grow past another's
   moves behind it (case 3), so the next new pool still comes from the
   arena with the fewest free pools. Pools are emptied in an order that
   needs the move: one in A, one in B, a second in A, four more in B. */
START_TEST(an_arena_that_frees_pools_moves_behind_fuller_ones)
{
    enum { PER_POOL = 31, PER_ARENA = 64 * 31 };          /* 512-byte blocks */
    static void *b[2 * PER_ARENA];
    for (int i = 0; i < 2 * PER_ARENA; i++) b[i] = pm_malloc(512);
    uintptr_t arena_a = (uintptr_t)b[0] >> 20, arena_b = (uintptr_t)b[PER_ARENA] >> 20;
    ck_assert_uint_ne(arena_a, arena_b);
    int order[] = {0, PER_ARENA, PER_POOL, PER_ARENA + PER_POOL, PER_ARENA + 2 * PER_POOL,
                   PER_ARENA + 3 * PER_POOL, PER_ARENA + 4 * PER_POOL};
    for (int k = 0; k < 7; k++)
        for (int i = order[k]; i < order[k] + PER_POOL; i++) {
            pm_free(b[i]);
            b[i] = NULL;
        }
    void *n = pm_malloc(16);                              /* needs a new pool */
    ck_assert_uint_eq((uintptr_t)n >> 20, arena_a);       /* 2 free pools, B has 4 */
    pm_free(n);
    for (int i = 0; i < 2 * PER_ARENA; i++) pm_free(b[i]);
}
END_TEST

/* "Installing pymalloc at start-up": PMMALLOC=pymalloc puts chapter 4's
   pymalloc behind the object domain (the default until a later chapter
   chooses another); PMMALLOC=malloc keeps malloc; an unknown value is a
   fatal error. The PMMALLOC=pymalloc case re-runs this test program with
   that setting and only the "pymalloc at start-up" case. */
static void unknown_allocator(void)
{
    setenv("PMMALLOC", "jemalloc", 1);
    execl(pm_test_argv0, pm_test_argv0, (char *)NULL);
}
static void rerun_with_pymalloc(void)
{
    setenv("PMMALLOC", "pymalloc", 1);
    setenv("CK_RUN_CASE", "pymalloc at start-up", 1);
    setenv("PM_TEST_PYMALLOC_CHILD", "1", 1);
    execl(pm_test_argv0, pm_test_argv0, (char *)NULL);
    _exit(127);
}
START_TEST(pmmalloc_chooses_the_allocator_at_start_up)
{
    const char *env = getenv("PMMALLOC");
    PmObject *s = PmStr_FromString("where am I?");
    if (getenv("PM_TEST_PYMALLOC_CHILD")) {           /* we are the re-run */
        ck_assert(ours(s));
        Pm_DECREF(s);
        return;
    }
    if (env != NULL && strcmp(env, "malloc") == 0)
        ck_assert(!ours(s));
    Pm_DECREF(s);
    char err[4096];
    int st = pm_in_child(rerun_with_pymalloc, err, sizeof err);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "PMMALLOC=pymalloc re-run failed: %s", err);
    ck_assert_fatal(unknown_allocator, "Fatal pm error: PMMALLOC: unknown allocator 'jemalloc'");
}
END_TEST

/* "sorted by the number of free pools, fewest first": the order holds
   whatever the order of the frees. The second arena loses 2 pools first,
   then the first loses 10 and must move behind it; the next new pool still
   comes from the arena with 2 free pools. */
START_TEST(arenas_stay_sorted_whatever_the_order_of_frees)
{
    enum { PER_ARENA = 64 * 31 };                         /* 512-byte blocks */
    static void *b[3 * PER_ARENA];
    for (int i = 0; i < 3 * PER_ARENA; i++) b[i] = pm_malloc(512);
    uintptr_t a0 = (uintptr_t)b[0] >> 20, a1 = (uintptr_t)b[PER_ARENA + 5] >> 20;
    ck_assert_uint_ne(a0, a1);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < 3 * PER_ARENA; i++) {
            if (b[i] == NULL)
                continue;
            uintptr_t a = (uintptr_t)b[i] >> 20;
            int pool = (int)(((uintptr_t)b[i] >> 14) & 63);
            if ((pass == 0 && a == a1 && pool >= 20 && pool < 22)
                    || (pass == 1 && a == a0 && pool >= 20 && pool < 30)) {
                pm_free(b[i]); b[i] = NULL;
            }
        }
    void *n = pm_malloc(16);                              /* needs a new pool */
    ck_assert_uint_eq((uintptr_t)n >> 20, a1);            /* 2 free pools < 10 */
    pm_free(n);
    for (int i = 0; i < 3 * PER_ARENA; i++) pm_free(b[i]);
}
END_TEST

Suite *ch04_pymalloc_suite(void)
{
    Suite *s = suite_create("ch04 pymalloc");
    TCase *tc = tcase_create("pymalloc");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, small_requests_are_ours_and_large_or_zero_are_not);
    tcase_add_test(tc, blocks_are_aligned_and_spaced_by_their_class);
    tcase_add_test(tc, a_freed_block_is_reused_first);
    tcase_add_test(tc, pools_go_used_full_used_empty);
    tcase_add_test(tc, a_full_pool_rejoins_its_class_at_the_fourth_free_block);
    tcase_add_test(tc, an_empty_pool_serves_any_class);
    tcase_add_test(tc, the_last_pool_of_a_class_is_kept_without_pinning_arenas);
    tcase_add_test(tc, a_kept_pool_counts_no_block_and_serves_its_class);
    tcase_add_test(tc, a_kept_pool_gives_way_when_another_pool_joins_its_class);
    tcase_add_test(tc, a_kept_pool_does_not_hold_an_arena_whose_other_pools_empty);
    tcase_add_test(tc, a_free_arena_goes_back_except_the_last);
    tcase_add_test(tc, arenas_are_aligned_and_keep_all_64_pools);
    tcase_add_test(tc, one_survivor_per_pool_pins_every_arena);
    tcase_add_test(tc, new_pools_come_from_the_fullest_arena);
    tcase_add_test(tc, an_arena_that_frees_pools_moves_behind_fuller_ones);
    tcase_add_test(tc, only_blocks_in_our_arenas_are_ours);
    tcase_add_test(tc, realloc_follows_the_quarter_rule_and_leaves_malloc_blocks);
    tcase_add_test(tc, calloc_zeroes_reused_blocks_and_refuses_overflow);
    tcase_add_test(tc, the_report_accounts_for_every_byte);
    tcase_add_test(tc, arenas_stay_sorted_whatever_the_order_of_frees);
    tcase_add_test(tc, the_heap_checker_reports_a_corrupted_free_list);
    suite_add_tcase(s, tc);
    TCase *start = tcase_create("pymalloc at start-up");
    tcase_set_timeout(start, 60);
    tcase_add_test(start, pmmalloc_chooses_the_allocator_at_start_up);
    suite_add_tcase(s, start);
    return s;
}
