#include "pm.h"

static void row(const char *text, PmObject *a, PmObject *b)
{
    printf("%-26s%s\n", text, Pm_Is(a, b) ? "True" : "False");
    Pm_DECREF(a);
    Pm_DECREF(b);
}

int main(void)
{
    const char *s = "xab", c200[] = {(char)200};
    row("s[:0] is '':", PmStr_FromStringAndSize(s, 0), PmStr_FromString(""));
    row("s[1:2] is chr(97):", PmStr_FromStringAndSize(s + 1, 1), PmStr_FromStringAndSize("a", 1));
    row("chr(200) is chr(200):", PmStr_FromStringAndSize(c200, 1), PmStr_FromStringAndSize(c200, 1));
    row("s[1:3] is s[1:3]:", PmStr_FromStringAndSize(s + 1, 2), PmStr_FromStringAndSize(s + 1, 2));
    row("tuple() is ():", PmTuple_New(0), PmTuple_New(0));
    return 0;
}
