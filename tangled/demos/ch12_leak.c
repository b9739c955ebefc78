#include "pm.h"

static size_t base;

static void show_memory_info(const char *hint)
{
    size_t uss = Pm_GetProcessMemory().uss;
    long mib = (long)(((uss > base ? uss - base : 0) + (25 << 20)) / (50 << 20)) * 50;
    printf("%-20s memory used: about %3ld MB more\n", hint, mib);
}

static PmObject *ten_million_ints(void)         /* [i for i in range(10**7)] */
{
    PmObject *a = PmList_New(0);
    for (long i = 0; i < 10000000; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(a, n);
        Pm_DECREF(n);
    }
    return a;
}
static void func(void)
{
    show_memory_info("initial");
    PmObject *a = ten_million_ints(), *b = ten_million_ints();
    show_memory_info("after a, b created");
    PmList_Append(a, b);
    PmList_Append(b, a);
    Pm_DECREF(a);                                /* the function returns: */
    Pm_DECREF(b);                                /* its names go away     */
}

int main(void)
{
    base = Pm_GetProcessMemory().uss;
    func();
    show_memory_info("finished");
    printf("gc.collect() -> %zd\n", PmGC_Collect());
    show_memory_info("after gc.collect()");
    return 0;
}
