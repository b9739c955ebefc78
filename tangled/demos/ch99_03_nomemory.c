#define _DEFAULT_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "answers.h"

static void show(const char *title, void (*misuse)(void))
{
    int fd[2];
    char buf[4096] = "", out[4096];
    if (pipe(fd) != 0) return;
    fflush(stdout);
    if (fork() == 0) {
        dup2(fd[1], 2);
        misuse();
        _exit(0);
    }
    close(fd[1]);
    size_t got = 0;                            /* read until the child is gone */
    for (ssize_t n; got + 1 < sizeof buf && (n = read(fd[0], buf + got, sizeof buf - 1 - got)) > 0; )
        got += (size_t)n;
    buf[got] = '\0';
    close(fd[0]);
    wait(NULL);
    size_t o = 0;
    for (const char *s = buf; *s && o + 6 < sizeof out; ) {
        size_t k = 0;
        if (s[0] == '0' && s[1] == 'x')
            while (s[2 + k] && strchr("0123456789abcdef", s[2 + k])) k++;
        if (k >= 8) { memcpy(out + o, "0x...", 5); o += 5; s += 2 + k; }
        else out[o++] = *s++;
    }
    out[o] = '\0';
    printf("%s:\n  %s\n", title, out);
}

static void an_int_without_memory(void)
{
    Ans3_FailAfter(PM_MEM_DOMAIN_OBJ, 1);
    PmInt_FromLong(1000);
}

int main(void)
{
    void *p[4];
    Ans3_FailAfter(PM_MEM_DOMAIN_RAW, 3);
    for (int i = 0; i < 4; i++)
        p[i] = PmMem_RawMalloc(100);
    Ans3_FailStop();
    for (int i = 0; i < 4; i++) {
        printf("PmMem_RawMalloc call %d: %s\n", i + 1, p[i] ? "a block" : "NULL");
        PmMem_RawFree(p[i]);
    }
    show("an int with the obj domain failing", an_int_without_memory);
    return 0;
}
