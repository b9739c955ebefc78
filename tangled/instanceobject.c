#include "pm.h"

static PmInstanceObject *as_instance(const char *where, PmObject *op)
{
    if (Pm_TYPE(op)->tp_dealloc != _PmInstance_Dealloc)
        Pm_FatalError(where, "expected an instance of a class, got a '%s'", Pm_TYPE(op)->tp_name);
    return (PmInstanceObject *)op;
}

PmObject *PmInstance_New(PmTypeObject *cls)
{
    PmInstanceObject *in = (PmInstanceObject *)PmObject_New(cls);
    in->in_dict = NULL;
    in->in_weakreflist = NULL;
    in->in_dict_read = 0;
    return (PmObject *)in;
}
void PmInstance_SetAttr(PmObject *self, const char *name, PmObject *value)
{
    PmInstanceObject *in = as_instance("PmInstance_SetAttr", self);
    if (in->in_dict == NULL)
        in->in_dict = PmDict_New();
    PmObject *key = PmStr_FromString(name);
    PmDict_SetItem(in->in_dict, key, value);
    Pm_DECREF(key);
    if (!in->in_dict_read && PmObject_GC_IsTracked(in->in_dict))
        PmObject_GC_UnTrack(in->in_dict);       /* seen through the instance only */
}

PmObject *PmInstance_GetAttr(PmObject *self, const char *name)
{
    PmInstanceObject *in = as_instance("PmInstance_GetAttr", self);
    if (in->in_dict == NULL)
        return NULL;
    PmObject *key = PmStr_FromString(name), *v = PmDict_GetItem(in->in_dict, key);
    Pm_DECREF(key);
    return v;
}
PmObject *PmInstance_GetDict(PmObject *self)          /* self.__dict__ */
{
    PmInstanceObject *in = as_instance("PmInstance_GetDict", self);
    if (in->in_dict == NULL)
        in->in_dict = PmDict_New();
    if (!in->in_dict_read) {                    /* a dict of its own from now on */
        in->in_dict_read = 1;
        if (!PmObject_GC_IsTracked(in->in_dict))
            PmObject_GC_Track(in->in_dict);
        _PmDict_MaybeUntrack(in->in_dict);          /* CPython: make_dict_from_instance_attributes */
    }
    return Pm_NewRef(in->in_dict);
}
int _PmInstance_Traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    PmObject *d = ((PmInstanceObject *)op)->in_dict;
    if (d == NULL)
        return 0;
    if (PmObject_GC_IsTracked(d)) {
        Pm_VISIT(d);
        return 0;
    }
    return PmDict_Type.tp_traverse(d, visit, arg);   /* the owned dict's contents */
}

int _PmInstance_Clear(PmObject *op)
{
    Pm_CLEAR(((PmInstanceObject *)op)->in_dict);
    return 0;
}
/* 1 if op was resurrected and must not be freed */
static int call_finalizer_from_dealloc(PmObject *op)
{
    PmTypeObject *tp = Pm_TYPE(op);
    op->ob_refcnt = 1;                          /* alive while the finalizer runs */
    PmObject_GC_Track(op);
    if (tp->tp_finalize != NULL && !PmObject_GC_IsFinalized(op)) {
        tp->tp_finalize(op);
        _Pm_AS_GC(op)->_gc_prev |= PM_GC_PREV_MASK_FINALIZED;
    }
    if (tp->tp_del != NULL)
        tp->tp_del(op);
    if (--op->ob_refcnt != 0)
        return 1;                               /* resurrected: stays tracked */
    PmObject_GC_UnTrack(op);
    return 0;
}
void _PmInstance_Dealloc(PmObject *op)
{
    PmTypeObject *tp = Pm_TYPE(op);
    if ((tp->tp_finalize != NULL || tp->tp_del != NULL) && call_finalizer_from_dealloc(op))
        return;
    PmObject_ClearWeakRefs(op);
    Pm_CLEAR(((PmInstanceObject *)op)->in_dict);
    PmObject_Del(op);
}
