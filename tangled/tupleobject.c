#include <string.h>
#include "pm.h"

static struct {
    _Alignas(16) uintptr_t gc_not_used[2];    /* where a tuple's header is */
    PmTupleObject tuple;
} empty = { .tuple = { .ob_base = { { PM_IMMORTAL_REFCNT, &PmTuple_Type }, 0 } } };
#define empty_tuple (empty.tuple)
#define PM_TUPLE_NFREELISTS 20
#define PM_TUPLE_MAXFREELIST 2000
static PmTupleObject *tuple_free_list[PM_TUPLE_NFREELISTS];
static int tuple_numfree[PM_TUPLE_NFREELISTS];
PmObject *PmTuple_New(Pm_ssize_t size)
{
    if (size == 0)
        return (PmObject *)&empty_tuple;
    PmTupleObject *op;
    Pm_ssize_t i = size - 1;
    if (size > 0 && size <= PM_TUPLE_NFREELISTS && tuple_free_list[i] != NULL
            && pm_freelists_enabled) {
        op = tuple_free_list[i];
        tuple_free_list[i] = (PmTupleObject *)op->ob_item[0];
        tuple_numfree[i]--;
        PmObject_Init((PmObject *)op, &PmTuple_Type);
    } else {
        op = (PmTupleObject *)PmObject_NewVar(&PmTuple_Type, size);
    }
    memset(op->ob_item, 0, (size_t)size * sizeof(PmObject *));
    return (PmObject *)op;
}
static void tuple_dealloc(PmObject *op)
{
    PmTupleObject *t = (PmTupleObject *)op;
    Pm_ssize_t n = Pm_SIZE(t), i = n;
    while (--i >= 0)
        Pm_XDECREF(t->ob_item[i]);
    if (n >= 1 && n <= PM_TUPLE_NFREELISTS && tuple_numfree[n - 1] < PM_TUPLE_MAXFREELIST
            && pm_freelists_enabled) {
        t->ob_item[0] = (PmObject *)tuple_free_list[n - 1];
        tuple_free_list[n - 1] = t;
        tuple_numfree[n - 1]++;
        return;
    }
    PmObject_Del(op);
}
Pm_ssize_t _PmTuple_ClearFreeList(void)
{
    Pm_ssize_t freed = 0;
    for (int i = 0; i < PM_TUPLE_NFREELISTS; i++) {
        while (tuple_free_list[i] != NULL) {
            PmTupleObject *t = tuple_free_list[i];
            tuple_free_list[i] = (PmTupleObject *)t->ob_item[0];
            PmObject_Del(t);
            freed++;
        }
        tuple_numfree[i] = 0;
    }
    return freed;
}
static int tuple_equal(PmObject *a, PmObject *b)
{
    return Pm_SIZE(a) == Pm_SIZE(b) &&
           _PmSeq_Equal(((PmTupleObject *)a)->ob_item, ((PmTupleObject *)b)->ob_item, Pm_SIZE(a));
}

static void tuple_repr(PmObject *op, FILE *out)
{
    fputc('(', out);
    _PmSeq_Print(((PmTupleObject *)op)->ob_item, Pm_SIZE(op), out);
    fputs(Pm_SIZE(op) == 1 ? ",)" : ")", out);
}
PmTypeObject PmTuple_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "tuple",
    .tp_basicsize = offsetof(PmTupleObject, ob_item),
    .tp_itemsize = sizeof(PmObject *),
    .tp_dealloc = tuple_dealloc,
    .tp_equal = tuple_equal,
    .tp_repr = tuple_repr,
};
static int tuple_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    for (Pm_ssize_t i = Pm_SIZE(op); --i >= 0; )
        Pm_VISIT(PmTuple_GET_ITEM(op, i));
    return 0;
}
__attribute__((constructor(101))) static void pm_tuple_gc_ready(void)
{
    PmTuple_Type.tp_flags |= Pm_TPFLAGS_HAVE_GC;
    PmTuple_Type.tp_traverse = tuple_traverse;
}
