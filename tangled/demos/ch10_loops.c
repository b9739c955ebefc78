#include "pm.h"

static int quiet_up(long long v) { return 3 <= v && v <= 253; }
static int never(long long v) { (void)v; return 0; }

static void walk(long long start, long long step, int (*quiet)(long long))
{
    PmObject *x = PmInt_FromLong(start), *y = Pm_NewRef(x);
    for (;;) {
        PmObject *nx = PmInt_FromLong(PmInt_AsLong(x) + step);   /* x += step */
        PmObject *ny = PmInt_FromLong(PmInt_AsLong(y) + step);   /* y += step */
        Pm_DECREF(x); Pm_DECREF(y);
        x = nx; y = ny;
        long long vx = PmInt_AsLong(x), vy = PmInt_AsLong(y);
        if (Pm_Is(x, y)) {
            if (!quiet(vx))
                printf("%lld is %lld\n", vx, vy);
        } else {
            printf("Attention! %lld is not %lld\n", vx, vy);
            break;
        }
    }
    Pm_DECREF(x); Pm_DECREF(y);
}
int main(void)
{
    walk(-1, 1, quiet_up);
    walk(0, -1, never);
    PmObject *small = PmInt_FromLong(1), *big = PmInt_FromLong(257);
    printf("1 lives in the %s segment, 257 in the %s\n",
           Pm_AreaName(Pm_AreaOf(small)), Pm_AreaName(Pm_AreaOf(big)));
    Pm_DECREF(small); Pm_DECREF(big);
    return 0;
}
