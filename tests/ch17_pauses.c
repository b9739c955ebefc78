/* ch17_pauses.c -- tests of chapter 17, "Bounded pauses". Each test runs in
 * a fresh child process. The bounded mode is this book's own design, not
 * CPython's: where a number is CPython 3.11's (what collect() returns for a
 * cycle, the schedule of collections) the comment says so; the budgets are
 * the values each test sets, written as numbers. */
#include "pmtest.h"
#include "pmtest_gc.h"

static PmObject *cycle(void)                   /* a = []; b = [a]; a.append(b); a */
{
    PmObject *a = PmList_New(0), *b = PmList_New(0);
    PmList_Append(b, a);
    PmList_Append(a, b);
    Pm_DECREF(b);
    return a;
}

static PmObject *ring(int n)                   /* n lists, each holding the next */
{
    PmObject *first = PmList_New(0), *l = first;
    Pm_INCREF(first);
    for (int i = 1; i < n; i++) {
        PmObject *next = PmList_New(0);
        PmList_Append(l, next);
        Pm_DECREF(l);
        l = next;
    }
    PmList_Append(l, first);
    Pm_DECREF(l);
    return first;
}

/* Put op into generation 2 by a full collection, then drop the caller's
 * reference: it is garbage in generation 2 if nothing else holds it. */
static void into_generation_2(PmObject *op)
{
    PmGC_Collect();
    Pm_DECREF(op);
}

/* one lap: as many steps as generation 2 has objects, each taking at least
 * the front one; the sum of what they returned */
static Pm_ssize_t lap(void)
{
    Pm_ssize_t n = PmGC_GenerationSize(2), found = 0;
    for (Pm_ssize_t i = 0; i < n; i++)
        found += PmGC_CollectIncrement();
    return found;
}

/* one lap, as lap(); the most work that one of its steps did */
static Pm_ssize_t lap_largest(void)
{
    Pm_ssize_t n = PmGC_GenerationSize(2), largest = 0;
    for (Pm_ssize_t i = 0; i < n; i++) {
        PmGC_CollectIncrement();
        Pm_ssize_t w = PmGC_GetStepStats().last;
        largest = w > largest ? w : largest;
    }
    return largest;
}

static void restore(void)
{
    PmGC_SetStepWork(65536);
    PmGC_SetBoundedPauses(0);
    PmGC_Enable();
}

/* Invariant 3: a garbage cycle gathered whole by a step is freed by it,
 * within one lap; an object too costly for any step (a list of 100 lists,
 * 201 units, ahead of the cycle in the queue) goes to the end of the queue,
 * and the steps go on past it. */
START_TEST(a_garbage_cycle_in_generation_2_is_freed_within_one_lap_of_steps)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *holder = PmList_New(0);
    for (int i = 0; i < 100; i++) {
        PmObject *l = PmList_New(0);
        PmList_Append(holder, l);
        Pm_DECREF(l);
    }
    into_generation_2(cycle());
    Pm_ssize_t tracked = PmGC_TrackedCount();
    PmGC_SetStepWork(20);
    ck_assert_int_eq(lap(), 2);                 /* gc.collect() of this cycle: 2, CPython 3.11 */
    ck_assert_int_eq(PmGC_TrackedCount(), tracked - 2);
    Pm_DECREF(holder);
    restore();
}
END_TEST

/* where op is in generation 2's queue: how many objects are ahead of it */
static Pm_ssize_t ahead_of(PmObject *op)
{
    PmObject *objects = PmGC_GetObjects(2);
    Pm_ssize_t i = 0;
    while (PmList_GET_ITEM(objects, i) != op)
        i++;
    Pm_DECREF(objects);
    return i;
}

/* "A cycle whose members lie in two increments would never be found if
 * each increment were collected alone": a = [b], b = [a], with 300 empty
 * lists between them in the queue. Gathering a (1 unit), its reference (1),
 * b pulled in (1) and its reference (1) costs 4 of W = 8: the step that
 * takes a frees the cycle (or the next, which begins with a if the budget
 * ran out in it), long before any step reaches b through the queue. */
