#include <string.h>
#include "pm.h"

static void list_dealloc(PmObject *op)
{
    PmListObject *l = (PmListObject *)op;
    if (l->ob_item != NULL) {
        Pm_ssize_t i = Pm_SIZE(l);
        while (--i >= 0)
            Pm_XDECREF(l->ob_item[i]);
        PmMem_Free(l->ob_item);
    }
    if (pm_list_numfree < PM_LIST_MAXFREELIST && pm_freelists_enabled) {
        pm_list_free_list[pm_list_numfree++] = l;
        return;
    }
    PmObject_Del(op);
}
PmObject *PmList_New(Pm_ssize_t size)
{
    if (size < 0 || (size_t)size > PM_SSIZE_MAX / sizeof(PmObject *))
        Pm_FatalError("PmList_New", "bad size %zd", size);
    PmListObject *l = NULL;
    if (pm_list_numfree > 0 && pm_freelists_enabled)
        l = (PmListObject *)PmObject_Init((PmObject *)pm_list_free_list[--pm_list_numfree],
                                          &PmList_Type);
    if (l == NULL)
        l = (PmListObject *)PmObject_New(&PmList_Type);
    l->ob_item = NULL;
    if (size > 0) {
        l->ob_item = PmMem_Malloc((size_t)size * sizeof(PmObject *));
        if (l->ob_item == NULL)
            Pm_FatalError("PmList_New", "out of memory for %zd items", size);
        memset(l->ob_item, 0, (size_t)size * sizeof(PmObject *));
    }
    Pm_SIZE(l) = size;
    l->allocated = size;
    return (PmObject *)l;
}
static void list_resize(PmListObject *l, Pm_ssize_t newsize)
{
    if (l->allocated >= newsize && newsize >= (l->allocated >> 1)) {
        Pm_SIZE(l) = newsize;                  /* fits: no reallocation */
        return;
    }
    size_t cap = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if (newsize - Pm_SIZE(l) > (Pm_ssize_t)(cap - (size_t)newsize))
        cap = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0)
        cap = 0;
    if (cap > PM_SSIZE_MAX / sizeof(PmObject *))
        Pm_FatalError("list_resize", "list too long (%zd items)", newsize);
    PmObject **items = PmMem_Realloc(l->ob_item, cap * sizeof(PmObject *));
    if (items == NULL && cap > 0)
        Pm_FatalError("list_resize", "out of memory for %zu items", cap);
    l->ob_item = items;
    Pm_SIZE(l) = newsize;
    l->allocated = (Pm_ssize_t)cap;
}
int PmList_Append(PmObject *list, PmObject *item)
{
    if (!PmList_Check(list))
        Pm_FatalError("PmList_Append", "expected a 'list', got a '%s'", Pm_TYPE(list)->tp_name);
    Pm_ssize_t n = Pm_SIZE(list);
    list_resize((PmListObject *)list, n + 1);
    Pm_INCREF(item);
    PmList_SET_ITEM(list, n, item);
    return 0;
}
static void list_check_index(const char *where, PmObject *list, Pm_ssize_t i)
{
    if (!PmList_Check(list))
        Pm_FatalError(where, "expected a 'list', got a '%s'", Pm_TYPE(list)->tp_name);
    if (i < 0 || i >= Pm_SIZE(list))
        Pm_FatalError(where, "list index %zd out of range (size %zd)", i, Pm_SIZE(list));
}

PmObject *PmList_GetItem(PmObject *list, Pm_ssize_t i)
{
    list_check_index("PmList_GetItem", list, i);
    return PmList_GET_ITEM(list, i);
}

void PmList_SetItem(PmObject *list, Pm_ssize_t i, PmObject *item)
{
    list_check_index("PmList_SetItem", list, i);
    PmObject *old = PmList_GET_ITEM(list, i);
    PmList_SET_ITEM(list, i, item);
    Pm_XDECREF(old);
}
int _PmSeq_Equal(PmObject *const *a, PmObject *const *b, Pm_ssize_t n)
{
    for (Pm_ssize_t i = 0; i < n; i++)
        if (!PmObject_Equal(a[i], b[i]))
            return 0;
    return 1;
}

