#include <string.h>
#include "pm.h"

static long mib10(size_t bytes) { return (long)((bytes + 5 * 1048576) / 10485760) * 10; }

static void step(const char *what, size_t base)
{
    PmProcessMemory m = Pm_GetProcessMemory();
    printf("%-44s USS %+5ld MiB\n", what, mib10(m.uss > base ? m.uss - base : 0));
}

int main(void)
{
    size_t base = Pm_GetProcessMemory().uss;
    char *big = PmMem_RawMalloc(100 << 20);
    step("one 100 MiB block, not yet touched", base);
    memset(big, 1, 100 << 20);
    step("the same block, written", base);
    PmMem_RawFree(big);
    step("freed (malloc gave it back: it was mmap'ed)", base);

    enum { N = 102400 };                      /* 100 MiB in 1000-byte blocks */
    static char *small[N];
    for (int i = 0; i < N; i++) memset(small[i] = PmMem_RawMalloc(1000), 1, 1000);
    step("102400 blocks of 1000 bytes, written", base);
    for (int i = 0; i < N; i += 2) PmMem_RawFree(small[i]);
    step("every other block freed (holes)", base);
    for (int i = 1; i < N; i += 2) PmMem_RawFree(small[i]);
    step("all freed", base);
    return 0;
}
