#define _POSIX_C_SOURCE 200809L        /* open_memstream */
#include <string.h>
#include "pm.h"

typedef struct { PmObject **v; size_t n, cap; } ObjVec;   /* borrowed */

static void vec_push(ObjVec *vec, PmObject *op)
{
    if (vec->n == vec->cap) {
        vec->cap = vec->cap ? 2 * vec->cap : 16;
        vec->v = realloc(vec->v, vec->cap * sizeof *vec->v);
        if (vec->v == NULL)
            Pm_FatalError("PmObjGraph", "out of memory for %zu objects", vec->cap);
    }
    vec->v[vec->n++] = op;
}
static int push_referent(PmObject *op, void *vec)
{
    vec_push(vec, op);
    return 0;
}

static void referents(PmObject *op, ObjVec *out)          /* gc.get_referents */
{
    out->n = 0;
    if (PmObject_IS_GC(op) && Pm_TYPE(op)->tp_traverse != NULL)
        Pm_TYPE(op)->tp_traverse(op, push_referent, out);
}
static void referrers(PmObject *op, ObjVec *out)            /* gc.get_referrers */
{
    PmObject *list = PmGC_GetReferrers(op);
    out->n = 0;
    for (Pm_ssize_t i = 0; i < PmList_GET_SIZE(list); i++)
        vec_push(out, PmList_GET_ITEM(list, i));
    Pm_DECREF(list);                  /* the referrers live on: others hold them */
}
typedef struct { const PmObject *key; int depth, node; } Seen;

typedef struct {
    FILE *out;
    const PmObjGraph_Options *opt;
    int refs;                         /* 1: show_refs; 0: show_backrefs */
    Seen *seen;                       /* 1 << log2 slots, at most half used */
    size_t log2, nseen;
    ObjVec queue;
} Walk;
static Seen *seen_slot(Walk *w, const PmObject *op)
{
    size_t mask = ((size_t)1 << w->log2) - 1;
    size_t i = ((uintptr_t)op >> 4) * 0x9E3779B97F4A7C15u >> 7 & mask;
    while (w->seen[i].key != NULL && w->seen[i].key != op)
        i = (i + 1) & mask;
    return &w->seen[i];
}

static void seen_grow(Walk *w)
{
    Seen *old = w->seen;
    size_t n = old ? (size_t)1 << w->log2 : 0;
    w->log2 = old ? w->log2 + 1 : 6;
    w->seen = calloc((size_t)1 << w->log2, sizeof *w->seen);
    if (w->seen == NULL)
        Pm_FatalError("PmObjGraph", "out of memory for %zu objects", w->nseen);
    for (size_t i = 0; i < n; i++)
        if (old[i].key != NULL)
            *seen_slot(w, old[i].key) = old[i];
    free(old);
}
/* the object's entry; a new one gets depth and the next node number */
static Seen *seen_add(Walk *w, const PmObject *op, int depth, int *is_new)
{
    if (w->seen == NULL || 2 * (w->nseen + 1) > (size_t)1 << w->log2)
        seen_grow(w);
    Seen *s = seen_slot(w, op);
    *is_new = s->key == NULL;
    if (*is_new)
        *s = (Seen){op, depth, (int)w->nseen++};
    return s;
}

