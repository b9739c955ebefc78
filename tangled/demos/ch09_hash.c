#include <math.h>
#include "pm.h"

static void show(const char *text, PmObject *op)
{
    printf("hash(%s) = %zd\n", text, PmObject_Hash(op));
    Pm_DECREF(op);
}

static PmObject *pair(PmObject *a, PmObject *b)
{
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, a);
    PmTuple_SET_ITEM(t, 1, b);
    return t;
}
int main(void)
{
    show("1", PmInt_FromLong(1));
    show("-1", PmInt_FromLong(-1));
    show("2**61 - 1", PmInt_FromLong((1LL << 61) - 1));
    show("2**61", PmInt_FromLong(1LL << 61));
    show("-2**62", PmInt_FromLong(-(1LL << 62)));
    show("1.0", PmFloat_FromDouble(1.0));
    show("0.5", PmFloat_FromDouble(0.5));
    show("-1.5", PmFloat_FromDouble(-1.5));
    show("float('inf')", PmFloat_FromDouble(INFINITY));
    show("()", PmTuple_New(0));
    show("(1, 2)", pair(PmInt_FromLong(1), PmInt_FromLong(2)));
    show("(1, (2, 3))", pair(PmInt_FromLong(1), pair(PmInt_FromLong(2), PmInt_FromLong(3))));
    return 0;
}
