/* ch16_buffers.c -- tests of chapter 16, "Buffers". Expected numbers and
 * messages are CPython 3.11's (recorded in chapters/cpython/ch16_buffers.out,
 * or stated where they come from). */
#include "pmtest.h"

#define BA(op) ((PmByteArrayObject *)(op))

/* the error set, as "Name: message", then cleared */
static const char *error_line(void)
{
    static char line[300];
    ck_assert_ptr_nonnull(PmErr_Occurred());
    snprintf(line, sizeof line, "%s: %s", PmErr_Occurred(), PmErr_Message());
    PmErr_Clear();
    return line;
}

/* "The fixed part is 32 bytes, and the NUL makes the smallest bytes 33" */
START_TEST(getsizeof_of_bytes_is_33_plus_its_length)
{
    PmObject *e = PmBytes_FromStringAndSize("", 0), *abc = PmBytes_FromStringAndSize("abc", 3);
    ck_assert_int_eq(PmObject_SizeOf(e), 33);       /* CPython 3.11: sys.getsizeof(b"") */
    ck_assert_int_eq(PmObject_SizeOf(abc), 36);     /* CPython 3.11: sys.getsizeof(b"abc") */
    ck_assert_int_eq(PmBytes_AS_STRING(abc)[3], '\0');
    ck_assert(!PmObject_IS_GC(abc));                /* CPython 3.11: bytes.__flags__ & 1 << 14 == 0 */
    Pm_DECREF(e); Pm_DECREF(abc);
}
END_TEST

/* "Its size is the object and its whole block, used or not: 56 and the allocation" */
START_TEST(getsizeof_of_a_bytearray_is_56_plus_its_allocation)
{
    PmObject *e = PmByteArray_FromStringAndSize(NULL, 0);
    PmObject *hw = PmByteArray_FromStringAndSize("hello world", 11);
    ck_assert_int_eq(PmObject_SizeOf(e), 56);       /* CPython 3.11: sys.getsizeof(bytearray()) */
    ck_assert_int_eq(BA(hw)->ob_alloc, 12);         /* CPython 3.11: b.__alloc__() */
    ck_assert_int_eq(PmObject_SizeOf(hw), 68);      /* CPython 3.11: sys.getsizeof(b) */
    ck_assert_ptr_null(BA(e)->ob_bytes);
    ck_assert_str_eq(PmByteArray_AS_STRING(e), "");
    Pm_DECREF(e); Pm_DECREF(hw);
}
END_TEST

/* "Appending one byte at a time to an empty bytearray allocates 2, 5, 8, 12,
 * 19, 27, 36, 46, ... bytes" */
START_TEST(a_bytearray_grows_by_cpython_3_11s_rule)
{
    static const Pm_ssize_t want[] = {0, 2, 5, 8, 12, 19, 27, 36, 46, 57, 70};  /* CPython 3.11 */
    PmObject *b = PmByteArray_FromStringAndSize(NULL, 0);
    size_t n = 1;
    for (int i = 0; i < 64 && n < sizeof want / sizeof want[0]; i++) {
        ck_assert_int_eq(PmByteArray_Append(b, i), 0);
        if (BA(b)->ob_alloc != want[n - 1])
            ck_assert_int_eq(BA(b)->ob_alloc, want[n++]);
    }
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    ck_assert_int_eq(PmByteArray_Resize(b, 1000), 0);
    ck_assert_int_eq(BA(b)->ob_alloc, 1001);        /* a jump: exact, plus the NUL */
    ck_assert_int_eq(PmByteArray_Resize(b, 400), 0);
    ck_assert_int_eq(BA(b)->ob_alloc, 401);         /* less than half used: shrinks */
    ck_assert_int_eq(PmByteArray_Append(b, 256), -1);
    ck_assert_str_eq(error_line(), "ValueError: byte must be in range(0, 256)");
    Pm_DECREF(b);
}
END_TEST

