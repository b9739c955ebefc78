#include "pm.h"

static PmObject *global_a;

static void show_memory_info(const char *hint, size_t base)
{
    size_t uss = Pm_GetProcessMemory().uss;
    long mib = (long)(((uss > base ? uss - base : 0) + (25 << 20)) / (50 << 20)) * 50;
    printf("%-16s memory used: about %3ld MB more\n", hint, mib);
}

static PmObject *make(void)                      /* [i for i in range(10**7)] */
{
    PmObject *a = PmList_New(0);
    for (long i = 0; i < 10000000; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(a, n);
        Pm_DECREF(n);
    }
    return a;
}
static void func_local(size_t base)
{
    PmObject *a = make();
    show_memory_info("after a created", base);
    Pm_DECREF(a);                                /* a goes out of scope */
}

static void func_global(size_t base)
{
    global_a = make();                           /* global a */
    show_memory_info("after a created", base);
}

static PmObject *func_return(size_t base)
{
    PmObject *a = make();
    show_memory_info("after a created", base);
    return a;
}
int main(void)
{
    size_t base = Pm_GetProcessMemory().uss;
    printf("-- a is local\n");
    show_memory_info("initial", base);
    func_local(base);
    show_memory_info("finished", base);
    printf("-- a is global\n");
    func_global(base);
    show_memory_info("finished", base);
    Pm_DECREF(global_a);
    printf("-- a is returned\n");
    PmObject *a = func_return(base);
    show_memory_info("finished", base);
    Pm_DECREF(a);
    show_memory_info("after del a", base);
    return 0;
}
