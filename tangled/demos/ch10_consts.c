#include "pm.h"

static void program(const char *title, PmUnit *module_unit, PmUnit *main_unit)
{
    PmCode *module = PmCode_New(module_unit, "<module>");
    PmCode *mainf = PmCode_New(main_unit, "main");
    PmObject *a = PmCode_GetConst(module, PmCode_AddConst(module, PmInt_FromLong(257)));
    PmObject *b = PmCode_GetConst(mainf, PmCode_AddConst(mainf, PmInt_FromLong(257)));
    PmObject *c = PmCode_GetConst(mainf, PmCode_AddConst(mainf, PmInt_FromLong(257)));
    printf("%-20s%s %s %s\n", title, Pm_Is(b, c) ? "True" : "False",
           Pm_Is(a, b) ? "True" : "False", Pm_Is(a, c) ? "True" : "False");
    PmCode_Free(module);
    PmCode_Free(mainf);
}
static PmObject *line(const char *text)   /* one >>> line: its own unit */
{
    PmUnit *u = PmUnit_New();
    PmCode *co = PmCode_New(u, "<stdin>");
    PmObject *s = Pm_NewRef(PmCode_GetConst(co, PmCode_AddConst(co, PmStr_FromString(text))));
    PmCode_Free(co);
    PmUnit_Free(u);
    return s;                          /* the name bound to it keeps it */
}

static const char *tf(int b) { return b ? "True" : "False"; }
int main(void)
{
    PmUnit *one = PmUnit_New(), *first = PmUnit_New(), *second = PmUnit_New();
    program("one unit (a file):", one, one);
    program("two units (>>>):", first, second);
    PmUnit_Free(one); PmUnit_Free(first); PmUnit_Free(second);
    PmObject *s = line("hello"), *t = line("hello");
    PmObject *u = line("hello world"), *v = line("hello world");
    printf("'hello' is 'hello' across units: %s\n", tf(Pm_Is(s, t)));
    printf("'hello world' is 'hello world' across units: %s\n", tf(Pm_Is(u, v)));
    PmObject *hel = PmStr_FromString("hel"), *lo = PmStr_FromString("lo");
    PmObject *built = PmStr_Concat(hel, lo);
    printf("built 'hello' is the constant: %s\n", tf(Pm_Is(built, s)));
    PmObject *interned = PmSys_Intern(built);
    printf("sys.intern(built) is the constant: %s\n", tf(Pm_Is(interned, s)));
    Pm_DECREF(interned); Pm_DECREF(built); Pm_DECREF(hel); Pm_DECREF(lo);
    Pm_DECREF(s); Pm_DECREF(t); Pm_DECREF(u); Pm_DECREF(v);
    return 0;
}
