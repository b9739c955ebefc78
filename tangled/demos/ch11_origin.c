#include "pm.h"

static void show(const char *name, PmObject *l, PmObject *origin)
{
    printf("%s", name);
    PmObject_Print(l, stdout);
    if (l != origin)
        printf("  %.4s[2] is origin[2]: %s", name, PmList_GET_ITEM(l, 2) == PmList_GET_ITEM(origin, 2)
                                                    ? "True" : "False");
    printf("\n");
}
int main(void)
{
    long long v[] = {1, 2, 3, 4};
    PmObject *origin = PmList_FromInts(2, v), *inner = PmList_FromInts(2, v + 2);
    PmList_Append(origin, inner);                  /* origin = [1, 2, [3, 4]] */
    Pm_DECREF(inner);
    PmObject *cop1 = PmCopy_Copy(origin), *cop2 = PmCopy_DeepCopy(origin);
    printf("cop1 == cop2: %s  cop1 is cop2: %s\n", PmObject_Equal(cop1, cop2) ? "True" : "False",
           Pm_Is(cop1, cop2) ? "True" : "False");
    PmList_SetItem(inner, 0, PmStr_FromString("hey!"));   /* origin[2][0] = "hey!" */
    show("origin: ", origin, origin);
    show("cop1:   ", cop1, origin);
    show("cop2:   ", cop2, origin);
    Pm_DECREF(origin); Pm_DECREF(cop1); Pm_DECREF(cop2);
    return 0;
}
