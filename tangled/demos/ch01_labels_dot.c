#include "pm.h"
#include "graph.h"

int main(void)
{
    long long one23[] = {1, 2, 3};
    PmObject *a = PmList_FromInts(3, one23);
    PmObject *b = a;
    Pm_INCREF(b);
    PmObject *c = PmList_FromInts(3, one23);   /* an equal, different list */
    PmGraph_Begin(stdout, "labels");
    PmGraph_Label(stdout, "a", a);
    PmGraph_Label(stdout, "b", b);
    PmGraph_Label(stdout, "c", c);
    PmGraph_Object(stdout, a);
    PmGraph_Object(stdout, c);
    PmGraph_End(stdout);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c);
    return 0;
}
