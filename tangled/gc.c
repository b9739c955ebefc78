#define _POSIX_C_SOURCE 199309L        /* clock_gettime */
#include <string.h>
#include <time.h>
#include "pm.h"

PmGC_State _PmGC;

static inline PmGC_Head *gc_next(PmGC_Head *g) { return (PmGC_Head *)g->_gc_next; }
static inline PmGC_Head *gc_prev(PmGC_Head *g)
{ return (PmGC_Head *)(g->_gc_prev & PM_GC_PREV_MASK); }
static inline void gc_set_next(PmGC_Head *g, PmGC_Head *n) { g->_gc_next = (uintptr_t)n; }
static inline void gc_set_prev(PmGC_Head *g, PmGC_Head *p)
{ g->_gc_prev = (g->_gc_prev & ~PM_GC_PREV_MASK) | (uintptr_t)p; }

static void gc_list_init(PmGC_Head *list)
{
    list->_gc_next = list->_gc_prev = (uintptr_t)list;
}

static int gc_list_is_empty(PmGC_Head *list) { return gc_next(list) == list; }
static void gc_list_append(PmGC_Head *node, PmGC_Head *list)
{
    PmGC_Head *last = (PmGC_Head *)list->_gc_prev;   /* a head has no flags */
    gc_set_prev(node, last);
    gc_set_next(last, node);
    gc_set_next(node, list);
    list->_gc_prev = (uintptr_t)node;
}

static void gc_list_remove(PmGC_Head *node)
{
    PmGC_Head *prev = gc_prev(node), *next = gc_next(node);
    gc_set_next(prev, next);
    gc_set_prev(next, prev);
    node->_gc_next = 0;
}

static void gc_list_move(PmGC_Head *node, PmGC_Head *list)
{
    gc_list_remove(node);
    gc_list_append(node, list);
}
/* append every node of from to the end of to; from becomes empty */
static void gc_list_merge(PmGC_Head *from, PmGC_Head *to)
{
    if (gc_list_is_empty(from))
        return;
    PmGC_Head *to_tail = gc_prev(to), *first = gc_next(from), *last = gc_prev(from);
    gc_set_next(to_tail, first);
    gc_set_prev(first, to_tail);
    gc_set_next(last, to);
    gc_set_prev(to, last);
    gc_list_init(from);
}

static Pm_ssize_t gc_list_size(PmGC_Head *list)
{
    Pm_ssize_t n = 0;
    for (PmGC_Head *g = gc_next(list); g != list; g = gc_next(g))
        n++;
    return n;
}
void _PmObject_GC_Link(PmGC_Head *g)
{
    g->_gc_next = g->_gc_prev = 0;
    _PmGC.allocs_since++;
    if (_PmGC.stress && !_PmGC.collecting
            && (_PmGC.tracked <= 1024 || _PmGC.allocs_since * 64 >= _PmGC.tracked))
        PmGC_Collect();
    _PmGC.generations[0].count++;
    if (_PmGC.generations[0].count > _PmGC.generations[0].threshold && _PmGC.enabled
            && _PmGC.generations[0].threshold != 0 && !_PmGC.collecting)
        _PmGC_CollectGenerations();
}

int PmObject_GC_IsTracked(PmObject *op)
{
    return PmObject_IS_GC(op) && _Pm_AS_GC(op)->_gc_next != 0;
}

int PmObject_GC_IsFinalized(PmObject *op)
{
    return PmObject_IS_GC(op) && (_Pm_AS_GC(op)->_gc_prev & PM_GC_PREV_MASK_FINALIZED);
}
void PmObject_GC_Track(void *op)
{
    if (!PmObject_IS_GC((PmObject *)op) || PmObject_GC_IsTracked(op))
        Pm_FatalError("PmObject_GC_Track", "a '%s' object at %p is %s", Pm_TYPE(op)->tp_name,
                      op, PmObject_IS_GC((PmObject *)op) ? "already tracked" : "not a container");
    gc_list_append(_Pm_AS_GC(op), &_PmGC.head);
    _PmGC.tracked++;
}

