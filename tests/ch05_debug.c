/* ch05_debug.c -- tests of chapter 5, "The debug allocator". Each test runs
 * in a fresh child (Check's fork mode) and installs the hooks itself before
 * allocating anything; misuses run in a further child (pm_in_child) whose
 * report is checked. The LINE_ markers below are the lines the reports must
 * name. */
#include "pmtest.h"

static void install(void)
{
    PmMem_SetupDebugHooks();
    PM_KEEPS_MEMORY("the debug allocator's quarantine keeps the last blocks freed");
}
static char expect[256];
#define EXPECT_SITE(line) snprintf(expect, sizeof expect, "tests/ch05_debug.c:%d", (line))

enum { LINE_PAST = __LINE__ + 3 };        /* the PmObject_Malloc line below */
static void past_the_end(void)
{
    char *s = PmObject_Malloc(16);
    s[16] = 'A';
    PmObject_Free(s);
}

/* "Checking a block": a write past the end is reported at free. */
START_TEST(write_past_the_end_is_reported_with_its_site)
{
    install();
    EXPECT_SITE(LINE_PAST);
    ck_assert_fatal(past_the_end, "write past the end of a block: block at 0x");
    ck_assert_fatal(past_the_end, "(16 bytes, domain obj, serial 1) allocated at tests/ch05_debug.c:");
    ck_assert_fatal(past_the_end, expect);
    ck_assert_fatal(past_the_end, "(past_the_end)");
    ck_assert_fatal(past_the_end, "byte 0 after the end is 0x41, should be 0xfd");
}
END_TEST

static void before_the_start(void)
{
    char *s = PmMem_RawMalloc(24);
    s[-3] = 'B';
    PmMem_RawFree(s);
}

/* "Checking a block": a write before the start is reported at free. */
START_TEST(write_before_the_start_is_reported)
{
    install();
    ck_assert_fatal(before_the_start, "write before the start of a block");
    ck_assert_fatal(before_the_start, "(24 bytes, domain raw, serial 1)");
    ck_assert_fatal(before_the_start, "byte -3 before the start is 0x42, should be 0xfd");
}
END_TEST

static void write_after_free_then_check(void)
{
    PmObject *s = PmStr_FromString("gone");
    Pm_DECREF(s);
    ((PmStrObject *)s)->data[0] = 'G';            /* a stale pointer writes */
    PmMem_DebugCheck();
}

static void write_after_free_then_churn(void)
{
    char *p = PmMem_Malloc(32);
    PmMem_Free(p);
    p[5] = 1;
    for (int i = 0; i < 5000; i++)                /* push p out of quarantine */
        PmMem_Free(PmMem_Malloc(8));
}

/* "Freeing, and the quarantine": a write after free is caught at the next
   check, or when the block leaves quarantine; the report says where it was freed. */
START_TEST(write_after_free_is_caught_with_both_sites)
{
    install();
    ck_assert_fatal(write_after_free_then_check, "write to a block after it was freed");
    ck_assert_fatal(write_after_free_then_check, "(PmStr_FromStringAndSize)");
    ck_assert_fatal(write_after_free_then_check, "; freed at ");
    ck_assert_fatal(write_after_free_then_check, "; freed at chapters/01-objects.nw:");
    ck_assert_fatal(write_after_free_then_check, "(str_dealloc)");
    ck_assert_fatal(write_after_free_then_churn, "(32 bytes, domain mem, serial 1)");
    ck_assert_fatal(write_after_free_then_churn, "byte 5 is 0x01, should be 0xdd");
}
END_TEST

static void free_twice(void)
{
    void *p = PmObject_Malloc(10);
    PmObject_Free(p);
    PmObject_Free(p);
}

/* "Checking a block": a second free is a double free, not a crash. */
START_TEST(double_free_is_reported)
{
    install();
    ck_assert_fatal(free_twice, "double free: block at 0x");
    ck_assert_fatal(free_twice, "(10 bytes, domain obj, serial 1)");
    ck_assert_fatal(free_twice, "(free_twice)");
}
END_TEST

static void raw_block_freed_as_object(void)
{
    void *p = PmMem_RawMalloc(8);
    PmObject_Free(p);
}

/* "Checking a block": memory must be freed through its own domain. */
START_TEST(freeing_through_the_wrong_domain_is_reported)
{
    install();
    ck_assert_fatal(raw_block_freed_as_object, "freed through the wrong domain");
    ck_assert_fatal(raw_block_freed_as_object, "allocated through PmMem_RawMalloc, freed through PmObject_Free");
}
END_TEST

static void free_a_stranger(void)
{
    static uint8_t fake[256];
    PmObject_Free(fake + 128);
}

