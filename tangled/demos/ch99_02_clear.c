#include "answers.h"

static void clear_the_wrong_way(PmObject *list)
{
    PmListObject *l = (PmListObject *)list;
    for (Pm_ssize_t i = Pm_SIZE(l) - 1; i >= 0; i--)
        Pm_DECREF(l->ob_item[i]);              /* the list still claims them */
    Pm_SIZE(l) = 0;
}

static PmObject *three(void)                   /* [1000, 1001, witness] */
{
    long long v[] = {1000, 1001};
    PmObject *l = PmList_FromInts(2, v), *w = Ans2_Witness(l);
    PmList_Append(l, w);
    Pm_DECREF(w);
    return l;
}

int main(void)
{
    PmObject *l = three();
    clear_the_wrong_way(l);
    printf("released in place: the dying item saw a list of %zd items\n", Ans2_SizeSeen);
    Pm_DECREF(l);
    l = three();
    Ans2_ListClear(l);
    printf("Ans2_ListClear:    the dying item saw a list of %zd items\n", Ans2_SizeSeen);
    Pm_DECREF(l);
    return 0;
}
