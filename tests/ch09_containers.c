/* ch09_containers.c -- tests of chapter 9, "Containers: how lists grow, and
 * a dictionary". Each test runs in a fresh child process. */
#include "pmtest.h"
#include <math.h>

/* From chapter 12 on, every container carries the cycle collector's header
 * in front of it, 16 bytes (CPython 3.11's sizeof(PyGC_Head)), and
 * getsizeof counts it; gc.h is there from that layer on. */
#ifdef PM_GC_H
#define GC_HEAD 16
#else
#define GC_HEAD 0
#endif

static PmObject *append_ints(PmObject *l, int n)
{
    for (int i = 0; i < n; i++) {
        PmObject *v = PmInt_FromLong(i);
        PmList_Append(l, v);
        Pm_DECREF(v);
    }
    return l;
}

/* "How a list grows": 0, 4, 8, 16, 24, 32, 40, 52, 64, 76, 92, 108, 128. */
START_TEST(appending_grows_by_cpythons_sequence)
{
    Pm_ssize_t want[] = {4, 8, 16, 24, 32, 40, 52, 64, 76, 92, 108, 128, 148, 172, 200}, k = 0;
    PmObject *l = PmList_New(0);
    ck_assert_int_eq(PmList_CAPACITY(l), 0);
    for (int i = 0; i < 200; i++) {
        Pm_ssize_t before = PmList_CAPACITY(l);
        append_ints(l, 1);
        if (PmList_CAPACITY(l) != before)
            ck_assert_int_eq(PmList_CAPACITY(l), want[k++]);
    }
    ck_assert_int_eq(k, 15);
    Pm_DECREF(l);
}
END_TEST

/* "Repetition knows its final size": [0] * 10 has capacity 10, and every
 * slot is a reference to the same item. */
START_TEST(repetition_allocates_exactly_and_shares_items)
{
    PmObject *one = append_ints(PmList_New(0), 1), *zero = PmList_GET_ITEM(one, 0);
    PmObject *ten = PmList_Repeat(one, 10);
    ck_assert_int_eq(PmList_GET_SIZE(ten), 10);
    ck_assert_int_eq(PmList_CAPACITY(ten), 10);
    for (int i = 0; i < 10; i++)
        ck_assert_ptr_eq(PmList_GET_ITEM(ten, i), zero);
    PmObject *none = PmList_Repeat(one, -3);
    ck_assert_int_eq(PmList_GET_SIZE(none), 0);
    Pm_DECREF(none);
    Pm_DECREF(ten);
    Pm_DECREF(one);
}
END_TEST

/* "pop ... shrinks": list(range(17)) popped to 2 goes 17 -> 12 -> 8. */
START_TEST(popping_below_half_shrinks_the_array)
{
    PmObject *l = PmList_New(17);
    for (int i = 0; i < 17; i++)
        PmList_SET_ITEM(l, i, PmInt_FromLong(i));
    Pm_ssize_t caps[4] = {17}, k = 1;
    while (PmList_GET_SIZE(l) > 2) {
        PmObject *v = PmList_Pop(l);
        ck_assert_int_eq(PmInt_AsLong(v), PmList_GET_SIZE(l));   /* the last one */
        Pm_DECREF(v);
        if (PmList_CAPACITY(l) != caps[k - 1]) {
            ck_assert_int_lt(k, 4);
            caps[k++] = PmList_CAPACITY(l);
        }
    }
    ck_assert_int_eq(k, 3);
    ck_assert_int_eq(caps[1], 12);
    ck_assert_int_eq(caps[2], 8);
    Pm_DECREF(l);
}
END_TEST

static void pop_empty(void) { PmList_Pop(PmList_New(0)); }
START_TEST(popping_an_empty_list_is_reported)
{
    ck_assert_fatal(pop_empty, "PmList_Pop: pop from empty list");
}
END_TEST

