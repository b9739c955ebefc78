#ifndef PM_GRAPH_H
#define PM_GRAPH_H
#include <stdio.h>
void PmGraph_Begin(FILE *out, const char *name);
void PmGraph_Label(FILE *out, const char *label, PmObject *op);
void PmGraph_Object(FILE *out, PmObject *op);
void PmGraph_End(FILE *out);
#endif
