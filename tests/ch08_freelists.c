/* ch08_freelists.c -- tests of chapter 8, "Free lists". Each test runs in a
 * fresh child process, so the free lists start empty. */
#include "pmtest.h"
#include "graph.h"

static size_t obj_calls(void)
{
    PmMemStats s = PmMem_GetStats(PM_MEM_DOMAIN_OBJ);
    return s.mallocs + s.frees;
}

/* "float" and "tuple": the new types' layouts and values. */
START_TEST(float_and_tuple_have_cpythons_layouts)
{
    ck_assert_uint_eq(sizeof(PmFloatObject), 24);                 /* = PyFloatObject */
    ck_assert_int_eq(PmTuple_Type.tp_basicsize, 24);
    ck_assert_int_eq(PmTuple_Type.tp_itemsize, 8);
    PmObject *f = PmFloat_FromDouble(1.5), *t = PmTuple_New(2);
    ck_assert_double_eq(PmFloat_AsDouble(f), 1.5);
    PmTuple_SET_ITEM(t, 0, Pm_NewRef(f));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(7));
#ifdef PM_GC_H                                                    /* chapter 12 on: */
    ck_assert_int_eq(PmObject_SizeOf(t), 56);          /* CPython 3.11: sys.getsizeof((1, 2)) */
#else
    ck_assert_int_eq(PmObject_SizeOf(t), 24 + 2 * 8);  /* no collector header yet */
#endif
    ck_assert_int_eq(Pm_REFCNT(f), 2);
    Pm_DECREF(t);                                                 /* releases its items */
    ck_assert_int_eq(Pm_REFCNT(f), 1);
    Pm_DECREF(f);
}
END_TEST

/* "tuple": there is one empty tuple, immortal. */
START_TEST(the_empty_tuple_is_a_singleton)
{
    PmObject *a = PmTuple_New(0), *b = PmTuple_New(0);
    ck_assert_ptr_eq(a, b);
    ck_assert(Pm_IsImmortal(a));
    Pm_DECREF(a); Pm_DECREF(b);
    ck_assert_int_eq(PmTuple_GET_SIZE(a), 0);
}
END_TEST

/* Each free list hands back the object that died last. */
START_TEST(a_dead_object_is_the_next_one_handed_out)
{
    PmObject *f = PmFloat_FromDouble(1.0); Pm_DECREF(f);
    ck_assert_ptr_eq(PmFloat_FromDouble(2.0), f);
    ck_assert_double_eq(PmFloat_AsDouble(f), 2.0);
    ck_assert_ptr_eq(Pm_TYPE(f), &PmFloat_Type);
    PmObject *t = PmTuple_New(3); Pm_DECREF(t);
    PmObject *t2 = PmTuple_New(2);
    ck_assert_ptr_ne(t2, t);                                      /* another length */
    PmObject *t3 = PmTuple_New(3);
    ck_assert_ptr_eq(t3, t);
    ck_assert_ptr_null(PmTuple_GET_ITEM(t3, 0));                  /* items cleared */
    PmObject *l = PmList_New(0); Pm_DECREF(l);
    PmObject *l2 = PmList_New(4);
    ck_assert_ptr_eq(l2, l);
    ck_assert_int_eq(PmList_GET_SIZE(l2), 4);
    ck_assert_int_eq(Pm_REFCNT(l2), 1);
    Pm_DECREF(f); Pm_DECREF(t2); Pm_DECREF(t3); Pm_DECREF(l2);
    Pm_ClearFreeLists();
}
END_TEST

/* CPython's limits: 100 floats, 80 lists, 2000 tuples of each length 1..20. */
START_TEST(free_lists_keep_cpythons_numbers)
{
    PM_NOT_UNDER_STRESS("a collection at every allocation empties the free lists");
    enum { N = 2100 };
    static PmObject *o[N];
    for (int i = 0; i < N; i++) o[i] = PmFloat_FromDouble(i);
    for (int i = 0; i < N; i++) Pm_DECREF(o[i]);
    ck_assert_int_eq(_PmFloat_ClearFreeList(), 100);
    for (int i = 0; i < 200; i++) o[i] = PmList_New(0);
    for (int i = 0; i < 200; i++) Pm_DECREF(o[i]);
    ck_assert_int_eq(pm_list_numfree, 80);
    for (int i = 0; i < N; i++) o[i] = PmTuple_New(20);
    for (int i = 0; i < N; i++) Pm_DECREF(o[i]);
    for (int i = 0; i < 10; i++) o[i] = PmTuple_New(21);
    for (int i = 0; i < 10; i++) Pm_DECREF(o[i]);
    PmObject *t20 = PmTuple_New(20);                              /* 3.12's test: reused */
    ck_assert_ptr_eq(t20, o[1999]);                               /* the last one kept */
    Pm_DECREF(t20);
    ck_assert_int_eq(_PmTuple_ClearFreeList(), 2000);            /* none of length 21 */
    ck_assert_int_eq(Pm_ClearFreeLists(), 80);
}
END_TEST

