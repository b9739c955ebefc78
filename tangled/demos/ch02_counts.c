#include "pm.h"

static void keep(PmObject *arg)        /* borrows its argument: no change */
{
    printf("inside a call (borrowed)   %zd\n", Pm_REFCNT(arg));
}

int main(void)
{
    PmObject *p = PmStr_FromString("Person()");
    printf("created: p = Person()      %zd\n", Pm_REFCNT(p));
    PmObject *p1 = Pm_NewRef(p);
    printf("aliased: p1 = p            %zd\n", Pm_REFCNT(p));
    keep(p);
    PmObject *l = PmList_New(0);
    PmList_Append(l, p);
    printf("stored:  l = [p]           %zd\n", Pm_REFCNT(p));
    Pm_DECREF(p1);
    printf("del p1                     %zd\n", Pm_REFCNT(p));
    PmObject *other = PmStr_FromString("other");
    PmList_SetItem(l, 0, other);
    printf("removed from the list      %zd\n", Pm_REFCNT(p));
    Pm_DECREF(l);
    printf("rebinding p frees it       (count was %zd)\n", Pm_REFCNT(p));
    Pm_DECREF(p);
    return 0;
}
