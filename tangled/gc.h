#ifndef PM_GC_H
#define PM_GC_H
typedef struct {
    uintptr_t _gc_next;                /* next on the list; 0: untracked */
    uintptr_t _gc_prev;                /* previous, and two flag bits    */
} PmGC_Head;

#define _Pm_AS_GC(op) ((PmGC_Head *)(void *)(op) - 1)
#define _Pm_FROM_GC(g) ((PmObject *)(void *)((PmGC_Head *)(g) + 1))
#define PM_GC_PREV_MASK_FINALIZED  ((uintptr_t)1)
#define PM_GC_PREV_MASK_COLLECTING ((uintptr_t)2)
#define PM_GC_PREV_SHIFT           2
#define PM_GC_PREV_MASK            (((uintptr_t)-1) << PM_GC_PREV_SHIFT)
#define PM_GC_NEXT_MASK_UNREACHABLE ((uintptr_t)1)
_Static_assert(sizeof(PmGC_Head) == 16, "CPython 3.11: sizeof(PyGC_Head) is 16");
#define Pm_TPFLAGS_HAVE_GC (1UL << 14)      /* CPython's value */
#define PmType_IS_GC(tp) (((tp)->tp_flags & Pm_TPFLAGS_HAVE_GC) != 0)
#define PmObject_IS_GC(op) PmType_IS_GC(Pm_TYPE(op))
typedef int (*Pm_visitproc)(PmObject *op, void *arg);
#define Pm_VISIT(op) do {                                              \
        PmObject *_v = _Pm_CAST(op);                                   \
        if (_v != NULL) { int _r = visit(_v, arg); if (_r) return _r; } \
    } while (0)
#define Pm_CLEAR(op) do {                                              \
        PmObject *_c = _Pm_CAST(op);                                   \
        if (_c != NULL) { (op) = NULL; Pm_DECREF(_c); }                \
    } while (0)
#define PM_GC_NUM_GENERATIONS 3
typedef struct {
    PmGC_Head *head;                   /* its list of containers          */
    int threshold;                     /* collect when count exceeds it   */
    int count;                         /* gen 0: container allocations less
                                          frees; gen 1, 2: collections of
                                          the generation below            */
} PmGC_Generation;
typedef struct {
    Pm_ssize_t steps;                  /* steps run                          */
    Pm_ssize_t last;                   /* work of the last step's increment  */
    Pm_ssize_t largest;                /* the most work of one increment     */
    Pm_ssize_t total;                  /* the work of every increment        */
    Pm_ssize_t objects;                /* old objects in the last increment  */
} PmGC_StepStats;
#define PM_GC_STEP_WORK 65536          /* W: objects + references per step   */
typedef struct {
    Pm_ssize_t collections;            /* collections run              */
    Pm_ssize_t collected;              /* unreachable objects freed    */
    Pm_ssize_t uncollectable;          /* found, but left in garbage   */
} PmGC_Stats;

typedef struct {
    PmGC_Head head;                    /* every tracked container       */
    int collecting;                    /* a collection is running       */
    int debug;                         /* PmGC_DEBUG_* flags            */
    int stress;                        /* PMGC=stress: collect often    */
    Pm_ssize_t tracked;                /* containers on the lists       */
    Pm_ssize_t allocs_since;           /* containers made since the last */
    FILE *out;                         /* where debug output goes       */
    PmObject *garbage;                 /* gc.garbage, made when needed  */
    PmGC_Stats stats;
    PmGC_Generation generations[PM_GC_NUM_GENERATIONS];
    PmGC_Head older[PM_GC_NUM_GENERATIONS - 1];   /* the lists of gen 1 and 2  */
    PmGC_Head permanent;                   /* gc.freeze(): never collected    */
    int enabled;                           /* gc.enable() / gc.disable()      */
    Pm_ssize_t long_lived_total;           /* gen 2's size after the last full one */
    Pm_ssize_t long_lived_pending;         /* moved into gen 2 since then     */
    PmGC_Stats generation_stats[PM_GC_NUM_GENERATIONS];   /* gc.get_stats() */
    PmGC_Stats stats_at_start;             /* the totals when this one began  */
    int bounded;                           /* PmGC_SetBoundedPauses(1)          */
    Pm_ssize_t step_work;                  /* W                                 */
    PmGC_StepStats step_stats;             /* PmGC_GetStepStats()               */
} PmGC_State;
extern PmGC_State _PmGC;
void _PmObject_GC_Link(PmGC_Head *g);
int PmObject_GC_IsTracked(PmObject *op);
int PmObject_GC_IsFinalized(PmObject *op);
void PmObject_GC_Track(void *op);
void PmObject_GC_UnTrack(void *op);
static inline void _PmObject_GC_UnlinkDying(PmGC_Head *g)   /* g is tracked */
{
    PmGC_Head *prev = (PmGC_Head *)(g->_gc_prev & PM_GC_PREV_MASK);
    PmGC_Head *next = (PmGC_Head *)g->_gc_next;
    prev->_gc_next = (uintptr_t)next;
    next->_gc_prev = (next->_gc_prev & ~PM_GC_PREV_MASK) | (uintptr_t)prev;
    g->_gc_next = 0;
    g->_gc_prev &= PM_GC_PREV_MASK_FINALIZED;   /* the finalized flag stays */
    _PmGC.tracked--;
}
Pm_ssize_t PmGC_Collect(void);
PmObject *PmGC_Garbage(void);          /* gc.garbage (borrowed)        */
void PmGC_SetDebug(int flags);         /* gc.set_debug                 */
int PmGC_GetDebug(void);
void PmGC_SetDebugFile(FILE *out);     /* stderr unless set            */
PmGC_Stats PmGC_GetStats(void);
Pm_ssize_t PmGC_TrackedCount(void);    /* len(gc.get_objects())        */
#define PmGC_DEBUG_STATS         (1 << 0)
#define PmGC_DEBUG_COLLECTABLE   (1 << 1)
#define PmGC_DEBUG_UNCOLLECTABLE (1 << 2)
#define PmGC_DEBUG_SAVEALL       (1 << 5)
#define PmGC_DEBUG_LEAK (PmGC_DEBUG_COLLECTABLE | PmGC_DEBUG_UNCOLLECTABLE | PmGC_DEBUG_SAVEALL)
Pm_ssize_t _PmGC_HandleWeakrefs(PmGC_Head *unreachable, PmGC_Head *old);
#define _PmObject_GC_MAY_BE_TRACKED(op)    /* CPython: _PyObject_GC_MAY_BE_TRACKED */ \
    (PmObject_IS_GC(op) && (!PmTuple_Check(op) || _Pm_AS_GC(op)->_gc_next != 0))
