#include "pm.h"

#define PM_FLOAT_MAXFREELIST 100
static PmFloatObject *float_free_list;   /* linked through ob_type */
static int float_numfree;
PmObject *PmFloat_FromDouble(double v)
{
    PmFloatObject *op = float_free_list;
    if (op != NULL && pm_freelists_enabled) {
        float_free_list = (PmFloatObject *)Pm_TYPE(op);
        float_numfree--;
        PmObject_Init((PmObject *)op, &PmFloat_Type);
    } else {
        op = (PmFloatObject *)PmObject_New(&PmFloat_Type);
    }
    op->ob_fval = v;
    return (PmObject *)op;
}
static void float_dealloc(PmObject *op)
{
    if (float_numfree < PM_FLOAT_MAXFREELIST && pm_freelists_enabled) {
        Pm_TYPE(op) = (PmTypeObject *)float_free_list;
        float_free_list = (PmFloatObject *)op;
        float_numfree++;
        return;
    }
    PmObject_Free(op);
}
Pm_ssize_t _PmFloat_ClearFreeList(void)
{
    Pm_ssize_t n = float_numfree;
    while (float_free_list != NULL) {
        PmFloatObject *op = float_free_list;
        float_free_list = (PmFloatObject *)Pm_TYPE(op);
        PmObject_Free(op);
    }
    float_numfree = 0;
    return n;
}
double PmFloat_AsDouble(PmObject *op)
{
    if (!PmFloat_Check(op))
        Pm_FatalError("PmFloat_AsDouble", "expected a 'float', got a '%s'", Pm_TYPE(op)->tp_name);
    return ((PmFloatObject *)op)->ob_fval;
}

static int float_equal(PmObject *a, PmObject *b)
{ return ((PmFloatObject *)a)->ob_fval == ((PmFloatObject *)b)->ob_fval; }

static void float_repr(PmObject *op, FILE *out)
{ fprintf(out, "%.17g", ((PmFloatObject *)op)->ob_fval); }

PmTypeObject PmFloat_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "float",
    .tp_basicsize = sizeof(PmFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_equal = float_equal,
    .tp_repr = float_repr,
};
PmObject *_PmFloat_FreeList(void) { return (PmObject *)float_free_list; }
int _PmFloat_NumFree(void) { return float_numfree; }
