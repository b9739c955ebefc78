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
static void update_refs(PmGC_Head *containers)
{
    for (PmGC_Head *g = gc_next(containers); g != containers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g);
        Pm_ssize_t n = Pm_REFCNT(op);
        if (n <= 0 || n >= PM_IMMORTAL_REFCNT)
            Pm_FatalError("PmGC_Collect", "a tracked '%s' object at %p has count %zd",
                          Pm_TYPE(op)->tp_name, (void *)op, n);
        gc_reset_refs(g, n);
    }
}
static void refcount_too_small(PmObject *op, PmObject *parent)
{
    Pm_FatalError("PmGC_Collect", "a '%s' object at %p has count %zd, but the tracked "
                  "containers hold more references to it than that; one too many is held "
                  "by a '%s' at %p (a reference stored without Pm_INCREF?)",
                  Pm_TYPE(op)->tp_name, (void *)op, Pm_REFCNT(op),
                  Pm_TYPE(parent)->tp_name, (void *)parent);
}

static int visit_decref(PmObject *op, void *parent)
{
    if (PmObject_IS_GC(op)) {
        PmGC_Head *g = _Pm_AS_GC(op);
        if (gc_is_collecting(g)) {
            if (gc_get_refs(g) == 0)
                refcount_too_small(op, parent);
            g->_gc_prev -= (uintptr_t)1 << PM_GC_PREV_SHIFT;
        }
    }
    return 0;
}
static void subtract_refs(PmGC_Head *containers)
{
    for (PmGC_Head *g = gc_next(containers); g != containers; g = gc_next(g)) {
        PmObject *op = _Pm_FROM_GC(g);
        Pm_TYPE(op)->tp_traverse(op, visit_decref, op);
    }
}
static int visit_reachable(PmObject *op, void *arg)
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
static void move_unreachable(PmGC_Head *young, PmGC_Head *unreachable)
{
    PmGC_Head *prev = young, *g = gc_next(young);
    while (g != young) {
        if (gc_get_refs(g) > 0) {
            PmObject *op = _Pm_FROM_GC(g);
            Pm_TYPE(op)->tp_traverse(op, visit_reachable, young);
            gc_set_prev(g, prev);              /* doubly linked again */
            gc_clear_collecting(g);
            prev = g;
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
}
static void deduce_unreachable(PmGC_Head *base, PmGC_Head *unreachable)
{
    gc_list_init(unreachable);
    update_refs(base);
    subtract_refs(base);
    move_unreachable(base, unreachable);
}
static void move_legacy_finalizers(PmGC_Head *unreachable, PmGC_Head *finalizers)
{
    PmGC_Head *g, *next;
    for (g = gc_next(unreachable); g != unreachable; g = next) {
        g->_gc_next &= ~PM_GC_NEXT_MASK_UNREACHABLE;
        next = gc_next(g);
        if (Pm_TYPE(_Pm_FROM_GC(g))->tp_del != NULL) {
            gc_clear_collecting(g);
            gc_list_move(g, finalizers);
        }
    }
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
    deduce_unreachable(unreachable, still_unreachable);
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
static Pm_ssize_t gc_collect_main(PmGC_Head *young, PmGC_Head *old)
{
    PmGC_Head unreachable, finalizers, final_unreachable;
    Pm_ssize_t m, n;
    double t0 = 0;
    if (_PmGC.debug & PmGC_DEBUG_STATS) {
        fprintf(gc_out(), "gc: collecting generation 2...\n"
                "gc: objects in each generation: 0 0 %zd\n"
                "gc: objects in permanent generation: 0\n", gc_list_size(young));
        t0 = now();
    }
    deduce_unreachable(young, &unreachable);
    if (young != old)
        gc_list_merge(young, old);              /* the survivors */
    gc_list_init(&finalizers);
    move_legacy_finalizers(&unreachable, &finalizers);
    move_legacy_finalizer_reachable(&finalizers);
    if (_PmGC.debug & PmGC_DEBUG_COLLECTABLE)
        for (PmGC_Head *g = gc_next(&unreachable); g != &unreachable; g = gc_next(g))
            debug_cycle("collectable", _Pm_FROM_GC(g));
    finalize_garbage(&unreachable);
    handle_resurrected_objects(&unreachable, &final_unreachable, old);
    m = gc_list_size(&final_unreachable);
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
    Pm_ssize_t n = gc_collect_main(&_PmGC.head, &_PmGC.head);
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
