/* ch13_generations.c -- tests of chapter 13, "Generations and thresholds".
 * Each test runs in a fresh child process. Expected numbers are CPython
 * 3.11's, recorded in chapters/cpython/ch13_*.out or measured with the
 * Python lines quoted beside them. */
#include "pmtest.h"
#include "pmtest_gc.h"

static PmTypeObject C = { PmClass_INIT("C") };

static int count(int generation)
{
    int c[3];
    PmGC_GetCount(c);
    return c[generation];
}

static void keep_new(PmObject *keep, int n)    /* for i in range(n): keep.append(C()) */
{
    for (int i = 0; i < n; i++) {
        PmObject *c = PmInstance_New(&C);
        PmList_Append(keep, c);
        Pm_DECREF(c);
    }
}

static int occurrences(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

static void append_new_list(PmObject *keep)    /* keep.append([]) */
{
    PmObject *l = PmList_New(0);
    PmList_Append(keep, l);
    Pm_DECREF(l);
}

/* "The thresholds start at CPython 3.11's values, 700, 10 and 10 ... and
 * the collector starts enabled." */
START_TEST(the_default_thresholds_are_700_10_10)
{
    int t[3];
    PmGC_GetThreshold(t);
    ck_assert_int_eq(t[0], 700);                           /* CPython 3.11 (3.13: 2000) */
    ck_assert_int_eq(t[1], 10);                            /* CPython 3.11 */
    ck_assert_int_eq(t[2], 10);                            /* CPython 3.11 */
    ck_assert(PmGC_IsEnabled());                           /* gc.isenabled(): True */
}
END_TEST

/* "Generation 0's count is the number of containers allocated minus the
 * number freed"; ints and floats count nothing. */
START_TEST(generation_0_counts_container_allocations_less_frees)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Disable();
    PmGC_Collect();
    ck_assert_int_eq(count(0), 0);                         /* CPython 3.11: (0, 0, 0) */
    int before = count(0);
    PmObject *a = PmInstance_New(&C), *b = PmInstance_New(&C), *c = PmInstance_New(&C);
    ck_assert_int_eq(count(0) - before, 3);                /* CPython 3.11: +3 */
    before = count(0);
    Pm_DECREF(a);
    ck_assert_int_eq(count(0) - before, -1);               /* CPython 3.11: -1 */
    before = count(0);
    PmObject *x = PmInt_FromLong(1000000), *y = PmFloat_FromDouble(2.5);
    ck_assert_int_eq(count(0) - before, 0);                /* CPython 3.11: +0 */
    Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(x); Pm_DECREF(y);
    PmGC_Enable();
}
END_TEST

/* "a container taken from a free list ... counts neither up nor down" */
START_TEST(a_list_reused_from_the_free_list_counts_nothing)
{
    PmGC_Disable();
    PmGC_Collect();                                        /* empties the free lists */
    int before = count(0);
    PmObject *l = PmList_New(0);
    ck_assert_int_eq(count(0) - before, 1);                /* CPython 3.11: +1 */
    before = count(0);
    Pm_DECREF(l);
    ck_assert_int_eq(count(0) - before, 0);                /* CPython 3.11: +0 */
    before = count(0);
    l = PmList_New(0);
    ck_assert_int_eq(count(0) - before, 0);                /* CPython 3.11: +0 */
    Pm_DECREF(l);
    PmGC_Enable();
}
END_TEST

/* "each collection of generation g adds one to generation g+1's count and
 * sets the counts of g and everything younger to zero" */
START_TEST(a_collection_zeroes_the_younger_counts_and_adds_one_to_the_next)
{
    PmGC_Collect();
    PmGC_CollectGeneration(0);                             /* CPython 3.11: (0, 1, 0) */
    ck_assert(count(0) == 0 && count(1) == 1 && count(2) == 0);
    PmGC_CollectGeneration(1);                             /* CPython 3.11: (0, 0, 1) */
    ck_assert(count(0) == 0 && count(1) == 0 && count(2) == 1);
    PmGC_Collect();                                        /* CPython 3.11: (0, 0, 0) */
    ck_assert(count(0) == 0 && count(1) == 0 && count(2) == 0);
}
END_TEST

static struct { int generation, count[3]; } seen[4096];
static int nseen;
static void record_start(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (strcmp(phase, "start") == 0 && nseen < 4096) {
        seen[nseen].generation = info.generation;
        PmGC_GetCount(seen[nseen++].count);
    }
}

/* "The 701st container starts a collection of generation 0 ... the
 * twelfth collection is of generation 1" (chapters/cpython/ch13_auto.out) */
