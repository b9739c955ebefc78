#include "pm.h"

static void set(PmObject *d, const char *key, long long value)
{
    PmObject *k = PmStr_FromString(key), *v = PmInt_FromLong(value);
    PmDict_SetItem(d, k, v);
    Pm_DECREF(k);
    Pm_DECREF(v);
}

int main(void)
{
    PmObject *d = PmDict_New(), *two = PmStr_FromString("two");
    set(d, "one", 1); set(d, "two", 2); set(d, "three", 3); set(d, "four", 4);
    PmDict_DelItem(d, two);                          /* del d['two'] */
    PmDictKeysObject *dk = ((PmDictObject *)d)->ma_keys;
    Pm_ssize_t size = (Pm_ssize_t)1 << dk->dk_log2_size;
    printf("digraph dict {\n  rankdir=LR;\n  node [shape=plaintext, fontname=\"Helvetica\", "
           "fontsize=11];\n");
    printf("  index [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\n"
           "<TR><TD COLSPAN=\"2\">indices</TD></TR>\n");
    for (Pm_ssize_t i = 0; i < size; i++) {
        Pm_ssize_t ix = _PmDict_IndexAt(d, i);
        printf("<TR><TD>%zd</TD><TD PORT=\"s%zd\">%s%zd</TD></TR>\n", i, i,
               ix == -1 ? "empty " : ix == -2 ? "dummy " : "", ix);
    }
    printf("</TABLE>>];\n");
    printf("  entries [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\n"
           "<TR><TD></TD><TD>home slot</TD><TD>key</TD><TD>value</TD></TR>\n");
    for (Pm_ssize_t i = 0; i < dk->dk_nentries + dk->dk_usable; i++) {
        const PmDictEntry *e = _PmDict_EntryAt(d, i);
        printf("<TR><TD PORT=\"e%zd\">%zd</TD>", i, i);
        if (i >= dk->dk_nentries)
            printf("<TD COLSPAN=\"3\" BGCOLOR=\"#dddddd\">room</TD></TR>\n");
        else if (e->me_key == NULL)
            printf("<TD COLSPAN=\"3\">deleted</TD></TR>\n");
        else {
            printf("<TD>%zd</TD><TD>", (Pm_ssize_t)((size_t)e->me_hash & (size_t)(size - 1)));
            PmObject_Print(e->me_key, stdout);
            printf("</TD><TD>");
            PmObject_Print(e->me_value, stdout);
            printf("</TD></TR>\n");
        }
    }
    printf("</TABLE>>];\n");
    for (Pm_ssize_t i = 0; i < size; i++)
        if (_PmDict_IndexAt(d, i) >= 0)
            printf("  index:s%zd -> entries:e%zd;\n", i, _PmDict_IndexAt(d, i));
    printf("}\n");
    Pm_DECREF(two); Pm_DECREF(d);
    return 0;
}
