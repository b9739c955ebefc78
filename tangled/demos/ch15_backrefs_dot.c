#include "pm.h"
static void bind(PmObject *ns, const char *name, PmObject *value)  /* steals value */
{
    PmObject *key = PmStr_FromString(name);
    PmDict_SetItem(ns, key, value);
    Pm_DECREF(key);
    Pm_DECREF(value);
}

static void count_info(PmObject *op, char *buf, size_t size, void *arg)
{
    (void)arg;
    if (Pm_IsImmortal(op))
        snprintf(buf, size, "immortal");
    else
        snprintf(buf, size, "count %zd", Pm_REFCNT(op));
}

int main(void)
{
    long long v1[] = {1, 2, 3}, v2[] = {4, 5, 6};
    PmObject *ns = PmDict_New(), *a = PmList_FromInts(3, v1), *b = PmList_FromInts(3, v2);
    PmList_Append(a, b);
    PmList_Append(b, a);
    bind(ns, "a", a);
    bind(ns, "b", b);
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.extra_info = count_info;
    PmObjGraph_ShowBackrefs(stdout, &a, 1, &o);     /* objgraph.show_backrefs([a]) */
    Pm_DECREF(ns);
    return PmGC_Collect() == 2 ? 0 : 1;
}
