#include <string.h>
#include "answers.h"

int Ans5_CheckBlock(const void *p, char *why, size_t n)
{
    const PmDebugHeader *h = PM_HEAD(p);
    const char *ids = "rmoRMO";
    if (h->id == 0 || strchr(ids, h->id) == NULL) {
        snprintf(why, n, "not a block of the debug allocator (id byte 0x%02x)", h->id);
        return -1;
    }
    if (h->id < 'a') {
        snprintf(why, n, "freed (serial %zu)", h->serial);
        return -1;
    }
    for (int i = 0; i < 7; i++)
        if (h->pad[i] != PM_FORBIDDENBYTE) {
            snprintf(why, n, "byte %d before the start is 0x%02x", i - 7, h->pad[i]);
            return -1;
        }
    for (int i = 0; i < PM_TAIL_PAD; i++)
        if (PM_TAIL(p)[i] != PM_FORBIDDENBYTE) {
            snprintf(why, n, "byte %d after the end is 0x%02x", i, PM_TAIL(p)[i]);
            return -1;
        }
    snprintf(why, n, "intact (%zu bytes, serial %zu)", h->size, h->serial);
    return 0;
}
