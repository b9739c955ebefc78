#include "pm.h"

int PmObject_CheckBuffer(PmObject *obj)
{
    PmBufferProcs *pb = Pm_TYPE(obj)->tp_as_buffer;
    return pb != NULL && pb->bf_getbuffer != NULL;
}

int PmObject_GetBuffer(PmObject *obj, PmBuffer *view, int flags)
{
    if (!PmObject_CheckBuffer(obj)) {
        PmErr_Format(PmExc_TypeError, "a bytes-like object is required, not '%s'",
                     Pm_TYPE(obj)->tp_name);
        return -1;
    }
    return Pm_TYPE(obj)->tp_as_buffer->bf_getbuffer(obj, view, flags);
}
void PmBuffer_Release(PmBuffer *view)
{
    PmObject *obj = view->obj;
    if (obj == NULL)
        return;
    PmBufferProcs *pb = Pm_TYPE(obj)->tp_as_buffer;
    if (pb != NULL && pb->bf_releasebuffer != NULL)
        pb->bf_releasebuffer(obj, view);
    view->obj = NULL;
    Pm_DECREF(obj);
}
int PmBuffer_FillInfo(PmBuffer *view, PmObject *obj, void *buf, Pm_ssize_t len,
                      int readonly, int flags)
{
    if ((flags & PmBUF_WRITABLE) && readonly) {
        PmErr_SetString(PmExc_BufferError, "Object is not writable.");
        return -1;
    }
    view->obj = Pm_NewRef(obj);
    view->buf = buf;
    view->len = len;
    view->readonly = readonly;
    view->itemsize = 1;
    view->format = (flags & PmBUF_FORMAT) ? "B" : NULL;
    view->ndim = 1;
    view->shape = (flags & PmBUF_ND) ? &view->len : NULL;
    view->strides = (flags & PmBUF_STRIDES) == PmBUF_STRIDES ? &view->itemsize : NULL;
    return 0;
}
