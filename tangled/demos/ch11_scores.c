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

static void show(const char *what, PmObject *scores, PmObject *mark)
{
    PmList_SetItem(PmList_GET_ITEM(scores, 0), 1, Pm_NewRef(mark));   /* scores[0][1] = 95.5 */
    printf("%-25s ", what);
    PmObject_Print(scores, stdout);
    printf("  scores[0] is scores[1]: %s\n",
           PmList_GET_ITEM(scores, 0) == PmList_GET_ITEM(scores, 1) ? "True" : "False");
    Pm_DECREF(scores);
}

int main(void)
{
    PmObject *zero = PmInt_FromLong(0), *mark = PmFloat_FromDouble(95.5);
    show("[[0] * 3] * 5:", trap(zero), mark);
    show("[[]] * 5, then new rows:", fix_by_new_rows(zero), mark);
    show("[[0] * 3 for _ in ...]:", fix_by_comprehension(zero), mark);
    Pm_DECREF(zero); Pm_DECREF(mark);
    return 0;
}
