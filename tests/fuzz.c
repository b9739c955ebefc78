/* fuzz.c -- a libFuzzer target over the runtime's public API.
 *
 * Each input is a little program: one opcode byte, then its operands, until
 * the bytes run out. It allocates, reallocates and frees blocks in every
 * domain and every size class (and above 512 bytes and 0 bytes), and builds,
 * mutates, copies and interns objects held in 32 slots. After every
 * operation it checks, for every object reachable from the slots and from a
 * unit of code constants, that its reference count is exactly the number of
 * references to it that the graph holds; every block's bytes are checked
 * against the pattern written into them. At the end of an input everything
 * is released, the free lists cleared, and as many blocks must be allocated
 * as before the input (PmSys_GetAllocatedBlocks; LeakSanitizer checks
 * malloc's too), and the heap checker (PmMem_CheckHeap) must find every
 * arena, pool and free list intact.
 *
 * Containers receive objects made before them (a slot's "rank"), so the
 * graph has no cycle, except where the collector exists (chapter 12 on):
 * then one operation appends any object to any list, cycles included, and
 * another runs a collection, after which the counts must still be exact and
 * nothing reachable freed; at the end of an input a collection frees the
 * cycles left, before the blocks are counted.
 *
 * Built by ./build.sh with clang -fsanitize=fuzzer,address,undefined;
 * ./build.sh test runs it for a bounded time on tests/fuzz-corpus,
 * ./build.sh fuzz SECONDS for longer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pm.h"

#define NSLOTS   32
#define NBLOCKS  16
#define MAXOBJ   1500          /* reachable objects: beyond, the input stops */
#define MAXLEN   48            /* longest list we append to */

typedef struct { const uint8_t *p, *end; } Input;
static unsigned byte(Input *in) { return in->p < in->end ? *in->p++ : 0; }

static void fail(const char *what, const void *op)
{
    fprintf(stderr, "fuzz: %s (object %p)\n", what, op);
    abort();
}

/* ---------------------------------------------------------------- blocks */
typedef struct { uint8_t *p; size_t size; int domain; uint8_t fill; } Block;
static Block blocks[NBLOCKS];

/* a size: every small class (1..512, around each class's edges), 0, or large */
static size_t block_size(Input *in)
{
    unsigned b = byte(in);
    if (b < 200) {
        size_t c = b % 32, edge = (b / 32) % 3;   /* class c: (c*16, (c+1)*16] */
        return c * 16 + (edge == 0 ? 1 : edge == 1 ? 16 : 8);
    }
    if (b < 210)
        return 0;
    return 513 + (size_t)(b - 210) * 97;          /* 513 .. about 4.6 KiB */
}

static void *dom_malloc(int d, size_t n)
{ return d == 0 ? PmMem_RawMalloc(n) : d == 1 ? PmMem_Malloc(n) : PmObject_Malloc(n); }
static void *dom_calloc(int d, size_t k, size_t n)
{ return d == 0 ? PmMem_RawCalloc(k, n) : d == 1 ? PmMem_Calloc(k, n) : PmObject_Calloc(k, n); }
static void *dom_realloc(int d, void *p, size_t n)
{ return d == 0 ? PmMem_RawRealloc(p, n) : d == 1 ? PmMem_Realloc(p, n) : PmObject_Realloc(p, n); }
static void dom_free(int d, void *p)
{ if (d == 0) PmMem_RawFree(p); else if (d == 1) PmMem_Free(p); else PmObject_Free(p); }

static void block_check(const Block *b)
{
    for (size_t i = 0; i < b->size; i++)
        if (b->p[i] != (uint8_t)(b->fill + i))
            fail("a block's bytes changed under it", b->p);
}

static void block_fill(Block *b, size_t from)
{
    for (size_t i = from; i < b->size; i++)
        b->p[i] = (uint8_t)(b->fill + i);
}

static void block_free(Block *b)
{
    if (b->p == NULL)
        return;
    block_check(b);
    dom_free(b->domain, b->p);
    b->p = NULL;
}

