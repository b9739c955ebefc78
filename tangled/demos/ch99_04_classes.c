#include "pm.h"

int main(void)
{
    static int state[1024];
    const size_t request[] = {24, 100, 500};
    for (int i = 0; i < 3; i++) {
        void *p = PmObject_Malloc(request[i]);
        size_t c = (request[i] - 1) / 16;
        printf("%3zu bytes: class %2zu, blocks of %3zu bytes, %3d blocks per pool\n",
               request[i], c, (c + 1) * 16, Pm_PoolBlocks(p, state, 1024));
        PmObject_Free(p);
    }
    return 0;
}
