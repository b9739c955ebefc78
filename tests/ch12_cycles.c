/* ch12_cycles.c -- tests of chapter 12, "Cycles and the collector". Each
 * test runs in a fresh child process. Expected numbers are CPython 3.11's,
 * recorded in chapters/cpython/ch12_*.out. */
#define _GNU_SOURCE                    /* open_memstream */
#include "pmtest.h"

static PmObject *list_of(PmObject *item)      /* [item]; borrows item */
{
    PmObject *l = PmList_New(0);
    PmList_Append(l, item);
    return l;
}

static PmTypeObject A = { PmClass_INIT("A") };

/* "A header in front of every container": 16 bytes, counted by getsizeof. */
START_TEST(a_container_has_a_16_byte_header_that_getsizeof_counts)
{
    long long v4[] = {1, 2, 3, 4};
    PmObject *l0 = PmList_New(0), *l4 = PmList_FromInts(4, v4), *t = PmTuple_New(2), *d = PmDict_New();
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(2));
    ck_assert_uint_eq(sizeof(PmGC_Head), 16);              /* CPython 3.11: sizeof(PyGC_Head) */
    ck_assert_int_eq(PmObject_SizeOf(l0), 56);             /* CPython 3.11: sys.getsizeof([]) */
    ck_assert_int_eq(PmObject_SizeOf(l4), 88);             /* sys.getsizeof([1, 2, 3, 4]) */
    ck_assert_int_eq(PmObject_SizeOf(PmTuple_New(0)), 40); /* sys.getsizeof(()) */
    ck_assert_int_eq(PmObject_SizeOf(t), 56);              /* sys.getsizeof((1, 2)) */
    ck_assert_int_eq(PmObject_SizeOf(d), 64 - 16);         /* CPython's 64, less two fields */
    PmObject *one = PmInt_FromLong(1000), *s = PmStr_FromString("");
    ck_assert_int_eq(PmObject_SizeOf(one), 24);            /* no header: not a container */
    ck_assert_int_eq(PmObject_SizeOf(s), 34);
    Pm_DECREF(l0); Pm_DECREF(l4); Pm_DECREF(t); Pm_DECREF(d); Pm_DECREF(one); Pm_DECREF(s);
}
END_TEST

/* "Only containers are tracked": lists, tuples, dicts and instances are on
 * the list; ints, strings and the immortal empty tuple are not. The dict
 * holds the list: CPython 3.11 (and chapter 13) tracks {} only once a
 * container is stored in it; gc.is_tracked({'k': []}) is True. */
START_TEST(containers_are_tracked_and_atoms_are_not)
{
    Pm_ssize_t before = PmGC_TrackedCount();
    PmObject *l = PmList_New(0), *t = PmTuple_New(1), *d = PmDict_New(), *a = PmInstance_New(&A);
    PmObject *i = PmInt_FromLong(1000), *s = PmStr_FromString("qikepu");
    PmTuple_SET_ITEM(t, 0, Pm_NewRef(i));
    PmDict_SetItem(d, s, l);
    ck_assert(PmObject_GC_IsTracked(l) && PmObject_GC_IsTracked(t));
    ck_assert(PmObject_GC_IsTracked(d) && PmObject_GC_IsTracked(a));
    ck_assert(!PmObject_GC_IsTracked(i) && !PmObject_GC_IsTracked(s));
    ck_assert(!PmObject_GC_IsTracked(PmTuple_New(0)));
    ck_assert_int_eq(PmGC_TrackedCount(), before + 4);
    Pm_DECREF(l); Pm_DECREF(t); Pm_DECREF(d); Pm_DECREF(a); Pm_DECREF(i); Pm_DECREF(s);
    ck_assert_int_eq(PmGC_TrackedCount(), before);         /* the dead left the list */
}
END_TEST

/* "the two low bits of a pointer to a header are always zero": the flags
 * live there, and the list stays intact around them. */
START_TEST(the_flags_live_in_the_low_bits_of_the_previous_pointer)
{
    PM_NOT_UNDER_STRESS("a collection at every allocation reorders the list");
    PM_RUNS_ONCE("a list reused from the free list keeps the finalized flag of the list freed before it, as in CPython 3.11 (_PyGCHead_SET_PREV keeps the flags)");
    PmObject *a = PmList_New(0), *b = PmList_New(0), *c = PmList_New(0);
    PmGC_Head *ga = _Pm_AS_GC(a), *gb = _Pm_AS_GC(b), *gc = _Pm_AS_GC(c);
    ck_assert_uint_eq(((uintptr_t)ga | (uintptr_t)gb) & 15, 0);
    ck_assert_ptr_eq((void *)ga->_gc_next, gb);
    ck_assert_ptr_eq((void *)(gb->_gc_prev & PM_GC_PREV_MASK), ga);
    gb->_gc_prev |= PM_GC_PREV_MASK_FINALIZED;
    Pm_DECREF(b);                                          /* unlinked with a flag set */
    ck_assert_ptr_eq((void *)ga->_gc_next, gc);
    ck_assert_ptr_eq((void *)(gc->_gc_prev & PM_GC_PREV_MASK), ga);
    ck_assert_uint_eq(gc->_gc_prev & 3, 0);
    Pm_DECREF(a); Pm_DECREF(c);
}
END_TEST

static void track_twice(void)
{
    PmObject *l = PmList_New(0);
    PmObject_GC_Track(l);
}

