#ifndef PM_WEAKREFOBJECT_H
#define PM_WEAKREFOBJECT_H
typedef struct PmWeakReference PmWeakReference;
struct PmWeakReference {
    PmObject_HEAD
    PmObject *wr_object;               /* the referent, not counted; Pm_None once dead */
    PmObject *wr_callback;             /* called with this reference, or NULL          */
    PmWeakReference *wr_prev;          /* the referent's list of weak references       */
    PmWeakReference *wr_next;
};
extern PmTypeObject PmWeakref_Type;    /* weakref.ref */
#define PmWeakref_Check(op) (Pm_TYPE(op) == &PmWeakref_Type)
#define PmType_SUPPORTS_WEAKREFS(tp) ((tp)->tp_weaklistoffset > 0)
#define _PmObject_GET_WEAKREFS_LISTPTR(op) \
    ((PmWeakReference **)(void *)((char *)(op) + Pm_TYPE(op)->tp_weaklistoffset))
PmObject *PmObject_CallOneArg(PmObject *callable, PmObject *arg);
PmObject *PmWeakref_NewRef(PmObject *ob, PmObject *callback);   /* weakref.ref(ob, cb) */
PmObject *PmWeakref_GetObject(PmObject *ref);      /* borrowed: the referent or Pm_None */
PmObject *PmWeakref_Call(PmObject *ref);           /* ref(): a new reference           */
Pm_ssize_t PmWeakref_GetWeakrefCount(PmObject *ob);   /* weakref.getweakrefcount(ob)   */
PmObject *PmWeakref_GetWeakrefs(PmObject *ob);        /* weakref.getweakrefs(ob)       */
void PmObject_ClearWeakRefs(PmObject *ob);         /* ob is dying: tell its references */
void _PmWeakref_ClearRef(PmWeakReference *wr);     /* the collector's: keep the callback */
#endif
