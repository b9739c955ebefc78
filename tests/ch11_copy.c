/* ch11_copy.c -- tests of chapter 11, "Copy semantics". Each test runs in
 * a fresh child process. No test depends on whether small ints or strings
 * are cached (chapter 10): identities and counts are checked on lists,
 * dicts, floats and ints outside [-5, 256] only. */
#include "pmtest.h"

static PmObject *ints(int n, long long first)      /* [first, first+1, ...] */
{
    PmObject *l = PmList_New(n);
    for (int i = 0; i < n; i++)
        PmList_SET_ITEM(l, i, PmInt_FromLong(first + i));
    return l;
}

static PmObject *list2(PmObject *a, PmObject *b)   /* [a, b], new references */
{
    PmObject *l = PmList_New(2);
    PmList_SET_ITEM(l, 0, Pm_NewRef(a));
    PmList_SET_ITEM(l, 1, Pm_NewRef(b));
    return l;
}

static PmObject *tuple2(PmObject *a, PmObject *b)  /* (a, b), steals both */
{
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, a);
    PmTuple_SET_ITEM(t, 1, b);
    return t;
}

#define ITEM(l, i) PmList_GET_ITEM(l, i)

/* "b = a binds a name and copies nothing ... A copy is a new object,
 * equal to the first and not identical to it." */
START_TEST(assignment_shares_and_a_copy_does_not)
{
    PmObject *a = ints(2, 1000);
    PmObject *b = Pm_NewRef(a), *c = PmCopy_Copy(a);
    ck_assert_ptr_eq(b, a);
    ck_assert_int_eq(Pm_REFCNT(a), 2);
    ck_assert_ptr_ne(c, a);
    ck_assert(PmObject_Equal(c, a));
    PmObject *x = PmFloat_FromDouble(3.5);
    PmList_Append(a, x);                           /* seen through b, not c */
    ck_assert_int_eq(PmList_GET_SIZE(b), 3);
    ck_assert_int_eq(PmList_GET_SIZE(c), 2);
    Pm_DECREF(x); Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c);
}
END_TEST

/* "int, float, str, None's type and type are atomic ... A tuple is its own
 * shallow copy too." */
START_TEST(atomic_objects_and_tuples_are_their_own_shallow_copy)
{
    PmObject *objs[] = { PmInt_FromLong(1000), PmFloat_FromDouble(2.5), PmStr_FromString("abc"),
                         Pm_None, Pm_NewRef((PmObject *)&PmInt_Type),
                         tuple2(ints(1, 1000), PmInt_FromLong(2000)) };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        Pm_ssize_t before = Pm_REFCNT(objs[i]);
        PmObject *c = PmCopy_Copy(objs[i]);
        ck_assert_ptr_eq(c, objs[i]);
        if (!Pm_IsImmortal(c))
            ck_assert_int_eq(Pm_REFCNT(c), before + 1);   /* a new reference */
        Pm_DECREF(c);
        Pm_DECREF(objs[i]);
    }
}
END_TEST

/* "a list or a dict becomes a new one holding new references to the same
 * items" */
START_TEST(a_shallow_copy_of_a_list_is_a_new_list_sharing_items)
{
    PmObject *inner = ints(1, 2000), *a = list2(inner, inner);
    PmObject *c = PmCopy_Copy(a);
    ck_assert_ptr_ne(c, a);
    ck_assert_int_eq(PmList_GET_SIZE(c), 2);
    ck_assert_ptr_eq(ITEM(c, 0), inner);
    ck_assert_ptr_eq(ITEM(c, 1), inner);
    ck_assert_int_eq(Pm_REFCNT(inner), 5);         /* inner, a twice, c twice */
    Pm_DECREF(c);
    ck_assert_int_eq(Pm_REFCNT(inner), 3);
    Pm_DECREF(a); Pm_DECREF(inner);
}
END_TEST

