#ifndef PM_STROBJECT_H
#define PM_STROBJECT_H
#include <stdint.h>
typedef struct {
    PmObject_VAR_HEAD                  /* ob_size: length in bytes */
    int64_t hash;                      /* -1: not computed yet     */
    unsigned char state;               /* interning (caches)       */
    char data[];                       /* ob_size bytes, then NUL  */
} PmStrObject;

extern PmTypeObject PmStr_Type;
PmObject *PmStr_FromStringAndSize(const char *s, Pm_ssize_t n);
PmObject *PmStr_FromString(const char *s);
PmObject *PmStr_Concat(PmObject *a, PmObject *b);
const char *PmStr_AsString(PmObject *op);
#define PmStr_Check(op) (Pm_TYPE(op) == &PmStr_Type)
PmObject *_PmStr_Shared(const char *s, Pm_ssize_t n);
extern PmObject *_Pm_Interned;
#define PM_SSTATE_NOT_INTERNED 0
#define PM_SSTATE_INTERNED_MORTAL 1
#define PM_SSTATE_INTERNED_IMMORTAL 2
void PmStr_InternInPlace(PmObject **p);
PmObject *PmStr_InternFromString(const char *s);
PmObject *PmSys_Intern(PmObject *s);
Pm_ssize_t PmStr_InternedCount(void);
#endif