START_TEST(a_cycle_spanning_increments_is_freed_by_the_step_that_takes_a_member)
{
    enum { FILL = 300 };
    PmObject *fill[FILL];
    PmGC_Disable();
    PmGC_Collect();
    PmObject *a = PmList_New(0);
    PmGC_CollectGeneration(1);                 /* a to the end of the queue */
    for (int i = 0; i < FILL; i++)
        fill[i] = PmList_New(0);
    PmGC_CollectGeneration(1);                 /* then the empty lists */
    PmObject *b = PmList_New(0);
    PmList_Append(b, a);
    PmList_Append(a, b);
    PmGC_CollectGeneration(1);                 /* then b */
    Pm_ssize_t steps = 0, found = 0, before_a = ahead_of(a);
    ck_assert_int_eq(ahead_of(b) - before_a, FILL + 1);
    Pm_DECREF(a);
    Pm_DECREF(b);
    PmGC_SetStepWork(8);
    while (found == 0 && steps < 2 * (before_a + FILL + 2)) {
        found = PmGC_CollectIncrement();
        steps++;
    }
    ck_assert_int_eq(found, 2);                 /* gc.collect() of this cycle: 2, CPython 3.11 */
    ck_assert_int_le(steps, before_a + 2);
    for (int i = 0; i < FILL; i++)
        Pm_DECREF(fill[i]);
    restore();
}
END_TEST

/* Invariant 1: a step frees only what nothing outside its set refers to.
 * Cycles held from outside, a chain, and a list holding them all survive
 * every step, whatever the budget cuts. */
START_TEST(nothing_reachable_from_outside_a_step_is_freed)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *holder = PmList_New(0);
    for (int i = 0; i < 50; i++) {
        PmObject *c = i % 2 ? cycle() : ring(5);
        PmList_Append(holder, c);
        Pm_DECREF(c);
    }
    PmGC_Collect();
    Pm_ssize_t tracked = PmGC_TrackedCount();
    for (Pm_ssize_t w = 1; w <= 64; w *= 4) {
        PmGC_SetStepWork(w);
        ck_assert_int_eq(lap(), 0);
        ck_assert_int_eq(PmGC_TrackedCount(), tracked);
    }
    ck_assert_int_eq(PmList_GET_SIZE(holder), 50);
    ck_assert_int_eq(PmList_GET_SIZE(PmList_GET_ITEM(holder, 1)), 1);
    Pm_DECREF(holder);
    ck_assert_int_eq(PmGC_Collect(), 25 * 2 + 25 * 5);   /* the cycles, now garbage */
    restore();
}
END_TEST

/* the list traverse function, counting its calls for one list */
static PmObject *watched;
static int watched_traversals;
static int (*list_traverse)(PmObject *op, Pm_visitproc visit, void *arg);

static int counting_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    watched_traversals += op == watched;
    return list_traverse(op, visit, arg);
}

/* "When the budget runs out in the middle of an object, that object ...
 * leave[s] the increment ... and go[es] back to generation 2": to the front
 * if the step had taken another object first, to the end if it was the
 * step's first. The queue holds e = [] and then h, a list of 100 ints
 * (101 units). With W = 8, the step that takes e (1 unit) takes h (1) and
 * follows 6 of its references: h goes back to the front, e alone is the
 * increment. The next step begins with h, cannot finish it either, and h,
 * too costly for any step, goes to the end, with nothing in the increment. */
START_TEST(an_object_whose_references_the_budget_cuts_goes_back_to_the_queue)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *e = PmList_New(0);
    PmGC_CollectGeneration(1);                 /* e to the end of the queue */
    PmObject *h = PmList_New(0);
    for (int i = 0; i < 100; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(h, n);
        Pm_DECREF(n);
    }
    PmGC_CollectGeneration(1);                 /* then h */
    PmGC_SetStepWork(1);                       /* each step moves the front to the end */
    while (ahead_of(e) > 0)
        PmGC_CollectIncrement();
    ck_assert_int_eq(ahead_of(h), 1);
    PmGC_SetStepWork(8);
    PmGC_CollectIncrement();
    ck_assert_int_eq(PmGC_GetStepStats().objects, 1);      /* e alone */
    ck_assert_int_eq(ahead_of(h), 0);                      /* h at the front */
    PmGC_CollectIncrement();
    ck_assert_int_eq(PmGC_GetStepStats().objects, 0);      /* h left the increment */
    ck_assert_int_eq(ahead_of(h), PmGC_GenerationSize(2) - 1);   /* h at the end */
    Pm_DECREF(e);
    Pm_DECREF(h);
    restore();
}
END_TEST

/* Invariant 2: the work of a step's increment never exceeds W, even when a
 * list of the increment refers to every other object (1,000 lists: 1,001
 * objects and 1,000 references). Without the bound, the step that meets
 * the holder pulls in the whole heap: CPython 3.14's trap. */
