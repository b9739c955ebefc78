#include <math.h>
#include "pm.h"

Pm_hash_t PmObject_Hash(PmObject *op)
{
    PmTypeObject *tp = Pm_TYPE(op);
    if (tp->tp_hash == NULL)
        Pm_FatalError("PmObject_Hash", "unhashable type: '%s'", tp->tp_name);
    Pm_EnterRecursiveCall(" while hashing");
    Pm_hash_t h = tp->tp_hash(op);
    Pm_LeaveRecursiveCall();
    return h;
}
#define PM_HASH_BITS 61
#define PM_HASH_MODULUS (((uint64_t)1 << PM_HASH_BITS) - 1)

static Pm_hash_t int_hash(PmObject *op)
{
    long long v = PmInt_AsLong(op);
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    Pm_hash_t h = (Pm_hash_t)(m % PM_HASH_MODULUS);
    if (v < 0)
        h = -h;
    return h == -1 ? -2 : h;
}
static Pm_hash_t float_hash(PmObject *op)
{
    double v = PmFloat_AsDouble(op);
    if (!isfinite(v))
        return isinf(v) ? (v > 0 ? 314159 : -314159) : _Pm_HashPointer(op);
    int e, sign = 1;
    double m = frexp(v, &e);
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0, y;
    while (m) {
        x = ((x << 28) & PM_HASH_MODULUS)
            | x >> (PM_HASH_BITS - 28);    /* x * 2**28, modulo */
        m *= 268435456.0;                 /* 2**28 */
        e -= 28;
        y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= PM_HASH_MODULUS)
            x -= PM_HASH_MODULUS;
    }
    e = e >= 0 ? e % PM_HASH_BITS : PM_HASH_BITS - 1 - ((-1 - e) % PM_HASH_BITS);
    x = ((x << e) & PM_HASH_MODULUS)
        | x >> (PM_HASH_BITS - e);         /* x * 2**e, modulo */
    Pm_hash_t h = (Pm_hash_t)x * sign;
    return h == -1 ? -2 : h;
}
static Pm_hash_t str_hash(PmObject *op)
{
    PmStrObject *s = (PmStrObject *)op;
    if (s->hash != -1)
        return s->hash;
    uint64_t h = 14695981039346656037u;              /* FNV-1a, 64 bits */
    for (Pm_ssize_t i = 0; i < Pm_SIZE(s); i++)
        h = (h ^ (unsigned char)s->data[i]) * 1099511628211u;
    Pm_hash_t r = (Pm_hash_t)h;
    return s->hash = (r == -1 ? -2 : r);
}
static Pm_hash_t tuple_hash(PmObject *op)
{
    const uint64_t p1 = 11400714785074694791u, p2 = 14029467366897019727u,
                   p5 = 2870177450012600261u;
    uint64_t acc = p5;
    Pm_ssize_t n = PmTuple_GET_SIZE(op);
    for (Pm_ssize_t i = 0; i < n; i++) {
        acc += (uint64_t)PmObject_Hash(PmTuple_GET_ITEM(op, i)) * p2;
        acc = (acc << 31)
              | (acc >> 33);             /* rotate left by 31 */
        acc *= p1;
    }
    acc += (uint64_t)n ^ (p5 ^ 3527539u);
    return acc == (uint64_t)-1 ? 1546275796 : (Pm_hash_t)acc;
}

Pm_hash_t _Pm_HashPointer(const void *p)
{
    uintptr_t y = (uintptr_t)p;
    Pm_hash_t h = (Pm_hash_t)((y >> 4) | (y << (8 * sizeof(void *) - 4)));
    return h == -1 ? -2 : h;
}

static Pm_hash_t pointer_hash(PmObject *op) { return _Pm_HashPointer(op); }
__attribute__((constructor)) static void pm_install_hashes(void)
{
    PmInt_Type.tp_hash = int_hash;
    PmFloat_Type.tp_hash = float_hash;
    PmStr_Type.tp_hash = str_hash;
    PmTuple_Type.tp_hash = tuple_hash;
    PmNone_Type.tp_hash = pointer_hash;
    PmBaseObject_Type.tp_hash = pointer_hash;
}
