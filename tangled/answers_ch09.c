#include "answers.h"

void Ans9_AppendDoubling(PmObject *list, PmObject *item)
{
    PmListObject *l = (PmListObject *)list;
    if (!PmList_Check(list))
        Pm_FatalError("Ans9_AppendDoubling", "expected a 'list', got a '%s'",
                      Pm_TYPE(list)->tp_name);
    if (Pm_SIZE(l) == l->allocated) {
        Pm_ssize_t cap = l->allocated ? 2 * l->allocated : 4;
        PmObject **items = PmMem_Realloc(l->ob_item, (size_t)cap * sizeof(PmObject *));
        if (items == NULL)
            Pm_FatalError("Ans9_AppendDoubling", "out of memory for %zd items", cap);
        l->ob_item = items;
        l->allocated = cap;
    }
    l->ob_item[Pm_SIZE(l)++] = Pm_NewRef(item);
}
