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
        fprintf(out, "%zd items", Pm_SIZE(op));
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
