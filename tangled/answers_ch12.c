#include "answers.h"

static int append_referent(PmObject *op, void *list)
{
    PmList_Append(list, op);
    return 0;
}

PmObject *Ans12_GetReferents(PmObject *op)
{
    PmObject *list = PmList_New(0);
    if (PmObject_IS_GC(op))
        Pm_TYPE(op)->tp_traverse(op, append_referent, list);
    return list;
}
static PmObject *remove_call(PmObject *self, PmObject *wr)   /* the callback */
{
    PmObject *cache = PmWeakref_GetObject(PmInstance_GetAttr(self, "selfref"));
    PmObject *key = PmInstance_GetAttr(self, "key");
    if (cache != Pm_None) {                     /* the cache may have died first */
        PmObject *data = PmInstance_GetAttr(cache, "data");
        if (PmDict_GetItem(data, key) == wr)    /* not a newer value's entry */
            PmDict_DelItem(data, key);
    }
    return Pm_NewRef(Pm_None);
}

static PmTypeObject WeakValueDict = { PmClass_INIT("WeakValueDictionary") };
static PmTypeObject Remove = { PmClass_INIT("Remove"), .tp_call = remove_call };

PmObject *Ans12_WeakValueDict_New(void)
{
    PmObject *cache = PmInstance_New(&WeakValueDict), *data = PmDict_New();
    PmInstance_SetAttr(cache, "data", data);
    Pm_DECREF(data);
    return cache;
}
void Ans12_WeakValueDict_Set(PmObject *cache, PmObject *key, PmObject *value)
{
    PmObject *remove = PmInstance_New(&Remove), *selfref = PmWeakref_NewRef(cache, NULL);
    PmInstance_SetAttr(remove, "key", key);
    PmInstance_SetAttr(remove, "selfref", selfref);
    PmObject *wr = PmWeakref_NewRef(value, remove);
    PmDict_SetItem(PmInstance_GetAttr(cache, "data"), key, wr);
    Pm_DECREF(wr); Pm_DECREF(selfref); Pm_DECREF(remove);
}

PmObject *Ans12_WeakValueDict_Get(PmObject *cache, PmObject *key)
{
    PmObject *wr = PmDict_GetItem(PmInstance_GetAttr(cache, "data"), key);
    PmObject *value = wr != NULL ? PmWeakref_GetObject(wr) : Pm_None;
    return value != Pm_None ? value : NULL;
}

Pm_ssize_t Ans12_WeakValueDict_Size(PmObject *cache)
{
    return PmDict_Size(PmInstance_GetAttr(cache, "data"));
}
