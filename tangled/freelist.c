#include "pm.h"

PmListObject *pm_list_free_list[PM_LIST_MAXFREELIST];
int pm_list_numfree;
int pm_freelists_enabled = 1;

Pm_ssize_t Pm_ClearFreeLists(void)
{
    Pm_ssize_t n = _PmFloat_ClearFreeList() + _PmTuple_ClearFreeList() + pm_list_numfree;
    while (pm_list_numfree > 0)
        PmObject_Del(pm_list_free_list[--pm_list_numfree]);
    n += _PmDict_ClearFreeList();
    return n;
}
