/* ch03_domains.c -- tests of chapter 3, "The raw layer and the private
 * heap". Each test checks one claim; the comment names the section. */
#include "pmtest.h"
#include <malloc.h>                    /* malloc_usable_size */
#include <sys/mman.h>

/* An allocator that records which domain's calls reach it. */
static int calls[PM_MEM_NDOMAINS];
static PmMemAllocator saved[PM_MEM_NDOMAINS];

static void *spy_malloc(void *ctx, size_t n)
{ calls[(intptr_t)ctx]++; return saved[(intptr_t)ctx].malloc(saved[(intptr_t)ctx].ctx, n); }
static void *spy_calloc(void *ctx, size_t k, size_t n)
{ calls[(intptr_t)ctx]++; return saved[(intptr_t)ctx].calloc(saved[(intptr_t)ctx].ctx, k, n); }
static void *spy_realloc(void *ctx, void *p, size_t n)
{ calls[(intptr_t)ctx]++; return saved[(intptr_t)ctx].realloc(saved[(intptr_t)ctx].ctx, p, n); }
static void spy_free(void *ctx, void *p)
{ calls[(intptr_t)ctx]++; saved[(intptr_t)ctx].free(saved[(intptr_t)ctx].ctx, p); }

static void spy_on(PmMemDomain d)
{
    PmMem_GetAllocator(d, &saved[d]);
    PmMemAllocator a = {(void *)(intptr_t)d, spy_malloc, spy_calloc, spy_realloc, spy_free};
    PmMem_SetAllocator(d, &a);
    calls[d] = 0;
}

/* "Three domains": each door calls its own domain's allocator, no other. */
START_TEST(each_door_calls_its_own_domain)
{
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) spy_on(d);
    PmMem_RawFree(PmMem_RawRealloc(PmMem_RawCalloc(2, 8), 64));
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_RAW], 3);
    PmMem_Free(PmMem_Realloc(PmMem_Calloc(2, 8), 64));
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_MEM], 3);
    PmObject_Free(PmObject_Realloc(PmObject_Calloc(2, 8), 64));
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_OBJ], 3);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_RAW], 3);
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) PmMem_SetAllocator(d, &saved[d]);
}
END_TEST

/* Chapter 1, "Where objects get their memory": calloc with a zero count
   is one element of one byte, as CPython 3.11's _PyMem_RawCalloc makes it
   (nelem = elsize = 1), in every domain; a product that overflows is
   refused. */
START_TEST(calloc_with_a_zero_count_is_one_byte_in_every_domain)
{
    void *(*callocs[])(size_t, size_t) = {PmMem_RawCalloc, PmMem_Calloc, PmObject_Calloc};
    void (*frees[])(void *) = {PmMem_RawFree, PmMem_Free, PmObject_Free};
    for (int d = 0; d < 3; d++) {
        unsigned char *p = callocs[d](1 << 20, 0), *q = callocs[d](SIZE_MAX, 0);
        unsigned char *r = callocs[d](0, 1 << 20);
        ck_assert_msg(p && q && r, "domain %d refused a zero-byte calloc", d);
        ck_assert(p[0] == 0 && q[0] == 0 && r[0] == 0);
        ck_assert_ptr_null(callocs[d](SIZE_MAX / 2, 3));
        ck_assert_ptr_null(callocs[d](3, SIZE_MAX / 2));
        frees[d](p); frees[d](q); frees[d](r);
    }
    void *p = PmMem_RawCalloc(1 << 20, 0);
    ck_assert_uint_lt(malloc_usable_size(p), 32);   /* calloc(1, 1): glibc gives 24 */
    PmMem_RawFree(p);
}
END_TEST

/* "Three domains": objects come through obj, a list's array through mem.
   (A str: no later chapter caches strings made at run time; for the list
   only its array is counted, as a later chapter recycles list objects.) */
