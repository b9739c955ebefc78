#include "pm.h"

static char *block;                               /* b's ob_bytes */

static void cell_edge(const char *from, const void *p)   /* an arrow to a byte */
{
    printf("  %s -> block:c%td:n;\n", from, (const char *)p - block);
}

static void row(const char *port, const char *fmt, Pm_ssize_t v)
{
    printf("<TR><TD ALIGN=\"LEFT\"%s%s%s>", port ? " PORT=\"" : "", port ? port : "",
           port ? "\"" : "");
    printf(fmt, v);
    printf("</TD></TR>");
}
static void draw_block(PmByteArrayObject *b)
{
    printf("  block [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
           "CELLPADDING=\"7\"><TR>");
    for (Pm_ssize_t i = 0; i < b->ob_alloc; i++) {
        Pm_ssize_t used = block + i >= b->ob_start && block + i < b->ob_start + Pm_SIZE(b);
        char c = block[i];
        printf("<TD PORT=\"c%zd\"%s>", i, used ? "" : " BGCOLOR=\"#dddddd\"");
        if (c == '\0') printf("\\0");
        else if (c == ' ') printf("&#160;");
        else printf("%c", c);
        printf("</TD>");
    }
    printf("</TR></TABLE>>];\n");
}
static void draw_view(const char *name, PmObject *op)
{
    PmBuffer *v = PmMemoryView_GET_BUFFER(op);
    printf("  %s [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">"
           "<TR><TD><B>memoryview %s</B></TD></TR>", name, name);
    row(NULL, "ob_refcnt %zd", Pm_REFCNT(op));
    row("mbuf", "mbuf", 0);
    row("buf", "view.buf", 0);
    row(NULL, "view.len %zd", v->len);
    printf("</TABLE>>];\n  %s:mbuf -> mbuf;\n", name);
    char from[32];
    snprintf(from, sizeof from, "%s:buf", name);
    cell_edge(from, v->buf);
}
static void draw_mbuf(PmManagedBufferObject *mb)
{
    printf("  mbuf [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">"
           "<TR><TD><B>managedbuffer</B></TD></TR>");
    row(NULL, "ob_refcnt %zd", Pm_REFCNT(mb));
    row(NULL, "exports %zd", mb->exports);
    row("obj", "master.obj", 0);
    row("buf", "master.buf", 0);
    row(NULL, "master.len %zd", mb->master.len);
    printf("</TABLE>>];\n  mbuf:obj -> b;\n");
    cell_edge("mbuf:buf", mb->master.buf);
}
static void draw_bytearray(PmByteArrayObject *b)
{
    printf("  b [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">"
           "<TR><TD><B>bytearray b</B></TD></TR>");
    row(NULL, "ob_refcnt %zd", Pm_REFCNT(b));
    row(NULL, "ob_size %zd", Pm_SIZE(b));
    row(NULL, "ob_alloc %zd", b->ob_alloc);
    row("bytes", "ob_bytes", 0);
    row("start", "ob_start", 0);
    row(NULL, "ob_exports %zd", b->ob_exports);
    printf("</TABLE>>];\n");
    cell_edge("b:bytes", b->ob_bytes);
    cell_edge("b:start", b->ob_start);
}
int main(void)
{
    PmObject *b = PmByteArray_FromStringAndSize("..hello world", 13);
    PmByteArray_DelSlice(b, 0, 2);                           /* del b[:2] */
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11);
    PmMemoryViewObject *mv = (PmMemoryViewObject *)m;
    block = ((PmByteArrayObject *)b)->ob_bytes;
    printf("digraph views {\n  rankdir=TB;\n"
           "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=11];\n");
    draw_view("m", m);
    draw_view("s", s);
    draw_mbuf(mv->mbuf);
    draw_bytearray((PmByteArrayObject *)b);
    draw_block((PmByteArrayObject *)b);
    printf("}\n");
    Pm_DECREF(s); Pm_DECREF(m); Pm_DECREF(b);
    return 0;
}
