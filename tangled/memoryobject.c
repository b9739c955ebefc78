#include <string.h>
#include "pm.h"

static void mbuf_release(PmManagedBufferObject *self)
{
    if (self->flags & PM_MANAGED_BUFFER_RELEASED)
        return;
    self->flags |= PM_MANAGED_BUFFER_RELEASED;
    PmBuffer_Release(&self->master);            /* master.obj is NULL after */
}

static void mbuf_dealloc(PmObject *op)
{
    mbuf_release((PmManagedBufferObject *)op);
    PmObject_Del(op);
}
static int mbuf_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    Pm_VISIT(((PmManagedBufferObject *)op)->master.obj);
    return 0;
}

static int mbuf_clear(PmObject *op)
{
    mbuf_release((PmManagedBufferObject *)op);
    return 0;
}

PmTypeObject PmManagedBuffer_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type), .tp_name = "managedbuffer",
    .tp_basicsize = sizeof(PmManagedBufferObject), .tp_dealloc = mbuf_dealloc,
    .tp_flags = Pm_TPFLAGS_HAVE_GC, .tp_traverse = mbuf_traverse, .tp_clear = mbuf_clear,
};
static PmManagedBufferObject *mbuf_from_object(PmObject *obj)
{
    PmManagedBufferObject *mbuf =
        (PmManagedBufferObject *)PmObject_New(&PmManagedBuffer_Type);
    mbuf->flags = 0;
    mbuf->exports = 0;
    mbuf->master.obj = NULL;
    if (PmObject_GetBuffer(obj, &mbuf->master, PmBUF_FULL_RO) < 0) {
        mbuf->master.obj = NULL;
        Pm_DECREF(mbuf);
        return NULL;
    }
    return mbuf;
}
static PmObject *mbuf_add_view(PmManagedBufferObject *mbuf, const PmBuffer *src)
{
    PmMemoryViewObject *mv = (PmMemoryViewObject *)PmObject_New(&PmMemoryView_Type);
    mv->flags = 0;
    mv->view = *src;
    mv->ob_array[0] = src->shape ? src->shape[0] : src->len / src->itemsize;
    mv->ob_array[1] = src->strides ? src->strides[0] : src->itemsize;
    mv->view.shape = &mv->ob_array[0];
    mv->view.strides = &mv->ob_array[1];
    mv->mbuf = (PmManagedBufferObject *)Pm_NewRef((PmObject *)mbuf);
    mbuf->exports++;
    return (PmObject *)mv;
}
static int released(PmObject *op)
{
    PmMemoryViewObject *mv = (PmMemoryViewObject *)op;
    if ((mv->flags & PM_MEMORYVIEW_RELEASED) ||
            (mv->mbuf->flags & PM_MANAGED_BUFFER_RELEASED)) {
        PmErr_SetString(PmExc_ValueError, "operation forbidden on released memoryview object");
        return 1;
    }
    return 0;
}
PmObject *PmMemoryView_FromObject(PmObject *obj)
{
    if (PmMemoryView_Check(obj))
        return released(obj) ? NULL
                             : mbuf_add_view(((PmMemoryViewObject *)obj)->mbuf,
                                             PmMemoryView_GET_BUFFER(obj));
    if (!PmObject_CheckBuffer(obj)) {
        PmErr_Format(PmExc_TypeError, "memoryview: a bytes-like object is required, not '%s'",
                     Pm_TYPE(obj)->tp_name);
        return NULL;
    }
    PmManagedBufferObject *mbuf = mbuf_from_object(obj);
    if (mbuf == NULL)
        return NULL;
    PmObject *mv = mbuf_add_view(mbuf, &mbuf->master);
    Pm_DECREF(mbuf);                   /* the view holds it now */
    return mv;
}
static Pm_ssize_t clip(Pm_ssize_t i, Pm_ssize_t n)     /* PySlice_AdjustIndices */
{
    if (i < 0)
        i = i + n < 0 ? 0 : i + n;
    return i > n ? n : i;
}

