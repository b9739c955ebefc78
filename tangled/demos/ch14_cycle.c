#include "pm.h"

#define FILE_PY "ch14_cycle.py"
static PmObject *name_s, *cousin_s;

static PmObject *serval(PmObject *name)      /* Serval(name) */
{
    PmObject *self = PmDict_New();
    PmTraceMalloc_PushFrame(FILE_PY, 6);     /* __init__ */
    PmDict_SetItem(self, name_s, name);
    PmTraceMalloc_SetLineno(7);
    PmDict_SetItem(self, cousin_s, Pm_None);
    PmTraceMalloc_PopFrame();
    return self;
}
static void show(const char *title, PmTraceSnapshot *new, PmTraceSnapshot *old,
                 const char *pattern)
{
    PmTraceFilter kept = {.inclusive = 1, .filename_pattern = pattern};
    PmTraceSnapshot *n = PmTraceSnapshot_FilterTraces(new, &kept, 1);
    PmTraceSnapshot *o = PmTraceSnapshot_FilterTraces(old, &kept, 1);
    PmTraceStats *st = PmTraceSnapshot_CompareTo(n, o, PM_TRACE_LINENO, 0);
    char line[512];
    printf("%s\n", title);
    for (size_t i = 0; i < st->n && i < 4; i++)
        printf("%s\n", PmTraceStat_Format(&st->stats[i], 1, line, sizeof line));
    PmTraceStats_Free(st);
    PmTraceSnapshot_Free(n), PmTraceSnapshot_Free(o);
}
int main(void)
{
    name_s = PmStr_FromString("name"), cousin_s = PmStr_FromString("cousin");
    PmObject *servy_s = PmStr_FromString("servy"), *whiky_s = PmStr_FromString("whiky");
    PmTraceMalloc_Start(1);
    PmTraceMalloc_PushFrame(FILE_PY, 10);
    PmTraceSnapshot *snapshot1 = PmTraceMalloc_TakeSnapshot();
    PmTraceMalloc_SetLineno(11);
    PmObject *servy = serval(servy_s);
    PmTraceMalloc_SetLineno(12);
    PmObject *whiky = serval(whiky_s);
    PmTraceMalloc_SetLineno(13);
    PmDict_SetItem(servy, cousin_s, whiky);
    PmTraceMalloc_SetLineno(14);
    PmDict_SetItem(whiky, cousin_s, servy);
    PmTraceMalloc_SetLineno(15);
    Pm_DECREF(servy);                            /* del servy: whiky.cousin holds it */
    PmTraceMalloc_SetLineno(16);
    Pm_DECREF(whiky);                            /* del whiky: servy.cousin holds it */
    PmTraceMalloc_SetLineno(17);
    PmTraceSnapshot *snapshot2 = PmTraceMalloc_TakeSnapshot();
    PmTraceMalloc_SetLineno(18);
    PmDict_SetItem(whiky, cousin_s, Pm_None);    /* whiky.cousin = None: both go */
    Pm_ClearFreeLists();                         /* as a full collection does */
    PmTraceMalloc_SetLineno(19);
    PmTraceSnapshot *snapshot3 = PmTraceMalloc_TakeSnapshot();
    show("snapshot2.compare_to(snapshot1, 'lineno'):", snapshot2, snapshot1, "*ch14_cycle.py");
    show("the first snapshot's own objects:", snapshot2, snapshot1, "*tracemalloc.py");
    show("snapshot3.compare_to(snapshot2, 'lineno'), without a collector:", snapshot3, snapshot2,
         "*ch14_cycle.py");
    PmTraceMalloc_PopFrame();
    PmTraceMalloc_Stop();
    PmTraceSnapshot_Free(snapshot1), PmTraceSnapshot_Free(snapshot2), PmTraceSnapshot_Free(snapshot3);
    Pm_DECREF(name_s), Pm_DECREF(cousin_s), Pm_DECREF(servy_s), Pm_DECREF(whiky_s);
    return 0;
}
