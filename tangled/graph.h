#ifndef PM_GRAPH_H
#define PM_GRAPH_H
#include <stdio.h>
void PmGraph_Begin(FILE *out, const char *name);
void PmGraph_Label(FILE *out, const char *label, PmObject *op);
void PmGraph_Object(FILE *out, PmObject *op);
void PmGraph_End(FILE *out);
void PmGraph_Note(FILE *out, const void *op, const char *note);
void PmGraph_Node(FILE *out, const void *p, const char *type, const char *value,
                  const char *last);
void PmGraph_Edge(FILE *out, const void *from, const void *to, const char *label, int dashed);
#endif
