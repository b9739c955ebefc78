#ifndef PM_BUFFER_H
#define PM_BUFFER_H
typedef struct PmBuffer {              /* CPython: Py_buffer */
    void *buf;                         /* the first byte                      */
    PmObject *obj;                     /* the exporter, owned; NULL: released */
    Pm_ssize_t len;                    /* bytes in all                        */
    Pm_ssize_t itemsize;               /* bytes per item: 1 for "B"           */
    int readonly;                      /* 1: no writing through it            */
    int ndim;                          /* dimensions: 1 in this chapter       */
    const char *format;                /* the items' struct format, or NULL   */
    Pm_ssize_t *shape;                 /* items per dimension, or NULL        */
    Pm_ssize_t *strides;               /* bytes between items, or NULL        */
} PmBuffer;

typedef struct PmBufferProcs {         /* CPython: PyBufferProcs */
    int (*bf_getbuffer)(PmObject *exporter, PmBuffer *view, int flags);
    void (*bf_releasebuffer)(PmObject *exporter, PmBuffer *view);
} PmBufferProcs;
#define PmBUF_SIMPLE   0                /* CPython: PyBUF_SIMPLE ...        */
#define PmBUF_WRITABLE 0x0001
#define PmBUF_FORMAT   0x0004
#define PmBUF_ND       0x0008
#define PmBUF_STRIDES  (0x0010 | PmBUF_ND)
#define PmBUF_FULL_RO  (PmBUF_STRIDES | PmBUF_FORMAT)   /* CPython's adds INDIRECT */
int PmObject_CheckBuffer(PmObject *obj);
int PmObject_GetBuffer(PmObject *obj, PmBuffer *view, int flags);
void PmBuffer_Release(PmBuffer *view);
int PmBuffer_FillInfo(PmBuffer *view, PmObject *obj, void *buf, Pm_ssize_t len,
                      int readonly, int flags);
#endif