static void untrack_twice(void)
{
    PmObject *l = PmList_New(0);
    PmObject_GC_UnTrack(l);
    PmObject_GC_UnTrack(l);
}

/* "Tracking an object twice, or untracking one that is not tracked ... both
 * are reported." */
START_TEST(tracking_twice_or_untracking_twice_is_reported)
{
    ck_assert_fatal(track_twice, "PmObject_GC_Track: a 'list' object at 0x");
    ck_assert_fatal(track_twice, "is already tracked");
    ck_assert_fatal(untrack_twice, "PmObject_GC_UnTrack: a 'list' object at 0x");
}
END_TEST

/* "every container passes through PmObject_Init, also one that comes back
 * from a free list": reused lists, tuples and dicts are tracked again. */
START_TEST(containers_from_the_free_lists_are_tracked_again)
{
    PmObject *l = PmList_New(0), *t = PmTuple_New(3), *d = PmDict_New();
    void *pl = l, *pt = t, *pd = d;
    Pm_DECREF(l); Pm_DECREF(t); Pm_DECREF(d);
    l = PmList_New(0); t = PmTuple_New(3); d = PmDict_New();
    ck_assert_ptr_eq(l, pl); ck_assert_ptr_eq(t, pt); ck_assert_ptr_eq(d, pd);   /* reused */
    PmObject *k = PmStr_FromString("k");
    PmDict_SetItem(d, k, l);                   /* {'k': []}: chapter 13 tracks a dict here */
    ck_assert(PmObject_GC_IsTracked(l) && PmObject_GC_IsTracked(t) && PmObject_GC_IsTracked(d));
    Pm_DECREF(l); Pm_DECREF(t); Pm_DECREF(d); Pm_DECREF(k);
    ck_assert_int_gt(Pm_ClearFreeLists(), 0);              /* freed past their headers */
}
END_TEST

/* "The leak": two lists appended to each other keep each other alive
 * until a collection, which returns 2 (CPython 3.11: 2). */
START_TEST(two_lists_appended_to_each_other_leak_until_collect_returns_2)
{
    PmGC_Collect();
    Pm_ssize_t before = PmGC_TrackedCount();
    PmObject *a = PmList_New(0), *b = list_of(a);
    PmList_Append(a, b);
    Pm_DECREF(a);
    Pm_DECREF(b);
    ck_assert_int_eq(PmGC_TrackedCount(), before + 2);     /* still there */
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(PmGC_TrackedCount(), before);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
}
END_TEST

/* "a self-referencing list → 1" */
START_TEST(a_list_that_contains_itself_collects_1)
{
    PmObject *a = PmList_New(0);
    PmList_Append(a, a);
    Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 1);                   /* CPython 3.11: 1 */
}
END_TEST

/* The fourth article's a['ref'] = b; b['ref'] = a. */
START_TEST(two_dicts_referring_to_each_other_collect_2)
{
    PmObject *a = PmDict_New(), *b = PmDict_New(), *ref = PmStr_FromString("ref");
    PmDict_SetItem(a, ref, b);
    PmDict_SetItem(b, ref, a);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(ref);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
}
END_TEST

static void two_instances(int read_dicts)
{
    PmObject *a = PmInstance_New(&A), *b = PmInstance_New(&A);
    PmInstance_SetAttr(a, "other", b);
    PmInstance_SetAttr(b, "other", a);
    if (read_dicts) {                                      /* a.__dict__; b.__dict__ */
        Pm_DECREF(PmInstance_GetDict(a));
        Pm_DECREF(PmInstance_GetDict(b));
    }
    Pm_DECREF(a);
    Pm_DECREF(b);
}

/* "two plain instances in a cycle → 2": 3.11's instance dicts are managed,
 * not objects of their own, until __dict__ is read; then 4. */
START_TEST(two_instances_collect_2_and_4_once_their_dicts_are_read)
{
    two_instances(0);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 (3.10: 4) */
    two_instances(1);
    ck_assert_int_eq(PmGC_Collect(), 4);                   /* CPython 3.11: 4 */
}
END_TEST

static PmObject *rescued;
static int finalized;

static void rescue(PmObject *self)
{
    finalized++;
    PmList_Append(rescued, self);
}

static PmTypeObject R = { PmClass_INIT("R"), .tp_finalize = rescue };

/* "a resurrecting finalizer → 0": both survive; once the rescue list is
 * cleared the two are collected (2) and their finalizers do not run again. */
START_TEST(a_finalizer_that_resurrects_collects_0_then_2_and_runs_once)
{
    PM_RUNS_ONCE("it counts finalizer calls in a static counter");
    rescued = PmList_New(0);
    PmObject *a = PmInstance_New(&R), *b = PmInstance_New(&R);
    PmInstance_SetAttr(a, "other", b);
    PmInstance_SetAttr(b, "other", a);
    Pm_DECREF(a); Pm_DECREF(b);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
    ck_assert_int_eq(finalized, 2);
    ck_assert_int_eq(PmList_GET_SIZE(rescued), 2);
    ck_assert(PmObject_GC_IsFinalized(PmList_GET_ITEM(rescued, 0)));
    ck_assert_ptr_eq(PmInstance_GetAttr(PmList_GET_ITEM(rescued, 0), "other"),
                     PmList_GET_ITEM(rescued, 1));        /* intact: nothing was cleared */
    Pm_DECREF(rescued);                                    /* del rescued[:] */
    rescued = NULL;
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(finalized, 2);                        /* PEP 442: once */
}
END_TEST