START_TEST(objects_use_obj_and_their_buffers_use_mem)
{
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) spy_on(d);
    PmObject *s = PmStr_FromString("a string made at run time");
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_OBJ], 1);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_MEM], 0);
    Pm_DECREF(s);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_OBJ], 2);
    PmObject *l = PmList_New(3);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_MEM], 1);
    Pm_DECREF(l);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_MEM], 2);
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_RAW], 0);
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) PmMem_SetAllocator(d, &saved[d]);
}
END_TEST

/* "Three domains": putting the old allocator back restores it. */
START_TEST(restoring_an_allocator_undoes_the_replacement)
{
    PmMemAllocator before, after;
    PmMem_GetAllocator(PM_MEM_DOMAIN_OBJ, &before);
    spy_on(PM_MEM_DOMAIN_OBJ);
    PmMem_SetAllocator(PM_MEM_DOMAIN_OBJ, &saved[PM_MEM_DOMAIN_OBJ]);
    PmMem_GetAllocator(PM_MEM_DOMAIN_OBJ, &after);
    ck_assert(memcmp(&before, &after, sizeof before) == 0);
    calls[PM_MEM_DOMAIN_OBJ] = 0;
    PmObject_Free(PmObject_Malloc(8));
    ck_assert_int_eq(calls[PM_MEM_DOMAIN_OBJ], 0);
    ck_assert_str_eq(PmMem_DomainName(PM_MEM_DOMAIN_MEM), "mem");
}
END_TEST

/* "Hooks": the statistics hook counts the calls and bytes of each domain. */
START_TEST(stats_hook_counts_calls_and_bytes_per_domain)
{
    PmObject *l = PmList_New(0);
    PmMem_StatsStart();
    for (int i = 0; i < 1000; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);          /* never cached */
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    PmMem_StatsStop();
    Pm_DECREF(l);
    PmMemStats obj = PmMem_GetStats(PM_MEM_DOMAIN_OBJ), mem = PmMem_GetStats(PM_MEM_DOMAIN_MEM);
    ck_assert_uint_eq(obj.mallocs, 1000);
    ck_assert_uint_eq(obj.frees, 0);
    ck_assert_uint_eq(obj.bytes, 1000 * sizeof(PmIntObject));
    ck_assert_uint_eq(mem.reallocs, 28);
    ck_assert_uint_eq(mem.bytes, 69248);                 /* the demo's figure */
    PmMem_StatsStop();                                  /* twice is harmless */
}
END_TEST

/* "How much memory does the process hold?": USS counts written private
   pages, and drops when they are unmapped. */
START_TEST(uss_counts_written_private_pages)
{
    size_t n = 64 << 20;
    size_t base = Pm_GetProcessMemory().uss;
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(p, MAP_FAILED);
    ck_assert_uint_lt(Pm_GetProcessMemory().uss, base + (8 << 20));   /* untouched */
    memset(p, 1, n);
    PmProcessMemory m = Pm_GetProcessMemory();
    ck_assert_uint_ge(m.uss, base + (60 << 20));
    ck_assert_uint_ge(m.rss, m.uss);
    munmap(p, n);                   /* the 64 MiB leave USS again */
    ck_assert_uint_lt(Pm_GetProcessMemory().uss, m.uss - (56 << 20));
}
END_TEST

Suite *ch03_domains_suite(void)
{
    Suite *s = suite_create("ch03 domains");
    TCase *tc = tcase_create("domains");
    tcase_add_test(tc, each_door_calls_its_own_domain);
    tcase_add_test(tc, objects_use_obj_and_their_buffers_use_mem);
    tcase_add_test(tc, calloc_with_a_zero_count_is_one_byte_in_every_domain);
    tcase_add_test(tc, restoring_an_allocator_undoes_the_replacement);
    tcase_add_test(tc, stats_hook_counts_calls_and_bytes_per_domain);
    tcase_add_test(tc, uss_counts_written_private_pages);
    suite_add_tcase(s, tc);
    return s;
}