static int node_of(Walk *w, const PmObject *op) { return seen_slot(w, op)->node; }
static void put_quoted(FILE *out, const char *s)
{
    for (; *s; s++)
        if (*s == '\n') fputs("\\n", out);
        else {
            if (*s == '\\' || *s == '"') fputc('\\', out);
            fputc(*s, out);
        }
}
static void short_repr(PmObject *op, char *buf, size_t size)
{
    if (PmList_Check(op) || PmTuple_Check(op))
        snprintf(buf, size, "%zd items", Pm_SIZE(op));
    else if (PmDict_Check(op))
        snprintf(buf, size, "%zd items", ((PmDictObject *)op)->ma_used);
    else if (Pm_TYPE(op) == &PmType_Type)
        snprintf(buf, size, "%s", ((PmTypeObject *)op)->tp_name);
    else {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        PmObject_Print(op, f);
        fclose(f);
        snprintf(buf, size, "%.40s", text);   /* repr(obj)[:40] */
        free(text);
    }
}
static void put_label(Walk *w, PmObject *op)
{
    char text[256], extra[256];
    fprintf(w->out, "  o%d[label=\"", node_of(w, op));
    put_quoted(w->out, Pm_TYPE(op)->tp_name);
    if (w->opt->refcounts)
        fprintf(w->out, " [%zd]", Pm_REFCNT(op));
    short_repr(op, text, sizeof text);
    fputs("\\n", w->out);
    put_quoted(w->out, text);
    if (w->opt->extra_info != NULL) {
        w->opt->extra_info(op, extra, sizeof extra, w->opt->arg);
        fputs("\\n", w->out);
        put_quoted(w->out, extra);
    }
    fputs("\"];\n", w->out);
}
static void put_colour(Walk *w, PmObject *op, int depth)
{
    const PmObjGraph_Options *opt = w->opt;
    double f = opt->max_depth ? (double)depth / opt->max_depth : 0;
    double h = 0, s = 0, v = 1 * (1 - f) + .3 * f;
    if (opt->highlight != NULL && opt->highlight(op, opt->arg))
        h = .6, s = .6, v = 0.5 + v * 0.5;
    fprintf(w->out, "  o%d[fillcolor=\"%g,%g,%g\"];\n", node_of(w, op), h, s, v);
    if (v < 0.5)
        fprintf(w->out, "  o%d[fontcolor=white];\n", node_of(w, op));
}
static void put_finalizer_mark(Walk *w, PmObject *op)
{
    if (Pm_TYPE(op)->tp_finalize == NULL && Pm_TYPE(op)->tp_del == NULL)
        return;
    int n = node_of(w, op);
    fprintf(w->out, "  o%d->o%d_has_a_del[color=red,style=dotted,len=0.25,weight=10];\n"
                    "  o%d_has_a_del[label=\"__del__\",shape=doublecircle,height=0.25,"
                    "color=red,fillcolor=\"0,.5,1\",fontsize=6];\n", n, n, n);
}
static void put_edge(Walk *w, PmObject *src, PmObject *dst, int nth)
{
    fprintf(w->out, "  o%d -> o%d", node_of(w, src), node_of(w, dst));
    Pm_ssize_t pos = 0;
    PmObject *k, *v;
    if (PmDict_Check(src))
        while (PmDict_Next(src, &pos, &k, &v))
            if (v == dst && PmStr_Check(k) && nth-- == 0) {
                fputs(" [label=\"", w->out);
                put_quoted(w->out, ((PmStrObject *)k)->data);
                fputs("\",weight=2]", w->out);
                break;
            }
    fputs(";\n", w->out);
}
static void put_too_many(Walk *w, PmObject *op, int depth, size_t skipped)
{
    int n = node_of(w, op), max = w->opt->max_depth;
    double f = max ? (double)(depth + 1) / max : 0, v = 1 * (1 - f) + .3 * f;
    if (w->refs)
        fprintf(w->out, "  o%d->too_many_o%d", n, n);
    else
        fprintf(w->out, "  too_many_o%d->o%d", n, n);
    fprintf(w->out, "[color=red,style=dotted,len=0.25,weight=10];\n"
                    "  too_many_o%d[label=\"%zu more %s\",shape=box,height=0.25,"
                    "color=red,fillcolor=\"0,1,%g\",fontsize=6];\n"
                    "  too_many_o%d[fontcolor=white];\n",
            n, skipped, w->refs ? "references" : "backreferences", v, n);
}
static void draw_one(Walk *w, PmObject *op, ObjVec *nb)
{
    const PmObjGraph_Options *opt = w->opt;
    int depth = seen_slot(w, op)->depth, is_new;
    size_t drawn = 0, skipped = 0;
    put_label(w, op);
    put_colour(w, op, depth);
    put_finalizer_mark(w, op);
    if (depth >= opt->max_depth)
        return;
    w->refs ? referents(op, nb) : referrers(op, nb);
    for (size_t i = 0; i < nb->n; i++) {
        PmObject *x = nb->v[i];
        if (opt->filter != NULL && !opt->filter(x, opt->arg))
            continue;
        if (drawn >= (size_t)opt->too_many) { skipped++; continue; }
        seen_add(w, x, depth + 1, &is_new);
        if (is_new)
            vec_push(&w->queue, x);
        int nth = 0;
        for (size_t j = 0; j < i; j++)
            nth += nb->v[j] == x;
        if (w->refs)
            put_edge(w, op, x, nth);
        else
            put_edge(w, x, op, 0);
        drawn++;
    }
    if (skipped > 0)
        put_too_many(w, op, depth, skipped);
}
static Pm_ssize_t show_graph(FILE *out, PmObject *const objs[], Pm_ssize_t n,
                             const PmObjGraph_Options *opt, int refs)
{
    PmObjGraph_Options defaults = PmObjGraph_DEFAULTS;
    Walk w = {.out = out, .opt = opt ? opt : &defaults, .refs = refs};
    ObjVec nb = {0};
    int is_new;
    fputs("digraph ObjectGraph {\n  node[shape=box, style=filled, fillcolor=white];\n", out);
    for (Pm_ssize_t i = 0; i < n; i++) {
        seen_add(&w, objs[i], 0, &is_new);
        if (is_new)
            vec_push(&w.queue, objs[i]);
        fprintf(out, "  o%d[fontcolor=red];\n", node_of(&w, objs[i]));
    }
    for (size_t head = 0; head < w.queue.n; head++)
        draw_one(&w, w.queue.v[head], &nb);
    fputs("}\n", out);
    free(w.seen); free(w.queue.v); free(nb.v);
    return (Pm_ssize_t)w.queue.n;
}
Pm_ssize_t PmObjGraph_ShowRefs(FILE *out, PmObject *const objs[], Pm_ssize_t n,
                               const PmObjGraph_Options *opt)
{
    return show_graph(out, objs, n, opt, 1);
}

Pm_ssize_t PmObjGraph_ShowBackrefs(FILE *out, PmObject *const objs[], Pm_ssize_t n,
                                   const PmObjGraph_Options *opt)
{
    return show_graph(out, objs, n, opt, 0);
}