void PmObject_GC_UnTrack(void *op)
{
    if (!PmObject_GC_IsTracked(op))
        Pm_FatalError("PmObject_GC_UnTrack", "a '%s' object at %p is not tracked",
                      Pm_TYPE(op)->tp_name, op);
    PmGC_Head *g = _Pm_AS_GC(op);
    gc_list_remove(g);
    g->_gc_prev &= PM_GC_PREV_MASK_FINALIZED;   /* the finalized flag stays */
    _PmGC.tracked--;
}
static inline Pm_ssize_t gc_get_refs(PmGC_Head *g)
{ return (Pm_ssize_t)(g->_gc_prev >> PM_GC_PREV_SHIFT); }
static inline void gc_set_refs(PmGC_Head *g, Pm_ssize_t refs)
{ g->_gc_prev = (g->_gc_prev & ~PM_GC_PREV_MASK) | ((uintptr_t)refs << PM_GC_PREV_SHIFT); }
static inline void gc_reset_refs(PmGC_Head *g, Pm_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & PM_GC_PREV_MASK_FINALIZED) | PM_GC_PREV_MASK_COLLECTING
                | ((uintptr_t)refs << PM_GC_PREV_SHIFT);
}
static inline int gc_is_collecting(PmGC_Head *g)
{ return (g->_gc_prev & PM_GC_PREV_MASK_COLLECTING) != 0; }
static inline void gc_clear_collecting(PmGC_Head *g)
{ g->_gc_prev &= ~PM_GC_PREV_MASK_COLLECTING; }
static inline void update_ref(PmGC_Head *g)
{
    PmObject *op = _Pm_FROM_GC(g);
    Pm_ssize_t n = Pm_REFCNT(op);
    if (n <= 0 || n >= PM_IMMORTAL_REFCNT)
        Pm_FatalError("PmGC_Collect", "a tracked '%s' object at %p has count %zd",
                      Pm_TYPE(op)->tp_name, (void *)op, n);
    gc_reset_refs(g, n);
}

static void update_refs(PmGC_Head *containers)
{
    for (PmGC_Head *g = gc_next(containers); g != containers; g = gc_next(g))
        update_ref(g);
}
static void refcount_too_small(PmObject *op, PmObject *parent)
{
    Pm_FatalError("PmGC_Collect", "a '%s' object at %p has count %zd, but the tracked "
                  "containers hold more references to it than that; one too many is held "
                  "by a '%s' at %p (a reference stored without Pm_INCREF?)",
                  Pm_TYPE(op)->tp_name, (void *)op, Pm_REFCNT(op),
                  Pm_TYPE(parent)->tp_name, (void *)parent);
}

static inline void gc_decref(PmGC_Head *g, PmObject *parent)
{
    if (gc_get_refs(g) == 0)
        refcount_too_small(_Pm_FROM_GC(g), parent);
    g->_gc_prev -= (uintptr_t)1 << PM_GC_PREV_SHIFT;
}

static inline int visit_decref(PmObject *op, void *parent)
{
    if (PmObject_IS_GC(op) && gc_is_collecting(_Pm_AS_GC(op)))
        gc_decref(_Pm_AS_GC(op), parent);
    return 0;
}
/* 1 for a list or a tuple, with its array of items and their number */
static inline int gc_items(PmObject *op, PmObject ***items, Pm_ssize_t *n)
{
    PmTypeObject *tp = Pm_TYPE(op);
    if (tp == &PmList_Type)
        *items = ((PmListObject *)op)->ob_item;    /* NULL when empty */
    else if (tp == &PmTuple_Type)
        *items = ((PmTupleObject *)op)->ob_item;
    else
        return 0;
    *n = Pm_SIZE(op);
    return 1;
}

static void subtract_refs(PmGC_Head *containers)
{
    for (PmGC_Head *g = gc_next(containers); g != containers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g), **items;
        Pm_ssize_t n;
        if (!gc_items(op, &items, &n))
            Pm_TYPE(op)->tp_traverse(op, visit_decref, op);
        else
            while (--n >= 0)
                if (items[n] != NULL)
                    visit_decref(items[n], op);
    }
}
static inline int visit_decref_all(PmObject *op, void *parent)
{
    if (PmObject_IS_GC(op) && _Pm_AS_GC(op)->_gc_next != 0) {
        PmGC_Head *g = _Pm_AS_GC(op);
        if (!gc_is_collecting(g))
            update_ref(g);                      /* met first here, ahead of the walk */
        gc_decref(g, parent);
    }
    return 0;
}

/* update_refs and subtract_refs in one walk: every container is on the list */
static void count_refs(PmGC_Head *containers)
{
    for (PmGC_Head *g = gc_next(containers); g != containers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g), **items;
        Pm_ssize_t n;
        if (!gc_is_collecting(g))
            update_ref(g);                      /* met first by the walk */
        if (!gc_items(op, &items, &n))
            Pm_TYPE(op)->tp_traverse(op, visit_decref_all, op);
        else
            while (--n >= 0)
                if (items[n] != NULL)
                    visit_decref_all(items[n], op);
    }
}
static inline int visit_reachable(PmObject *op, void *arg)
{
    PmGC_Head *reachable = arg;
    if (!PmObject_IS_GC(op))
        return 0;
    PmGC_Head *g = _Pm_AS_GC(op);
    if (!gc_is_collecting(g))
        return 0;                    /* outside the set, or already walked past */
    if (g->_gc_next & PM_GC_NEXT_MASK_UNREACHABLE) {
        PmGC_Head *prev = gc_prev(g);          /* take it back from unreachable */
        PmGC_Head *next = (PmGC_Head *)(g->_gc_next & ~PM_GC_NEXT_MASK_UNREACHABLE);
        prev->_gc_next = g->_gc_next;          /* prev keeps its tag */
        gc_set_prev(next, prev);
        gc_list_append(g, reachable);
        gc_set_refs(g, 1);
    } else if (gc_get_refs(g) == 0) {
        gc_set_refs(g, 1);                     /* ahead of the walk: reachable */
    }
    return 0;
}
/* what move_unreachable learns about the survivors on its way */
typedef struct { Pm_ssize_t left, dicts; } Survivors;

