#ifndef PM_INTOBJECT_H
#define PM_INTOBJECT_H
typedef struct {
    PmObject_HEAD
    long long ob_ival;
} PmIntObject;

extern PmTypeObject PmInt_Type;
PmObject *PmInt_FromLong(long long v);
long long PmInt_AsLong(PmObject *op);
#define PmInt_Check(op) (Pm_TYPE(op) == &PmInt_Type)
#define PM_NSMALLNEGINTS 5
#define PM_NSMALLPOSINTS 257
#define PM_IS_SMALL_INT(v) (-PM_NSMALLNEGINTS <= (v) && (v) < PM_NSMALLPOSINTS)
extern PmIntObject _Pm_SmallInts[PM_NSMALLNEGINTS + PM_NSMALLPOSINTS];
#endif
