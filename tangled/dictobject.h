#ifndef PM_DICTOBJECT_H
#define PM_DICTOBJECT_H
typedef Pm_ssize_t Pm_hash_t;          /* CPython: Py_hash_t */
Pm_hash_t PmObject_Hash(PmObject *op);
Pm_hash_t _Pm_HashPointer(const void *p);
typedef struct {
    Pm_hash_t me_hash;
    PmObject *me_key;                  /* NULL: a deleted entry        */
    PmObject *me_value;
} PmDictEntry;

typedef struct {
    uint8_t dk_log2_size;              /* index table: 1 << this slots */
    uint8_t dk_log2_index_bytes;       /* and 1 << this bytes          */
    Pm_ssize_t dk_usable;              /* entries that can be appended */
    Pm_ssize_t dk_nentries;            /* entries used, live or deleted */
    char dk_indices[];                 /* the index table, then entries */
} PmDictKeysObject;

typedef struct {
    PmObject_HEAD
    Pm_ssize_t ma_used;                /* live items                   */
    PmDictKeysObject *ma_keys;
} PmDictObject;
extern PmTypeObject PmDict_Type;
#define PmDict_Check(op) (Pm_TYPE(op) == &PmDict_Type)
PmObject *PmDict_New(void);
void PmDict_SetItem(PmObject *d, PmObject *key, PmObject *value);
PmObject *PmDict_GetItem(PmObject *d, PmObject *key);     /* borrowed, or NULL */
int PmDict_DelItem(PmObject *d, PmObject *key);           /* 0, or -1: absent  */
PmObject *PmDict_SetDefault(PmObject *d, PmObject *key, PmObject *value);
int PmDict_Next(PmObject *d, Pm_ssize_t *pos, PmObject **key, PmObject **value);
Pm_ssize_t PmDict_Size(PmObject *d);
Pm_ssize_t _PmDict_ClearFreeList(void);
Pm_ssize_t _PmDict_IndexAt(PmObject *d, Pm_ssize_t slot);   /* -1, -2 or entry */
const PmDictEntry *_PmDict_EntryAt(PmObject *d, Pm_ssize_t i);
#endif