START_TEST(the_701st_container_collects_generation_0_and_every_12th_generation_1)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Collect();
    nseen = 0;
    PmGC_AddCallback(record_start, NULL);
    PmObject *keep = PmList_New(0);                        /* container 1 */
    keep_new(keep, 699);
    ck_assert_int_eq(nseen, 0);                            /* CPython 3.11: 0 at 700 */
    keep_new(keep, 1);
    ck_assert_int_eq(nseen, 1);                            /* CPython 3.11: 1 at 701 */
    ck_assert_int_eq(seen[0].generation, 0);
    keep_new(keep, 11 * 701);
    for (int i = 0; i < 11; i++)
        ck_assert_int_eq(seen[i].generation, 0);           /* CPython 3.11: [0] * 11 + [1] */
    ck_assert_int_eq(seen[11].generation, 1);
    ck_assert(seen[1].count[0] == 701 && seen[1].count[1] == 1);   /* CPython 3.11: (701, 1, 0) */
    ck_assert(seen[11].count[0] == 701 && seen[11].count[1] == 11);/* CPython 3.11: (701, 11, 0) */
    PmGC_RemoveCallback(record_start, NULL);
    Pm_DECREF(keep);
}
END_TEST

/* "a full collection runs only when the containers moved into generation 2
 * since the last full collection ... are at least a quarter of those that
 * survived it" (chapters/cpython/ch13_quarter.out: 13 and 13) */
START_TEST(a_full_collection_waits_until_generation_2_grew_by_a_quarter)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PM_RUNS_ONCE("it changes the thresholds and freezes the objects made so far");
    PmGC_Disable(); PmGC_Collect(); PmGC_Freeze();
    PmObject *keep = PmList_New(0);
    for (int i = 0; i < 10000; i++)
        append_new_list(keep);
    PmGC_Collect();
    nseen = 0;
    PmGC_AddCallback(record_start, NULL);
    PmGC_SetThreshold(100, 0, 0);
    PmGC_Enable();
    int made = 0, gen[3] = {0, 0, 0};
    for (; nseen == 0 || seen[nseen - 1].generation != 2; made++)
        append_new_list(keep);
    for (int i = 0; i < nseen; i++)
        gen[seen[i].generation]++;
    ck_assert_int_eq(gen[0], 13);                          /* CPython 3.11: 13 */
    ck_assert_int_eq(gen[1], 13);                          /* CPython 3.11: 13 */
    ck_assert_int_ge(made, 26 * 101);                      /* 26 collections at 101 */
    PmGC_RemoveCallback(record_start, NULL);
    PmGC_Disable(); PmGC_SetThreshold(700, 10, 10);
    Pm_DECREF(keep);
    PmGC_Unfreeze(); PmGC_Enable();
}
END_TEST


/* "Ten million lists kept", at 100,000: the collections of each generation
 * are CPython 3.11's (chapters/cpython/ch13_lists.out has 10,000,000;
 * 100,000 gives [130, 11, 1] and 1,000,000 [1300, 118, 8]). */
START_TEST(a_hundred_thousand_lists_kept_collect_as_in_cpython)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Collect();
    stops[0] = stops[1] = stops[2] = 0;
    PmGC_AddCallback(count_stops, NULL);
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 100000; i++) {                    /* x.append([i]) */
        PmObject *l = PmList_New(1);
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    ck_assert_int_eq(stops[0], 130);                       /* CPython 3.11: 130 */
    ck_assert_int_eq(stops[1], 11);                        /* CPython 3.11: 11 */
    ck_assert_int_eq(stops[2], 1);                         /* CPython 3.11: 1 */
    PmGC_RemoveCallback(count_stops, NULL);
    Pm_DECREF(x);
}
END_TEST

static PmObject *tuple_of(PmObject *a, PmObject *b)    /* steals both; b may be NULL */
{
    PmObject *t = PmTuple_New(b != NULL ? 2 : 1);
    PmTuple_SET_ITEM(t, 0, a);
    if (b != NULL)
        PmTuple_SET_ITEM(t, 1, b);
    return t;
}

/* "if none of its items is a container that may be tracked ... CPython
 * untracks them at the first collection that sees them"; a tuple of a
 * tracked tuple takes two collections that see it. CPython 3.11:
 * t = tuple([tuple([1, 2])]); collect(0) -> True False; collect(0) -> True;
 * collect(1) -> False. */
