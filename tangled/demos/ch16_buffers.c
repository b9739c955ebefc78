#include "pm.h"

static void attempt(const char *what, int failed)     /* try: ... except */
{
    printf("%s: ", what);
    if (failed)
        PmErr_Print(stdout);
    else
        printf("ok\n");
}

static void growth_and_sizes(void)
{
    PmObject *b = PmByteArray_FromStringAndSize(NULL, 0), *x;
    Pm_ssize_t grown[9] = {0}, n = 1;
    while (n < 9)
        if (PmByteArray_Append(b, 0) == 0 && ((PmByteArrayObject *)b)->ob_alloc != grown[n - 1])
            grown[n++] = ((PmByteArrayObject *)b)->ob_alloc;
    printf("appends to bytearray(): alloc 0");
    for (int i = 1; i < 9; i++)
        printf(", %zd", grown[i]);
    Pm_DECREF(b);
    printf("\ngetsizeof: b'' %zd", PmObject_SizeOf(x = PmBytes_FromStringAndSize("", 0)));
    Pm_DECREF(x);
    printf("  b'abc' %zd", PmObject_SizeOf(x = PmBytes_FromStringAndSize("abc", 3)));
    Pm_DECREF(x);
    printf("  bytearray() %zd\n", PmObject_SizeOf(x = PmByteArray_FromStringAndSize(NULL, 0)));
    Pm_DECREF(x);
}
int main(void)
{
    growth_and_sizes();
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    printf("b = bytearray(b'hello world'): alloc %zd  getsizeof %zd\n",
           ((PmByteArrayObject *)b)->ob_alloc, PmObject_SizeOf(b));
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11), *x;
    PmBuffer *sv = PmMemoryView_GET_BUFFER(s);
    printf("s = m[6:11]: ");
    PmObject_Print(x = PmMemoryView_ToBytes(s), stdout);
    Pm_DECREF(x);
    printf("  s.obj is b: %s  len %zd  readonly %s\n", sv->obj == b ? "True" : "False",
           sv->shape[0], sv->readonly ? "True" : "False");
    PmMemoryView_SetItem(s, 0, x = PmInt_FromLong('W'));
    Pm_DECREF(x);
    printf("after s[0] = ord('W'): ");
    PmObject_Print(b, stdout);
    printf("\nsys.getrefcount(b) with two views: %zd\n", PmSys_GetRefCount(b));
    attempt("b.append(33)", PmByteArray_Append(b, 33) < 0);
    PmMemoryView_Release(m);
    attempt("m.release(); b.append(33)", PmByteArray_Append(b, 33) < 0);
    PmMemoryView_Release(s);
    attempt("s.release(); b.append(33)", PmByteArray_Append(b, 33) < 0);
    PmObject_Print(b, stdout);
    printf(" alloc %zd\n", ((PmByteArrayObject *)b)->ob_alloc);
    attempt("s[0]", (x = PmMemoryView_GetItem(s, 0)) == NULL);
    Pm_XDECREF(x);
    PmObject *abc = PmBytes_FromStringAndSize("abc", 3), *r = PmMemoryView_FromObject(abc);
    attempt("memoryview(b'abc')[0] = 65", PmMemoryView_SetItem(r, 0, x = PmInt_FromLong(65)) < 0);
    Pm_DECREF(x); Pm_DECREF(r); Pm_DECREF(abc);
    PmObject *list = PmList_New(0);
    attempt("memoryview([1, 2, 3])", (x = PmMemoryView_FromObject(list)) == NULL);
    Pm_XDECREF(x);
    Pm_DECREF(list);
    Pm_DECREF(m); Pm_DECREF(s); Pm_DECREF(b);
    return 0;
}