/* "Checking a block": a pointer that was never a debug block is refused. */
START_TEST(freeing_a_foreign_pointer_is_reported)
{
    install();
    ck_assert_fatal(free_a_stranger, "not a block of the debug allocator");
}
END_TEST

/* "Three patterns": clean data, forbidden pads, dead after free; serials count. */
START_TEST(blocks_are_painted_clean_forbidden_and_dead)
{
    install();
    uint8_t *p = PmObject_Malloc(20);
    for (int i = 0; i < 20; i++) ck_assert_uint_eq(p[i], 0xCD);        /* CPython 3.11 _PyMem_CLEANBYTE */
    for (int i = 1; i <= 7; i++) ck_assert_uint_eq(p[-i], 0xFD);       /* _PyMem_FORBIDDENBYTE */
    for (int i = 0; i < 8; i++) ck_assert_uint_eq(p[20 + i], 0xFD);
    ck_assert_uint_eq(((uintptr_t)p) % 16, 0);
    PmDebugHeader *h = (PmDebugHeader *)p - 1;
    ck_assert_uint_eq(h->size, 20);
    ck_assert_uint_eq(h->id, 'o');
    void *q = PmMem_Malloc(1);
    ck_assert_uint_eq(((PmDebugHeader *)q - 1)->serial, h->serial + 1);
    PmObject_Free(p);
    for (int i = 0; i < 20; i++) ck_assert_uint_eq(p[i], 0xDD);   /* in quarantine; CPython 3.11 _PyMem_DEADBYTE */
    ck_assert_uint_eq(h->id, 'O');
    PmMem_Free(q);
    ck_assert_ptr_null(PmObject_Calloc(SIZE_MAX / 2, 3));       /* overflow refused */
    ck_assert_ptr_null(PmObject_Malloc(SIZE_MAX - 8));           /* header would overflow */
    uint8_t *z = PmObject_Calloc(4, 4);
    for (int i = 0; i < 16; i++) ck_assert_uint_eq(z[i], 0);
    PmObject_Free(z);
    PmMem_DebugCheck();                            /* nothing was written after free */
}
END_TEST

/* "calloc and realloc": realloc always moves and keeps the data. */
START_TEST(realloc_moves_and_keeps_the_data)
{
    install();
    char *p = PmMem_Malloc(8);
    memcpy(p, "1234567", 8);
    char *q = PmMem_Realloc(p, 100);
    ck_assert_ptr_ne(p, q);
    ck_assert_str_eq(q, "1234567");
    ck_assert_uint_eq((uint8_t)q[50], 0xCD);          /* CPython 3.11 _PyMem_CLEANBYTE */
    char *r = PmMem_Realloc(q, 4);
    ck_assert_int_eq(memcmp(r, "1234", 4), 0);
    ck_assert_uint_eq((uint8_t)p[0], 0xDD);           /* CPython 3.11 _PyMem_DEADBYTE */
    PmMem_Free(r);
}
END_TEST

/* Objects work normally on top of the hooks (the whole runtime runs). */
START_TEST(the_runtime_runs_on_the_debug_allocator)
{
    install();
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 1000; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    ck_assert_int_eq(PmInt_AsLong(PmList_GetItem(l, 999)), 1999);
    Pm_DECREF(l);
    PmMem_DebugCheck();
}
END_TEST

static void rerun_with_debug_and_overflow(void)
{
    setenv("PMMALLOC", "debug", 1);
    setenv("CK_RUN_CASE", "debug at start-up", 1);
    setenv("CK_FORK", "no", 1);                   /* the abort must reach us */
    setenv("PM_TEST_OVERFLOW_NOW", "1", 1);
    execl(pm_test_argv0, pm_test_argv0, (char *)NULL);
}

/* "Allocating": with PMDEBUG_CHECK_HEAP=1 the hooks check the heap on
   every operation, and the first allocation after a write into a freed
   pymalloc block stops with what the heap checker found. */
static void corrupt_then_allocate(void)
{
    setenv("PMDEBUG_CHECK_HEAP", "1", 1);
    install();
    void *a = PmMem_Pymalloc.malloc(NULL, 48), *b = PmMem_Pymalloc.malloc(NULL, 48);
    PmMem_Pymalloc.free(NULL, b);
    *(void **)b = &a;                                /* a use after free */
    PmObject_Malloc(16);
}
START_TEST(the_heap_is_checked_on_every_operation_when_asked)
{
    ck_assert_fatal(corrupt_then_allocate, "debug allocator (malloc): the heap is broken: "
                    "pymalloc: pool at ");
}
END_TEST