START_TEST(tuples_that_hold_no_container_are_untracked_by_a_collection)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmObject *t = tuple_of(PmInt_FromLong(1), PmStr_FromString("a"));
    ck_assert(PmObject_GC_IsTracked(t));                   /* CPython 3.11: True */
    PmGC_CollectGeneration(0);
    ck_assert(!PmObject_GC_IsTracked(t));                  /* CPython 3.11: False */
    PmObject *nested = tuple_of(tuple_of(PmInt_FromLong(1), PmInt_FromLong(2)), NULL);
    PmGC_CollectGeneration(0);
    ck_assert(PmObject_GC_IsTracked(nested));              /* CPython 3.11: True */
    ck_assert(!PmObject_GC_IsTracked(PmTuple_GET_ITEM(nested, 0)));   /* False */
    PmGC_CollectGeneration(0);                             /* it is in generation 1 now */
    ck_assert(PmObject_GC_IsTracked(nested));              /* CPython 3.11: True */
    PmGC_CollectGeneration(1);
    ck_assert(!PmObject_GC_IsTracked(nested));             /* CPython 3.11: False */
    PmObject *with_list = tuple_of(PmInt_FromLong(1), PmList_New(0));
    PmGC_Collect();
    ck_assert(PmObject_GC_IsTracked(with_list));           /* (1, []): True */
    PmObject *half = PmTuple_New(2);                       /* not filled yet */
    PmTuple_SET_ITEM(half, 0, PmInt_FromLong(1));
    PmGC_Collect();
    ck_assert(PmObject_GC_IsTracked(half));
    PmTuple_SET_ITEM(half, 1, PmInt_FromLong(2));
    Pm_DECREF(t); Pm_DECREF(nested); Pm_DECREF(with_list); Pm_DECREF(half);
}
END_TEST

static PmObject *dict_of(const char *key, PmObject *value)    /* {key: value}; steals value */
{
    PmObject *d = PmDict_New(), *k = PmStr_FromString(key);
    PmDict_SetItem(d, k, value);
    Pm_DECREF(k); Pm_DECREF(value);
    return d;
}

static int tracked_then_drop(PmObject *op)
{
    int t = PmObject_GC_IsTracked(op);
    Pm_DECREF(op);
    return t;
}

/* "a new dict is untracked ... an insertion tracks it if the key or the
 * value may be tracked". CPython 3.11: gc.is_tracked of {} False,
 * {'a': 1} False, {'a': ()} False, {'a': []} True, {'a': {}} True,
 * {(n, 2): 1} True; d = {'a': 1}; d['a'] = [] True;
 * d = {}; d.setdefault('k', []) True. */
START_TEST(a_new_dict_is_untracked_and_inserting_a_container_tracks_it)
{
    PM_NOT_UNDER_STRESS("a collection between the calls untracks the tuple key, or the dict, as a full collection in CPython would");
    ck_assert(!tracked_then_drop(PmDict_New()));                             /* False */
    ck_assert(!tracked_then_drop(dict_of("a", PmInt_FromLong(1))));          /* False */
    ck_assert(!tracked_then_drop(dict_of("a", PmTuple_New(0))));             /* False */
    ck_assert(tracked_then_drop(dict_of("a", PmList_New(0))));               /* True */
    ck_assert(tracked_then_drop(dict_of("a", PmDict_New())));                /* True */
    PmObject *d = PmDict_New(), *key = tuple_of(PmInt_FromLong(1), PmInt_FromLong(2));
    PmObject *one = PmInt_FromLong(1), *l = PmList_New(0), *k = PmStr_FromString("a");
    PmDict_SetItem(d, key, one);
    ck_assert(tracked_then_drop(d));                       /* a tracked tuple key: True */
    d = dict_of("a", Pm_NewRef(one));
    PmDict_SetItem(d, k, l);                               /* d['a'] = [] */
    ck_assert(tracked_then_drop(d));                       /* CPython 3.11: True */
    d = PmDict_New();
    PmDict_SetDefault(d, k, l);                            /* d.setdefault('a', []) */
    ck_assert(tracked_then_drop(d));                       /* CPython 3.11: True */
    Pm_DECREF(key); Pm_DECREF(one); Pm_DECREF(l); Pm_DECREF(k);
}
END_TEST

/* "a new dict ... counts in generation 0, tracked or not". CPython 3.11:
 * c = gc.get_count()[0]; ds = [dict() for i in range(100)];
 * gc.get_count()[0] - c is 102: 100 dicts, the list and the first
 * get_count's tuple; no dict is tracked (sum(map(gc.is_tracked, ds)): 0). */
