/* ch01_objects.c -- tests of chapter 1, "Objects, names and the object
 * header". Each test checks one claim of the chapter; the comment above it
 * names the section. These tests run on every layer from 1 on, so they
 * check what stays true when later chapters add to the runtime. */
#include "pmtest.h"

static PmObject *int_list(int n)
{
    long long v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    return PmList_FromInts(n, v);
}

/* "The object header": two words, refcount then type; +1 word for size. */
START_TEST(header_is_refcount_then_type_then_size)
{
    ck_assert_uint_eq(sizeof(PmObject), 16);
    ck_assert_uint_eq(offsetof(PmObject, ob_refcnt), 0);
    ck_assert_uint_eq(offsetof(PmObject, ob_type), 8);
    ck_assert_uint_eq(sizeof(PmVarObject), 24);
    ck_assert_uint_eq(offsetof(PmVarObject, ob_size), 16);
}
END_TEST

/* "Type objects": a type is an object whose type is 'type'. */
START_TEST(types_are_objects_of_type_type)
{
    ck_assert_ptr_eq(Pm_TYPE(&PmInt_Type), &PmType_Type);
    ck_assert_ptr_eq(Pm_TYPE(&PmList_Type), &PmType_Type);
    ck_assert_ptr_eq(Pm_TYPE(&PmType_Type), &PmType_Type);
    ck_assert_str_eq(PmList_Type.tp_name, "list");
}
END_TEST

/* "Creating an object": count 1, the right type. */
START_TEST(new_object_has_count_one_and_its_type)
{
    PmObject *i = PmInt_FromLong(1000), *s = PmStr_FromString("xy"), *l = PmList_New(0);
    ck_assert_int_eq(Pm_REFCNT(i), 1);
    ck_assert_int_eq(Pm_REFCNT(s), 1);
    ck_assert_int_eq(Pm_REFCNT(l), 1);
    ck_assert(PmInt_Check(i) && PmStr_Check(s) && PmList_Check(l));
    ck_assert_int_eq(PmInt_AsLong(i), 1000);
    ck_assert_str_eq(PmStr_AsString(s), "xy");
    Pm_DECREF(i); Pm_DECREF(s); Pm_DECREF(l);
}
END_TEST

/* "The count in the header": INCREF adds one, DECREF removes one. */
START_TEST(incref_and_decref_move_the_count)
{
    PmObject *s = PmStr_FromString("label");
    Pm_INCREF(s);
    Pm_INCREF(s);
    ck_assert_int_eq(Pm_REFCNT(s), 3);
    Pm_DECREF(s);
    ck_assert_int_eq(Pm_REFCNT(s), 2);
    Pm_DECREF(s);
    Pm_DECREF(s);              /* freed here: ASan/valgrind would see a leak otherwise */
}
END_TEST

/* "list": each slot holds a reference; the dying list releases them. */
START_TEST(list_holds_a_reference_to_each_item)
{
    PmObject *item = PmStr_FromString("item"), *l = PmList_New(0);
    PmList_Append(l, item);
    PmList_Append(l, item);
    ck_assert_int_eq(Pm_REFCNT(item), 3);
    Pm_DECREF(l);
    ck_assert_int_eq(Pm_REFCNT(item), 1);
    Pm_DECREF(item);
}
END_TEST

/* "list": SET_ITEM steals; SetItem steals and releases what it replaces. */
START_TEST(set_item_steals_and_setitem_releases_the_old_item)
{
    PmObject *l = PmList_New(1), *x = PmStr_FromString("xx"), *y = PmStr_FromString("yy");
    Pm_INCREF(x);                      /* keep x alive to watch its count */
    PmList_SET_ITEM(l, 0, x);          /* the list takes our extra reference */
    ck_assert_int_eq(Pm_REFCNT(x), 2);
    PmList_SetItem(l, 0, y);           /* steals y, releases x */
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    ck_assert_int_eq(Pm_REFCNT(y), 1);
    ck_assert_ptr_eq(PmList_GetItem(l, 0), y);
    Pm_DECREF(x);
    Pm_DECREF(l);
}
END_TEST

/* "Identity and equality": equal lists need not be the same object; an
   object stored in a list and read back is the same object (is), and its
   id is its address, as CPython's id(). */
