#include "pm.h"

static int count_bytes(const uint8_t *p, size_t n, uint8_t value)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == value;
    return k;
}

static int frames(void *const *f, int n)       /* return addresses kept */
{
    int k = 0;
    while (k < n && f[k] != NULL)
        k++;
    return k;
}
static void row(const char *state, PmObject *op)
{
    PmDebugHeader *h = PM_HEAD(op);
    printf("<TR><TD ALIGN=\"LEFT\">%s</TD><TD>%zu</TD><TD>%zu</TD>", state, h->size, h->serial);
    printf("<TD>%d return<BR/>addresses</TD><TD>%d return<BR/>addresses</TD>",
           frames(h->allocated_at, PM_DEBUG_FRAMES), frames(h->freed_at, PM_FREE_FRAMES));
    printf("<TD>'%c'</TD><TD>FD &#215;%d</TD>", h->id,
           count_bytes(h->pad, sizeof h->pad, PM_FORBIDDENBYTE));
    if (count_bytes((uint8_t *)op, h->size, PM_DEADBYTE) == (int)h->size)
        printf("<TD COLSPAN=\"3\">DD &#215;%zu</TD>", h->size);
    else
        printf("<TD>ob_refcnt<BR/>%zd</TD><TD>ob_type<BR/>%s</TD><TD>ob_ival<BR/>%lld</TD>",
               Pm_REFCNT(op), Pm_TYPE(op) == &PmInt_Type ? "&amp;PmInt_Type" : "?",
               PmInt_AsLong(op));
    printf("<TD>FD &#215;%d</TD></TR>\n",
           count_bytes(PM_TAIL(op), PM_TAIL_PAD, PM_FORBIDDENBYTE));
}
int main(void)
{
    PmMem_SetupDebugHooks();
    PmObject *x = PmInt_FromLong(1000);
    printf("digraph block {\n  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
           "  b [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
           "CELLPADDING=\"2\">\n"
           "<TR><TD></TD><TD>size</TD><TD>serial</TD><TD>allocated at</TD><TD>freed at</TD>"
           "<TD>id</TD><TD>pad</TD><TD COLSPAN=\"3\">data (the object)</TD>"
           "<TD>tail pad</TD></TR>\n"
           "<TR><TD ALIGN=\"LEFT\">offset</TD><TD>-96</TD><TD>-88</TD><TD>-80</TD><TD>-32</TD>"
           "<TD>-8</TD><TD>-7</TD><TD>0</TD><TD>8</TD><TD>16</TD><TD>24</TD></TR>\n");
    row("live", x);
    Pm_DECREF(x);                              /* into quarantine, still mapped */
    row("freed", x);
    printf("</TABLE>>];\n}\n");
    return 0;
}