START_TEST(a_shallow_copy_of_a_dict_shares_keys_and_values)
{
    PmObject *d = PmDict_New(), *k = PmStr_FromString("k"), *v = ints(1, 1000);
    PmDict_SetItem(d, k, v);
    PmObject *c = PmCopy_Copy(d);
    ck_assert_ptr_ne(c, d);
    ck_assert(PmDict_Check(c));
    ck_assert_int_eq(PmDict_Size(c), 1);
    ck_assert_ptr_eq(PmDict_GetItem(c, k), v);
    Pm_ssize_t pos = 0;
    PmObject *ck, *cv;
    ck_assert(PmDict_Next(c, &pos, &ck, &cv));
    ck_assert_ptr_eq(ck, k);                       /* the same key object */
    ck_assert_int_eq(Pm_REFCNT(v), 3);
    Pm_DECREF(c); Pm_DECREF(d); Pm_DECREF(k); Pm_DECREF(v);
}
END_TEST

/* "a plain object is copied, shallow and deep ... [o, o] deep-copies to a
 * list holding one new object twice" */
START_TEST(a_plain_object_is_copied_shallow_and_deep)
{
    PmObject *o = PmObject_New(&PmBaseObject_Type), *l = list2(o, o);
    PmObject *s = PmCopy_Copy(o), *d = PmCopy_DeepCopy(l);
    ck_assert_ptr_ne(s, o);
    ck_assert_ptr_eq(Pm_TYPE(s), &PmBaseObject_Type);
    ck_assert_ptr_ne(ITEM(d, 0), o);
    ck_assert_ptr_eq(ITEM(d, 0), ITEM(d, 1));
    ck_assert_int_eq(Pm_REFCNT(ITEM(d, 0)), 2);    /* the memo is gone */
    Pm_DECREF(s); Pm_DECREF(d); Pm_DECREF(l); Pm_DECREF(o);
}
END_TEST

/* The second article: origin = [1, 2, [3, 4]]; origin[2][0] = "hey!" shows in the
 * shallow copy, not in the deep one. */
START_TEST(a_deep_copy_does_not_see_changes_to_the_original)
{
    long long v[] = {1, 2, 3, 4};
    PmObject *origin = PmList_FromInts(2, v), *inner = PmList_FromInts(2, v + 2);
    PmList_Append(origin, inner);
    PmObject *cop1 = PmCopy_Copy(origin), *cop2 = PmCopy_DeepCopy(origin);
    ck_assert(PmObject_Equal(cop1, cop2));
    ck_assert_ptr_ne(cop1, cop2);
    ck_assert_ptr_ne(ITEM(cop2, 2), inner);
    ck_assert_ptr_eq(ITEM(cop2, 0), ITEM(origin, 0));   /* atomic: shared */
    PmObject *hey = PmStr_FromString("hey!");
    PmList_SetItem(inner, 0, Pm_NewRef(hey));
    ck_assert_ptr_eq(ITEM(ITEM(cop1, 2), 0), hey);
    ck_assert_int_eq(PmInt_AsLong(ITEM(ITEM(cop2, 2), 0)), 3);
    Pm_DECREF(hey); Pm_DECREF(inner); Pm_DECREF(origin); Pm_DECREF(cop1); Pm_DECREF(cop2);
}
END_TEST

START_TEST(shared_sub_objects_stay_shared)
{
    PmObject *s = ints(1, 1000), *x = list2(s, s), *d = PmDict_New();
    PmObject *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b");
    PmDict_SetItem(d, ka, s);
    PmDict_SetItem(d, kb, s);
    PmObject *y = PmCopy_DeepCopy(x), *e = PmCopy_DeepCopy(d);
    ck_assert_ptr_ne(ITEM(y, 0), s);
    ck_assert_ptr_eq(ITEM(y, 0), ITEM(y, 1));
    ck_assert_int_eq(Pm_REFCNT(ITEM(y, 0)), 2);
    ck_assert_ptr_ne(PmDict_GetItem(e, ka), s);
    ck_assert_ptr_eq(PmDict_GetItem(e, ka), PmDict_GetItem(e, kb));
    ck_assert_int_eq(Pm_REFCNT(s), 5);             /* s, x twice, d twice: no copy holds it */
    Pm_DECREF(y); Pm_DECREF(e); Pm_DECREF(x); Pm_DECREF(d);
    Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(s);
}
END_TEST

