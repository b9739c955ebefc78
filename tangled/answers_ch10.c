#include "answers.h"

#define ANS10_NEG 5
#define ANS10_POS 1025
static PmIntObject wide_cache[ANS10_NEG + ANS10_POS];

__attribute__((constructor)) static void fill_wide_cache(void)
{
    for (int i = 0; i < ANS10_NEG + ANS10_POS; i++) {
        wide_cache[i].ob_base = (PmObject){ PM_IMMORTAL_REFCNT, &PmInt_Type };
        wide_cache[i].ob_ival = i - ANS10_NEG;
    }
}

PmObject *Ans10_IntFromLong(long long v)
{
    if (-ANS10_NEG <= v && v < ANS10_POS)
        return (PmObject *)&wide_cache[v + ANS10_NEG];
    return PmInt_FromLong(v);
}