START_TEST(equal_objects_are_not_always_identical)
{
    PmObject *a = int_list(3), *c = int_list(3), *holder = PmList_New(0);
    PmList_Append(holder, a);
    ck_assert(Pm_Is(PmList_GetItem(holder, 0), a));
    ck_assert_uint_eq(Pm_Id(PmList_GetItem(holder, 0)), (uintptr_t)(void *)a);
    ck_assert(!Pm_Is(a, c) && Pm_Id(a) != Pm_Id(c));
    ck_assert(PmObject_Equal(a, c));
    ck_assert(!PmObject_Equal(a, PmList_GET_ITEM(a, 0)));   /* list != int */
    Pm_DECREF(holder); Pm_DECREF(a); Pm_DECREF(c);
}
END_TEST

/* "Names are labels", session 1: rebinding a leaves b on the old object. */
START_TEST(rebinding_a_leaves_b_on_the_old_object)
{
    PmObject *a = int_list(3), *b = a;
    Pm_INCREF(b);
    long long v[] = {4, 5, 6};
    Pm_DECREF(a);
    a = PmList_FromInts(3, v);
    ck_assert(!Pm_Is(a, b));
    ck_assert_int_eq(PmInt_AsLong(PmList_GetItem(b, 0)), 1);
    ck_assert_int_eq(PmInt_AsLong(PmList_GetItem(a, 0)), 4);
    ck_assert_int_eq(Pm_REFCNT(b), 1);
    Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

/* "Names are labels", session 2: mutation is seen through both labels. */
START_TEST(mutating_through_a_is_seen_through_b)
{
    PmObject *a = int_list(3), *b = a;
    Pm_INCREF(b);
    for (int i = 0; i < 3; i++)
        PmList_SetItem(a, i, PmInt_FromLong(4 + i));
    ck_assert_int_eq(PmInt_AsLong(PmList_GetItem(b, 0)), 4);   /* b sees [4, 5, 6] */
    ck_assert_int_eq(PmInt_AsLong(PmList_GetItem(b, 2)), 6);
    ck_assert_int_eq(Pm_REFCNT(a), 2);
    Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

/* "str": concatenation makes a new string and leaves both operands. */
START_TEST(concatenation_makes_a_new_string)
{
    PmObject *name = PmStr_FromString("qikepu"), *tail = PmStr_FromString(" Python");
    PmObject *sum = PmStr_Concat(name, tail);
    ck_assert_str_eq(PmStr_AsString(sum), "qikepu Python");
    ck_assert_str_eq(PmStr_AsString(name), "qikepu");
    ck_assert_int_eq(Pm_SIZE(sum), 13);
    ck_assert_int_eq(Pm_REFCNT(name), 1);
    Pm_DECREF(name); Pm_DECREF(tail); Pm_DECREF(sum);
}
END_TEST

/* "How big is an object?": the formulas behind the size table. */
START_TEST(sizes_follow_the_layouts_in_the_text)
{
    ck_assert_uint_eq(sizeof(PmIntObject), 24);
    ck_assert_uint_eq(sizeof(PmListObject), 40);           /* = CPython's struct */
    ck_assert_int_eq(PmStr_Type.tp_basicsize, 34);         /* '' before any prefix */
    PmObject *i0 = PmInt_FromLong(0), *ibig = PmInt_FromLong(1LL << 60);
    PmObject *s0 = PmStr_FromString(""), *s6 = PmStr_FromString("qikepu");
    PmObject *l0 = PmList_New(0), *l4 = int_list(4);
    ck_assert_int_eq(PmObject_SizeOf(i0), PmObject_SizeOf(ibig));  /* one word */
    ck_assert_int_eq(PmObject_SizeOf(s6), PmObject_SizeOf(s0) + 6); /* a byte each */
    ck_assert_int_eq(PmObject_SizeOf(l4), PmObject_SizeOf(l0) + 4 * 8);
    Pm_DECREF(i0); Pm_DECREF(ibig); Pm_DECREF(s0); Pm_DECREF(s6);
    Pm_DECREF(l0); Pm_DECREF(l4);
}
END_TEST

/* "How big is an object?": four appends stop at capacity 4, the fifth makes 8. */
START_TEST(appends_grow_the_array_with_room_to_spare)
{
    PmObject *l = PmList_New(0), *x = PmInt_FromLong(7);
    PmList_Append(l, x);
    ck_assert_int_eq(((PmListObject *)l)->allocated, 4);
    for (int i = 0; i < 3; i++)
        PmList_Append(l, x);
    ck_assert_int_eq(((PmListObject *)l)->allocated, 4);
    PmList_Append(l, x);
    ck_assert_int_eq(((PmListObject *)l)->allocated, 8);
    ck_assert_int_eq(PmList_GET_SIZE(l), 5);
    /* the size counts the capacity: CPython 3.11's sys.getsizeof is 120
       after five appends; before chapter 12 adds the collector's 16-byte
       header (gc.h), the same less 16 */
#ifdef PM_GC_H
    ck_assert_int_eq(PmObject_SizeOf(l), 120);
#else
    ck_assert_int_eq(PmObject_SizeOf(l), 120 - 16);
#endif
    Pm_DECREF(l); Pm_DECREF(x);
}
END_TEST

static int global_counter = 1;
/* "Where objects live": labels on the stack, objects on the heap, types in data. */
START_TEST(labels_live_on_the_stack_objects_on_the_heap)
{
    PmObject *a = PmInt_FromLong(5000);     /* not a cached small int (chapter 10) */
    ck_assert_int_eq(Pm_AreaOf(&a), PM_AREA_STACK);
    ck_assert_int_eq(Pm_AreaOf(a), PM_AREA_HEAP);
    ck_assert_int_eq(Pm_AreaOf(&PmInt_Type), PM_AREA_DATA);
    ck_assert_int_eq(Pm_AreaOf(&global_counter), PM_AREA_DATA);
    ck_assert_int_eq(Pm_AreaOf("a literal"), PM_AREA_RODATA);
    ck_assert_int_eq(Pm_AreaOf((void *)(uintptr_t)PmInt_FromLong), PM_AREA_CODE);
    ck_assert_str_eq(Pm_AreaName(PM_AREA_RODATA), "read-only data");
    Pm_DECREF(a);
}
END_TEST

/* "Identity and equality": a type without a repr prints like CPython's
   default, without the address, so outputs are the same on every run. */
START_TEST(objects_print_without_addresses)
{
    static PmTypeObject Plain_Type = { .ob_base = PmObject_HEAD_INIT(&PmType_Type),
        .tp_name = "Plain", .tp_basicsize = sizeof(PmObject) };
    PmObject plain = PmObject_HEAD_INIT(&Plain_Type);
    char buf[64];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    PmObject_Print(&plain, f);
    fputc(' ', f);
    PmObject_Print((PmObject *)&PmList_Type, f);
    fclose(f);
    ck_assert_str_eq(buf, "<Plain object> <class 'list'>");
}
END_TEST

/* "Counting what is alive": a new object is one more block alive and one
   more reference in the total; an INCREF is one more reference; the
   object's death takes everything back. */
START_TEST(the_counters_see_each_block_and_reference)
{
    Pm_ssize_t blocks = PmSys_GetAllocatedBlocks(), refs = 0;
#ifdef PM_REF_DEBUG
    refs = PmSys_GetTotalRefCount();
#endif
    PmObject *s = PmStr_FromString("counted");
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 1);
    Pm_INCREF(s);
#ifdef PM_REF_DEBUG
    ck_assert_int_eq(PmSys_GetTotalRefCount() - refs, 2);
#endif
    Pm_DECREF(s);
    Pm_DECREF(s);
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 0);
#ifdef PM_REF_DEBUG
    ck_assert_int_eq(PmSys_GetTotalRefCount() - refs, 0);
#endif
}
END_TEST

