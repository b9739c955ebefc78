/* lsan_arena.c -- chapter 4, "Arenas and LeakSanitizer": a block of the raw
 * domain whose only pointer lies inside an arena is reachable, not a leak,
 * because the runtime registers each arena as a root region while it is
 * mapped. build.sh builds this program with AddressSanitizer, once with gcc
 * (which says so with __SANITIZE_ADDRESS__) and once with clang (which says
 * so with __has_feature(address_sanitizer)); LeakSanitizer reports the
 * 8,000-byte block and the program fails if an arena was not registered. */
#include "pm.h"

static void **root;                    /* a global: LeakSanitizer scans it */

int main(void)
{
    root = PmObject_Malloc(16);        /* a block in an arena */
    root[0] = PmMem_RawMalloc(8000);   /* its only pointer: in that block */
    return 0;                          /* both still held at exit */
}
