#include "pm.h"
#include "graph.h"

static void draw(PmObject *l, const char *note)   /* a list, its ints, its note */
{
    char items[32], count[32], value[32], index[24];
    snprintf(items, sizeof items, "%zd items", Pm_SIZE(l));
    snprintf(count, sizeof count, "count %zd", Pm_REFCNT(l));
    PmGraph_Node(stdout, l, "list", items, count);
    for (Pm_ssize_t i = 0; i < Pm_SIZE(l); i++) {
        PmObject *item = PmList_GET_ITEM(l, i);
        snprintf(index, sizeof index, "%zd", i);
        if (!PmList_Check(item)) {
            snprintf(value, sizeof value, "%lld", ((PmIntObject *)item)->ob_ival);
            PmGraph_Node(stdout, item, "int", value, "not a container");
        }
        PmGraph_Edge(stdout, l, item, index, 0);
    }
    PmGraph_Note(stdout, l, note);
}
int main(void)
{
    long long v1[] = {1, 2, 3}, v2[] = {4, 5, 6};
    PmObject *a = PmList_FromInts(3, v1), *b = PmList_FromInts(3, v2);
    PmList_Append(a, b);
    PmList_Append(b, a);
    Pm_DECREF(a);                               /* del a, b */
    Pm_DECREF(b);
    PmGraph_Begin(stdout, "cycle");
    draw(a, "count 1, from b:\\ngc_refs 1 - 1 = 0");
    draw(b, "count 1, from a:\\ngc_refs 1 - 1 = 0");
    PmGraph_End(stdout);
    return PmGC_Collect() == 2 ? 0 : 1;
}
