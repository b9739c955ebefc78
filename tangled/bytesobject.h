#ifndef PM_BYTESOBJECT_H
#define PM_BYTESOBJECT_H
typedef struct {                       /* CPython: PyBytesObject */
    PmObject_VAR_HEAD                  /* ob_size: the length in bytes     */
    Pm_hash_t ob_shash;                /* hash(b), or -1: not computed yet */
    char ob_sval[];                    /* ob_size bytes, then a NUL        */
} PmBytesObject;

extern PmTypeObject PmBytes_Type;
#define PmBytes_Check(op) (Pm_TYPE(op) == &PmBytes_Type)
#define PmBytes_AS_STRING(op) (((PmBytesObject *)(op))->ob_sval)
PmObject *PmBytes_FromStringAndSize(const char *s, Pm_ssize_t n);
void _PmBytes_Repr(const char *s, Pm_ssize_t n, FILE *out);
#endif
