#include "pm.h"

int main(void)
{
    PmObject *d = PmDict_New(), *m1 = PmInt_FromLong(-1), *m2 = PmInt_FromLong(-2);
    PmObject *a = PmStr_FromString("a"), *b = PmStr_FromString("b");
    PmDict_SetItem(d, m1, a);
    PmDict_SetItem(d, m2, b);
    printf("hash(-1), hash(-2): %zd %zd  len(d): %zd  d[-1], d[-2]: %s %s\n",
           PmObject_Hash(m1), PmObject_Hash(m2), PmDict_Size(d),
           PmStr_AsString(PmDict_GetItem(d, m1)), PmStr_AsString(PmDict_GetItem(d, m2)));
    Pm_DECREF(d); Pm_DECREF(m1); Pm_DECREF(m2); Pm_DECREF(a); Pm_DECREF(b);
    return 0;
}
