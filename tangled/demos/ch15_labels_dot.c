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
static int not_a_str(PmObject *op, void *arg) { (void)arg; return !PmStr_Check(op); }

static void show_names(PmObject *ns, int max_depth)   /* draw, then release */
{
    PmObjGraph_Options o = PmObjGraph_DEFAULTS;
    o.max_depth = max_depth;
    o.filter = not_a_str;             /* the names: labels on the edges */
    o.extra_info = count_info;
    PmObjGraph_ShowRefs(stdout, &ns, 1, &o);
    Pm_DECREF(ns);
}

int main(void)
{
    long long one23[] = {1, 2, 3};
    PmObject *ns = PmDict_New(), *a = PmList_FromInts(3, one23);
    bind(ns, "a", a);                                 /* a = [1, 2, 3] */
    bind(ns, "b", Pm_NewRef(a));                      /* b = a         */
    bind(ns, "c", PmList_FromInts(3, one23));         /* c = [1, 2, 3] */
    show_names(ns, 3);
    return 0;
}
