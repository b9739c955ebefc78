#include "pm.h"

static void int_dealloc(PmObject *op) { PmObject_Free(op); }

static int int_equal(PmObject *a, PmObject *b)
{ return ((PmIntObject *)a)->ob_ival == ((PmIntObject *)b)->ob_ival; }

static void int_repr(PmObject *op, FILE *out)
{ fprintf(out, "%lld", ((PmIntObject *)op)->ob_ival); }

PmTypeObject PmInt_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "int",
    .tp_basicsize = sizeof(PmIntObject),
    .tp_dealloc = int_dealloc,
    .tp_equal = int_equal,
    .tp_repr = int_repr,
};
PmObject *PmInt_FromLong(long long v)
{
    if (PM_IS_SMALL_INT(v))                /* immortal: no count to raise */
        return (PmObject *)&_Pm_SmallInts[v + PM_NSMALLNEGINTS];
    PmIntObject *op = (PmIntObject *)PmObject_New(&PmInt_Type);
    op->ob_ival = v;
    return (PmObject *)op;
}

long long PmInt_AsLong(PmObject *op)
{
    if (!PmInt_Check(op))
        Pm_FatalError("PmInt_AsLong", "expected an 'int', got a '%s'", Pm_TYPE(op)->tp_name);
    return ((PmIntObject *)op)->ob_ival;
}
PmIntObject _Pm_SmallInts[PM_NSMALLNEGINTS + PM_NSMALLPOSINTS];

__attribute__((constructor)) static void pm_init_small_ints(void)
{
    for (int i = 0; i < PM_NSMALLNEGINTS + PM_NSMALLPOSINTS; i++) {
        _Pm_SmallInts[i].ob_base = (PmObject){ PM_IMMORTAL_REFCNT, &PmInt_Type };
        _Pm_SmallInts[i].ob_ival = i - PM_NSMALLNEGINTS;
    }
}
