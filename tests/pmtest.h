/* pmtest.h -- what the chapters' tests share.
 *
 * pm_in_child(fn, err, n): run fn() in a child process with its stderr sent
 * to a pipe; put what it wrote in err (NUL-terminated) and return its wait
 * status. Check's exit and signal tests can check *that* a process died;
 * this lets a test also check *what it said*, which is the half of a
 * checked runtime error that a reader relies on. */
#ifndef PMTEST_H
#define PMTEST_H
#define _DEFAULT_SOURCE                /* mmap flags, fork, pipe */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "pm.h"

extern const char *pm_test_argv0;     /* set by main.c */

static inline int pm_in_child(void (*fn)(void), char *err, size_t n)
{
    int fd[2], status = 0;
    size_t got = 0;
    ssize_t r;
    ck_assert_int_eq(pipe(fd), 0);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 2);
        fn();
        _exit(0);
    }
    close(fd[1]);
    while (got + 1 < n && (r = read(fd[0], err + got, n - 1 - got)) > 0)
        got += (size_t)r;
    err[got] = '\0';
    close(fd[0]);
    waitpid(pid, &status, 0);
    return status;
}

/* The child must have been killed by SIGABRT after printing `want`. */
#define ck_assert_fatal(fn, want) do {                                      \
    char _err[4096];                                                        \
    int _st = pm_in_child(fn, _err, sizeof _err);                           \
    ck_assert_msg(WIFSIGNALED(_st) && WTERMSIG(_st) == SIGABRT,             \
                  "expected abort(), got status %d; stderr: %s", _st, _err); \
    ck_assert_msg(strstr(_err, (want)) != NULL,                             \
                  "stderr lacks \"%s\": %s", (want), _err);                 \
} while (0)

/* The refleak check (CPython: regrtest -R, "refleak hunting"). Every test
 * body runs PM_TEST_RUNS times in its process: the first run fills the
 * caches and free lists; if each later run leaves more blocks alive
 * (PmSys_GetAllocatedBlocks, CPython's sys.getallocatedblocks) or a higher
 * total of reference counts (PmSys_GetTotalRefCount, sys.gettotalrefcount
 * of a debug build), the test fails and says by how much. After every run
 * the heap checker walks the small-object allocators, where a layer has it.
 *
 * A test whose memory legitimately stays (a cache it fills on purpose)
 * says so with PM_KEEPS_MEMORY("why"); a test that can only run once in a
 * process (it measures the state at start-up) says PM_RUNS_ONCE("why").
 * PMTEST_RUNS=N in the environment changes the number of runs. */
#define PM_TEST_RUNS 3
static const char *pm_test_keeps, *pm_test_once;
#define PM_KEEPS_MEMORY(why) (pm_test_keeps = (why))
#define PM_RUNS_ONCE(why) (pm_test_once = (why))
/* A test whose expectation is the collector's own schedule (how many
   collections ran, what a free list holds, the order of a generation's list)
   cannot hold when PMGC=stress collects at container allocations: it says
   why and returns at once in that run; every other run checks it. */
#define PM_NOT_UNDER_STRESS(why)                                               \
    do {                                                                       \
        const char *pm_gc_env_ = getenv("PMGC");                               \
        if (pm_gc_env_ != NULL && strcmp(pm_gc_env_, "stress") == 0) {         \
            (void)(why);                                                       \
            return;                                                            \
        }                                                                      \
    } while (0)

typedef struct { Pm_ssize_t blocks, refs; } PmTestCounts;

static inline PmTestCounts pm_test_counts(void)
{
    PmTestCounts c = { PmSys_GetAllocatedBlocks(), 0 };
#ifdef PM_REF_DEBUG
    c.refs = PmSys_GetTotalRefCount();
#endif
    return c;
}

static inline void pm_test_check_heap(const char *test, int run)
{
#ifdef PM_HAVE_CHECK_HEAP
    char why[512];
    ck_assert_msg(PmMem_CheckHeap(why, sizeof why) == 0,
                  "%s, run %d: the heap is broken: %s", test, run, why);
#else
    (void)test; (void)run;
#endif
}

/* Run body `runs` times; return what grew in every run after the first:
 * 1 blocks, 2 references, 3 both, 0 nothing (or the test runs once). The
 * last run's growth is left in d. */
static inline int pm_test_leaks(void (*body)(int), int i, int runs, const char *test,
                                Pm_ssize_t d[2])
{
    int more_blocks = runs > 1, more_refs = runs > 1;
    pm_test_keeps = pm_test_once = NULL;
    d[0] = d[1] = 0;
    for (int run = 1; run <= runs; run++) {
        PmTestCounts before = pm_test_counts();
        body(i);
        pm_test_check_heap(test, run);
        if (pm_test_once)
            return 0;
        PmTestCounts after = pm_test_counts();
        if (run == 1)
            continue;                  /* the warm-up */
        d[0] = after.blocks - before.blocks;
        d[1] = after.refs - before.refs;
        more_blocks &= d[0] > 0;
        more_refs &= d[1] > 0;
    }
    return more_blocks | more_refs << 1;
}

static inline void pm_test_run(void (*body)(int), int i, const char *test)
{
    const char *env = getenv("PMTEST_RUNS");
    Pm_ssize_t d[2];
    int leaks = pm_test_leaks(body, i, env && *env ? atoi(env) : PM_TEST_RUNS, test, d);
    ck_assert_msg(leaks == 0 || pm_test_keeps,
                  "%s leaks: every run after the first left more %s (the last: %+zd blocks, "
                  "%+zd references)", test, leaks & 1 ? "blocks alive" : "references", d[0], d[1]);
}

/* Check's START_TEST, with the body run by pm_test_run. */
#undef START_TEST
#define START_TEST(__testname)                                                  \
static void __testname##_body(int _i CK_ATTRIBUTE_UNUSED);                      \
static void __testname##_fn(int _i) { pm_test_run(__testname##_body, _i, #__testname); } \
static const TTest __testname##_ttest = {""#__testname, __testname##_fn, __FILE__, __LINE__}; \
static const TTest *__testname = &__testname##_ttest;                           \
static void __testname##_body(int _i CK_ATTRIBUTE_UNUSED)
#endif