/* "What the free lists save": no allocator call while a list can serve. */
START_TEST(the_allocator_is_not_called_while_a_free_list_serves)
{
    PM_NOT_UNDER_STRESS("a collection at every allocation empties the free lists");
    Pm_DECREF(PmFloat_FromDouble(0));
    Pm_DECREF(PmTuple_New(5));
    PmMem_StatsStart();
    for (int i = 0; i < 10000; i++) {
        Pm_DECREF(PmFloat_FromDouble(i));
        Pm_DECREF(PmTuple_New(5));
    }
    PmMem_StatsStop();
    ck_assert_uint_eq(obj_calls(), 0);
    pm_freelists_enabled = 0;
    PmMem_StatsStart();
    for (int i = 0; i < 100; i++) Pm_DECREF(PmFloat_FromDouble(i));
    PmMem_StatsStop();
    ck_assert_uint_eq(obj_calls(), 200);
    PmMem_StatsStart();                      /* "One switch turns them all off" */
    for (int i = 0; i < 100; i++) Pm_DECREF(PmList_New(0));
    PmMem_StatsStop();
    ck_assert_uint_eq(obj_calls(), 200);     /* a malloc and a free per list */
    pm_freelists_enabled = 1;
}
END_TEST

/* "Switching the lists ... empty": clearing gives every kept object back. */
START_TEST(clearing_gives_every_kept_object_back)
{
    for (int i = 0; i < 50; i++) Pm_DECREF(PmFloat_FromDouble(i));   /* 1 kept */
    PmObject *f[30];
    for (int i = 0; i < 30; i++) f[i] = PmFloat_FromDouble(i);
    for (int i = 0; i < 30; i++) Pm_DECREF(f[i]);                    /* 30 kept */
    PmMem_StatsStart();
    ck_assert_int_eq(Pm_ClearFreeLists(), 30);
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).frees, 30);
    ck_assert_int_eq(Pm_ClearFreeLists(), 0);
}
END_TEST

/* "The float free list, drawn": the list is threaded through the type
   pointers, the float freed last first; a dead float keeps its value. */
START_TEST(the_float_free_list_is_threaded_through_type_pointers)
{
    PmObject *f[4];
    Pm_ClearFreeLists();
    for (int i = 0; i < 4; i++)
        f[i] = PmFloat_FromDouble(0.5 + i);
    for (int i = 0; i < 4; i++)
        Pm_DECREF(f[i]);
    ck_assert_int_eq(_PmFloat_NumFree(), 4);
    PmObject *p = _PmFloat_FreeList();
    for (int i = 3; i >= 0; i--) {
        ck_assert_ptr_eq(p, f[i]);
        ck_assert(((PmFloatObject *)p)->ob_fval == 0.5 + i);
        p = (PmObject *)Pm_TYPE(p);
    }
    ck_assert_ptr_null(p);
    PmObject *y = PmFloat_FromDouble(9.0);
    ck_assert_ptr_eq(y, f[3]);
    ck_assert_ptr_eq(_PmFloat_FreeList(), f[2]);
    Pm_DECREF(y);
}
END_TEST

/* "The float free list, drawn": a free node, and an arrow between any two
   drawn nodes, dashed when it counts nothing. */
START_TEST(free_nodes_and_edges_are_drawn)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    int a, b;
    PmGraph_Begin(out, "g");
    PmGraph_Node(out, &a, "float, dead", "2.5", "ob_type: next");
    PmGraph_Node(out, &b, "float, dead", "1.5", "ob_type: NULL");
    PmGraph_Edge(out, &a, &b, "ob_type", 0);
    PmGraph_Edge(out, &b, &a, "back", 1);
    PmGraph_End(out);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "o0 [shape=record, label=\"float, dead|2.5|ob_type: next\"]"));
    ck_assert_ptr_nonnull(strstr(text, "o0 -> o1 [label=\"ob_type\"];"));
    ck_assert_ptr_nonnull(strstr(text, "o1 -> o0 [label=\"back\", style=dashed];"));
    free(text);
}
END_TEST

Suite *ch08_freelists_suite(void)
{
    Suite *s = suite_create("ch08 free lists");
    TCase *tc = tcase_create("freelists");
    tcase_add_test(tc, float_and_tuple_have_cpythons_layouts);
    tcase_add_test(tc, the_empty_tuple_is_a_singleton);
    tcase_add_test(tc, a_dead_object_is_the_next_one_handed_out);
    tcase_add_test(tc, free_lists_keep_cpythons_numbers);
    tcase_add_test(tc, the_allocator_is_not_called_while_a_free_list_serves);
    tcase_add_test(tc, clearing_gives_every_kept_object_back);
    tcase_add_test(tc, the_float_free_list_is_threaded_through_type_pointers);
    tcase_add_test(tc, free_nodes_and_edges_are_drawn);
    suite_add_tcase(s, tc);
    return s;
}
