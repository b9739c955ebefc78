#ifndef PM_BYTEARRAYOBJECT_H
#define PM_BYTEARRAYOBJECT_H
typedef struct {                       /* CPython: PyByteArrayObject */
    PmObject_VAR_HEAD                  /* ob_size: the bytes in use           */
    Pm_ssize_t ob_alloc;               /* bytes allocated at ob_bytes          */
    char *ob_bytes;                    /* the block, or NULL when ob_alloc is 0 */
    char *ob_start;                    /* the first byte in use, in the block  */
    Pm_ssize_t ob_exports;             /* buffers exported, not yet released   */
} PmByteArrayObject;
extern PmTypeObject PmByteArray_Type;
extern char _PmByteArray_empty_string[];
#define PmByteArray_Check(op) (Pm_TYPE(op) == &PmByteArray_Type)
#define PmByteArray_AS_STRING(op) \
    (Pm_SIZE(op) ? ((PmByteArrayObject *)(op))->ob_start : _PmByteArray_empty_string)
PmObject *PmByteArray_FromStringAndSize(const char *s, Pm_ssize_t n);
int PmByteArray_Resize(PmObject *op, Pm_ssize_t size);
int PmByteArray_Append(PmObject *op, int item);                  /* b.append(item) */
int PmByteArray_DelSlice(PmObject *op, Pm_ssize_t lo, Pm_ssize_t hi);  /* del b[lo:hi] */
#endif
