#include "pm.h"

static void type_repr(PmObject *op, FILE *out)
{
    fprintf(out, "<class '%s'>", ((PmTypeObject *)op)->tp_name);
}

PmTypeObject PmType_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "type",
    .tp_basicsize = sizeof(PmTypeObject),
    .tp_repr = type_repr,
};
PmObject *PmObject_Init(PmObject *op, PmTypeObject *tp)
{
    op->ob_refcnt = 1;
    op->ob_type = tp;
    _Pm_REFTOTAL_ADD(1);               /* a new reference */
    if (PmType_IS_GC(tp))
        PmObject_GC_Track(op);
    return op;
}

PmObject *PmObject_New(PmTypeObject *tp)
{
    size_t pre = _PmType_PreHeaderSize(tp);
    char *mem = PmObject_Malloc(pre + (size_t)tp->tp_basicsize);
    if (mem == NULL)
        Pm_FatalError("PmObject_New", "out of memory allocating a '%s' (%zd bytes)",
                      tp->tp_name, tp->tp_basicsize);
    if (PmType_IS_GC(tp))
        _PmObject_GC_Link(_Pm_AS_GC(mem + pre));
    return PmObject_Init((PmObject *)(mem + pre), tp);
}
size_t _PmType_PreHeaderSize(PmTypeObject *tp)
{
    size_t pre = 0;
    if (PmType_IS_GC(tp))
        pre += sizeof(PmGC_Head);
    (void)tp;
    return pre;
}

void PmObject_Del(void *op)
{
    if (PmObject_IS_GC((PmObject *)op) && _PmGC.generations[0].count > 0)
        _PmGC.generations[0].count--;
    PmObject_Free((char *)op - _PmType_PreHeaderSize(Pm_TYPE(op)));
}
Pm_ssize_t Pm_VarSize(PmTypeObject *tp, Pm_ssize_t n)
{
    if (n < 0 || (tp->tp_itemsize && n > (PM_SSIZE_MAX - tp->tp_basicsize) / tp->tp_itemsize))
        Pm_FatalError("PmObject_NewVar", "cannot make a '%s' of %zd items: size overflows",
                      tp->tp_name, n);
    return tp->tp_basicsize + n * tp->tp_itemsize;
}

PmVarObject *PmObject_NewVar(PmTypeObject *tp, Pm_ssize_t n)
{
    Pm_ssize_t size = Pm_VarSize(tp, n);
    size_t pre = _PmType_PreHeaderSize(tp);
    char *mem = PmObject_Malloc(pre + (size_t)size);
    if (mem == NULL)
        Pm_FatalError("PmObject_NewVar", "out of memory allocating a '%s' of %zd items",
                      tp->tp_name, n);
    if (PmType_IS_GC(tp))
        _PmObject_GC_Link(_Pm_AS_GC(mem + pre));
    PmVarObject *op = (PmVarObject *)(mem + pre);
    PmObject_Init(&op->ob_base, tp);
    op->ob_size = n;
    return op;
}
void Pm_FatalError(const char *where, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "Fatal pm error: %s: ", where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}
void _Pm_Dealloc(PmObject *op)
{
    if (PmObject_IS_GC(op) && _Pm_AS_GC(op)->_gc_next != 0)
        _PmObject_GC_UnlinkDying(_Pm_AS_GC(op));
    if (_Pm_Trash.depth >= PM_TRASH_DEPTH) {
        _Pm_TrashDefer(op);
        return;
    }
    if (++_Pm_Trash.depth > _Pm_Trash.stats.max_depth)
        _Pm_Trash.stats.max_depth = _Pm_Trash.depth;
    _Pm_Trash.stats.deallocs++;
    Pm_TYPE(op)->tp_dealloc(op);
    if (--_Pm_Trash.depth == 0) {
        PmObject *later;
        while ((later = _Pm_TrashPop()) != NULL) {
            _Pm_Trash.depth = 1;
            _Pm_Trash.stats.deallocs++;
            Pm_TYPE(later)->tp_dealloc(later);
        }
        _Pm_Trash.depth = 0;
    }
}
#ifdef PM_REF_DEBUG
Pm_ssize_t _Pm_RefTotal;
Pm_ssize_t PmSys_GetTotalRefCount(void) { return _Pm_RefTotal; }
#endif
static int pm_recursion_depth;         /* nested Equal/Print/Hash calls */

void Pm_EnterRecursiveCall(const char *where)
{
    if (++pm_recursion_depth > PM_RECURSION_LIMIT)
        Pm_FatalError("RecursionError", "maximum recursion depth exceeded%s", where);
}

void Pm_LeaveRecursiveCall(void) { pm_recursion_depth--; }
int Pm_Is(const void *a, const void *b) { return a == b; }

uintptr_t Pm_Id(const void *op) { return (uintptr_t)op; }

int PmObject_Equal(PmObject *a, PmObject *b)
{
    if (a == b)
        return 1;              /* identity implies equality, for our types */
    if (Pm_TYPE(a) != Pm_TYPE(b) || Pm_TYPE(a)->tp_equal == NULL)
        return 0;
    Pm_EnterRecursiveCall(" in comparison");
    int eq = Pm_TYPE(a)->tp_equal(a, b);
    Pm_LeaveRecursiveCall();
    return eq;
}
void PmObject_Print(PmObject *op, FILE *out)
{
    if (op == NULL) {
        fputs("<NULL>", out);
    } else if (Pm_TYPE(op)->tp_repr) {
        Pm_EnterRecursiveCall(" while getting the repr of an object");
        Pm_TYPE(op)->tp_repr(op, out);
        Pm_LeaveRecursiveCall();
    } else {
        fprintf(out, "<%s object>", Pm_TYPE(op)->tp_name);
    }
}
static PmObject *pm_repr_stack[PM_RECURSION_LIMIT];   /* being printed */
static int pm_repr_height;

int Pm_ReprEnter(PmObject *op)
{
    for (int i = pm_repr_height - 1; i >= 0; i--)
        if (pm_repr_stack[i] == op)
            return 1;                  /* already being printed: [...] */
    if (pm_repr_height == PM_RECURSION_LIMIT)
        Pm_FatalError("Pm_ReprEnter", "more than %d objects being printed", PM_RECURSION_LIMIT);
    pm_repr_stack[pm_repr_height++] = op;
    return 0;
}

void Pm_ReprLeave(PmObject *op)
{
    if (pm_repr_height == 0 || pm_repr_stack[pm_repr_height - 1] != op)
        Pm_FatalError("Pm_ReprLeave", "a '%s' leaves before the objects it prints",
                      Pm_TYPE(op)->tp_name);
    pm_repr_height--;
}
Pm_ssize_t PmObject_SizeOf(PmObject *op)
{
    PmTypeObject *tp = Pm_TYPE(op);
    Pm_ssize_t size = tp->tp_sizeof ? tp->tp_sizeof(op)
                    : tp->tp_basicsize + (tp->tp_itemsize ? Pm_SIZE(op) * tp->tp_itemsize : 0);
    size += (Pm_ssize_t)_PmType_PreHeaderSize(tp);
    return size;
}
static void object_dealloc(PmObject *op) { PmObject_Free(op); }

static void object_repr(PmObject *op, FILE *out)
{ (void)op; fputs("<object object>", out); }

PmTypeObject PmBaseObject_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "object",
    .tp_basicsize = sizeof(PmObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
};
