#include "pm.h"

static int counter = 7;                /* an initialised global */
static const char greeting[] = "hello";

int main(void)
{
    PmObject *a = PmInt_FromLong(1000);
    PmObject **label = &a;             /* where the label itself is */
    printf("the label a (a local)         : %s\n", Pm_AreaName(Pm_AreaOf(label)));
    printf("the object a points to        : %s\n", Pm_AreaName(Pm_AreaOf(a)));
    printf("a global variable             : %s\n", Pm_AreaName(Pm_AreaOf(&counter)));
    printf("a string constant             : %s\n", Pm_AreaName(Pm_AreaOf(greeting)));
    printf("the code of main()            : %s\n", Pm_AreaName(Pm_AreaOf((void *)(uintptr_t)main)));
    printf("the type object int (static)  : %s\n", Pm_AreaName(Pm_AreaOf(&PmInt_Type)));
    Pm_DECREF(a);
    return 0;
}
