#include "pm.h"

int main(void)
{
    const long long v[] = {(1LL << 30) - 1, 1LL << 30, (1LL << 60) - 1, 1LL << 60};
    const char *text[] = {"2**30 - 1", "2**30", "2**60 - 1", "2**60"};
    for (int i = 0; i < 4; i++) {
        PmObject *n = PmInt_FromLong(v[i]);
        printf("PmObject_SizeOf(%s) = %zd\n", text[i], PmObject_SizeOf(n));
        Pm_DECREF(n);
    }
    return 0;
}
