/* ch15_watching.c -- tests of chapter 15, "Watching memory". Expected
 * numbers are CPython 3.11's and objgraph 3.6's, recorded in
 * chapters/cpython/ch15_*.out, or stated where they come from. */
#define _GNU_SOURCE                    /* open_memstream */
#include "pmtest.h"

static char *dot;                      /* the last graph drawn */

/* draw with refs (1) or backrefs (0); the graph goes to `dot`, the
 * number of nodes is returned */
static Pm_ssize_t draw(int refs, PmObject *root, const PmObjGraph_Options *opt)
{
    size_t len;
    free(dot);
    FILE *f = open_memstream(&dot, &len);
    Pm_ssize_t n = refs ? PmObjGraph_ShowRefs(f, &root, 1, opt)
                        : PmObjGraph_ShowBackrefs(f, &root, 1, opt);
    fclose(f);
    return n;
}

static int count(const char *what)     /* occurrences in the last graph */
{
    int n = 0;
    for (const char *p = dot; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static void teardown(void) { free(dot); dot = NULL; }

static PmObject *two_lists(PmObject **b)   /* the second article's a and b */
{
    long long v1[] = {1, 2, 3}, v2[] = {4, 5, 6};
    PmObject *a = PmList_FromInts(3, v1);
    *b = PmList_FromInts(3, v2);
    PmList_Append(a, *b);
    PmList_Append(*b, a);
    return a;
}

static void free_two_lists(PmObject *a, PmObject *b)
{
    Pm_DECREF(a); Pm_DECREF(b);
    PmGC_Collect();
}

/* "show_refs([a])" on the second article's lists: objgraph 3.6 on CPython
 * 3.11 draws 8 nodes (the two lists and six ints) and 8 edges, a's four
 * items last to first. */
START_TEST(show_refs_draws_each_object_once_and_each_reference_once)
{
    PmObject *b, *a = two_lists(&b);
    ck_assert_int_eq(draw(1, a, NULL), 8);                  /* objgraph: "(8 nodes)" */
    ck_assert_int_eq(count(" -> "), 8);
    ck_assert_int_eq(count("[label="), 8);
    ck_assert_ptr_nonnull(strstr(dot, "  o0[fontcolor=red];\n  o0[label=\"list\\n4 items\"];\n"
                                      "  o0[fillcolor=\"0,0,1\"];\n  o0 -> o1;\n"));
    ck_assert_ptr_nonnull(strstr(dot, "  o1 -> o0;\n"));                /* b -> a */
    ck_assert_ptr_nonnull(strstr(dot, "  o2[label=\"int\\n3\"];\n"));   /* last to first */
    ck_assert_ptr_nonnull(strstr(dot, "  o7[fillcolor=\"0,0,0.533333\"];\n"));  /* depth 2 of 3 */
    free_two_lists(a, b);
}
END_TEST

/* "unless it is at max_depth": with max_depth=1 b is drawn but not walked
 * (objgraph: a, b and 1, 2, 3, 5 nodes); with 0 only the root. */
START_TEST(max_depth_stops_the_walk)
{
    PmObject *b, *a = two_lists(&b);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.max_depth = 1;
    ck_assert_int_eq(draw(1, a, &o), 5);
    ck_assert_int_eq(count(" -> "), 4);
    ck_assert_int_eq(count("fillcolor=\"0,0,0.3\""), 4);     /* the last depth is 30 % grey */
    ck_assert_int_eq(count("fontcolor=white"), 4);
    o.max_depth = 0;
    ck_assert_int_eq(draw(1, a, &o), 1);
    ck_assert_int_eq(count(" -> "), 0);
    free_two_lists(a, b);
}
END_TEST

static int no_ints(PmObject *op, void *arg) { (void)arg; return !PmInt_Check(op); }

/* "filter leaves an object out ... never a root" */
START_TEST(the_filter_leaves_objects_out_but_never_a_root)
{
    PmObject *b, *a = two_lists(&b);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.filter = no_ints;
    ck_assert_int_eq(draw(1, a, &o), 2);
    ck_assert_ptr_nonnull(strstr(dot, "  o0 -> o1;\n"));
    ck_assert_ptr_nonnull(strstr(dot, "  o1 -> o0;\n"));
    ck_assert_int_eq(count(" -> "), 2);
    PmObject *one = PmList_GET_ITEM(a, 0);                  /* the int 1 as a root */
    ck_assert_int_eq(draw(1, one, &o), 1);
    free_two_lists(a, b);
}
END_TEST

/* "more than too_many neighbours": objgraph 3.6 draws 10 edges from a
 * list of 15 ints and a box "5 more references". */
START_TEST(too_many_cuts_the_edges_and_counts_the_rest)
{
    long long v[15];
    for (int i = 0; i < 15; i++)
        v[i] = 1000 + i;
    PmObject *l = PmList_FromInts(15, v);
    ck_assert_int_eq(draw(1, l, NULL), 11);
    ck_assert_int_eq(count(" -> "), 10);
    ck_assert_ptr_nonnull(strstr(dot, "label=\"5 more references\""));
    ck_assert_ptr_nonnull(strstr(dot, "  o0->too_many_o0[color=red"));
    ck_assert_ptr_nonnull(strstr(dot, "fillcolor=\"0,1,0.766667\""));
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.too_many = 15;
    ck_assert_int_eq(draw(1, l, &o), 16);
    ck_assert_ptr_null(strstr(dot, "more references"));
    Pm_DECREF(l);
}
END_TEST

/* "each referrer is found once, however many times it refers to the
 * object": objgraph 3.6 on CPython 3.11, for x = []; h = [x, x];
 * d = {'k': x}, draws one edge from h and one from d, labelled k. */
START_TEST(show_backrefs_draws_each_referrer_once)
{
    PmObject *x = PmList_New(0), *h = PmList_New(0), *d = PmDict_New(), *k = PmStr_FromString("k");
    PmList_Append(h, x); PmList_Append(h, x);
    PmDict_SetItem(d, k, x);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.max_depth = 1;
    ck_assert_int_eq(draw(0, x, &o), 3);
    ck_assert_int_eq(count(" -> "), 2);
    ck_assert_ptr_nonnull(strstr(dot, "  o1 -> o0;\n"));                      /* h -> x */
    ck_assert_ptr_nonnull(strstr(dot, "  o2 -> o0 [label=\"k\",weight=2];\n")); /* d -> x */
    ck_assert_ptr_nonnull(strstr(dot, "  o1[label=\"list\\n2 items\"];\n"));
    ck_assert_ptr_nonnull(strstr(dot, "  o2[label=\"dict\\n1 items\"];\n"));
    PmObject *r = PmGC_GetReferrers(x);
    ck_assert_int_eq(PmList_GET_SIZE(r), 2);                 /* gc.get_referrers(x): h, d */
    ck_assert_ptr_eq(PmList_GET_ITEM(r, 0), h);
    ck_assert_ptr_eq(PmList_GET_ITEM(r, 1), d);
    Pm_DECREF(r);
    r = PmGC_GetReferents(h);
    ck_assert_int_eq(PmList_GET_SIZE(r), 2);                 /* gc.get_referents(h): x, x */
    Pm_DECREF(r);
    Pm_DECREF(x); Pm_DECREF(h); Pm_DECREF(d); Pm_DECREF(k);
}
END_TEST

static int is_list(PmObject *op, void *arg) { (void)arg; return PmList_Check(op); }

static void size_info(PmObject *op, char *buf, size_t n, void *arg)
{
    (void)arg;
    snprintf(buf, n, "%zd bytes", PmObject_SizeOf(op));
}

/* "Ours labels the k-th edge to x with the k-th key that holds x";
 * refcounts, highlight and extra_info as objgraph draws them. */
START_TEST(a_dict_edge_is_labelled_with_its_own_key)
{
    PmObject *x = PmList_New(0), *d = PmDict_New(), *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b");
    PmDict_SetItem(d, ka, x); PmDict_SetItem(d, kb, x);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.filter = is_list;                                      /* leave out the keys */
    o.refcounts = 1;
    o.highlight = is_list;
    o.extra_info = size_info;
    ck_assert_int_eq(draw(1, d, &o), 2);
    ck_assert_ptr_nonnull(strstr(dot, "  o0 -> o1 [label=\"a\",weight=2];\n"
                                      "  o0 -> o1 [label=\"b\",weight=2];\n"));
    ck_assert_ptr_nonnull(strstr(dot, "  o1[label=\"list [3]\\n0 items\\n56 bytes\"];\n"));  /* x, two values; getsizeof([]) is 56 in CPython 3.11 */
    ck_assert_ptr_nonnull(strstr(dot, "  o1[fillcolor=\"0.6,0.6,0.883333\"];\n"));  /* objgraph 3.6 */
    Pm_DECREF(x); Pm_DECREF(d); Pm_DECREF(ka); Pm_DECREF(kb);
}
END_TEST

/* "getsizeof ... plus the collector's 16-byte header for every container":
 * CPython 3.11's sys.getsizeof for the types whose layout ours shares. */
static PmTypeObject SizedA = { PmClass_INIT("A") };

START_TEST(getsizeof_counts_the_collector_header_as_cpython_3_11_does)
{
    long long v4[] = {1, 2, 3, 4};
    PmObject *l0 = PmList_New(0), *l4 = PmList_FromInts(4, v4), *t = PmTuple_New(2);
    PmObject *f = PmFloat_FromDouble(1.0);
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(2));
    ck_assert_int_eq(PmObject_SizeOf(l0), 56);           /* CPython 3.11: [] */
    ck_assert_int_eq(PmObject_SizeOf(l4), 88);           /* [1, 2, 3, 4] */
    ck_assert_int_eq(PmObject_SizeOf(PmTuple_New(0)), 40); /* () */
    ck_assert_int_eq(PmObject_SizeOf(t), 56);            /* (1, 2) */
    ck_assert_int_eq(PmObject_SizeOf(f), 24);            /* 1.0: no header */
    ck_assert_int_eq(PmObject_SizeOf(Pm_None), 16);      /* None */
    PmObject *a = PmInstance_New(&SizedA);
    ck_assert_int_eq(PmObject_SizeOf(a), 56);            /* class A: pass; A() */
    ck_assert(PmObject_IS_GC(l0) && PmObject_IS_GC(t) && !PmObject_IS_GC(f));
    Pm_DECREF(l0); Pm_DECREF(l4); Pm_DECREF(t); Pm_DECREF(f); Pm_DECREF(a);
}
END_TEST

/* "a long read at the object's address is ob_refcnt itself";
 * getrefcount is one more. CPython 3.11: sys 2, ctypes 1, then 3 and 2. */
START_TEST(the_count_read_at_the_address_is_getrefcounts_less_one)
{
    long long one23[] = {1, 2, 3};
    PmObject *our_var = PmList_FromInts(3, one23);
    uintptr_t id = Pm_Id(our_var);
    ck_assert_uint_eq(id % 16, 0);                       /* hex(id(our_var)) ends in 0 */
    ck_assert_ptr_eq((PmObject *)id, our_var);           /* ctypes.cast(id, py_object) */
    ck_assert_int_eq(*(long *)id, 1);
    ck_assert_int_eq(PmSys_GetRefCount(our_var), 2);
    PmObject *my_var = Pm_NewRef(our_var);
    ck_assert_int_eq(*(long *)id, 2);
    ck_assert_int_eq(PmSys_GetRefCount(our_var), 3);
    Pm_DECREF(my_var);
    ck_assert_int_eq(*(long *)id, 1);
    Pm_DECREF(our_var);
}
END_TEST

static PmTypeObject Serval = { PmClass_INIT("Serval") }, Cat = { PmClass_INIT("Cat") };

/* "Counted with nothing printed in between, CPython 3.11 says +2 and then 0" */
START_TEST(two_instances_add_two_tracked_objects_and_deleting_them_removes_both)
{
    PmObject *name = PmStr_FromString("servy");
    Pm_ssize_t before = PmGC_TrackedCount();
    PmObject *servy = PmInstance_New(&Serval), *whiky = PmInstance_New(&Cat);
    PmInstance_SetAttr(servy, "name", name);
    PmInstance_SetAttr(whiky, "name", name);
    ck_assert_int_eq(PmGC_TrackedCount() - before, 2);   /* CPython 3.11: +2 */
    Pm_DECREF(servy); Pm_DECREF(whiky);
    ck_assert_int_eq(PmGC_TrackedCount() - before, 0);   /* CPython 3.11: 0 */
    Pm_DECREF(name);
}
END_TEST

/* "the million blocks are the ints ... one more tracked object" */
START_TEST(a_million_ints_add_a_million_blocks_and_one_tracked_object)
{
    Pm_ssize_t blocks = PmSys_GetAllocatedBlocks(), tracked = PmGC_TrackedCount();
    PmObject *a = PmList_New(0);
    for (long i = 1000; i < 1001000; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(a, n);
        Pm_DECREF(n);
    }
    ck_assert_int_eq((PmSys_GetAllocatedBlocks() - blocks + 500) / 1000, 1000);  /* CPython 3.11 */
    ck_assert_int_eq(PmGC_TrackedCount() - tracked, 1);                         /* CPython 3.11 */
    Pm_DECREF(a);
    ck_assert_int_eq((PmSys_GetAllocatedBlocks() - blocks + 500) / 1000, 0);
    ck_assert_int_eq(PmGC_TrackedCount() - tracked, 0);
}
END_TEST

Suite *ch15_watching_suite(void)
{
    Suite *s = suite_create("ch15 watching");
    TCase *tc = tcase_create("graphs");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, show_refs_draws_each_object_once_and_each_reference_once);
    tcase_add_test(tc, max_depth_stops_the_walk);
    tcase_add_test(tc, the_filter_leaves_objects_out_but_never_a_root);
    tcase_add_test(tc, too_many_cuts_the_edges_and_counts_the_rest);
    tcase_add_test(tc, show_backrefs_draws_each_referrer_once);
    tcase_add_test(tc, a_dict_edge_is_labelled_with_its_own_key);
    suite_add_tcase(s, tc);
    tc = tcase_create("sizes and addresses");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, getsizeof_counts_the_collector_header_as_cpython_3_11_does);
    tcase_add_test(tc, the_count_read_at_the_address_is_getrefcounts_less_one);
    tcase_add_test(tc, two_instances_add_two_tracked_objects_and_deleting_them_removes_both);
    tcase_add_test(tc, a_million_ints_add_a_million_blocks_and_one_tracked_object);
    suite_add_tcase(s, tc);
    return s;
}
