#include "pm.h"

static void func_311(PmObject *param)  /* owns param: moved from the stack */
{
    printf("  inside func: %zd\n", PmSys_GetRefCount(param));
    Pm_DECREF(param);                  /* the frame dies */
}

static void func_310(PmObject *stack_ref)   /* the caller's stack keeps its */
{
    PmObject *param = Pm_NewRef(stack_ref);  /* the frame's own copy */
    printf("  inside func: %zd\n", PmSys_GetRefCount(param));
    Pm_DECREF(param);
}
int main(void)
{
    PmObject *a = PmList_New(0);                   /* a = [] */
    printf("CPython 3.11 (arguments moved):\n  %zd\n", PmSys_GetRefCount(a));
    func_311(Pm_NewRef(a));                        /* push a, call */
    printf("  %zd\n", PmSys_GetRefCount(a));
    printf("CPython 3.10 (arguments copied):\n  %zd\n", PmSys_GetRefCount(a));
    PmObject *pushed = Pm_NewRef(a);               /* push a */
    func_310(pushed);
    Pm_DECREF(pushed);                             /* pop after the call */
    printf("  %zd\n", PmSys_GetRefCount(a));
    Pm_DECREF(a);
    return 0;
}
