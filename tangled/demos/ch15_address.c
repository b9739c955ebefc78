#include "pm.h"

static PmObject *our_var;

static void counts(const char *what)
{
    uintptr_t id = Pm_Id(our_var);
    printf("%-20s sys: %zd  ctypes: %ld\n", what, PmSys_GetRefCount(our_var),
           *(long *)id);                  /* ctypes.c_long.from_address(id) */
}
int main(void)
{
    long long one23[] = {1, 2, 3};
    our_var = PmList_FromInts(3, one23);              /* our_var = [1, 2, 3] */
    uintptr_t id = Pm_Id(our_var);
    printf("hex(id(our_var)) ends in: %x\n", (unsigned)(id & 0xf));
    printf("value from the address: ");
    PmObject_Print((PmObject *)id, stdout);           /* ctypes.cast(id, py_object) */
    printf("\n");
    counts("our_var = [1, 2, 3]");
    PmObject *my_var = Pm_NewRef(our_var);            /* my_var = our_var */
    counts("my_var = our_var");
    Pm_DECREF(my_var);                                /* del my_var */
    counts("del my_var");
    Pm_DECREF(our_var);
    return 0;
}