static int fresh_finalized;

static void count_fresh(PmObject *self)
{
    (void)self;
    fresh_finalized++;
}

static PmTypeObject F = { PmClass_INIT("F"), .tp_finalize = count_fresh };

/* "each object at most once in its life": an object whose finalizer has
 * run, collected beside one whose finalizer has not, is not finalized
 * again.  CPython 3.11 prints "0 ['R']" then "2 ['R', 'F']". */
START_TEST(a_finalized_object_collected_beside_a_fresh_one_is_not_finalized_again)
{
    PM_RUNS_ONCE("it counts finalizer calls in static counters");
    rescued = PmList_New(0);
    finalized = fresh_finalized = 0;
    PmObject *a = PmInstance_New(&R);
    PmInstance_SetAttr(a, "me", a);
    Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
    ck_assert_int_eq(finalized, 1);                        /* ['R'] */
    PmObject *b = PmInstance_New(&F);
    PmInstance_SetAttr(PmList_GET_ITEM(rescued, 0), "other", b);
    PmInstance_SetAttr(b, "other", PmList_GET_ITEM(rescued, 0));
    Pm_DECREF(b);
    Pm_DECREF(rescued);                                    /* rescued.clear() */
    rescued = NULL;
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(finalized, 1);                        /* ['R', 'F']: R once */
    ck_assert_int_eq(fresh_finalized, 1);
}
END_TEST

/* "A cycle still referred to from outside survives", and stays whole. */
START_TEST(a_cycle_referred_to_from_outside_survives_intact)
{
    PmObject *a = PmList_New(0), *b = list_of(a), *c = list_of(b);
    PmList_Append(a, b);
    Pm_DECREF(a); Pm_DECREF(b);                            /* c holds the cycle */
    ck_assert_int_eq(PmGC_Collect(), 0);
    b = PmList_GET_ITEM(c, 0);
    a = PmList_GET_ITEM(b, 0);
    ck_assert_ptr_eq(PmList_GET_ITEM(a, 0), b);
    ck_assert_int_eq(Pm_REFCNT(b), 2);
    Pm_DECREF(c);
    ck_assert_int_eq(PmGC_Collect(), 2);
    PmObject *h = PmList_New(0);                           /* a holder made first, */
    a = PmList_New(0); b = list_of(a);                     /* so the walk meets it */
    PmList_Append(a, b);                                   /* before the cycle     */
    PmList_Append(h, a);
    Pm_DECREF(a); Pm_DECREF(b);
    ck_assert_int_eq(PmGC_Collect(), 0);
    ck_assert_ptr_eq(PmList_GET_ITEM(PmList_GET_ITEM(PmList_GET_ITEM(h, 0), 0), 0),
                     PmList_GET_ITEM(h, 0));
    Pm_DECREF(h);
    ck_assert_int_eq(PmGC_Collect(), 2);
}
END_TEST

/* "A chain of a million lists costs one pass and no stack", and the
 * clearing goes through chapter 2's trashcan. */
START_TEST(a_cycle_through_a_million_lists_is_collected_without_recursion)
{
    PmObject *first = PmList_New(0), *last = first;
    for (int i = 1; i < 1000000; i++) {
        PmObject *next = PmList_New(0);
        PmList_Append(last, next);
        Pm_DECREF(next);
        last = next;
    }
    PmList_Append(last, first);                            /* close the cycle */
    Pm_DECREF(first);
    Pm_ssize_t tracked = PmGC_TrackedCount();
    PmDeallocStats before = Pm_GetDeallocStats();
    ck_assert_int_eq(PmGC_Collect(), 1000000);
    PmDeallocStats after = Pm_GetDeallocStats();
    ck_assert_int_gt(after.deferred - before.deferred, 0); /* the trashcan was used */
    ck_assert_int_le(after.max_depth, 50);
    ck_assert_int_eq(PmGC_TrackedCount(), tracked - 1000000);
}
END_TEST

/* The same, a million dicts deep: {'k': {'k': ... {'k': outermost}}}. */
START_TEST(a_million_deep_nested_dict_cycle_is_collected)
{
    PmObject *k = PmStr_FromString("k"), *outer = PmDict_New(), *d = outer;
    for (int i = 1; i < 1000000; i++) {
        PmObject *inner = PmDict_New();
        PmDict_SetItem(d, k, inner);
        Pm_DECREF(inner);
        d = inner;
    }
    PmDict_SetItem(d, k, outer);
    Pm_DECREF(outer);
    Pm_ssize_t tracked = PmGC_TrackedCount();
    ck_assert_int_eq(PmGC_Collect(), 1000000);
    ck_assert_int_eq(PmGC_TrackedCount(), tracked - 1000000);
    Pm_DECREF(k);
}
END_TEST


static int deleted;
static PmObject *keep;

static void del_print(PmObject *self) { (void)self; deleted++; }
static void del_keep(PmObject *self) { deleted++; keep = Pm_NewRef(self); }
static PmTypeObject D = { PmClass_INIT("D"), .tp_finalize = del_print };
static PmTypeObject K = { PmClass_INIT("K"), .tp_finalize = del_keep };

/* The fourth article's class A with __del__: the finalizer runs when the
 * count reaches zero; one that keeps its object resurrects it, and runs
 * only once (PEP 442) when the object dies for good. */