START_TEST(new_dicts_count_in_generation_0_though_none_is_tracked)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Disable();
    PmGC_Collect();                                        /* the dict free list emptied */
    PmObject *keep = PmList_New(0);
    int before = count(0);
    Pm_ssize_t tracked = PmGC_TrackedCount();
    for (int i = 0; i < 100; i++) {
        PmObject *d = PmDict_New();
        PmList_Append(keep, d);
        Pm_DECREF(d);
    }
    ck_assert_int_eq(count(0) - before, 100);              /* CPython 3.11: 100 */
    ck_assert_int_eq(PmGC_TrackedCount() - tracked, 0);    /* CPython 3.11: 0 */
    Pm_DECREF(keep);
    PmGC_Enable();
}
END_TEST

/* "a full collection does [untrack a dict], after the tuples"; a younger
 * one does not. CPython 3.11: d = {'a': []}; d['a'] = 1: True after
 * collect(0), True after collect(1), False after collect(); d['b'] = []:
 * True. t = (n, 2); d = {1: t}; gc.collect(): t False, d False. */
START_TEST(a_full_collection_untracks_the_dicts_that_hold_no_container)
{
    PM_NOT_UNDER_STRESS("stress mode runs full collections where this test runs young ones");
    PmObject *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b"), *one = PmInt_FromLong(1);
    PmObject *d = dict_of("a", PmList_New(0));
    PmDict_SetItem(d, ka, one);                            /* d['a'] = 1 */
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmGC_CollectGeneration(0);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmGC_CollectGeneration(1);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmGC_Collect();
    ck_assert(!PmObject_GC_IsTracked(d));                  /* CPython 3.11: False */
    PmObject *l = PmList_New(0);
    PmDict_SetItem(d, kb, l);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmObject *t = tuple_of(PmInt_FromLong(1), PmInt_FromLong(2)), *e = PmDict_New();
    PmDict_SetItem(e, one, t);
    PmGC_Collect();
    ck_assert(!PmObject_GC_IsTracked(t) && !PmObject_GC_IsTracked(e));   /* False, False */
    Pm_DECREF(d); Pm_DECREF(e); Pm_DECREF(t); Pm_DECREF(l);
    Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(one);
}
END_TEST

/* "A copy follows its original": tracked if the original is and has few
 * deleted entries. CPython 3.11: copy.copy({'a': 1}) False, copy.copy({})
 * False; d = {'a': []}; d['a'] = 1; copy.copy(d) True; d = {'a': [],
 * 'b': [], 'c': 1}; del d['a'], d['b']: d True, copy.copy(d) False. */
START_TEST(a_copy_of_a_dict_is_tracked_like_its_original)
{
    PM_NOT_UNDER_STRESS("a collection between the calls untracks the dicts, as a full collection in CPython would");
    PmObject *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b"), *kc = PmStr_FromString("c");
    PmObject *one = PmInt_FromLong(1), *d = dict_of("a", Pm_NewRef(one));
    ck_assert(!tracked_then_drop(PmCopy_Copy(d)));         /* CPython 3.11: False */
    Pm_DECREF(d);
    d = PmDict_New();
    ck_assert(!tracked_then_drop(PmCopy_Copy(d)));         /* CPython 3.11: False */
    Pm_DECREF(d);
    d = dict_of("a", PmList_New(0));
    PmDict_SetItem(d, ka, one);
    ck_assert(tracked_then_drop(PmCopy_Copy(d)));          /* CPython 3.11: True */
    Pm_DECREF(d);
    d = dict_of("a", PmList_New(0));                       /* {'a': [], 'b': [], 'c': 1} */
    PmObject *l = PmList_New(0);
    PmDict_SetItem(d, kb, l); PmDict_SetItem(d, kc, one);
    PmDict_DelItem(d, ka); PmDict_DelItem(d, kb);
    Pm_DECREF(l);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    ck_assert(!tracked_then_drop(PmCopy_Copy(d)));         /* CPython 3.11: False */
    Pm_DECREF(d); Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(kc); Pm_DECREF(one);
}
END_TEST

/* "Until __dict__ is read, the dict is never tracked ... when it is read
 * ... tracks it only if one of [the values] may be tracked". CPython 3.11:
 * a.x = 1; a.__dict__ False; a.y = [] True; b.x = []; b.__dict__ True;
 * del d['x']: True; gc.collect(): False; b.z = []: True. */
