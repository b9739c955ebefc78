#ifndef PM_LISTOBJECT_H
#define PM_LISTOBJECT_H
typedef struct {
    PmObject_VAR_HEAD                  /* ob_size: items in use */
    PmObject **ob_item;                /* the array of references */
    Pm_ssize_t allocated;              /* its capacity */
} PmListObject;

extern PmTypeObject PmList_Type;
#define PmList_Check(op) (Pm_TYPE(op) == &PmList_Type)
#define PmList_GET_SIZE(op) Pm_SIZE(op)
#define PmList_GET_ITEM(op, i) (((PmListObject *)(op))->ob_item[i])
#define PmList_SET_ITEM(op, i, v) (((PmListObject *)(op))->ob_item[i] = _Pm_CAST(v))
PmObject *PmList_New(Pm_ssize_t size);
int PmList_Append(PmObject *list, PmObject *item);
PmObject *PmList_GetItem(PmObject *list, Pm_ssize_t i);
void PmList_SetItem(PmObject *list, Pm_ssize_t i, PmObject *item);
PmObject *PmList_FromInts(Pm_ssize_t n, const long long *v);
int _PmSeq_Equal(PmObject *const *a, PmObject *const *b, Pm_ssize_t n);
void _PmSeq_Print(PmObject *const *items, Pm_ssize_t n, FILE *out);
PmObject *PmList_Pop(PmObject *list);
PmObject *PmList_Repeat(PmObject *list, Pm_ssize_t n);
#define PmList_CAPACITY(op) (((PmListObject *)(op))->allocated)
#endif