static void op_block(Input *in, unsigned op)
{
    Block *b = &blocks[byte(in) % NBLOCKS];
    switch (op % 4) {
    case 0:                                       /* malloc */
    case 1: {                                     /* calloc */
        block_free(b);
        b->domain = (int)(byte(in) % 3);
        b->size = block_size(in);
        b->fill = (uint8_t)byte(in);
        if (op % 4 == 0) {
            b->p = dom_malloc(b->domain, b->size);
        } else {
            size_t k = 1 + byte(in) % 4, n = b->size / k;
            b->size = k * n;
            b->p = dom_calloc(b->domain, k, n);
            if (b->p == NULL)
                fail("calloc failed", NULL);
            for (size_t i = 0; i < b->size; i++)
                if (b->p[i] != 0)
                    fail("calloc returned a block that is not zeroed", b->p);
        }
        if (b->p == NULL)
            fail("malloc failed", NULL);
        block_fill(b, 0);
        break;
    }
    case 2: {                                     /* realloc keeps the data */
        if (b->p == NULL)
            break;
        block_check(b);
        size_t n = block_size(in), old = b->size;
        uint8_t *q = dom_realloc(b->domain, b->p, n);
        if (q == NULL)
            fail("realloc failed", b->p);
        b->p = q;
        b->size = n < old ? n : old;
        block_check(b);                           /* what was kept is intact */
        b->size = n;
        block_fill(b, n < old ? n : old);
        break;
    }
    default:
        block_free(b);
    }
}

/* ---------------------------------------------------------------- objects */
typedef struct { PmObject *op; unsigned rank; } Slot;
static Slot slots[NSLOTS];
static unsigned next_rank;
static PmUnit *unit;
static PmCode *code[2];

static void slot_set(Slot *s, PmObject *op)      /* steals op */
{
    PmObject *old = s->op;
    s->op = op;
    s->rank = ++next_rank;
    Pm_XDECREF(old);
}

/* one of the slots whose object satisfies want (any object if want is NULL)
   and whose rank is below below: the operand byte chooses among them, so
   that most bytes mean something */
static Slot *pick_if(Input *in, int (*want)(PmObject *), unsigned below)
{
    Slot *c[NSLOTS];
    int n = 0;
    for (int i = 0; i < NSLOTS; i++)
        if (slots[i].op != NULL && slots[i].rank < below && (want == NULL || want(slots[i].op)))
            c[n++] = &slots[i];
    unsigned b = byte(in);
    return n > 0 ? c[b % (unsigned)n] : NULL;
}
static int is_list(PmObject *op) { return PmList_Check(op); }
static int is_dict(PmObject *op) { return PmDict_Check(op); }
static int is_str(PmObject *op) { return PmStr_Check(op); }
static int hashable(PmObject *op);
static int is_const(PmObject *op) { return !PmList_Check(op) && !PmDict_Check(op) && hashable(op); }
#define pick(in) pick_if((in), NULL, UINT32_MAX)

/* an item a container of rank r may hold: made before it (no cycles) */
static PmObject *item_for(Input *in, unsigned r)
{
    Slot *s = pick_if(in, NULL, r);
    return s != NULL ? s->op : NULL;
}
static PmObject *key_for(Input *in, unsigned r)
{
    Slot *s = pick_if(in, hashable, r);
    return s != NULL ? s->op : NULL;
}

static int hashable(PmObject *op)
{
    if (PmList_Check(op) || PmDict_Check(op))
        return 0;
    if (PmTuple_Check(op))
        for (Pm_ssize_t i = 0; i < Pm_SIZE(op); i++)
            if (!hashable(PmTuple_GET_ITEM(op, i)))
                return 0;
    return 1;
}

/* a copy has its original's shape and values; a plain object's copy is
   another plain object, which == cannot see (it compares identity) */
static int cycles_made;          /* this input made a cycle */
/* A cycle that became garbage still holds references to objects the slots
   reach, until a collection frees it: counts are exact while no cycle was
   made, and right after a collection; in between, at least the references. */
static int counts_exact;

/* The pairs (a, b) already being compared, or compared: a pair met again is
   taken as equal (if it is not, the first comparison says so). Without this,
   a list holding the same list twice, nested 64 deep, is compared 2^64 times;
   with it each pair is compared once. Open addressing, cleared by a stamp. */
