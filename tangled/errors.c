#include <string.h>
#include "pm.h"

static struct {
    const char *exc;                   /* NULL: no error is set         */
    char message[200];
} pm_err;                              /* CPython: curexc_type, _value  */

void PmErr_Format(const char *exc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pm_err.message, sizeof pm_err.message, fmt, ap);
    va_end(ap);
    pm_err.exc = exc;                  /* replaces an error already set */
}

void PmErr_SetString(const char *exc, const char *message)
{
    PmErr_Format(exc, "%s", message);
}
const char *PmErr_Occurred(void) { return pm_err.exc; }
const char *PmErr_Message(void) { return pm_err.exc ? pm_err.message : NULL; }
void PmErr_Clear(void) { pm_err.exc = NULL; }

void PmErr_Print(FILE *out)
{
    if (pm_err.exc == NULL)
        Pm_FatalError("PmErr_Print", "no error is set");
    fprintf(out, "%s: %s\n", pm_err.exc, pm_err.message);
    PmErr_Clear();
}
