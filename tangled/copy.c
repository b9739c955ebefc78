#include <string.h>
#include "pm.h"

/* the types whose objects are their own copy, shallow or deep
   (CPython: _copy_immutable and _deepcopy_atomic) */
static inline int is_atomic(const PmTypeObject *tp)
{
    return tp == &PmInt_Type || tp == &PmFloat_Type || tp == &PmStr_Type
        || tp == &PmNone_Type || tp == &PmType_Type;
}
static PmObject *dict_copy(PmObject *x)
{
    PmObject *y = PmDict_New(), *k, *v;
    Pm_ssize_t pos = 0;
    while (PmDict_Next(x, &pos, &k, &v))
        PmDict_SetItem(y, k, v);
    _PmDict_TrackLikeOriginal(y, x);
    return y;
}
PmObject *PmCopy_Copy(PmObject *x)
{
    PmTypeObject *tp = Pm_TYPE(x);
    if (is_atomic(tp) || tp == &PmTuple_Type)
        return Pm_NewRef(x);
    if (tp == &PmList_Type) {
        Pm_ssize_t n = Pm_SIZE(x);
        PmObject *y = PmList_New(n);
        for (Pm_ssize_t i = 0; i < n; i++)
            PmList_SET_ITEM(y, i, Pm_NewRef(PmList_GET_ITEM(x, i)));
        return y;
    }
    if (tp == &PmDict_Type)
        return dict_copy(x);
    if (tp == &PmBaseObject_Type)
        return PmObject_New(&PmBaseObject_Type);
    Pm_FatalError("PmCopy_Copy", "un(shallow)copyable object of type '%s'", tp->tp_name);
}
typedef struct {
    PmObject *orig;                    /* NULL: an empty slot   */
    PmObject *copy;
} MemoEntry;

struct PmCopyMemo {
    MemoEntry *table;                  /* 1 << log2 slots       */
    int log2;
    Pm_ssize_t used;                   /* at most half of them  */
};
static MemoEntry *memo_find(const PmCopyMemo *m, const PmObject *op)
{
    size_t mask = ((size_t)1 << m->log2) - 1;
    size_t i = (size_t)(((uint64_t)(uintptr_t)op * 0x9E3779B97F4A7C15u) >> (64 - m->log2));
    while (m->table[i].orig != NULL && m->table[i].orig != op)
        i = (i + 1) & mask;
    return &m->table[i];            /* op's entry, or the empty slot for it */
}

static MemoEntry *memo_table(int log2)
{
    MemoEntry *t = PmMem_Calloc((size_t)1 << log2, sizeof(MemoEntry));
    if (t == NULL)
        Pm_FatalError("PmCopy_DeepCopy", "out of memory for a memo of 2**%d slots", log2);
    return t;
}
static void memo_put(PmCopyMemo *m, PmObject *orig, PmObject *copy)
{
    if (2 * (m->used + 1) > (Pm_ssize_t)1 << m->log2) {
        MemoEntry *old = m->table;
        size_t n = (size_t)1 << m->log2;
        m->table = memo_table(++m->log2);
        for (size_t i = 0; i < n; i++)
            if (old[i].orig != NULL)
                *memo_find(m, old[i].orig) = old[i];
        PmMem_Free(old);
    }
    *memo_find(m, orig) = (MemoEntry){ Pm_NewRef(orig), Pm_NewRef(copy) };
    m->used++;
}
PmCopyMemo *PmCopyMemo_New(void)
{
    PmCopyMemo *m = PmMem_Malloc(sizeof *m);
    if (m == NULL)
        Pm_FatalError("PmCopyMemo_New", "out of memory");
    m->log2 = 3;
    m->used = 0;
    m->table = memo_table(m->log2);
    return m;
}

void PmCopyMemo_Free(PmCopyMemo *m)
{
    for (size_t i = 0; i < (size_t)1 << m->log2; i++)
        if (m->table[i].orig != NULL) {
            Pm_DECREF(m->table[i].copy);
            Pm_DECREF(m->table[i].orig);
        }
    PmMem_Free(m->table);
    PmMem_Free(m);
}
PmObject *PmCopyMemo_Get(PmCopyMemo *m, PmObject *orig)
{
    MemoEntry *e = memo_find(m, orig);
    return e->copy;                    /* borrowed; NULL if orig was not copied */
}