/* "Counting what is alive": the check every test runs under (tests/pmtest.h)
   finds a body that leaks an object, and one that leaks a reference to an
   object that lives on; a body that only fills a cache on its first run
   passes. */
static PmObject *kept_forever;
static PmObject *lost[64];              /* reachable: valgrind and LSan stay quiet */
static int nlost;
static void leaks_an_object(int i) { (void)i; lost[nlost++ % 64] = PmStr_FromString("lost"); }
static void leaks_a_reference(int i) { (void)i; Pm_INCREF(kept_forever); }
static void fills_a_cache_once(int i)
{
    static PmObject *cache;
    (void)i;
    if (cache == NULL)
        cache = PmStr_FromString("cached");
}
START_TEST(the_refleak_check_finds_leaked_objects_and_references)
{
    Pm_ssize_t d[2];
    if (kept_forever == NULL)
        kept_forever = PmStr_FromString("kept");
    ck_assert_int_eq(pm_test_leaks(leaks_an_object, 0, 3, "leaks_an_object", d) & 1, 1);
    ck_assert_int_eq(d[0], 1);
#ifdef PM_REF_DEBUG
    ck_assert_int_eq(pm_test_leaks(leaks_a_reference, 0, 3, "leaks_a_reference", d), 2);
    ck_assert_int_eq(d[1], 1);
#endif
    ck_assert_int_eq(pm_test_leaks(fills_a_cache_once, 0, 3, "fills_a_cache_once", d), 0);
    while (nlost > 0)
        Pm_DECREF(lost[--nlost]);      /* the leaks, given back */
    PM_KEEPS_MEMORY("its reference to a string is leaked on purpose");
}
END_TEST

