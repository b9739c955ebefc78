/* ch99_answers.c -- tests of appendix A, the worked answers. Each test
 * checks the claim of one answer that is code, and is named after it; the
 * comment above it names the exercise. The answers run on the last layer,
 * so they see the runtime of every chapter. Add the tests of a chapter's
 * answers in the chapter's place, and register them in the suite at the
 * end, in the same order. */
#include "pmtest.h"
#include "answers.h"

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

static inline PmObject *int_list(int n, long long first)     /* [first, first + 1, ...] */
{
    PmObject *l = PmList_New(0);
    for (int i = 0; i < n; i++) {
        PmObject *x = PmInt_FromLong(first + i);
        PmList_Append(l, x);
        Pm_DECREF(x);
    }
    return l;
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

/* ---------------------------------------------------------------- the suite */

Suite *ch99_answers_suite(void)
{
    Suite *s = suite_create("ch99_answers");
    TCase *tc = tcase_create("answers");
    tcase_add_test(tc, five_appends_give_capacities_4_4_4_4_8);
    tcase_add_test(tc, our_int_is_24_bytes_at_every_digit_boundary);
    tcase_add_test(tc, global_data_object_heap_literal_rodata);
    tcase_add_test(tc, a_list_inside_itself_prints_as_ellipsis);
    tcase_add_test(tc, insert_clamps_borrows_and_grows_like_append);
    suite_add_tcase(s, tc);
    return s;
}