#define PAIRS_SIZE 65536
static struct { PmObject *a, *b; unsigned stamp; } pairs[PAIRS_SIZE];
static unsigned pairs_stamp;
static struct { PmObject *op; double visits; unsigned stamp; } visits[PAIRS_SIZE]; /* copy_visits, below */

static int pair_seen(PmObject *a, PmObject *b)
{
    size_t h = (((uintptr_t)a >> 4) * 31u + ((uintptr_t)b >> 4)) % PAIRS_SIZE;
    for (size_t n = 0; n < PAIRS_SIZE; n++, h = (h + 1) % PAIRS_SIZE) {
        if (pairs[h].stamp != pairs_stamp) {
            pairs[h].a = a; pairs[h].b = b; pairs[h].stamp = pairs_stamp;
            return 0;
        }
        if (pairs[h].a == a && pairs[h].b == b)
            return 1;
    }
    fail("more pairs compared than the table holds", a);
    return 0;
}

static int same_shape_to(PmObject *a, PmObject *b)
{
    if (Pm_TYPE(a) != Pm_TYPE(b))
        return 0;
    if (Pm_TYPE(a) == &PmBaseObject_Type)
        return 1;
    if ((PmList_Check(a) || PmTuple_Check(a) || PmDict_Check(a)) && pair_seen(a, b))
        return 1;                                 /* a cycle, or shared */
    if (PmList_Check(a) || PmTuple_Check(a)) {
        if (Pm_SIZE(a) != Pm_SIZE(b))
            return 0;
        for (Pm_ssize_t i = 0; i < Pm_SIZE(a); i++) {
            PmObject *x = PmList_Check(a) ? PmList_GET_ITEM(a, i) : PmTuple_GET_ITEM(a, i);
            PmObject *y = PmList_Check(b) ? PmList_GET_ITEM(b, i) : PmTuple_GET_ITEM(b, i);
            if (!same_shape_to(x, y))
                return 0;
        }
        return 1;
    }
    if (PmDict_Check(a)) {                        /* a copy keeps the order */
        Pm_ssize_t i = 0, j = 0;
        PmObject *k1, *v1, *k2, *v2;
        if (PmDict_Size(a) != PmDict_Size(b))
            return 0;
        while (PmDict_Next(a, &i, &k1, &v1))
            if (!PmDict_Next(b, &j, &k2, &v2) || !same_shape_to(k1, k2)
                    || !same_shape_to(v1, v2))
                return 0;
        return 1;
    }
    return PmObject_Equal(a, b);
}
static int same_shape(PmObject *a, PmObject *b)
{
    if (++pairs_stamp == 0)                        /* wrapped: clear for real */
        memset(pairs, 0, sizeof pairs), memset(visits, 0, sizeof visits), pairs_stamp = 1;
    return same_shape_to(a, b);
}

/* How many objects a deep copy visits: a list or dict once (the memo has
   it the second time), a tuple whose items are all their own copies once
   per path that reaches it, since such a tuple is its own copy and neither
   CPython 3.11's deepcopy nor ours memoises it: t = (1,), then t = (t, t)
   thirty times, is copied with 2^31 visits by both. The harness copies
   deeply only what costs at most COPY_WORK visits. */
#define COPY_WORK 100000.0

static double copy_visits(PmObject *op)
{
    if (!PmList_Check(op) && !PmTuple_Check(op) && !PmDict_Check(op))
        return 1;
    size_t h = ((uintptr_t)op >> 4) % PAIRS_SIZE;
    while (visits[h].stamp == pairs_stamp && visits[h].op != op)
        h = (h + 1) % PAIRS_SIZE;
    if (visits[h].stamp == pairs_stamp)          /* met before */
        return PmTuple_Check(op) ? visits[h].visits : 1;
    visits[h].op = op; visits[h].stamp = pairs_stamp;
    visits[h].visits = 1;                       /* while its items are walked */
    double n = 1;
    if (PmDict_Check(op)) {
        Pm_ssize_t i = 0;
        PmObject *k, *v;
        while (PmDict_Next(op, &i, &k, &v) && n <= COPY_WORK)
            n += copy_visits(k) + copy_visits(v);
    } else {
        for (Pm_ssize_t i = 0; i < Pm_SIZE(op) && n <= COPY_WORK; i++)
            n += copy_visits(PmList_Check(op) ? PmList_GET_ITEM(op, i) : PmTuple_GET_ITEM(op, i));
    }
    visits[h].visits = n;
    return n;
}

