#include "pm.h"

static const char *tf(int b) { return b ? "True" : "False"; }

static uintptr_t id_of_dead(PmObject *op)     /* id(op), then op dies */
{
    uintptr_t id = Pm_Id(op);
    Pm_DECREF(op);
    return id;
}

static PmObject *ks(Pm_ssize_t n, int tuple)  /* (k, k, ...) or [k, k, ...] */
{
    PmObject *k = PmInt_FromLong(3), *t = tuple ? PmTuple_New(n) : PmList_New(n);
    for (Pm_ssize_t i = 0; i < n; i++)
        if (tuple)
            PmTuple_SET_ITEM(t, i, Pm_NewRef(k));
        else
            PmList_SET_ITEM(t, i, Pm_NewRef(k));
    Pm_DECREF(k);
    return t;
}
int main(void)
{
    uintptr_t a = id_of_dead(PmFloat_FromDouble(4.5));
    printf("id(1.5 * k) == id(2.5 * k):   %s\n", tf(a == id_of_dead(PmFloat_FromDouble(7.5))));
    a = id_of_dead(ks(2, 1));
    printf("id((k, k)) == id((k, k, k)):  %s\n", tf(a == id_of_dead(ks(3, 1))));
    a = id_of_dead(ks(1, 0));
    printf("id([k]) == id([k, k]):        %s\n", tf(a == id_of_dead(ks(2, 0))));
    return 0;
}
