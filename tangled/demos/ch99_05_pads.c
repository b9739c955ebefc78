#define _DEFAULT_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "pm.h"

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

static void write_at_16(void)
{
    char *s = PmMem_Malloc(16);
    s[16] = 'A';
    PmMem_Free(s);
}

static void write_at_24(void)
{
    char *s = PmMem_Malloc(16);
    s[24] = 'A';
    PmMem_Free(s);
    fprintf(stderr, "freed without a report");
}

int main(void)
{
    PmMem_SetupDebugHooks();
    show("s[16] = 'A'", write_at_16);
    show("s[24] = 'A'", write_at_24);
    return 0;
}