/* "a = [1]; a.append(a)": b = deepcopy(a) has b[1] is b */
START_TEST(a_cycle_is_reproduced)
{
    PmObject *a = ints(1, 1000);
    PmList_Append(a, a);
    PmObject *b = PmCopy_DeepCopy(a);
    ck_assert_ptr_ne(b, a);
    ck_assert_ptr_eq(ITEM(b, 1), b);
    ck_assert_int_eq(Pm_REFCNT(b), 2);             /* ours and its own item's */
    PmList_SetItem(a, 1, Pm_NewRef(Pm_None));
    PmList_SetItem(b, 1, Pm_NewRef(Pm_None));
    Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

START_TEST(a_cycle_through_a_dict_is_reproduced)
{
    PmObject *d = PmDict_New(), *k = PmStr_FromString("self");
    PmDict_SetItem(d, k, d);
    PmObject *e = PmCopy_DeepCopy(d);
    ck_assert_ptr_ne(e, d);
    ck_assert_ptr_eq(PmDict_GetItem(e, k), e);
    PmDict_DelItem(d, k); PmDict_DelItem(e, k);
    Pm_DECREF(d); Pm_DECREF(e); Pm_DECREF(k);
}
END_TEST

/* "in a = [1000]; t = (a,); a.append(t) ... t has one copy"; and "even a,
 * if t holds the only reference to it" */
START_TEST(a_cycle_through_a_tuple_is_reproduced)
{
    PmObject *a = ints(1, 1000), *t = PmTuple_New(1);
    PmTuple_SET_ITEM(t, 0, a);                     /* t holds the only reference */
    PmList_Append(a, t);
    ck_assert_int_eq(Pm_REFCNT(a), 1);
    PmObject *u = PmCopy_DeepCopy(t);
    ck_assert(PmTuple_Check(u));
    ck_assert_ptr_ne(u, t);
    PmObject *a2 = PmTuple_GET_ITEM(u, 0);
    ck_assert_ptr_ne(a2, a);
    ck_assert_ptr_eq(ITEM(a2, 1), u);              /* one copy of t, not two */
    ck_assert_int_eq(Pm_REFCNT(a2), 1);            /* and one of a: only u holds it */
    PmList_SetItem(a, 1, Pm_NewRef(Pm_None));
    PmList_SetItem(a2, 1, Pm_NewRef(Pm_None));
    Pm_DECREF(u); Pm_DECREF(t);
}
END_TEST

/* "if every item is its own copy, the tuple is its own copy and is not
 * memoised; else the new tuple is the copy" */
START_TEST(a_tuple_of_atomics_is_its_own_deep_copy_and_is_not_memoised)
{
    PmObject *t = tuple2(PmInt_FromLong(1000), tuple2(PmStr_FromString("a"), PmFloat_FromDouble(3.5)));
    PmCopyMemo *memo = PmCopyMemo_New();
    PmObject *u = PmCopy_DeepCopyMemo(t, memo);
    ck_assert_ptr_eq(u, t);
    ck_assert_ptr_null(PmCopyMemo_Get(memo, t));
    ck_assert_int_eq(PmCopyMemo_Size(memo), 0);
    PmCopyMemo_Free(memo);
    Pm_DECREF(u);
    ck_assert_int_eq(Pm_REFCNT(t), 1);
    Pm_DECREF(t);
}
END_TEST

START_TEST(a_tuple_holding_a_list_is_copied)
{
    PmObject *t = tuple2(PmInt_FromLong(1000), ints(1, 2000));
    PmObject *u = PmCopy_DeepCopy(t);
    ck_assert_ptr_ne(u, t);
    ck_assert_ptr_eq(PmTuple_GET_ITEM(u, 0), PmTuple_GET_ITEM(t, 0));
    ck_assert_ptr_ne(PmTuple_GET_ITEM(u, 1), PmTuple_GET_ITEM(t, 1));
    ck_assert(PmObject_Equal(u, t));
    Pm_DECREF(u); Pm_DECREF(t);
}
END_TEST

/* "holding a reference to the original (which is the keep-alive)"; the memo
 * holds x and s once each; "Passing the same memo again returns the first
 * copy" */
START_TEST(the_memo_keeps_originals_alive)
{
    PmObject *s = ints(1, 1000), *x = list2(s, s);
    PmCopyMemo *memo = PmCopyMemo_New();
    PmObject *y = PmCopy_DeepCopyMemo(x, memo);
    ck_assert_int_eq(PmCopyMemo_Size(memo), 2);
    ck_assert_ptr_eq(PmCopyMemo_Get(memo, x), y);
    ck_assert_ptr_eq(PmCopyMemo_Get(memo, s), ITEM(y, 0));
    Pm_DECREF(x);                                  /* the memo keeps x alive */
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    ck_assert_int_eq(PmList_GET_SIZE(x), 2);
    ck_assert_int_eq(Pm_REFCNT(s), 4);             /* s, x's two items, the memo */
    PmCopyMemo_Free(memo);                         /* ... until the memo goes */
    ck_assert_int_eq(Pm_REFCNT(s), 1);
    ck_assert_int_eq(Pm_REFCNT(y), 1);
    Pm_DECREF(y); Pm_DECREF(s);
}
END_TEST

START_TEST(a_memo_passed_again_returns_the_first_copy)
{
    PmObject *s = ints(1, 1000), *x = list2(s, s);
    PmCopyMemo *memo = PmCopyMemo_New();
    PmObject *y = PmCopy_DeepCopyMemo(x, memo), *z = PmCopy_DeepCopyMemo(x, memo);
    PmObject *w = PmCopy_DeepCopyMemo(s, memo);
    ck_assert_ptr_eq(z, y);
    ck_assert_ptr_eq(w, ITEM(y, 0));
    ck_assert_int_eq(PmCopy_GetStats().nodes, 1); /* found at once */
    ck_assert_int_eq(PmCopyMemo_Size(memo), 2);
    PmCopyMemo_Free(memo);
    Pm_DECREF(y); Pm_DECREF(z); Pm_DECREF(w); Pm_DECREF(x); Pm_DECREF(s);
}
END_TEST

/* The memo table grows past its first 8 slots and still finds every
 * original: many distinct and many shared lists. */
START_TEST(the_memo_finds_every_original_as_it_grows)
{
    PmObject *x = PmList_New(0);
    for (int i = 0; i < 5000; i++) {
        PmObject *l = ints(2, 1000 + i);
        PmList_Append(x, l);
        PmList_Append(x, l);                       /* each list twice */
        Pm_DECREF(l);
    }
    PmObject *y = PmCopy_DeepCopy(x);
    for (int i = 0; i < 10000; i += 2) {
        ck_assert_ptr_ne(ITEM(y, i), ITEM(x, i));
        ck_assert_ptr_eq(ITEM(y, i), ITEM(y, i + 1));
        ck_assert_int_eq(Pm_REFCNT(ITEM(y, i)), 2);
    }
    ck_assert_int_eq(PmCopy_GetStats().nodes, 1 + 10000 + 5000 * 2);
    Pm_DECREF(y); Pm_DECREF(x);
}
END_TEST

static PmObject *nested(int depth, int with_int)   /* [x] or [x, 1000] */
{
    PmObject *x = PmList_New(0), *k = PmInt_FromLong(1000);
    for (int i = 0; i < depth; i++) {
        PmObject *l = with_int ? list2(x, k) : PmList_New(1);
        if (!with_int)
            PmList_SET_ITEM(l, 0, Pm_NewRef(x));
        Pm_DECREF(x);
        x = l;
    }
    Pm_DECREF(k);
    return x;
}

static int copied_at_every_level(PmObject *x, PmObject *y, long depth)
{
    long n = 0;
    for (; Pm_SIZE(x) > 0; n++) {
        if (x == y || Pm_SIZE(x) != Pm_SIZE(y))
            return 0;
        x = ITEM(x, 0);
        y = ITEM(y, 0);
    }
    return n == depth && Pm_SIZE(y) == 0;
}

/* "A list nested a million deep ... copies with a stack one frame deep";
 * the second shape needs a million and one frames. */
START_TEST(a_million_deep_nesting_copies_without_recursion)
{
    for (int with_int = 0; with_int <= 1; with_int++) {
        PmObject *x = nested(1000000, with_int), *y = PmCopy_DeepCopy(x);
        PmCopyStats st = PmCopy_GetStats();
        ck_assert(copied_at_every_level(x, y, 1000000));
        ck_assert_int_eq(st.peak_frames, with_int ? 1000001 : 1);
        ck_assert_int_eq(st.nodes, with_int ? 2000001 : 1000001);
        Pm_DECREF(x);
        Pm_DECREF(y);
    }
}
END_TEST

/* The benchmark's shape, a tenth of it in each dimension: "the outer list,
 * the inner lists and the ints" are the nodes; the ints are shared. */
START_TEST(the_nodes_of_a_table_are_its_lists_and_ints)
{
    PmObject *x = PmList_New(100);
    for (int i = 0; i < 100; i++)
        PmList_SET_ITEM(x, i, ints(10, 1000 + 10 * i));
    PmObject *y = PmCopy_DeepCopy(x);
    ck_assert_int_eq(PmCopy_GetStats().nodes, 1 + 100 + 1000);
    ck_assert_int_eq(PmCopy_GetStats().peak_frames, 2);
    ck_assert_ptr_ne(ITEM(y, 7), ITEM(x, 7));
    ck_assert_ptr_eq(ITEM(ITEM(y, 7), 3), ITEM(ITEM(x, 7), 3));
    ck_assert(PmObject_Equal(x, y));
    Pm_DECREF(y); Pm_DECREF(x);
}
END_TEST

/* "An object whose count is 1 ... remembering it is waste": the private
 * memo holds only what has more than one reference. */
START_TEST(objects_referenced_once_are_not_memoised)
{
    PmObject *table = PmList_New(100);
    for (int i = 0; i < 100; i++)
        PmList_SET_ITEM(table, i, ints(10, 1000 + 10 * i));
    Pm_DECREF(PmCopy_DeepCopy(table));
    ck_assert_int_eq(PmCopy_GetStats().memoised, 0);
    PmObject *s = ints(1, 1000), *x = list2(s, s);
    Pm_DECREF(PmCopy_DeepCopy(x));                 /* s has 3 references, x one */
    ck_assert_int_eq(PmCopy_GetStats().memoised, 1);
    PmCopyMemo *memo = PmCopyMemo_New();           /* the caller's memo: all */
    Pm_DECREF(PmCopy_DeepCopyMemo(table, memo));
    ck_assert_int_eq(PmCopy_GetStats().memoised, 101);
    PmCopyMemo_Free(memo);
    Pm_DECREF(x); Pm_DECREF(s); Pm_DECREF(table);
}
END_TEST

static PmObject *repeat1(PmObject *x, Pm_ssize_t n)   /* [x] * n; steals x */
{
    PmObject *one = PmList_New(1), *r;
    PmList_SET_ITEM(one, 0, x);
    r = PmList_Repeat(one, n);
    Pm_DECREF(one);
    return r;
}

/* "[...] * 5 makes a list of five references to that one list" */
START_TEST(the_nested_list_trap_is_five_names_for_one_row)
{
    PmObject *zero = PmFloat_FromDouble(0.0), *mark = PmFloat_FromDouble(95.5);
    PmObject *scores = repeat1(repeat1(Pm_NewRef(zero), 3), 5);
    PmList_SetItem(ITEM(scores, 0), 1, Pm_NewRef(mark));
    for (int r = 0; r < 5; r++) {
        ck_assert_ptr_eq(ITEM(scores, r), ITEM(scores, 0));
        ck_assert_ptr_eq(ITEM(ITEM(scores, r), 1), mark);
    }
    ck_assert_int_eq(Pm_REFCNT(ITEM(scores, 0)), 5);
    PmObject *copy = PmCopy_DeepCopy(scores);          /* faithful: still one row */
    ck_assert_ptr_ne(ITEM(copy, 0), ITEM(scores, 0));
    ck_assert_ptr_eq(ITEM(copy, 4), ITEM(copy, 0));
    Pm_DECREF(copy); Pm_DECREF(scores); Pm_DECREF(zero); Pm_DECREF(mark);
}
END_TEST

/* Both fixes: [[]] * 5 then scores[row] = [0] * 3; and a comprehension. */
START_TEST(both_fixes_give_five_rows)
{
    PmObject *zero = PmFloat_FromDouble(0.0), *mark = PmFloat_FromDouble(95.5);
    PmObject *a = repeat1(PmList_New(0), 5), *b = PmList_New(5);
    for (int r = 0; r < 5; r++) {
        PmList_SetItem(a, r, repeat1(Pm_NewRef(zero), 3));
        PmList_SET_ITEM(b, r, repeat1(Pm_NewRef(zero), 3));
    }
    PmObject *tables[] = {a, b};
    for (int t = 0; t < 2; t++) {
        PmList_SetItem(ITEM(tables[t], 0), 1, Pm_NewRef(mark));
        for (int r = 1; r < 5; r++) {
            ck_assert_ptr_ne(ITEM(tables[t], r), ITEM(tables[t], 0));
            ck_assert_ptr_eq(ITEM(ITEM(tables[t], r), 1), zero);
        }
        ck_assert_int_eq(Pm_REFCNT(ITEM(tables[t], 0)), 1);
    }
    ck_assert_int_eq(Pm_REFCNT(zero), 1 + 2 * 14);     /* the cells still at 0.0 */
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(zero); Pm_DECREF(mark);
}
END_TEST

static PmTypeObject Weird_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "weird",
    .tp_basicsize = sizeof(PmObject),
};
static PmObject weird = PmObject_HEAD_INIT(&Weird_Type);
static void copy_weird(void) { PmCopy_Copy(&weird); }
static void deepcopy_weird_in_a_list(void) { PmCopy_DeepCopy(list2(&weird, &weird)); }

