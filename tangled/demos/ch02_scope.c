#include "pm.h"
#include "noisy.h"

static void use_locally(void)
{
    PmObject *local = noisy("local list");
    printf("  in use_locally: count %zd\n", Pm_REFCNT(local));
    Pm_DECREF(local);                  /* rule 5: release before returning */
    printf("  use_locally returns\n");
}

static PmObject *make(void)
{
    PmObject *result = noisy("returned list");
    return result;                     /* rule 1: the caller owns it now */
}
int main(void)
{
    printf("call use_locally()\n");
    use_locally();
    printf("x = make()\n");
    PmObject *x = make();
    printf("  back in main: count %zd\n", Pm_REFCNT(x));
    printf("del x\n");
    Pm_DECREF(x);
    return 0;
}
