#include "pm.h"

Pm_ssize_t PmSys_GetRefCount(PmObject *x)
{
    Pm_INCREF(x);                      /* the caller's stack holds x ... */
    Pm_ssize_t n = Pm_REFCNT(x);
    Pm_DECREF(x);                      /* ... until the call returns     */
    return n;
}
PmTrash _Pm_Trash;

PmDeallocStats Pm_GetDeallocStats(void) { return _Pm_Trash.stats; }

void _Pm_TrashDefer(PmObject *op)
{
    op->ob_refcnt = (Pm_ssize_t)(intptr_t)_Pm_Trash.later;
    _Pm_Trash.later = op;
    _Pm_Trash.stats.deferred++;
}

PmObject *_Pm_TrashPop(void)
{
    PmObject *op = _Pm_Trash.later;
    if (op != NULL) {
        _Pm_Trash.later = (PmObject *)(intptr_t)op->ob_refcnt;
        op->ob_refcnt = 0;
    }
    return op;
}
void _Pm_NegativeRefcount(PmObject *op)
{
    Pm_FatalError("Pm_DECREF", "the reference count of a '%s' object at %p "
                  "would drop below zero (it is %zd): a reference was "
                  "released twice, or a borrowed one released",
                  Pm_TYPE(op)->tp_name, (void *)op, Pm_REFCNT(op));
}
static void none_dealloc(PmObject *op)
{
    Pm_FatalError("none_dealloc", "deallocating None at %p", (void *)op);
}

static void none_repr(PmObject *op, FILE *out) { (void)op; fputs("None", out); }

PmTypeObject PmNone_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(PmObject),
    .tp_dealloc = none_dealloc,
    .tp_repr = none_repr,
};

PmObject _Pm_NoneStruct = { PM_IMMORTAL_REFCNT, &PmNone_Type };