/* "Installing the hooks": PMMALLOC=debug installs them at start-up. */
START_TEST(pmmalloc_debug_installs_the_hooks_at_start_up)
{
    if (getenv("PM_TEST_OVERFLOW_NOW")) {         /* we are the re-run child */
        char *s = PmObject_Malloc(4);
        s[4] = 'Z';
        PmObject_Free(s);
        return;
    }
    ck_assert_fatal(rerun_with_debug_and_overflow, "write past the end of a block");
}
END_TEST

/* "A block, live and dead": freeing keeps the header (size, serial, the
   six allocation sites), upper-cases the id and records three sites. */
START_TEST(freeing_keeps_the_header_and_records_the_free)
{
    install();
    PmObject *x = PmInt_FromLong(1000);
    PmDebugHeader *h = PM_HEAD(x), before = *h;
    ck_assert_uint_eq(h->size, 24);
    ck_assert_uint_eq(h->id, 'o');
    for (int i = 0; i < PM_FREE_FRAMES; i++)
        ck_assert_ptr_null(h->freed_at[i]);
    Pm_DECREF(x);
    ck_assert_uint_eq(h->id, 'O');
    ck_assert_uint_eq(h->size, before.size);
    ck_assert_uint_eq(h->serial, before.serial);
    ck_assert_int_eq(memcmp(h->allocated_at, before.allocated_at, sizeof h->allocated_at), 0);
    for (int i = 0; i < PM_FREE_FRAMES; i++)
        ck_assert_ptr_nonnull(h->freed_at[i]);
    for (int i = 0; i < 24; i++)
        ck_assert_uint_eq(((uint8_t *)x)[i], 0xDD);
}
END_TEST

/* "Three patterns": the bytes are CPython's (Include/internal/pycore_pymem.h,
   3.8 and later): 0xCD clean, 0xDD dead, 0xFD forbidden, 7 pad bytes before
   the data after the id byte and 8 after it (CPython 3.11: SST = 8). */
START_TEST(the_patterns_are_cpythons_0xcd_0xdd_0xfd)
{
    install();
    uint8_t *p = PmMem_Malloc(24);
    for (int i = 0; i < 24; i++) ck_assert_uint_eq(p[i], 0xCD /* CPython 3.11 */);
    for (int i = 1; i <= 7; i++) ck_assert_uint_eq(p[-i], 0xFD /* CPython 3.11 */);
    for (int i = 0; i < 8; i++) ck_assert_uint_eq(p[24 + i], 0xFD /* CPython 3.11 */);
    PmMem_Free(p);
    for (int i = 0; i < 24; i++) ck_assert_uint_eq(p[i], 0xDD /* CPython 3.11 */);
}
END_TEST

static void past_the_end_by_8(void)
{
    char *s = PmObject_Malloc(16);
    s[16 + 7] = 'A';                      /* the last of the 8 tail pad bytes */
    PmObject_Free(s);
}

/* "Three patterns": every one of the 8 forbidden bytes after the data is
   checked (CPython 3.11: SST = 8 bytes of 0xFD after each block), the last
   as well as the first. */
START_TEST(a_write_to_the_last_tail_pad_byte_is_reported)
{
    install();
    ck_assert_fatal(past_the_end_by_8, "byte 7 after the end is 0x41, should be 0xfd");
}
END_TEST

Suite *ch05_debug_suite(void)
{
    Suite *s = suite_create("ch05 debug");
    TCase *tc = tcase_create("debug");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, write_past_the_end_is_reported_with_its_site);
    tcase_add_test(tc, write_before_the_start_is_reported);
    tcase_add_test(tc, write_after_free_is_caught_with_both_sites);
    tcase_add_test(tc, double_free_is_reported);
    tcase_add_test(tc, freeing_through_the_wrong_domain_is_reported);
    tcase_add_test(tc, freeing_a_foreign_pointer_is_reported);
    tcase_add_test(tc, blocks_are_painted_clean_forbidden_and_dead);
    tcase_add_test(tc, realloc_moves_and_keeps_the_data);
    tcase_add_test(tc, the_runtime_runs_on_the_debug_allocator);
    tcase_add_test(tc, freeing_keeps_the_header_and_records_the_free);
    tcase_add_test(tc, the_patterns_are_cpythons_0xcd_0xdd_0xfd);
    tcase_add_test(tc, a_write_to_the_last_tail_pad_byte_is_reported);
    tcase_add_test(tc, the_heap_is_checked_on_every_operation_when_asked);
    suite_add_tcase(s, tc);
    TCase *start = tcase_create("debug at start-up");
    tcase_add_test(start, pmmalloc_debug_installs_the_hooks_at_start_up);
    suite_add_tcase(s, start);
    return s;
}
