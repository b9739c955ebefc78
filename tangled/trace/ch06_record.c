/* trace/ch06_record.c -- record the mem- and obj-domain calls of CPython 3.11
   running a program: ch06_record PROGRAM.py TRACE */
#include <Python.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAP_BITS = 23 };                    /* 8M slots, for 1-2M live blocks */
static struct { uintptr_t key; uint32_t id; } live[1u << MAP_BITS];
#define MAP_MASK ((1u << MAP_BITS) - 1)

static size_t home_of(uintptr_t p)
{
    return (size_t)((p >> 4) * 0x9e3779b97f4a7c15u) >> (64 - MAP_BITS);
}

static size_t slot_of(uintptr_t p)
{
    size_t i = home_of(p);
    while (live[i].key != 0 && live[i].key != p)
        i = (i + 1) & MAP_MASK;
    return i;
}
static void live_put(void *p, uint32_t id)
{
    size_t i = slot_of((uintptr_t)p);
    live[i].key = (uintptr_t)p;
    live[i].id = id;
}

static long live_take(void *p)          /* p's number, removed; -1 if unknown */
{
    size_t i = slot_of((uintptr_t)p), j = i;
    if (live[i].key == 0)
        return -1;
    long id = live[i].id;
    for (live[i].key = 0;; ) {          /* shift back what probed past i */
        j = (j + 1) & MAP_MASK;
        if (live[j].key == 0)
            return id;
        size_t h = home_of(live[j].key);
        if (i <= j ? (h > i && h <= j) : (h > i || h <= j))
            continue;                   /* j is reachable without i */
        live[i] = live[j];
        live[j].key = 0;
        i = j;
    }
}
static FILE *out;
static uint32_t next_id;                   /* blocks numbered in order */

static void *rec_malloc(void *ctx, size_t n)
{
    PyMemAllocatorEx *a = ctx;
    void *p = a->malloc(a->ctx, n);
    if (p != NULL) {
        live_put(p, next_id++);
        fprintf(out, "m %zu\n", n);
    }
    return p;
}

static void *rec_calloc(void *ctx, size_t k, size_t n)
{
    PyMemAllocatorEx *a = ctx;
    void *p = a->calloc(a->ctx, k, n);
    if (p != NULL) {
        live_put(p, next_id++);
        fprintf(out, "m %zu\n", k * n);
    }
    return p;
}
static void *rec_realloc(void *ctx, void *p, size_t n)
{
    PyMemAllocatorEx *a = ctx;
    void *q = a->realloc(a->ctx, p, n);
    if (q == NULL)
        return NULL;
    long id = p != NULL ? live_take(p) : -1;
    if (id < 0) {                          /* not recorded: a new block */
        live_put(q, next_id++);
        fprintf(out, "m %zu\n", n);
    } else {
        live_put(q, (uint32_t)id);
        fprintf(out, "r %u %zu\n", next_id - 1 - (uint32_t)id, n);
    }
    return q;
}

static void rec_free(void *ctx, void *p)
{
    PyMemAllocatorEx *a = ctx;
    long id = p != NULL ? live_take(p) : -1;
    if (id >= 0)
        fprintf(out, "f %u\n", next_id - 1 - (uint32_t)id);
    a->free(a->ctx, p);
}
int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s PROGRAM.py TRACE\n", argv[0]);
        return 2;
    }
    setenv("PYTHONHASHSEED", "0", 1);     /* sets and dicts laid out alike */
    Py_InitializeEx(0);
    FILE *prog = fopen(argv[1], "r");
    out = fopen(argv[2], "w");
    if (prog == NULL || out == NULL) {
        perror("ch06_record");
        return 1;
    }
    static PyMemAllocatorEx wrapped[2];
    PyMemAllocatorDomain domain[2] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
    for (int d = 0; d < 2; d++) {
        PyMem_GetAllocator(domain[d], &wrapped[d]);
        PyMemAllocatorEx hook = {&wrapped[d], rec_malloc, rec_calloc, rec_realloc, rec_free};
        PyMem_SetAllocator(domain[d], &hook);
    }
    int rc = PyRun_SimpleFile(prog, argv[1]);
    for (int d = 0; d < 2; d++)
        PyMem_SetAllocator(domain[d], &wrapped[d]);
    fclose(out);
    fclose(prog);
    return Py_FinalizeEx() < 0 || rc != 0;
}
