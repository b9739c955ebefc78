/* ch02_refcount.c -- tests of chapter 2, "Reference counting". Each test
 * checks one claim of the chapter; the comment above it names the section. */
#include "pmtest.h"
#include "graph.h"

/* A type that records deallocations in order, instead of printing them. */
typedef struct { PmObject_HEAD char tag; PmObject *held; } Tracked;
static char freed[64];
static int nfreed;

static void tracked_dealloc(PmObject *op)
{
    Tracked *t = (Tracked *)op;
    freed[nfreed++] = t->tag;
    Pm_XDECREF(t->held);
    PmObject_Free(op);
}

static PmTypeObject Tracked_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "Tracked",
    .tp_basicsize = sizeof(Tracked),
    .tp_dealloc = tracked_dealloc,
};

static PmObject *tracked(char tag, PmObject *held)   /* steals held */
{
    Tracked *t = (Tracked *)PmObject_New(&Tracked_Type);
    t->tag = tag;
    t->held = held;
    return (PmObject *)t;
}

static void reset_freed(void) { nfreed = 0; memset(freed, 0, sizeof freed); }

/* "Deallocation at zero, and the cascade": freed at once, whole structure. */
START_TEST(count_zero_frees_at_once_and_cascades)
{
    reset_freed();
    PmObject *l = PmList_New(2);
    PmList_SET_ITEM(l, 0, tracked('a', NULL));
    PmList_SET_ITEM(l, 1, tracked('b', tracked('c', NULL)));
    PmObject *box = tracked('x', l);
    ck_assert_int_eq(nfreed, 0);
    Pm_DECREF(box);
    ck_assert_str_eq(freed, "xbca");   /* the list releases last to first */
}
END_TEST

/* "The rules of ownership", rule 1 and 2: constructors give a new
   reference; Append borrows its argument and takes its own reference. */
START_TEST(constructors_return_new_references_and_append_borrows)
{
    PmObject *s = PmStr_FromString("ss"), *l = PmList_New(0);
    ck_assert_int_eq(Pm_REFCNT(s), 1);
    PmList_Append(l, s);
    ck_assert_int_eq(Pm_REFCNT(s), 2);
    PmObject *r = Pm_NewRef(s);
    ck_assert_ptr_eq(r, s);
    ck_assert_int_eq(Pm_REFCNT(s), 3);
    Pm_DECREF(r); Pm_DECREF(s); Pm_DECREF(l);
}
END_TEST

/* Rules 3 and 4: SET_ITEM steals; GetItem lends without counting. */
START_TEST(set_item_steals_and_get_item_borrows)
{
    reset_freed();
    PmObject *l = PmList_New(1);
    PmObject *t = tracked('t', NULL);
    PmList_SET_ITEM(l, 0, t);          /* our reference is now the list's */
    ck_assert_int_eq(Pm_REFCNT(t), 1);
    PmObject *borrowed = PmList_GetItem(l, 0);
    ck_assert_int_eq(Pm_REFCNT(borrowed), 1);
    PmObject *kept = Pm_NewRef(borrowed);   /* to outlive the list */
    Pm_DECREF(l);
    ck_assert_int_eq(nfreed, 0);
    Pm_DECREF(kept);
    ck_assert_str_eq(freed, "t");
}
END_TEST

/* "What raises and lowers a count": the second article's list, in C. */
START_TEST(second_article_counting_table)
{
    PmObject *p = PmStr_FromString("pp");
    ck_assert_int_eq(Pm_REFCNT(p), 1);                 /* created */
    PmObject *p1 = Pm_NewRef(p);
    ck_assert_int_eq(Pm_REFCNT(p), 2);                 /* aliased */
    PmObject *l = PmList_New(0);
    PmList_Append(l, p);
    ck_assert_int_eq(Pm_REFCNT(p), 3);                 /* stored */
    Pm_DECREF(p1);
    ck_assert_int_eq(Pm_REFCNT(p), 2);                 /* del alias */
    PmList_SetItem(l, 0, PmStr_FromString("other"));
    ck_assert_int_eq(Pm_REFCNT(p), 1);                 /* removed */
    Pm_DECREF(l); Pm_DECREF(p);
}
END_TEST

/* "Why sys.getrefcount is one higher". */
START_TEST(getrefcount_is_one_higher_than_the_count)
{
    PmObject *x = PmList_New(0);
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    ck_assert_int_eq(PmSys_GetRefCount(x), 2);
    ck_assert_int_eq(Pm_REFCNT(x), 1);                 /* and gives it back */
    Pm_DECREF(x);
}
END_TEST

/* "The first article's walk-through": the runtime's operations change the
   count as CPython 3.11's do: 4, 5, 5, 8, 7, 4 is +1 for a second label, 0
   for a concatenation, +3 for a list holding it three times (made by
   appends), -1 and -3 when they go. The starting 4 is the holders that the
   demo models; here the count starts at the runtime's own 2 for one
   label (getrefcount's argument included). */