START_TEST(an_instance_dict_is_tracked_when_read_only_if_it_may_hold_a_container)
{
    PmObject *a = PmInstance_New(&C), *b = PmInstance_New(&C), *one = PmInt_FromLong(1);
    PmObject *l = PmList_New(0), *kx = PmStr_FromString("x");
    PmInstance_SetAttr(a, "x", one);
    PmObject *d = PmInstance_GetDict(a);
    ck_assert(!PmObject_GC_IsTracked(d));                  /* CPython 3.11: False */
    PmInstance_SetAttr(a, "y", l);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    Pm_DECREF(d);
    PmInstance_SetAttr(b, "x", l);
    d = PmInstance_GetDict(b);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmDict_DelItem(d, kx);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    PmGC_Collect();
    ck_assert(!PmObject_GC_IsTracked(d));                  /* CPython 3.11: False */
    PmInstance_SetAttr(b, "z", l);
    ck_assert(PmObject_GC_IsTracked(d));                   /* CPython 3.11: True */
    Pm_DECREF(d); Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(one); Pm_DECREF(l); Pm_DECREF(kx);
}
END_TEST

/* "were it left tracked, the two instances of the articles' cycle would
 * count 4": an attribute dict not read stays off the list whatever it
 * holds. CPython 3.11: a.other = b; b.other = a; del a, b;
 * gc.collect() -> 2; len(gc.get_objects()) grows by 2 for the pair. */
START_TEST(an_unread_instance_dict_stays_untracked_when_a_container_is_stored)
{
    PmGC_Collect();
    Pm_ssize_t tracked = PmGC_TrackedCount();
    PmObject *a = PmInstance_New(&C), *b = PmInstance_New(&C);
    PmInstance_SetAttr(a, "other", b);
    PmInstance_SetAttr(b, "other", a);
    ck_assert_int_eq(PmGC_TrackedCount() - tracked, 2);    /* CPython 3.11: 2 */
    Pm_DECREF(a); Pm_DECREF(b);
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
}
END_TEST

/* "for a full collection, the free lists are emptied" (CPython:
 * clear_freelists in gc_collect_main); a younger one leaves them. */
START_TEST(only_a_full_collection_empties_the_free_lists)
{
    PmObject *l = PmList_New(0);
    void *where = l;
    Pm_DECREF(l);                                          /* onto the free list */
    int kept = pm_list_numfree;
    ck_assert_int_gt(kept, 0);
    PmGC_CollectGeneration(1);
    ck_assert_int_eq(pm_list_numfree, kept);
    l = PmList_New(0);
    ck_assert_ptr_eq(l, where);                            /* reused */
    Pm_DECREF(l);
    PmGC_Collect();
    ck_assert_int_eq(pm_list_numfree, 0);
}
END_TEST

/* "A threshold of 0 turns the automatic collector off, as gc.disable()
 * does"; gc.collect() still works. */
START_TEST(disable_or_a_threshold_of_0_stops_automatic_collections)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Collect();
    Pm_ssize_t before = PmGC_GetGenerationStats(0).collections;
    PmObject *keep = PmList_New(0);
    PmGC_Disable();
    ck_assert(!PmGC_IsEnabled());
    keep_new(keep, 5000);
    ck_assert_int_eq(PmGC_GetGenerationStats(0).collections, before);
    ck_assert_int_gt(count(0), 5000);                      /* it still counts */
    PmGC_Enable();
    PmGC_SetThreshold(0, 10, 10);
    keep_new(keep, 5000);
    ck_assert_int_eq(PmGC_GetGenerationStats(0).collections, before);
    PmGC_SetThreshold(700, 10, 10);
    keep_new(keep, 1);                                     /* far past 700: collects */
    ck_assert_int_eq(PmGC_GetGenerationStats(0).collections, before + 1);
    Pm_DECREF(keep);
}
END_TEST

static PmGC_Info infos[8];
static const char *phases[8];
static int ninfos;
static void record_all(const char *phase, PmGC_Info info, void *arg)
{
    (void)arg;
    if (ninfos < 8) {
        phases[ninfos] = phase;
        infos[ninfos++] = info;
    }
}

static void two_lists(void)
{
    PmObject *a = PmList_New(0), *b = PmList_New(0);
    PmList_Append(a, b); PmList_Append(b, a);
    Pm_DECREF(a); Pm_DECREF(b);
}

/* gc.callbacks for a two-list cycle: ('start', {'generation': 2,
 * 'collected': 0, 'uncollectable': 0}), ('stop', {'generation': 2,
 * 'collected': 2, 'uncollectable': 0}) (CPython 3.11); get_stats() counts
 * per generation. */
