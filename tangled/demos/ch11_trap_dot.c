#include "pm.h"
#include "graph.h"
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

#define BUILD trap
#define NAME "trap"
int main(void)
{
    PmObject *zero = PmFloat_FromDouble(0.0), *mark = PmFloat_FromDouble(95.5);
    PmObject *scores = BUILD(zero);
    PmList_SetItem(PmList_GET_ITEM(scores, 0), 1, Pm_NewRef(mark));
    PmGraph_Begin(stdout, NAME);
    PmGraph_Label(stdout, "scores", scores);
    PmGraph_Object(stdout, scores);
    PmGraph_End(stdout);
    Pm_DECREF(scores); Pm_DECREF(zero); Pm_DECREF(mark);
    return 0;
}
