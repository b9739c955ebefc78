#include "answers.h"

void Ans2_ListClear(PmObject *list)
{
    if (!PmList_Check(list))
        Pm_FatalError("Ans2_ListClear", "expected a 'list', got a '%s'",
                      Pm_TYPE(list)->tp_name);
    PmListObject *l = (PmListObject *)list;
    PmObject **items = l->ob_item;
    Pm_ssize_t n = Pm_SIZE(l);
    l->ob_item = NULL;                         /* the list is empty ... */
    Pm_SIZE(l) = 0;
    l->allocated = 0;
    while (--n >= 0)                           /* ... before anything dies */
        Pm_XDECREF(items[n]);
    PmMem_Free(items);
}
typedef struct {
    PmObject_HEAD
    PmObject *watched;                         /* not a reference */
} Witness;

Pm_ssize_t Ans2_SizeSeen = -1;

static void witness_dealloc(PmObject *op)
{
    Ans2_SizeSeen = Pm_SIZE(((Witness *)op)->watched);
    PmObject_Free(op);
}

static PmTypeObject Witness_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "witness",
    .tp_basicsize = sizeof(Witness),
    .tp_dealloc = witness_dealloc,
};

PmObject *Ans2_Witness(PmObject *list)
{
    Witness *w = (Witness *)PmObject_New(&Witness_Type);
    w->watched = list;
    return (PmObject *)w;
}
PmObject *Ans2_FirstItem(PmObject *list)
{
    PmObject *x = Pm_NewRef(PmList_GetItem(list, 0));   /* ours now */
    Pm_DECREF(list);
    return x;
}
