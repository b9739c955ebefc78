#include <string.h>
#include "pm.h"

char _PmByteArray_empty_string[] = "";

PmObject *PmByteArray_FromStringAndSize(const char *s, Pm_ssize_t n)
{
    if (n < 0 || n == PM_SSIZE_MAX)
        Pm_FatalError("PmByteArray_FromStringAndSize", "bad size %zd", n);
    PmByteArrayObject *op = (PmByteArrayObject *)PmObject_New(&PmByteArray_Type);
    op->ob_bytes = NULL;
    op->ob_alloc = 0;
    if (n > 0) {
        op->ob_alloc = n + 1;
        op->ob_bytes = PmObject_Malloc((size_t)n + 1);
        if (op->ob_bytes == NULL)
            Pm_FatalError("PmByteArray_FromStringAndSize", "out of memory for %zd bytes", n);
        if (s != NULL)
            memcpy(op->ob_bytes, s, (size_t)n);
        op->ob_bytes[n] = '\0';
    }
    Pm_SIZE(op) = n;
    op->ob_start = op->ob_bytes;
    op->ob_exports = 0;
    return (PmObject *)op;
}
static int can_resize(PmByteArrayObject *op)     /* CPython: _canresize */
{
    if (op->ob_exports > 0) {
        PmErr_SetString(PmExc_BufferError,
                        "Existing exports of data: object cannot be re-sized");
        return 0;
    }
    return 1;
}
/* the bytes to allocate for `size`, or 0: the block stays as it is */
static size_t new_alloc(size_t size, size_t alloc, size_t offset)
{
    if (size + offset + 1 <= alloc)
        return size < alloc / 2 ? size + 1 : 0;           /* shrink, or keep */
    if (size <= alloc * 1.125)
        return size + (size >> 3) + (size < 9 ? 3 : 6);   /* like list_resize */
    return size + 1;                                      /* a jump: exact    */
}
int PmByteArray_Resize(PmObject *self, Pm_ssize_t size)
{
    PmByteArrayObject *op = (PmByteArrayObject *)self;
    size_t offset = (size_t)(op->ob_start - op->ob_bytes), alloc;
    if (size < 0)
        Pm_FatalError("PmByteArray_Resize", "negative size %zd", size);
    if (size == Pm_SIZE(op))
        return 0;
    if (!can_resize(op))
        return -1;
    alloc = new_alloc((size_t)size, (size_t)op->ob_alloc, offset);
    if (alloc == 0) {                   /* the block stays */
        Pm_SIZE(op) = size;
        op->ob_start[size] = '\0';
        return 0;
    }
    char *block;
    if (offset > 0) {
        block = PmObject_Malloc(alloc);
        if (block != NULL) {
            memcpy(block, op->ob_start, (size_t)(size < Pm_SIZE(op) ? size : Pm_SIZE(op)));
            PmObject_Free(op->ob_bytes);
        }
    } else
        block = PmObject_Realloc(op->ob_bytes, alloc);
    if (block == NULL)
        Pm_FatalError("PmByteArray_Resize", "out of memory for %zu bytes", alloc);
    op->ob_bytes = block;
    op->ob_start = op->ob_bytes;
    Pm_SIZE(op) = size;
    op->ob_alloc = (Pm_ssize_t)alloc;
    op->ob_bytes[size] = '\0';
    return 0;
}
int PmByteArray_Append(PmObject *op, int item)
{
    if (item < 0 || item > 255) {
        PmErr_SetString(PmExc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    Pm_ssize_t n = Pm_SIZE(op);
    if (PmByteArray_Resize(op, n + 1) < 0)
        return -1;
    PmByteArray_AS_STRING(op)[n] = (char)item;
    return 0;
}
int PmByteArray_DelSlice(PmObject *self, Pm_ssize_t lo, Pm_ssize_t hi)
{
    PmByteArrayObject *op = (PmByteArrayObject *)self;
    Pm_ssize_t n = Pm_SIZE(op);
    lo = lo < 0 ? 0 : lo > n ? n : lo;
    hi = hi < lo ? lo : hi > n ? n : hi;
    if (hi == lo)
        return 0;
    if (!can_resize(op))
        return -1;
    if (lo == 0)
        op->ob_start += hi;                     /* nothing moves */
    else
        memmove(op->ob_start + lo, op->ob_start + hi, (size_t)(n - hi));
    return PmByteArray_Resize(self, n - (hi - lo));
}
static int bytearray_getbuffer(PmObject *op, PmBuffer *view, int flags)
{
    if (PmBuffer_FillInfo(view, op, PmByteArray_AS_STRING(op), Pm_SIZE(op), 0, flags) < 0)
        return -1;
    ((PmByteArrayObject *)op)->ob_exports++;
    return 0;
}

static void bytearray_releasebuffer(PmObject *op, PmBuffer *view)
{
    (void)view;
    ((PmByteArrayObject *)op)->ob_exports--;
}
static void bytearray_dealloc(PmObject *self)
{
    PmByteArrayObject *op = (PmByteArrayObject *)self;
    if (op->ob_exports > 0)
        Pm_FatalError("bytearray_dealloc", "deallocated bytearray object has exported buffers");
    PmObject_Free(op->ob_bytes);
    PmObject_Del(self);
}

static Pm_ssize_t bytearray_sizeof(PmObject *op)
{
    return PmByteArray_Type.tp_basicsize + ((PmByteArrayObject *)op)->ob_alloc;
}
static void bytearray_repr(PmObject *op, FILE *out)
{
    fputs("bytearray(", out);
    _PmBytes_Repr(PmByteArray_AS_STRING(op), Pm_SIZE(op), out);
    fputc(')', out);
}

static PmBufferProcs bytearray_as_buffer = {
    .bf_getbuffer = bytearray_getbuffer,
    .bf_releasebuffer = bytearray_releasebuffer,
};

PmTypeObject PmByteArray_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(PmByteArrayObject),
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_sizeof = bytearray_sizeof,
    .tp_as_buffer = &bytearray_as_buffer,
};
