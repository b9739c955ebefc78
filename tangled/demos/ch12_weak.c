#include "pm.h"

static PmObject *cache, *rescued;
static void show(const char *what) { printf("%-44s %zd\n", what, PmGC_Collect()); }
static const char *attr(PmObject *self, const char *name)
{ return PmStr_AsString(PmInstance_GetAttr(self, name)); }
static const char *called(PmObject *wr)          /* wr() printed: None, or it lives */
{ return PmWeakref_GetObject(wr) == Pm_None ? "None" : "alive"; }

static PmObject *say_call(PmObject *self, PmObject *wr)      /* Say.__call__ */
{
    printf("  callback %s: the referent is %s\n", attr(self, "name"), called(wr));
    return Pm_NewRef(Pm_None);
}

static PmObject *forget_call(PmObject *self, PmObject *wr)   /* Forget.__call__ */
{
    (void)wr;
    PmDict_DelItem(cache, PmInstance_GetAttr(self, "key"));
    printf("  the cache forgets '%s'\n", attr(self, "key"));
    return Pm_NewRef(Pm_None);
}
static void rescue(PmObject *self) { PmList_Append(rescued, self); }
static PmTypeObject A = { PmClass_INIT("A") };
static PmTypeObject R = { PmClass_INIT("R"), .tp_finalize = rescue };
static PmTypeObject Say = { PmClass_INIT("Say"), .tp_call = say_call };
static PmTypeObject Forget = { PmClass_INIT("Forget"), .tp_call = forget_call };

/* weakref.ref(a, cls(text)), where cls(text) sets the attribute name */
static PmObject *ref_to(PmObject *a, PmTypeObject *cls, const char *name, const char *text)
{
    PmObject *cb = PmInstance_New(cls), *s = PmStr_FromString(text);
    PmInstance_SetAttr(cb, name, s);
    PmObject *wr = PmWeakref_NewRef(a, cb);
    Pm_DECREF(s);
    Pm_DECREF(cb);
    return wr;
}

static PmObject *cycle(PmTypeObject *cls)        /* a = cls(); a.self = a */
{
    PmObject *a = PmInstance_New(cls);
    PmInstance_SetAttr(a, "self", a);
    return a;
}
int main(void)
{
    PmObject *a = PmInstance_New(&A);
    PmObject *r1 = ref_to(a, &Say, "name", "r1"), *r2 = ref_to(a, &Say, "name", "r2");
    PmObject *x = PmWeakref_NewRef(a, NULL), *y = PmWeakref_NewRef(a, NULL);
    printf("weakref.ref(a) is weakref.ref(a): %s\n", x == y ? "True" : "False");
    Pm_DECREF(x); Pm_DECREF(y);
    printf("weak references to a: %zd\n", PmWeakref_GetWeakrefCount(a));
    Pm_DECREF(a);
    printf("after del a, r1() is %s\n", called(r1));
    a = cycle(&A);
    PmObject *r = ref_to(a, &Say, "name", "r");
    Pm_DECREF(a);
    show("a cycle; its weak reference is kept");
    a = cycle(&A);
    x = ref_to(a, &Say, "name", "a.wr");
    PmInstance_SetAttr(a, "wr", x);
    Pm_DECREF(x); Pm_DECREF(a);
    show("a cycle that holds its own weak reference");
    cache = PmDict_New();
    PmObject *big = PmStr_FromString("big");
    a = cycle(&A);
    x = ref_to(a, &Forget, "key", "big");
    PmDict_SetItem(cache, big, x);
    Pm_DECREF(x); Pm_DECREF(a); Pm_DECREF(big);
    show("a cached value that dies in a cycle");
    printf("cache: "); PmObject_Print(cache, stdout); printf("\n");
    rescued = PmList_New(0);
    Pm_DECREF(r);
    a = cycle(&R);
    r = PmWeakref_NewRef(a, NULL);
    Pm_DECREF(a);
    show("a cycle whose finalizer rescues it");
    printf("r() is %s and rescued holds %zd\n", called(r), PmList_GET_SIZE(rescued));
    Pm_DECREF(cache); Pm_DECREF(rescued);
    PmGC_Collect();                                 /* the rescued cycle, let go */
    Pm_DECREF(r1); Pm_DECREF(r2); Pm_DECREF(r);
    return 0;
}
