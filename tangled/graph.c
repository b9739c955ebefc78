#include "pm.h"
#include "graph.h"

#define PM_GRAPH_MAX 256
static const PmObject *seen[PM_GRAPH_MAX];    /* node n is seen[n] */
static int nseen;

static int node_of(const PmObject *op)
{
    for (int i = 0; i < nseen; i++)
        if (seen[i] == op)
            return i;
    if (nseen == PM_GRAPH_MAX)
        Pm_FatalError("PmGraph", "more than %d objects to draw", PM_GRAPH_MAX);
    seen[nseen] = op;
    return nseen++;
}
void PmGraph_Begin(FILE *out, const char *name)
{
    nseen = 0;
    fprintf(out, "digraph %s {\n  rankdir=LR;\n"
                 "  node [fontname=\"Helvetica\", fontsize=11];\n"
                 "  edge [fontname=\"Helvetica\", fontsize=10];\n", name);
}

void PmGraph_Label(FILE *out, const char *label, PmObject *op)
{
    fprintf(out, "  \"%s\" [shape=plaintext, fontname=\"Courier\"];\n", label);
    fprintf(out, "  \"%s\" -> o%d;\n", label, node_of(op));
}

void PmGraph_End(FILE *out) { fputs("}\n", out); }
void PmGraph_Object(FILE *out, PmObject *op)
{
    int n = node_of(op);
    fprintf(out, "  o%d [shape=record, label=\"%s|", n, Pm_TYPE(op)->tp_name);
    if (PmList_Check(op))
        fprintf(out, "%zd item%s", Pm_SIZE(op), Pm_SIZE(op) == 1 ? "" : "s");
    else
        PmObject_Print(op, out);
    fprintf(out, "|count %zd\"];\n", Pm_REFCNT(op));
    if (!PmList_Check(op))
        return;
    for (Pm_ssize_t i = 0; i < Pm_SIZE(op); i++) {
        PmObject *item = PmList_GET_ITEM(op, i);
        int known = 0;
        for (int j = 0; j < nseen; j++)
            known |= seen[j] == item;
        fprintf(out, "  o%d -> o%d [label=\"%zd\"];\n", n, node_of(item), i);
        if (!known)
            PmGraph_Object(out, item);
    }
}
void PmGraph_Note(FILE *out, const void *op, const char *note)
{
    int n = node_of(op);
    fprintf(out, "  o%d [style=filled, fillcolor=\"#fde9d9\"];\n"
                 "  note%d [shape=plaintext, fontsize=10, label=\"%s\"];\n"
                 "  o%d -> note%d [style=dotted, arrowhead=none];\n", n, n, note, n, n);
}
void PmGraph_Node(FILE *out, const void *p, const char *type, const char *value,
                  const char *last)
{
    fprintf(out, "  o%d [shape=record, label=\"%s|%s|%s\"];\n", node_of(p), type, value, last);
}

void PmGraph_Edge(FILE *out, const void *from, const void *to, const char *label, int dashed)
{
    int a = node_of(from), b = node_of(to);
    fprintf(out, "  o%d -> o%d [label=\"%s\"%s];\n", a, b, label,
            dashed ? ", style=dashed" : "");
}