/* "deleting bytes from the front (del b[:n]) only moves it forward" */
START_TEST(deleting_from_the_front_moves_ob_start_and_copies_nothing)
{
    PmObject *b = PmByteArray_FromStringAndSize("abcdefghij", 10);
    char *block = BA(b)->ob_bytes;
    ck_assert_int_eq(PmByteArray_DelSlice(b, 0, 3), 0);           /* del b[:3] */
    ck_assert_ptr_eq(BA(b)->ob_bytes, block);
    ck_assert_ptr_eq(BA(b)->ob_start, block + 3);
    ck_assert_int_eq(BA(b)->ob_alloc, 11);          /* CPython 3.11: b.__alloc__() */
    ck_assert_int_eq(PmObject_SizeOf(b), 67);       /* CPython 3.11: sys.getsizeof(b) */
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "defghij");
    ck_assert_int_eq(PmByteArray_DelSlice(b, 0, 4), 0);           /* del b[:4] */
    ck_assert_int_eq(BA(b)->ob_alloc, 4);           /* CPython 3.11: shrinks to exact */
    ck_assert_ptr_eq(BA(b)->ob_start, BA(b)->ob_bytes);
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "hij");
    ck_assert_int_eq(PmByteArray_DelSlice(b, 1, 2), 0);           /* del b[1:2] */
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "hj");
    Pm_DECREF(b);
}
END_TEST

/* "hash(b"abc") == hash("abc")", and the repr is PyBytes_Repr's */
START_TEST(bytes_hash_as_strings_and_print_as_cpython_prints_them)
{
    static const struct { const char *s; size_t n; const char *repr; } cases[] = {
        {"a'b", 3, "b\"a'b\""},                     /* CPython 3.11: repr(b"a'b") */
        {"a'\"", 3, "b'a\\'\"'"},                   /* repr(b'a\'"') */
        {"\0\t\n\\", 4, "b'\\x00\\t\\n\\\\'"},      /* repr(b'\x00\t\n\\') */
        {"\xff", 1, "b'\\xff'"},
    };
    PmObject *b = PmBytes_FromStringAndSize("abc", 3), *s = PmStr_FromString("abc");
    ck_assert_int_eq(PmObject_Hash(b), PmObject_Hash(s));         /* CPython 3.11: True */
    Pm_DECREF(b); Pm_DECREF(s);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        PmObject *x = PmBytes_FromStringAndSize(cases[i].s, (Pm_ssize_t)cases[i].n);
        PmObject_Print(x, f);
        fclose(f);
        ck_assert_str_eq(text, cases[i].repr);
        free(text);
        Pm_DECREF(x);
    }
}
END_TEST

/* "The slice s is five bytes of b's own block: the write through it shows in b" */
START_TEST(a_slice_of_a_view_shares_the_exporters_memory)
{
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11);
    PmBuffer *sv = PmMemoryView_GET_BUFFER(s);
    ck_assert_ptr_eq(sv->buf, BA(b)->ob_start + 6);
    ck_assert_ptr_eq(sv->obj, b);                    /* CPython 3.11: s.obj is b */
    ck_assert_int_eq(sv->shape[0], 5);               /* len(s) */
    ck_assert_int_eq(sv->len, 5);                    /* s.nbytes */
    ck_assert_int_eq(sv->strides[0], 1);             /* s.strides == (1,) */
    ck_assert_int_eq(sv->readonly, 0);
    ck_assert_str_eq(sv->format, "B");
    PmObject *w = PmInt_FromLong('W');
    ck_assert_int_eq(PmMemoryView_SetItem(s, 0, w), 0);
    Pm_DECREF(w);
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "hello World");
    PmObject *x = PmMemoryView_GetItem(s, -1);       /* s[-1] */
    ck_assert_int_eq(PmInt_AsLong(x), 'd');
    Pm_DECREF(x);
    PmObject *t = PmMemoryView_Slice(s, -3, 100);    /* s[-3:100] */
    x = PmMemoryView_ToBytes(t);
    ck_assert_str_eq(PmBytes_AS_STRING(x), "rld");
    Pm_DECREF(x); Pm_DECREF(t); Pm_DECREF(s); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

/* "the exporter sees one buffer, however many views are made from the
 * first: its count of references is one more, its ob_exports is one" */
