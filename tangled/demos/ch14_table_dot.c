#include "pm.h"

static int displaced(void)                   /* a trace not in its home slot? */
{
    for (size_t i = 0; i < _PmTraceMalloc_Slots(); i++) {
        PmTraceSlot t = _PmTraceMalloc_Slot(i);
        if (t.traceback != NULL && t.home != i)
            return 1;
    }
    return 0;
}
int main(void)
{
    uintptr_t a = 0x7f3a00010000u, b = 0x7f3a00410000u;
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame("shapes.py", 3);
    for (int i = 0; i < 3; i++, a += 32) PmTraceMalloc_Track(0, a, 24);
    PmTraceMalloc_SetLineno(4);
    for (int i = 0; i < 2; i++, a += 32) PmTraceMalloc_Track(0, a, 32);
    PmTraceMalloc_SetLineno(5);
    for (;; b += 256) {                      /* the same place in the next chunk */
        PmTraceMalloc_Track(0, b, 16);
        if (displaced()) break;
        PmTraceMalloc_Untrack(0, b);
    }
    printf("digraph traces {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
           "  table [shape=record, label=\"");
    size_t empty = 0, first = 1;
    for (size_t i = 0; i < _PmTraceMalloc_Slots(); i++) {
        PmTraceSlot t = _PmTraceMalloc_Slot(i);
        if (t.traceback == NULL) { empty++; continue; }
        if (empty) printf("%s(%zu empty)", first ? "" : "|", empty), first = 0, empty = 0;
        printf("%s<s%zu>slot %zu: 0x%lx, %zu B%s", first ? "" : "|", i, i,
               (unsigned long)t.ptr, t.size, t.home != i ? " (home taken)" : "");
        first = 0;
    }
    printf("|(%zu empty)\"];\n", empty);
    const PmTraceback *drawn[8];
    int ndrawn = 0;
    for (size_t i = 0; i < _PmTraceMalloc_Slots(); i++) {
        PmTraceSlot t = _PmTraceMalloc_Slot(i);
        if (t.traceback == NULL)
            continue;
        int k = 0;
        while (k < ndrawn && drawn[k] != t.traceback) k++;
        if (k == ndrawn && ndrawn < 8) {
            drawn[ndrawn++] = t.traceback;
            printf("  tb%d [shape=box, label=\"traceback\\n%s:%u\"];\n", k,
                   t.traceback->frames[0].filename, t.traceback->frames[0].lineno);
        }
        printf("  table:s%zu -> tb%d;\n", i, k);
    }
    printf("}\n");
    PmTraceMalloc_PopFrame();
    PmTraceMalloc_Stop();
    return 0;
}
