#include "pm.h"

int main(void)
{
    PmObject *x = PmStr_FromString("spam"), *l = PmList_New(0);
    for (int i = 0; i < 3; i++)
        PmList_Append(l, x);
    printf("after l = [x, x, x]: %zd\n", PmSys_GetRefCount(x));
    Pm_DECREF(l);
    printf("after del l:         %zd\n", PmSys_GetRefCount(x));
    Pm_DECREF(x);
    return 0;
}