START_TEST(a_step_never_does_more_work_than_its_budget)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *holder = PmList_New(0);
    for (int i = 0; i < 1000; i++) {
        PmObject *l = PmList_New(0);
        PmList_Append(holder, l);
        Pm_DECREF(l);
    }
    PmGC_Collect();
    PmGC_SetStepWork(64);
    Pm_ssize_t before = PmGC_GetStepStats().total;
    ck_assert_int_le(lap_largest(), 64);
    ck_assert_int_ge(PmGC_GetStepStats().total - before, 1001);  /* every list examined */
    /* a step that begins with the holder only looks at it: a collection
       would traverse it twice more (subtract_refs, move_unreachable) */
    while (ahead_of(holder) > 0)
        PmGC_CollectIncrement();
    watched = holder;
    watched_traversals = 0;
    list_traverse = PmList_Type.tp_traverse;
    PmList_Type.tp_traverse = counting_traverse;
    PmGC_CollectIncrement();
    PmList_Type.tp_traverse = list_traverse;
    ck_assert_int_eq(watched_traversals, 1);
    ck_assert_int_eq(PmGC_GetStepStats().objects, 0);      /* and left the increment */
    PmGC_SetStepWork(1000000);
    ck_assert_int_ge(lap_largest(), 1001 + 1000);
    Pm_DECREF(holder);
    restore();
}
END_TEST

/* "It waits for an explicit PmGC_Collect()". A ring of 10 lists costs 20
 * units (10 objects, 10 references), a ring of 100 costs 200. With W = 19
 * no step frees either; with W = 20 a lap frees the small one; a full
 * collection frees the other. */
START_TEST(an_explicit_full_collection_frees_what_the_steps_cannot)
{
    PmGC_Disable();
    PmGC_Collect();
    PmObject *small = ring(10), *big = ring(100);
    PmGC_Collect();
    Pm_DECREF(small);
    Pm_DECREF(big);
    PmGC_SetStepWork(19);
    ck_assert_int_eq(lap() + lap(), 0);
    PmGC_SetStepWork(20);
    ck_assert_int_eq(lap(), 10);
    ck_assert_int_eq(lap(), 0);
    ck_assert_int_eq(PmGC_Collect(), 100);      /* 100 lists in a cycle: 100, CPython 3.11 */
    restore();
}
END_TEST


/* The mode is off at start; on, every collection of generation 1 or 2 that
 * comes due is a step, reported as generation 1. 100,000 kept lists: CPython
 * 3.11 runs 130, 11 and 1 collections of generations 0, 1 and 2 (chapter
 * 13's test); the bounded mode runs the same 142, one in twelve a step (the
 * full collection of 3.11 comes out of turn, as soon as generation 2's count
 * passes 10), and no full collection. */
START_TEST(bounded_mode_is_off_at_start_and_replaces_older_collections_by_steps)
{
    PM_NOT_UNDER_STRESS("stress mode adds collections to the schedule counted here");
    ck_assert_int_eq(PmGC_GetBoundedPauses(), 0);
    PmGC_Collect();
    PmGC_SetBoundedPauses(1);
    stops[0] = stops[1] = stops[2] = 0;
    PmGC_AddCallback(count_stops, NULL);
    PmObject *x = PmList_New(0);
    for (long i = 0; i < 100000; i++) {                    /* x.append([i]) */
        PmObject *l = PmList_New(1);
        PmList_SET_ITEM(l, 0, PmInt_FromLong(i));
        PmList_Append(x, l);
        Pm_DECREF(l);
    }
    PmGC_RemoveCallback(count_stops, NULL);
    ck_assert_int_eq(stops[0] + stops[1] + stops[2], 130 + 11 + 1);   /* CPython 3.11 */
    ck_assert_int_eq(stops[1], 142 / 12);       /* one collection in twelve: 11 steps */
    ck_assert_int_eq(stops[2], 0);
    Pm_DECREF(x);
    restore();
}
END_TEST

static void work_0(void) { PmGC_SetStepWork(0); }

START_TEST(a_step_work_below_1_is_reported)
{
    ck_assert_fatal(work_0, "PmGC_SetStepWork: a step's work is 0, below 1");
}
END_TEST

Suite *ch17_pauses_suite(void)
{
    Suite *s = suite_create("ch17 pauses");
    TCase *tc = tcase_create("pauses");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_garbage_cycle_in_generation_2_is_freed_within_one_lap_of_steps);
    tcase_add_test(tc, a_cycle_spanning_increments_is_freed_by_the_step_that_takes_a_member);
    tcase_add_test(tc, nothing_reachable_from_outside_a_step_is_freed);
    tcase_add_test(tc, an_object_whose_references_the_budget_cuts_goes_back_to_the_queue);
    tcase_add_test(tc, a_step_never_does_more_work_than_its_budget);
    tcase_add_test(tc, an_explicit_full_collection_frees_what_the_steps_cannot);
    tcase_add_test(tc, bounded_mode_is_off_at_start_and_replaces_older_collections_by_steps);
    tcase_add_test(tc, a_step_work_below_1_is_reported);
    suite_add_tcase(s, tc);
    return s;
}