/* "Hashing": the values CPython 3.11 prints (chapters/cpython/ch09_hash.out). */
START_TEST(hashes_of_numbers_and_tuples_are_cpythons)
{
    struct { PmObject *o; Pm_hash_t h; } c[] = {
        { PmInt_FromLong(1), 1 }, { PmInt_FromLong(-1), -2 },
        { PmInt_FromLong((1LL << 61) - 1), 0 }, { PmInt_FromLong(1LL << 61), 1 },
        { PmInt_FromLong(-(1LL << 62)), -2 },
        { PmFloat_FromDouble(1.0), 1 }, { PmFloat_FromDouble(0.5), 1152921504606846976 },
        { PmFloat_FromDouble(-1.5), -1152921504606846977 },
        { PmFloat_FromDouble(INFINITY), 314159 },
        { PmTuple_New(0), 5740354900026072187 },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        ck_assert_int_eq(PmObject_Hash(c[i].o), c[i].h);
        Pm_DECREF(c[i].o);
    }
    PmObject *t = PmTuple_New(2);
    PmTuple_SET_ITEM(t, 0, PmInt_FromLong(1));
    PmTuple_SET_ITEM(t, 1, PmInt_FromLong(2));
    ck_assert_int_eq(PmObject_Hash(t), -3550055125485641917);
    Pm_DECREF(t);
}
END_TEST

