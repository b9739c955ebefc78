#include "pm.h"

static Pm_ssize_t refs_from_containers(PmObject *op)
{
    Pm_ssize_t inside = 0;
    PmObject *holders = PmGC_GetReferrers(op);
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(holders); i++) {
        PmObject *refs = PmGC_GetReferents(PmList_GET_ITEM(holders, i));
        for (Pm_ssize_t j = 0; j < PmList_GET_SIZE(refs); j++)
            inside += PmList_GET_ITEM(refs, j) == op;
        Pm_DECREF(refs);
    }
    Pm_DECREF(holders);
    return inside;
}
static void gc_refs_info(PmObject *op, char *buf, size_t size, void *arg)
{
    (void)arg;
    Pm_ssize_t count = Pm_REFCNT(op);
    if (!PmObject_GC_IsTracked(op)) {
        snprintf(buf, size, "not a container");
        return;
    }
    Pm_ssize_t inside = refs_from_containers(op);
    snprintf(buf, size, "count %zd\ngc_refs %zd - %zd = %zd", count, count, inside,
             count - inside);
}
int main(void)
{
    long long v1[] = {1, 2, 3}, v2[] = {4, 5, 6};
    PmObject *a = PmList_FromInts(3, v1), *b = PmList_FromInts(3, v2);
    PmList_Append(a, b);
    PmList_Append(b, a);
    Pm_DECREF(a);                               /* del a, b */
    Pm_DECREF(b);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.extra_info = gc_refs_info;
    PmObjGraph_ShowRefs(stdout, &a, 1, &o);
    return PmGC_Collect() == 2 ? 0 : 1;
}
