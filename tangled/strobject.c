#include <string.h>
#include "pm.h"

static void str_dealloc(PmObject *op)
{
    if (((PmStrObject *)op)->state == PM_SSTATE_INTERNED_MORTAL) {
        Pm_SET_REFCNT(op, 3);
        if (PmDict_DelItem(_Pm_Interned, op) != 0)
            Pm_FatalError("str_dealloc", "interned string '%s' is not in the table",
                          ((PmStrObject *)op)->data);
        Pm_SET_REFCNT(op, 0);
    }
    PmObject_Free(op);
}

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
    if (n == 0 || (n == 1 && s != NULL))
        return _PmStr_Shared(n == 0 ? "" : s, n);
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
static PmObject *str_empty, *str_latin1[256];   /* made on first use */

PmObject *_PmStr_Shared(const char *s, Pm_ssize_t n)   /* n is 0 or 1 */
{
    PmObject **slot = n == 0 ? &str_empty : &str_latin1[(unsigned char)s[0]];
    if (*slot == NULL) {
        PmStrObject *op = (PmStrObject *)PmObject_NewVar(&PmStr_Type, n);
        op->hash = -1;
        op->state = 0;
        memcpy(op->data, s, (size_t)n);
        op->data[n] = '\0';
        Pm_SET_REFCNT(op, PM_IMMORTAL_REFCNT);
        *slot = (PmObject *)op;
    }
    return *slot;
}
PmObject *_Pm_Interned;                /* dict: str -> the same str */

void PmStr_InternInPlace(PmObject **p)
{
    PmStrObject *s = (PmStrObject *)*p;
    if (!PmStr_Check(s))
        Pm_FatalError("PmStr_InternInPlace", "expected a 'str', got a '%s'", Pm_TYPE(s)->tp_name);
    if (s->state != PM_SSTATE_NOT_INTERNED)
        return;
    if (_Pm_Interned == NULL)
        _Pm_Interned = PmDict_New();
    PmObject *t = PmDict_SetDefault(_Pm_Interned, *p, *p);
    if (t != *p) {                     /* an equal string is the representative */
        Pm_INCREF(t);
        Pm_DECREF(*p);
        *p = t;
        return;
    }
    if (Pm_IsImmortal(s)) {
        s->state = PM_SSTATE_INTERNED_IMMORTAL;
    } else {
        Pm_SET_REFCNT(s, Pm_REFCNT(s) - 2);
        s->state = PM_SSTATE_INTERNED_MORTAL;
    }
}
PmObject *PmSys_Intern(PmObject *s)
{
    Pm_INCREF(s);
    PmStr_InternInPlace(&s);
    return s;
}

PmObject *PmStr_InternFromString(const char *s)
{
    PmObject *op = PmStr_FromString(s);
    PmStr_InternInPlace(&op);
    return op;
}

Pm_ssize_t PmStr_InternedCount(void) { return _Pm_Interned ? PmDict_Size(_Pm_Interned) : 0; }