START_TEST(views_share_one_managed_buffer_that_holds_the_one_reference)
{
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    PmObject *m = PmMemoryView_FromObject(b);
    ck_assert_int_eq(PmSys_GetRefCount(b), 3);       /* CPython 3.11: sys.getrefcount(b) */
    PmObject *s = PmMemoryView_Slice(m, 1, 4), *v = PmMemoryView_FromObject(s);
    ck_assert_int_eq(PmSys_GetRefCount(b), 3);       /* CPython 3.11: the same, 3 */
    ck_assert_int_eq(BA(b)->ob_exports, 1);
    PmManagedBufferObject *mb = ((PmMemoryViewObject *)m)->mbuf;
    ck_assert_ptr_eq(((PmMemoryViewObject *)s)->mbuf, mb);
    ck_assert_ptr_eq(((PmMemoryViewObject *)v)->mbuf, mb);
    ck_assert_int_eq(mb->exports, 3);
    ck_assert_int_eq(Pm_REFCNT(mb), 3);
    PmObject *m2 = PmMemoryView_FromObject(b);       /* memoryview(b) again: asks b again */
    ck_assert_ptr_ne(((PmMemoryViewObject *)m2)->mbuf, mb);
    ck_assert_int_eq(PmSys_GetRefCount(b), 4);       /* CPython 3.11: 4 */
    ck_assert_int_eq(BA(b)->ob_exports, 2);
    Pm_DECREF(m2); Pm_DECREF(v); Pm_DECREF(s); Pm_DECREF(m);
    ck_assert_int_eq(BA(b)->ob_exports, 0);
    ck_assert_int_eq(PmSys_GetRefCount(b), 2);
    Pm_DECREF(b);
}
END_TEST

/* "a resize fails with CPython's BufferError"; "releasing m is not enough,
 * since s still uses the managed buffer" */
START_TEST(resizing_an_exported_bytearray_fails_and_changes_nothing)
{
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11);
    char *block = BA(b)->ob_bytes;
    ck_assert_int_eq(PmByteArray_Append(b, 33), -1);
    ck_assert_str_eq(error_line(),                   /* CPython 3.11 */
                     "BufferError: Existing exports of data: object cannot be re-sized");
    ck_assert_int_eq(PmByteArray_DelSlice(b, 0, 1), -1);
    ck_assert_str_eq(error_line(),
                     "BufferError: Existing exports of data: object cannot be re-sized");
    ck_assert_int_eq(PmByteArray_Resize(b, 11), 0);  /* the same size is no resize */
    ck_assert_int_eq(PmMemoryView_Release(m), 0);
    ck_assert_int_eq(PmByteArray_Resize(b, 3), -1);
    ck_assert_str_eq(error_line(),
                     "BufferError: Existing exports of data: object cannot be re-sized");
    ck_assert_ptr_eq(BA(b)->ob_bytes, block);
    ck_assert_int_eq(Pm_SIZE(b), 11);
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "hello world");
    Pm_DECREF(s); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

/* "once s is released too the append succeeds and the block grows from 12
 * to 19 bytes" */
START_TEST(releasing_every_view_lets_the_bytearray_resize)
{
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11);
    ck_assert_int_eq(PmMemoryView_Release(m), 0);
    ck_assert_int_eq(PmMemoryView_Release(m), 0);    /* twice: nothing more */
    ck_assert_int_eq(BA(b)->ob_exports, 1);
    ck_assert_int_eq(PmMemoryView_Release(s), 0);
    ck_assert_int_eq(BA(b)->ob_exports, 0);
    ck_assert_int_eq(PmSys_GetRefCount(b), 2);       /* the managed buffer let go */
    ck_assert_int_eq(PmByteArray_Append(b, '!'), 0);
    ck_assert_int_eq(BA(b)->ob_alloc, 19);           /* CPython 3.11: b.__alloc__() */
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "hello world!");
    ck_assert_ptr_null(PmErr_Occurred());
    Pm_DECREF(s); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

/* "A released view can no longer be read, even though its managed buffer
 * and b still exist" */
