#ifndef PM_FLOATOBJECT_H
#define PM_FLOATOBJECT_H
typedef struct {
    PmObject_HEAD
    double ob_fval;
} PmFloatObject;

extern PmTypeObject PmFloat_Type;
PmObject *PmFloat_FromDouble(double v);
double PmFloat_AsDouble(PmObject *op);
#define PmFloat_Check(op) (Pm_TYPE(op) == &PmFloat_Type)
#endif
