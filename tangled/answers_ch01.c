#include <string.h>
#include "answers.h"

typedef struct Printing {                       /* a list being printed */
    const PmObject *list;
    const struct Printing *outer;
} Printing;

static void print_nested(PmObject *op, FILE *out, const Printing *outer)
{
    if (!PmList_Check(op)) {
        PmObject_Print(op, out);
        return;
    }
    for (const Printing *p = outer; p != NULL; p = p->outer)
        if (p->list == op) {
            fputs("[...]", out);                /* already being printed */
            return;
        }
    Printing here = { op, outer };
    Pm_EnterRecursiveCall(" while getting the repr of an object");
    fputc('[', out);
    for (Pm_ssize_t i = 0; i < Pm_SIZE(op); i++) {
        fputs(i > 0 ? ", " : "", out);
        print_nested(PmList_GET_ITEM(op, i), out, &here);
    }
    fputc(']', out);
    Pm_LeaveRecursiveCall();
}

void Ans1_Print(PmObject *op, FILE *out) { print_nested(op, out, NULL); }
void Ans1_ListInsert(PmObject *list, Pm_ssize_t i, PmObject *item)
{
    Pm_ssize_t n = Pm_SIZE(list);               /* PmList_Append checks the type */
    PmList_Append(list, item);                  /* grows; the list's reference */
    if (i < 0 && (i += n) < 0)
        i = 0;
    if (i > n)
        i = n;
    PmObject **items = ((PmListObject *)list)->ob_item;
    memmove(items + i + 1, items + i, (size_t)(n - i) * sizeof *items);
    items[i] = item;
}
