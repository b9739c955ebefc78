#include "answers.h"

static double median7(const double *x)         /* of seven values */
{
    double s[7];
    for (int i = 0; i < 7; i++)
        s[i] = x[i];
    for (int i = 1; i < 7; i++)                /* insertion sort */
        for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
            double t = s[j]; s[j] = s[j - 1]; s[j - 1] = t;
        }
    return s[3];
}

int main(void)
{
    double a[7] = {10, 10, 10, 30, 30, 30, 30}, b[7] = {12, 12, 12, 27, 40, 40, 40}, m;
    int won = Ans6_CompareRounds(a, b, 7, &m);
    printf("median of the per-round ratios A/B: %.3f  (A won %d of 7 rounds)\n", m, won);
    printf("ratio of the medians A/B:           %.3f\n", median7(a) / median7(b));
    return 0;
}
