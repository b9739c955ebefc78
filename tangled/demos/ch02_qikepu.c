#include "pm.h"

static void report(const char *what, PmObject *name)
{
    printf("%s %zd\n", what, PmSys_GetRefCount(name));
}

int main(void)
{
    PmObject *arena = PmList_New(0), *co_consts = PmList_New(0);
    PmObject *name = PmStr_FromString("qikepu");   /* the parser makes it */
    PmList_Append(arena, name);                     /* the arena keeps it  */
    PmList_Append(co_consts, name);                 /* the code's constant */
    Pm_DECREF(name);                                /* parser is done      */
    name = Pm_NewRef(PmList_GET_ITEM(co_consts, 0)); /* name = "qikepu"    */
    report("Initial reference count:", name);
    PmObject *other_name = Pm_NewRef(PmList_GET_ITEM(co_consts, 0));
    report("Reference count after assignment:", name);
    PmObject *suffix = PmStr_FromString(" Python");
    PmObject *string_sum = PmStr_Concat(name, suffix);
    Pm_DECREF(suffix);
    report("Reference count after concatenation:", name);
    PmObject *list_of_names = PmList_New(3);
    for (int i = 0; i < 3; i++)
        PmList_SET_ITEM(list_of_names, i, Pm_NewRef(name));
    report("Reference count after creating a list with 'name' 3 times:", name);
    Pm_DECREF(other_name);
    report("Reference count after deleting 'other_name':", name);
    Pm_DECREF(list_of_names);
    report("Reference count after deleting the list:", name);
    Pm_DECREF(name); Pm_DECREF(string_sum);
    Pm_DECREF(co_consts); Pm_DECREF(arena);
    return 0;
}
