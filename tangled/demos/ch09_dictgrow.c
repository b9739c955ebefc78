#include "pm.h"

int main(void)
{
    PmObject *d = PmDict_New();
    Pm_ssize_t last = -1;
    for (int n = 0; n < 90; n++) {
        if (n) {
            char name[16];
            snprintf(name, sizeof name, "k%d", n);
            PmObject *k = PmStr_FromString(name), *v = PmInt_FromLong(n);
            PmDict_SetItem(d, k, v);
            Pm_DECREF(k);
            Pm_DECREF(v);
        }
        if (PmObject_SizeOf(d) != last)
            printf("%3d items: %5zd bytes, %3zd index slots\n", n, last = PmObject_SizeOf(d),
                   (Pm_ssize_t)1 << ((PmDictObject *)d)->ma_keys->dk_log2_size);
    }
    Pm_DECREF(d);
    return 0;
}
