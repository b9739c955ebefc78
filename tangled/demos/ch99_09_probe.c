#include "pm.h"

int main(void)
{
    PmObject *d = PmDict_New();
    const long long keys[] = {0, 1, 2, 3, 8};
    for (int i = 0; i < 5; i++) {
        PmObject *k = PmInt_FromLong(keys[i]);
        PmDict_SetItem(d, k, k);
        Pm_DECREF(k);
    }
    for (Pm_ssize_t slot = 0; slot < 8; slot++) {
        Pm_ssize_t ix = _PmDict_IndexAt(d, slot);
        printf("slot %zd: ", slot);
        if (ix < 0)
            printf("empty\n");
        else {
            PmObject_Print(_PmDict_EntryAt(d, ix)->me_key, stdout);
            printf("\n");
        }
    }
    Pm_DECREF(d);
    return 0;
}