START_TEST(a_finalizer_runs_once_when_the_count_reaches_zero_and_may_resurrect)
{
    PM_RUNS_ONCE("it counts finalizer calls in a static counter");
    PmObject *a = PmInstance_New(&D);
    Pm_DECREF(a);                                          /* del a */
    ck_assert_int_eq(deleted, 1);
    PmObject *k = PmInstance_New(&K);
    Pm_DECREF(k);
    ck_assert_int_eq(deleted, 2);
    ck_assert_ptr_eq(keep, k);                             /* alive, and tracked again */
    ck_assert_int_eq(Pm_REFCNT(keep), 1);
    ck_assert(PmObject_GC_IsTracked(keep) && PmObject_GC_IsFinalized(keep));
    Pm_DECREF(keep);                                       /* freed; no second call */
    ck_assert_int_eq(deleted, 2);
}
END_TEST

static void legacy_del(PmObject *self) { (void)self; }
static PmTypeObject L = { PmClass_INIT("L"), .tp_del = legacy_del };

/* "Legacy uncollectables and gc.garbage": a cycle through an object with
 * tp_del is left alone, counted as uncollectable, and the object goes to
 * garbage; what it reaches stays too. Breaking the cycle by hand frees it. */
START_TEST(a_legacy_finalizer_makes_its_cycle_uncollectable_and_goes_to_garbage)
{
    PM_RUNS_ONCE("it reads the collector's cumulative statistics");
    PmObject *l = PmInstance_New(&L), *x = PmList_New(0);
    PmInstance_SetAttr(l, "x", x);
    PmList_Append(x, l);
    Pm_DECREF(l); Pm_DECREF(x);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* n + m: 2 uncollectable */
    ck_assert_int_eq(PmGC_GetStats().uncollectable, 2);
    ck_assert_int_eq(PmGC_GetStats().collected, 0);
    PmObject *g = PmGC_Garbage();
    ck_assert_int_eq(PmList_GET_SIZE(g), 1);               /* only the one with tp_del */
    ck_assert_ptr_eq(PmList_GET_ITEM(g, 0), l);
    ck_assert_ptr_eq(PmInstance_GetAttr(l, "x"), x);       /* intact */
    PmObject *last = PmList_Pop(x);                        /* break the cycle by hand */
    Pm_DECREF(last);
    Pm_DECREF(PmList_Pop(g));                              /* del gc.garbage[:] */
    ck_assert_int_eq(PmGC_Collect(), 0);
    Pm_CLEAR(_PmGC.garbage);                               /* as CPython's _PyGC_Fini */
}
END_TEST

/* "DEBUG_SAVEALL puts every unreachable object in gc.garbage instead of
 * freeing it." */
START_TEST(save_all_keeps_every_unreachable_object_in_garbage)
{
    PmGC_SetDebug(PmGC_DEBUG_SAVEALL);
    PmObject *a = PmList_New(0), *b = list_of(a);
    PmList_Append(a, b);
    Pm_DECREF(a); Pm_DECREF(b);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    PmObject *g = PmGC_Garbage();
    ck_assert_int_eq(PmList_GET_SIZE(g), 2);
    ck_assert_ptr_eq(PmList_GET_ITEM(PmList_GET_ITEM(g, 0), 0), PmList_GET_ITEM(g, 1));
    PmGC_SetDebug(0);
    Pm_DECREF(PmList_Pop(g)); Pm_DECREF(PmList_Pop(g));
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* now freed */
    Pm_CLEAR(_PmGC.garbage);
}
END_TEST

static char *debug_output(int flags, void (*make)(void))
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    PmGC_SetDebugFile(f);
    PmGC_SetDebug(flags);
    make();
    PmGC_Collect();
    PmGC_SetDebug(0);
    fclose(f);
    return buf;
}

static void two_lists(void)
{
    PmObject *a = PmList_New(0), *b = list_of(a);
    PmList_Append(a, b);
    Pm_DECREF(a); Pm_DECREF(b);
}

