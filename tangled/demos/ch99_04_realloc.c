#include "pm.h"

int main(void)
{
    const size_t to[] = {110, 80, 70, 200};
    for (int i = 0; i < 4; i++) {
        void *p = PmObject_Malloc(100);
        void *q = PmObject_Realloc(p, to[i]);
        printf("100 -> %3zu bytes: %s\n", to[i], q == p ? "same block" : "moved");
        PmObject_Free(q);
    }
    return 0;
}