static inline int _PmTuple_CanBeUntracked(PmObject *t)
{
    for (Pm_ssize_t i = 0; i < Pm_SIZE(t); i++) {
        PmObject *item = PmTuple_GET_ITEM(t, i);
        if (item == NULL || _PmObject_GC_MAY_BE_TRACKED(item))
            return 0;                           /* not filled yet, or a possible cycle */
    }
    return 1;
}
int _PmDict_MaybeUntrack(PmObject *op);         /* 1 if it was untracked */
void _PmDict_TrackLikeOriginal(PmObject *copy, PmObject *d);
void _PmGC_CollectGenerations(void);
PmGC_Head *_PmGC_BeginCollection(int generation);
void _PmGC_MergeYounger(int generation);
void _PmGC_EndCollection(int generation);
void _PmGC_Survivors(PmGC_Head *young, PmGC_Head *old, Pm_ssize_t survivors,
                     Pm_ssize_t dicts);
Pm_ssize_t PmGC_CollectGeneration(int generation);
void PmGC_Enable(void);                /* gc.enable()                  */
void PmGC_Disable(void);               /* gc.disable()                 */
int PmGC_IsEnabled(void);              /* gc.isenabled()               */
void PmGC_GetCount(int count[PM_GC_NUM_GENERATIONS]);          /* gc.get_count() */
void PmGC_GetThreshold(int threshold[PM_GC_NUM_GENERATIONS]);  /* gc.get_threshold() */
void PmGC_SetThreshold(int threshold0, int threshold1, int threshold2);
typedef struct {
    int generation;
    Pm_ssize_t collected, uncollectable;
} PmGC_Info;
typedef void (*PmGC_Callback)(const char *phase, PmGC_Info info, void *arg);
void PmGC_AddCallback(PmGC_Callback fn, void *arg);   /* gc.callbacks.append */
void PmGC_RemoveCallback(PmGC_Callback fn, void *arg);/* gc.callbacks.remove */
PmGC_Stats PmGC_GetGenerationStats(int generation);   /* gc.get_stats()[g]   */
PmObject *PmGC_GetObjects(int generation);     /* new list; -1: every generation */
PmObject *PmGC_GetReferents(PmObject *op);     /* new list */
PmObject *PmGC_GetReferrers(PmObject *op);     /* new list */
void PmGC_Freeze(void);                /* gc.freeze()                  */
void PmGC_Unfreeze(void);              /* gc.unfreeze()                */
Pm_ssize_t PmGC_GetFreezeCount(void);  /* gc.get_freeze_count()        */
void PmGC_SetBoundedPauses(int on);    /* off at start                  */
int PmGC_GetBoundedPauses(void);
void PmGC_SetStepWork(Pm_ssize_t work);     /* W                        */
Pm_ssize_t PmGC_GetStepWork(void);
Pm_ssize_t PmGC_CollectIncrement(void);     /* one step, now            */
PmGC_StepStats PmGC_GetStepStats(void);
Pm_ssize_t PmGC_GenerationSize(int generation);  /* len(get_objects(g)) */
#endif