static int visits_at_most(PmObject *op, double limit)
{
    if (++pairs_stamp == 0)
        memset(pairs, 0, sizeof pairs), memset(visits, 0, sizeof visits), pairs_stamp = 1;
    return copy_visits(op) <= limit;
}

/* The same count bounds hashing and comparing a tuple, which CPython 3.11
   also does once per path (a tuple's hash is not cached): a tuple whose
   paths pass TUPLE_PATHS is not made, so that no input runs for minutes. */
#define TUPLE_PATHS 10000.0

static PmObject *new_scalar(Input *in)
{
    unsigned k = byte(in), v = byte(in);
    static const char text[] = "abcdefghijklmnopqrstuvwxyz_0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    switch (k % 5) {
    case 0: return PmInt_FromLong((long long)v - 8);               /* small ints */
    case 1: return PmInt_FromLong((long long)v * 1000003 - 5000);  /* others */
    case 2: return PmFloat_FromDouble(k & 8 ? -(double)v / 4 : (double)v / 4);
    case 3: {
        size_t n = v % 12, at = (k * 7u) % (sizeof text - 13);
        return PmStr_FromStringAndSize(text + at, (Pm_ssize_t)n);
    }
    default: return PmObject_New(&PmBaseObject_Type);
    }
}

static void op_object(Input *in, unsigned op)
{
    Slot *dst = &slots[byte(in) % NSLOTS], *s;
    PmObject *x, *y;
    counts_exact = !cycles_made;                  /* until a collection says so */
    switch (op % 16) {
    case 0: case 1:
        slot_set(dst, new_scalar(in));
        break;
    case 2:
        slot_set(dst, PmList_New(0));
        break;
    case 3:
        slot_set(dst, PmDict_New());
        break;
    case 4: {                                     /* a tuple of older objects */
        Pm_ssize_t n = byte(in) % 22;             /* free lists: lengths 1..20 */
        PmObject *t = PmTuple_New(n);
        for (Pm_ssize_t i = 0; i < n; i++) {
            Slot *it = pick(in);
            PmTuple_SET_ITEM(t, i, it != NULL ? Pm_NewRef(it->op) : PmInt_FromLong(i));
        }
        if (visits_at_most(t, TUPLE_PATHS))
            slot_set(dst, t);                     /* its rank is above its items' */
        else
            Pm_DECREF(t);                         /* (t, t) nested too deep */
        break;
    }
    case 5:                                       /* list.append */
        if ((s = pick_if(in, is_list, UINT32_MAX)) && Pm_SIZE(s->op) < MAXLEN
                && (x = item_for(in, s->rank)))
            PmList_Append(s->op, x);
        break;
    case 6:                                       /* list.pop */
        if ((s = pick_if(in, is_list, UINT32_MAX)) && Pm_SIZE(s->op) > 0)
            Pm_DECREF(PmList_Pop(s->op));
        break;
    case 7:                                       /* list[i] = x */
        if ((s = pick_if(in, is_list, UINT32_MAX)) && Pm_SIZE(s->op) > 0
                && (x = item_for(in, s->rank)))
            PmList_SetItem(s->op, byte(in) % Pm_SIZE(s->op), Pm_NewRef(x));
        break;
    case 8:                                       /* d[k] = v */
        if ((s = pick_if(in, is_dict, UINT32_MAX)) && (x = key_for(in, s->rank))
                && (y = item_for(in, s->rank))) {
            if (PmDict_Size(s->op) < MAXLEN || PmDict_GetItem(s->op, x) != NULL)
                PmDict_SetItem(s->op, x, y);
        }
        break;
    case 9:                                       /* del d[k], d.setdefault */
        if ((s = pick_if(in, is_dict, UINT32_MAX)) && (x = key_for(in, s->rank))) {
            if (byte(in) & 1) {
                int had = PmDict_GetItem(s->op, x) != NULL;
                if (PmDict_DelItem(s->op, x) != (had ? 0 : -1))
                    fail("del d[k] disagrees with d[k]", s->op);
            } else if (PmDict_Size(s->op) < MAXLEN) {
                PmObject *v = PmDict_SetDefault(s->op, x, x);
                if (PmDict_GetItem(s->op, x) != v)
                    fail("setdefault returned another value than d[k]", s->op);
            }
        }
        break;
    case 10:                                      /* copy.copy, copy.deepcopy */
        if ((s = pick(in))) {
            unsigned how = byte(in) % 3;
            if (how != 0 && !visits_at_most(s->op, COPY_WORK))
                how = 0;                          /* 2^k visits: copy it shallow */
            if (how == 0) {
                y = PmCopy_Copy(s->op);
            } else if (how == 1) {
                y = PmCopy_DeepCopy(s->op);
            } else {
                PmCopyMemo *memo = PmCopyMemo_New();
                y = PmCopy_DeepCopyMemo(s->op, memo);
                if (PmCopy_DeepCopyMemo(s->op, memo) != y)
                    fail("a memo passed again did not return the first copy", s->op);
                Pm_DECREF(y);                     /* the second call's reference */
                PmCopyMemo_Free(memo);
            }
            if (!same_shape(s->op, y))
                fail("a copy differs from its original", s->op);
            slot_set(dst, y);
        }
        break;
    case 11:                                      /* sys.intern */
        if ((s = pick_if(in, is_str, UINT32_MAX))) {
            PmObject *t = PmSys_Intern(s->op);
            if (t != PmSys_Intern(t))
                fail("interning twice gave two objects", t);
            Pm_DECREF(t);                         /* the second call's */
            slot_set(dst, t);
        }
        break;
    case 12:                                      /* a constant of a code block */
        if ((s = pick_if(in, is_const, UINT32_MAX))) {
            PmCode *co = code[byte(in) & 1];
            Pm_ssize_t i = PmCode_AddConst(co, Pm_NewRef(s->op));
            if (!PmObject_Equal(PmCode_GetConst(co, i), s->op))
                fail("a constant is not equal to what was added", s->op);
        }
        break;
    case 13:                                      /* list * n */
        if ((s = pick_if(in, is_list, UINT32_MAX)) && Pm_SIZE(s->op) <= 8)
            slot_set(dst, PmList_Repeat(s->op, byte(in) % 4));
        break;
    case 14:
        switch (byte(in)) {
        case 0xC1:
            Pm_ClearFreeLists();
            break;
#ifdef PM_GC_H
        case 0xC2:                                /* gc.collect() */
            PmGC_Collect();
            counts_exact = 1;
            return;
        case 0xC3:                                /* l.append(anything): cycles */
            if ((s = pick_if(in, is_list, UINT32_MAX)) && Pm_SIZE(s->op) < MAXLEN
                    && (x = item_for(in, UINT32_MAX))) {
                PmList_Append(s->op, x);
                cycles_made = 1;
            }
            break;
#endif
        default:
            slot_set(dst, NULL);
        }
        break;
    default:                                      /* del slot */
        slot_set(dst, NULL);
    }
}