Pm_ssize_t PmCopyMemo_Size(PmCopyMemo *m) { return m->used; }
typedef struct {
    PmObject *src;                     /* the original list, tuple or dict  */
    PmObject *dst;                     /* its copy, being filled            */
    Pm_ssize_t i;                      /* next item (dict: its position)    */
    PmObject *key;                     /* dict: the copied key ...          */
    PmObject *value;                   /* ... and its original value        */
} CopyFrame;

typedef struct {
    PmCopyMemo *memo;
    int memo_all;                      /* the caller's memo: remember all   */
    Pm_ssize_t shared_tuples;          /* tuple frames with count > 1       */
    CopyFrame *frames;                 /* the work stack                    */
    Pm_ssize_t n, cap;
} Copier;

static PmCopyStats copy_stats;         /* of the last deep copy             */
static void push(Copier *c, PmObject *src, PmObject *dst)
{
    if (c->n == c->cap) {
        if (c->cap > PM_SSIZE_MAX / 2 / (Pm_ssize_t)sizeof(CopyFrame))
            Pm_FatalError("PmCopy_DeepCopy", "work stack too deep");
        c->cap *= 2;
        c->frames = PmMem_Realloc(c->frames, (size_t)c->cap * sizeof(CopyFrame));
        if (c->frames == NULL)
            Pm_FatalError("PmCopy_DeepCopy", "out of memory for %zd frames", c->cap);
    }
    c->frames[c->n++] = (CopyFrame){ src, dst, 0, NULL, NULL };
    if (c->n > copy_stats.peak_frames)
        copy_stats.peak_frames = c->n;
}

PmCopyStats PmCopy_GetStats(void) { return copy_stats; }
static inline int may_meet_again(const Copier *c, PmObject *x)
{
    return c->memo_all || Pm_REFCNT(x) > 1 || c->shared_tuples > 0;
}

static void remember_copy(Copier *c, PmObject *x, PmObject *y)
{
    memo_put(c->memo, x, y);
    copy_stats.memoised++;
}
/* A new reference to x's copy; or NULL when x is a tuple, whose copy is
   known only after its items are copied: its frame is then on the stack. */
