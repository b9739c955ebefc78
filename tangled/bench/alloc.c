/* bench/alloc.c -- one benchmark, compiled once per allocator under test */
#if defined BENCH_PYMALLOC             /* CPython 3.11's pymalloc, embedded */
#include <Python.h>                    /* first, as Python.h requires */
#define ALLOCATOR     "pymalloc"
#define bench_malloc  PyObject_Malloc
#define bench_realloc PyObject_Realloc
#define bench_free    PyObject_Free
#define bench_init()  Py_InitializeEx(0)
#else
#define _GNU_SOURCE                    /* MAP_ANONYMOUS, clock_gettime */
#if defined BENCH_PM                   /* ours: the obj domain, pymalloc behind it */
#include "pm.h"
#define ALLOCATOR     "pm"
#define bench_malloc  PmObject_Malloc
#define bench_realloc PmObject_Realloc
#define bench_free    PmObject_Free
#elif defined BENCH_MIMALLOC
#include <mimalloc.h>
#define ALLOCATOR     "mimalloc"
#define bench_malloc  mi_malloc
#define bench_realloc mi_realloc
#define bench_free    mi_free
#elif defined BENCH_JEMALLOC           /* linked with -ljemalloc: its malloc */
#define ALLOCATOR     "jemalloc"
#define bench_malloc  malloc
#define bench_realloc realloc
#define bench_free    free
#elif defined BENCH_GLIBC
#define ALLOCATOR     "glibc"
#define bench_malloc  malloc
#define bench_realloc realloc
#define bench_free    free
#else
#error "define one of BENCH_PM, BENCH_GLIBC, BENCH_MIMALLOC, BENCH_JEMALLOC, BENCH_PYMALLOC"
#endif
#define bench_init()  ((void)0)
#endif
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT ((void)0)
#endif
#define PM_BENCH_UNLIKELY(x) __builtin_expect(!!(x), 0)

static uint64_t random_state = 6;      /* the start: the same for every allocator */

