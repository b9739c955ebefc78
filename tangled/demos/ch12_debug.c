#define _GNU_SOURCE                    /* open_memstream */
#include <regex.h>
#include <string.h>
#include "pm.h"

static void replace(char *text, const char *pattern, const char *with)
{
    regex_t re;
    regmatch_t m;
    char out[4096] = "";
    const char *p = text;
    regcomp(&re, pattern, REG_EXTENDED);
    while (regexec(&re, p, 1, &m, 0) == 0) {
        strncat(out, p, (size_t)m.rm_so);
        strcat(out, with);
        p += m.rm_eo;
    }
    strcat(out, p);
    strcpy(text, out);
    regfree(&re);
}
int main(void)
{
    char *buf, text[4096];
    size_t len;
    FILE *err = open_memstream(&buf, &len);
    PmGC_SetDebugFile(err);
    PmGC_SetDebug(PmGC_DEBUG_STATS | PmGC_DEBUG_COLLECTABLE);
    PmObject *a = PmList_New(0), *b = PmList_New(0);
    PmList_Append(b, a); PmList_Append(a, b); Pm_DECREF(a); Pm_DECREF(b);
    PmGC_Collect();
    PmGC_SetDebug(PmGC_DEBUG_SAVEALL);
    a = PmList_New(0); PmList_Append(a, a); Pm_DECREF(a);
    Pm_ssize_t n = PmGC_Collect();
    PmGC_SetDebug(0); fclose(err);
    snprintf(text, sizeof text, "%s", buf);
    free(buf);
    replace(text, "0x[0-9a-f]+", "0x...");
    replace(text, "each generation:[0-9 ]+", "each generation: (sizes)");
    replace(text, "[0-9.]+s elapsed", "(time) elapsed");
    PmObject *g = PmGC_Garbage();
    printf("%scollect() -> %zd and gc.garbage holds %zd %s\n", text, n,
           PmList_GET_SIZE(g), Pm_TYPE(PmList_GET_ITEM(g, 0))->tp_name);
    return 0;
}