void _PmSeq_Print(PmObject *const *items, Pm_ssize_t n, FILE *out)
{
    for (Pm_ssize_t i = 0; i < n; i++) {
        if (i > 0)
            fputs(", ", out);
        PmObject_Print(items[i], out);
    }
}
static int list_equal(PmObject *a, PmObject *b)
{
    return Pm_SIZE(a) == Pm_SIZE(b) &&
           _PmSeq_Equal(((PmListObject *)a)->ob_item, ((PmListObject *)b)->ob_item, Pm_SIZE(a));
}

static void list_repr(PmObject *op, FILE *out)
{
    if (Pm_ReprEnter(op)) {
        fputs("[...]", out);
        return;
    }
    fputc('[', out);
    _PmSeq_Print(((PmListObject *)op)->ob_item, Pm_SIZE(op), out);
    fputc(']', out);
    Pm_ReprLeave(op);
}
PmObject *PmList_FromInts(Pm_ssize_t n, const long long *v)
{
    PmObject *l = PmList_New(n);
    for (Pm_ssize_t i = 0; i < n; i++)
        PmList_SET_ITEM(l, i, PmInt_FromLong(v[i]));   /* steals the new int */
    return l;
}

static Pm_ssize_t list_sizeof(PmObject *op)
{ return (Pm_ssize_t)sizeof(PmListObject) + ((PmListObject *)op)->allocated * (Pm_ssize_t)sizeof(PmObject *); }

PmTypeObject PmList_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "list",
    .tp_basicsize = sizeof(PmListObject),
    .tp_dealloc = list_dealloc,
    .tp_equal = list_equal,
    .tp_repr = list_repr,
    .tp_sizeof = list_sizeof,
};
PmObject *PmList_Pop(PmObject *list)
{
    if (!PmList_Check(list))
        Pm_FatalError("PmList_Pop", "expected a 'list', got a '%s'", Pm_TYPE(list)->tp_name);
    Pm_ssize_t n = Pm_SIZE(list);
    if (n == 0)
        Pm_FatalError("PmList_Pop", "pop from empty list");
    PmObject *item = PmList_GET_ITEM(list, n - 1);
    list_resize((PmListObject *)list, n - 1);   /* may shrink the array */
    return item;                                /* the list's reference, now ours */
}
PmObject *PmList_Repeat(PmObject *list, Pm_ssize_t n)
{
    if (!PmList_Check(list))
        Pm_FatalError("PmList_Repeat", "expected a 'list', got a '%s'", Pm_TYPE(list)->tp_name);
    Pm_ssize_t len = Pm_SIZE(list);
    if (n < 0)
        n = 0;
    if (len > 0 && n > PM_SSIZE_MAX / (Pm_ssize_t)sizeof(PmObject *) / len)
        Pm_FatalError("PmList_Repeat", "repeated list too long (%zd * %zd)", len, n);
    PmObject *r = PmList_New(len * n);
    for (Pm_ssize_t i = 0; i < len * n; i++) {
        PmObject *item = PmList_GET_ITEM(list, i % len);
        PmList_SET_ITEM(r, i, Pm_NewRef(item));
    }
    return r;
}
static int list_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    for (Pm_ssize_t i = Pm_SIZE(op); --i >= 0; )
        Pm_VISIT(PmList_GET_ITEM(op, i));
    return 0;
}

static int list_clear(PmObject *op)             /* CPython: _list_clear */
{
    PmListObject *l = (PmListObject *)op;
    PmObject **items = l->ob_item;
    Pm_ssize_t i = Pm_SIZE(l);
    l->ob_item = NULL;                          /* empty before anything is released */
    Pm_SIZE(l) = 0;
    l->allocated = 0;
    while (--i >= 0)
        Pm_XDECREF(items[i]);
    PmMem_Free(items);
    return 0;
}
__attribute__((constructor(101))) static void pm_list_gc_ready(void)
{
    PmList_Type.tp_flags |= Pm_TPFLAGS_HAVE_GC;
    PmList_Type.tp_traverse = list_traverse;
    PmList_Type.tp_clear = list_clear;
}
