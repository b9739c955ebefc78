#include <string.h>
#include "pm.h"

int main(void)
{
    PmMemAllocator behind[PM_MEM_NDOMAINS];   /* each domain's table, unhooked */
    for (int d = 0; d < PM_MEM_NDOMAINS; d++)
        PmMem_GetAllocator(d, &behind[d]);
    PmMem_StatsStart();
    PmObject *l = PmList_New(0);
    for (int i = 0; i < 1000; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    Pm_DECREF(l);
    PmMem_StatsStop();
    printf("digraph domains {\n  node [fontname=\"Helvetica\", fontsize=11];\n"
           "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    static const char *door[] = {"PmMem_RawMalloc ...", "PmMem_Malloc ...", "PmObject_Malloc ..."};
    for (int d = 0; d < PM_MEM_NDOMAINS; d++) {
        PmMemStats st = PmMem_GetStats(d);
        int same = d;                              /* first domain with this table */
        while (same > 0 && memcmp(&behind[same - 1], &behind[d], sizeof behind[d]) == 0)
            same--;
        printf("  door%d [shape=plaintext, fontname=\"Courier\", label=\"%s\"];\n", d, door[d]);
        printf("  hook%d [shape=record, label=\"{%s domain\\nstatistics hook|", d,
               PmMem_DomainName(d));
        printf("%zu mallocs\\n%zu reallocs\\n%zu frees}\"];\n", st.mallocs, st.reallocs, st.frees);
        printf("  door%d -> hook%d;\n  hook%d -> table%d [label=\" passes on\"];\n", d, d, d, same);
        if (same == d)
            printf("  table%d [shape=box, label=\"the C library\\n"
                   "malloc, calloc, realloc, free\"];\n", d);
    }
    printf("}\n");
    return 0;
}
