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
/* declarations added by later chapters follow */
#endif
