#ifndef PM_OBJECT_H
#define PM_OBJECT_H
typedef ptrdiff_t Pm_ssize_t;          /* CPython: Py_ssize_t */
#define PM_SSIZE_MAX PTRDIFF_MAX
typedef struct PmTypeObject PmTypeObject;

typedef struct PmObject {
    Pm_ssize_t ob_refcnt;              /* references to this object  */
    PmTypeObject *ob_type;             /* what kind of object it is  */
} PmObject;

typedef struct PmVarObject {
    PmObject ob_base;
    Pm_ssize_t ob_size;                /* number of items that follow */
} PmVarObject;

#define PmObject_HEAD     PmObject ob_base;
#define PmObject_VAR_HEAD PmVarObject ob_base;
#define _Pm_CAST(op)  ((PmObject *)(op))
#define Pm_REFCNT(op) (_Pm_CAST(op)->ob_refcnt)
#define Pm_TYPE(op)   (_Pm_CAST(op)->ob_type)
#define Pm_SIZE(op)   (((PmVarObject *)(op))->ob_size)
#define Pm_SET_REFCNT(op, n) (Pm_REFCNT(op) = (n))
#define PmObject_HEAD_INIT(type) { 1, (type) }
#define PmVarObject_HEAD_INIT(type, size) { PmObject_HEAD_INIT(type), (size) }
typedef void (*destructor)(PmObject *);

struct PmTypeObject {
    PmObject ob_base;
    const char *tp_name;               /* "int", "str", "list", ...    */
    Pm_ssize_t tp_basicsize;           /* bytes of a fixed-size part   */
    Pm_ssize_t tp_itemsize;            /* bytes per item (0: fixed)    */
    destructor tp_dealloc;             /* free an object whose count
                                          reached zero                 */
    int (*tp_equal)(PmObject *a, PmObject *b);  /* a == b (same type) */
    void (*tp_repr)(PmObject *op, FILE *out);   /* print like repr()  */
    Pm_ssize_t (*tp_sizeof)(PmObject *op);      /* like __sizeof__    */
    Pm_ssize_t (*tp_hash)(PmObject *op);        /* hash(x); NULL: unhashable */
    unsigned long tp_flags;                     /* Pm_TPFLAGS_HAVE_GC         */
    int (*tp_traverse)(PmObject *op, int (*visit)(PmObject *, void *), void *arg);
    int (*tp_clear)(PmObject *op);              /* drop the references held   */
    void (*tp_finalize)(PmObject *op);          /* PEP 442: __del__           */
    void (*tp_del)(PmObject *op);               /* the legacy finalizer       */
    Pm_ssize_t tp_weaklistoffset;               /* where the weak references are; 0: none */
    PmObject *(*tp_call)(PmObject *self, PmObject *arg);   /* self(arg)               */
    struct PmBufferProcs *tp_as_buffer;         /* NULL: not an exporter       */
};

extern PmTypeObject PmType_Type;       /* the type of types: 'type' */
void _Pm_Dealloc(PmObject *op);
#ifdef PM_REF_DEBUG
extern Pm_ssize_t _Pm_RefTotal;        /* CPython: _Py_RefTotal */
#define _Pm_REFTOTAL_ADD(n) ((void)(_Pm_RefTotal += (n)))
#else
#define _Pm_REFTOTAL_ADD(n) ((void)0)
#endif
void _Pm_NegativeRefcount(PmObject *op) __attribute__((noreturn, cold));
#define PM_IMMORTAL_REFCNT ((Pm_ssize_t)1 << 62)
#define Pm_IsImmortal(op) (Pm_REFCNT(op) >= PM_IMMORTAL_REFCNT)

static inline void Pm_IncRef(PmObject *op)
{
    if (Pm_IsImmortal(op))
        return;
    _Pm_REFTOTAL_ADD(1);
    op->ob_refcnt++;
}

static inline void Pm_DecRef(PmObject *op)
{
    if (Pm_IsImmortal(op))
        return;
    if (op->ob_refcnt <= 0)
        _Pm_NegativeRefcount(op);
    _Pm_REFTOTAL_ADD(-1);
    if (--op->ob_refcnt == 0)
        _Pm_Dealloc(op);
}
#define Pm_INCREF(op) Pm_IncRef(_Pm_CAST(op))
#define Pm_DECREF(op) Pm_DecRef(_Pm_CAST(op))
#define Pm_XINCREF(op) do { PmObject *_x = _Pm_CAST(op); if (_x) Pm_IncRef(_x); } while (0)
#define Pm_XDECREF(op) do { PmObject *_x = _Pm_CAST(op); if (_x) Pm_DecRef(_x); } while (0)
static inline PmObject *Pm_NewRef(PmObject *op)
{
    Pm_INCREF(op);
    return op;
}

PmObject *PmObject_Init(PmObject *op, PmTypeObject *tp);
PmObject *PmObject_New(PmTypeObject *tp);
PmVarObject *PmObject_NewVar(PmTypeObject *tp, Pm_ssize_t n);
Pm_ssize_t Pm_VarSize(PmTypeObject *tp, Pm_ssize_t n);
void Pm_FatalError(const char *where, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
int Pm_Is(const void *a, const void *b);
uintptr_t Pm_Id(const void *op);
int PmObject_Equal(PmObject *a, PmObject *b);
void PmObject_Print(PmObject *op, FILE *out);
Pm_ssize_t PmObject_SizeOf(PmObject *op);
size_t _PmType_PreHeaderSize(PmTypeObject *tp);
void PmObject_Del(void *op);
#ifdef PM_REF_DEBUG
Pm_ssize_t PmSys_GetTotalRefCount(void);
#endif
Pm_ssize_t PmSys_GetAllocatedBlocks(void);
#define PM_RECURSION_LIMIT 1000        /* CPython: sys.getrecursionlimit() */
void Pm_EnterRecursiveCall(const char *where);
void Pm_LeaveRecursiveCall(void);
int Pm_ReprEnter(PmObject *op);
void Pm_ReprLeave(PmObject *op);
Pm_ssize_t PmSys_GetRefCount(PmObject *x);
/* Invariant: _Pm_Trash.depth is the number of tp_dealloc calls active on
   the C stack, never more than PM_TRASH_DEPTH. Every object on the list
   _Pm_Trash.later has count zero and is reachable from nowhere else; its
   ob_refcnt field holds the next object on the list (0 ends the list). */
#define PM_TRASH_DEPTH 50
typedef struct {
    Pm_ssize_t deallocs;               /* objects freed               */
    Pm_ssize_t deferred;               /* of which put off for later  */
    int max_depth;                     /* deepest tp_dealloc nesting   */
} PmDeallocStats;
typedef struct {
    int depth;                         /* nested tp_dealloc calls now  */
    PmObject *later;                   /* deferred, to be freed soon   */
    PmDeallocStats stats;
} PmTrash;
extern PmTrash _Pm_Trash;
void _Pm_TrashDefer(PmObject *op);
PmObject *_Pm_TrashPop(void);
PmDeallocStats Pm_GetDeallocStats(void);
extern PmTypeObject PmNone_Type;
extern PmObject _Pm_NoneStruct;
#define Pm_None (&_Pm_NoneStruct)
Pm_ssize_t Pm_PymallocAllocatedBlocks(void);
int Pm_SegmentsCheckHeap(char *why, size_t n);
Pm_ssize_t Pm_SegmentsAllocatedBlocks(void);
extern PmTypeObject PmBaseObject_Type;
#endif
