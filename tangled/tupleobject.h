#ifndef PM_TUPLEOBJECT_H
#define PM_TUPLEOBJECT_H
typedef struct {
    PmObject_VAR_HEAD
    PmObject *ob_item[];
} PmTupleObject;

extern PmTypeObject PmTuple_Type;
PmObject *PmTuple_New(Pm_ssize_t size);
#define PmTuple_Check(op) (Pm_TYPE(op) == &PmTuple_Type)
#define PmTuple_GET_SIZE(op) Pm_SIZE(op)
#define PmTuple_GET_ITEM(op, i) (((PmTupleObject *)(op))->ob_item[i])
#define PmTuple_SET_ITEM(op, i, v) (((PmTupleObject *)(op))->ob_item[i] = _Pm_CAST(v))
#endif
