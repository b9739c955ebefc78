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
#endif
