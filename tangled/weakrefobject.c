#include "pm.h"

PmObject *PmObject_CallOneArg(PmObject *callable, PmObject *arg)
{
    if (Pm_TYPE(callable)->tp_call == NULL)
        Pm_FatalError("PmObject_CallOneArg", "'%s' object is not callable",
                      Pm_TYPE(callable)->tp_name);
    return Pm_TYPE(callable)->tp_call(callable, arg);
}
static PmWeakReference *get_basic_ref(PmWeakReference *head)
{
    return head != NULL && head->wr_callback == NULL ? head : NULL;
}

static void insert_head(PmWeakReference *wr, PmWeakReference **list)
{
    wr->wr_prev = NULL;
    wr->wr_next = *list;
    if (*list != NULL)
        (*list)->wr_prev = wr;
    *list = wr;
}

static void insert_after(PmWeakReference *wr, PmWeakReference *prev)
{
    wr->wr_prev = prev;
    wr->wr_next = prev->wr_next;
    if (prev->wr_next != NULL)
        prev->wr_next->wr_prev = wr;
    prev->wr_next = wr;
}
static PmWeakReference *new_weakref(PmObject *ob, PmObject *callback)
{
    PmWeakReference *wr = (PmWeakReference *)PmObject_New(&PmWeakref_Type);
    wr->wr_object = ob;
    wr->wr_callback = callback != NULL ? Pm_NewRef(callback) : NULL;
    wr->wr_prev = wr->wr_next = NULL;
    return wr;                                  /* tracked, not yet on the list */
}
PmObject *PmWeakref_NewRef(PmObject *ob, PmObject *callback)
{
    if (!PmType_SUPPORTS_WEAKREFS(Pm_TYPE(ob)))
        Pm_FatalError("PmWeakref_NewRef", "cannot create weak reference to '%s' object",
                      Pm_TYPE(ob)->tp_name);
    if (callback == Pm_None)
        callback = NULL;                            /* weakref.ref(ob, None) */
    if (callback != NULL && Pm_TYPE(callback)->tp_call == NULL)
        Pm_FatalError("PmWeakref_NewRef", "'%s' object is not callable",
                      Pm_TYPE(callback)->tp_name);
    PmWeakReference **list = _PmObject_GET_WEAKREFS_LISTPTR(ob);
    PmWeakReference *basic = get_basic_ref(*list);
    if (callback == NULL && basic != NULL)
        return Pm_NewRef((PmObject *)basic);    /* weakref.ref(o) is weakref.ref(o) */
    PmWeakReference *wr = new_weakref(ob, callback);
    basic = get_basic_ref(*list);               /* the allocation may have collected */
    if (callback == NULL && basic != NULL) {
        Pm_DECREF(wr);
        return Pm_NewRef((PmObject *)basic);
    }
    if (callback == NULL || basic == NULL)
        insert_head(wr, list);
    else
        insert_after(wr, basic);
    return (PmObject *)wr;
}
PmObject *PmWeakref_GetObject(PmObject *ref)
{
    if (!PmWeakref_Check(ref))
        Pm_FatalError("PmWeakref_GetObject", "expected a weak reference, got a '%s'",
                      Pm_TYPE(ref)->tp_name);
    PmObject *ob = ((PmWeakReference *)ref)->wr_object;
    return Pm_REFCNT(ob) > 0 ? ob : Pm_None;
}

PmObject *PmWeakref_Call(PmObject *ref) { return Pm_NewRef(PmWeakref_GetObject(ref)); }
Pm_ssize_t PmWeakref_GetWeakrefCount(PmObject *ob)
{
    Pm_ssize_t n = 0;
    if (PmType_SUPPORTS_WEAKREFS(Pm_TYPE(ob)))
        for (PmWeakReference *wr = *_PmObject_GET_WEAKREFS_LISTPTR(ob); wr; wr = wr->wr_next)
            n++;
    return n;
}

