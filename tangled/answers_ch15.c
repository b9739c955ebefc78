#include <string.h>
#include "answers.h"

Pm_ssize_t Ans15_Count(const char *typename)
{
    Pm_ssize_t n = 0;
    PmObject *all = PmGC_GetObjects(-1);          /* gc.get_objects() */
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(all); i++)
        n += strcmp(Pm_TYPE(PmList_GET_ITEM(all, i))->tp_name, typename) == 0;
    Pm_DECREF(all);
    return n;
}