START_TEST(a_released_view_refuses_every_operation)
{
    static const char *want =                        /* CPython 3.11 */
        "ValueError: operation forbidden on released memoryview object";
    PmObject *b = PmByteArray_FromStringAndSize("hello world", 11);
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 6, 11);
    PmObject *one = PmInt_FromLong(1);
    PmMemoryView_Release(s);
    ck_assert_ptr_null(PmMemoryView_GetItem(s, 0));
    ck_assert_str_eq(error_line(), want);
    ck_assert_int_eq(PmMemoryView_SetItem(s, 0, one), -1);
    ck_assert_str_eq(error_line(), want);
    ck_assert_ptr_null(PmMemoryView_Slice(s, 0, 1));
    ck_assert_str_eq(error_line(), want);
    ck_assert_ptr_null(PmMemoryView_ToBytes(s));
    ck_assert_str_eq(error_line(), want);
    ck_assert_ptr_null(PmMemoryView_FromObject(s));
    ck_assert_str_eq(error_line(), want);
    PmObject *x = PmMemoryView_GetItem(m, 0);         /* m still works */
    ck_assert_int_eq(PmInt_AsLong(x), 'h');
    Pm_DECREF(x); Pm_DECREF(one); Pm_DECREF(s); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

/* "a view of bytes cannot be written"; "A read-only exporter asked for a
 * writable buffer refuses" */
START_TEST(writing_through_a_view_of_bytes_is_an_error)
{
    PmObject *abc = PmBytes_FromStringAndSize("abc", 3), *r = PmMemoryView_FromObject(abc);
    PmObject *v65 = PmInt_FromLong(65), *v300 = PmInt_FromLong(300);
    ck_assert_int_eq(PmMemoryView_GET_BUFFER(r)->readonly, 1);   /* CPython 3.11: True */
    ck_assert_int_eq(PmMemoryView_SetItem(r, 0, v65), -1);
    ck_assert_str_eq(error_line(), "TypeError: cannot modify read-only memory");
    ck_assert_int_eq(PmMemoryView_SetItem(r, 0, v300), -1);       /* checked first */
    ck_assert_str_eq(error_line(), "TypeError: cannot modify read-only memory");
    ck_assert_str_eq(PmBytes_AS_STRING(abc), "abc");
    PmBuffer view;
    ck_assert_int_eq(PmObject_GetBuffer(abc, &view, PmBUF_WRITABLE), -1);
    ck_assert_str_eq(error_line(), "BufferError: Object is not writable.");
    ck_assert_int_eq(Pm_REFCNT(abc), 2);             /* the view's managed buffer only */
    Pm_DECREF(v65); Pm_DECREF(v300); Pm_DECREF(r); Pm_DECREF(abc);
}
END_TEST

/* a writable view refuses a value that is not a byte and an index out of
 * range, with CPython 3.11's messages */
START_TEST(a_writable_view_checks_the_index_and_the_byte)
{
    PmObject *b = PmByteArray_FromStringAndSize("abc", 3), *m = PmMemoryView_FromObject(b);
    PmObject *v300 = PmInt_FromLong(300), *v1 = PmInt_FromLong(1);
    ck_assert_int_eq(PmMemoryView_SetItem(m, 0, v300), -1);
    ck_assert_str_eq(error_line(), "ValueError: memoryview: invalid value for format 'B'");
    ck_assert_int_eq(PmMemoryView_SetItem(m, 3, v1), -1);
    ck_assert_str_eq(error_line(), "IndexError: index out of bounds on dimension 1");
    ck_assert_ptr_null(PmMemoryView_GetItem(m, -4));
    ck_assert_str_eq(error_line(), "IndexError: index out of bounds on dimension 1");
    ck_assert_str_eq(PmByteArray_AS_STRING(b), "abc");
    Pm_DECREF(v300); Pm_DECREF(v1); Pm_DECREF(m); Pm_DECREF(b);
}
END_TEST

/* "Anything else is not bytes-like" */
START_TEST(an_object_without_the_buffer_slots_is_not_bytes_like)
{
    PmObject *list = PmList_New(0);
    PmBuffer view;
    ck_assert_ptr_null(PmMemoryView_FromObject(list));
    ck_assert_str_eq(error_line(),                   /* CPython 3.11: memoryview([1, 2, 3]) */
                     "TypeError: memoryview: a bytes-like object is required, not 'list'");
    ck_assert_int_eq(PmObject_GetBuffer(list, &view, PmBUF_SIMPLE), -1);
    ck_assert_str_eq(error_line(), "TypeError: a bytes-like object is required, not 'list'");
    ck_assert(!PmObject_CheckBuffer(list));
    ck_assert_int_eq(Pm_REFCNT(list), 1);
    Pm_DECREF(list);
}
END_TEST

