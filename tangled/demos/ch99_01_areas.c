#include "pm.h"

static PmObject *cache = NULL;

int main(void)
{
    cache = PmStr_FromString("hello");
    printf("the variable cache        : %s\n", Pm_AreaName(Pm_AreaOf(&cache)));
    printf("the object it points to   : %s\n", Pm_AreaName(Pm_AreaOf(cache)));
    printf("the literal \"hello\"       : %s\n", Pm_AreaName(Pm_AreaOf("hello")));
    printf("the string's characters   : %s\n", Pm_AreaName(Pm_AreaOf(PmStr_AsString(cache))));
    Pm_DECREF(cache);
    return 0;
}