PmObject *PmWeakref_GetWeakrefs(PmObject *ob)
{
    PmObject *l = PmList_New(0);
    if (PmType_SUPPORTS_WEAKREFS(Pm_TYPE(ob)))
        for (PmWeakReference *wr = *_PmObject_GET_WEAKREFS_LISTPTR(ob); wr; wr = wr->wr_next)
            PmList_Append(l, (PmObject *)wr);
    return l;
}
static void clear_weakref(PmWeakReference *wr)
{
    if (wr->wr_object != Pm_None) {
        PmWeakReference **list = _PmObject_GET_WEAKREFS_LISTPTR(wr->wr_object);
        if (*list == wr)
            *list = wr->wr_next;
        wr->wr_object = Pm_None;
        if (wr->wr_prev != NULL)
            wr->wr_prev->wr_next = wr->wr_next;
        if (wr->wr_next != NULL)
            wr->wr_next->wr_prev = wr->wr_prev;
        wr->wr_prev = wr->wr_next = NULL;
    }
    Pm_CLEAR(wr->wr_callback);
}

void _PmWeakref_ClearRef(PmWeakReference *wr)
{
    PmObject *callback = wr->wr_callback;
    wr->wr_callback = NULL;
    clear_weakref(wr);
    wr->wr_callback = callback;
}
void PmObject_ClearWeakRefs(PmObject *ob)
{
    if (!PmType_SUPPORTS_WEAKREFS(Pm_TYPE(ob)) || Pm_REFCNT(ob) != 0)
        Pm_FatalError("PmObject_ClearWeakRefs", "a '%s' object at %p with count %zd",
                      Pm_TYPE(ob)->tp_name, (void *)ob, Pm_REFCNT(ob));
    PmWeakReference **list = _PmObject_GET_WEAKREFS_LISTPTR(ob);
    if (*list != NULL && (*list)->wr_callback == NULL)
        clear_weakref(*list);                   /* the basic one: nothing to call */
    Pm_ssize_t count = 0;
    for (PmWeakReference *wr = *list; wr != NULL; wr = wr->wr_next)
        count++;
    if (count == 0)
        return;
    PmObject *pairs = PmTuple_New(2 * count);
    PmWeakReference *wr = *list;
    for (Pm_ssize_t i = 0; i < count; i++) {
        PmWeakReference *next = wr->wr_next;
        if (Pm_REFCNT(wr) > 0) {
            PmTuple_SET_ITEM(pairs, 2 * i, Pm_NewRef((PmObject *)wr));
            PmTuple_SET_ITEM(pairs, 2 * i + 1, wr->wr_callback);   /* its reference moves */
        } else {
            Pm_XDECREF(wr->wr_callback);
        }
        wr->wr_callback = NULL;
        clear_weakref(wr);
        wr = next;
    }
    for (Pm_ssize_t i = 0; i < count; i++) {
        PmObject *callback = PmTuple_GET_ITEM(pairs, 2 * i + 1);
        if (callback != NULL)
            Pm_XDECREF(PmObject_CallOneArg(callback, PmTuple_GET_ITEM(pairs, 2 * i)));
    }
    Pm_DECREF(pairs);
}
static void weakref_dealloc(PmObject *op)
{
    clear_weakref((PmWeakReference *)op);
    PmObject_Del(op);
}

static int weakref_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    Pm_VISIT(((PmWeakReference *)op)->wr_callback);
    return 0;
}

static int weakref_clear(PmObject *op)
{
    clear_weakref((PmWeakReference *)op);
    return 0;
}
static void weakref_repr(PmObject *op, FILE *out)
{
    PmObject *ob = PmWeakref_GetObject(op);
    if (ob == Pm_None)
        fprintf(out, "<weakref at %p; dead>", (void *)op);
    else
        fprintf(out, "<weakref at %p; to '%s' at %p>", (void *)op, Pm_TYPE(ob)->tp_name,
                (void *)ob);
}

PmTypeObject PmWeakref_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type), .tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(PmWeakReference), .tp_dealloc = weakref_dealloc,
    .tp_repr = weakref_repr, .tp_flags = Pm_TPFLAGS_HAVE_GC,
    .tp_traverse = weakref_traverse, .tp_clear = weakref_clear,
};
