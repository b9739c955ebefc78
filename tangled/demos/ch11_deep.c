#include "pm.h"

static const char *tf(int b) { return b ? "True" : "False"; }

static PmObject *pair(PmObject *a, PmObject *b)   /* steals both */
{
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, a);
    PmTuple_SET_ITEM(t, 1, b);
    return t;
}

static void set(PmObject *d, const char *key, PmObject *value)
{
    PmObject *k = PmStr_FromString(key);
    PmDict_SetItem(d, k, value);
    Pm_DECREF(k);
}
int main(void)
{
    long long v[] = {1000, 2000};
    PmObject *s = PmList_FromInts(1, v), *x = PmList_New(0);
    PmList_Append(x, s);
    PmList_Append(x, s);                       /* x = [s, s] */
    PmObject *y = PmCopy_DeepCopy(x);
    printf("shared:  y[0] is y[1]: %s  y[0] is s: %s\n",
           tf(PmList_GET_ITEM(y, 0) == PmList_GET_ITEM(y, 1)), tf(PmList_GET_ITEM(y, 0) == s));
    Pm_DECREF(y);
    PmObject *a = PmList_FromInts(1, v);
    PmList_Append(a, a);                           /* a = [1000, a] */
    PmObject *b = PmCopy_DeepCopy(a);
    printf("cycle:   b[1] is b: %s  b is a: %s\n", tf(PmList_GET_ITEM(b, 1) == b), tf(b == a));
    PmList_SetItem(a, 1, Pm_NewRef(Pm_None));      /* break both cycles */
    PmList_SetItem(b, 1, Pm_NewRef(Pm_None));
    Pm_DECREF(a); Pm_DECREF(b);
    PmObject *d = PmDict_New(), *ka = PmStr_FromString("a"), *kb = PmStr_FromString("b");
    PmObject *kself = PmStr_FromString("self");
    set(d, "a", s); set(d, "b", s); set(d, "self", d);
    PmObject *e = PmCopy_DeepCopy(d);
    printf("dict:    e['a'] is e['b']: %s  e['self'] is e: %s\n",
           tf(PmDict_GetItem(e, ka) == PmDict_GetItem(e, kb)), tf(PmDict_GetItem(e, kself) == e));
    PmDict_DelItem(d, kself); PmDict_DelItem(e, kself);
    Pm_DECREF(d); Pm_DECREF(e); Pm_DECREF(ka); Pm_DECREF(kb); Pm_DECREF(kself);
    PmObject *t = PmTuple_New(3);                  /* (1000, 'a', (2000, 3.5)) */
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1000));
    PmTuple_SET_ITEM(t, 1, PmStr_FromString("a"));
    PmTuple_SET_ITEM(t, 2, pair(PmInt_FromLong(2000), PmFloat_FromDouble(3.5)));
    PmCopyMemo *memo = PmCopyMemo_New();
    PmObject *u = PmCopy_DeepCopyMemo(t, memo);
    printf("(1000, 'a', (2000, 3.5)): copy is t: %s  memoised: %s\n", tf(u == t),
           tf(PmCopyMemo_Get(memo, t) != NULL));
    PmCopyMemo_Free(memo);
    Pm_DECREF(u); Pm_DECREF(t);
    t = pair(PmInt_FromLong(1000), PmList_FromInts(1, v + 1));
    u = PmCopy_DeepCopy(t);
    printf("(1000, [2000]):           copy is t: %s  u[0] is t[0]: %s\n", tf(u == t),
           tf(PmTuple_GET_ITEM(u, 0) == PmTuple_GET_ITEM(t, 0)));
    Pm_DECREF(u); Pm_DECREF(t);
    memo = PmCopyMemo_New();
    Pm_ssize_t before = Pm_REFCNT(s);
    y = PmCopy_DeepCopyMemo(x, memo);
    PmObject *again = PmCopy_DeepCopyMemo(x, memo);
    printf("memo:    originals copied: %zd  refcount of s rose by: %zd  deepcopy(x, memo) is y: %s\n",
           PmCopyMemo_Size(memo), Pm_REFCNT(s) - before, tf(again == y));
    Pm_DECREF(again); Pm_DECREF(y);
    PmCopyMemo_Free(memo);
    Pm_DECREF(x); Pm_DECREF(s);
    return 0;
}