/* print op into buf, as a string */
static const char *printed(PmObject *op, char *buf, size_t n)
{
    FILE *f = fmemopen(buf, n, "w");
    PmObject_Print(op, f);
    fclose(f);
    return buf;
}

/* n lists, each the only item of the next: [[[...]]] */
static PmObject *nested(int n)
{
    PmObject *l = PmList_New(0);
    while (--n > 0) {
        PmObject *outer = PmList_New(1);
        PmList_SET_ITEM(outer, 0, l);
        l = outer;
    }
    return l;
}

/* "Identity and equality": a list that contains itself prints as [...],
   as CPython 3.11 prints it (Py_ReprEnter). */
START_TEST(a_list_that_contains_itself_prints_as_ellipsis)
{
    char buf[128];
    long long v[] = {1000};
    PmObject *a = PmList_New(0), *c = PmList_FromInts(1, v), *b = PmList_New(0);
    PmList_Append(a, a);
    ck_assert_str_eq(printed(a, buf, sizeof buf), "[[...]]");          /* CPython 3.11 */
    PmList_Append(c, c);
    PmList_Append(b, c);
    PmList_Append(b, c);
    ck_assert_str_eq(printed(c, buf, sizeof buf), "[1000, [...]]");    /* CPython 3.11 */
    ck_assert_str_eq(printed(b, buf, sizeof buf), "[[1000, [...]], [1000, [...]]]");
    ck_assert(PmObject_Equal(a, a));   /* a == a is True: the same object */
    PmList_SetItem(a, 0, PmInt_FromLong(0));      /* break the cycles */
    PmList_SetItem(c, 1, PmInt_FromLong(0));
    ck_assert_str_eq(printed(b, buf, sizeof buf), "[[1000, 0], [1000, 0]]");
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c);
}
END_TEST

/* "Identity and equality": a = [a]; b = [b]; a == b raises RecursionError
   in CPython 3.11; here a checked error with CPython's message. */
static void compare_self_containing_lists(void)
{
    PmObject *a = PmList_New(0), *b = PmList_New(0);
    PmList_Append(a, a);
    PmList_Append(b, b);
    PmObject_Equal(a, b);
}
START_TEST(comparing_self_containing_lists_is_a_recursion_error)
{
    ck_assert_fatal(compare_self_containing_lists,
                    "RecursionError: maximum recursion depth exceeded in comparison");
}
END_TEST

/* "Identity and equality": 998 nested lists print and compare in CPython
   3.11 (999 do not, from the top level); a million stop with its message,
   not with SIGSEGV. */
