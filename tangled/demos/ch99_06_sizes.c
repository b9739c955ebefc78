#include "answers.h"

int main(void)
{
    unsigned sizes[8];
    Ans6_FirstSizes(8, sizes);
    printf("the first sizes of workload 2: [");
    for (int i = 0; i < 8; i++)
        printf("%s%u", i ? ", " : "", sizes[i]);
    printf("]\n");
    return 0;
}
