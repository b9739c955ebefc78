#include <string.h>
#include "pm.h"

static void str_dealloc(PmObject *op) { PmObject_Free(op); }

static int str_equal(PmObject *a, PmObject *b)
{
    return Pm_SIZE(a) == Pm_SIZE(b) &&
           memcmp(((PmStrObject *)a)->data, ((PmStrObject *)b)->data, (size_t)Pm_SIZE(a)) == 0;
}

static void str_repr(PmObject *op, FILE *out)
{ fprintf(out, "'%s'", ((PmStrObject *)op)->data); }

PmTypeObject PmStr_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "str",
    .tp_basicsize = offsetof(PmStrObject, data) + 1,
    .tp_itemsize = 1,
    .tp_dealloc = str_dealloc,
    .tp_equal = str_equal,
    .tp_repr = str_repr,
};
PmObject *PmStr_FromStringAndSize(const char *s, Pm_ssize_t n)
{
    PmStrObject *op = (PmStrObject *)PmObject_NewVar(&PmStr_Type, n);
    op->hash = -1;
    op->state = 0;
    if (s != NULL && n > 0)            /* NULL: the caller fills it in */
        memcpy(op->data, s, (size_t)n);
    op->data[n] = '\0';
    return (PmObject *)op;
}

PmObject *PmStr_FromString(const char *s)
{ return PmStr_FromStringAndSize(s, (Pm_ssize_t)strlen(s)); }

const char *PmStr_AsString(PmObject *op)
{
    if (!PmStr_Check(op))
        Pm_FatalError("PmStr_AsString", "expected a 'str', got a '%s'", Pm_TYPE(op)->tp_name);
    return ((PmStrObject *)op)->data;
}
PmObject *PmStr_Concat(PmObject *a, PmObject *b)
{
    Pm_ssize_t na = Pm_SIZE(a), nb = Pm_SIZE(b);
    if (!PmStr_Check(a) || !PmStr_Check(b))
        Pm_FatalError("PmStr_Concat", "can only concatenate 'str' to 'str'");
    if (na > PM_SSIZE_MAX - nb)
        Pm_FatalError("PmStr_Concat", "result too long");
    PmStrObject *r = (PmStrObject *)PmStr_FromStringAndSize(NULL, na + nb);
    memcpy(r->data, PmStr_AsString(a), (size_t)na);
    memcpy(r->data + na, PmStr_AsString(b), (size_t)nb);
    return (PmObject *)r;
}
