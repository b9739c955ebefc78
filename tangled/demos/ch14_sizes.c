#include "pm.h"

int main(void)
{
    static const double sizes[] = {0, 1, 424, 1023, 1024, 10239, 10240, 10291, 51200,
        102399, 102400, 1048575, 10485759, 10485760, 104857599, 1073741824,
        1099511627776.0, 1125899906842624.0};
    char a[32], b[32], c[32];
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        printf("%17.0f %12s %12s %12s\n", sizes[i],
               PmTraceMalloc_FormatSize(sizes[i], 0, a, sizeof a),
               PmTraceMalloc_FormatSize(sizes[i], 1, b, sizeof b),
               PmTraceMalloc_FormatSize(0.0 - sizes[i], 1, c, sizeof c));
    printf("average 10698 / 21: %s\n", PmTraceMalloc_FormatSize(10698.0 / 21, 0, a, sizeof a));
    printf("average 27 / 4: %s\n", PmTraceMalloc_FormatSize(27.0 / 4, 0, a, sizeof a));
    return 0;
}