PmObject *PmMemoryView_Slice(PmObject *op, Pm_ssize_t start, Pm_ssize_t stop)
{
    if (released(op))
        return NULL;
    PmMemoryViewObject *mv = (PmMemoryViewObject *)op;
    Pm_ssize_t n = mv->view.shape[0];
    start = clip(start, n);
    stop = clip(stop, n);
    PmMemoryViewObject *s = (PmMemoryViewObject *)mbuf_add_view(mv->mbuf, &mv->view);
    s->view.buf = (char *)s->view.buf + start * s->view.strides[0];
    s->view.shape[0] = stop > start ? stop - start : 0;
    s->view.len = s->view.shape[0] * s->view.itemsize;
    return (PmObject *)s;
}
static unsigned char *item_at(PmObject *op, Pm_ssize_t i)    /* lookup_dimension */
{
    PmBuffer *view = PmMemoryView_GET_BUFFER(op);
    if (i < 0)
        i += view->shape[0];
    if (i < 0 || i >= view->shape[0]) {
        PmErr_SetString(PmExc_IndexError, "index out of bounds on dimension 1");
        return NULL;
    }
    return (unsigned char *)view->buf + i * view->strides[0];
}

PmObject *PmMemoryView_GetItem(PmObject *op, Pm_ssize_t i)
{
    unsigned char *p = released(op) ? NULL : item_at(op, i);
    return p ? PmInt_FromLong(*p) : NULL;
}
int PmMemoryView_SetItem(PmObject *op, Pm_ssize_t i, PmObject *value)
{
    if (released(op))
        return -1;
    if (PmMemoryView_GET_BUFFER(op)->readonly) {
        PmErr_SetString(PmExc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    unsigned char *p = item_at(op, i);
    if (p == NULL)
        return -1;
    long long v = PmInt_AsLong(value);
    if (v < 0 || v > 255) {
        PmErr_SetString(PmExc_ValueError, "memoryview: invalid value for format 'B'");
        return -1;
    }
    *p = (unsigned char)v;
    return 0;
}
PmObject *PmMemoryView_ToBytes(PmObject *op)
{
    if (released(op))
        return NULL;
    PmBuffer *view = PmMemoryView_GET_BUFFER(op);
    return PmBytes_FromStringAndSize(view->buf, view->len);
}
int PmMemoryView_Release(PmObject *op)                  /* _memory_release */
{
    PmMemoryViewObject *mv = (PmMemoryViewObject *)op;
    if (mv->flags & PM_MEMORYVIEW_RELEASED)
        return 0;
    mv->flags |= PM_MEMORYVIEW_RELEASED;
    if (--mv->mbuf->exports == 0)
        mbuf_release(mv->mbuf);
    return 0;
}
static void memory_dealloc(PmObject *op)
{
    PmMemoryView_Release(op);
    Pm_CLEAR(((PmMemoryViewObject *)op)->mbuf);
    PmObject_Del(op);
}

static int memory_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    Pm_VISIT(((PmMemoryViewObject *)op)->mbuf);
    return 0;
}

static int memory_clear(PmObject *op)
{
    PmMemoryView_Release(op);
    Pm_CLEAR(((PmMemoryViewObject *)op)->mbuf);
    return 0;
}
static void memory_repr(PmObject *op, FILE *out)
{
    fprintf(out, "<%smemory at %p>",
            ((PmMemoryViewObject *)op)->flags & PM_MEMORYVIEW_RELEASED ? "released " : "",
            (void *)op);
}

PmTypeObject PmMemoryView_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type), .tp_name = "memoryview",
    .tp_basicsize = sizeof(PmMemoryViewObject), .tp_dealloc = memory_dealloc,
    .tp_repr = memory_repr, .tp_flags = Pm_TPFLAGS_HAVE_GC,
    .tp_traverse = memory_traverse, .tp_clear = memory_clear,
};
