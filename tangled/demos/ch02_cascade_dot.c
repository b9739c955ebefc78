#include "pm.h"
#include "graph.h"

static destructor real_list_dealloc, real_str_dealloc;
static int nfreed;

static void noting_dealloc(PmObject *op)      /* note the call, then do it */
{
    static const char *nth[] = {"freed 1st", "freed 2nd", "freed 3rd", "freed 4th"};
    PmGraph_Note(stdout, op, nfreed < 4 ? nth[nfreed] : "freed");
    nfreed++;
    (PmList_Check(op) ? real_list_dealloc : real_str_dealloc)(op);
}
int main(void)
{
    PmObject *box = PmList_New(0), *b = PmList_New(0);
    PmObject *a = PmStr_FromString("a"), *c = PmStr_FromString("c");
    PmList_Append(box, a);                   /* box = ['a', b]         */
    PmList_Append(box, b);
    PmList_Append(b, c);                     /* b = ['c']              */
    PmObject *keep = a;                      /* keep = 'a'             */
    Pm_DECREF(b); Pm_DECREF(c);              /* only box holds them    */
    PmGraph_Begin(stdout, "cascade");
    PmGraph_Label(stdout, "box", box);
    PmGraph_Label(stdout, "keep", keep);
    PmGraph_Object(stdout, keep);
    PmGraph_Object(stdout, box);
    real_list_dealloc = PmList_Type.tp_dealloc;
    real_str_dealloc = PmStr_Type.tp_dealloc;
    PmList_Type.tp_dealloc = PmStr_Type.tp_dealloc = noting_dealloc;
    Pm_DECREF(box);                              /* del box                */
    PmList_Type.tp_dealloc = real_list_dealloc;
    PmStr_Type.tp_dealloc = real_str_dealloc;
    PmGraph_Note(stdout, keep, "survives: count 1");
    PmGraph_End(stdout);
    Pm_DECREF(keep);
    return 0;
}
