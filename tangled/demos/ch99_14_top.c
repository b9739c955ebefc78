#include "answers.h"

typedef struct { unsigned domain; size_t size; int n; PmTraceFrame f[3]; } Given;
static const Given given[] = {
    {0, 424, 2, {{"app.py", 19}, {"main.py", 5}}}, {0, 424, 2, {{"app.py", 19}, {"main.py", 5}}},
    {0, 64, 2, {{"app.py", 18}, {"main.py", 6}}},
    {0, 102399, 3, {{"lib/util.py", 40}, {"app.py", 30}, {"main.py", 7}}},
    {0, 1000, 3, {{"lib/util.py", 40}, {"app.py", 31}, {"main.py", 7}}},
    {0, 24, 1, {{"main.py", 9}}}, {0, 5000, 1, {{"<unknown>", 0}}},
    {7, 4096, 2, {{"app.py", 50}, {"main.py", 8}}}, {7, 8192, 2, {{"app.py", 51}, {"main.py", 8}}},
};
int main(void)
{
    PmTraceMalloc_Start(3);
    for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
        for (int f = given[i].n; f > 0; f--)
            PmTraceMalloc_PushFrame(given[i].f[f - 1].filename, given[i].f[f - 1].lineno);
        PmTraceMalloc_Track(given[i].domain, 0x1000 + 16 * i, given[i].size);
        for (int f = 0; f < given[i].n; f++)
            PmTraceMalloc_PopFrame();
    }
    PmTraceSnapshot *s = PmTraceMalloc_TakeSnapshot();
    PmTraceMalloc_Stop();
    Ans14_DisplayTop(s, PM_TRACE_LINENO, 3, stdout);
    Ans14_DisplayTop(s, PM_TRACE_FILENAME, 1, stdout);
    PmTraceSnapshot_Free(s);
    return 0;
}
