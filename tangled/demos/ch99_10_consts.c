#include "pm.h"

int main(void)
{
    PmUnit *u = PmUnit_New();
    PmCode *f = PmCode_New(u, "f");
    PmCode_AddConst(f, PmInt_FromLong(1));
    PmCode_AddConst(f, PmFloat_FromDouble(1.0));
    PmCode_AddConst(f, PmFloat_FromDouble(0.0));
    PmCode_AddConst(f, PmFloat_FromDouble(-0.0));
    printf("constants of f:");
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(f->co_consts); i++) {
        PmObject *c = PmList_GET_ITEM(f->co_consts, i);
        printf(" %s ", Pm_TYPE(c)->tp_name);
        PmObject_Print(c, stdout);
    }
    printf("\n");
    PmCode_Free(f);
    PmUnit_Free(u);
    return 0;
}