static void legacy_cycle(void)
{
    PmObject *l = PmInstance_New(&L);
    PmInstance_SetAttr(l, "self", l);
    Pm_DECREF(l);
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

/* "The debug flags print CPython 3.11's messages". */
START_TEST(the_debug_flags_print_cpythons_messages)
{
    char *out = debug_output(PmGC_DEBUG_STATS | PmGC_DEBUG_COLLECTABLE, two_lists);
    ck_assert_int_eq(count(out, "gc: collectable <list 0x"), 2);
    ck_assert_ptr_nonnull(strstr(out, "gc: collecting generation 2...\n"));
    ck_assert_ptr_nonnull(strstr(out, "gc: objects in permanent generation: 0\n"));
    ck_assert_ptr_nonnull(strstr(out, "gc: done, 2 unreachable, 0 uncollectable, 0."));
    free(out);
    out = debug_output(PmGC_DEBUG_UNCOLLECTABLE, legacy_cycle);
    ck_assert_int_eq(count(out, "gc: uncollectable <L 0x"), 1);
    ck_assert_int_eq(count(out, "collectable <list"), 0);
    free(out);
    ck_assert_int_eq(PmGC_DEBUG_LEAK, 38);                 /* CPython 3.11: gc.DEBUG_LEAK */
    PmObject *l = PmList_GET_ITEM(PmGC_Garbage(), 0);
    PmObject *self = PmInstance_GetAttr(l, "self");
    ck_assert_ptr_eq(self, l);
    PmInstance_SetAttr(l, "self", Pm_None);                /* break it by hand */
    Pm_DECREF(PmList_Pop(PmGC_Garbage()));
    Pm_CLEAR(_PmGC.garbage);
}
END_TEST

static void miscount(void)
{
    PmObject *x = PmList_New(0), *a = PmList_New(1), *b = PmList_New(1);
    PmList_SET_ITEM(a, 0, x);                              /* steals our reference */
    PmList_SET_ITEM(b, 0, x);                              /* wrong: x's count is 1 */
    PmGC_Collect();
}

/* "If a container refers to an object more times than the object's count
 * says ... the collector stops there, naming the object and the container." */
START_TEST(a_count_too_small_is_reported_with_the_object_and_its_holder)
{
    ck_assert_fatal(miscount, "PmGC_Collect: a 'list' object at 0x");
    ck_assert_fatal(miscount, "has count 1, but the tracked containers hold more references");
    ck_assert_fatal(miscount, "one too many is held by a 'list' at 0x");
}
END_TEST

static Pm_ssize_t inner;
static void collect_inside(PmObject *self)
{
    (void)self;
    PmObject *l = PmList_New(0);                           /* new garbage, */
    PmList_Append(l, l);
    Pm_DECREF(l);
    inner = PmGC_Collect();                                /* not collected now */
}
static PmTypeObject C = { PmClass_INIT("C"), .tp_finalize = collect_inside };

/* "If a collection is already running it returns 0" (CPython 3.11). */
START_TEST(a_collection_started_inside_a_collection_returns_0)
{
    PmObject *c = PmInstance_New(&C);
    PmInstance_SetAttr(c, "self", c);
    Pm_DECREF(c);
    inner = -1;
    ck_assert_int_eq(PmGC_Collect(), 1);
    ck_assert_int_eq(inner, 0);
    ck_assert_int_eq(PmGC_Collect(), 1);                   /* the finalizer's list */
}
END_TEST

/* "with PMGC=stress ... a container allocation runs a full collection" */
START_TEST(stress_mode_collects_at_container_allocations)
{
    PM_RUNS_ONCE("it reads the collector's cumulative statistics");
    _PmGC.stress = 1;
    Pm_ssize_t before = PmGC_GetStats().collections;
    PmObject *l = PmList_New(0), *d = PmDict_New(), *i = PmInt_FromLong(1000);
    ck_assert_int_eq(PmGC_GetStats().collections, before + 2);   /* not for the int */
    two_lists();                                           /* the cycle is made after */
    ck_assert_int_eq(PmGC_GetStats().collected, 0);        /* both allocations */
    PmObject *t = PmTuple_New(7);                          /* a fresh tuple: collects */
    ck_assert_int_eq(PmGC_GetStats().collected, 2);
    Pm_DECREF(PmList_New(0));                              /* kept on the free list */
    Pm_ssize_t n = PmGC_GetStats().collections;            /* (a full collection of */
    Pm_DECREF(PmList_New(0));                              /* chapter 13 empties it): */
                                                           /* reused from it, no */
    ck_assert_int_eq(PmGC_GetStats().collections, n);
    Pm_DECREF(l); Pm_DECREF(d); Pm_DECREF(i); Pm_DECREF(t);
    _PmGC.stress = 0;
}
END_TEST

static void bad_pmgc(void)
{
    execle(pm_test_argv0, pm_test_argv0, (char *)NULL, (char *[]){"PMGC=strss", NULL});
}

/* "An unknown value of PMGC is an error". */
START_TEST(an_unknown_pmgc_value_is_reported)
{
    ck_assert_fatal(bad_pmgc, "PMGC: unknown value 'strss'");
}
END_TEST

/* ---- Weak references ---- */

static PmObject *calls;                                    /* (name, referent) pairs */
static PmObject *watched;                                  /* a weak reference, or NULL */
static int watched_live_in_callbacks;                      /* calls that found it live */

static PmObject *note_call(PmObject *self, PmObject *wr)   /* appends its name and wr() */
{
    PmList_Append(calls, PmInstance_GetAttr(self, "name"));
    PmList_Append(calls, PmWeakref_GetObject(wr));
    if (watched != NULL && ((PmWeakReference *)watched)->wr_object != Pm_None)
        watched_live_in_callbacks++;                       /* not cleared yet */
    return Pm_NewRef(Pm_None);
}

static PmTypeObject Note = { PmClass_INIT("Note"), .tp_call = note_call };

static PmObject *note(const char *name)                    /* Note(name) */
{
    PmObject *cb = PmInstance_New(&Note), *s = PmStr_FromString(name);
    PmInstance_SetAttr(cb, "name", s);
    Pm_DECREF(s);
    return cb;
}

static PmObject *ref_noted(PmObject *ob, const char *name) /* weakref.ref(ob, Note(name)) */
{
    PmObject *cb = note(name), *wr = PmWeakref_NewRef(ob, cb);
    Pm_DECREF(cb);
    return wr;
}

static const char *call_name(Pm_ssize_t i)                 /* the i-th callback called */
{
    return PmStr_AsString(PmList_GET_ITEM(calls, 2 * i));
}

static PmObject *self_cycle(PmTypeObject *cls)             /* a = cls(); a.self = a */
{
    PmObject *a = PmInstance_New(cls);
    PmInstance_SetAttr(a, "self", a);
    return a;
}

/* "calling it returns obj, or None once obj has died"; a weak reference
 * does not count. */
START_TEST(a_weak_reference_returns_its_referent_and_none_once_it_has_died)
{
    PmObject *a = PmInstance_New(&A), *r = PmWeakref_NewRef(a, NULL);
    ck_assert_int_eq(Pm_REFCNT(a), 1);                     /* CPython 3.11: getrefcount - 1 is 1 */
    PmObject *got = PmWeakref_Call(r);
    ck_assert_ptr_eq(got, a);
    Pm_DECREF(got);
    Pm_DECREF(a);                                          /* del a: freed */
    ck_assert_ptr_eq(PmWeakref_GetObject(r), Pm_None);
    ck_assert_ptr_eq(PmWeakref_Call(r), Pm_None);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(PmWeakref_GetObject(r)), 0);
    Pm_DECREF(r);
}
END_TEST

