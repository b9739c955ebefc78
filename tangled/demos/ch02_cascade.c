#include "pm.h"
#include "noisy.h"

int main(void)
{
    PmObject *box = noisy("box"), *a = noisy("a"), *b = noisy("b"), *c = noisy("c");
    noisy_hold(box, a);
    noisy_hold(box, b);
    noisy_hold(b, c);
    Pm_DECREF(a); Pm_DECREF(b); Pm_DECREF(c);   /* only box holds them now */
    printf("del box\n");
    Pm_DECREF(box);
    printf("after del box\n");
    return 0;
}
