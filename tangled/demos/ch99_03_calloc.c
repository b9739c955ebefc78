#include <string.h>
#include "pm.h"

static long mib10(size_t base)
{
    size_t uss = Pm_GetProcessMemory().uss;
    return (long)(((uss > base ? uss - base : 0) + 5 * 1048576) / 10485760) * 10;
}

int main(void)
{
    size_t n = 100 << 20, base = Pm_GetProcessMemory().uss;
    char *zeroed = PmObject_Calloc(1, n);
    printf("PmObject_Calloc(100 MiB):           USS %ld MiB more\n", mib10(base));
    char *written = PmObject_Malloc(n);
    memset(written, 0, n);
    printf("and PmObject_Malloc + memset:       USS %ld MiB more\n", mib10(base));
    memset(zeroed, 1, n);
    printf("and the calloc'ed block written:    USS %ld MiB more\n", mib10(base));
    PmObject_Free(zeroed);
    PmObject_Free(written);
    return 0;
}