static void weakref_to_list(void) { PmWeakref_NewRef(PmList_New(0), NULL); }
static void weakref_to_dict(void) { PmWeakref_NewRef(PmDict_New(), NULL); }
static void weakref_to_tuple(void) { PmWeakref_NewRef(PmTuple_New(1), NULL); }
static void weakref_to_int(void) { PmWeakref_NewRef(PmInt_FromLong(1000), NULL); }
static void weakref_to_str(void) { PmWeakref_NewRef(PmStr_FromString("s"), NULL); }
static void weakref_to_weakref(void)
{ PmWeakref_NewRef(PmWeakref_NewRef(PmInstance_New(&A), NULL), NULL); }
static void uncallable_callback(void) { PmWeakref_NewRef(PmInstance_New(&A), PmList_New(0)); }

/* "Lists, dicts, tuples, ints and strings do not [have a list] ...
 * cannot create weak reference to 'list' object" (CPython 3.11's TypeError). */
START_TEST(only_instances_of_classes_can_be_referred_to_weakly)
{
    ck_assert_fatal(weakref_to_list, "PmWeakref_NewRef: cannot create weak reference to 'list' object");
    ck_assert_fatal(weakref_to_dict, "cannot create weak reference to 'dict' object");
    ck_assert_fatal(weakref_to_tuple, "cannot create weak reference to 'tuple' object");
    ck_assert_fatal(weakref_to_int, "cannot create weak reference to 'int' object");
    ck_assert_fatal(weakref_to_str, "cannot create weak reference to 'str' object");
    ck_assert_fatal(weakref_to_weakref,
                    "cannot create weak reference to 'weakref.ReferenceType' object");
    ck_assert_fatal(uncallable_callback, "PmWeakref_NewRef: 'list' object is not callable");
    PmObject *l = PmList_New(0);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(l), 0);     /* CPython 3.11: 0 */
    Pm_DECREF(l);
}
END_TEST

/* "weakref.ref(o) is weakref.ref(o) is True"; one with a callback is new
 * every time. */
START_TEST(a_weak_reference_without_callback_is_shared_and_one_with_a_callback_is_new)
{
    PmObject *a = PmInstance_New(&A);
    PmObject *r = PmWeakref_NewRef(a, NULL), *same = PmWeakref_NewRef(a, Pm_None);
    ck_assert_ptr_eq(r, same);                             /* CPython 3.11: True */
    PmObject *c1 = ref_noted(a, "c1"), *c2 = ref_noted(a, "c2");
    ck_assert_ptr_ne(c1, r);                               /* CPython 3.11: False */
    ck_assert_ptr_ne(c1, c2);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(a), 3);     /* CPython 3.11: 3 */
    Pm_DECREF(r); Pm_DECREF(same);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(a), 2);     /* the shared one died */
    Pm_DECREF(c1); Pm_DECREF(c2);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(a), 0);
    Pm_DECREF(a);
}
END_TEST

/* "The callback-less reference ... is the head of the list ... so that the
 * newest of them comes first": made r0, r1, r2, getweakrefs(a) lists
 * r0, r2, r1 (CPython 3.11). */
START_TEST(getweakrefs_lists_the_shared_reference_first_then_the_newest_callback)
{
    PmObject *a = PmInstance_New(&A);
    PmObject *r0 = PmWeakref_NewRef(a, NULL), *r1 = ref_noted(a, "r1"), *r2 = ref_noted(a, "r2");
    PmObject *l = PmWeakref_GetWeakrefs(a);
    ck_assert_int_eq(PmList_GET_SIZE(l), 3);               /* CPython 3.11: 3 */
    ck_assert_ptr_eq(PmList_GET_ITEM(l, 0), r0);
    ck_assert_ptr_eq(PmList_GET_ITEM(l, 1), r2);
    ck_assert_ptr_eq(PmList_GET_ITEM(l, 2), r1);
    Pm_DECREF(l); Pm_DECREF(r0); Pm_DECREF(r1); Pm_DECREF(r2); Pm_DECREF(a);
}
END_TEST

/* "PmObject_ClearWeakRefs clears every weak reference to it first, and only
 * then calls the callbacks, in the order of the list": r2, then r1, each
 * seeing both dead (CPython 3.11: [('r2', True, True), ('r1', True, True)]). */
