/* ch10_caches.c -- tests of chapter 10, "Caches: small ints, shared strings
 * and constants". Each test runs in a fresh child process. */
#include "pmtest.h"
#include <math.h>

/* "Small ints": one immortal object per value in [-5, 256], no allocation. */
START_TEST(small_ints_are_one_immortal_object_each)
{
    PmMem_StatsStart();
    for (long long v = -5; v <= 256; v++) {
        PmObject *a = PmInt_FromLong(v), *b = PmInt_FromLong(v);
        ck_assert_ptr_eq(a, b);
        ck_assert(Pm_IsImmortal(a));
        ck_assert_int_eq(PmInt_AsLong(a), v);
        Pm_DECREF(a); Pm_DECREF(b);
        ck_assert(Pm_IsImmortal(a));
    }
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 0);
    ck_assert_int_eq(Pm_AreaOf(PmInt_FromLong(0)), Pm_AreaOf(&PmInt_Type));   /* static */
}
END_TEST

/* "everything outside is a new object each time": 257 and -6. */
START_TEST(ints_outside_the_cache_are_new_objects)
{
    long long edge[] = {257, -6, 1000, -1000};
    for (int i = 0; i < 4; i++) {
        PmObject *a = PmInt_FromLong(edge[i]), *b = PmInt_FromLong(edge[i]);
        ck_assert_ptr_ne(a, b);
        ck_assert(PmObject_Equal(a, b));
        ck_assert_int_eq(Pm_REFCNT(a), 1);
        Pm_DECREF(a); Pm_DECREF(b);
    }
}
END_TEST

/* The second article's loops: counting with two names, identity ends at 257 and -6. */
static long long first_not_identical(long long start, long long step)
{
    PmObject *x = PmInt_FromLong(start), *y = PmInt_FromLong(start);
    for (;;) {
        PmObject *nx = PmInt_FromLong(PmInt_AsLong(x) + step);
        PmObject *ny = PmInt_FromLong(PmInt_AsLong(y) + step);
        Pm_DECREF(x); Pm_DECREF(y);
        x = nx; y = ny;
        if (x != y)
            break;
    }
    long long v = PmInt_AsLong(x);
    Pm_DECREF(x); Pm_DECREF(y);
    return v;
}

START_TEST(second_article_loops_stop_at_257_and_minus_6)
{
    ck_assert_int_eq(first_not_identical(-1, 1), 257);
    ck_assert_int_eq(first_not_identical(0, -1), -6);
}
END_TEST

/* "Shared strings": '' and one-character strings, immortal; a string to
 * be filled in is never a shared one. */
START_TEST(empty_and_one_character_strings_are_shared)
{
    PmObject *e1 = PmStr_FromString(""), *e2 = PmStr_FromStringAndSize(NULL, 0);
    ck_assert_ptr_eq(e1, e2);
    ck_assert(Pm_IsImmortal(e1));
    char c200[] = {(char)200, 0};
    PmObject *a = PmStr_FromString("a"), *b = PmStr_FromStringAndSize("abc", 1);
    ck_assert_ptr_eq(a, b);
    ck_assert(Pm_IsImmortal(a));
    ck_assert_ptr_eq(PmStr_FromString(c200), PmStr_FromString(c200));
    PmObject *fill = PmStr_FromStringAndSize(NULL, 1);
    ck_assert_ptr_ne(fill, a);
    ck_assert_int_eq(Pm_REFCNT(fill), 1);
    PmObject *ab1 = PmStr_FromString("ab"), *ab2 = PmStr_FromString("ab");
    ck_assert_ptr_ne(ab1, ab2);
    Pm_DECREF(fill); Pm_DECREF(ab1); Pm_DECREF(ab2);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(e1); Pm_DECREF(e2);
    ck_assert_str_eq(PmStr_AsString(a), "a");
}
END_TEST

