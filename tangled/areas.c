#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "areas.h"

const char *Pm_AreaName(PmArea a)
{
    static const char *names[] = {"unknown", "stack", "heap", "data",
                                  "read-only data", "code"};
    return names[a];
}
static PmArea classify(const char *perms, const char *path, const char *exe, int after_exe)
{
    if (strcmp(path, "[stack]") == 0) return PM_AREA_STACK;
    if (strcmp(path, "[heap]") == 0) return PM_AREA_HEAP;
    if (exe[0] && strcmp(path, exe) == 0) {
        if (perms[2] == 'x') return PM_AREA_CODE;
        return perms[1] == 'w' ? PM_AREA_DATA : PM_AREA_RODATA;
    }
    if (path[0] == '\0' && perms[1] == 'w')   /* anonymous: bss or mmap */
        return after_exe ? PM_AREA_DATA : PM_AREA_HEAP;
    return PM_AREA_UNKNOWN;
}
PmArea Pm_AreaOf(const void *p)
{
    char line[512], perms[8], path[256], exe[256] = "";
    uintptr_t lo, hi, a = (uintptr_t)p, prev_hi = 0;
    int prev_exe = 0;
    PmArea r = PM_AREA_UNKNOWN;
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL) return PM_AREA_UNKNOWN;
    while (fgets(line, sizeof line, f)) {
        path[0] = '\0';
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perms, path) < 3)
            continue;
        if (exe[0] == '\0' && path[0] == '/') strcpy(exe, path);   /* first file: us */
        int is_exe = exe[0] && strcmp(path, exe) == 0;
        if (a >= lo && a < hi) {
            if ((uintptr_t)&lo >= lo && (uintptr_t)&lo < hi)
                r = PM_AREA_STACK;     /* the same mapping as our own locals */
            else
                r = classify(perms, path, exe, prev_exe && prev_hi == lo);
            break;
        }
        prev_exe = is_exe, prev_hi = hi;
    }
    fclose(f);
    return r;
}
