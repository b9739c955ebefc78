#include <string.h>
#include "pm.h"

#define PM_DICT_LOG_MINSIZE 3          /* 8 index slots, room for 5 */
#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define PERTURB_SHIFT 5
#define USABLE_FRACTION(n) (((n) << 1) / 3)
#define GROWTH_RATE(d) ((d)->ma_used * 3)
#define DK_SIZE(dk) ((Pm_ssize_t)1 << (dk)->dk_log2_size)
#define DK_MASK(dk) ((size_t)DK_SIZE(dk) - 1)
#define DK_ENTRIES(dk) \
    ((PmDictEntry *)(void *)((dk)->dk_indices + ((size_t)1 << (dk)->dk_log2_index_bytes)))
static Pm_ssize_t dk_get_index(const PmDictKeysObject *dk, size_t i)
{
    switch (dk->dk_log2_index_bytes - dk->dk_log2_size) {
    case 0:  return ((const int8_t *)dk->dk_indices)[i];
    case 1:  return ((const int16_t *)(const void *)dk->dk_indices)[i];
    case 2:  return ((const int32_t *)(const void *)dk->dk_indices)[i];
    default: return ((const int64_t *)(const void *)dk->dk_indices)[i];
    }
}

static void dk_set_index(PmDictKeysObject *dk, size_t i, Pm_ssize_t ix)
{
    switch (dk->dk_log2_index_bytes - dk->dk_log2_size) {
    case 0:  ((int8_t *)dk->dk_indices)[i] = (int8_t)ix; break;
    case 1:  ((int16_t *)(void *)dk->dk_indices)[i] = (int16_t)ix; break;
    case 2:  ((int32_t *)(void *)dk->dk_indices)[i] = (int32_t)ix; break;
    default: ((int64_t *)(void *)dk->dk_indices)[i] = (int64_t)ix; break;
    }
}
static union {
    PmDictKeysObject k;
    char space[sizeof(PmDictKeysObject) + 8];
} empty_keys = { .space = { [offsetof(PmDictKeysObject, dk_indices)] = (char)DKIX_EMPTY } };
#define Pm_EMPTY_KEYS (&empty_keys.k)
#define PM_DICT_MAXFREELIST 80
static PmDictObject *dict_free_list[PM_DICT_MAXFREELIST];
static int dict_numfree;
static PmDictKeysObject *keys_free_list[PM_DICT_MAXFREELIST];
static int keys_numfree;
Pm_ssize_t _PmDict_ClearFreeList(void)
{
    Pm_ssize_t n = dict_numfree + keys_numfree;
    while (dict_numfree > 0)
        PmObject_Del(dict_free_list[--dict_numfree]);
    while (keys_numfree > 0)
        PmObject_Free(keys_free_list[--keys_numfree]);
    return n;
}
static PmDictKeysObject *new_keys_object(uint8_t log2_size)
{
    uint8_t log2_bytes = log2_size < 8 ? log2_size : log2_size < 16 ? log2_size + 1
                       : log2_size < 32 ? log2_size + 2 : log2_size + 3;
    Pm_ssize_t usable = USABLE_FRACTION((Pm_ssize_t)1 << log2_size);
    size_t index_bytes = (size_t)1 << log2_bytes;
    size_t size = sizeof(PmDictKeysObject) + index_bytes + (size_t)usable * sizeof(PmDictEntry);
    PmDictKeysObject *dk;
    if (log2_size == PM_DICT_LOG_MINSIZE && keys_numfree > 0 && pm_freelists_enabled)
        dk = keys_free_list[--keys_numfree];
    else if ((dk = PmObject_Malloc(size)) == NULL)
        Pm_FatalError("new_keys_object", "out of memory for a table of %zd slots",
                      (Pm_ssize_t)1 << log2_size);
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_usable = usable;
    dk->dk_nentries = 0;
    memset(dk->dk_indices, 0xff, index_bytes);
    memset(DK_ENTRIES(dk), 0, (size_t)usable * sizeof(PmDictEntry));
    return dk;
}
static void free_keys_object(PmDictKeysObject *dk)
{
    if (dk == Pm_EMPTY_KEYS)
        return;
    if (dk->dk_log2_size == PM_DICT_LOG_MINSIZE && keys_numfree < PM_DICT_MAXFREELIST
            && pm_freelists_enabled) {
        keys_free_list[keys_numfree++] = dk;
        return;
    }
    PmObject_Free(dk);
}
/* the entry number of key (or DKIX_EMPTY); *slot is its index slot */
static Pm_ssize_t dict_lookup(PmDictKeysObject *dk, PmObject *key, Pm_hash_t hash, size_t *slot)
{
    size_t mask = DK_MASK(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        Pm_ssize_t ix = dk_get_index(dk, i);
        if (ix == DKIX_EMPTY)
            return DKIX_EMPTY;
        if (ix >= 0) {
            PmDictEntry *e = &DK_ENTRIES(dk)[ix];
            if (e->me_key == key || (e->me_hash == hash && PmObject_Equal(e->me_key, key))) {
                *slot = i;
                return ix;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}
static size_t find_empty_slot(PmDictKeysObject *dk, Pm_hash_t hash)
{
    size_t mask = DK_MASK(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    while (dk_get_index(dk, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}
static void dict_resize(PmDictObject *mp, Pm_ssize_t minsize)
{
    uint8_t log2 = PM_DICT_LOG_MINSIZE;
    while (((Pm_ssize_t)1 << log2) < minsize)
        log2++;
    PmDictKeysObject *old = mp->ma_keys, *dk = new_keys_object(log2);
    PmDictEntry *from = DK_ENTRIES(old), *to = DK_ENTRIES(dk);
    Pm_ssize_t n = 0;
    for (Pm_ssize_t i = 0; i < old->dk_nentries; i++) {
        if (from[i].me_key == NULL)
            continue;                          /* deleted: leave it behind */
        to[n] = from[i];
        dk_set_index(dk, find_empty_slot(dk, to[n].me_hash), n);
        n++;
    }
    dk->dk_nentries = n;
    dk->dk_usable -= n;
    mp->ma_keys = dk;
    free_keys_object(old);
}
PmObject *PmDict_New(void)
{
    PmDictObject *mp;
    if (dict_numfree > 0 && pm_freelists_enabled)
        mp = (PmDictObject *)PmObject_Init((PmObject *)dict_free_list[--dict_numfree],
                                           &PmDict_Type);
    else
        mp = (PmDictObject *)PmObject_New(&PmDict_Type);
    mp->ma_used = 0;
    mp->ma_keys = Pm_EMPTY_KEYS;
    PmObject_GC_UnTrack(mp);                        /* CPython: new_dict never tracks */
    return (PmObject *)mp;
}

static PmDictObject *as_dict(const char *where, PmObject *d)
{
    if (!PmDict_Check(d))
        Pm_FatalError(where, "expected a 'dict', got a '%s'", Pm_TYPE(d)->tp_name);
    return (PmDictObject *)d;
}
/* append a key known to be absent; its hash is computed already */
static void insert_new(PmDictObject *mp, PmObject *key, Pm_hash_t hash, PmObject *value)
{
    if (mp->ma_keys->dk_usable <= 0)
        dict_resize(mp, GROWTH_RATE(mp));
    PmDictKeysObject *dk = mp->ma_keys;
    PmDictEntry *e = &DK_ENTRIES(dk)[dk->dk_nentries];
    if (_Pm_AS_GC(mp)->_gc_next == 0                /* CPython: MAINTAIN_TRACKING */
            && (_PmObject_GC_MAY_BE_TRACKED(key) || _PmObject_GC_MAY_BE_TRACKED(value)))
        PmObject_GC_Track(mp);
    *e = (PmDictEntry){ hash, Pm_NewRef(key), Pm_NewRef(value) };
    dk_set_index(dk, find_empty_slot(dk, hash), dk->dk_nentries++);
    dk->dk_usable--;
    mp->ma_used++;
}
void PmDict_SetItem(PmObject *d, PmObject *key, PmObject *value)
{
    PmDictObject *mp = as_dict("PmDict_SetItem", d);
    Pm_hash_t hash = PmObject_Hash(key);
    size_t slot;
    Pm_ssize_t ix = dict_lookup(mp->ma_keys, key, hash, &slot);
    if (ix < 0) {
        insert_new(mp, key, hash, value);
        return;
    }
    PmDictEntry *e = &DK_ENTRIES(mp->ma_keys)[ix];
    PmObject *old = e->me_value;
    if (_Pm_AS_GC(mp)->_gc_next == 0                /* CPython: MAINTAIN_TRACKING */
            && (_PmObject_GC_MAY_BE_TRACKED(key) || _PmObject_GC_MAY_BE_TRACKED(value)))
        PmObject_GC_Track(mp);
    e->me_value = Pm_NewRef(value);
    Pm_DECREF(old);
}
PmObject *PmDict_GetItem(PmObject *d, PmObject *key)
{
    PmDictObject *mp = as_dict("PmDict_GetItem", d);
    size_t slot;
    Pm_ssize_t ix = dict_lookup(mp->ma_keys, key, PmObject_Hash(key), &slot);
    return ix >= 0 ? DK_ENTRIES(mp->ma_keys)[ix].me_value : NULL;
}

PmObject *PmDict_SetDefault(PmObject *d, PmObject *key, PmObject *value)
{
    PmDictObject *mp = as_dict("PmDict_SetDefault", d);
    Pm_hash_t hash = PmObject_Hash(key);
    size_t slot;
    Pm_ssize_t ix = dict_lookup(mp->ma_keys, key, hash, &slot);
    if (ix >= 0)
        return DK_ENTRIES(mp->ma_keys)[ix].me_value;
    insert_new(mp, key, hash, value);  /* one hash, one lookup: interning's path */
    return value;
}
int PmDict_DelItem(PmObject *d, PmObject *key)
{
    PmDictObject *mp = as_dict("PmDict_DelItem", d);
    size_t slot;
    Pm_ssize_t ix = dict_lookup(mp->ma_keys, key, PmObject_Hash(key), &slot);
    if (ix < 0)
        return -1;
    PmDictEntry *e = &DK_ENTRIES(mp->ma_keys)[ix];
    PmObject *k = e->me_key, *v = e->me_value;
    dk_set_index(mp->ma_keys, slot, DKIX_DUMMY);
    e->me_key = e->me_value = NULL;
    mp->ma_used--;
    Pm_DECREF(k);
    Pm_DECREF(v);
    return 0;
}
int PmDict_Next(PmObject *d, Pm_ssize_t *pos, PmObject **key, PmObject **value)
{
    PmDictKeysObject *dk = as_dict("PmDict_Next", d)->ma_keys;
    while (*pos < dk->dk_nentries) {
        PmDictEntry *e = &DK_ENTRIES(dk)[(*pos)++];
        if (e->me_key != NULL) {
            if (key) *key = e->me_key;
            if (value) *value = e->me_value;
            return 1;
        }
    }
    return 0;
}

Pm_ssize_t PmDict_Size(PmObject *d) { return as_dict("PmDict_Size", d)->ma_used; }
static void dict_dealloc(PmObject *op)
{
    PmDictObject *mp = (PmDictObject *)op;
    PmDictKeysObject *dk = mp->ma_keys;
    for (Pm_ssize_t i = 0; i < dk->dk_nentries; i++) {
        PmDictEntry *e = &DK_ENTRIES(dk)[i];
        if (e->me_key != NULL) {
            Pm_DECREF(e->me_key);
            Pm_DECREF(e->me_value);
        }
    }
    free_keys_object(dk);
    if (dict_numfree < PM_DICT_MAXFREELIST && pm_freelists_enabled) {
        dict_free_list[dict_numfree++] = mp;
        return;
    }
    PmObject_Del(op);
}
static int dict_equal(PmObject *a, PmObject *b)
{
    if (PmDict_Size(a) != PmDict_Size(b))
        return 0;
    Pm_ssize_t pos = 0;
    PmObject *k, *v;
    while (PmDict_Next(a, &pos, &k, &v)) {
        PmObject *w = PmDict_GetItem(b, k);
        if (w == NULL || !PmObject_Equal(v, w))
            return 0;
    }
    return 1;
}

static Pm_ssize_t dict_sizeof(PmObject *op)
{
    PmDictKeysObject *dk = ((PmDictObject *)op)->ma_keys;
    Pm_ssize_t size = (Pm_ssize_t)sizeof(PmDictObject);
    if (dk != Pm_EMPTY_KEYS)
        size += (Pm_ssize_t)(sizeof(PmDictKeysObject) + ((size_t)1 << dk->dk_log2_index_bytes)
                             + (size_t)(dk->dk_usable + dk->dk_nentries) * sizeof(PmDictEntry));
    return size;
}
static void dict_repr(PmObject *op, FILE *out)
{
    Pm_ssize_t pos = 0, n = 0;
    PmObject *k, *v;
    if (Pm_ReprEnter(op)) {            /* d[1] = d prints {1: {...}} */
        fputs("{...}", out);
        return;
    }
    fputc('{', out);
    while (PmDict_Next(op, &pos, &k, &v)) {
        fputs(n++ ? ", " : "", out);
        PmObject_Print(k, out);
        fputs(": ", out);
        PmObject_Print(v, out);
    }
    fputc('}', out);
    Pm_ReprLeave(op);
}

PmTypeObject PmDict_Type = {
    .ob_base = PmObject_HEAD_INIT(&PmType_Type),
    .tp_name = "dict",
    .tp_basicsize = sizeof(PmDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_equal = dict_equal,
    .tp_repr = dict_repr,
    .tp_sizeof = dict_sizeof,
};
Pm_ssize_t _PmDict_IndexAt(PmObject *d, Pm_ssize_t slot)
{
    return dk_get_index(as_dict("_PmDict_IndexAt", d)->ma_keys, (size_t)slot);
}

const PmDictEntry *_PmDict_EntryAt(PmObject *d, Pm_ssize_t i)
{
    return &DK_ENTRIES(as_dict("_PmDict_EntryAt", d)->ma_keys)[i];
}
static int dict_traverse(PmObject *op, Pm_visitproc visit, void *arg)
{
    PmDictKeysObject *dk = ((PmDictObject *)op)->ma_keys;
    PmDictEntry *e = DK_ENTRIES(dk);
    for (Pm_ssize_t i = 0; i < dk->dk_nentries; i++)
        if (e[i].me_key != NULL) {
            Pm_VISIT(e[i].me_key);
            Pm_VISIT(e[i].me_value);
        }
    return 0;
}
static int dict_clear(PmObject *op)
{
    PmDictObject *mp = (PmDictObject *)op;
    PmDictKeysObject *dk = mp->ma_keys;
    mp->ma_keys = Pm_EMPTY_KEYS;
    mp->ma_used = 0;
    for (Pm_ssize_t i = 0; i < dk->dk_nentries; i++) {
        PmDictEntry *e = &DK_ENTRIES(dk)[i];
        if (e->me_key != NULL) {
            Pm_DECREF(e->me_key);
            Pm_DECREF(e->me_value);
        }
    }
    free_keys_object(dk);
    return 0;
}
__attribute__((constructor(101))) static void pm_dict_gc_ready(void)
{
    PmDict_Type.tp_flags |= Pm_TPFLAGS_HAVE_GC;
    PmDict_Type.tp_traverse = dict_traverse;
    PmDict_Type.tp_clear = dict_clear;
}
int _PmDict_MaybeUntrack(PmObject *op)      /* CPython: _PyDict_MaybeUntrack */
{
    if (!PmDict_Check(op) || !PmObject_GC_IsTracked(op))
        return 0;
    PmDictKeysObject *dk = ((PmDictObject *)op)->ma_keys;
    PmDictEntry *e = DK_ENTRIES(dk);
    for (Pm_ssize_t i = 0; i < dk->dk_nentries; i++)
        if (e[i].me_key != NULL && (_PmObject_GC_MAY_BE_TRACKED(e[i].me_key)
                                    || _PmObject_GC_MAY_BE_TRACKED(e[i].me_value)))
            return 0;                           /* a possible cycle */
    PmObject_GC_UnTrack(op);
    return 1;
}
void _PmDict_TrackLikeOriginal(PmObject *copy, PmObject *d)   /* CPython: PyDict_Copy */
{
    PmDictObject *mp = (PmDictObject *)d;
    int one_block = mp->ma_used > 0 && mp->ma_used >= mp->ma_keys->dk_nentries * 2 / 3;
    if (one_block && PmObject_GC_IsTracked(d) && !PmObject_GC_IsTracked(copy))
        PmObject_GC_Track(copy);                /* "Maintain tracking." */
}