static void move_unreachable(PmGC_Head *young, PmGC_Head *unreachable, Survivors *s)
{
    PmGC_Head *prev = young, *g = gc_next(young);
    Pm_ssize_t left = 0, dicts = 0;
    while (g != young) {
        if (gc_get_refs(g) > 0) {
            PmObject *op = _Pm_FROM_GC(g);
            PmObject **items;
            Pm_ssize_t n;
            if (!gc_items(op, &items, &n))
                Pm_TYPE(op)->tp_traverse(op, visit_reachable, young);
            else
                while (--n >= 0)
                    if (items[n] != NULL)
                        visit_reachable(items[n], young);
            if (s != NULL && Pm_TYPE(op) == &PmTuple_Type && _PmTuple_CanBeUntracked(op)) {
                prev->_gc_next = g->_gc_next;               /* off the list: untracked */
                g->_gc_next = 0;
                g->_gc_prev &= PM_GC_PREV_MASK_FINALIZED;   /* not collecting, no count */
                _PmGC.tracked--;
                g = (PmGC_Head *)prev->_gc_next;
                continue;
            }
            /* doubly linked again, and no longer collecting: one write */
            g->_gc_prev = (g->_gc_prev & PM_GC_PREV_MASK_FINALIZED) | (uintptr_t)prev;
            prev = g;
            left++;
            dicts += Pm_TYPE(op) == &PmDict_Type;
        } else {
            prev->_gc_next = g->_gc_next;
            PmGC_Head *last = gc_prev(unreachable);
            last->_gc_next = PM_GC_NEXT_MASK_UNREACHABLE | (uintptr_t)g;
            gc_set_prev(g, last);
            g->_gc_next = PM_GC_NEXT_MASK_UNREACHABLE | (uintptr_t)unreachable;
            unreachable->_gc_prev = (uintptr_t)g;
        }
        g = (PmGC_Head *)prev->_gc_next;
    }
    young->_gc_prev = (uintptr_t)prev;
    unreachable->_gc_next &= ~PM_GC_NEXT_MASK_UNREACHABLE;
    if (s != NULL)
        *s = (Survivors){ left, dicts };
}
static void deduce_unreachable(PmGC_Head *base, PmGC_Head *unreachable, int all,
                               Survivors *s)
{
    gc_list_init(unreachable);
    if (all) {
        count_refs(base);
    } else {
        update_refs(base);
        subtract_refs(base);
    }
    move_unreachable(base, unreachable, s);
}
/* is op more than its references: a finalizer to call, or weak references? */
static inline int gc_needs_more_than_clear(PmObject *op, PmGC_Head *g)
{
    PmTypeObject *tp = Pm_TYPE(op);
    return (tp->tp_finalize != NULL && !(g->_gc_prev & PM_GC_PREV_MASK_FINALIZED))
        || PmWeakref_Check(op)
        || (PmType_SUPPORTS_WEAKREFS(tp) && *_PmObject_GET_WEAKREFS_LISTPTR(op) != NULL);
}

/* untag; move the legacy finalizers out; count the rest, *plain: none needs more */
static Pm_ssize_t move_legacy_finalizers(PmGC_Head *unreachable, PmGC_Head *finalizers,
                                         int *plain)
{
    PmGC_Head *g, *next;
    Pm_ssize_t left = 0;
    *plain = 1;
    for (g = gc_next(unreachable); g != unreachable; g = next) {
        g->_gc_next &= ~PM_GC_NEXT_MASK_UNREACHABLE;
        next = gc_next(g);
        if (Pm_TYPE(_Pm_FROM_GC(g))->tp_del != NULL) {
            gc_clear_collecting(g);
            gc_list_move(g, finalizers);
            *plain = 0;
        } else {
            left++;
            if (*plain && gc_needs_more_than_clear(_Pm_FROM_GC(g), g))
                *plain = 0;
        }
    }
    return left;
}
static int visit_move(PmObject *op, void *to)
{
    if (PmObject_IS_GC(op) && gc_is_collecting(_Pm_AS_GC(op))) {
        gc_list_move(_Pm_AS_GC(op), to);
        gc_clear_collecting(_Pm_AS_GC(op));
    }
    return 0;
}

