#include "answers.h"

static int append_referent(PmObject *op, void *list)
{
    PmList_Append(list, op);
    return 0;
}

PmObject *Ans12_GetReferents(PmObject *op)
{
    PmObject *list = PmList_New(0);
    if (PmObject_IS_GC(op))
        Pm_TYPE(op)->tp_traverse(op, append_referent, list);
    return list;
}
