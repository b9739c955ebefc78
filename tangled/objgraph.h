#ifndef PM_OBJGRAPH_H
#define PM_OBJGRAPH_H
#include <stdio.h>
typedef struct {
    int max_depth;                          /* levels below the roots: 3      */
    int too_many;                           /* edges drawn from a node: 10    */
    int (*filter)(PmObject *op, void *arg);       /* 0: leave op out          */
    int (*highlight)(PmObject *op, void *arg);    /* 1: draw op in blue       */
    void (*extra_info)(PmObject *op, char *buf, size_t size, void *arg);
    void *arg;                              /* given to the three callbacks   */
    int refcounts;                          /* the count after the type name  */
} PmObjGraph_Options;
#define PmObjGraph_DEFAULTS ((PmObjGraph_Options){.max_depth = 3, .too_many = 10})

Pm_ssize_t PmObjGraph_ShowRefs(FILE *out, PmObject *const objs[], Pm_ssize_t n,
                               const PmObjGraph_Options *opt);
Pm_ssize_t PmObjGraph_ShowBackrefs(FILE *out, PmObject *const objs[], Pm_ssize_t n,
                                   const PmObjGraph_Options *opt);

#endif