static void move_legacy_finalizer_reachable(PmGC_Head *finalizers)
{
    for (PmGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g);
        Pm_TYPE(op)->tp_traverse(op, visit_move, finalizers);
    }
}
static void finalize_garbage(PmGC_Head *collectable)
{
    PmGC_Head seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        PmGC_Head *g = gc_next(collectable);
        PmObject *op = _Pm_FROM_GC(g);
        gc_list_move(g, &seen);
        if (!(g->_gc_prev & PM_GC_PREV_MASK_FINALIZED) && Pm_TYPE(op)->tp_finalize != NULL) {
            g->_gc_prev |= PM_GC_PREV_MASK_FINALIZED;
            Pm_INCREF(op);
            Pm_TYPE(op)->tp_finalize(op);
            Pm_DECREF(op);
        }
    }
    gc_list_merge(&seen, collectable);
}
static void handle_resurrected_objects(PmGC_Head *unreachable, PmGC_Head *still_unreachable,
                                       PmGC_Head *old)
{
    for (PmGC_Head *g = gc_next(unreachable); g != unreachable; g = gc_next(g))
        gc_clear_collecting(g);
    deduce_unreachable(unreachable, still_unreachable, 0, NULL);
    for (PmGC_Head *g = gc_next(still_unreachable); g != still_unreachable; g = gc_next(g))
        g->_gc_next &= ~PM_GC_NEXT_MASK_UNREACHABLE;
    gc_list_merge(unreachable, old);            /* the resurrected */
}
static void delete_garbage(PmGC_Head *collectable, PmGC_Head *old)
{
    while (!gc_list_is_empty(collectable)) {
        PmGC_Head *g = gc_next(collectable);
        PmObject *op = _Pm_FROM_GC(g);
        if (_PmGC.debug & PmGC_DEBUG_SAVEALL) {
            PmList_Append(PmGC_Garbage(), op);
        } else if (Pm_TYPE(op)->tp_clear != NULL) {
            Pm_INCREF(op);
            Pm_TYPE(op)->tp_clear(op);
            Pm_DECREF(op);
        }
        if (gc_next(collectable) == g) {        /* still alive */
            gc_clear_collecting(g);
            gc_list_move(g, old);
        }
    }
}
static FILE *gc_out(void) { return _PmGC.out != NULL ? _PmGC.out : stderr; }

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static void debug_cycle(const char *msg, PmObject *op)
{
    fprintf(gc_out(), "gc: %s <%s %p>\n", msg, Pm_TYPE(op)->tp_name, (void *)op);
}
static void show_stats_each_generations(void)      /* CPython: the same name */
{
    Pm_ssize_t size[3] = {0, 0, gc_list_size(&_PmGC.head)}, permanent = 0;
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        size[i] = gc_list_size(_PmGC.generations[i].head);
    permanent = gc_list_size(&_PmGC.permanent);
    fprintf(gc_out(), "gc: objects in each generation: %zd %zd %zd\n"
            "gc: objects in permanent generation: %zd\n", size[0], size[1], size[2], permanent);
}
/* does young hold every tracked container? */
static int gc_holds_all(PmGC_Head *young, PmGC_Head *old)
{
    int all = young == old;
    all = all && gc_list_is_empty(&_PmGC.permanent);
    return all;
}
static Pm_ssize_t gc_collect_main(int generation, PmGC_Head *young, PmGC_Head *old)
{
    PmGC_Head unreachable, finalizers, final_unreachable;
    Pm_ssize_t m = 0, n;
    Survivors survivors;
    int plain;
    double t0 = 0;
    if (_PmGC.debug & PmGC_DEBUG_STATS) {
        fprintf(gc_out(), "gc: collecting generation %d...\n", generation);
        show_stats_each_generations();
        t0 = now();
    }
    _PmGC_MergeYounger(generation);
    deduce_unreachable(young, &unreachable, gc_holds_all(young, old), &survivors);
    _PmGC_Survivors(young, old, survivors.left, survivors.dicts);
    if (young != old)
        gc_list_merge(young, old);              /* the survivors */
    gc_list_init(&finalizers);
    Pm_ssize_t left = move_legacy_finalizers(&unreachable, &finalizers, &plain);
    move_legacy_finalizer_reachable(&finalizers);
    if (_PmGC.debug & PmGC_DEBUG_COLLECTABLE)
        for (PmGC_Head *g = gc_next(&unreachable); g != &unreachable; g = gc_next(g))
            debug_cycle("collectable", _Pm_FROM_GC(g));
    gc_list_init(&final_unreachable);
    if (plain) {                                /* steps 5 and 6 would do nothing */
        gc_list_merge(&unreachable, &final_unreachable);
    } else {
        m += _PmGC_HandleWeakrefs(&unreachable, old);
        finalize_garbage(&unreachable);
        handle_resurrected_objects(&unreachable, &final_unreachable, old);
        left = gc_list_size(&final_unreachable);
    }
    m += left;
    delete_garbage(&final_unreachable, old);
    n = gc_list_size(&finalizers);
    if (_PmGC.debug & PmGC_DEBUG_UNCOLLECTABLE)
        for (PmGC_Head *g = gc_next(&finalizers); g != &finalizers; g = gc_next(g))
            debug_cycle("uncollectable", _Pm_FROM_GC(g));
    if (_PmGC.debug & PmGC_DEBUG_STATS)
        fprintf(gc_out(), "gc: done, %zd unreachable, %zd uncollectable, %.4fs elapsed\n",
                n + m, n, now() - t0);
    for (PmGC_Head *g = gc_next(&finalizers); g != &finalizers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g);
        if ((_PmGC.debug & PmGC_DEBUG_SAVEALL) || Pm_TYPE(op)->tp_del != NULL)
            PmList_Append(PmGC_Garbage(), op);
    }
    gc_list_merge(&finalizers, old);
    _PmGC.stats.collections++;
    _PmGC.stats.collected += m;
    _PmGC.stats.uncollectable += n;
    return n + m;
}
Pm_ssize_t PmGC_Collect(void)                   /* gc.collect() */
{
    if (_PmGC.collecting)
        return 0;                               /* CPython 3.11 does the same */
    _PmGC.collecting = 1;
    _PmGC.allocs_since = 0;
    PmGC_Head *all = &_PmGC.head;
    all = _PmGC_BeginCollection(PM_GC_NUM_GENERATIONS - 1);
    Pm_ssize_t n = gc_collect_main(2, all, all);
    _PmGC_EndCollection(PM_GC_NUM_GENERATIONS - 1);
    _PmGC.collecting = 0;
    return n;
}
PmObject *PmGC_Garbage(void)
{
    if (_PmGC.garbage == NULL)
        _PmGC.garbage = PmList_New(0);
    return _PmGC.garbage;
}