/* "Strings keep their hash": computed once, equal strings hash alike. */
START_TEST(a_string_caches_its_hash)
{
    PmObject *a = PmStr_FromString("qikepu"), *b = PmStr_FromString("qikepu");
    ck_assert_int_eq(((PmStrObject *)a)->hash, -1);
    Pm_hash_t h = PmObject_Hash(a);
    ck_assert_int_eq(((PmStrObject *)a)->hash, h);
    ck_assert_int_eq(PmObject_Hash(b), h);
    ck_assert_int_ne(h, -1);
    Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

static void hash_list(void) { PmObject_Hash(PmList_New(0)); }
static void key_dict(void) { PmObject *d = PmDict_New(); PmDict_SetItem(d, PmDict_New(), Pm_None); }
START_TEST(lists_and_dicts_are_unhashable)
{
    ck_assert_fatal(hash_list, "PmObject_Hash: unhashable type: 'list'");
    ck_assert_fatal(key_dict, "PmObject_Hash: unhashable type: 'dict'");
}
END_TEST

static PmObject *S(const char *s) { return PmStr_FromString(s); }
static PmObject *I(long long v) { return PmInt_FromLong(v); }

/* set d[k] = v, giving up our references to k and v */
static void put(PmObject *d, PmObject *k, PmObject *v)
{
    PmDict_SetItem(d, k, v);
    Pm_DECREF(k);
    Pm_DECREF(v);
}

static long long get(PmObject *d, PmObject *k)
{
    PmObject *v = PmDict_GetItem(d, k);
    Pm_DECREF(k);
    return v ? PmInt_AsLong(v) : -999;
}

/* "The interface": set, get by an equal (not identical) key, replace. */
START_TEST(a_dict_finds_keys_by_equality)
{
    PmObject *d = PmDict_New();
    put(d, S("one"), I(1));
    put(d, I(2), I(20));
    ck_assert_int_eq(get(d, S("one")), 1);
    ck_assert_int_eq(get(d, I(2)), 20);
    ck_assert_int_eq(get(d, S("two")), -999);
    ck_assert_int_eq(get(d, PmFloat_FromDouble(2.0)), -999);   /* our == is by type */
    put(d, S("one"), I(11));
    ck_assert_int_eq(PmDict_Size(d), 2);
    ck_assert_int_eq(get(d, S("one")), 11);
    Pm_DECREF(d);
}
END_TEST

/* "Iteration walks the entries in order"; replacing keeps the place;
 * a deleted key's entry is skipped and a re-added key goes last. */
START_TEST(iteration_follows_insertion_order)
{
    PmObject *d = PmDict_New(), *k, *v;
    for (int i = 0; i < 5; i++)
        put(d, I(100 - i), I(i));
    put(d, I(99), I(42));
    PmObject *k98 = I(98);
    ck_assert_int_eq(PmDict_DelItem(d, k98), 0);
    Pm_DECREF(k98);
    put(d, I(98), I(7));
    long long want[][2] = {{100, 0}, {99, 42}, {97, 3}, {96, 4}, {98, 7}};
    Pm_ssize_t pos = 0, n = 0;
    while (PmDict_Next(d, &pos, &k, &v)) {
        ck_assert_int_eq(PmInt_AsLong(k), want[n][0]);
        ck_assert_int_eq(PmInt_AsLong(v), want[n][1]);
        n++;
    }
    ck_assert_int_eq(n, 5);
    Pm_DECREF(d);
}
END_TEST

/* "Deleting marks the index slot as a dummy"; absent keys give -1. */
START_TEST(deleting_leaves_a_dummy_and_lookups_go_past_it)
{
    PmObject *d = PmDict_New();
    /* 0, 8 and 16 share their first slot in a table of 8 */
    put(d, I(0), I(0)); put(d, I(8), I(8)); put(d, I(16), I(16));
    PmObject *zero = I(0);
    ck_assert_int_eq(PmDict_DelItem(d, zero), 0);
    ck_assert_int_eq(PmDict_DelItem(d, zero), -1);
    Pm_DECREF(zero);
    ck_assert_int_eq(get(d, I(8)), 8);          /* found past the dummy */
    ck_assert_int_eq(get(d, I(16)), 16);
    ck_assert_int_eq(get(d, I(0)), -999);
    ck_assert_int_eq(PmDict_Size(d), 2);
    Pm_DECREF(d);
}
END_TEST

static int log2_size(PmObject *d) { return ((PmDictObject *)d)->ma_keys->dk_log2_size; }

/* "Growing": 8 slots hold 5; the 6th, 11th and 22nd items rebuild the
 * table to 16, 32 and 64 slots. */
START_TEST(a_dict_grows_at_cpythons_moments)
{
    PmObject *d = PmDict_New();
    int grew[8], n = 0, last = log2_size(d);
    for (int i = 1; i <= 43; i++) {
        put(d, I(i), I(i));
        if (log2_size(d) != last) {
            grew[n++] = i;
            last = log2_size(d);
        }
    }
    ck_assert_int_eq(n, 5);
    int want[] = {1, 6, 11, 22, 43};
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(grew[i], want[i]);
    ck_assert_int_eq(log2_size(d), 7);
    for (int i = 1; i <= 43; i++)
        ck_assert_int_eq(get(d, I(i)), i);
    Pm_DECREF(d);
}
END_TEST

/* "after many deletions ... shrinks on its next insertion, never on a deletion" */
START_TEST(a_dict_shrinks_on_insertion_after_deletions)
{
    PmObject *d = PmDict_New();
    for (int i = 0; i < 40; i++)
        put(d, I(i), I(i));
    ck_assert_int_eq(log2_size(d), 6);
    for (int i = 0; i < 38; i++) {
        PmObject *k = I(i);
        ck_assert_int_eq(PmDict_DelItem(d, k), 0);
        Pm_DECREF(k);
    }
    ck_assert_int_eq(log2_size(d), 6);             /* deleting never shrinks */
    for (int i = 100; i < 103; i++)                /* fill the remaining room */
        put(d, I(i), I(i));
    ck_assert_int_eq(PmDict_Size(d), 5);
    /* rebuilt for 3 * used = 12 slots, rounded up to 16: CPython 3.11's
     * sys.getsizeof gives 352 here, as for a dict of 10 keys (16 slots) */
    ck_assert_int_eq(log2_size(d), 4);
    ck_assert_int_eq(get(d, I(39)), 39);
    ck_assert_int_eq(get(d, I(102)), 102);
    Pm_DECREF(d);
}
END_TEST

/* "Looking a key up": keys that all collide in the low bits are found. */
START_TEST(colliding_keys_are_all_found)
{
    PmObject *d = PmDict_New();
    for (long long i = 0; i < 1000; i++)
        put(d, I(i << 20), I(i));
    for (long long i = 0; i < 1000; i++)
        ck_assert_int_eq(get(d, I(i << 20)), i);
    ck_assert_int_eq(get(d, I(1000LL << 20)), -999);
    Pm_DECREF(d);
}
END_TEST

/* "a table of up to 128 slots stores its indices in single bytes, up to
 * 2^15 in two" */
START_TEST(index_width_follows_the_table_size)
{
    PmObject *d = PmDict_New();
    PmDictKeysObject *dk;
    for (int i = 0; i < 85; i++)
        put(d, I(i), I(i));
    dk = ((PmDictObject *)d)->ma_keys;
    ck_assert_int_eq(dk->dk_log2_size, 7);
    ck_assert_int_eq(dk->dk_log2_index_bytes, 7);          /* 128 one-byte slots */
    put(d, I(85), I(85));
    dk = ((PmDictObject *)d)->ma_keys;
    ck_assert_int_eq(dk->dk_log2_size, 8);
    ck_assert_int_eq(dk->dk_log2_index_bytes, 9);          /* 256 two-byte slots */
    for (int i = 0; i <= 85; i++)
        ck_assert_int_eq(get(d, I(i)), i);
    Pm_DECREF(d);
}
END_TEST

/* "Inserting takes a new reference to the key and the value"; deleting
 * and deallocating release them. */
START_TEST(a_dict_owns_references_to_keys_and_values)
{
    PmObject *d = PmDict_New(), *k = S("key"), *v = PmList_New(0), *w = PmList_New(0);
    PmDict_SetItem(d, k, v);
    ck_assert_int_eq(Pm_REFCNT(k), 2);
    ck_assert_int_eq(Pm_REFCNT(v), 2);
    PmDict_SetItem(d, k, w);                       /* replace: v released */
    ck_assert_int_eq(Pm_REFCNT(k), 2);
    ck_assert_int_eq(Pm_REFCNT(v), 1);
    ck_assert_int_eq(Pm_REFCNT(w), 2);
    ck_assert_ptr_eq(PmDict_GetItem(d, k), w);     /* borrowed: no change */
    ck_assert_int_eq(Pm_REFCNT(w), 2);
    Pm_DECREF(d);
    ck_assert_int_eq(Pm_REFCNT(k), 1);
    ck_assert_int_eq(Pm_REFCNT(w), 1);
    Pm_DECREF(k); Pm_DECREF(v); Pm_DECREF(w);
}
END_TEST

/* "Deleting": del d[k] releases the key and the value; CPython 3.11's
   sys.getrefcount of each is 3 while it is in the dict, 2 after. */
START_TEST(deleting_releases_the_key_and_the_value)
{
    PmObject *d = PmDict_New(), *k = S("key"), *v = PmList_New(0);
    PmDict_SetItem(d, k, v);
    ck_assert_int_eq(PmSys_GetRefCount(k), 3);         /* CPython 3.11 */
    ck_assert_int_eq(PmSys_GetRefCount(v), 3);
    ck_assert_int_eq(PmDict_DelItem(d, k), 0);
    ck_assert_int_eq(PmSys_GetRefCount(k), 2);         /* CPython 3.11 */
    ck_assert_int_eq(PmSys_GetRefCount(v), 2);
    Pm_DECREF(d); Pm_DECREF(k); Pm_DECREF(v);
}
END_TEST

/* setdefault returns what is there, or inserts. */
START_TEST(setdefault_inserts_only_when_absent)
{
    PmObject *d = PmDict_New(), *k = S("key"), *a = I(1001), *b = I(1002);
    ck_assert_ptr_eq(PmDict_SetDefault(d, k, a), a);
    ck_assert_ptr_eq(PmDict_SetDefault(d, k, b), a);
    ck_assert_int_eq(Pm_REFCNT(b), 1);
    ck_assert_int_eq(PmDict_Size(d), 1);
    Pm_DECREF(d); Pm_DECREF(k); Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

/* "Two dicts are equal when they have the same keys with equal values, in
 * any order." */
START_TEST(dict_equality_ignores_order)
{
    PmObject *a = PmDict_New(), *b = PmDict_New();
    put(a, S("x"), I(1)); put(a, S("y"), I(2));
    put(b, S("y"), I(2)); put(b, S("x"), I(1));
    ck_assert(PmObject_Equal(a, b));
    put(b, S("x"), I(3));
    ck_assert(!PmObject_Equal(a, b));
    Pm_DECREF(a); Pm_DECREF(b);
}
END_TEST

/* "every empty dict shares one static table": {} allocates one block. */
START_TEST(an_empty_dict_allocates_no_table)
{
    pm_freelists_enabled = 0;
    PmMem_StatsStart();
    PmObject *d = PmDict_New();
    PmMem_StatsStop();
    ck_assert_uint_eq(PmMem_GetStats(PM_MEM_DOMAIN_OBJ).mallocs, 1);
    ck_assert_int_eq(PmObject_SizeOf(d), GC_HEAD + 32);
    put(d, S("a"), I(1));
    ck_assert_int_eq(PmObject_SizeOf(d), GC_HEAD + 32 + 24 + 8 + 5 * 24);
    Pm_DECREF(d);
}
END_TEST

/* "Free lists for dicts and small tables": a dead dict and its 8-slot
 * table are reused without the allocator; 80 of each are kept. */
START_TEST(dead_dicts_and_small_tables_are_reused)
{
    PmObject *d = PmDict_New();
    put(d, S("a"), I(1));
    PmDictKeysObject *dk = ((PmDictObject *)d)->ma_keys;
    PmObject *old = d;
    Pm_DECREF(d);
    d = PmDict_New();
    put(d, I(5), I(5));
    ck_assert_ptr_eq(d, old);
    ck_assert_ptr_eq(((PmDictObject *)d)->ma_keys, dk);
    Pm_DECREF(d);
    PmObject *many[100];
    for (int i = 0; i < 100; i++) {
        many[i] = PmDict_New();
        put(many[i], I(i), I(i));
    }
    for (int i = 0; i < 100; i++)
        Pm_DECREF(many[i]);
    ck_assert_int_eq(_PmDict_ClearFreeList(), 80 + 80);
    d = PmDict_New();
    put(d, I(1), I(1));
    Pm_DECREF(d);
    ck_assert_int_ge(Pm_ClearFreeLists(), 2);      /* chapter 8's function empties them */
    ck_assert_int_eq(_PmDict_ClearFreeList(), 0);
}
END_TEST

/* "Free lists for dicts and small tables": only 8-slot tables are kept
   (CPython 3.11: DK_LOG_SIZE(keys) == PyDict_LOG_MINSIZE, 3). A dict of 6
   items has outgrown its 8-slot table for one of 16; when it dies, the dict
   and the 8-slot table it left are kept, its 16-slot table is freed. */
START_TEST(only_eight_slot_tables_are_kept_for_reuse)
{
    _PmDict_ClearFreeList();
    PmObject *d = PmDict_New();
    for (int i = 0; i < 6; i++)
        put(d, I(i), I(i));
    PmDictKeysObject *big = ((PmDictObject *)d)->ma_keys;
    ck_assert_int_eq(big->dk_log2_size, 4);         /* 16 slots: CPython 3.11 */
    Pm_DECREF(d);
    d = PmDict_New();
    put(d, I(1), I(1));
    ck_assert_ptr_ne(((PmDictObject *)d)->ma_keys, big);
    Pm_DECREF(d);
    ck_assert_int_eq(_PmDict_ClearFreeList(), 1 + 1);   /* the dict, one 8-slot table */
}
END_TEST

/* "sys.getsizeof for everything so far": our column of the table. */
START_TEST(sizes_of_the_table)
{
    PmObject *o = PmObject_New(&PmBaseObject_Type), *e = PmDict_New();
    ck_assert_int_eq(PmObject_SizeOf(o), 16);
    ck_assert_int_eq(PmObject_SizeOf(e), GC_HEAD + 32);
    ck_assert_int_eq(PmObject_SizeOf(Pm_None), 16);
    ck_assert_int_eq(PmObject_SizeOf(PmTuple_New(0)), GC_HEAD + 24);
    ck_assert_int_eq(PmObject_Hash(o), _Pm_HashPointer(o));
    Pm_DECREF(o); Pm_DECREF(e);
}
END_TEST

/* "A dict holding a dict ... a million deep is freed by chapter 2's trashcan" */
START_TEST(a_million_nested_dicts_are_freed_without_deep_recursion)
{
    PmObject *top = PmDict_New(), *k = S("inner");
    for (int i = 0; i < 1000000; i++) {
        PmObject *d = PmDict_New();
        PmDict_SetItem(d, k, top);
        Pm_DECREF(top);
        top = d;
    }
    Pm_DECREF(top);
    ck_assert_int_le(Pm_GetDeallocStats().max_depth, 50);   /* CPython 3.11 _PyTrash_UNWIND_LEVEL */
    ck_assert_int_eq(Pm_REFCNT(k), 1);
    Pm_DECREF(k);
}
END_TEST

/* "A dict's repr": a dict inside itself prints as {...}, as CPython 3.11
   prints d = {}; d[1] = d (Py_ReprEnter). */
START_TEST(a_dict_that_contains_itself_prints_as_ellipsis)
{
    char buf[64];
    PmObject *d = PmDict_New(), *k = I(1);
    PmDict_SetItem(d, k, d);
    FILE *f = fmemopen(buf, sizeof buf, "w");
    PmObject_Print(d, f);
    fclose(f);
    ck_assert_str_eq(buf, "{1: {...}}");                       /* CPython 3.11 */
    PmDict_DelItem(d, k);                                      /* break the cycle */
    Pm_DECREF(k); Pm_DECREF(d);
}
END_TEST

/* "Hashes": hashing a tuple nested a million deep stops at the recursion
   limit with a message (CPython 3.11 dies of SIGSEGV there). */
static void hash_a_million_deep_tuple(void)
{
    PmObject *t = PmTuple_New(0);
    for (int i = 0; i < 1000000; i++) {
        PmObject *outer = PmTuple_New(1);
        PmTuple_SET_ITEM(outer, 0, t);
        t = outer;
    }
    PmObject_Hash(t);
}
START_TEST(hashing_a_million_deep_tuple_stops_at_the_recursion_limit)
{
    ck_assert_fatal(hash_a_million_deep_tuple,
                    "RecursionError: maximum recursion depth exceeded while hashing");
}
END_TEST

/* "The table, drawn": after four insertions and a deletion, the index
   table holds three entries and a dummy, the entries are in insertion
   order with one deleted, and one entry of room is left (8 slots, room
   for 5, as CPython's PyDict_MINSIZE table). */
START_TEST(the_drawn_table_has_a_dummy_a_dead_entry_and_room_for_one)
{
    PmObject *d = PmDict_New(), *k[4];
    const char *names[] = {"one", "two", "three", "four"};
    for (int i = 0; i < 4; i++) {
        k[i] = PmStr_FromString(names[i]);
        PmDict_SetItem(d, k[i], k[i]);
    }
    PmDict_DelItem(d, k[1]);
    PmDictKeysObject *dk = ((PmDictObject *)d)->ma_keys;
    ck_assert_int_eq(dk->dk_log2_size, 3);
    ck_assert_int_eq(dk->dk_nentries + dk->dk_usable, 5);
    ck_assert_int_eq(dk->dk_usable, 1);
    int live = 0, dummy = 0;
    for (int slot = 0; slot < 8; slot++) {
        Pm_ssize_t ix = _PmDict_IndexAt(d, slot);
        live += ix >= 0;
        dummy += ix == -2;
    }
    ck_assert_int_eq(live, 3);
    ck_assert_int_eq(dummy, 1);
    ck_assert_ptr_eq(_PmDict_EntryAt(d, 0)->me_key, k[0]);
    ck_assert_ptr_null(_PmDict_EntryAt(d, 1)->me_key);
    ck_assert_ptr_eq(_PmDict_EntryAt(d, 3)->me_key, k[3]);
    Pm_DECREF(d);
    for (int i = 0; i < 4; i++)
        Pm_DECREF(k[i]);
}
END_TEST

/* "Deleting marks the index slot as a dummy and empties the entry": del d[k]
   releases the key and the value, and d[k] = w the value it replaces. With
   k and v made at run time, CPython 3.11's sys.getrefcount gives 3 and 3
   after d[k] = v; 2 for v after d[k] = w; 2 and 2 for k and w after del d[k]. */
START_TEST(deleting_or_replacing_releases_what_the_dict_held)
{
    PmObject *d = PmDict_New(), *k = PmStr_FromString("key");
    PmObject *v = PmFloat_FromDouble(2.5), *w = PmFloat_FromDouble(3.5);
    PmDict_SetItem(d, k, v);
    ck_assert_int_eq(PmSys_GetRefCount(k), 3 /* CPython 3.11 */);
    ck_assert_int_eq(PmSys_GetRefCount(v), 3 /* CPython 3.11 */);
    PmDict_SetItem(d, k, w);
    ck_assert_int_eq(PmSys_GetRefCount(v), 2 /* CPython 3.11 */);
    ck_assert_int_eq(PmSys_GetRefCount(w), 3 /* CPython 3.11 */);
    ck_assert_int_eq(PmDict_DelItem(d, k), 0);
    ck_assert_int_eq(PmSys_GetRefCount(k), 2 /* CPython 3.11 */);
    ck_assert_int_eq(PmSys_GetRefCount(w), 2 /* CPython 3.11 */);
    Pm_DECREF(d); Pm_DECREF(k); Pm_DECREF(v); Pm_DECREF(w);
}
END_TEST

/* "up to 80 index-and-entry blocks of the smallest size (8 slots)": a dead
   dict's table of 16 slots (6 items: CPython 3.11's PyDict_MINSIZE 8 holds 5)
   is freed, not kept; a table of 8 slots is kept with its dict. */
START_TEST(only_tables_of_8_slots_are_kept)
{
    PmObject *d = PmDict_New();
    for (int i = 0; i < 6; i++) {
        PmObject *k = PmInt_FromLong(1000 + i);
        PmDict_SetItem(d, k, k);
        Pm_DECREF(k);
    }
    ck_assert_int_eq(log2_size(d), 4);                    /* 16 slots */
    _PmDict_ClearFreeList();                              /* the table it outgrew */
    Pm_DECREF(d);
    ck_assert_int_eq(_PmDict_ClearFreeList(), 1);         /* the dict, not its table */
    d = PmDict_New();
    PmObject *k = PmInt_FromLong(1000);
    PmDict_SetItem(d, k, k);
    Pm_DECREF(k);
    Pm_DECREF(d);
    ck_assert_int_eq(_PmDict_ClearFreeList(), 2);         /* the dict and its table */
}
END_TEST

/* "`perturb` starts as the full hash and loses 5 bits each step": with 8
   slots, 0 takes slot 0 and 32, which also starts at slot 0, goes to
   (0 * 5 + (32 >> 5) + 1) & 7 = 2, as CPython 3.11's lookdict probes
   (PERTURB_SHIFT 5); with a shift of 4 it would go to slot 3. */
START_TEST(a_collision_probes_as_cpythons_recurrence)
{
    PmObject *d = PmDict_New(), *k0 = PmInt_FromLong(0), *k32 = PmInt_FromLong(32);
    PmDict_SetItem(d, k0, k0);
    PmDict_SetItem(d, k32, k32);
    ck_assert_int_eq(log2_size(d), 3);                          /* 8 slots */
    ck_assert_int_eq(_PmDict_IndexAt(d, 0), 0);                 /* entry 0: key 0 */
    ck_assert_int_eq(_PmDict_IndexAt(d, 2), 1 /* CPython 3.11: slot 2 */);
    ck_assert_int_eq(_PmDict_IndexAt(d, 3), -1);
    Pm_DECREF(d); Pm_DECREF(k0); Pm_DECREF(k32);
}
END_TEST

Suite *ch09_containers_suite(void)
{
    Suite *s = suite_create("ch09 containers");
    TCase *tc = tcase_create("containers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, appending_grows_by_cpythons_sequence);
    tcase_add_test(tc, repetition_allocates_exactly_and_shares_items);
    tcase_add_test(tc, popping_below_half_shrinks_the_array);
    tcase_add_test(tc, popping_an_empty_list_is_reported);
    tcase_add_test(tc, hashes_of_numbers_and_tuples_are_cpythons);
    tcase_add_test(tc, a_string_caches_its_hash);
    tcase_add_test(tc, lists_and_dicts_are_unhashable);
    tcase_add_test(tc, a_dict_finds_keys_by_equality);
    tcase_add_test(tc, iteration_follows_insertion_order);
    tcase_add_test(tc, deleting_leaves_a_dummy_and_lookups_go_past_it);
    tcase_add_test(tc, the_drawn_table_has_a_dummy_a_dead_entry_and_room_for_one);
    tcase_add_test(tc, a_dict_grows_at_cpythons_moments);
    tcase_add_test(tc, a_dict_shrinks_on_insertion_after_deletions);
    tcase_add_test(tc, colliding_keys_are_all_found);
    tcase_add_test(tc, index_width_follows_the_table_size);
    tcase_add_test(tc, a_dict_owns_references_to_keys_and_values);
    tcase_add_test(tc, setdefault_inserts_only_when_absent);
    tcase_add_test(tc, dict_equality_ignores_order);
    tcase_add_test(tc, an_empty_dict_allocates_no_table);
    tcase_add_test(tc, dead_dicts_and_small_tables_are_reused);
    tcase_add_test(tc, only_eight_slot_tables_are_kept_for_reuse);
    tcase_add_test(tc, deleting_releases_the_key_and_the_value);
    tcase_add_test(tc, sizes_of_the_table);
    tcase_add_test(tc, a_million_nested_dicts_are_freed_without_deep_recursion);
    tcase_add_test(tc, deleting_or_replacing_releases_what_the_dict_held);
    tcase_add_test(tc, only_tables_of_8_slots_are_kept);
    tcase_add_test(tc, a_collision_probes_as_cpythons_recurrence);
    tcase_add_test(tc, a_dict_that_contains_itself_prints_as_ellipsis);
    tcase_add_test(tc, hashing_a_million_deep_tuple_stops_at_the_recursion_limit);
    suite_add_tcase(s, tc);
    return s;
}
