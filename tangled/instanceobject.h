#ifndef PM_INSTANCEOBJECT_H
#define PM_INSTANCEOBJECT_H
typedef struct {
    PmObject_HEAD
    PmObject *in_dict;                 /* the attributes, or NULL */
    struct PmWeakReference *in_weakreflist;   /* weak references to it (below) */
    int in_dict_read;                  /* __dict__ was read: a dict of its own */
} PmInstanceObject;

void _PmInstance_Dealloc(PmObject *op);
int _PmInstance_Traverse(PmObject *op, Pm_visitproc visit, void *arg);
int _PmInstance_Clear(PmObject *op);
#define PmClass_INIT(name)                                                  \
    .ob_base = PmObject_HEAD_INIT(&PmType_Type), .tp_name = (name),         \
    .tp_basicsize = sizeof(PmInstanceObject), .tp_dealloc = _PmInstance_Dealloc, \
    .tp_flags = Pm_TPFLAGS_HAVE_GC, .tp_traverse = _PmInstance_Traverse,    \
    .tp_clear = _PmInstance_Clear,                                          \
    .tp_weaklistoffset = offsetof(PmInstanceObject, in_weakreflist)
PmObject *PmInstance_New(PmTypeObject *cls);
void PmInstance_SetAttr(PmObject *self, const char *name, PmObject *value);
PmObject *PmInstance_GetAttr(PmObject *self, const char *name);   /* borrowed */
PmObject *PmInstance_GetDict(PmObject *self);                      /* new ref  */
#endif
