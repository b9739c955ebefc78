#include "pm.h"

int main(void)
{
    PmObject *qike = PmStr_FromString("qike"), *pu = PmStr_FromString("pu");
    PmObject *s = PmStr_Concat(qike, pu);
    PmObject *t = PmSys_Intern(s);
    printf("s is t: %s  PmSys_GetRefCount(s): %zd\n", Pm_Is(s, t) ? "True" : "False",
           PmSys_GetRefCount(s));
    Pm_DECREF(t); Pm_DECREF(s); Pm_DECREF(qike); Pm_DECREF(pu);
    return 0;
}
