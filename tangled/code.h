#ifndef PM_CODE_H
#define PM_CODE_H
typedef struct {
    PmObject *const_cache;             /* dict: constant key -> constant */
} PmUnit;                              /* one compile(): a file, or one >>> line */

typedef struct {
    const char *co_name;
    PmUnit *co_unit;
    PmObject *co_consts;               /* list of this block's constants */
} PmCode;

PmUnit *PmUnit_New(void);
void PmUnit_Free(PmUnit *u);
PmCode *PmCode_New(PmUnit *u, const char *name);
void PmCode_Free(PmCode *co);
Pm_ssize_t PmCode_AddConst(PmCode *co, PmObject *value);
PmObject *PmCode_GetConst(PmCode *co, Pm_ssize_t i);
#endif
