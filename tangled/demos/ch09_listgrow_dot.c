#include "pm.h"

static void row(int appends)                  /* one list, as a table row */
{
    PmObject *l = PmList_New(0);
    for (int i = 0; i < appends; i++) {
        PmObject *n = PmInt_FromLong(i);
        PmList_Append(l, n);
        Pm_DECREF(n);
    }
    printf("<TR><TD ALIGN=\"LEFT\">ob_size %zd, allocated %zd</TD>", Pm_SIZE(l),
           PmList_CAPACITY(l));
    for (Pm_ssize_t i = 0; i < PmList_CAPACITY(l); i++)
        if (i < Pm_SIZE(l))
            printf("<TD>%lld</TD>", PmInt_AsLong(PmList_GET_ITEM(l, i)));
        else
            printf("<TD BGCOLOR=\"#dddddd\">  </TD>");
    printf("</TR>\n");
    Pm_DECREF(l);
}

int main(void)
{
    printf("digraph listgrow {\n"
           "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=11];\n"
           "  t [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
           "CELLPADDING=\"4\">\n");
    row(1);
    row(5);
    row(9);
    printf("</TABLE>>];\n}\n");
    return 0;
}