void PmGC_SetDebug(int flags) { _PmGC.debug = flags; }
int PmGC_GetDebug(void) { return _PmGC.debug; }
void PmGC_SetDebugFile(FILE *out) { _PmGC.out = out; }
PmGC_Stats PmGC_GetStats(void) { return _PmGC.stats; }
Pm_ssize_t PmGC_TrackedCount(void) { return _PmGC.tracked; }
static void clear_weakrefs_to(PmObject *op, PmGC_Head *wrcb_to_call)
{
    PmWeakReference **list = _PmObject_GET_WEAKREFS_LISTPTR(op), *wr;
    while ((wr = *list) != NULL) {
        _PmWeakref_ClearRef(wr);                /* takes it off the list */
        if (wr->wr_callback == NULL || gc_is_collecting(_Pm_AS_GC(wr)))
            continue;                           /* no callback, or trash itself */
        Pm_INCREF(wr);
        gc_list_move(_Pm_AS_GC(wr), wrcb_to_call);
    }
}
static Pm_ssize_t call_weakref_callbacks(PmGC_Head *wrcb_to_call, PmGC_Head *old)
{
    Pm_ssize_t freed = 0;
    while (!gc_list_is_empty(wrcb_to_call)) {
        PmGC_Head *g = gc_next(wrcb_to_call);
        PmWeakReference *wr = (PmWeakReference *)_Pm_FROM_GC(g);
        Pm_XDECREF(PmObject_CallOneArg(wr->wr_callback, (PmObject *)wr));
        Pm_DECREF(wr);                          /* the collector's reference */
        if (gc_next(wrcb_to_call) == g)
            gc_list_move(g, old);               /* still alive */
        else
            freed++;
    }
    return freed;
}
Pm_ssize_t _PmGC_HandleWeakrefs(PmGC_Head *unreachable, PmGC_Head *old)
{
    PmGC_Head wrcb_to_call;                     /* weak references whose callbacks run */
    gc_list_init(&wrcb_to_call);
    for (PmGC_Head *g = gc_next(unreachable); g != unreachable; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g);
        if (PmWeakref_Check(op))                /* trash itself: its callback never runs */
            _PmWeakref_ClearRef((PmWeakReference *)op);
        if (PmType_SUPPORTS_WEAKREFS(Pm_TYPE(op)))
            clear_weakrefs_to(op, &wrcb_to_call);
    }
    return call_weakref_callbacks(&wrcb_to_call, old);
}
__attribute__((constructor(101))) static void pm_gc_init(void)
{
    gc_list_init(&_PmGC.head);
    const char *env = getenv("PMGC");
    if (env != NULL && env[0] != '\0') {
        if (strcmp(env, "stress") != 0)
            Pm_FatalError("PMGC", "unknown value '%s' (the one known is 'stress')", env);
        _PmGC.stress = 1;
    }
}
#define GEN_HEAD(n) (_PmGC.generations[n].head)
static Pm_ssize_t untrack_dicts(PmGC_Head *head);
static void invoke_callbacks(const char *phase, int generation, Pm_ssize_t collected,
                             Pm_ssize_t uncollectable);