START_TEST(qikepu_walkthrough_gives_4_5_5_8_7_4)
{
    PmObject *name = PmStr_FromString("qikepu");
    Pm_ssize_t got[6], base = 4 - 2;                   /* CPython's two holders */
    got[0] = PmSys_GetRefCount(name);
    PmObject *other = Pm_NewRef(name);
    got[1] = PmSys_GetRefCount(name);
    PmObject *suffix = PmStr_FromString(" Python"), *sum = PmStr_Concat(name, suffix);
    got[2] = PmSys_GetRefCount(name);
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 3; i++) PmList_Append(l, name);
    got[3] = PmSys_GetRefCount(name);
    Pm_DECREF(other);
    got[4] = PmSys_GetRefCount(name);
    Pm_DECREF(l);
    got[5] = PmSys_GetRefCount(name);
    Pm_ssize_t want[6] = {4, 5, 5, 8, 7, 4};           /* CPython 3.11 */
    for (int i = 0; i < 6; i++) ck_assert_int_eq(base + got[i], want[i]);
    ck_assert_str_eq(PmStr_AsString(sum), "qikepu Python");
    Pm_DECREF(suffix); Pm_DECREF(sum); Pm_DECREF(name);
}
END_TEST

/* "The second article's call example": the book's program (the demo
   ch02_call) prints CPython 3.11's 2, 3, 2 and CPython 3.10's 2, 4, 2. */
START_TEST(a_call_adds_one_reference_in_311_and_two_in_310)
{
    char cmd[4096], out[512];
    snprintf(cmd, sizeof cmd, "%.4000s", pm_test_argv0);
    char *slash = strrchr(cmd, '/');
    ck_assert_ptr_nonnull(slash);
    strcpy(slash + 1, "ch02_call");
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    ck_assert_int_eq(pclose(p), 0);
    long v[8];
    int k = 0;
    for (char *line = strtok(out, "\n"); line != NULL && k < 8; line = strtok(NULL, "\n")) {
        char *last = strrchr(line, ' '), *end;
        long x = last ? strtol(last + 1, &end, 10) : 0;
        if (last && end != last + 1 && *end == '\0')
            v[k++] = x;                                /* a line ending in a number */
    }
    ck_assert_int_eq(k, 6);
    long want[6] = {2, 3, 2, 2, 4, 2};                 /* CPython 3.11, then 3.10 */
    for (int i = 0; i < 6; i++) ck_assert_int_eq(v[i], want[i]);
}
END_TEST

/* "Locals die with their function; returned references escape": counted
   by the runtime's blocks alive, as sys.getallocatedblocks() counts them
   in CPython: a function's local string leaves no block behind, a returned
   one leaves one until its owner lets go. (A str: no chapter keeps dead
   strings made at run time for reuse.) */
static void use_locally(void)
{
    PmObject *local = PmStr_FromString("a local string");
    Pm_DECREF(local);
}
static PmObject *make(void) { return PmStr_FromString("a returned string"); }
START_TEST(locals_die_in_their_function_returned_objects_live_on)
{
    Pm_ssize_t blocks = PmSys_GetAllocatedBlocks();
    use_locally();
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 0);
    PmObject *x = make();
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 1);
    ck_assert_int_eq(Pm_REFCNT(x), 1);
    Pm_DECREF(x);
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 0);
}
END_TEST

/* "Deep deallocation": a million-deep list is freed with bounded nesting. */
START_TEST(deep_nesting_is_freed_without_deep_recursion)
{
    PmObject *x = PmList_New(0);
    for (int i = 1; i < 1000000; i++) {
        PmObject *outer = PmList_New(1);
        PmList_SET_ITEM(outer, 0, x);
        x = outer;
    }
    PmDeallocStats before = Pm_GetDeallocStats();
    Pm_DECREF(x);
    PmDeallocStats after = Pm_GetDeallocStats();
    ck_assert_int_eq(after.deallocs - before.deallocs, 1000000);
    ck_assert_int_gt(after.deferred - before.deferred, 0);
    ck_assert_int_le(after.max_depth, 50);             /* CPython 3.11 _PyTrash_UNWIND_LEVEL */
    ck_assert_int_eq(_Pm_Trash.depth, 0);
    ck_assert_ptr_null(_Pm_Trash.later);
}
END_TEST

/* "Deep deallocation": shallow structures are freed in the natural order. */
START_TEST(shallow_structures_are_not_deferred)
{
    reset_freed();
    PmDeallocStats before = Pm_GetDeallocStats();
    Pm_DECREF(tracked('a', tracked('b', tracked('c', NULL))));
    ck_assert_str_eq(freed, "abc");
    ck_assert_int_eq(Pm_GetDeallocStats().deferred, before.deferred);
}
END_TEST

