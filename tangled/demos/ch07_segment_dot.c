#include "pm.h"

int main(void)
{
    enum { N = 6000 };
    static void *small[N], *medium[N], *large[N / 4];
    for (int i = 0; i < N; i++) small[i] = PmObject_Malloc(24);
    for (int i = 0; i < N; i++) medium[i] = PmObject_Malloc(100);
    for (int i = 0; i < N / 4; i++) large[i] = PmObject_Malloc(500);
    for (int i = 0; i < N; i++) if (i % 2) PmObject_Free(medium[i]);
    for (int i = 1000; i < 2024; i++) PmObject_Free(small[i]);     /* a whole pool */
    int state[PM_POOLS_IN_ARENA_MAX];
    unsigned szidx[PM_POOLS_IN_ARENA_MAX];
    int n = Pm_SegmentPools(small[N - 1], state, szidx);
    static const char *fill[] = {"white", "lightblue", "gold", "tomato"};
    static const char *name[] = {"never used", "empty", "used", "full"};
    printf("digraph segment {\n  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n");
    printf("  table [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\n");
    printf("    <TR><TD COLSPAN=\"8\">descriptors: bytes 0 to 4,095</TD></TR>\n");
    for (int i = 0; i < n; i++) {
        if (i % 8 == 0) printf("    <TR>");
        if (state[i] >= 2) printf("<TD BGCOLOR=\"%s\">%u</TD>", fill[state[i]], (szidx[i] + 1) * 16);
        else printf("<TD BGCOLOR=\"%s\">-</TD>", fill[state[i]]);
        if (i % 8 == 7) printf("</TR>\n");
    }
    printf("  </TABLE>>];\n");
    printf("  pools [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\">\n");
    printf("    <TR><TD COLSPAN=\"8\">pool k: 16 KiB at 16 KiB x k</TD></TR>\n");
    for (int i = 0; i < n; i++) {
        if (i % 8 == 0) printf("    <TR>");
        printf("<TD BGCOLOR=\"%s\">%d</TD>", fill[state[i]], i);
        if (i % 8 == 7) printf("</TR>\n");
    }
    printf("    <TR>");
    for (int s = 0; s < 4; s++) printf("<TD COLSPAN=\"2\" BGCOLOR=\"%s\">%s</TD>", fill[s], name[s]);
    printf("</TR>\n  </TABLE>>];\n");
    printf("  table -> pools [label=\"entry k describes pool k\", fontname=\"Helvetica\", fontsize=10];\n}\n");
    for (int i = 0; i < N; i++) if (i < 1000 || i >= 2024) PmObject_Free(small[i]);
    for (int i = 0; i < N; i += 2) PmObject_Free(medium[i]);
    for (int i = 0; i < N / 4; i++) PmObject_Free(large[i]);
    return 0;
}
