#include "pm.h"
#include "graph.h"

static void label_and_draw(const char *name, PmObject *op)
{
    PmGraph_Label(stdout, name, op);
    PmGraph_Object(stdout, op);
}

int main(void)
{
    PmObject *a = PmInt_FromLong(1), *b = PmInt_FromLong(1);        /* a = 1; b = 1     */
    PmObject *c = PmInt_FromLong(257), *d = PmInt_FromLong(257);    /* c = 257; d = 257 */
    PmObject *s = PmStr_InternFromString("hello");                  /* s = 'hello'      */
    PmObject *t = PmStr_InternFromString("hello");                  /* t = 'hello'      */
    PmGraph_Begin(stdout, "caches");
    char where[64];
    PmGraph_Label(stdout, "a", a);
    PmGraph_Label(stdout, "b", b);
    PmGraph_Node(stdout, a, "int", "1", Pm_IsImmortal(a) ? "immortal" : "mortal");
    snprintf(where, sizeof where, "_Pm_SmallInts[%d]\\n%s segment", 1 + PM_NSMALLNEGINTS,
             Pm_AreaName(Pm_AreaOf(a)));
    PmGraph_Note(stdout, a, where);
    label_and_draw("c", c);
    label_and_draw("d", d);
    PmGraph_Label(stdout, "t", t);
    label_and_draw("s", s);
    char entries[32];
    snprintf(entries, sizeof entries, "%zd entry", PmStr_InternedCount());
    PmGraph_Label(stdout, "interned", _Pm_Interned);
    PmGraph_Node(stdout, _Pm_Interned, "dict", "each str to itself", entries);
    PmGraph_Edge(stdout, _Pm_Interned, s, "key and value:\\nnot counted", 1);
    PmGraph_End(stdout);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c); Pm_DECREF(d); Pm_DECREF(s); Pm_DECREF(t);
    return 0;
}