/* "A count below zero is a fatal error" naming the type and the address. */
static PmObject *victim;
static void release_twice(void) { Pm_SET_REFCNT(victim, 0); Pm_DECREF(victim); }
START_TEST(count_below_zero_is_fatal_with_type_and_address)
{
    char want[128];
    victim = PmList_New(0);
    snprintf(want, sizeof want, "a 'list' object at %p would drop below zero", (void *)victim);
    ck_assert_fatal(release_twice, "Fatal pm error: Pm_DECREF: ");
    ck_assert_fatal(release_twice, want);
    Pm_DECREF(victim);
}
END_TEST

/* "Immortal objects": None's count never changes; None is never freed. */
START_TEST(immortal_counts_never_change)
{
    Pm_ssize_t start = Pm_REFCNT(Pm_None);
    ck_assert(Pm_IsImmortal(Pm_None));
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 1000; i++) PmList_Append(l, Pm_None);
    ck_assert_int_eq(Pm_REFCNT(Pm_None), start);
    Pm_DECREF(l);
    for (int i = 0; i < 10; i++) Pm_DECREF(Pm_None);   /* harmless */
    ck_assert_int_eq(Pm_REFCNT(Pm_None), start);
    ck_assert_int_eq(Pm_AreaOf(Pm_None), PM_AREA_DATA);
    PmObject *mortal = PmStr_FromString("mortal");
    ck_assert(!Pm_IsImmortal(mortal));                    /* only the chosen few */
    Pm_DECREF(mortal);
}
END_TEST

/* "Immortal objects": None's deallocator can only be reached by a bug. */
static void dealloc_none(void) { Pm_TYPE(Pm_None)->tp_dealloc(Pm_None); }
START_TEST(deallocating_none_is_a_checked_error)
{
    ck_assert_fatal(dealloc_none, "none_dealloc: deallocating None at 0x");
}
END_TEST

/* "The cascade, drawn": a note fills a drawn node and ties a line of text
   to it. */
START_TEST(a_note_marks_a_drawn_node_with_text)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    PmObject *s = PmStr_FromString("noted");
    PmGraph_Begin(f, "g");
    PmGraph_Object(f, s);
    PmGraph_Note(f, s, "freed 1st");
    PmGraph_End(f);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "o0 [style=filled"));
    ck_assert_ptr_nonnull(strstr(text, "note0 [shape=plaintext, fontsize=10, label=\"freed 1st\"]"));
    ck_assert_ptr_nonnull(strstr(text, "o0 -> note0 [style=dotted"));
    free(text);
    Pm_DECREF(s);
}
END_TEST

/* "Once deallocators are nested 50 deep (`_PyTrash_UNWIND_LEVEL`), a
   deallocator does not free its object but puts it on a list": freeing 1000
   nested lists runs exactly 50 deallocators at a time, no more. */
START_TEST(deallocators_nest_50_deep_then_defer)
{
    PmObject *x = PmList_New(0);
    for (int i = 1; i < 1000; i++) {
        PmObject *outer = PmList_New(1);
        PmList_SET_ITEM(outer, 0, x);
        x = outer;
    }
    PmDeallocStats before = Pm_GetDeallocStats();
    Pm_DECREF(x);
    PmDeallocStats after = Pm_GetDeallocStats();
    ck_assert_int_eq(after.max_depth, 50 /* CPython 3.11: _PyTrash_UNWIND_LEVEL */);
    ck_assert_int_gt(after.deferred - before.deferred, 0);
    ck_assert_int_eq(after.deallocs - before.deallocs, 1000);
}
END_TEST

Suite *ch02_refcount_suite(void)
{
    Suite *s = suite_create("ch02 refcount");
    TCase *tc = tcase_create("refcount");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, count_zero_frees_at_once_and_cascades);
    tcase_add_test(tc, constructors_return_new_references_and_append_borrows);
    tcase_add_test(tc, set_item_steals_and_get_item_borrows);
    tcase_add_test(tc, second_article_counting_table);
    tcase_add_test(tc, getrefcount_is_one_higher_than_the_count);
    tcase_add_test(tc, qikepu_walkthrough_gives_4_5_5_8_7_4);
    tcase_add_test(tc, a_call_adds_one_reference_in_311_and_two_in_310);
    tcase_add_test(tc, locals_die_in_their_function_returned_objects_live_on);
    tcase_add_test(tc, deep_nesting_is_freed_without_deep_recursion);
    tcase_add_test(tc, shallow_structures_are_not_deferred);
    tcase_add_test(tc, count_below_zero_is_fatal_with_type_and_address);
    tcase_add_test(tc, immortal_counts_never_change);
    tcase_add_test(tc, a_note_marks_a_drawn_node_with_text);
    tcase_add_test(tc, deallocating_none_is_a_checked_error);
    tcase_add_test(tc, deallocators_nest_50_deep_then_defer);
    suite_add_tcase(s, tc);
    return s;
}
