#include <string.h>
#include "pm.h"

PmObject *PmBytes_FromStringAndSize(const char *s, Pm_ssize_t n)
{
    if (n < 0)
        Pm_FatalError("PmBytes_FromStringAndSize", "negative size %zd", n);
    PmBytesObject *op = (PmBytesObject *)PmObject_NewVar(&PmBytes_Type, n);
    op->ob_shash = -1;
    if (s != NULL && n > 0)            /* NULL: the caller fills it in */
        memcpy(op->ob_sval, s, (size_t)n);
    op->ob_sval[n] = '\0';
    return (PmObject *)op;
}
static Pm_hash_t bytes_hash(PmObject *op)
{
    PmBytesObject *b = (PmBytesObject *)op;
    if (b->ob_shash != -1)
        return b->ob_shash;
    uint64_t h = 14695981039346656037u;              /* FNV-1a, as a str's */
    for (Pm_ssize_t i = 0; i < Pm_SIZE(b); i++)
        h = (h ^ (unsigned char)b->ob_sval[i]) * 1099511628211u;
    Pm_hash_t r = (Pm_hash_t)h;
    return b->ob_shash = (r == -1 ? -2 : r);
}

static int bytes_equal(PmObject *a, PmObject *b)
{
    return Pm_SIZE(a) == Pm_SIZE(b) &&
           memcmp(PmBytes_AS_STRING(a), PmBytes_AS_STRING(b), (size_t)Pm_SIZE(a)) == 0;
}
void _PmBytes_Repr(const char *s, Pm_ssize_t n, FILE *out)
{
    size_t len = (size_t)n;
    int quote = memchr(s, '\'', len) && !memchr(s, '"', len) ? '"' : '\'';
    fprintf(out, "b%c", quote);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == quote || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\t') fputs("\\t", out);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c < ' ' || c >= 0x7f) fprintf(out, "\\x%02x", c);
        else fputc(c, out);
    }
    fputc(quote, out);
}

static void bytes_repr(PmObject *op, FILE *out)
{
    _PmBytes_Repr(PmBytes_AS_STRING(op), Pm_SIZE(op), out);
}
static void bytes_dealloc(PmObject *op) { PmObject_Del(op); }

static int bytes_getbuffer(PmObject *op, PmBuffer *view, int flags)
{
    return PmBuffer_FillInfo(view, op, PmBytes_AS_STRING(op), Pm_SIZE(op), 1, flags);
}

static PmBufferProcs bytes_as_buffer = { .bf_getbuffer = bytes_getbuffer };

PmTypeObject PmBytes_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "bytes",
    .tp_basicsize = offsetof(PmBytesObject, ob_sval) + 1,   /* PyBytesObject_SIZE */
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_equal = bytes_equal,
    .tp_repr = bytes_repr,
    .tp_hash = bytes_hash,
    .tp_as_buffer = &bytes_as_buffer,
};