static uint64_t next_random(void)      /* splitmix64 */
{
    uint64_t z = (random_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint32_t random_below(uint32_t n) { return (uint32_t)(next_random() % n); }
static void *new_array(size_t count, size_t size)
{
    void *p = mmap(NULL, count * size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("bench: mmap");
        exit(1);
    }
    return memset(p, 0, count * size);        /* resident from now on */
}
static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static double rss_mib(void)            /* the Rss line of smaps_rollup */
{
    char text[4096], *line;
    int fd = open("/proc/self/smaps_rollup", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    if (fd >= 0)
        close(fd);
    text[n > 0 ? n : 0] = '\0';
    line = strstr(text, "\nRss:");
    return line != NULL ? strtod(line + 5, NULL) / 1024 : -1;
}
static long minor_faults(void)         /* this process's, so far */
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}
typedef struct {
    double ns;                         /* time on the watch so far */
    int collect;                       /* and tell callgrind to count */
} Stopwatch;

static void watch_start(Stopwatch *s)
{
    s->ns -= now_ns();
    if (s->collect)
        CALLGRIND_TOGGLE_COLLECT;
}

static void watch_stop(Stopwatch *s)
{
    if (s->collect)
        CALLGRIND_TOGGLE_COLLECT;
    s->ns += now_ns();
}
typedef struct Workload Workload;
struct Workload {
    const char *name;
    size_t n;                          /* pairs (lifo, uniform) or steps (churn) */
    size_t live;                       /* churn: blocks alive at once */
    uint16_t *size;                    /* request sizes, in the order made */
    uint32_t *order;                   /* uniform: free order; churn: slot to free */
    void **block;
    double (*run)(Workload *w, int collect);    /* one run: ns timed */
    double rss_high;                   /* MiB resident when the most is live */
    uint8_t *op;                       /* trace: 'm', 'r' or 'f' per event */
    uint32_t *bytes;                   /* trace: size of an 'm' or 'r' */
    size_t peak_at;                    /* trace: the event after which most is live */
};
static inline void *use_block(void *p, uint64_t value)
{
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    *(uint64_t *)p = value;            /* as an object's header would be */
    return p;
}
static void *volatile sink;            /* a pair the compiler cannot remove */

static double run_lifo(Workload *w, int collect)
{
    Stopwatch s = {0, collect};
    watch_start(&s);
    for (size_t i = 0; i < w->n; i++) {
        void *p = use_block(bench_malloc(32), i);
        sink = p;
        bench_free(p);
    }
    watch_stop(&s);
    w->rss_high = rss_mib();
    return s.ns;
}
static double run_uniform(Workload *w, int collect)
{
    Stopwatch s = {0, collect};
    watch_start(&s);
    for (size_t i = 0; i < w->n; i++)
        w->block[i] = use_block(bench_malloc(w->size[i]), i);
    watch_stop(&s);
    w->rss_high = rss_mib();
    watch_start(&s);
    for (size_t i = 0; i < w->n; i++)
        bench_free(w->block[w->order[i]]);
    watch_stop(&s);
    return s.ns;
}
static double run_churn(Workload *w, int collect)
{
    Stopwatch s = {0, collect};
    for (size_t i = 0; i < w->live; i++)
        w->block[i] = use_block(bench_malloc(w->size[i]), i);
    watch_start(&s);
    for (size_t k = 0; k < w->n; k++) {
        uint32_t j = w->order[k];
        bench_free(w->block[j]);
        w->block[j] = use_block(bench_malloc(w->size[w->live + k]), k);
    }
    watch_stop(&s);
    w->rss_high = rss_mib();
    for (size_t i = 0; i < w->live; i++)
        bench_free(w->block[i]);
    return s.ns;
}
static double run_trace(Workload *w, int collect);

static void read_trace(Workload *w, const char *path)
{
    int fd = open(path, O_RDONLY);
    off_t len = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
    if (len <= 0) {
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    char *text = new_array((size_t)len + 1, 1);
    if (pread(fd, text, (size_t)len, 0) != len) {
        perror("bench: read");
        exit(2);
    }
    close(fd);
    size_t events = 0, blocks = 0;
    for (off_t i = 0; i < len; i++)
        if (text[i] == '\n') {
            events++;
            blocks += i + 1 < len && text[i + 1] == 'm';
        }
    blocks += text[0] == 'm';
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    static char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(strstr(base, ".trace") - base), base);
    w->name = name;
    w->n = events;
    w->live = blocks;
    w->run = run_trace;
    w->op = new_array(events, 1);
    w->order = new_array(events, sizeof *w->order);
    w->bytes = new_array(events, sizeof *w->bytes);
    w->block = new_array(blocks, sizeof *w->block);
    uint32_t *held = new_array(blocks, sizeof *held);    /* each block's size now */
    size_t made = 0, now = 0, most = 0;
    char *t = text;
    for (size_t e = 0; e < events; e++) {
        char op = *t++;
        unsigned long a = strtoul(t, &t, 10), b = op == 'r' ? strtoul(t, &t, 10) : 0;
        uint32_t id = op == 'm' ? (uint32_t)made++ : (uint32_t)(made - 1 - a);
        size_t size = op == 'm' ? a : b;
        now = now - held[id] + size;          /* an 'f' holds 0 from now on */
        held[id] = (uint32_t)size;
        if (now > most)
            most = now, w->peak_at = e;
        w->op[e] = (uint8_t)op, w->order[e] = id, w->bytes[e] = (uint32_t)size;
        t++;                                  /* the newline */
    }
    munmap(held, blocks * sizeof *held);
    munmap(text, (size_t)len + 1);
}
static inline void *touch(void *p, size_t n, uint64_t value)
{
    if (n >= 8)
        return use_block(p, value);
    if (p == NULL && n > 0)
        use_block(NULL, 0);               /* out of memory: says so, exits */
    if (n > 0)
        *(uint8_t *)p = (uint8_t)value;
    return p;
}
static double run_trace(Workload *w, int collect)
{
    Stopwatch s = {0, collect};
    watch_start(&s);
    for (size_t e = 0; e < w->n; e++) {
        void **b = &w->block[w->order[e]];
        switch (w->op[e]) {
        case 'm': *b = touch(bench_malloc(w->bytes[e]), w->bytes[e], e); break;
        case 'r': *b = touch(bench_realloc(*b, w->bytes[e]), w->bytes[e], e); break;
        default:  bench_free(*b); break;
        }
        if (PM_BENCH_UNLIKELY(e == w->peak_at)) {
            watch_stop(&s);
            w->rss_high = rss_mib();
            watch_start(&s);
        }
    }
    watch_stop(&s);
    return s.ns;
}
static Workload setup(const char *name, size_t scale)
{
    Workload w = {.name = name};
    if (strcmp(name, "lifo") == 0) {
        w.n = 10000000 / scale;
        w.run = run_lifo;
    } else if (strcmp(name, "uniform") == 0) {
        w.n = 10000000 / scale;
        w.run = run_uniform;
        w.size = new_array(w.n, sizeof *w.size);
        w.order = new_array(w.n, sizeof *w.order);
        w.block = new_array(w.n, sizeof *w.block);
        for (size_t i = 0; i < w.n; i++) {
            w.size[i] = (uint16_t)(16 + random_below(497));
            w.order[i] = (uint32_t)i;
        }
        for (size_t i = w.n - 1; i > 0; i--) {         /* Fisher-Yates shuffle */
            uint32_t j = random_below((uint32_t)i + 1), t = w.order[i];
            w.order[i] = w.order[j];
            w.order[j] = t;
        }
    } else if (strcmp(name, "churn") == 0) {
        w.live = 1000000 / scale;
        w.n = 20000000 / scale;
        w.run = run_churn;
        w.size = new_array(w.live + w.n, sizeof *w.size);
        w.order = new_array(w.n, sizeof *w.order);
        w.block = new_array(w.live, sizeof *w.block);
        for (size_t i = 0; i < w.live + w.n; i++)
            w.size[i] = (uint16_t)(16 + random_below(49));
        for (size_t k = 0; k < w.n; k++)
            w.order[k] = random_below((uint32_t)w.live);
    } else if (strstr(name, ".trace") != NULL) {
        read_trace(&w, name);
    } else {
        fprintf(stderr, "bench: no workload %s (lifo, uniform, churn, FILE.trace)\n", name);
        exit(2);
    }
    return w;
}
static int w_is_synthetic(const char *name) { return strstr(name, ".trace") == NULL; }
int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s lifo|uniform|churn|FILE.trace [callgrind]\n", argv[0]);
        return 2;
    }
    int callgrind = argc > 2 && strcmp(argv[2], "callgrind") == 0;
    bench_init();
    Workload w = setup(argv[1], callgrind && w_is_synthetic(argv[1]) ? 10 : 1);
    double base = rss_mib();
    long faults = minor_faults();
    double ns = w.run(&w, callgrind) / w.n;
    faults = minor_faults() - faults;
    if (callgrind) {
        printf("ops=%zu\n", w.n);
        return 0;
    }
    printf("result %s %s ns_per_op=%.2f rss_peak_mib=%.1f rss_after_free_mib=%.1f faults=%ld\n",
           w.name, ALLOCATOR, ns, w.rss_high - base, rss_mib() - base, faults);
    return 0;
}