static void print_a_million_deep(void) { PmObject_Print(nested(1000000), fopen("/dev/null", "w")); }
static void compare_a_million_deep(void) { PmObject_Equal(nested(1000000), nested(1000000)); }
START_TEST(nesting_a_million_deep_stops_at_the_recursion_limit)
{
    static char buf[4096];
    PmObject *x = nested(998), *y = nested(998);
    ck_assert(PmObject_Equal(x, y));
    printed(x, buf, sizeof buf);
    ck_assert_uint_eq(strlen(buf), 2 * 998);
    ck_assert(buf[997] == '[' && buf[998] == ']');
    Pm_DECREF(x); Pm_DECREF(y);
    ck_assert_fatal(print_a_million_deep,
                    "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
    ck_assert_fatal(compare_a_million_deep,
                    "RecursionError: maximum recursion depth exceeded in comparison");
}
END_TEST

/* "Creating an object": a size that overflows is refused, with a message. */
static void make_huge_str(void) { PmObject_NewVar(&PmStr_Type, PM_SSIZE_MAX - 8); }
START_TEST(size_overflow_is_a_checked_error)
{
    ck_assert_fatal(make_huge_str, "cannot make a 'str' of");
    ck_assert_fatal(make_huge_str, "size overflows");
}
END_TEST

/* "int" / "list": a wrong type or a bad index is reported, not guessed at. */
static void int_of_a_str(void) { PmInt_AsLong(PmStr_FromString("7")); }
static void index_out_of_range(void) { PmList_GetItem(PmList_New(2), 2); }
START_TEST(misuse_is_reported_with_what_and_where)
{
    ck_assert_fatal(int_of_a_str, "Fatal pm error: PmInt_AsLong: expected an 'int', got a 'str'");
    ck_assert_fatal(index_out_of_range, "PmList_GetItem: list index 2 out of range (size 2)");
}
END_TEST

/* Check's own signal test: a fatal error ends the process with SIGABRT. */
START_TEST(fatal_error_aborts)
{
    Pm_FatalError("test", "on purpose");
}
END_TEST

/* "plus anything it owns that is not shared (a list's array)": a list's size
   counts the slots of its array, not its items. After five appends to [],
   CPython 3.11's (sys.getsizeof(l) - sys.getsizeof([])) // 8 is 8. */
START_TEST(a_lists_size_counts_its_array_not_its_items)
{
    PmObject *empty = PmList_New(0), *l = PmList_New(0);
    for (int i = 0; i < 5; i++) {
        PmObject *v = PmInt_FromLong(1000 + i);
        PmList_Append(l, v);
        Pm_DECREF(v);
    }
    ck_assert_int_eq(PmList_GET_SIZE(l), 5);
    ck_assert_int_eq((PmObject_SizeOf(l) - PmObject_SizeOf(empty)) / 8, 8 /* CPython 3.11 */);
    Pm_DECREF(l);
    Pm_DECREF(empty);
}
END_TEST

/* "`a == b` asks whether two objects have the *same value*": two lists are
   equal when every item is, the last one too. CPython 3.11: [1000, 2000,
   3000] == [1000, 2000, 3001] is False; [1000, 2000] == [1000, 2000] is True. */
START_TEST(lists_are_equal_only_when_every_item_is)
{
    long long x[] = {1000, 2000, 3000}, y[] = {1000, 2000, 3001};
    PmObject *a = PmList_FromInts(3, x), *b = PmList_FromInts(3, y);
    PmObject *c = PmList_FromInts(2, x), *d = PmList_FromInts(2, y);
    ck_assert_int_eq(PmObject_Equal(a, b), 0 /* CPython 3.11: False */);
    ck_assert_int_eq(PmObject_Equal(c, d), 1 /* CPython 3.11: True */);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(d);
}
END_TEST

Suite *ch01_objects_suite(void)
{
    Suite *s = suite_create("ch01 objects");
    TCase *tc = tcase_create("objects");
    tcase_add_test(tc, header_is_refcount_then_type_then_size);
    tcase_add_test(tc, types_are_objects_of_type_type);
    tcase_add_test(tc, new_object_has_count_one_and_its_type);
    tcase_add_test(tc, incref_and_decref_move_the_count);
    tcase_add_test(tc, list_holds_a_reference_to_each_item);
    tcase_add_test(tc, set_item_steals_and_setitem_releases_the_old_item);
    tcase_add_test(tc, equal_objects_are_not_always_identical);
    tcase_add_test(tc, rebinding_a_leaves_b_on_the_old_object);
    tcase_add_test(tc, mutating_through_a_is_seen_through_b);
    tcase_add_test(tc, concatenation_makes_a_new_string);
    tcase_add_test(tc, sizes_follow_the_layouts_in_the_text);
    tcase_add_test(tc, appends_grow_the_array_with_room_to_spare);
    tcase_add_test(tc, labels_live_on_the_stack_objects_on_the_heap);
    tcase_add_test(tc, objects_print_without_addresses);
    tcase_add_test(tc, the_counters_see_each_block_and_reference);
    tcase_add_test(tc, the_refleak_check_finds_leaked_objects_and_references);
    tcase_add_test(tc, a_list_that_contains_itself_prints_as_ellipsis);
    tcase_add_test(tc, comparing_self_containing_lists_is_a_recursion_error);
    tcase_add_test(tc, nesting_a_million_deep_stops_at_the_recursion_limit);
    tcase_add_test(tc, size_overflow_is_a_checked_error);
    tcase_add_test(tc, misuse_is_reported_with_what_and_where);
    tcase_add_test_raise_signal(tc, fatal_error_aborts, SIGABRT);
    tcase_add_test(tc, a_lists_size_counts_its_array_not_its_items);
    tcase_add_test(tc, lists_are_equal_only_when_every_item_is);
    tcase_set_timeout(tc, 60);         /* a million lists, under valgrind */
    suite_add_tcase(s, tc);
    return s;
}