/* "a view keeps the exporter's whole block alive, however small the slice" */
START_TEST(a_view_keeps_its_exporter_alive_until_it_is_released)
{
    Pm_ssize_t blocks = PmSys_GetAllocatedBlocks();
    PmObject *b = PmByteArray_FromStringAndSize(NULL, 1 << 20);
    memset(BA(b)->ob_bytes, 'x', 1 << 20);
    PmObject *m = PmMemoryView_FromObject(b), *s = PmMemoryView_Slice(m, 10, 15);
    Pm_DECREF(m);
    Pm_DECREF(b);                                    /* del m, b */
    ck_assert_int_eq(Pm_REFCNT(b), 1);               /* the managed buffer's */
    PmObject *x = PmMemoryView_ToBytes(s);
    ck_assert_str_eq(PmBytes_AS_STRING(x), "xxxxx");
    Pm_DECREF(x);
    ck_assert_int_ge(PmSys_GetAllocatedBlocks() - blocks, 3);  /* b, mbuf, s (and the block) */
    PmMemoryView_Release(s);                         /* gives the buffer back: b goes */
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 2);  /* s and its managed buffer */
    Pm_DECREF(s);
    ck_assert_int_eq(PmSys_GetAllocatedBlocks() - blocks, 0);
}
END_TEST

/* "gc.get_referents(s) is the managed buffer, and its referent is b" */
START_TEST(the_collector_sees_a_view_refer_to_its_managed_buffer)
{
    PmObject *b = PmByteArray_FromStringAndSize("abc", 3), *m = PmMemoryView_FromObject(b);
    ck_assert(PmObject_IS_GC(m));                    /* CPython 3.11: memoryview has GC */
    PmObject *r = PmGC_GetReferents(m);
    ck_assert_int_eq(PmList_GET_SIZE(r), 1);
    PmObject *mb = PmList_GET_ITEM(r, 0);
    ck_assert_str_eq(Pm_TYPE(mb)->tp_name, "managedbuffer");  /* CPython 3.11 */
    PmObject *r2 = PmGC_GetReferents(mb);
    ck_assert_int_eq(PmList_GET_SIZE(r2), 1);
    ck_assert_ptr_eq(PmList_GET_ITEM(r2, 0), b);
    Pm_DECREF(r2); Pm_DECREF(r);
    PmGC_Collect();                                  /* nothing here is garbage */
    ck_assert_int_eq(BA(b)->ob_exports, 1);
    Pm_DECREF(m);
    ck_assert_int_eq(BA(b)->ob_exports, 0);
    Pm_DECREF(b);
}
END_TEST

Suite *ch16_buffers_suite(void)
{
    Suite *s = suite_create("ch16 buffers");
    TCase *tc = tcase_create("bytes and bytearray");
    tcase_add_test(tc, getsizeof_of_bytes_is_33_plus_its_length);
    tcase_add_test(tc, getsizeof_of_a_bytearray_is_56_plus_its_allocation);
    tcase_add_test(tc, a_bytearray_grows_by_cpython_3_11s_rule);
    tcase_add_test(tc, deleting_from_the_front_moves_ob_start_and_copies_nothing);
    tcase_add_test(tc, bytes_hash_as_strings_and_print_as_cpython_prints_them);
    suite_add_tcase(s, tc);
    tc = tcase_create("views");
    tcase_add_test(tc, a_slice_of_a_view_shares_the_exporters_memory);
    tcase_add_test(tc, views_share_one_managed_buffer_that_holds_the_one_reference);
    tcase_add_test(tc, resizing_an_exported_bytearray_fails_and_changes_nothing);
    tcase_add_test(tc, releasing_every_view_lets_the_bytearray_resize);
    tcase_add_test(tc, a_released_view_refuses_every_operation);
    tcase_add_test(tc, writing_through_a_view_of_bytes_is_an_error);
    tcase_add_test(tc, a_writable_view_checks_the_index_and_the_byte);
    tcase_add_test(tc, an_object_without_the_buffer_slots_is_not_bytes_like);
    tcase_add_test(tc, a_view_keeps_its_exporter_alive_until_it_is_released);
    tcase_add_test(tc, the_collector_sees_a_view_refer_to_its_managed_buffer);
    suite_add_tcase(s, tc);
    return s;
}
