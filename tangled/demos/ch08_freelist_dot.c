#include "pm.h"
#include "graph.h"

int main(void)
{
    PmObject *x = PmFloat_FromDouble(4.5), *f[3];
    for (int i = 0; i < 3; i++)
        f[i] = PmFloat_FromDouble(0.5 + i);          /* 0.5 1.5 2.5 */
    for (int i = 0; i < 3; i++)
        Pm_DECREF(f[i]);                             /* onto the list, 2.5 last */
    PmObject *head = _PmFloat_FreeList();
    PmObject *y = PmFloat_FromDouble(9.0);          /* takes the head */
    PmGraph_Begin(stdout, "freelist");
    PmGraph_Label(stdout, "x", x);
    PmGraph_Object(stdout, x);
    PmGraph_Label(stdout, "y", y);
    PmGraph_Object(stdout, y);
    if (y == head)
        PmGraph_Note(stdout, y, "the block of 2.5, freed last");
    PmGraph_Label(stdout, "float_free_list", _PmFloat_FreeList());
    for (PmObject *p = _PmFloat_FreeList(); p != NULL; p = (PmObject *)Pm_TYPE(p)) {
        char value[32];
        PmObject *next = (PmObject *)Pm_TYPE(p);
        snprintf(value, sizeof value, "%g", ((PmFloatObject *)p)->ob_fval);
        PmGraph_Node(stdout, p, "float, dead", value, next ? "ob_type: next" : "ob_type: NULL");
        if (next != NULL)
            PmGraph_Edge(stdout, p, next, "ob_type", 0);
    }
    PmGraph_End(stdout);
    Pm_DECREF(x); Pm_DECREF(y);
    return 0;
}