/* "Interning": the first equal string is the representative. */
START_TEST(interning_returns_the_first_equal_string)
{
    PmObject *s = PmStr_FromString("spam"), *t = PmStr_FromString("spam");
    ck_assert_ptr_ne(s, t);
    PmObject *s0 = s;
    PmStr_InternInPlace(&s);
    ck_assert_ptr_eq(s, s0);
    Pm_ssize_t deallocs = Pm_GetDeallocStats().deallocs;
    PmStr_InternInPlace(&t);                 /* t's own string is released */
    ck_assert_ptr_eq(t, s);
    ck_assert_int_eq(Pm_GetDeallocStats().deallocs - deallocs, 1);   /* the duplicate died */
    ck_assert_int_eq(Pm_REFCNT(s), 2);       /* s and t; the table not counted */
    ck_assert_int_eq(PmStr_InternedCount(), 1);
    Pm_DECREF(s); Pm_DECREF(t);
}
END_TEST

/* "the table's two references ... are subtracted": interning adds nothing
 * to the count, and the string dies with its last owner and leaves the
 * table. */
START_TEST(a_mortal_interned_string_dies_with_its_last_owner)
{
    PmObject *s = PmStr_InternFromString("eggs");
    ck_assert_int_eq(Pm_REFCNT(s), 1);
    ck_assert_int_eq(((PmStrObject *)s)->state, 1);      /* CPython 3.11 SSTATE_INTERNED_MORTAL */
    ck_assert_int_eq(PmStr_InternedCount(), 1);
    PmMem_StatsStart();
    Pm_DECREF(s);
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).frees, 1);
    ck_assert_int_eq(PmStr_InternedCount(), 0);
    PmObject *again = PmStr_InternFromString("eggs");   /* a new representative */
    ck_assert_int_eq(PmStr_InternedCount(), 1);
    ck_assert_int_eq(Pm_REFCNT(again), 1);
    Pm_DECREF(again);
    ck_assert_int_eq(PmStr_InternedCount(), 0);
}
END_TEST

/* "An immortal string ... is interned without the subtraction." */
START_TEST(an_immortal_string_interned_stays_immortal)
{
    PmObject *a = PmStr_InternFromString("x");
    ck_assert(Pm_IsImmortal(a));
    ck_assert_int_eq(((PmStrObject *)a)->state, 2);      /* CPython 3.11 SSTATE_INTERNED_IMMORTAL */
    ck_assert_ptr_eq(PmSys_Intern(PmStr_FromString("x")), a);
}
END_TEST

/* "Constants of a code block": merged within one unit, not across units. */
static PmObject *add(PmCode *co, PmObject *v) { return PmCode_GetConst(co, PmCode_AddConst(co, v)); }

START_TEST(constants_merge_within_a_unit_not_across)
{
    PmUnit *one = PmUnit_New(), *other = PmUnit_New();
    PmCode *module = PmCode_New(one, "<module>"), *f = PmCode_New(one, "main");
    PmCode *g = PmCode_New(other, "main");
    PmObject *a = add(module, PmInt_FromLong(257)), *b = add(f, PmInt_FromLong(257));
    PmObject *c = add(f, PmInt_FromLong(257)), *d = add(g, PmInt_FromLong(257));
    ck_assert_ptr_eq(b, c);
    ck_assert_ptr_eq(a, b);
    ck_assert_ptr_ne(a, d);
    ck_assert_int_eq(PmList_GET_SIZE(f->co_consts), 1);      /* one slot for both */
    PmCode_Free(module); PmCode_Free(f); PmCode_Free(g);
    PmUnit_Free(one); PmUnit_Free(other);
}
END_TEST

/* "-257 and -2.5 are constants like any other and merge the same way" */
START_TEST(negative_and_float_constants_merge_too)
{
    PmUnit *u = PmUnit_New();
    PmCode *co = PmCode_New(u, "main");
    PmObject *b = add(co, PmInt_FromLong(-257)), *c = add(co, PmInt_FromLong(-257));
    PmObject *d = add(co, PmFloat_FromDouble(-2.5)), *e = add(co, PmFloat_FromDouble(-2.5));
    ck_assert_ptr_eq(b, c);
    ck_assert_ptr_eq(d, e);
    ck_assert_int_eq(PmList_GET_SIZE(co->co_consts), 2);
    PmCode_Free(co); PmUnit_Free(u);
}
END_TEST

