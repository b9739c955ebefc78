#ifndef PM_MEMORYOBJECT_H
#define PM_MEMORYOBJECT_H
typedef struct {                       /* CPython: _PyManagedBufferObject */
    PmObject_HEAD
    int flags;                         /* PM_MANAGED_BUFFER_RELEASED       */
    Pm_ssize_t exports;                /* views on it, not yet released    */
    PmBuffer master;                   /* what the exporter filled in      */
} PmManagedBufferObject;
#define PM_MANAGED_BUFFER_RELEASED 0x001
typedef struct {                       /* CPython: PyMemoryViewObject */
    PmObject_HEAD
    PmManagedBufferObject *mbuf;       /* owned: the buffer shared with others */
    int flags;                         /* PM_MEMORYVIEW_RELEASED               */
    PmBuffer view;                     /* its own copy; view.obj is borrowed   */
    Pm_ssize_t ob_array[2];            /* view.shape[0], view.strides[0]       */
} PmMemoryViewObject;
#define PM_MEMORYVIEW_RELEASED 0x001
#define PmMemoryView_GET_BUFFER(op) (&((PmMemoryViewObject *)(op))->view)
extern PmTypeObject PmMemoryView_Type, PmManagedBuffer_Type;
#define PmMemoryView_Check(op) (Pm_TYPE(op) == &PmMemoryView_Type)
PmObject *PmMemoryView_FromObject(PmObject *obj);             /* memoryview(obj) */
PmObject *PmMemoryView_Slice(PmObject *mv, Pm_ssize_t start, Pm_ssize_t stop);
PmObject *PmMemoryView_GetItem(PmObject *mv, Pm_ssize_t i);   /* mv[i]           */
int PmMemoryView_SetItem(PmObject *mv, Pm_ssize_t i, PmObject *value);
PmObject *PmMemoryView_ToBytes(PmObject *mv);                 /* mv.tobytes()    */
int PmMemoryView_Release(PmObject *mv);                       /* mv.release()    */
#endif
