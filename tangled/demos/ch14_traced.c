#include "pm.h"

static void show(const char *what)
{
    size_t cur, peak;
    PmTraceMalloc_GetTracedMemory(&cur, &peak);
    printf("%-36s current %6zu  peak %6zu\n", what, cur, peak);
}

int main(void)
{
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame("traced.py", 1);
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 1000; i++) {
        PmObject *n = PmInt_FromLong(1000 + i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    show("a list of 1000 ints");
    const PmTraceback *tb = PmTraceMalloc_GetObjectTraceback(PmList_GetItem(l, 7));
    printf("the int at index 7 was allocated at %s:%u\n", tb->frames[0].filename,
           tb->frames[0].lineno);
    PmTraceMalloc_SetLineno(2);
    for (int i = 0; i < 500; i++)
        Pm_DECREF(PmList_Pop(l));
    show("after popping 500 of them");
    PmTraceMalloc_ResetPeak();
    show("after reset_peak()");
    printf("the tracer itself holds %zu bytes\n", PmTraceMalloc_GetMemory());
    PmTraceMalloc_ClearTraces();
    show("after clear_traces()");
    PmTraceMalloc_PopFrame();
    Pm_DECREF(l);
    PmTraceMalloc_Stop();
    return 0;
}