START_TEST(when_the_count_reaches_zero_all_are_cleared_then_the_newest_callback_runs_first)
{
    calls = PmList_New(0);
    PmObject *a = PmInstance_New(&A), *r1 = ref_noted(a, "r1"), *r2 = ref_noted(a, "r2");
    watched = r1;                                          /* cleared before r2's call? */
    watched_live_in_callbacks = 0;
    Pm_DECREF(a);
    watched = NULL;
    ck_assert_int_eq(watched_live_in_callbacks, 0);
    ck_assert_int_eq(PmList_GET_SIZE(calls), 4);
    ck_assert_str_eq(call_name(0), "r2");
    ck_assert_str_eq(call_name(1), "r1");
    ck_assert_ptr_eq(PmList_GET_ITEM(calls, 1), Pm_None);  /* r2() inside its callback */
    ck_assert_ptr_eq(PmList_GET_ITEM(calls, 3), Pm_None);
    ck_assert_ptr_eq(PmWeakref_GetObject(r1), Pm_None);
    Pm_DECREF(r1); Pm_DECREF(r2);
    Pm_CLEAR(calls);
}
END_TEST

static PmObject *seen_in_del;
static PmObject *del_wr;
static void del_look(PmObject *self) { (void)self; seen_in_del = PmWeakref_GetObject(del_wr); }
static PmTypeObject Look = { PmClass_INIT("Look"), .tp_finalize = del_look };

/* "__del__ still finds its object through a weak reference", and the
 * callback runs after it (CPython 3.11: "del sees True", then the callback). */
START_TEST(a_finalizer_still_sees_its_object_through_a_weak_reference)
{
    calls = PmList_New(0);
    PmObject *d = PmInstance_New(&Look);
    del_wr = ref_noted(d, "w");
    seen_in_del = NULL;
    Pm_DECREF(d);
    ck_assert_ptr_eq(seen_in_del, d);                      /* CPython 3.11: w() is self */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 2);           /* then the callback */
    ck_assert_ptr_eq(PmList_GET_ITEM(calls, 1), Pm_None);
    Pm_CLEAR(del_wr);
    Pm_CLEAR(calls);
}
END_TEST

/* "Weak references are containers": tracked, and the traverse visits the
 * callback, so a weak reference and a callback that refers back to it are
 * a cycle the collector frees (CPython 3.11: gc.is_tracked True; 2). */
START_TEST(a_weak_reference_is_a_tracked_container_that_visits_its_callback)
{
    calls = PmList_New(0);
    PmObject *a = PmInstance_New(&A), *cb = note("cb"), *wr = PmWeakref_NewRef(a, cb);
    ck_assert(PmObject_GC_IsTracked(wr));                  /* CPython 3.11: True */
    PmInstance_SetAttr(cb, "wr", wr);                      /* cb.wr = wr */
    Pm_DECREF(cb); Pm_DECREF(wr);                          /* del cb, wr */
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(a), 0);     /* CPython 3.11: 0 */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 0);
    Pm_DECREF(a);                                          /* no callback is left */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 0);
    Pm_CLEAR(calls);
}
END_TEST

/* "A cycle; its weak reference is kept": the collector clears it and calls
 * its callback, which finds the referent gone (CPython 3.11: 1, and the
 * callback prints None). Two callbacks run in the list's order, r2 first. */
START_TEST(a_kept_weak_reference_to_a_cycle_is_cleared_and_its_callback_called)
{
    calls = PmList_New(0);
    PmObject *a = self_cycle(&A), *r1 = ref_noted(a, "r1"), *r2 = ref_noted(a, "r2");
    Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 1);                   /* CPython 3.11: 1 */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 4);
    ck_assert_str_eq(call_name(0), "r2");                  /* CPython 3.11: r2, r1 */
    ck_assert_str_eq(call_name(1), "r1");
    ck_assert_ptr_eq(PmList_GET_ITEM(calls, 1), Pm_None);
    ck_assert_ptr_eq(PmWeakref_GetObject(r1), Pm_None);
    ck_assert(PmObject_GC_IsTracked(r1) && PmObject_GC_IsTracked(r2));   /* survivors */
    Pm_DECREF(r1); Pm_DECREF(r2);
    Pm_CLEAR(calls);
}
END_TEST

/* "If the weak reference is in the unreachable set too ... its callback is
 * never called": the instance, its weak reference and the callback only
 * the reference held, 3 (CPython 3.11: 3), and no call. */
START_TEST(a_weak_reference_in_the_garbage_has_its_callback_ignored)
{
    calls = PmList_New(0);
    PmObject *a = self_cycle(&A), *wr = ref_noted(a, "a.wr");
    PmInstance_SetAttr(a, "wr", wr);
    Pm_DECREF(wr); Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 3);                   /* CPython 3.11: 3 */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 0);
    PmObject *cb = note("kept");                           /* the callback reachable: */
    a = self_cycle(&A);
    wr = PmWeakref_NewRef(a, cb);
    PmInstance_SetAttr(a, "wr", wr);
    Pm_DECREF(wr); Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(PmList_GET_SIZE(calls), 0);           /* still not called */
    Pm_DECREF(cb);
    Pm_CLEAR(calls);
}
END_TEST

static PmObject *cache;
static PmObject *forget_call(PmObject *self, PmObject *wr)
{
    (void)wr;
    ck_assert_int_eq(PmDict_DelItem(cache, PmInstance_GetAttr(self, "key")), 0);
    return Pm_NewRef(Pm_None);
}
static PmTypeObject Forget = { PmClass_INIT("Forget"), .tp_call = forget_call };

