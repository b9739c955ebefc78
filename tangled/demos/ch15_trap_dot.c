#include "pm.h"
static PmObject *repeat1(PmObject *x, Pm_ssize_t n)   /* [x] * n; steals x */
{
    PmObject *one = PmList_New(1), *r;
    PmList_SET_ITEM(one, 0, x);
    r = PmList_Repeat(one, n);
    Pm_DECREF(one);
    return r;
}

static inline PmObject *trap(PmObject *zero)          /* [[zero] * 3] * 5 */
{
    return repeat1(repeat1(Pm_NewRef(zero), 3), 5);
}
static inline PmObject *fix_by_new_rows(PmObject *zero)     /* [[]] * 5; scores[row] = [0] * 3 */
{
    PmObject *scores = repeat1(PmList_New(0), 5);
    for (Pm_ssize_t row = 0; row < 5; row++)
        PmList_SetItem(scores, row, repeat1(Pm_NewRef(zero), 3));
    return scores;
}

static inline PmObject *fix_by_comprehension(PmObject *zero)   /* [[0] * 3 for _ in range(5)] */
{
    PmObject *scores = PmList_New(5);
    for (Pm_ssize_t row = 0; row < 5; row++)
        PmList_SET_ITEM(scores, row, repeat1(Pm_NewRef(zero), 3));
    return scores;
}
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
#define BUILD trap
int main(void)
{
    PmObject *zero = PmFloat_FromDouble(0.0), *ns = PmDict_New();
    PmObject *scores = BUILD(zero);
    Pm_DECREF(zero);
    PmList_SetItem(PmList_GET_ITEM(scores, 0), 1, PmFloat_FromDouble(95.5));
    bind(ns, "scores", scores);
    show_names(ns, 3);
    return 0;
}
