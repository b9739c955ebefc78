#include "answers.h"

PmObject *Ans16_SliceStep(PmObject *mv, Pm_ssize_t start, Pm_ssize_t stop, Pm_ssize_t step)
{
    if (step <= 0)
        Pm_FatalError("Ans16_SliceStep", "step %zd: only positive steps here", step);
    PmObject *s = PmMemoryView_Slice(mv, start, stop);
    if (s == NULL)
        return NULL;                            /* a released view */
    PmBuffer *v = PmMemoryView_GET_BUFFER(s);
    Pm_ssize_t n = v->shape[0];
    v->shape[0] = n > 0 ? (n - 1) / step + 1 : 0;
    v->strides[0] *= step;
    v->len = v->shape[0] * v->itemsize;
    return s;
}
PmObject *Ans16_ToBytes(PmObject *mv)
{
    PmObject *b = PmMemoryView_ToBytes(mv);     /* checked, and len bytes long */
    if (b == NULL)
        return NULL;
    PmBuffer *v = PmMemoryView_GET_BUFFER(mv);
    for (Pm_ssize_t i = 0; i < v->shape[0]; i++)
        PmBytes_AS_STRING(b)[i] = ((const char *)v->buf)[i * v->strides[0]];
    return b;
}
