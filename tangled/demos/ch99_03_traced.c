#include "answers.h"

static void report(const char *what)
{
    size_t current, peak;
    Ans3_TracedMemory(&current, &peak);
    printf("%-42s current %5zu  peak %5zu\n", what, current, peak);
}

int main(void)
{
    void *before = PmMem_Malloc(300);
    Ans3_TraceStart();
    void *a = PmMem_Malloc(1000), *b = PmObject_Malloc(100);
    report("PmMem_Malloc(1000), PmObject_Malloc(100)");
    PmMem_Free(a);
    PmMem_Free(before);
    report("both freed, and a block from before");
    void *c = PmObject_Malloc(2000);
    b = PmObject_Realloc(b, 300);
    report("PmObject_Malloc(2000), b grown to 300");
    PmObject_Free(b); PmObject_Free(c);
    report("all freed");
    Ans3_TraceStop();
    return 0;
}
