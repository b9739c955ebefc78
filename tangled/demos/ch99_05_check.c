#include "answers.h"

static void check(const char *step, const void *p)
{
    char why[128];
    Ans5_CheckBlock(p, why, sizeof why);
    printf("%-26s %s\n", step, why);
}

int main(void)
{
    PmMem_SetupDebugHooks();
    char *s = PmMem_Malloc(16);
    check("after PmMem_Malloc(16):", s);
    s[16] = 'A';
    check("after s[16] = 'A':", s);
    s[16] = (char)PM_FORBIDDENBYTE;           /* repaired, so that free is quiet */
    s[-2] = 'B';
    check("after s[-2] = 'B':", s);
    s[-2] = (char)PM_FORBIDDENBYTE;
    PmMem_Free(s);
    check("after PmMem_Free(s):", s);
    return 0;
}