static PmObject *start(Copier *c, PmObject *x)
{
    PmTypeObject *tp = Pm_TYPE(x);
    copy_stats.nodes++;
    if (is_atomic(tp))
        return Pm_NewRef(x);
    int remember = may_meet_again(c, x);
    if (remember) {
        MemoEntry *e = memo_find(c->memo, x);
        if (e->orig != NULL)
            return Pm_NewRef(e->copy);
    }
    PmObject *y;
    if (tp == &PmList_Type) {
        y = PmList_New(Pm_SIZE(x));
        push(c, x, y);
    } else if (tp == &PmDict_Type) {
        y = PmDict_New();
        push(c, x, y);
    } else if (tp == &PmTuple_Type) {
        if (Pm_SIZE(x) == 0)
            return Pm_NewRef(x);
        c->shared_tuples += Pm_REFCNT(x) > 1;
        push(c, x, PmTuple_New(Pm_SIZE(x)));
        return NULL;
    } else if (tp == &PmBaseObject_Type) {
        y = PmObject_New(&PmBaseObject_Type);
    } else {
        Pm_FatalError("PmCopy_DeepCopy", "un(deep)copyable object of type '%s'", tp->tp_name);
    }
    if (remember)
        remember_copy(c, x, y);
    return y;
}
static void deliver(CopyFrame *f, PmObject *r)
{
    if (PmList_Check(f->dst)) {
        PmList_SET_ITEM(f->dst, f->i - 1, r);
    } else if (PmTuple_Check(f->dst)) {
        PmTuple_SET_ITEM(f->dst, f->i - 1, r);
    } else if (f->key == NULL) {
        f->key = r;                            /* now copy the value */
    } else {
        PmDict_SetItem(f->dst, f->key, r);
        Pm_DECREF(f->key);
        Pm_DECREF(r);
        f->key = f->value = NULL;              /* on to the next entry */
    }
}
static PmObject *next_item(CopyFrame *f)
{
    if (PmTuple_Check(f->src))
        return f->i < Pm_SIZE(f->src) ? PmTuple_GET_ITEM(f->src, f->i++) : NULL;
    if (f->key != NULL)
        return f->value;
    PmObject *k;
    return PmDict_Next(f->src, &f->i, &k, &f->value) ? k : NULL;
}
static PmObject *finish_tuple(Copier *c)
{
    CopyFrame *f = &c->frames[--c->n];
    PmObject *x = f->src, *y = f->dst;
    c->shared_tuples -= Pm_REFCNT(x) > 1;      /* as when it was pushed */
    int remember = may_meet_again(c, x);
    MemoEntry *e = remember ? memo_find(c->memo, x) : NULL;
    if (e != NULL && e->orig != NULL) {        /* copied through a cycle */
        Pm_DECREF(y);
        return Pm_NewRef(e->copy);
    }
    for (Pm_ssize_t i = 0; i < Pm_SIZE(x); i++)
        if (PmTuple_GET_ITEM(y, i) != PmTuple_GET_ITEM(x, i)) {
            if (remember)
                remember_copy(c, x, y);
            return y;
        }
    Pm_DECREF(y);                              /* every item is itself */
    return Pm_NewRef(x);
}
static void step_list(Copier *c)
{
    CopyFrame *f = &c->frames[c->n - 1];
    PmObject **from = ((PmListObject *)f->src)->ob_item;
    PmObject **to = ((PmListObject *)f->dst)->ob_item;
    Pm_ssize_t n = Pm_SIZE(f->src), i = f->i;
    while (i < n && is_atomic(Pm_TYPE(from[i]))) {
        Pm_INCREF(from[i]);
        to[i] = from[i];
        i++;
    }
    copy_stats.nodes += i - f->i;
    f->i = i + 1;
    if (i >= n - 1 && (i == n || !PmTuple_Check(from[i])))
        c->n--;                                /* the frame is done: pop it */
    if (i < n) {
        PmObject *r = start(c, from[i]);       /* may push; f is stale now */
        if (r != NULL)
            to[i] = r;
    }
}
static PmObject *deep_copy(Copier *c, PmObject *x)
{
    PmObject *result = start(c, x), *done = NULL;
    while (c->n > 0) {
        Pm_ssize_t top = c->n - 1;
        CopyFrame *f = &c->frames[top];
        if (done != NULL) {                    /* a tuple's copy, for f */
            deliver(f, done);
            done = NULL;
        }
        if (PmList_Check(f->src)) {
            step_list(c);
            continue;
        }
        PmObject *item = next_item(f);
        if (item == NULL) {                    /* f is done */
            if (PmTuple_Check(f->src))
                done = finish_tuple(c);
            else
                c->n--;
            continue;
        }
        PmObject *r = start(c, item);          /* may push; f is stale now */
        if (r != NULL)
            deliver(&c->frames[top], r);
    }
    return result != NULL ? result : done;
}
static PmObject *run(PmObject *x, PmCopyMemo *memo, int memo_all)
{
    Copier c = { memo, memo_all, 0, PmMem_Malloc(64 * sizeof(CopyFrame)), 0, 64 };
    if (c.frames == NULL)
        Pm_FatalError("PmCopy_DeepCopy", "out of memory");
    copy_stats = (PmCopyStats){ 0, 0, 0 };
    PmObject *y = deep_copy(&c, x);
    PmMem_Free(c.frames);
    return y;
}

PmObject *PmCopy_DeepCopyMemo(PmObject *x, PmCopyMemo *memo)
{
    return run(x, memo, 1);
}

PmObject *PmCopy_DeepCopy(PmObject *x)
{
    PmCopyMemo *memo = PmCopyMemo_New();
    PmObject *y = run(x, memo, 0);
    PmCopyMemo_Free(memo);
    return y;
}