START_TEST(callbacks_see_start_and_stop_and_get_stats_counts_per_generation)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmGC_Collect();
    PmGC_Stats s2 = PmGC_GetGenerationStats(2), s0 = PmGC_GetGenerationStats(0);
    ninfos = 0;
    PmGC_AddCallback(record_all, NULL);
    two_lists();
    ck_assert_int_eq(PmGC_Collect(), 2);                   /* CPython 3.11: 2 */
    ck_assert_int_eq(ninfos, 2);
    ck_assert_str_eq(phases[0], "start");
    ck_assert(infos[0].generation == 2 && infos[0].collected == 0 && infos[0].uncollectable == 0);
    ck_assert_str_eq(phases[1], "stop");
    ck_assert(infos[1].generation == 2 && infos[1].collected == 2 && infos[1].uncollectable == 0);
    two_lists();
    ck_assert_int_eq(PmGC_CollectGeneration(0), 2);
    ck_assert(infos[3].generation == 0 && infos[3].collected == 2);
    PmGC_RemoveCallback(record_all, NULL);
    ck_assert_int_eq(PmGC_GetGenerationStats(2).collections, s2.collections + 1);
    ck_assert_int_eq(PmGC_GetGenerationStats(2).collected, s2.collected + 2);
    ck_assert_int_eq(PmGC_GetGenerationStats(0).collections, s0.collections + 1);
    ck_assert_int_eq(PmGC_GetGenerationStats(0).collected, s0.collected + 2);
    ck_assert_int_eq(ninfos, 4);                           /* removed: no more calls */
}
END_TEST

/* "A cycle frozen and then deleted: gc.collect() -> 0. After unfreeze(): -> 1"
 * (CPython 3.11); freezing zeroes the counts. */
START_TEST(a_frozen_cycle_is_not_collected_until_unfreeze)
{
    PmGC_Collect();
    PmObject *a = PmList_New(0);
    PmList_Append(a, a);
    PmGC_Freeze();
    ck_assert_int_ge(PmGC_GetFreezeCount(), 1);
    ck_assert(count(0) == 0 && count(1) == 0 && count(2) == 0);
    Pm_DECREF(a);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
    PmGC_Unfreeze();
    ck_assert_int_eq(PmGC_GetFreezeCount(), 0);
    ck_assert_int_eq(PmGC_Collect(), 1);                   /* CPython 3.11: 1 */
}
END_TEST

/* "While the permanent generation holds any, even a full collection's list
 * does not hold every tracked container", so the full collection makes two
 * walks and leaves the frozen objects' headers alone. CPython 3.11:
 * gc.freeze(); y = [f]; gc.collect() -> 0, the freeze count unchanged;
 * del y, f -> the freeze count one less. */
START_TEST(a_full_collection_leaves_a_frozen_object_it_refers_to_in_place)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *f = PmList_New(0);
    PmGC_Freeze();
    Pm_ssize_t frozen = PmGC_GetFreezeCount();
    PmObject *y = PmList_New(0);
    PmList_Append(y, f);
    ck_assert_int_eq(PmGC_Collect(), 0);                   /* CPython 3.11: 0 */
    ck_assert_int_eq(PmGC_GetFreezeCount() - frozen, 0);   /* CPython 3.11: 0 */
    Pm_DECREF(y);
    Pm_DECREF(f);                      /* untracked: taken off the permanent list */
    ck_assert_int_eq(PmGC_GetFreezeCount() - frozen, -1);  /* CPython 3.11: -1 */
    PmGC_Unfreeze();
    PmGC_Enable();
}
END_TEST

static int contains(PmObject *list, PmObject *op)
{
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(list); i++)
        if (PmList_GET_ITEM(list, i) == op)
            return 1;
    return 0;
}

/* gc.get_objects(generation): a new list is in generation 0, and in
 * generation 1 after a collection of 0; the result leaves itself out. */
START_TEST(get_objects_lists_the_objects_of_a_generation)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    PmObject *a = PmList_New(0), *in0 = PmGC_GetObjects(0);
    ck_assert(contains(in0, a) && !contains(in0, in0));
    PmGC_CollectGeneration(0);
    PmObject *in1 = PmGC_GetObjects(1), *in0b = PmGC_GetObjects(0), *all = PmGC_GetObjects(-1);
    ck_assert(contains(in1, a) && !contains(in0b, a) && contains(all, a));
    Pm_DECREF(a); Pm_DECREF(in0); Pm_DECREF(in1); Pm_DECREF(in0b); Pm_DECREF(all);
}
END_TEST

