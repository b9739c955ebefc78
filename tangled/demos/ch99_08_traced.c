#include "answers.h"

static void thousand_floats(const char *what)
{
    size_t current, peak;
    Ans3_TraceStart();
    for (int i = 0; i < 1000; i++)
        Pm_DECREF(PmFloat_FromDouble(i + 0.5));
    Ans3_TracedMemory(&current, &peak);
    printf("%-38s current %2zu, peak %2zu\n", what, current, peak);
    Ans3_TraceStop();
}

int main(void)
{
    Pm_ClearFreeLists();
    thousand_floats("the free list empty at the start:");
    thousand_floats("a float on the free list at the start:");
    return 0;
}
