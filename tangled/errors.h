#ifndef PM_ERRORS_H
#define PM_ERRORS_H
#define PmExc_TypeError   "TypeError"      /* CPython: PyExc_TypeError   */
#define PmExc_ValueError  "ValueError"
#define PmExc_IndexError  "IndexError"
#define PmExc_BufferError "BufferError"
void PmErr_SetString(const char *exc, const char *message);
void PmErr_Format(const char *exc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *PmErr_Occurred(void);          /* the exception's name, or NULL */
const char *PmErr_Message(void);           /* its message, or NULL          */
void PmErr_Clear(void);
void PmErr_Print(FILE *out);               /* "BufferError: ...", cleared   */
#endif