__attribute__((constructor(102))) static void pm_gc_generations_init(void)
{
    static const int thresholds[PM_GC_NUM_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++) {
        GEN_HEAD(i) = i == 0 ? &_PmGC.head : &_PmGC.older[i - 1];
        if (i > 0)
            gc_list_init(GEN_HEAD(i));
        _PmGC.generations[i].threshold = thresholds[i];
    }
    gc_list_init(&_PmGC.permanent);
    _PmGC.enabled = 1;
}
void _PmGC_CollectGenerations(void)      /* CPython: gc_collect_generations */
{
    for (int i = PM_GC_NUM_GENERATIONS - 1; i >= 0; i--) {
        if (_PmGC.generations[i].count <= _PmGC.generations[i].threshold)
            continue;
        if (i == PM_GC_NUM_GENERATIONS - 1
                && _PmGC.long_lived_pending < _PmGC.long_lived_total / 4)
            continue;                           /* the heap has not grown enough */
        if (_PmGC.bounded && i > 0) {
            _PmGC.generations[PM_GC_NUM_GENERATIONS - 1].count = 0;
            PmGC_CollectIncrement();
            return;
        }
        PmGC_CollectGeneration(i);
        return;
    }
}
PmGC_Head *_PmGC_BeginCollection(int generation)
{
    invoke_callbacks("start", generation, 0, 0);
    _PmGC.stats_at_start = _PmGC.stats;
    return GEN_HEAD(generation);
}
void _PmGC_MergeYounger(int generation)     /* CPython: the start of gc_collect_main */
{
    if (generation + 1 < PM_GC_NUM_GENERATIONS)
        _PmGC.generations[generation + 1].count += 1;
    for (int i = 0; i <= generation; i++)
        _PmGC.generations[i].count = 0;
    for (int i = 0; i < generation; i++)
        gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation));
}
void _PmGC_EndCollection(int generation)
{
    if (generation == PM_GC_NUM_GENERATIONS - 1)
        Pm_ClearFreeLists();                    /* CPython: clear_freelists */
    PmGC_Stats *s = &_PmGC.generation_stats[generation];
    Pm_ssize_t m = _PmGC.stats.collected - _PmGC.stats_at_start.collected;
    Pm_ssize_t n = _PmGC.stats.uncollectable - _PmGC.stats_at_start.uncollectable;
    s->collections++;
    s->collected += m;
    s->uncollectable += n;
    invoke_callbacks("stop", generation, m, n);
}
Pm_ssize_t PmGC_CollectGeneration(int generation)   /* gc.collect(generation) */
{
    if (generation < 0 || generation >= PM_GC_NUM_GENERATIONS)
        Pm_FatalError("PmGC_CollectGeneration", "invalid generation %d (0, 1 or 2)",
                      generation);
    if (generation == PM_GC_NUM_GENERATIONS - 1)
        return PmGC_Collect();
    if (_PmGC.collecting)
        return 0;
    _PmGC.collecting = 1;
    PmGC_Head *young = _PmGC_BeginCollection(generation);
    Pm_ssize_t n = gc_collect_main(generation, young, GEN_HEAD(generation + 1));
    _PmGC_EndCollection(generation);
    _PmGC.collecting = 0;
    return n;
}
void _PmGC_Survivors(PmGC_Head *young, PmGC_Head *old, Pm_ssize_t survivors,
                     Pm_ssize_t dicts)
{
    if (young == old) {                         /* a full collection */
        _PmGC.long_lived_pending = 0;
        _PmGC.long_lived_total = survivors - (dicts > 0 ? untrack_dicts(young) : 0);
    } else if (young == GEN_HEAD(PM_GC_NUM_GENERATIONS - 2)) {
        _PmGC.long_lived_pending += survivors;
    }
}
/* a full collection's survivors: untrack the dicts that can hold no
   cycle, and return how many */