/* ---------------------------------------------------------------- the checks */
/* every object reachable from the roots, with the references the graph
   holds to it; an open-addressing table keyed by address */
#define TABLE (1 << 13)
static struct { PmObject *op; Pm_ssize_t refs; } seen[TABLE];
static PmObject *stack[TABLE];
static int nseen, used[MAXOBJ];

static int visit(PmObject *op, int *top)         /* one more reference to op */
{
    size_t i = ((uintptr_t)op >> 4) * 0x9E3779B97F4A7C15u >> 51;
    while (seen[i].op != NULL && seen[i].op != op)
        i = (i + 1) & (TABLE - 1);
    if (seen[i].op == NULL) {
        if (nseen >= MAXOBJ)
            return -1;
        seen[i].op = op;
        used[nseen++] = (int)i;
        stack[(*top)++] = op;
    }
    seen[i].refs++;
    return 0;
}

/* 0: counts exact; -1: too many objects to check (the input stops) */
static int check_counts(void)
{
    int top = 0;
    while (nseen > 0) {
        int i = used[--nseen];
        seen[i].op = NULL;
        seen[i].refs = 0;
    }
    for (int i = 0; i < NSLOTS; i++)
        if (slots[i].op != NULL && visit(slots[i].op, &top) < 0)
            return -1;
    for (int c = 0; c < 2; c++)
        if (visit(code[c]->co_consts, &top) < 0)
            return -1;
    if (visit(unit->const_cache, &top) < 0)
        return -1;
    while (top > 0) {
        PmObject *op = stack[--top], *k, *v;
        Pm_ssize_t pos = 0;
        if (PmList_Check(op) || PmTuple_Check(op)) {
            for (Pm_ssize_t i = 0; i < Pm_SIZE(op); i++) {
                PmObject *it = PmList_Check(op) ? PmList_GET_ITEM(op, i) : PmTuple_GET_ITEM(op, i);
                if (it == NULL)
                    fail("a container holds NULL", op);
                if (visit(it, &top) < 0)
                    return -1;
            }
        } else if (PmDict_Check(op)) {
            Pm_ssize_t n = 0;
            while (PmDict_Next(op, &pos, &k, &v)) {
                if (visit(k, &top) < 0 || visit(v, &top) < 0)
                    return -1;
                if (PmDict_GetItem(op, k) != v)
                    fail("a dict does not find its own key", op);
                n++;
            }
            if (n != PmDict_Size(op))
                fail("a dict's size is not its number of items", op);
        }
    }
    for (int u = 0; u < nseen; u++) {
        int i = used[u];
        PmObject *op = seen[i].op;
        if (Pm_IsImmortal(op))
            continue;
        if (counts_exact ? Pm_REFCNT(op) != seen[i].refs : Pm_REFCNT(op) < seen[i].refs) {
            fprintf(stderr, "fuzz: a '%s' has count %zd, but %zd references: ",
                    Pm_TYPE(op)->tp_name, Pm_REFCNT(op), seen[i].refs);
            PmObject_Print(op, stderr);
            fputc('\n', stderr);
            fail("wrong reference count", op);
        }
    }
    return 0;
}