/* "A weak reference that its callback frees (a WeakValueDictionary removing
 * the entry that held it) is freed here, and counted in what collect()
 * returns" (CPython 3.11: 2, and the cache is empty). */
START_TEST(a_weak_reference_its_callback_frees_is_counted_by_collect)
{
    cache = PmDict_New();
    PmObject *key = PmStr_FromString("big"), *forget = PmInstance_New(&Forget);
    PmInstance_SetAttr(forget, "key", key);
    PmObject *a = self_cycle(&A), *wr = PmWeakref_NewRef(a, forget);
    PmDict_SetItem(cache, key, wr);
    Pm_DECREF(wr); Pm_DECREF(a); Pm_DECREF(forget); Pm_DECREF(key);
    Pm_ssize_t tracked = PmGC_TrackedCount();
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(PmDict_Size(cache), 0);               /* CPython 3.11: {} */
    ck_assert_int_eq(PmGC_TrackedCount(), tracked - 3);    /* and the Forget, by count */
    Pm_CLEAR(cache);
}
END_TEST

static PmObject *rescued_wr;
static void rescue_wr(PmObject *self) { PmList_Append(rescued, self); }
static PmTypeObject RW = { PmClass_INIT("RW"), .tp_finalize = rescue_wr };

/* "a finalizer that resurrects its object brings back an object whose weak
 * references are already dead" (CPython 3.11: 0, r() is None). */
START_TEST(a_weak_reference_to_an_object_its_finalizer_rescues_stays_cleared)
{
    rescued = PmList_New(0);
    PmObject *a = self_cycle(&RW);
    rescued_wr = PmWeakref_NewRef(a, NULL);
    Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
    ck_assert_int_eq(PmList_GET_SIZE(rescued), 1);
    ck_assert_ptr_eq(PmWeakref_GetObject(rescued_wr), Pm_None);
    ck_assert_int_eq(PmWeakref_GetWeakrefCount(a), 0);
    Pm_CLEAR(rescued);
    ck_assert_int_eq(PmGC_Collect(), 1);
    Pm_CLEAR(rescued_wr);
}
END_TEST

Suite *ch12_cycles_suite(void)
{
    Suite *s = suite_create("ch12 cycles");
    TCase *tc = tcase_create("cycles");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_container_has_a_16_byte_header_that_getsizeof_counts);
    tcase_add_test(tc, containers_are_tracked_and_atoms_are_not);
    tcase_add_test(tc, the_flags_live_in_the_low_bits_of_the_previous_pointer);
    tcase_add_test(tc, tracking_twice_or_untracking_twice_is_reported);
    tcase_add_test(tc, containers_from_the_free_lists_are_tracked_again);
    tcase_add_test(tc, two_lists_appended_to_each_other_leak_until_collect_returns_2);
    tcase_add_test(tc, a_list_that_contains_itself_collects_1);
    tcase_add_test(tc, two_dicts_referring_to_each_other_collect_2);
    tcase_add_test(tc, two_instances_collect_2_and_4_once_their_dicts_are_read);
    tcase_add_test(tc, a_finalizer_that_resurrects_collects_0_then_2_and_runs_once);
    tcase_add_test(tc, a_finalized_object_collected_beside_a_fresh_one_is_not_finalized_again);
    tcase_add_test(tc, a_cycle_referred_to_from_outside_survives_intact);
    tcase_add_test(tc, a_cycle_through_a_million_lists_is_collected_without_recursion);
    tcase_add_test(tc, a_million_deep_nested_dict_cycle_is_collected);
    tcase_add_test(tc, a_finalizer_runs_once_when_the_count_reaches_zero_and_may_resurrect);
    tcase_add_test(tc, a_legacy_finalizer_makes_its_cycle_uncollectable_and_goes_to_garbage);
    tcase_add_test(tc, save_all_keeps_every_unreachable_object_in_garbage);
    tcase_add_test(tc, the_debug_flags_print_cpythons_messages);
    tcase_add_test(tc, a_count_too_small_is_reported_with_the_object_and_its_holder);
    tcase_add_test(tc, a_collection_started_inside_a_collection_returns_0);
    tcase_add_test(tc, stress_mode_collects_at_container_allocations);
    tcase_add_test(tc, an_unknown_pmgc_value_is_reported);
    tcase_add_test(tc, a_weak_reference_returns_its_referent_and_none_once_it_has_died);
    tcase_add_test(tc, only_instances_of_classes_can_be_referred_to_weakly);
    tcase_add_test(tc, a_weak_reference_without_callback_is_shared_and_one_with_a_callback_is_new);
    tcase_add_test(tc, getweakrefs_lists_the_shared_reference_first_then_the_newest_callback);
    tcase_add_test(tc, when_the_count_reaches_zero_all_are_cleared_then_the_newest_callback_runs_first);
    tcase_add_test(tc, a_finalizer_still_sees_its_object_through_a_weak_reference);
    tcase_add_test(tc, a_weak_reference_is_a_tracked_container_that_visits_its_callback);
    tcase_add_test(tc, a_kept_weak_reference_to_a_cycle_is_cleared_and_its_callback_called);
    tcase_add_test(tc, a_weak_reference_in_the_garbage_has_its_callback_ignored);
    tcase_add_test(tc, a_weak_reference_its_callback_frees_is_counted_by_collect);
    tcase_add_test(tc, a_weak_reference_to_an_object_its_finalizer_rescues_stays_cleared);
    suite_add_tcase(s, tc);
    return s;
}