static Pm_ssize_t untrack_dicts(PmGC_Head *head)
{
    PmGC_Head *next;
    Pm_ssize_t untracked = 0;
    for (PmGC_Head *g = gc_next(head); g != head; g = next) {
        next = gc_next(g);
        untracked += _PmDict_MaybeUntrack(_Pm_FROM_GC(g));
    }
    return untracked;
}
void PmGC_Enable(void) { _PmGC.enabled = 1; }
void PmGC_Disable(void) { _PmGC.enabled = 0; }
int PmGC_IsEnabled(void) { return _PmGC.enabled; }

void PmGC_GetCount(int count[PM_GC_NUM_GENERATIONS])
{
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        count[i] = _PmGC.generations[i].count;
}
void PmGC_GetThreshold(int threshold[PM_GC_NUM_GENERATIONS])
{
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        threshold[i] = _PmGC.generations[i].threshold;
}

void PmGC_SetThreshold(int threshold0, int threshold1, int threshold2)
{
    int t[PM_GC_NUM_GENERATIONS] = {threshold0, threshold1, threshold2};
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        if (t[i] < 0)
            Pm_FatalError("PmGC_SetThreshold", "threshold %d is %d, below 0", i, t[i]);
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        _PmGC.generations[i].threshold = t[i];
}
#define PM_GC_MAX_CALLBACKS 16
static struct { PmGC_Callback fn; void *arg; } callbacks[PM_GC_MAX_CALLBACKS];
static int ncallbacks;

void PmGC_AddCallback(PmGC_Callback fn, void *arg)
{
    if (ncallbacks == PM_GC_MAX_CALLBACKS)
        Pm_FatalError("PmGC_AddCallback", "more than %d callbacks", PM_GC_MAX_CALLBACKS);
    callbacks[ncallbacks].fn = fn;
    callbacks[ncallbacks++].arg = arg;
}
void PmGC_RemoveCallback(PmGC_Callback fn, void *arg)
{
    for (int i = 0; i < ncallbacks; i++)
        if (callbacks[i].fn == fn && callbacks[i].arg == arg) {
            memmove(&callbacks[i], &callbacks[i + 1], (size_t)(ncallbacks - i - 1) * sizeof callbacks[0]);
            ncallbacks--;
            return;
        }
    Pm_FatalError("PmGC_RemoveCallback", "no such callback");   /* list.remove: ValueError */
}

static void invoke_callbacks(const char *phase, int generation, Pm_ssize_t collected,
                             Pm_ssize_t uncollectable)
{
    PmGC_Info info = { generation, collected, uncollectable };
    for (int i = 0; i < ncallbacks; i++)
        callbacks[i].fn(phase, info, callbacks[i].arg);
}
PmGC_Stats PmGC_GetGenerationStats(int generation)
{
    if (generation < 0 || generation >= PM_GC_NUM_GENERATIONS)
        Pm_FatalError("PmGC_GetGenerationStats", "invalid generation %d", generation);
    return _PmGC.generation_stats[generation];
}
static void append_objects(PmObject *result, PmGC_Head *list)
{
    for (PmGC_Head *g = gc_next(list); g != list; g = gc_next(g))
        if (_Pm_FROM_GC(g) != result)
            PmList_Append(result, _Pm_FROM_GC(g));
}

PmObject *PmGC_GetObjects(int generation)
{
    if (generation < -1 || generation >= PM_GC_NUM_GENERATIONS)
        Pm_FatalError("PmGC_GetObjects", "invalid generation %d", generation);
    PmObject *result = PmList_New(0);
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        if (generation == -1 || generation == i)
            append_objects(result, GEN_HEAD(i));
    return result;
}
static int visit_append(PmObject *op, void *list)
{
    PmList_Append(list, op);
    return 0;
}

PmObject *PmGC_GetReferents(PmObject *op)
{
    PmObject *result = PmList_New(0);
    if (PmObject_IS_GC(op) && Pm_TYPE(op)->tp_traverse != NULL)
        Pm_TYPE(op)->tp_traverse(op, visit_append, result);
    return result;
}

static int visit_is(PmObject *op, void *target) { return op == target; }
PmObject *PmGC_GetReferrers(PmObject *target)
{
    PmObject *result = PmList_New(0);
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++)
        for (PmGC_Head *g = gc_next(GEN_HEAD(i)); g != GEN_HEAD(i); g = gc_next(g)) {
            PmObject *op = _Pm_FROM_GC(g);
            if (op != result && Pm_TYPE(op)->tp_traverse(op, visit_is, target))
                PmList_Append(result, op);
        }
    return result;
}
void PmGC_Freeze(void)
{
    for (int i = 0; i < PM_GC_NUM_GENERATIONS; i++) {
        gc_list_merge(GEN_HEAD(i), &_PmGC.permanent);
        _PmGC.generations[i].count = 0;
    }
}

void PmGC_Unfreeze(void)
{
    gc_list_merge(&_PmGC.permanent, GEN_HEAD(PM_GC_NUM_GENERATIONS - 1));
}