/* "0.0 == -0.0, yet ... merging them would turn one into the other." */
START_TEST(zero_and_minus_zero_are_not_merged)
{
    PmUnit *u = PmUnit_New();
    PmCode *co = PmCode_New(u, "f");
    PmObject *p = add(co, PmFloat_FromDouble(0.0)), *m = add(co, PmFloat_FromDouble(-0.0));
    PmObject *p2 = add(co, PmFloat_FromDouble(0.0));
    ck_assert_ptr_ne(p, m);
    ck_assert_ptr_eq(p, p2);
    ck_assert(signbit(PmFloat_AsDouble(m)));
    PmObject *i = add(co, PmInt_FromLong(1000)), *f = add(co, PmFloat_FromDouble(1000.0));
    ck_assert_ptr_ne(i, f);                                    /* 1000 and 1000.0 */
    PmCode_Free(co); PmUnit_Free(u);
}
END_TEST

/* "string constants that look like identifiers" are interned, others not. */
START_TEST(name_like_string_constants_are_interned)
{
    PmUnit *u = PmUnit_New();
    PmCode *co = PmCode_New(u, "f");
    PmObject *h = add(co, PmStr_FromString("hello_1")), *w = add(co, PmStr_FromString("hello world"));
    ck_assert_int_eq(((PmStrObject *)h)->state, 1);      /* CPython 3.11 SSTATE_INTERNED_MORTAL */
    ck_assert_int_eq(((PmStrObject *)w)->state, 0);      /* SSTATE_NOT_INTERNED */
    PmObject *built = PmStr_FromString("hello_1");
    ck_assert_ptr_ne(built, h);
    PmObject *i = PmSys_Intern(built);
    ck_assert_ptr_eq(i, h);
    Pm_DECREF(i); Pm_DECREF(built);
    PmCode_Free(co); PmUnit_Free(u);
    ck_assert_int_eq(PmStr_InternedCount(), 0);       /* died with the unit */
}
END_TEST

/* "if an equal string is already there, the caller gets that one and drops
   its own": after a = sys.intern("".join(["ab", "cd"])); b = "".join(["ab",
   "cd"]); c = b, CPython 3.11's sys.getrefcount(c) is 3; after b =
   sys.intern(b), b is a and sys.getrefcount(c) is 2. */
START_TEST(interning_drops_the_callers_duplicate)
{
    PmObject *a = PmStr_FromString("abcd");
    PmStr_InternInPlace(&a);
    PmObject *b = PmStr_FromString("abcd"), *c = Pm_NewRef(b);
    ck_assert_int_eq(PmSys_GetRefCount(c), 3 /* CPython 3.11 */);
    PmStr_InternInPlace(&b);
    ck_assert_ptr_eq(b, a);
    ck_assert_int_eq(PmSys_GetRefCount(c), 2 /* CPython 3.11 */);
    Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(a);
}
END_TEST

Suite *ch10_caches_suite(void)
{
    Suite *s = suite_create("ch10 caches");
    TCase *tc = tcase_create("caches");
    tcase_add_test(tc, small_ints_are_one_immortal_object_each);
    tcase_add_test(tc, ints_outside_the_cache_are_new_objects);
    tcase_add_test(tc, second_article_loops_stop_at_257_and_minus_6);
    tcase_add_test(tc, empty_and_one_character_strings_are_shared);
    tcase_add_test(tc, interning_returns_the_first_equal_string);
    tcase_add_test(tc, a_mortal_interned_string_dies_with_its_last_owner);
    tcase_add_test(tc, an_immortal_string_interned_stays_immortal);
    tcase_add_test(tc, constants_merge_within_a_unit_not_across);
    tcase_add_test(tc, negative_and_float_constants_merge_too);
    tcase_add_test(tc, zero_and_minus_zero_are_not_merged);
    tcase_add_test(tc, name_like_string_constants_are_interned);
    tcase_add_test(tc, interning_drops_the_callers_duplicate);
    suite_add_tcase(s, tc);
    return s;
}
