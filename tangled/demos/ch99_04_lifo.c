#include "pm.h"

static const char *tf(int b) { return b ? "True" : "False"; }

int main(void)
{
    PmObject *x = PmObject_New(&PmBaseObject_Type), *y = PmObject_New(&PmBaseObject_Type);
    uintptr_t ix = Pm_Id(x), iy = Pm_Id(y);
    Pm_DECREF(x);                              /* del x, y */
    Pm_DECREF(y);
    PmObject *z = PmObject_New(&PmBaseObject_Type);
    printf("id(z) == id(y): %s  id(z) == id(x): %s\n", tf(Pm_Id(z) == iy), tf(Pm_Id(z) == ix));
    PmObject *a = PmObject_New(&PmBaseObject_Type);
    uintptr_t ia = Pm_Id(a);
    Pm_DECREF(a);
    PmObject *b = PmObject_New(&PmBaseObject_Type);
    printf("id(object()) == id(object()): %s\n", tf(Pm_Id(b) == ia));
    Pm_DECREF(b); Pm_DECREF(z);
    return 0;
}