/* blocks allocated (CPython's sys.getallocatedblocks), less the interning
   table's own: it lives from one input to the next and grows and shrinks
   with what is interned */
static Pm_ssize_t allocated_blocks(void)
{
    Pm_ssize_t n = PmSys_GetAllocatedBlocks();
    if (_Pm_Interned != NULL)
        n -= 1 + (PmObject_SizeOf(_Pm_Interned) > (Pm_ssize_t)sizeof(PmDictObject));
    return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    char c[1];
    Pm_DECREF(PmStr_FromStringAndSize("", 0));   /* the shared strings, made once */
    for (int i = 0; i < 256; i++) {
        c[0] = (char)i;
        Pm_DECREF(PmStr_FromStringAndSize(c, 1));
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Input in = { data, data + size };
    Pm_ClearFreeLists();
    Pm_ssize_t before = allocated_blocks();
    unit = PmUnit_New();
    code[0] = PmCode_New(unit, "f");
    code[1] = PmCode_New(unit, "g");
    next_rank = 0;
    cycles_made = 0;
    counts_exact = 1;
    while (in.p < in.end) {
        unsigned op = byte(&in);
        if (op < 64)
            op_block(&in, op);
        else
            op_object(&in, op);
        if (check_counts() < 0)
            break;                                /* big enough: stop here */
    }
    for (int i = 0; i < NBLOCKS; i++)
        block_free(&blocks[i]);
    for (int i = 0; i < NSLOTS; i++)
        slot_set(&slots[i], NULL);
    PmCode_Free(code[0]);
    PmCode_Free(code[1]);
    PmUnit_Free(unit);
#ifdef PM_GC_H
    PmGC_Collect();                               /* the cycles left */
#endif
    Pm_ClearFreeLists();
    Pm_ssize_t after = allocated_blocks();
    if (after != before) {
        fprintf(stderr, "fuzz: %zd blocks allocated after the input, %zd before\n", after, before);
        fail("the input leaked blocks", NULL);
    }
    char why[512];
    if (PmMem_CheckHeap(why, sizeof why) != 0) {
        fprintf(stderr, "fuzz: the heap is broken: %s\n", why);
        fail("PmMem_CheckHeap failed", NULL);
    }
    return 0;
}
