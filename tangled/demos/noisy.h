/* An object that announces its own deallocation, and can hold others. */
typedef struct {
    PmObject_HEAD
    PmObject *name;                    /* a str   */
    PmObject *items;                   /* a list  */
} NoisyObject;

static void noisy_dealloc(PmObject *op)
{
    NoisyObject *n = (NoisyObject *)op;
    printf("  freeing %s\n", PmStr_AsString(n->name));
    Pm_DECREF(n->items);               /* releases what it holds */
    Pm_DECREF(n->name);
    PmObject_Free(op);
}
static PmTypeObject Noisy_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "Noisy",
    .tp_basicsize = sizeof(NoisyObject),
    .tp_dealloc = noisy_dealloc,
};

static PmObject *noisy(const char *name)          /* a new reference */
{
    NoisyObject *n = (NoisyObject *)PmObject_New(&Noisy_Type);
    n->name = PmStr_FromString(name);
    n->items = PmList_New(0);
    return (PmObject *)n;
}

static inline void noisy_hold(PmObject *holder, PmObject *item)  /* borrows */
{
    PmList_Append(((NoisyObject *)holder)->items, item);
}