Pm_ssize_t PmGC_GetFreezeCount(void) { return gc_list_size(&_PmGC.permanent); }
__attribute__((constructor(103))) static void pm_gc_pauses_init(void)
{
    _PmGC.step_work = PM_GC_STEP_WORK;
}
typedef struct { PmGC_Head *inc; Pm_ssize_t left; int frozen, cut; } Gather;

static int visit_pull(PmObject *op, void *arg)
{
    Gather *w = arg;
    if (w->left == 0) {
        w->cut = 1;                            /* the budget is spent */
        return 1;
    }
    w->left--;                                 /* one unit per reference */
    if (w->left == 0 || w->frozen || !PmObject_GC_IsTracked(op)
            || gc_is_collecting(_Pm_AS_GC(op)))
        return 0;                              /* not to be pulled, or in already */
    gc_list_move(_Pm_AS_GC(op), w->inc);
    _Pm_AS_GC(op)->_gc_prev |= PM_GC_PREV_MASK_COLLECTING;
    w->left--;                                 /* and one for the object */
    return 0;
}
/* take from .. the end of inc out of the increment, to the front or the
   end of generation 2 */
static void put_back(PmGC_Head *from, PmGC_Head *inc, int to_front)
{
    PmGC_Head back, *old = GEN_HEAD(PM_GC_NUM_GENERATIONS - 1);
    gc_list_init(&back);
    while (from != inc) {
        PmGC_Head *next = gc_next(from);
        gc_clear_collecting(from);
        gc_list_move(from, &back);
        from = next;
    }
    if (to_front)
        gc_list_merge(old, &back);             /* back, then the old queue */
    gc_list_merge(&back, old);
}
/* gather the next increment into inc; return its work */
static Pm_ssize_t gather_increment(PmGC_Head *inc)
{
    PmGC_Head *old = GEN_HEAD(PM_GC_NUM_GENERATIONS - 1), *done = inc, *start = NULL;
    Gather w = { inc, _PmGC.step_work, !gc_list_is_empty(&_PmGC.permanent), 0 };
    while (w.left > 0) {
        if (gc_next(done) == inc) {            /* all traversed: take the front */
            if (gc_list_is_empty(old))
                break;
            start = gc_next(old);
            gc_list_move(start, inc);
            start->_gc_prev |= PM_GC_PREV_MASK_COLLECTING;
            w.left--;
        }
        PmGC_Head *next = gc_next(done);
        PmObject *op = _Pm_FROM_GC(next);
        Pm_TYPE(op)->tp_traverse(op, visit_pull, &w);
        if (w.cut)
            break;                                     /* next goes back, with the rest */
        done = next;
    }
    if (gc_next(done) != inc) {
        if (start == gc_next(inc))
            put_back(gc_next(done), inc, 0);       /* the first start is too costly */
        else
            put_back(start, inc, 1);               /* the next step begins with start */
    }
    return _PmGC.step_work - w.left;
}
Pm_ssize_t PmGC_CollectIncrement(void)
{
    if (_PmGC.collecting)
        return 0;
    _PmGC.collecting = 1;
    PmGC_Head *young = _PmGC_BeginCollection(1), inc;
    gc_list_init(&inc);
    Pm_ssize_t work = gather_increment(&inc), objects = gc_list_size(&inc);
    gc_list_merge(&inc, young);
    Pm_ssize_t n = gc_collect_main(1, young, GEN_HEAD(PM_GC_NUM_GENERATIONS - 1));
    PmGC_StepStats *s = &_PmGC.step_stats;
    s->steps++;
    s->last = work;
    s->largest = work > s->largest ? work : s->largest;
    s->total += work;
    s->objects = objects;
    _PmGC_EndCollection(1);
    _PmGC.collecting = 0;
    return n;
}
void PmGC_SetBoundedPauses(int on) { _PmGC.bounded = on != 0; }
int PmGC_GetBoundedPauses(void) { return _PmGC.bounded; }
Pm_ssize_t PmGC_GetStepWork(void) { return _PmGC.step_work; }
PmGC_StepStats PmGC_GetStepStats(void) { return _PmGC.step_stats; }

void PmGC_SetStepWork(Pm_ssize_t work)
{
    if (work < 1)
        Pm_FatalError("PmGC_SetStepWork", "a step's work is %zd, below 1", work);
    _PmGC.step_work = work;
}
Pm_ssize_t PmGC_GenerationSize(int generation)
{
    if (generation < 0 || generation >= PM_GC_NUM_GENERATIONS)
        Pm_FatalError("PmGC_GenerationSize", "invalid generation %d", generation);
    return gc_list_size(GEN_HEAD(generation));
}