START_TEST(copying_an_unknown_type_is_reported)
{
    ck_assert_fatal(copy_weird, "PmCopy_Copy: un(shallow)copyable object of type 'weird'");
    ck_assert_fatal(deepcopy_weird_in_a_list,
                    "PmCopy_DeepCopy: un(deep)copyable object of type 'weird'");
}
END_TEST

Suite *ch11_copy_suite(void)
{
    Suite *s = suite_create("ch11 copy");
    TCase *tc = tcase_create("copy");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, assignment_shares_and_a_copy_does_not);
    tcase_add_test(tc, atomic_objects_and_tuples_are_their_own_shallow_copy);
    tcase_add_test(tc, a_shallow_copy_of_a_list_is_a_new_list_sharing_items);
    tcase_add_test(tc, a_shallow_copy_of_a_dict_shares_keys_and_values);
    tcase_add_test(tc, a_plain_object_is_copied_shallow_and_deep);
    tcase_add_test(tc, a_deep_copy_does_not_see_changes_to_the_original);
    tcase_add_test(tc, shared_sub_objects_stay_shared);
    tcase_add_test(tc, a_cycle_is_reproduced);
    tcase_add_test(tc, a_cycle_through_a_dict_is_reproduced);
    tcase_add_test(tc, a_cycle_through_a_tuple_is_reproduced);
    tcase_add_test(tc, a_tuple_of_atomics_is_its_own_deep_copy_and_is_not_memoised);
    tcase_add_test(tc, a_tuple_holding_a_list_is_copied);
    tcase_add_test(tc, the_memo_keeps_originals_alive);
    tcase_add_test(tc, a_memo_passed_again_returns_the_first_copy);
    tcase_add_test(tc, the_memo_finds_every_original_as_it_grows);
    tcase_add_test(tc, objects_referenced_once_are_not_memoised);
    tcase_add_test(tc, a_million_deep_nesting_copies_without_recursion);
    tcase_add_test(tc, the_nodes_of_a_table_are_its_lists_and_ints);
    tcase_add_test(tc, the_nested_list_trap_is_five_names_for_one_row);
    tcase_add_test(tc, both_fixes_give_five_rows);
    tcase_add_test(tc, copying_an_unknown_type_is_reported);
    suite_add_tcase(s, tc);
    return s;
}
