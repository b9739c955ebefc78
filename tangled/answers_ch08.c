#include "answers.h"

#define ANS8_INT_MAXFREELIST 100
static PmIntObject *int_free_list;             /* linked through ob_type */
static int int_numfree;

static void int_dealloc(PmObject *op)
{
    if (int_numfree < ANS8_INT_MAXFREELIST) {
        Pm_TYPE(op) = (PmTypeObject *)int_free_list;
        int_free_list = (PmIntObject *)op;
        int_numfree++;
        return;
    }
    PmObject_Free(op);
}

static void int_repr(PmObject *op, FILE *out)
{ fprintf(out, "%lld", ((PmIntObject *)op)->ob_ival); }

PmTypeObject Ans8_Int_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "int",
    .tp_basicsize = sizeof(PmIntObject),
    .tp_dealloc = int_dealloc,
    .tp_repr = int_repr,
};
PmObject *Ans8_IntFromLong(long long v)
{
    PmIntObject *op = int_free_list;
    if (op != NULL) {
        int_free_list = (PmIntObject *)Pm_TYPE(op);
        int_numfree--;
        PmObject_Init((PmObject *)op, &Ans8_Int_Type);
    } else {
        op = (PmIntObject *)PmObject_New(&Ans8_Int_Type);
    }
    op->ob_ival = v;
    return (PmObject *)op;
}

int Ans8_IntNumFree(void) { return int_numfree; }