/* Chapter 12's "A weak reference that is itself unreachable is cleared as
 * well, whatever it refers to, so that no callback runs when its referent
 * dies later by reference counting": the referent is old, the weak reference
 * sits in a young cycle that holds the referent's last reference (three times
 * over, so that the referent dies first whichever way the list is cleared).
 * CPython 3.11: gc.collect(0) returns 2 and the callback is never called. */
static int callbacks_called;
static PmObject *count_call(PmObject *self, PmObject *wr)
{
    (void)self, (void)wr;
    callbacks_called++;
    return Pm_NewRef(Pm_None);
}
static PmTypeObject Counter = { PmClass_INIT("Counter"), .tp_call = count_call };

START_TEST(a_young_weak_reference_in_the_garbage_never_calls_back_for_an_old_referent)
{
    PM_NOT_UNDER_STRESS("the cycle must still be in generation 0 when it is collected");
    callbacks_called = 0;
    PmObject *cb = PmInstance_New(&Counter), *r = PmInstance_New(&C);
    PmGC_Collect();                                        /* r is in generation 2 now */
    PmObject *l = PmList_New(0), *wr = PmWeakref_NewRef(r, cb);    /* l before wr: cleared first */
    PmList_Append(l, wr); PmList_Append(l, r); PmList_Append(l, wr); PmList_Append(l, l);
    Pm_DECREF(wr); Pm_DECREF(r); Pm_DECREF(l);
    ck_assert_int_eq(PmGC_CollectGeneration(0), 2);        /* CPython 3.11: 2 */
    ck_assert_int_eq(callbacks_called, 0);                 /* CPython 3.11: [] */
    Pm_DECREF(cb);
}
END_TEST

/* def f(): a = []; b = [a]; c = {"k": a}: gc.get_referrers(a) -> a list and a
 * dict; gc.get_referents(b) -> [a]; gc.get_referents(1) -> [] (CPython 3.11) */
START_TEST(get_referrers_and_get_referents_follow_the_references)
{
    PmObject *a = PmList_New(0), *b = PmList_New(0), *c = PmDict_New(), *k = PmStr_FromString("k");
    PmList_Append(b, a);
    PmDict_SetItem(c, k, a);
    PmObject *from = PmGC_GetReferrers(a), *to = PmGC_GetReferents(b), *one = PmInt_FromLong(1);
    PmObject *none = PmGC_GetReferents(one);
    ck_assert_int_eq(PmList_GET_SIZE(from), 2);            /* CPython 3.11: ['list', 'dict'] */
    ck_assert(contains(from, b) && contains(from, c));
    ck_assert_int_eq(PmList_GET_SIZE(to), 1);              /* CPython 3.11: [a] */
    ck_assert_ptr_eq(PmList_GET_ITEM(to, 0), a);
    ck_assert_int_eq(PmList_GET_SIZE(none), 0);            /* CPython 3.11: [] */
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(k);
    Pm_DECREF(from); Pm_DECREF(to); Pm_DECREF(one); Pm_DECREF(none);
}
END_TEST

/* "At its start, right after chapter 12's DEBUG_STATS lines,
 * gc_collect_main updates the counts and merges every younger generation
 * ... So those lines name the generation collected and give the size of
 * each generation before the merge."
 * CPython 3.11.7:
 *   gc.disable(); gc.collect(); gc.freeze()
 *   a = []; b = []; c = []; gc.set_debug(gc.DEBUG_STATS); gc.collect(0)
 *   d = []; e = []; gc.collect(1); gc.collect(2)
 * writes on stderr
 *   gc: collecting generation 0...
 *   gc: objects in each generation: 3 0 0
 *   gc: objects in permanent generation: 11092
 *   gc: done, 0 unreachable, 0 uncollectable, 0.0000s elapsed
 *   gc: collecting generation 1...
 *   gc: objects in each generation: 2 3 0
 *   ... (the same two lines after each)
 *   gc: collecting generation 2...
 *   gc: objects in each generation: 0 0 5
 * (11092: the interpreter's own objects, frozen; our runtime has none). */
