#include "answers.h"

#define ANS11_MAX_DEPTH 1000

static PmObject *naive_copy(PmObject *x, int depth)
{
    if (!PmList_Check(x))
        return Pm_NewRef(x);                   /* atomic in this sketch */
    if (depth >= ANS11_MAX_DEPTH)
        return NULL;
    Pm_ssize_t n = PmList_GET_SIZE(x);
    PmObject *y = PmList_New(n);
    for (Pm_ssize_t i = 0; i < n; i++) {
        PmObject *item = naive_copy(PmList_GET_ITEM(x, i), depth + 1);
        if (item == NULL) {
            Pm_DECREF(y);                      /* empty slots are NULL: fine */
            return NULL;
        }
        PmList_SET_ITEM(y, i, item);
    }
    return y;
}

PmObject *Ans11_NaiveDeepCopy(PmObject *x) { return naive_copy(x, 0); }
