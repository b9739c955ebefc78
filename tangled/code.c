#include <string.h>
#include "pm.h"

PmUnit *PmUnit_New(void)
{
    PmUnit *u = PmMem_Malloc(sizeof *u);
    if (u == NULL)
        Pm_FatalError("PmUnit_New", "out of memory");
    u->const_cache = PmDict_New();
    return u;
}

void PmUnit_Free(PmUnit *u)
{
    Pm_DECREF(u->const_cache);
    PmMem_Free(u);
}
PmCode *PmCode_New(PmUnit *u, const char *name)
{
    PmCode *co = PmMem_Malloc(sizeof *co);
    if (co == NULL)
        Pm_FatalError("PmCode_New", "out of memory");
    *co = (PmCode){ name, u, PmList_New(0) };
    return co;
}

void PmCode_Free(PmCode *co)
{
    Pm_DECREF(co->co_consts);
    PmMem_Free(co);
}

PmObject *PmCode_GetConst(PmCode *co, Pm_ssize_t i) { return PmList_GetItem(co->co_consts, i); }
static PmObject *const_key(PmObject *v)
{
    if (!PmFloat_Check(v))
        return Pm_NewRef(v);
    double d = PmFloat_AsDouble(v);
    long long bits;
    memcpy(&bits, &d, sizeof bits);
    PmObject *key = PmTuple_New(2);
    PmTuple_SET_ITEM(key, 0, Pm_NewRef(v));
    PmTuple_SET_ITEM(key, 1, PmInt_FromLong(bits));
    return key;
}
static int all_name_chars(PmObject *s)
{
    const char *p = PmStr_AsString(s);
    for (Pm_ssize_t i = 0; i < Pm_SIZE(s); i++)
        if (!(p[i] == '_' || (p[i] >= '0' && p[i] <= '9') ||
              ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')))
            return 0;
    return 1;
}
Pm_ssize_t PmCode_AddConst(PmCode *co, PmObject *value)
{
    if (PmStr_Check(value) && all_name_chars(value))
        PmStr_InternInPlace(&value);
    PmObject *key = const_key(value);
    PmObject *c = PmDict_SetDefault(co->co_unit->const_cache, key, value);
    Pm_DECREF(key);
    Pm_DECREF(value);                  /* the unit's cache keeps c alive */
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(co->co_consts); i++)
        if (PmList_GET_ITEM(co->co_consts, i) == c)
            return i;
    PmList_Append(co->co_consts, c);
    return PmList_GET_SIZE(co->co_consts) - 1;
}