START_TEST(debug_stats_names_the_generation_collected_and_the_sizes_before_it)
{
    PM_NOT_UNDER_STRESS("stress mode collects at container allocations, which moves the lists counted here");
    char *buf;
    size_t len;
    PmObject *l[5];
    PmGC_Disable(); PmGC_Collect(); PmGC_Freeze();
    FILE *f = open_memstream(&buf, &len);
    PmGC_SetDebugFile(f);
    l[0] = PmList_New(0); l[1] = PmList_New(0); l[2] = PmList_New(0);
    PmGC_SetDebug(PmGC_DEBUG_STATS);
    PmGC_CollectGeneration(0);
    l[3] = PmList_New(0); l[4] = PmList_New(0);
    PmGC_CollectGeneration(1);
    PmGC_CollectGeneration(2);
    PmGC_SetDebug(0); PmGC_SetDebugFile(NULL); fclose(f);
    char *g0 = strstr(buf, "gc: collecting generation 0...\n"
                           "gc: objects in each generation: 3 0 0\n");  /* CPython 3.11 */
    char *g1 = strstr(buf, "gc: collecting generation 1...\n"
                           "gc: objects in each generation: 2 3 0\n");  /* CPython 3.11 */
    char *g2 = strstr(buf, "gc: collecting generation 2...\n"
                           "gc: objects in each generation: 0 0 5\n");  /* CPython 3.11 */
    ck_assert_msg(g0 && g1 && g2 && g0 < g1 && g1 < g2, "DEBUG_STATS wrote:\n%s", buf);
    ck_assert_int_eq(occurrences(buf, "gc: objects in permanent generation: "), 3);
    ck_assert_int_eq(occurrences(buf, "gc: done, 0 unreachable, 0 uncollectable, 0."), 3);
    free(buf);
    for (int i = 0; i < 5; i++)
        Pm_DECREF(l[i]);
    PmGC_Unfreeze(); PmGC_Enable();
}
END_TEST

static void collect_3(void) { PmGC_CollectGeneration(3); }
static void threshold_below_0(void) { PmGC_SetThreshold(700, -1, 10); }

/* gc.collect(3): ValueError "invalid generation" (CPython 3.11); a negative
 * threshold is refused too. */
START_TEST(an_invalid_generation_or_a_negative_threshold_is_reported)
{
    ck_assert_fatal(collect_3, "PmGC_CollectGeneration: invalid generation 3");
    ck_assert_fatal(threshold_below_0, "PmGC_SetThreshold: threshold 1 is -1, below 0");
}
END_TEST

Suite *ch13_generations_suite(void)
{
    Suite *s = suite_create("ch13 generations");
    TCase *tc = tcase_create("generations");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_default_thresholds_are_700_10_10);
    tcase_add_test(tc, generation_0_counts_container_allocations_less_frees);
    tcase_add_test(tc, a_list_reused_from_the_free_list_counts_nothing);
    tcase_add_test(tc, a_collection_zeroes_the_younger_counts_and_adds_one_to_the_next);
    tcase_add_test(tc, the_701st_container_collects_generation_0_and_every_12th_generation_1);
    tcase_add_test(tc, a_full_collection_waits_until_generation_2_grew_by_a_quarter);
    tcase_add_test(tc, a_hundred_thousand_lists_kept_collect_as_in_cpython);
    tcase_add_test(tc, tuples_that_hold_no_container_are_untracked_by_a_collection);
    tcase_add_test(tc, a_new_dict_is_untracked_and_inserting_a_container_tracks_it);
    tcase_add_test(tc, new_dicts_count_in_generation_0_though_none_is_tracked);
    tcase_add_test(tc, a_full_collection_untracks_the_dicts_that_hold_no_container);
    tcase_add_test(tc, a_copy_of_a_dict_is_tracked_like_its_original);
    tcase_add_test(tc, an_instance_dict_is_tracked_when_read_only_if_it_may_hold_a_container);
    tcase_add_test(tc, an_unread_instance_dict_stays_untracked_when_a_container_is_stored);
    tcase_add_test(tc, only_a_full_collection_empties_the_free_lists);
    tcase_add_test(tc, disable_or_a_threshold_of_0_stops_automatic_collections);
    tcase_add_test(tc, callbacks_see_start_and_stop_and_get_stats_counts_per_generation);
    tcase_add_test(tc, a_frozen_cycle_is_not_collected_until_unfreeze);
    tcase_add_test(tc, a_full_collection_leaves_a_frozen_object_it_refers_to_in_place);
    tcase_add_test(tc, get_objects_lists_the_objects_of_a_generation);
    tcase_add_test(tc, a_young_weak_reference_in_the_garbage_never_calls_back_for_an_old_referent);
    tcase_add_test(tc, get_referrers_and_get_referents_follow_the_references);
    tcase_add_test(tc, an_invalid_generation_or_a_negative_threshold_is_reported);
    tcase_add_test(tc, debug_stats_names_the_generation_collected_and_the_sizes_before_it);
    suite_add_tcase(s, tc);
    return s;
}
